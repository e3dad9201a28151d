// awsx console against moto (through the STS front) and a fake federation endpoint: which credentials reach
// getSigninToken, when SessionDuration is sent, and GetFederationToken for IAM user keys.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeFederation, type FakeFederation } from '../fakes/federation.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { arn, ACCOUNT, MFA_SERIAL } from '../helpers/accounts.js';
import { credentialsJson } from '../helpers/awsx-json.js';
import { BASE_KEYS, STANDARD_CONFIG, useStsWorld } from '../helpers/sts-world.js';
import { skipWithout } from '../helpers/tools.js';

const skip = skipWithout('moto_server', ['--help']);

const MFA_USER = `[profile mfa-user]
mfa_serial = ${MFA_SERIAL}
region = eu-central-1
`;
const MFA_USER_KEYS = `[mfa-user]
aws_access_key_id = AKIAIOSFODNN7MFAUSER1
aws_secret_access_key = mfaUserSecretKeyForConsoleTests000000000
`;

/** The one line --print writes, as a URL. */
export function printedUrl(stdout: string): URL {
  const lines = stdout.split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toBe('');
  return new URL(lines[0]!);
}

describe.skipIf(skip)('awsx console: credentials and session length', () => {
  const world = useStsWorld(skip);
  let fed: FakeFederation;
  let sb: Sandbox;
  beforeAll(async () => {
    if (!skip) fed = await startFakeFederation();
  });
  afterAll(async () => fed?.close());
  beforeEach(() => {
    sb = makeSandbox(
      { config: STANDARD_CONFIG + MFA_USER, credentials: BASE_KEYS + MFA_USER_KEYS },
      { ...world().env, AWSX_FEDERATION_ENDPOINT: fed.endpoint },
    );
    world().front.reset();
    fed.reset();
  });
  afterEach(() => sb.cleanup());

  it('chained role: the role credentials sign in, no SessionDuration; --duration is ignored with a note', async () => {
    const r = await sb.awsx(['console', 'hop2', '--print', '--duration', '2h']);
    expect(r.code).toBe(0);
    const url = printedUrl(r.stdout);
    expect(`${url.origin}${url.pathname}`).toBe(fed.endpoint);
    expect(url.searchParams.get('Action')).toBe('login');
    expect(url.searchParams.get('Issuer')).toBe('awsx');
    // hop2 has no region of its own (issue 19: no longer its source's): the console's global home.
    expect(url.searchParams.get('Destination')).toBe('https://console.aws.amazon.com/console/home');
    expect(fed.calls).toHaveLength(1);
    expect(fed.calls[0]!.sessionDuration).toBeUndefined();
    expect(url.searchParams.get('SigninToken')).toBe(fed.calls[0]!.token);
    expect(r.stderr).toMatch(/note: --duration ignored for hop2: a chained role .* at most 1 h/);
    expect(r.stderr).not.toContain(fed.calls[0]!.token!);
    // The role session is the cached one awsx assume gives: its keys are what reached the endpoint.
    expect(
      world()
        .front.callsOf('AssumeRole')
        .map((c) => c.params.DurationSeconds),
    ).toEqual([undefined, undefined]);
    const assumed = credentialsJson((await sb.awsx(['assume', 'hop2', '--format', 'json'])).stdout);
    expect(fed.calls[0]!.session).toEqual({
      sessionId: assumed.AccessKeyId,
      sessionKey: assumed.SecretAccessKey,
      sessionToken: assumed.SessionToken,
    });
    expect(world().front.callsOf('AssumeRole')).toHaveLength(2);
  });

  it('role assumed from long-term keys: SessionDuration is sent only when --duration is given', async () => {
    const r = await sb.awsx(['console', 'hop1', '--print', '--duration', '8h']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(fed.calls).toHaveLength(1);
    expect(fed.calls[0]!.sessionDuration).toBe('28800');
    expect(fed.calls[0]!.session!.sessionId).toMatch(/^ASIA/);
    const ar = world().front.callsOf('AssumeRole');
    expect(ar).toHaveLength(1);
    expect(ar[0]!.callerKey).toBe('AKIAIOSFODNN7BASE001');
    expect(ar[0]!.params.DurationSeconds).toBeUndefined();

    const again = await sb.awsx(['console', 'hop1', '--print']);
    expect(again.code).toBe(0);
    expect(fed.calls[1]!.sessionDuration).toBeUndefined();
    expect(world().front.callsOf('AssumeRole')).toHaveLength(1);
  });

  it('a role after an MFA session is chained: no SessionDuration', async () => {
    const r = await sb.awsx(['console', 'admin', '--mfa-code', '123456', '--print', '--duration', '4h']);
    expect(r.code).toBe(0);
    expect(world().front.callsOf('GetSessionToken')).toHaveLength(1);
    expect(world().front.callsOf('AssumeRole')[0]!.params.RoleArn).toBe(arn(ACCOUNT, 'Admin'));
    expect(fed.calls[0]!.sessionDuration).toBeUndefined();
    expect(r.stderr).toMatch(/--duration ignored for admin/);
  });

  it('a --duration out of range for a console session: exit 2 before any sign-in call', async () => {
    const r = await sb.awsx(['console', 'hop1', '--print', '--duration', '13h']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--duration 46800 is outside 900-43200 seconds/);
    expect(fed.calls).toHaveLength(0);
  });

  it('IAM user keys: GetFederationToken with an allow-all policy, then its credentials sign in', async () => {
    const r = await sb.awsx(['console', 'base', '--print']);
    expect(r.code).toBe(0);
    const gft = world().front.callsOf('GetFederationToken');
    expect(gft).toHaveLength(1);
    expect(gft[0]!.callerKey).toBe('AKIAIOSFODNN7BASE001');
    expect(gft[0]!.params.Name).toBe('alice');
    expect(gft[0]!.params.DurationSeconds).toBeUndefined();
    expect(JSON.parse(gft[0]!.params.Policy!)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });
    expect(world().front.callsOf('GetSessionToken')).toHaveLength(0);
    expect(fed.calls).toHaveLength(1);
    const session = fed.calls[0]!.session!;
    expect(session.sessionId).not.toBe('AKIAIOSFODNN7BASE001');
    expect(session.sessionToken.length).toBeGreaterThan(10);
    expect(fed.calls[0]!.sessionDuration).toBeUndefined();
    expect(printedUrl(r.stdout).searchParams.get('Destination')).toBe(
      'https://us-east-1.console.aws.amazon.com/console/home?region=us-east-1',
    );
    expect(r.stderr).toMatch(/federated user "alice" \(GetFederationToken\)/);
  });

  it('IAM user keys: --duration is the federation token lifetime (up to 36 h), never a SessionDuration', async () => {
    const r = await sb.awsx(['console', 'base', '--print', '--duration', '36h']);
    expect(r.code).toBe(0);
    expect(world().front.callsOf('GetFederationToken')[0]!.params.DurationSeconds).toBe('129600');
    expect(fed.calls[0]!.sessionDuration).toBeUndefined();
    const tooLong = await sb.awsx(['console', 'base', '--print', '--duration', '37h']);
    expect(tooLong.code).toBe(2);
    expect(tooLong.stderr).toMatch(/outside 900-129600 seconds/);
    expect(world().front.callsOf('GetFederationToken')).toHaveLength(1);
  });

  it('a profile with an MFA session signs in from its long-term keys, without GetSessionToken', async () => {
    const r = await sb.awsx(['console', 'mfa-user', '--print']);
    expect(r.code).toBe(0);
    expect(world().front.callsOf('GetSessionToken')).toHaveLength(0);
    expect(world().front.callsOf('GetFederationToken')[0]!.callerKey).toBe('AKIAIOSFODNN7MFAUSER1');
    expect(r.stderr).toMatch(/does not carry MFA/);
    expect(printedUrl(r.stdout).searchParams.get('Destination')).toBe(
      'https://eu-central-1.console.aws.amazon.com/console/home?region=eu-central-1',
    );
  });

  it('a keyring profile signs in from its key through GetFederationToken, without GetSessionToken', async () => {
    const key = { AccessKeyId: 'AKIAKEYRINGCONSOLE01', SecretAccessKey: 'keyringConsoleSecret00000000000000000000' };
    const env = {
      AWSX_KEYS_BACKEND: 'file',
      AWSX_KEYS_PASSPHRASE: 'console test passphrase',
      DBUS_SESSION_BUS_ADDRESS: '',
    };
    expect(
      (await sb.awsx(['keys', 'add', 'kr', '--no-credential-process'], { env, input: JSON.stringify(key) })).code,
    ).toBe(0);
    world().front.reset();
    const r = await sb.awsx(['console', 'kr', '--print'], { env });
    expect(r.code).toBe(0);
    expect(world().front.callsOf('GetSessionToken')).toHaveLength(0);
    expect(world().front.calls.map((c) => `${c.action} ${c.callerKey}`)).toEqual([
      `GetFederationToken ${key.AccessKeyId}`,
    ]);
    expect(fed.calls[0]!.session!.sessionId).not.toBe(key.AccessKeyId);
    expect(r.stdout + r.stderr).not.toContain(key.SecretAccessKey);
  });

  it('no TARGET: the environment keys (long-term through GetFederationToken, temporary as they are)', async () => {
    const env = {
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7ENVKEY1',
      AWS_SECRET_ACCESS_KEY: 'envsecret',
      AWS_REGION: 'us-west-2',
    };
    const r = await sb.awsx(['console', '--print'], { env });
    expect(r.code).toBe(0);
    expect(world().front.callsOf('GetFederationToken')[0]!.callerKey).toBe('AKIAIOSFODNN7ENVKEY1');
    expect(printedUrl(r.stdout).searchParams.get('Destination')).toBe(
      'https://us-west-2.console.aws.amazon.com/console/home?region=us-west-2',
    );

    world().front.reset();
    const role = credentialsJson((await sb.awsx(['assume', 'hop1', '--format', 'json'])).stdout);
    const temp = {
      AWS_ACCESS_KEY_ID: role.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: role.SecretAccessKey,
      AWS_SESSION_TOKEN: role.SessionToken,
    };
    const t = await sb.awsx(['console', '--print', '--duration', '1h'], { env: temp });
    expect(t.code).toBe(0);
    expect(world().front.callsOf('GetFederationToken')).toHaveLength(0);
    expect(fed.calls[1]!.session).toEqual({
      sessionId: role.AccessKeyId,
      sessionKey: role.SecretAccessKey,
      sessionToken: role.SessionToken,
    });
    expect(fed.calls[1]!.sessionDuration).toBeUndefined();
    expect(t.stderr).toMatch(/--duration ignored for \(environment\): temporary credentials from outside awsx/);
    // Without a region anywhere, the console opens where the user last was.
    expect(printedUrl(t.stdout).searchParams.get('Destination')).toBe('https://console.aws.amazon.com/console/home');
  });

  it('the endpoint refusing the credentials: exit 1, one line naming the profile, no secret', async () => {
    const first = await sb.awsx(['console', 'hop1', '--print']);
    fed.refuseDurationFor.add(fed.calls[0]!.session!.sessionId);
    const r = await sb.awsx(['console', 'hop1', '--print', '--duration', '1h']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /profile "hop1": the AWS sign-in endpoint .* refused the credentials \(HTTP 400: Invalid Credentials Parameter\) \(.*retry without --duration\)/,
    );
    expect(r.stderr).not.toContain(fed.calls[0]!.session!.sessionKey);
    expect(r.stderr).not.toContain(new URL(first.stdout.trim()).searchParams.get('SigninToken')!);
  });
});
