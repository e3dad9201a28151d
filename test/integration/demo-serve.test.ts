// `awsx demo --serve`: the demo's emulators answer every CLI feature, without any AWS account.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentMfaCode } from '../../src/emulator/sts-mfa.js';
import { AWSX, makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { skipWithout } from '../helpers/tools.js';
import { startTmux } from '../e2e/tmux.js';

describe('awsx demo --serve', () => {
  let demo: ChildProcess;
  let sb: Sandbox;
  let env: Record<string, string> = {};
  beforeAll(async () => {
    sb = makeSandbox();
    demo = spawn(process.execPath, [AWSX, 'demo', '--serve'], { env: sb.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    demo.stdout!.setEncoding('utf8');
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('demo did not start')), 20_000);
      demo.stdout!.on('data', (d: string) => {
        out += d;
        if (out.includes('AWSX_DEMO_MFA_SEED')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    env = Object.fromEntries([...out.matchAll(/^export (\w+)='([^']*)'$/gm)].map((m) => [m[1]!, m[2]!]));
  });
  afterAll(async () => {
    const exited = new Promise((r) => demo.once('exit', r));
    demo.kill('SIGINT');
    await exited;
    expect(existsSync(dirname(env.HOME!))).toBe(false);
    sb.cleanup();
  });

  const awsx = (args: string[]) => sb.awsx(args, { env });

  it.skipIf(skipWithout('tmux', ['-V']))(
    'the picker in a shell with this environment shows the demo MFA code in its top bar',
    async () => {
      const tmux = await startTmux({
        width: 120,
        height: 40,
        command: `${process.execPath} ${AWSX}`,
        env: { ...sb.env, ...env, TERM: 'xterm-256color' },
      });
      try {
        const screen = await tmux.waitFor(/DEMO +MFA code \d{6}/, 'the demo badge');
        const shown = /MFA code (\d{6})/.exec(screen)![1];
        const now = Date.now();
        expect([
          currentMfaCode(env.AWSX_DEMO_MFA_SEED!, now - 30_000),
          currentMfaCode(env.AWSX_DEMO_MFA_SEED!, now),
        ]).toContain(shown);
      } finally {
        await tmux.kill();
      }
    },
  );

  it('prints an environment that points at loopback emulators and a temporary HOME', () => {
    expect(env.HOME).toMatch(/awsx-demo-/);
    for (const k of [
      'AWS_ENDPOINT_URL_STS',
      'AWS_ENDPOINT_URL_SSO',
      'AWS_ENDPOINT_URL_SSO_OIDC',
      'AWSX_FEDERATION_ENDPOINT',
    ])
      expect(env[k]).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
  });

  it('a 3-hop chain works and reports the final account', async () => {
    const r = await awsx(['whoami', 'dev-network-audit', '--json']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({
      Account: '444444444444',
      Arn: 'arn:aws:sts::444444444444:assumed-role/Auditor/alice@Auditor',
    });
  });

  it('the MFA role takes the demo code and refuses a wrong one; the vendor role needs its external id', async () => {
    expect((await awsx(['assume', 'prod-admin', '--format', 'json', '--mfa-code', '000000'])).code).toBe(1);
    const ok = await awsx([
      'assume',
      'prod-admin',
      '--format',
      'json',
      '--mfa-code',
      currentMfaCode(env.AWSX_DEMO_MFA_SEED!, Date.now()),
    ]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect((await awsx(['assume', 'vendor', '--format', 'json'])).code).toBe(0);
    expect(
      (await awsx(['assume', 'arn:aws:iam::666666666666:role/VendorAccess', '--profile', 'alice', '--format', 'json']))
        .code,
    ).toBe(1);
  });

  it('console sign-in opens a local page naming the identity', async () => {
    const r = await awsx(['console', 'dev', '--print']);
    expect(r.code).toBe(0);
    const page = await (await fetch(r.stdout.trim())).text();
    expect(page).toContain('arn:aws:sts::222222222222:assumed-role/Developer/alice@Developer');
  });
});

describe('awsx demo --serve, ended by a closed terminal', () => {
  it('removes its temporary HOME on SIGHUP', async () => {
    const sb = makeSandbox();
    try {
      const demo = spawn(process.execPath, [AWSX, 'demo', '--serve'], {
        env: sb.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      demo.stdout.setEncoding('utf8');
      await new Promise<void>((resolve) =>
        demo.stdout.on('data', (d: string) => (out += d).includes('AWSX_DEMO_MFA_SEED') && resolve()),
      );
      const home = /^export HOME='([^']*)'$/m.exec(out)![1]!;
      expect(existsSync(home)).toBe(true);
      const exited = new Promise<number | null>((r) => demo.once('exit', (code) => r(code)));
      demo.kill('SIGHUP');
      expect(await exited).toBe(129);
      expect(existsSync(dirname(home))).toBe(false);
    } finally {
      sb.cleanup();
    }
  });
});
