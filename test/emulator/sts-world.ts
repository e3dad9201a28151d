// A sample world for the STS emulator tests: users, roles and helpers to call it with the real JS SDK.
import { STSClient } from '@aws-sdk/client-sts';
import type { StsEmulatorOptions, StsRole, StsUser } from '../../src/emulator/sts-server.js';
import { ACCOUNT, arn as role, MFA_SERIAL, OTHER } from '../helpers/accounts.js';

export const ALICE = {
  accessKeyId: 'AKIAIOSFODNN7ALICE01',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYALICESECRET',
};
export const BOB = {
  accessKeyId: 'AKIAIOSFODNN7BOB0001',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYBOBSECRET00',
};
export const ROOT = {
  accessKeyId: 'AKIAIOSFODNN7ROOT001',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYROOTSECRET0',
};

export const USERS: StsUser[] = [
  { account: ACCOUNT, name: 'alice', accessKeys: [ALICE], mfaDevices: [MFA_SERIAL] },
  { account: ACCOUNT, name: 'bob', path: '/eng/', accessKeys: [BOB] },
  { account: OTHER, name: 'root', root: true, accessKeys: [ROOT] },
];

export const ROLES: StsRole[] = [
  { arn: role(ACCOUNT, 'Dev'), maxSessionDuration: 43200 },
  { arn: role(ACCOUNT, 'Admin'), requireMfa: true, maxSessionDuration: 7200 },
  { arn: role(OTHER, 'Hop2') },
  { arn: role(OTHER, 'Vendor'), externalId: 'ext-4242' },
  { arn: `arn:aws:iam::${OTHER}:role/team/deep/Deployer`, maxSessionDuration: 43200 },
  { arn: role(OTHER, 'OnlyBob'), trustedPrincipals: [`arn:aws:iam::${ACCOUNT}:user/eng/bob`] },
  { arn: role(OTHER, 'FromAccount'), trustedPrincipals: [`arn:aws:iam::${ACCOUNT}:root`] },
  { arn: role(ACCOUNT, 'Web') },
];

/** A config for awsx against this world: IAM user keys (base), a role from them (dev), a chained role, an MFA role. */
export const EMULATOR_CONFIG = `[profile base]
region = us-east-1

[profile dev]
role_arn = ${role(ACCOUNT, 'Dev')}
source_profile = base
region = eu-west-1

[profile hop2]
role_arn = ${role(OTHER, 'Hop2')}
source_profile = dev

[profile admin]
role_arn = ${role(ACCOUNT, 'Admin')}
source_profile = base
mfa_serial = ${MFA_SERIAL}
`;
export const EMULATOR_CREDENTIALS = `[base]
aws_access_key_id = ${ALICE.accessKeyId}
aws_secret_access_key = ${ALICE.secretAccessKey}
`;

/** Options for a world whose clock the test controls. */
export function worldOptions(clock: { now: number }, extra: StsEmulatorOptions = {}): StsEmulatorOptions {
  return {
    users: structuredClone(USERS),
    roles: structuredClone(ROLES),
    mfa: { seed: 'test-seed' },
    clock: { now: () => clock.now },
    ...extra,
  };
}

export interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export function sts(url: string, credentials: Keys): STSClient {
  return new STSClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 });
}

/** Credentials of an STS answer as SDK credentials. */
export function keysOf(out: {
  Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string };
}): Keys {
  const c = out.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

export interface SdkError {
  name: string;
  message: string;
  $fault: string;
  $metadata: { httpStatusCode?: number; requestId?: string };
}

export async function errorOf(p: Promise<unknown>): Promise<SdkError> {
  try {
    await p;
  } catch (err) {
    return err as SdkError;
  }
  throw new Error('expected a rejection');
}
