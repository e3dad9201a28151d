// Runs the CLI surface with known secrets and scans everything printed: a secret may appear only in output
// the user explicitly asked for (credential formats on stdout). stderr never holds one, debug logs included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialsJson } from '../helpers/awsx-json.js';
import { makeSandbox, type RunResult, type Sandbox } from '../helpers/sandbox.js';
import { BASE_KEYS, STANDARD_CONFIG, useStsWorld } from '../helpers/sts-world.js';
import { skipWithout } from '../helpers/tools.js';

const skip = skipWithout('moto_server', ['--help']);
const BASE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYBASESECRET';
const MFA_CODE = '123456';
const EXTERNAL_ID = 'ext-4242';

describe.skipIf(skip)('no secret leaks from the CLI surface', () => {
  const world = useStsWorld(skip);
  let sb: Sandbox;
  const secrets: string[] = [BASE_SECRET, MFA_CODE];
  beforeAll(async () => {
    sb = makeSandbox({ config: STANDARD_CONFIG, credentials: BASE_KEYS }, world().env);
    for (const profile of ['hop1', 'hop2']) {
      const out = credentialsJson((await sb.awsx(['assume', profile, '--format', 'json'])).stdout);
      secrets.push(out.SecretAccessKey, out.SessionToken!);
    }
  });
  afterAll(() => sb.cleanup());

  // A 6-digit code counts only as a whole number (123456789012, an account id, is not the code 123456).
  const holds = (text: string, secret: string): boolean =>
    /^\d{6}$/.test(secret) ? new RegExp(`(?<!\\d)${secret}(?!\\d)`).test(text) : text.includes(secret);
  const clean = (r: RunResult, where: 'stdout' | 'stderr' | 'both', label: string): void => {
    for (const secret of secrets) {
      if (where !== 'stdout') expect(holds(r.stderr, secret), `${label}: stderr holds a secret`).toBe(false);
      if (where !== 'stderr') expect(holds(r.stdout, secret), `${label}: stdout holds a secret`).toBe(false);
    }
  };

  it.each([
    [['list']],
    [['list', '--json']],
    [['whoami', 'hop1']],
    [['whoami', 'hop2', '--json']],
    [['assume', 'hop1', '--write-profile', 'written']],
    [['assume', 'hop1', '--save-to-file', 'saved.env']],
    [['exec', 'hop1', '--', 'true']],
    [['assume', 'nope']],
    [['assume', 'admin', '--format', 'json']],
    [['assume', 'vendor-noext', '--format', 'json']],
    [['--help']],
    [['assume', '--help']],
  ])('awsx %j prints no secret anywhere', async (args) => {
    const r = await sb.awsx(args.map((a) => (a === 'saved.env' ? `${sb.dir}/saved.env` : a)));
    clean(r, 'both', args.join(' '));
    expect(r.stdout).not.toContain(EXTERNAL_ID);
  });

  it.each([['json'], ['export'], ['env'], ['fish'], ['powershell'], ['cmd'], ['process'], ['text']])(
    'assume --format %s: secrets on stdout (asked for), none on stderr',
    async (format) => {
      const r = await sb.awsx(['assume', 'hop2', '--format', format]);
      expect(r.code).toBe(0);
      clean(r, 'stderr', format);
    },
  );

  it('credential-process and an MFA run keep stderr clean; a rejected code is not echoed', async () => {
    clean(await sb.awsx(['credential-process', 'hop2']), 'stderr', 'credential-process');
    world().front.forgetUsedCodes();
    const ok = await sb.awsx(['assume', 'admin', '--mfa-code', MFA_CODE, '--format', 'json']);
    expect(ok.code).toBe(0);
    clean(ok, 'stderr', 'mfa');
    const bad = await sb.awsx(['assume', 'admin2', '--mfa-code', '999999', '--format', 'json', '--no-cache']);
    expect(holds(bad.stderr, '999999')).toBe(false);
  });

  it('AWSX_DEBUG=1 logs steps and stack traces without any secret', async () => {
    const env = { AWSX_DEBUG: '1' };
    const ok = await sb.awsx(['assume', 'hop2', '--format', 'json', '--no-cache'], { env });
    expect(ok.stderr).toMatch(/awsx debug: step 2\/2 done: hop2/);
    clean(ok, 'stderr', 'debug assume');
    const failed = await sb.awsx(['assume', 'vendor-noext', '--format', 'json'], { env });
    expect(failed.stderr).toMatch(/\n\s+at /);
    clean(failed, 'both', 'debug failure');
  });
});
