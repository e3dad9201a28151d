// awsx --version is package.json's version (the build inlines it): one place to bump, never a second copy.
import { afterEach, describe, expect, it, vi } from 'vitest';

describe('awsx --version', () => {
  afterEach(() => {
    vi.doUnmock('../../../package.json');
    vi.resetModules();
  });

  it("is package.json's version", async () => {
    vi.resetModules();
    vi.doMock('../../../package.json', () => ({ default: { version: '9.8.7' } }));
    const { buildProgram } = await import('../../../src/cli/program.js');
    expect(buildProgram({}, () => {}).version()).toBe('9.8.7');
  });
});
