// The AWS clients read the environment when a client is made, never when their modules load: a command's
// environment (or a test's) set after the import is the one they see.
import { afterEach, describe, expect, it, vi } from 'vitest';

describe('the environment of the AWS clients', () => {
  const real = process.env;
  afterEach(() => {
    process.env = real;
    vi.resetModules();
  });

  it('is read when a client is made, not when src/aws/clients.ts loads', async () => {
    vi.resetModules();
    process.env = { ...real, AWSX_TIMEOUT_MS: '1111' };
    const { httpOptions } = await import('../../../src/aws/clients.js');
    const { clientEnv } = await import('../../../src/aws/client-context.js');
    process.env = { ...real, AWSX_TIMEOUT_MS: '2222' };
    expect(clientEnv().AWSX_TIMEOUT_MS).toBe('2222');
    expect(httpOptions().requestTimeout).toBe(2222);
  });
});
