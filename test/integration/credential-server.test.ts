// awsx exec --server against moto: the real AWS CLI in CMD keeps working across a renewal (the STS front makes
// role sessions last 6 seconds), MFA roles renew from a cached MFA session or mfa_process without a prompt, the
// exit code passes through, and nothing secret reaches awsx's own output.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listCredentialServers } from '../../src/server/registry.js';
import { AWSX, makeSandbox, type RunResult, type Sandbox } from '../helpers/sandbox.js';
import { ACCOUNT, arn, MFA_SERIAL } from '../helpers/accounts.js';
import { BASE_KEYS, STANDARD_CONFIG, useStsWorld } from '../helpers/sts-world.js';
import { skipWithout } from '../helpers/tools.js';

const skip = skipWithout('moto_server', ['--help']) || skipWithout('aws', ['--version']);
const BASE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYBASESECRET';

/** The AWS CLI in a loop until the test writes $STOP, then 3 more calls; any failed call ends it with 1. */
const CLI_LOOP = `
n=0; after=0
while :; do
  aws sts get-caller-identity --query Arn --output text || exit 1
  n=$((n+1))
  if [ -f "$STOP" ]; then after=$((after+1)); [ "$after" -ge 3 ] && break; fi
  [ "$n" -ge 120 ] && { echo "no renewal seen after $n calls" >&2; exit 3; }
done`;

/** One long-lived botocore process (like terraform or a deploy script): its own refresh must pick up renewals. */
const BOTOCORE_LOOP = `
import os, sys, time, botocore.session
sts = botocore.session.get_session().create_client('sts')
n = after = 0
while True:
    print(sts.get_caller_identity()['Arn'], flush=True)
    n += 1
    if os.path.exists(os.environ['STOP']):
        after += 1
        if after >= 3: break
    if n >= 400: sys.exit(3)
    time.sleep(0.2)
`;

/** The same with the JS SDK v3 (default chain: fromHttp reads the endpoint). */
const JS_SDK_LOOP = `
import { existsSync } from 'node:fs';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
const sts = new STSClient({});
let after = 0;
for (let n = 1; ; n++) {
  console.log((await sts.send(new GetCallerIdentityCommand({}))).Arn);
  if (existsSync(process.env.STOP) && ++after >= 3) break;
  if (n >= 400) process.exit(3);
  await new Promise((r) => setTimeout(r, 200));
}
`;

/** Waits until `done` holds or awsx has ended (its result then says why), as long as awsx itself may run. */
const until = async (done: () => boolean, running: () => boolean): Promise<void> => {
  await vi.waitUntil(() => done() || !running(), { interval: 100, timeout: 90_000 });
};

