// The world `awsx demo` runs in: a temporary HOME with a realistic ~/.aws, and the STS, IAM Identity Center
// and console-federation emulators on loopback, linked so each accepts the others' credentials. Sessions are
// short (an hour lasts 5 minutes) so countdowns and renewals visibly move. Nothing touches the user's ~/.aws.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../config/clock.js';
import { startFederationEmulator } from './federation-server.js';
import { startSsoEmulator } from './sso-server.js';
import { ssoIssuedSessions } from './sso-sessions.js';
import { startStsEmulator } from './sts-server.js';
import { currentMfaCode } from './sts-mfa.js';

export const DEMO_MFA_SEED = 'awsx-demo';
/** The demo's clock runs 12 times fast: an hour's session lasts 5 minutes. */
export const DEMO_CLOCK_FACTOR = 12;
export const DEMO_SSO_SESSION = 'demo-corp';
const USER_ACCOUNT = '111111111111';
const MFA_DEVICE = `arn:aws:iam::${USER_ACCOUNT}:mfa/alice`;
const role = (account: string, name: string): string => `arn:aws:iam::${account}:role/${name}`;

export interface DemoWorld {
  home: string;
  /** Environment that points awsx (and the AWS CLI) at the demo. */
  env: Record<string, string>;
  /** The MFA code the demo accepts right now. */
  mfaCode(): string;
  close(): Promise<void>;
}

function demoConfig(ssoAccount: string, ssoRole: string): string {
  return `# awsx demo: a realistic ~/.aws/config (temporary; your own files are untouched)
[profile alice]
region = eu-west-1

[profile dev]
role_arn = ${role('222222222222', 'Developer')}
source_profile = alice
region = eu-west-1

[profile dev-network]
role_arn = ${role('333333333333', 'NetworkAdmin')}
source_profile = dev

[profile dev-network-audit]
role_arn = ${role('444444444444', 'Auditor')}
source_profile = dev-network
region = us-east-1

[profile prod-admin]
role_arn = ${role('555555555555', 'Admin')}
source_profile = alice
mfa_serial = ${MFA_DEVICE}
region = eu-central-1

[profile vendor]
role_arn = ${role('666666666666', 'VendorAccess')}
source_profile = alice
external_id = acme-7f3a9
region = us-west-2

[sso-session ${DEMO_SSO_SESSION}]
sso_start_url = https://demo-corp.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access

[profile sso-sandbox]
sso_session = ${DEMO_SSO_SESSION}
sso_account_id = ${ssoAccount}
sso_role_name = ${ssoRole}
region = eu-west-1
`;
}

const DEMO_CREDENTIALS = `[alice]
aws_access_key_id = AKIADEMOALICE0000001
aws_secret_access_key = demo/secret/for/alice/not/a/real/key0001
`;

/** `clock`: the time every emulator of the world reads (the demo hands down the machine's). */
export async function startDemoWorld(clock: Clock): Promise<DemoWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'awsx-demo-'));
  const home = join(dir, 'home');
  mkdirSync(join(home, '.aws'), { recursive: true, mode: 0o700 });
  const sso = await startSsoEmulator({
    directory: { accounts: 40, rolesPerAccount: [1, 4], seed: 2026 },
    autoApproveDevice: 3000,
    clock,
    roleCredentialsTtlSeconds: 300,
    accessTokenTtlSeconds: 1800,
  });
  const sts = await startStsEmulator({
    users: [
      {
        account: USER_ACCOUNT,
        name: 'alice',
        accessKeys: [
          { accessKeyId: 'AKIADEMOALICE0000001', secretAccessKey: 'demo/secret/for/alice/not/a/real/key0001' },
        ],
        mfaDevices: [MFA_DEVICE],
      },
    ],
    roles: [
      { arn: role('555555555555', 'Admin'), requireMfa: true, maxSessionDuration: 43200 },
      { arn: role('666666666666', 'VendorAccess'), externalId: 'acme-7f3a9' },
    ],
    unknownRoles: 'allow',
    mfa: { seed: DEMO_MFA_SEED },
    clockFactor: DEMO_CLOCK_FACTOR,
    clock,
    resolveUnknownKey: ssoIssuedSessions(sso, {
      roleSuffix: '5e1c0ffee0ddba11',
      sessionName: 'alice@demo-corp.example',
    }),
  });
  const federation = await startFederationEmulator({
    lookupCredentials: (id) => sts.lookupCredentials(id),
    clock,
  });
  const first = sso.knobs.directory.accounts[0]!;
  writeFileSync(join(home, '.aws', 'config'), demoConfig(first.accountId, first.roles[0]!), { mode: 0o600 });
  writeFileSync(join(home, '.aws', 'credentials'), DEMO_CREDENTIALS, { mode: 0o600 });
  const env: Record<string, string> = {
    HOME: home,
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    AWSX_CACHE_DIR: join(dir, 'cache'),
    AWS_ENDPOINT_URL_STS: sts.url,
    AWS_ENDPOINT_URL_SSO: sso.url,
    AWS_ENDPOINT_URL_SSO_OIDC: sso.url,
    AWSX_FEDERATION_ENDPOINT: federation.endpoint,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWSX_DEMO: '1',
    // The picker colours countdowns by the demo's hour (red under 5 of its minutes: 25 s), not a real one.
    AWSX_DEMO_CLOCK_FACTOR: String(DEMO_CLOCK_FACTOR),
    AWSX_DEMO_MFA_SEED: DEMO_MFA_SEED,
  };
  // The temporary HOME goes with the process however it ends (process.exit, a signal turned into an exit).
  const removeDir = (): void => rmSync(dir, { recursive: true, force: true });
  process.once('exit', removeDir);
  return {
    home,
    env,
    mfaCode: () => currentMfaCode(DEMO_MFA_SEED, clock.now()),
    close: async () => {
      await Promise.allSettled([federation.close(), sts.close(), sso.close()]);
      removeDir();
      process.removeListener('exit', removeDir);
    },
  };
}
