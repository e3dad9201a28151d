// Recent picks live in the state folder ($XDG_STATE_HOME/awsx, else ~/.local/state/awsx); a list an older awsx
// kept in the cache folder is read until the first new pick moves it.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { redirectNotices } from '../../../src/config/notices.js';
import { loadRecents, recentsPath, recordRecent } from '../../../src/picker/recents.js';

describe('recents', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'awsx-recents-'));
    env = { HOME: join(dir, 'home'), AWSX_CACHE_DIR: join(dir, 'cache') };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes ~/.local/state/awsx/recents.json (0600, folder 0700), or under XDG_STATE_HOME', () => {
    recordRecent(env, 'prod', Date.now());
    expect(recentsPath(env)).toBe(join(dir, 'home', '.local', 'state', 'awsx', 'recents.json'));
    expect(statSync(recentsPath(env)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'home', '.local', 'state', 'awsx')).mode & 0o777).toBe(0o700);
    expect(loadRecents(env)).toEqual(['prod']);
    const xdg = { ...env, XDG_STATE_HOME: join(dir, 'state') };
    recordRecent(xdg, 'dev', Date.now());
    expect(existsSync(join(dir, 'state', 'awsx', 'recents.json'))).toBe(true);
    expect(recentsPath({ ...env, XDG_STATE_HOME: 'relative' })).toBe(recentsPath(env)); // relative XDG paths are ignored
  });

  it('reads the list an older awsx left in the cache folder, and moves it on the next pick', () => {
    mkdirSync(env.AWSX_CACHE_DIR!, { mode: 0o700 });
    const legacy = join(env.AWSX_CACHE_DIR!, 'recents.json');
    writeFileSync(
      legacy,
      JSON.stringify({
        version: 1,
        recent: [
          { target: 'old-a', at: '2025-01-01T00:00:00Z' },
          { target: 'old-b', at: '2025-01-01T00:00:00Z' },
        ],
      }),
      { mode: 0o600 },
    );
    expect(loadRecents(env)).toEqual(['old-a', 'old-b']);
    recordRecent(env, 'new', Date.now());
    expect(loadRecents(env)).toEqual(['new', 'old-a', 'old-b']);
    expect(existsSync(legacy)).toBe(false);
    const file = JSON.parse(readFileSync(recentsPath(env), 'utf8')) as { recent: Array<{ target: string }> };
    expect(file.recent.map((r) => r.target)).toEqual(['new', 'old-a', 'old-b']);
  });

  it('a state folder others can write to is not used: one warning, no list, nothing written there', () => {
    const shared = join(dir, 'state');
    mkdirSync(join(shared, 'awsx'), { recursive: true });
    chmodWide(join(shared, 'awsx'));
    const lines: string[] = [];
    const restore = redirectNotices((line) => void lines.push(line));
    try {
      recordRecent({ ...env, XDG_STATE_HOME: shared }, 'prod', Date.now());
      expect(loadRecents({ ...env, XDG_STATE_HOME: shared })).toEqual([]);
    } finally {
      restore();
    }
    expect(lines).toEqual([
      `awsx: warning: not using the state folder ${shared}/awsx: it is writable by others (mode 0777) (make it a folder of your own with mode 0700, or set XDG_STATE_HOME to another folder); going on without it`,
    ]);
    expect(existsSync(join(shared, 'awsx', 'recents.json'))).toBe(false);
  });
});

function chmodWide(path: string): void {
  process.getBuiltinModule('node:fs').chmodSync(path, 0o777);
}
