// awsx use TARGET --refreshable through the real bash hand-off, then the real AWS CLI (botocore) with the
// resulting AWS_PROFILE against moto: the CLI runs awsx credential-process itself, so commands keep working
// after the cached session goes stale. The config file keeps every byte it had; a second run changes nothing.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../src/config/clock.js';
import { TickingClock } from '../../src/picker/clock.js';
import { createServices } from '../../src/credentials/context.js';
import { KeptFreshWatcher } from '../../src/picker/kept-fresh.js';
import { loadRows } from '../../src/picker/rows.js';
import { managedProfileName, MANAGED_MARKER } from '../../src/server/refreshable-profile.js';
import { listCredentialServers } from '../../src/server/registry.js';
import { SessionStore } from '../../src/picker/store.js';
import { AWSX, makeSandbox, putAwsxOnPath, type Sandbox } from '../helpers/sandbox.js';
import { ACCOUNT } from '../helpers/accounts.js';
import { BASE_KEYS, STANDARD_CONFIG, useStsWorld } from '../helpers/sts-world.js';
import { skipWithout } from '../helpers/tools.js';

const skip = skipWithout('moto_server', ['--help']) || skipWithout('aws', ['--version']);

// Comments, odd spacing and no final newline: all of it must survive.
const CONFIG = `# my profiles\n${STANDARD_CONFIG}\n[profile   spaced]  \n; a comment\nregion=us-west-2`;

