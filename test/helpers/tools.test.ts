// What the tests need from the machine (tools.ts): a missing tool fails the run under CI=true and skips its
// tests loudly elsewhere; nothing is ever skipped silently.
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';

/** tools.ts afresh (it remembers each tool it asked about for the life of the module). */
const load = async (): Promise<typeof import('./tools.js')> => {
  vi.resetModules();
  return import('./tools.js');
};
const MISSING = 'awsx-test-no-such-tool';

describe('tools the tests need', () => {
  let warn: MockInstance<typeof console.warn>;
  beforeEach(() => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('under CI=true, skipIfMissing throws naming the tests and what is missing', async () => {
    vi.stubEnv('CI', 'true');
    const { skipIfMissing } = await load();
    expect(() => skipIfMissing('the tests that need tmux', 'tmux is not on PATH')).toThrow(
      'the tests that need tmux are required under CI=true, but tmux is not on PATH',
    );
    expect(warn).not.toHaveBeenCalled();
  });

  it('elsewhere, skipIfMissing skips with a loud notice', async () => {
    vi.stubEnv('CI', '');
    const { skipIfMissing } = await load();
    expect(skipIfMissing('the tests that need tmux', 'tmux is not on PATH')).toBe(true);
    expect(warn).toHaveBeenCalledWith('\n!!! SKIPPING the tests that need tmux: tmux is not on PATH !!!\n');
  });

  it('nothing missing: no skip and no notice, in CI or not', async () => {
    const { skipIfMissing, skipWithout } = await load();
    for (const ci of ['true', '']) {
      vi.stubEnv('CI', ci);
      expect(skipIfMissing('the tests that need sh', undefined)).toBe(false);
      expect(skipWithout('sh', ['-c', 'true'])).toBe(false);
    }
    expect(warn).not.toHaveBeenCalled();
  });

  it('skipWithout: a tool that is not on PATH (or fails) throws under CI=true', async () => {
    vi.stubEnv('CI', 'true');
    const { skipWithout } = await load();
    expect(() => skipWithout(MISSING)).toThrow(`${MISSING} is not on PATH`);
    expect(() => skipWithout('sh', ['-c', 'exit 3'])).toThrow('the tests that need sh are required under CI=true');
  });

  it('skipWithoutBotocore: python3 without botocore throws under CI=true, and skips loudly elsewhere', async () => {
    vi.stubEnv('PATH', '/nonexistent'); // no python3 at all
    vi.stubEnv('CI', 'true');
    const ci = await load();
    expect(() => ci.skipWithoutBotocore()).toThrow(
      'the tests that need botocore are required under CI=true, but python3 cannot import botocore',
    );
    vi.stubEnv('CI', '');
    const local = await load();
    expect(local.skipWithoutBotocore()).toBe(true);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('SKIPPING the tests that need botocore'));
  });

  it('skipOnThisMachine is loud and never throws, in CI too (for what no machine of this kind can do)', async () => {
    vi.stubEnv('CI', 'true');
    const { skipOnThisMachine } = await load();
    expect(skipOnThisMachine('the non-root tests', 'the suite runs as root')).toBe(true);
    expect(warn).toHaveBeenCalledWith('\n!!! SKIPPING the non-root tests: the suite runs as root !!!\n');
    expect(skipOnThisMachine('the non-root tests', undefined)).toBe(false);
  });
});
