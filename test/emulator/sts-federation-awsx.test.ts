// End to end: the built awsx (dist/awsx.js) against the STS and federation emulators, as the demo runs it:
// assume an MFA role with the current code, then console sign-in URLs that open the demo page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/config/clock.js';
import { startFederationEmulator, type FederationEmulator } from '../../src/emulator/federation-server.js';
import { startStsEmulator, type StsEmulator } from '../../src/emulator/sts-server.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { ACCOUNT, arn as role, MFA_SERIAL, OTHER } from '../helpers/accounts.js';
import { EMULATOR_CONFIG as CONFIG, EMULATOR_CREDENTIALS as CREDENTIALS, worldOptions } from './sts-world.js';

describe('awsx against the STS and federation emulators', () => {
  let emu: StsEmulator;
  let fed: FederationEmulator;
  let sb: Sandbox;
  beforeAll(async () => {
    emu = await startStsEmulator(worldOptions({ now: 0 }, { clock: systemClock, mfa: { seed: 'e2e-seed' } }));
    fed = await startFederationEmulator({ lookupCredentials: emu.lookupCredentials });
    // Only what the sandbox builds (HOME, PATH, AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, AWSX_CACHE_DIR) plus the endpoints.
    sb = makeSandbox(
      { config: CONFIG, credentials: CREDENTIALS },
      { AWS_ENDPOINT_URL_STS: emu.url, AWSX_FEDERATION_ENDPOINT: fed.endpoint },
    );
  });
  afterAll(async () => {
    sb?.cleanup();
    await fed?.close();
    await emu?.close();
  });

  /** Runs `awsx console <target> --print`, opens the printed URL and returns the page. */
  async function consolePage(args: string[]): Promise<{ html: string; stderr: string }> {
    const r = await sb.awsx(['console', ...args, '--print']);
    expect(r.code, r.stderr).toBe(0);
    const url = new URL(r.stdout.trim());
    expect(`${url.origin}${url.pathname}`).toBe(fed.endpoint);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    return { html: await res.text(), stderr: r.stderr };
  }

  it('assume an MFA role with the current code: the session comes from STS, through MFA', async () => {
    const code = emu.currentMfaCode(MFA_SERIAL);
    const r = await sb.awsx(['assume', 'admin', '--format', 'json', '--mfa-code', code]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, string>;
    const keyId = Object.values(out).find((v) => typeof v === 'string' && v.startsWith('ASIA'))!;
    const issued = emu.lookupCredentials(keyId);
    expect(issued).toMatchObject({ temporary: true, kind: 'assumed-role', roleArn: role(ACCOUNT, 'Admin') });
    if (!issued?.temporary) throw new Error('not a session');
    expect(issued.arn).toMatch(new RegExp(`^arn:aws:sts::${ACCOUNT}:assumed-role/Admin/`));
    expect(JSON.stringify(out)).toContain(issued.sessionToken);
    // The code went to STS once, with the device; the role was assumed with it or by an MFA session (awsx's way).
    const withCode = emu.requests.filter((q) => q.params.TokenCode === code);
    expect(withCode.map((q) => [q.status, q.params.SerialNumber])).toEqual([[200, MFA_SERIAL]]);
    const ar = emu.requests.filter((q) => q.operation === 'AssumeRole').at(-1)!;
    const caller = emu.lookupCredentials(ar.accessKeyId!);
    expect(
      issued.mfaAuthenticated || (caller?.temporary && caller.kind === 'session-token' && caller.mfaAuthenticated),
    ).toBe(true);
  });

  it('a wrong MFA code fails with AWS message', async () => {
    const code = emu.currentMfaCode(MFA_SERIAL);
    const wrong = String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');
    const r = await sb.awsx(['assume', 'admin', '--format', 'json', '--mfa-code', wrong, '--no-cache']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('MultiFactorAuthentication failed with invalid MFA one time pass code.');
    expect(r.stdout).toBe('');
  });

  it('console for a role from long-term keys: the page names the role session; --duration reaches SessionDuration', async () => {
    const { html } = await consolePage(['dev', '--duration', '2h']);
    expect(html).toContain('DEMO');
    expect(html).toMatch(new RegExp(`arn:aws:sts::${ACCOUNT}:assumed-role/Dev/[\\w+=,.@-]+`));
    const login = fed.logins.at(-1)!;
    expect(login).toMatchObject({ account: ACCOUNT, kind: 'assumed-role', chained: false, issuer: 'awsx' });
    expect(login.destination).toBe('https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1');
    expect(fed.tokens.at(-1)!.sessionDuration).toBe(7200);
  });

  it('console for a chained role: no SessionDuration; the page says role chaining', async () => {
    const { html } = await consolePage(['hop2']);
    expect(html).toContain(`arn:aws:sts::${OTHER}:assumed-role/Hop2/`);
    expect(html).toContain('role chaining');
    expect(fed.tokens.at(-1)!.sessionDuration).toBeUndefined();
  });

  it('console for IAM user keys: GetFederationToken, then a federated-user page', async () => {
    const { html } = await consolePage(['base']);
    expect(html).toMatch(new RegExp(`arn:aws:sts::${ACCOUNT}:federated-user/[\\w+=,.@-]+`));
    expect(emu.requests.some((q) => q.operation === 'GetFederationToken' && q.status === 200)).toBe(true);
    expect(fed.logins.at(-1)!.kind).toBe('federated-user');
  });

  it('console for the MFA role reuses the cached session (no new code needed)', async () => {
    const before = emu.requests.filter((q) => q.operation === 'AssumeRole').length;
    const { html } = await consolePage(['admin']);
    expect(html).toContain(`arn:aws:sts::${ACCOUNT}:assumed-role/Admin/`);
    expect(emu.requests.filter((q) => q.operation === 'AssumeRole').length).toBe(before);
  });
});
