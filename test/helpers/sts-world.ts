// The STS world of the integration tests: one moto server behind the STS front for a test file, the
// standard profiles, and `stsTest`: vitest's test with that world (`world`) and, per test, a fresh sandbox
// (`sb`) with the standard profiles and keys pointed at it. A describe changes the sandbox's files or
// environment with `stsTest.override('files', ...)` or `stsTest.override('sandboxEnv', ...)`.
import { afterAll, beforeAll, test } from 'vitest';
import { ACCOUNT, arn, MFA_SERIAL, OTHER, THIRD } from './accounts.js';
import { startMoto, type Moto } from './moto.js';
import { makeSandbox, type Sandbox, type SandboxFiles } from './sandbox.js';
import { startStsFront, type StsFront } from '../fakes/sts-front.js';

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

/** Moto and the front, with the rules of the standard roles: both Admins need MFA, Vendor an external id. */
export async function startStsWorld(): Promise<StsWorld & { stop(): Promise<void> }> {
  const moto = await startMoto();
  const front = await startStsFront(moto.url, [
    [arn(ACCOUNT, 'Admin'), { requireMfa: true }],
    [arn(OTHER, 'Admin'), { requireMfa: true }],
    [arn(OTHER, 'Vendor'), { externalId: 'ext-4242' }],
  ]);
  return {
    moto,
    front,
    env: { AWS_ENDPOINT_URL_STS: front.url },
    stop: async () => {
      await front.close();
      await moto.stop();
    },
  };
}

/**
 * vitest's test with `world` (moto and the front, started for the file when a test first needs them) and `sb`
 * (a sandbox per test with `files`, the world's environment and `sandboxEnv`; the front as it started).
 */
export const stsTest = test
  // eslint-disable-next-line no-empty-pattern -- vitest reads a fixture's dependencies from its first argument, which must be an object pattern
  .extend('world', { scope: 'file' }, async ({}, { onCleanup }): Promise<StsWorld> => {
    const world = await startStsWorld();
    onCleanup(() => world.stop());
    return world;
  })
  .extend<'files', SandboxFiles>('files', { config: STANDARD_CONFIG, credentials: BASE_KEYS })
  .extend<'sandboxEnv', NodeJS.ProcessEnv>('sandboxEnv', {})
  .extend('sb', ({ world, files, sandboxEnv }, { onCleanup }): Sandbox => {
    world.front.startOver();
    const sb = makeSandbox(files, { ...world.env, ...sandboxEnv });
    onCleanup(() => sb.cleanup());
    return sb;
  });

/** Starts moto + the front before the file's tests; `world()` gives them to each test. */
export function useStsWorld(skip: boolean): () => StsWorld {
  let world: (StsWorld & { stop(): Promise<void> }) | undefined;
  beforeAll(async () => {
    if (!skip) world = await startStsWorld();
  });
  afterAll(() => world?.stop());
  return () => world!;
}
