// awsx list / the picker: each row's cached-session expiry. Only plans that can match a cached session are
// hashed (CachedSessions); the rows must be exactly those of hashing every profile's default plan.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../src/config/clock.js';
import type { Credentials } from '../../../src/aws/credentials.js';
import type { Env } from '../../../src/config/paths.js';
import { createServices, type Services } from '../../../src/credentials/context.js';
import { CredentialEngine } from '../../../src/credentials/engine.js';
import type { StsApi } from '../../../src/credentials/engine-deps.js';
import { buildPlan, type PlanOptions, type Target } from '../../../src/credentials/plan.js';
import { defaultCacheKey } from '../../../src/profiles/cached-sessions.js';
import { listProfiles } from '../../../src/profiles/rows.js';
import { SessionCache } from '../../../src/credentials/session-cache.js';
import { saveRoles } from '../../../src/sso/roles-cache.js';
import { ssoRootFor } from '../../../src/sso/select.js';

const CONFIG = `[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1

[profile base]
region = eu-west-1

[profile mfa-user]
mfa_serial = arn:aws:iam::111111111111:mfa/carol

[profile hop1]
role_arn = arn:aws:iam::111111111111:role/Hop1
source_profile = base

[profile hop1-twin]
role_arn = arn:aws:iam::111111111111:role/Hop1
source_profile = base

[profile hop1-lower]
role_arn = arn:aws:iam::111111111111:role/hop1
source_profile = base

[profile hop2]
role_arn = arn:aws:iam::222222222222:role/path/Hop2
source_profile = hop1
external_id = ext-1

[profile via-mfa]
role_arn = arn:aws:iam::333333333333:role/Admin
source_profile = mfa-user
mfa_serial = arn:aws:iam::111111111111:mfa/carol

[profile after-then]
role_arn = arn:aws:iam::444444444444:role/Then
source_profile = hop1

[profile other-admin]
role_arn = arn:aws:iam::555555555555:role/Admin
source_profile = base

[profile sso-dev]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Dev

[profile sso-dev-twin]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Dev
region = us-east-1

[profile sso-chain]
role_arn = arn:aws:iam::666666666666:role/FromSso
source_profile = sso-dev

[profile broken]
role_arn = arn:aws:iam::777777777777:role/X
source_profile = missing
`;
const CREDS = `[base]
aws_access_key_id = AKIAEXAMPLEBASE00001
aws_secret_access_key = secret
[mfa-user]
aws_access_key_id = AKIAEXAMPLEMFA000001
aws_secret_access_key = secret
`;

let n = 0;
const fresh = (): Credentials => ({
  accessKeyId: `ASIA${String(++n).padStart(16, '0')}`,
  secretAccessKey: 's',
  sessionToken: 't',
  expiration: new Date(Date.now() + 3600_000 + n * 1000),
});

/** STS as AWS answers (the assumed-role ARN names the role's account and name), or a stand-in that does not. */
function stubSts(arnOf: (roleArn: string, session: string) => string | undefined): StsApi {
  return {
    assumeRole: vi.fn<StsApi['assumeRole']>((_src, params) =>
      Promise.resolve({ credentials: fresh(), arn: arnOf(params.RoleArn, params.RoleSessionName) }),
    ),
    getSessionToken: vi.fn(() => Promise.resolve(fresh())),
    assumeRoleWithWebIdentity: vi.fn(),
  };
}
const realArn = (roleArn: string, session: string): string => {
  const [, , , , account, resource] = roleArn.split(':');
  return `arn:aws:sts::${account}:assumed-role/${resource!.split('/').pop()}/${session}`;
};

