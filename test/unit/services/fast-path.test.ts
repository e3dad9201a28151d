// Fast-path records (src/services/fast-path.ts) hold a copy of a session's credentials: deleting the session
// (the picker's forget, sso logout) must delete the records that answered from it, and no others.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionCache } from '../../../src/services/session-cache.js';

describe('fast-path records and the session cache', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'awsx-fast-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('deleting a session deletes the records that answered from it', async () => {
    const cache = new SessionCache(dir);
    const credentials = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token', expiration: new Date(Date.now() + 3_600_000) };
    await cache.put('k1', { kind: 'role', label: 'a', chain: ['a'] }, credentials);
    await cache.put('k2', { kind: 'role', label: 'b', chain: ['b'] }, credentials);
    mkdirSync(join(dir, 'fast'), { recursive: true });
    const record = (name: string, session: string): string => {
      const path = join(dir, 'fast', name);
      writeFileSync(path, `${JSON.stringify({ v: 2, key: name, stdout: 2, stderr: 0, expiresAt: 0, minRemainingMs: 0, files: [['/cfg', 's'], [session, 's']] })}\n{}`, { mode: 0o600 });
      return path;
    };
    const fromK1 = record('one.rec', cache.pathOf('k1'));
    const fromK2 = record('two.rec', cache.pathOf('k2'));
    cache.delete('k1');
    expect(existsSync(cache.pathOf('k1'))).toBe(false);
    expect(existsSync(fromK1)).toBe(false);
    expect(existsSync(fromK2)).toBe(true);
  });
});
