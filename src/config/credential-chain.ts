// What a chain of credentials is made of: its root, where the first credentials come from (keys, a
// process, IAM Identity Center, ...), and the role hops assumed from it, one per role profile.
import type { KeyringRootSource } from './keyring-root.js';
import type { CredentialSource } from './profile-kinds.js';
import type { SsoSettings } from './sso-settings.js';

export interface RoleHop {
  /** The profile that declares the hop; undefined for ad-hoc hops (an ARN target, --then). */
  profile?: string;
  roleArn: string;
  partition: string;
  accountId: string;
  roleName: string;
  mfaSerial?: string;
  /** A command whose stdout is the MFA code (as in aws-vault). */
  mfaProcess?: string;
  externalId?: string;
  durationSeconds?: number;
  roleSessionName?: string;
  sourceIdentity?: string;
  region?: string;
}

export type RootSource =
  | {
      kind: 'static';
      profile: string;
      accessKeyId: string;
      secretAccessKey: string;
      sessionToken?: string;
      mfaSerial?: string;
      mfaProcess?: string;
      accountId?: string;
      region?: string;
      /** Which file's section held the keys (botocore's shared-credentials-file or config-file provider). */
      file?: 'credentials' | 'config';
    }
  | { kind: 'login'; profile: string; session: string; region?: string }
  | { kind: 'credential-source'; profile: string; source: CredentialSource; region?: string }
  | { kind: 'process'; profile: string; command: string; region?: string }
  | { kind: 'sso'; profile: string; sso: SsoSettings; accountId: string; roleName: string; region?: string }
  | { kind: 'web-identity'; profile: string; hop: RoleHop; tokenFile: string; region?: string }
  | KeyringRootSource;