describe('listProfiles: cached-session expiries', () => {
  let dir: string;
  let env: Env;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'awsx-rows-'));
    mkdirSync(join(dir, 'aws'));
    writeFileSync(join(dir, 'aws', 'config'), CONFIG);
    writeFileSync(join(dir, 'aws', 'credentials'), CREDS);
    env = {
      HOME: dir,
      USER: 'carol',
      AWS_CONFIG_FILE: join(dir, 'aws', 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws', 'credentials'),
      AWSX_CACHE_DIR: join(dir, 'cache'),
    };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function resolve(sts: StsApi, target: Target, options: PlanOptions = {}): Promise<void> {
    const services = createServices(env, systemClock);
    const engine = new CredentialEngine({
      env,
      clock: systemClock,
      cache: new SessionCache(join(dir, 'cache'), systemClock),
      sts: () => Promise.resolve(sts),
      ssoCredentials: () => Promise.resolve(fresh()),
    });
    const plan = buildPlan(target, options, { graph: services.graph, env, ssoRoot: ssoRootFor(services.files, env) });
    await engine.resolve(plan, { mfaCode: '123456' });
  }

  /** What every row showed when each profile's key was computed: the reference. */
  function everyKey(services: Services): Array<[string, string | undefined]> {
    const cached = new Map(services.cache.list().map((s) => [s.key, s]));
    return services.graph.all().map((p) => {
      const key = defaultCacheKey(services, p);
      return [p.name, key ? cached.get(key)?.credentials.expiration?.toISOString() : undefined];
    });
  }
  const shown = (services: Services): Array<[string, string | undefined]> =>
    listProfiles(services)
      .filter((r) => !r.discovered)
      .map((r) => [r.profile.name, r.expiration?.toISOString()]);

  async function sessionsOf(sts: StsApi): Promise<void> {
    await resolve(sts, { kind: 'profile', name: 'hop2' }); // base -> hop1 -> hop2: hop1's step is hop1's and its twins'
    await resolve(sts, { kind: 'profile', name: 'via-mfa' }); // an MFA session of mfa-user, then Admin
    await resolve(sts, { kind: 'profile', name: 'hop1' }, { then: ['arn:aws:iam::444444444444:role/Then'] }); // = after-then
    await resolve(sts, { kind: 'role-arn', arn: 'arn:aws:iam::555555555555:role/Admin' }, { profile: 'base' }); // = other-admin
    await resolve(sts, { kind: 'profile', name: 'sso-chain' }); // the SSO root step is sso-dev's and its twin's
  }

  it('shows the same expiries as hashing every profile, with STS-like ARNs', async () => {
    await sessionsOf(stubSts(realArn));
    // IAM's own spelling of the role's name, as STS answers for role/hop1 when the role is Hop1.
    await resolve(
      stubSts((arn, session) => realArn(arn, session).replace('/hop1/', '/Hop1/')),
      { kind: 'profile', name: 'hop1-lower' },
    );
    const services = createServices(env, systemClock);
    const reference = everyKey(services);
    expect(
      reference
        .filter(([, exp]) => exp)
        .map(([name]) => name)
        .sort(),
    ).toEqual(
      [
        'after-then',
        'hop1',
        'hop1-lower',
        'hop1-twin',
        'hop2',
        'mfa-user',
        'other-admin',
        'sso-chain',
        'sso-dev',
        'sso-dev-twin',
        'via-mfa',
      ].sort(),
    );
    expect(shown(services)).toEqual(reference);
  });

  it('and without ARNs in the session files', async () => {
    await sessionsOf(stubSts(() => undefined));
    const services = createServices(env, systemClock);
    expect(shown(services)).toEqual(everyKey(services));
  });

  it('and with a stand-in STS whose ARNs name another role, for profile targets', async () => {
    // Ad-hoc targets (an ARN, --then) are found through the ARN STS returns, which names the role assumed.
    const sts = stubSts((_arn, session) => `arn:aws:sts::999999999999:assumed-role/Other/${session}`);
    for (const name of ['hop2', 'via-mfa', 'sso-chain', 'hop1-lower']) await resolve(sts, { kind: 'profile', name });
    const services = createServices(env, systemClock);
    expect(everyKey(services).filter(([, exp]) => exp).length).toBe(9);
    expect(shown(services)).toEqual(everyKey(services));
  });

  it('after the config changed under the sessions (renamed profiles, unknown kinds)', async () => {
    await sessionsOf(stubSts(realArn));
    writeFileSync(
      env.AWS_CONFIG_FILE!,
      CONFIG.replaceAll('[profile hop1]', '[profile hop1-renamed]')
        .replaceAll('source_profile = hop1\n', 'source_profile = hop1-renamed\n')
        .replaceAll('[profile sso-dev]', '[profile sso-dev-renamed]')
        .replaceAll('source_profile = sso-dev\n', 'source_profile = sso-dev-renamed\n'),
    );
    const sessions = join(dir, 'cache', 'sessions');
    writeFileSync(
      join(sessions, 'f'.repeat(40) + '.json'),
      JSON.stringify({
        version: 1,
        key: 'f'.repeat(40),
        meta: { kind: 'federation', label: 'x', chain: [] },
        AccessKeyId: 'A',
        SecretAccessKey: 'S',
        CreatedAt: new Date().toISOString(),
      }),
    );
    const services = createServices(env, systemClock);
    const reference = everyKey(services);
    expect(reference.filter(([, exp]) => exp).length).toBeGreaterThan(5);
    expect(shown(services)).toEqual(reference);
  });

  it('discovered IAM Identity Center roles show their sessions too', async () => {
    saveRoles(
      {
        settings: { sessionName: 'corp', startUrl: 'https://corp.awsapps.com/start', region: 'eu-west-1', scopes: [] },
        fetchedAt: new Date(),
        accountCount: 2,
        roles: [
          { accountId: '123456789012', accountName: 'dev', roleName: 'Dev' },
          { accountId: '210987654321', accountName: 'prod', roleName: 'Admin' },
          { accountId: '210987654321', accountName: 'prod', roleName: 'Read' },
        ],
      },
      env,
    );
    await resolve(stubSts(realArn), { kind: 'sso', accountId: '210987654321', roleName: 'Admin' });
    const rows = listProfiles(createServices(env, systemClock)).filter((r) => r.discovered);
    expect(rows.map((r) => [r.profile.name, r.expiration !== undefined])).toEqual([
      ['sso:210987654321/Admin', true],
      ['sso:210987654321/Read', false],
    ]);
  });
});