describe.skipIf(skip)('awsx use --refreshable', () => {
  const world = useStsWorld(skip);
  let sb: Sandbox;
  beforeEach(() => {
    sb = makeSandbox({ config: CONFIG, credentials: BASE_KEYS }, world().env);
    putAwsxOnPath(sb);
    mkdirSync(join(sb.dir, 'tmp'));
    world().front.reset();
  });
  afterEach(() => sb.cleanup());

  const bash = (script: string) =>
    sb.run(
      'bash',
      ['--norc', '--noprofile', '-c', `eval "$(awsx shell-init bash)"\nexport TMPDIR="${sb.dir}/tmp"\n${script}`],
      { timeoutMs: 90_000 },
    );
  const name = managedProfileName('hop1', ['--duration', '900']);
  const section = `\n[profile ${name}]\n${MANAGED_MARKER}\ncredential_process = ${process.execPath} ${AWSX} credential-process hop1 --duration 900\nregion = eu-west-1`;

  it('points the shell at a managed profile that the AWS CLI keeps renewing through awsx credential-process', async () => {
    const r = await bash(`
      export AWS_ACCESS_KEY_ID=AKIASTALEKEY0000000 AWS_SECRET_ACCESS_KEY=stale AWS_SESSION_TOKEN=stale AWS_CREDENTIAL_EXPIRATION=2000-01-01T00:00:00Z
      awsx use hop1 --refreshable --duration 900 || exit 9
      echo "profile=$AWS_PROFILE key=\${AWS_ACCESS_KEY_ID-unset} secret=\${AWS_SECRET_ACCESS_KEY-unset} token=\${AWS_SESSION_TOKEN-unset} exp=\${AWS_CREDENTIAL_EXPIRATION-unset} id=$AWSX_IDENTITY region=$AWS_REGION"
      aws sts get-caller-identity --query Arn --output text || exit 10
      aws sts get-caller-identity --query Arn --output text || exit 11
      rm -rf "$AWSX_CACHE_DIR/sessions"
      aws sts get-caller-identity --query Arn --output text || exit 12
      awsx use --unset
      echo "after unset: profile=\${AWS_PROFILE-unset} id=\${AWSX_IDENTITY-unset}"
      echo "left=$(ls -A "$TMPDIR" | wc -l)"`);
    expect(r.stderr).not.toMatch(/Traceback|Unable to locate credentials/);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe(`profile=${name} key=unset secret=unset token=unset exp=unset id=hop1 region=eu-west-1`);
    for (const line of lines.slice(1, 4))
      expect(line).toMatch(new RegExp(`^arn:aws:sts::${ACCOUNT}:assumed-role/Hop1/\\S+$`));
    expect(lines[4]).toBe('after unset: profile=unset id=unset');
    expect(lines[5]).toBe('left=0');
    expect(r.stderr).toContain(`awsx: profile ${name} in ${sb.configPath}: created\n`);
    expect(r.stderr).toMatch(
      new RegExp(
        `awsx: hop1 is now active in this shell through AWS_PROFILE=${name}, which awsx keeps supplied \\(account ${ACCOUNT}, eu-west-1, expires in 1[45]:\\d\\d\\)`,
      ),
    );
    expect(r.stderr).toContain(
      "awsx: note: hop1's sessions last 15 min, less than the 16 min credential-process wants left, so every credential request starts a new session (use --duration 1h or longer)\n",
    );
    expect(r.stderr).not.toMatch(/aws_secret|SecretAccessKey|AWS_SECRET_ACCESS_KEY=/);

    // A 15-minute session never has the 16 minutes credential-process wants, so every run of it renewed the
    // session: one AssumeRole for `use`, then at least one per `aws` command (botocore runs the process a
    // second time at once: 15 minutes left is inside its own refresh window), each command signed with a
    // key of its own.
    const front = world().front;
    expect(
      front.callsOf('AssumeRole').filter((c) => c.params.RoleArn?.endsWith(':role/Hop1')).length,
    ).toBeGreaterThanOrEqual(4);
    const keys = front.callsOf('GetCallerIdentity').map((c) => c.callerKey);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(3);
    expect(keys).not.toContain('AKIASTALEKEY0000000');

    // Every byte of the file is kept; the section follows after one blank line (and a final newline the
    // file lacked is still lacking).
    expect(sb.read('config')).toBe(`${CONFIG}\n${section}`);
  });

  it('a second run changes nothing, and a run with other flags gets a profile of its own', async () => {
    expect((await sb.awsx(['use', 'hop1', '--refreshable', '--duration', '900'])).code).toBe(0);
    const first = sb.read('config');
    const mtime = statSync(sb.configPath).mtimeMs;
    const again = await sb.awsx(['use', 'hop1', '--refreshable', '--duration', '900']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`profile ${name} in ${sb.configPath}: unchanged`);
    expect(sb.read('config')).toBe(first);
    expect(statSync(sb.configPath).mtimeMs).toBe(mtime);

    const plain = await sb.awsx(['use', 'hop1', '--refreshable']);
    expect(plain.stderr).toContain('profile awsx-hop1 in');
    expect(sb.read('config')).toBe(
      `${first}\n\n[profile awsx-hop1]\n${MANAGED_MARKER}\ncredential_process = ${process.execPath} ${AWSX} credential-process hop1\nregion = eu-west-1`,
    );
  });

  it('updates its own section in place, refuses a section it did not write, and --prune removes only its own', async () => {
    // An older awsx path in the managed section: the next run rewrites that line and nothing else.
    writeFileSync(
      sb.configPath,
      `${CONFIG}\n\n[profile awsx-hop1]\n${MANAGED_MARKER}\ncredential_process = /old/node /old/awsx.js credential-process hop1\nregion = eu-west-1\n\n[profile awsx-hop2]\nregion = us-east-1\n`,
    );
    const updated = await sb.awsx(['use', 'hop1', '--refreshable']);
    expect(updated.stderr).toContain('profile awsx-hop1 in');
    expect(updated.stderr).toContain(': updated');
    expect(sb.read('config')).toBe(
      `${CONFIG}\n\n[profile awsx-hop1]\n${MANAGED_MARKER}\ncredential_process = ${process.execPath} ${AWSX} credential-process hop1\nregion = eu-west-1\n\n[profile awsx-hop2]\nregion = us-east-1\n`,
    );

    const foreign = await sb.awsx(['use', 'hop2', '--refreshable']);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toBe(
      `awsx: profile "awsx-hop2" already exists in ${sb.configPath} and awsx did not write it; refusing to change it (rename or remove [profile awsx-hop2] so awsx can manage it)\n`,
    );

    const pruned = await sb.awsx(['use', '--prune']);
    expect(pruned.code).toBe(0);
    expect(pruned.stderr).toBe(`awsx: removed 1 managed profile from ${sb.configPath}: awsx-hop1\n`);
    expect(sb.read('config')).toBe(`${CONFIG}\n\n[profile awsx-hop2]\nregion = us-east-1\n`);
    expect((await sb.awsx(['use', '--prune'])).stderr).toBe(`awsx: no managed profiles in ${sb.configPath}\n`);
  });

  it('--prune in a shell using a managed profile clears AWS_PROFILE too', async () => {
    const r = await bash(`awsx use hop1 --refreshable || exit 9
      export AWS_PROFILE; echo "before=$AWS_PROFILE"
      awsx use --prune
      echo "after=\${AWS_PROFILE-unset}"`);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(['before=awsx-hop1', 'after=unset']);
    expect(sb.read('config')).toBe(CONFIG);
  });

  it('a role ARN keeps the source profile it was assumed from (AWS_PROFILE is replaced by the managed one)', async () => {
    const arn = `arn:aws:iam::${ACCOUNT}:role/Hop1`;
    const r = await bash(`export AWS_PROFILE=base
      awsx use ${arn} --refreshable || exit 9
      echo "profile=$AWS_PROFILE"
      aws sts get-caller-identity --query Arn --output text`);
    expect(r.stderr).not.toMatch(/Traceback|Unable to locate credentials/);
    expect(r.code).toBe(0);
    const name = managedProfileName(arn, ['--profile', 'base']);
    expect(r.stdout.trim().split('\n')).toEqual([`profile=${name}`, expect.stringMatching(/:assumed-role\/Hop1\//)]);
    expect(sb.read('config')).toContain(
      `credential_process = ${process.execPath} ${AWSX} credential-process ${arn} --profile base\n`,
    );

    const fromKeys = await sb.awsx(['use', arn, '--refreshable'], {
      env: { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7BASE001', AWS_SECRET_ACCESS_KEY: 'x' },
    });
    expect(fromKeys.code).toBe(2);
    expect(fromKeys.stderr).toBe(
      `awsx: cannot make ${arn} refreshable from the keys in the environment: the profile could not reach them (pass --profile P naming the profile to assume it from)\n`,
    );
  });

  it('the picker sees the profile with the time awsx last renewed its session, and a running exec --server', async () => {
    expect((await sb.awsx(['use', 'hop1', '--refreshable'])).code).toBe(0);
    const cached = createServices(sb.env, systemClock).cache.list();
    expect(cached).toHaveLength(1); // hop1's session, from base's keys
    const child = spawn(process.execPath, [AWSX, 'exec', 'hop2', '--server', '--', 'sleep', '60'], {
      env: sb.env,
      stdio: 'ignore',
    });
    try {
      await vi.waitUntil(() => listCredentialServers(sb.env).length > 0, {
        interval: 100,
        timeout: 20_000,
        message: 'the server to write its status file',
      });
      const services = createServices(sb.env, systemClock);
      const store = new SessionStore({ rows: loadRows(services, []) });
      new KeptFreshWatcher({ services, store, clock: new TickingClock(systemClock) }).refresh();
      const entries = store.getSnapshot().keptFresh ?? [];
      expect(entries).toContainEqual({
        source: 'server',
        by: `awsx exec --server (pid ${child.pid})`,
        label: 'hop2',
        rowIds: ['profile:hop2'],
        renewals: 0,
        since: expect.any(Number) as number,
        expiresAt: expect.any(Number) as number,
      });
      expect(entries).toContainEqual({
        source: 'profile',
        by: 'profile awsx-hop1',
        label: 'hop1',
        rowIds: ['profile:hop1', 'profile:awsx-hop1'],
        lastRenewedAt: cached[0]!.createdAt.getTime(),
        expiresAt: cached[0]!.credentials.expiration!.getTime(),
      });
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('without the shell function, prints the lines to eval and the hint; the lines work', async () => {
    const r = await sb.awsx(['use', 'hop1', '--refreshable'], { env: { SHELL: '/bin/bash' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      "unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_SECURITY_TOKEN AWS_CREDENTIAL_EXPIRATION AWS_DEFAULT_PROFILE\nexport AWS_PROFILE='awsx-hop1'\nexport AWS_REGION='eu-west-1'\nexport AWS_DEFAULT_REGION='eu-west-1'\n" +
        "export AWSX_REGION='eu-west-1'\nexport AWSU_PROFILE='hop1'\nunset AWS_SESSION_EXPIRATION\nexport AWSX_IDENTITY='hop1'\n",
    );
    expect(r.stderr.trim().split('\n')).toEqual([
      `awsx: profile awsx-hop1 in ${sb.configPath}: created`,
      'awsx: this shell has no awsx integration, so nothing was set; eval the lines above, or add eval "$(awsx shell-init bash)" to ~/.bashrc to make awsx set them itself',
    ]);
    const evaluated = await sb.run(
      'sh',
      ['-c', 'eval "$(cat)"; aws sts get-caller-identity --query Account --output text'],
      { input: r.stdout },
    );
    expect(evaluated.stdout.trim()).toBe(ACCOUNT);
  });

  it('an unknown target writes nothing; conflicting modes are refused', async () => {
    const r = await sb.awsx(['use', 'nope', '--refreshable']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^awsx: unknown profile "nope"/);
    expect(sb.read('config')).toBe(CONFIG);
    expect((await sb.awsx(['use', '--unset', '--prune'])).stderr).toMatch(
      /^awsx: awsx use takes one of --unset, --prune/,
    );
    expect((await sb.awsx(['use', 'hop1', '--prune'])).code).toBe(2);
    expect(readFileSync(sb.configPath, 'utf8')).toBe(CONFIG);
  });
});
