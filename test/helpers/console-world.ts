// The world of the console integration tests: moto and the STS front (useStsWorld), a fake federation
// endpoint for the file, and a fresh sandbox per test pointing awsx at both.
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startFakeFederation, type FakeFederation } from '../fakes/federation.js';
import { makeSandbox, type Sandbox } from './sandbox.js';
import { BASE_KEYS, STANDARD_CONFIG, useStsWorld, type StsWorld } from './sts-world.js';

export interface ConsoleWorld {
  world: StsWorld;
  fed: FakeFederation;
  sb: Sandbox;
}

export function useConsoleWorld(skip: boolean, extraEnv: NodeJS.ProcessEnv = {}): () => ConsoleWorld {
  const world = useStsWorld(skip);
  let fed: FakeFederation | undefined;
  let sb: Sandbox | undefined;
  beforeAll(async () => {
    if (!skip) fed = await startFakeFederation();
  });
  afterAll(async () => fed?.close());
  beforeEach(() => {
    sb = makeSandbox(
      { config: STANDARD_CONFIG, credentials: BASE_KEYS },
      { ...world().env, AWSX_FEDERATION_ENDPOINT: fed!.endpoint, ...extraEnv },
    );
    world().front.reset();
    fed!.reset();
  });
  afterEach(() => sb?.cleanup());
  return () => ({ world: world(), fed: fed!, sb: sb! });
}
