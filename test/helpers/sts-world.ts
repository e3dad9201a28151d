// One moto server plus the STS front, shared by an integration test file, and a standard set of profiles.
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startMoto, type Moto } from './moto.js';
import { makeSandbox, type Sandbox } from './sandbox.js';
import { startStsFront, type StsFront } from '../fakes/sts-front.js';

export const ACCOUNT = '111111111111';
export const OTHER = '222222222222';
export const THIRD = '333333333333';
export const MFA_SERIAL = `arn:aws:iam::${ACCOUNT}:mfa/alice`;
export const arn = (account: string, role: string): string => `arn:aws:iam::${account}:role/${role}`;

export const BASE_KEYS = `[base]
aws_access_key_id = AKIAIOSFODNN7BASE001
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYBASESECRET
`;

export const STANDARD_CONFIG = `[profile base]
region = us-east-1

[profile hop1]
role_arn = ${arn(ACCOUNT, 'Hop1')}
source_profile = base
region = eu-west-1

[profile hop2]
role_arn = ${arn(OTHER, 'Hop2')}
source_profile = hop1

[profile hop3]
role_arn = ${arn(THIRD, 'Hop3')}
source_profile = hop2
region = ap-southeast-2

[profile admin]
role_arn = ${arn(ACCOUNT, 'Admin')}
source_profile = base
mfa_serial = ${MFA_SERIAL}

[profile admin2]
role_arn = ${arn(OTHER, 'Admin')}
source_profile = base
mfa_serial = ${MFA_SERIAL}

[profile vendor]
role_arn = ${arn(OTHER, 'Vendor')}
source_profile = base
external_id = ext-4242

[profile vendor-noext]
role_arn = ${arn(OTHER, 'Vendor')}
source_profile = base
`;

export interface StsWorld {
  moto: Moto;
  front: StsFront;
  /** Environment pointing awsx and the AWS CLI at the front. */
  env: NodeJS.ProcessEnv;
}

/** Starts moto + the front before the file's tests; `world()` gives them to each test. */
export function useStsWorld(skip: boolean): () => StsWorld {
  let world: StsWorld | undefined;
  beforeAll(async () => {
    if (skip) return;
    const moto = await startMoto();
    const front = await startStsFront(moto.url);
    front.rules.set(arn(ACCOUNT, 'Admin'), { requireMfa: true });
    front.rules.set(arn(OTHER, 'Admin'), { requireMfa: true });
    front.rules.set(arn(OTHER, 'Vendor'), { externalId: 'ext-4242' });
    world = { moto, front, env: { AWS_ENDPOINT_URL_STS: front.url } };
  });
  afterAll(async () => {
    await world?.front.close();
    await world?.moto.stop();
  });
  return () => world!;
}

/**
 * The file's STS world, and for each test a fresh sandbox with the standard profiles and keys pointed at it
 * (the front's call log and rules' state reset): `sandbox()` is the current test's.
 */
export function useStandardSandbox(skip: boolean): { world: () => StsWorld; sandbox: () => Sandbox } {
  const world = useStsWorld(skip);
  let current: Sandbox | undefined;
  beforeEach(() => {
    if (skip) return;
    current = makeSandbox({ config: STANDARD_CONFIG, credentials: BASE_KEYS }, world().env);
    world().front.reset();
  });
  afterEach(() => current?.cleanup());
  return { world, sandbox: () => current! };
}
