// awsx and the AWS CLI share IAM Identity Center logins both ways; tokens are refreshed; SSO roles resolve in
// every command (profiles, sso: targets, chains). SSO on the emulator, STS on moto behind the STS front.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callerIdentityJson, credentialsJson } from '../helpers/awsx-json.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import {
  browserScript,
  DEV,
  LEGACY_URL,
  patchToken,
  PROD,
  readToken,
  seedCliToken,
  SSO_CONFIG,
  ssoEnv,
  START_URL,
  tokenPath,
  useSsoEmulator,
} from '../helpers/sso-world.js';
import { useStsWorld } from '../helpers/sts-world.js';
import { skipWithout } from '../helpers/tools.js';

const skip = skipWithout('moto_server', ['--help']) || skipWithout('aws');
const CORP = { sessionName: 'corp', startUrl: START_URL };

describe.skipIf(skip)('IAM Identity Center interop (emulator + moto + AWS CLI)', () => {
  const world = useStsWorld(skip);
  const emu = useSsoEmulator();
  let sb: Sandbox;
  beforeEach(() => {
    emu().configure({ autoApproveDevice: false, approvals: 'visit' });
    emu().resetStats();
    world().front.reset();
    sb = makeSandbox({ config: SSO_CONFIG }, { ...ssoEnv(emu()), ...world().env });
  });
  afterEach(() => sb.cleanup());

  const ops = (name: string): number => emu().stats.operations[name] ?? 0;
  const lastIssuedKey = (): string => emu().issuedCredentials.at(-1)!.accessKeyId;

  it('the AWS CLI uses the token of an awsx login, and refreshes it with the fields awsx cached', async () => {
    expect((await sb.awsx(['sso', 'login'], { env: { BROWSER: browserScript(sb) } })).code).toBe(0);
    const cli = await sb.aws(['sts', 'get-caller-identity', '--profile', 'dev', '--output', 'json']);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(callerIdentityJson(cli.stdout).Account).toMatch(/^\d{12}$/);
    expect(emu().issuedCredentials.at(-1)).toMatchObject({ accountId: DEV, roleName: 'AdministratorAccess' });

    const before = readToken(sb, CORP);
    patchToken(sb, CORP, { expiresAt: '2020-01-01T00:00:00Z' });
    expect((await sb.aws(['sts', 'get-caller-identity', '--profile', 'dev'])).code).toBe(0);
    expect(readToken(sb, CORP).accessToken).not.toBe(before.accessToken); // botocore refreshed with our clientId/secret/refreshToken
  });

  it('awsx uses a token the AWS CLI wrote (compact, ...Z) and one the JS SDK wrote (.000Z, indented)', async () => {
    for (const format of ['cli', 'js'] as const) {
      seedCliToken(sb, emu(), { format });
      const r = await sb.awsx(['assume', 'dev', '--format', 'json', '--no-cache']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ AccessKeyId: lastIssuedKey(), Region: 'eu-west-1' });
    }
    expect(ops('CreateToken')).toBe(0);
  });

  it('renews an expired cached token with the refresh token and rewrites the cache, keeping its other fields', async () => {
    const seeded = seedCliToken(sb, emu());
    patchToken(sb, CORP, { expiresAt: '2020-01-01T00:00:00Z', extra: 'kept' });
    const r = await sb.awsx(['assume', 'dev', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const token = readToken(sb, CORP);
    expect(token.accessToken).not.toBe(seeded.accessToken);
    expect(token.refreshToken).not.toBe(seeded.refreshToken); // Identity Center rotates it
    expect(Date.parse(token.expiresAt!)).toBeGreaterThan(Date.now() + 3600_000);
    expect(token.expiresAt).toMatch(/:\d\dZ$/);
    expect(token).toMatchObject({
      extra: 'kept',
      clientId: seeded.clientId,
      clientSecret: seeded.clientSecret,
      startUrl: START_URL,
    });
    expect(emu().isAccessTokenValid(token.accessToken!)).toBe(true);
    expect(ops('CreateToken')).toBe(1);
  });

  it('parallel processes refresh once: the others wait on the lock and take the new token', async () => {
    seedCliToken(sb, emu());
    patchToken(sb, CORP, { expiresAt: '2020-01-01T00:00:00Z' });
    const runs = await Promise.all([1, 2, 3, 4].map(() => sb.awsx(['credential-process', 'dev', '--no-cache'])));
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    expect(ops('CreateToken')).toBe(1); // a second refresh would have used the rotated-away refresh token
    expect(emu().isAccessTokenValid(readToken(sb, CORP).accessToken!)).toBe(true);
  });

  it('refreshes once and retries when the portal refuses a token the cache calls valid', async () => {
    const seeded = seedCliToken(sb, emu());
    emu().expireAllTokens();
    const r = await sb.awsx(['assume', 'dev', '--format', 'json', '--no-cache']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readToken(sb, CORP).accessToken).not.toBe(seeded.accessToken);
    expect(ops('GetRoleCredentials')).toBe(2);
  });

  it('a failed refresh falls back to the still-valid token and is not retried within 30 s', async () => {
    seedCliToken(sb, emu(), { ttlSeconds: 600 }); // 10 min left: due for refresh
    emu().injectFault({ operation: 'CreateToken', type: 'InvalidGrantException', times: 1 });
    expect((await sb.awsx(['assume', 'dev', '--format', 'json', '--no-cache'])).code).toBe(0);
    expect((await sb.awsx(['assume', 'dev', '--format', 'json', '--no-cache'])).code).toBe(0);
    expect(ops('CreateToken')).toBe(1);
    expect(ops('GetRoleCredentials')).toBe(2);
  });

  it('an expired token that cannot be refreshed fails with exit 1 and the login command', async () => {
    seedCliToken(sb, emu());
    emu().expireAllTokens({ refreshTokens: true });
    patchToken(sb, CORP, { expiresAt: '2020-01-01T00:00:00Z' });
    const r = await sb.awsx(['assume', 'dev']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'awsx: profile "dev": the IAM Identity Center session sso-session "corp" (https://corp.awsapps.com/start) has expired and could not be refreshed (InvalidGrantException) (run awsx sso login --sso-session corp)\n',
    );
    // A legacy token is never refreshed.
    const { writeFileSync, mkdirSync } = await import('node:fs');
    mkdirSync(join(sb.home, '.aws/sso/cache'), { recursive: true });
    writeFileSync(
      tokenPath(sb, { startUrl: LEGACY_URL }),
      JSON.stringify({
        startUrl: LEGACY_URL,
        region: 'eu-west-1',
        accessToken: 'x',
        expiresAt: '2020-01-01T00:00:00Z',
      }),
    );
    const legacy = await sb.awsx(['assume', 'legacy']);
    expect(legacy.code).toBe(1);
    expect(legacy.stderr).toContain('has expired (run awsx sso login --profile legacy)');
  });

  it('an SSO profile sources a role chain: AssumeRole is signed with the SSO role credentials', async () => {
    seedCliToken(sb, emu());
    const r = await sb.awsx(['assume', 'prod-ro', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [call] = world().front.callsOf('AssumeRole');
    expect(call!.params.RoleArn).toBe(`arn:aws:iam::${PROD}:role/Deploy`);
    expect(call!.callerKey).toBe(lastIssuedKey());
    const who = callerIdentityJson((await sb.awsx(['whoami', 'prod-ro', '--json'])).stdout);
    expect(who.Arn).toBe(`arn:aws:sts::${PROD}:assumed-role/Deploy/alice@Deploy`);
    expect(ops('GetRoleCredentials')).toBe(1); // the second run used the cached chain
  });

  it('sso:ACCOUNT/ROLE works in assume, exec, whoami and credential-process', async () => {
    seedCliToken(sb, emu());
    const target = `sso:${PROD}/ReadOnlyAccess`;
    const assumed = credentialsJson((await sb.awsx(['assume', target, '--format', 'json'])).stdout);
    expect(assumed).toMatchObject({ AccessKeyId: lastIssuedKey() });
    expect(assumed.Region).toBeUndefined(); // no profile, so no region: the AWS CLI's rule (issue 19)
    expect(emu().issuedCredentials.at(-1)).toMatchObject({ accountId: PROD, roleName: 'ReadOnlyAccess' });
    const exec = await sb.awsx([
      'exec',
      target,
      '--region',
      'eu-west-2',
      '--',
      'sh',
      '-c',
      'echo "$AWS_ACCESS_KEY_ID $AWS_REGION $AWSX_IDENTITY"',
    ]);
    expect(exec.stdout.trim()).toBe(`${assumed.AccessKeyId} eu-west-2 ${target}`);
    const who = await sb.awsx(['whoami', target, '--json']);
    expect(who.code).toBe(0);
    const proc = credentialsJson((await sb.awsx(['credential-process', target])).stdout);
    expect(proc).toMatchObject({ Version: 1, AccessKeyId: assumed.AccessKeyId });
    expect(ops('GetRoleCredentials')).toBe(1); // cached under the root key after the first call
    const bad = await sb.awsx(['assume', `sso:${PROD}/AdministratorAccess`]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^awsx: sso:444455556666\/AdministratorAccess: .*AdministratorAccess/);
  });

  it('--sso-access-token is used as given, without a login', async () => {
    const token = emu().createAccessToken();
    const r = await sb.awsx(['assume', `sso:${DEV}/ReadOnlyAccess`, '--format', 'json', '--sso-access-token', token]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(tokenPath(sb, CORP))).toBe(false);
    const refused = await sb.awsx(['assume', `sso:${DEV}/AdministratorAccess`, '--sso-access-token', 'not-a-token']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('IAM Identity Center refused the access token');
    expect(refused.stderr).not.toContain('not-a-token');
  });

  it('the AWS CLI uses a profile written by awsx sso populate', async () => {
    seedCliToken(sb, emu());
    const w = await sb.awsx(['sso', 'populate', '--write', '--region', 'eu-central-1']);
    expect(w.code).toBe(0);
    expect(w.stderr).toContain('added 3 profiles, 1 already present');
    expect(sb.read('config')).toContain(
      '[profile acme-prod-read-only-access]\nsso_session = corp\nsso_account_id = 444455556666\nsso_role_name = ReadOnlyAccess\nregion = eu-central-1\n',
    );
    const cli = await sb.aws(['sts', 'get-caller-identity', '--profile', 'acme-prod-read-only-access']);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(emu().issuedCredentials.at(-1)).toMatchObject({ accountId: PROD, roleName: 'ReadOnlyAccess' });
  });
});