describe.skipIf(skip)('awsx exec --server keeps CMD supplied across renewals', () => {
  const world = useStsWorld(skip);
  let sb: Sandbox;
  let stop: string;
  beforeEach(() => {
    world().front.reset();
    world().front.forgetUsedCodes();
    world().front.sessionSeconds = 6;
    sb = makeSandbox({ credentials: BASE_KEYS }, world().env);
    sb.write(
      'config',
      `${STANDARD_CONFIG}
[profile admin-proc]
role_arn = ${arn(ACCOUNT, 'Admin')}
source_profile = base
mfa_serial = ${MFA_SERIAL}
duration_seconds = 7200
mfa_process = sh ${join(sb.dir, 'next-code.sh')}
`,
    );
    stop = join(sb.dir, 'stop');
  });
  afterEach(() => sb.cleanup());

  /** Runs awsx with a loop as CMD (default: the AWS CLI); writes $STOP once `renewed()` holds. */
  async function loopUntil(args: string[], renewed: () => boolean, cmd = ['sh', '-c', CLI_LOOP]): Promise<RunResult> {
    let finished = false;
    const run = sb
      .awsx([...args, '--', ...cmd], { env: { STOP: stop }, timeoutMs: 90_000 })
      .finally(() => (finished = true));
    await until(renewed, () => !finished);
    writeFileSync(stop, '');
    return run;
  }

  const callerKeys = (): Set<string> =>
    new Set(
      world()
        .front.callsOf('GetCallerIdentity')
        .map((c) => c.callerKey ?? ''),
    );
  const assumed = (role: string): Array<Record<string, string>> =>
    world()
      .front.callsOf('AssumeRole')
      .filter((c) => c.params.RoleArn === role)
      .map((c) => c.params);

  it('the AWS CLI in a loop keeps working across a renewal of a 900-second session', async () => {
    const r = await loopUntil(['exec', 'hop1', '--duration', '900', '--server'], () => callerKeys().size >= 2);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const line of lines) expect(line).toMatch(/^arn:aws:sts::111111111111:assumed-role\/Hop1\/alice@Hop1$/);
    // Renewed: a second AssumeRole (same 900-second request), and the CLI signed with the new key.
    const hops = assumed(arn(ACCOUNT, 'Hop1'));
    expect(hops.length).toBeGreaterThanOrEqual(2);
    for (const params of hops) expect(params.DurationSeconds).toBe('900');
    expect(callerKeys().size).toBeGreaterThanOrEqual(2);
    for (const key of callerKeys()) expect(key).toMatch(/^ASIA/);
    // awsx itself printed nothing.
    expect(r.stderr).toBe('');
    expect(r.stdout + r.stderr).not.toContain(BASE_SECRET);
  });

  it.each([
    ['botocore', ['python3', '-c', BOTOCORE_LOOP]],
    ['JS SDK v3', [process.execPath, '--no-warnings', '--input-type=module', '-e', JS_SDK_LOOP]],
  ])('one long-lived %s process picks up the renewed credentials by itself', async (_sdk, cmd) => {
    const r = await loopUntil(['exec', 'hop1', '--duration', '900', '--server'], () => callerKeys().size >= 2, cmd);
    expect(r.code, r.stderr).toBe(0);
    for (const line of r.stdout.trimEnd().split('\n'))
      expect(line).toMatch(/^arn:aws:sts::111111111111:assumed-role\/Hop1\/alice@Hop1$/);
    expect(assumed(arn(ACCOUNT, 'Hop1')).length).toBeGreaterThanOrEqual(2);
    expect(callerKeys().size).toBeGreaterThanOrEqual(2);
    expect(r.stderr).toBe('');
  });

  it('an MFA role renews from the cached MFA session: one code, no prompt', async () => {
    const r = await loopUntil(
      ['exec', 'admin', '--region', 'us-east-1', '--server', '--mfa-code', '123456'],
      () => assumed(arn(ACCOUNT, 'Admin')).length >= 2 && callerKeys().size >= 2,
    );
    expect(r.code, r.stderr).toBe(0);
    for (const line of r.stdout.trimEnd().split('\n'))
      expect(line).toMatch(/^arn:aws:sts::111111111111:assumed-role\/Admin\//);
    expect(world().front.callsOf('GetSessionToken')).toHaveLength(1);
    for (const params of assumed(arn(ACCOUNT, 'Admin'))) expect(params.TokenCode).toBeUndefined();
    expect(r.stderr).toBe('');
    expect(r.stdout + r.stderr).not.toContain('123456');
  });

  it('when every renewal needs a new MFA code, mfa_process supplies it', async () => {
    // Codes 111111, 222222, ... one per run of mfa_process; the STS front accepts each once.
    for (let d = 1; d <= 9; d++) world().front.validCodes.add(String(d).repeat(6));
    const count = join(sb.dir, 'count');
    writeFileSync(
      join(sb.dir, 'next-code.sh'),
      `n=$(cat ${count} 2>/dev/null || echo 0); n=$((n+1)); echo $n > ${count}; printf "%s%s%s%s%s%s\\n" $n $n $n $n $n $n\n`,
    );
    const r = await loopUntil(
      ['exec', 'admin-proc', '--region', 'us-east-1', '--server'],
      () => assumed(arn(ACCOUNT, 'Admin')).length >= 2 && callerKeys().size >= 2,
    );
    expect(r.code, r.stderr).toBe(0);
    const codes = assumed(arn(ACCOUNT, 'Admin')).map((p) => p.TokenCode);
    expect(codes.slice(0, 2)).toEqual(['111111', '222222']);
    expect(world().front.callsOf('GetSessionToken')).toHaveLength(0);
    expect(r.stderr).toBe('');
  }, 90_000);

  it.skipIf(skipWithout('script', ['--version']))(
    'on a terminal, a renewal that needs a new code asks for it there, while CMD keeps running',
    async () => {
      for (const code of ['111111', '222222', '333333']) world().front.validCodes.add(code);
      const awsxLine = [
        'exec',
        'admin',
        '--region',
        'us-east-1',
        '--duration',
        '7200',
        '--server',
        '--',
        'sh',
        '-c',
        CLI_LOOP,
      ]
        .map((a) => `'${a.replace(/'/g, `'\\''`)}'`)
        .join(' ');
      // script(1) gives awsx a pseudo-terminal; the test types the codes when the prompt shows.
      const child = spawn('script', ['-q', '-e', '-c', `${process.execPath} ${AWSX} ${awsxLine}`, '/dev/null'], {
        env: { ...sb.env, SHELL: '/bin/sh', STOP: stop },
      });
      let screen = '';
      let prompts = 0;
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        screen += d;
        const shown = screen.split('MFA code for').length - 1;
        while (prompts < shown) child.stdin.write(`${['111111', '222222', '333333'][prompts++]}\n`);
      });
      const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
      let finished = false;
      void exited.then(() => (finished = true));
      await until(
        () => assumed(arn(ACCOUNT, 'Admin')).length >= 2 && callerKeys().size >= 2,
        () => !finished,
      );
      writeFileSync(stop, '');
      const code = await exited;
      expect(code, screen).toBe(0);
      expect(prompts).toBeGreaterThanOrEqual(2);
      expect(
        assumed(arn(ACCOUNT, 'Admin'))
          .map((p) => p.TokenCode)
          .slice(0, 2),
      ).toEqual(['111111', '222222']);
      expect(screen).toMatch(/MFA code for arn:aws:iam::111111111111:mfa\/alice \(profile admin\): /);
      // The renewal prompt (not the first one) says what it is for.
      expect(screen.split('awsx: renewing the credentials of admin for CMD (the current ones expire at ')).toHaveLength(
        prompts,
      );
      const arns = screen.split(/\r?\n/).filter((l) => l.startsWith('arn:aws:sts::'));
      expect(arns.length).toBeGreaterThanOrEqual(4);
    },
    90_000,
  );

  it('a renewal that needs a code nobody can give is reported on one line, and the server says so in its status', async () => {
    const wait = `while [ ! -f "$STOP" ]; do sleep 0.1; done`;
    let finished = false;
    const run = sb
      .awsx(['exec', 'admin', '--duration', '7200', '--mfa-code', '123456', '--server', '--', 'sh', '-c', wait], {
        env: { STOP: stop },
      })
      .finally(() => (finished = true));
    const failing = (): boolean =>
      listCredentialServers({ AWSX_CACHE_DIR: sb.cacheDir }).some((s) => s.state === 'failing');
    await until(failing, () => !finished);
    const [status] = listCredentialServers({ AWSX_CACHE_DIR: sb.cacheDir });
    writeFileSync(stop, '');
    const r = await run;
    expect(r.code).toBe(0);
    expect(status).toMatchObject({ label: 'admin', state: 'failing', renewals: 0 });
    expect(status!.lastError).toMatch(/needs an MFA code .* but there is no terminal to ask on/);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^awsx: cannot renew admin: profile "admin" needs a new MFA code and there is no terminal to ask on; (the current credentials work until \S+Z|CMD has no valid credentials meanwhile); next try at \S+Z \(set mfa_process = <command printing the code> in the profile\)$/,
    );
    expect(r.stderr).not.toContain('123456');
    expect(world().front.callsOf('AssumeRole')).toHaveLength(1);
  });

  it("passes CMD's exit code (and a signal death as 128+n) through, and removes its status file", async () => {
    expect((await sb.awsx(['exec', 'hop1', '--server', '--', 'sh', '-c', 'exit 7'])).code).toBe(7);
    expect((await sb.awsx(['exec', 'hop1', '--server', '--', 'sh', '-c', 'kill -TERM $$'])).code).toBe(143);
    const servers = join(sb.cacheDir, 'run', 'servers');
    expect(existsSync(servers) ? readdirSync(servers) : []).toEqual([]);
  });

  it('SIGTERM to awsx goes on to CMD; awsx exits 143 and the server is gone', async () => {
    const ready = join(sb.dir, 'ready');
    const child = spawn(
      process.execPath,
      [AWSX, 'exec', 'hop1', '--server', '--', 'sh', '-c', `: > ${ready}; while :; do sleep 0.1; done`],
      { env: sb.env, stdio: 'ignore' },
    );
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    let finished = false;
    void exited.then(() => (finished = true));
    await until(
      () => existsSync(ready),
      () => !finished,
    );
    expect(listCredentialServers({ AWSX_CACHE_DIR: sb.cacheDir })).toHaveLength(1);
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(listCredentialServers({ AWSX_CACHE_DIR: sb.cacheDir })).toEqual([]);
  });

  it("warns when a [default] profile with credentials would win over the endpoint in CMD's SDKs", async () => {
    sb.write(
      'credentials',
      `${BASE_KEYS}\n[default]\naws_access_key_id = AKIAIOSFODNN7DEFAULT\naws_secret_access_key = defaultdefaultdefaultdefaultdefaultdefau\n`,
    );
    const r = await sb.awsx([
      'exec',
      'hop1',
      '--server',
      '--',
      'aws',
      'sts',
      'get-caller-identity',
      '--query',
      'Arn',
      '--output',
      'text',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'awsx: warning: profile "default" has credentials of its own, and AWS SDKs in CMD use them before the credential server (rename [default], or run exec without --server)',
    );
    // Which is what botocore does: the CLI signed with the default profile's key, not the served one.
    expect(
      world()
        .front.callsOf('GetCallerIdentity')
        .map((c) => c.callerKey),
    ).toEqual(['AKIAIOSFODNN7DEFAULT']);
  });

  it('refuses long-term keys: there is nothing to renew (exit 2, no CMD run)', async () => {
    const r = await sb.awsx(['exec', 'base', '--server', '--', 'sh', '-c', 'echo ran']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /profile "base" gives credentials without a session token \(long-term keys\): a credential server has nothing to renew \(run awsx exec base -- CMD without --server\)/,
    );
  });
});
