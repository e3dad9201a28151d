// MFA, external id and duration against moto (through the STS front that enforces trust-policy rules).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { credentialsJson } from '../helpers/awsx-json.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { ACCOUNT, arn, MFA_SERIAL, OTHER } from '../helpers/accounts.js';
import { BASE_KEYS, STANDARD_CONFIG, useStsWorld } from '../helpers/sts-world.js';
import { skipWithout } from '../helpers/tools.js';

const skip = skipWithout('moto_server', ['--help']);

describe.skipIf(skip)('MFA against moto', () => {
  const world = useStsWorld(skip);
  let sb: Sandbox;
  beforeEach(() => {
    sb = makeSandbox({ config: STANDARD_CONFIG, credentials: BASE_KEYS }, world().env);
    world().front.reset();
    world().front.validCodes.clear();
    world().front.forgetUsedCodes();
    for (const c of ['111111', '222222', '333333', '444444']) world().front.validCodes.add(c);
  });
  afterEach(() => sb.cleanup());

  it('right code: one GetSessionToken with the code, then AssumeRole from the MFA session', async () => {
    const r = await sb.awsx(['assume', 'admin', '--mfa-code', '111111', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const gst = world().front.callsOf('GetSessionToken');
    expect(gst).toHaveLength(1);
    expect(gst[0]!.params).toMatchObject({ SerialNumber: MFA_SERIAL, TokenCode: '111111' });
    const ar = world().front.callsOf('AssumeRole');
    expect(ar).toHaveLength(1);
    expect(ar[0]!.params.TokenCode).toBeUndefined();
    expect(ar[0]!.callerKey).toMatch(/^ASIA/);
  });

  it('one code, many roles: a second MFA role from the same source reuses the MFA session', async () => {
    expect((await sb.awsx(['assume', 'admin', '--mfa-code', '111111', '--format', 'json'])).code).toBe(0);
    world().front.reset();
    const r = await sb.awsx(['assume', 'admin2', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(world().front.callsOf('GetSessionToken')).toHaveLength(0);
    expect(
      world()
        .front.callsOf('AssumeRole')
        .map((c) => c.params.RoleArn),
    ).toEqual([arn(OTHER, 'Admin')]);
  });

  it('wrong code: exit 1, one line naming the profile and the MFA rejection', async () => {
    const r = await sb.awsx(['assume', 'admin', '--mfa-code', '999999', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/profile "admin".*MFA code/);
    expect(r.stderr).not.toContain('999999');
  });

  it('no code and no terminal: exit 2 at once, without calling STS', async () => {
    const r = await sb.awsx(['assume', 'admin', '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/profile "admin" needs an MFA code for .*mfa\/alice.*no terminal.*--mfa-code/);
    expect(world().front.calls).toHaveLength(0);
  });

  it('a code that was already used is rejected like a wrong one', async () => {
    expect((await sb.awsx(['assume', 'admin', '--mfa-code', '444444', '--format', 'json', '--no-cache'])).code).toBe(0);
    const r = await sb.awsx(['assume', 'admin', '--mfa-code', '444444', '--format', 'json', '--no-cache']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/rejected the MFA code/);
  });

  it('a malformed code is bad input (exit 2)', async () => {
    const r = await sb.awsx(['assume', 'admin', '--mfa-code', '12345', '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/6 digits/);
  });

  it('mfa_process supplies the code', async () => {
    sb.write(
      'config',
      `${STANDARD_CONFIG}\n[profile admin-proc]\nrole_arn = ${arn(ACCOUNT, 'Admin')}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\nmfa_process = echo 222222\n`,
    );
    const r = await sb.awsx(['assume', 'admin-proc', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(world().front.callsOf('GetSessionToken')[0]!.params.TokenCode).toBe('222222');
  });

  it('a role needing over an hour sends the code with AssumeRole itself (no 1-hour chaining cap)', async () => {
    const r = await sb.awsx(['assume', 'admin', '--mfa-code', '333333', '--duration', '7200', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(world().front.callsOf('GetSessionToken')).toHaveLength(0);
    expect(world().front.callsOf('AssumeRole')[0]!.params).toMatchObject({
      SerialNumber: MFA_SERIAL,
      TokenCode: '333333',
      DurationSeconds: '7200',
    });
  });
});

describe.skipIf(skip)('external id and duration against moto', () => {
  const world = useStsWorld(skip);
  let sb: Sandbox;
  beforeEach(() => {
    sb = makeSandbox({ config: STANDARD_CONFIG, credentials: BASE_KEYS }, world().env);
    world().front.reset();
  });
  afterEach(() => sb.cleanup());

  it('sends external_id from the profile', async () => {
    expect((await sb.awsx(['assume', 'vendor', '--format', 'json'])).code).toBe(0);
    expect(world().front.callsOf('AssumeRole')[0]!.params.ExternalId).toBe('ext-4242');
  });

  it('a missing external id is refused by the trust policy: exit 1 with a hint about external_id', async () => {
    const r = await sb.awsx(['assume', 'vendor-noext', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/profile "vendor-noext": access denied while assuming .*Vendor.*external id/);
  });

  it('a wrong external id: the hint names the external id first, not MFA (issue 19 item 6)', async () => {
    const r = await sb.awsx(['assume', 'vendor-noext', '--external-id', 'ext-9999', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /access denied while assuming .*Vendor.* \(the external id sent may be wrong .*: check external_id or --external-id; else check that the role's trust policy trusts arn:aws:iam::\d{12}:user\/\S+?;/,
    );
    expect(r.stderr).not.toMatch(/require an external id/);
  });

  it('--external-id supplies it', async () => {
    expect((await sb.awsx(['assume', 'vendor-noext', '--external-id', 'ext-4242', '--format', 'json'])).code).toBe(0);
  });

  it('sends --duration and reports the matching expiry', async () => {
    const r = await sb.awsx(['assume', 'hop1', '--duration', '7200', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(world().front.callsOf('AssumeRole')[0]!.params.DurationSeconds).toBe('7200');
    const remaining = Date.parse(credentialsJson(r.stdout).Expiration!) - Date.now();
    expect(remaining).toBeGreaterThan(7000_000);
    expect(remaining).toBeLessThanOrEqual(7200_000);
  });

  it('caps a chained hop at 3600 with a notice instead of failing', async () => {
    const r = await sb.awsx(['assume', 'hop2', '--duration', '2h', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/note: .*7200s capped at 3600s.*role chaining/);
    const calls = world().front.callsOf('AssumeRole');
    expect(calls[0]!.params.DurationSeconds).toBeUndefined();
    expect(calls[1]!.params.DurationSeconds).toBe('3600');
  });

  it.each([['100'], ['50000'], ['soon']])('rejects --duration %s as bad input (exit 2)', async (d) => {
    const r = await sb.awsx(['assume', 'hop1', '--duration', d, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(world().front.calls).toHaveLength(0);
  });

  it('the default session name is <who>@<role>, and --session-name overrides it', async () => {
    await sb.awsx(['assume', 'hop1', '--format', 'json', '--session-name', 'ci-run.42']);
    expect(world().front.callsOf('AssumeRole')[0]!.params.RoleSessionName).toBe('ci-run.42');
  });
});
