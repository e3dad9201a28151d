// Finding 6 of issue 15 on a real full disk (a 256 KiB tmpfs): once STS has answered, failing to write awsx's
// own cache costs one warning line, never the answer; writing the user's file fails with one clear line and
// leaves no temp file and no lock behind.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialsJson } from '../helpers/awsx-json.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { BASE_KEYS, STANDARD_CONFIG, useStsWorld } from '../helpers/sts-world.js';
import { fill, mountTmpfs, unmount } from '../helpers/tmpfs.js';
import { skipWithout } from '../helpers/tools.js';

const skipMoto = skipWithout('moto_server', ['--help']);

describe.skipIf(skipMoto)('issue 15 finding 6: a full disk', () => {
  const world = useStsWorld(skipMoto);
  let sb: Sandbox;
  let disk: string;
  let mounted = false;
  beforeAll(() => {
    sb = makeSandbox({ config: STANDARD_CONFIG }, { ...world().env, AWSX_NO_FAST_PATH: '1', AWSX_NO_CODE_CACHE: '1' });
    disk = join(sb.dir, 'disk');
    mounted = mountTmpfs(disk);
    if (!mounted) return;
    mkdirSync(join(disk, 'cache'), { mode: 0o700 });
    writeFileSync(join(disk, 'credentials'), BASE_KEYS, { mode: 0o600 });
    sb.env.AWSX_CACHE_DIR = join(disk, 'cache');
    sb.env.AWS_SHARED_CREDENTIALS_FILE = join(disk, 'credentials');
    fill(disk);
  });
  afterAll(() => {
    if (mounted) unmount(disk);
    sb.cleanup();
  });

  const leftovers = (): string[] => {
    const all: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.name === '.filler') continue;
        all.push(join(dir, e.name).slice(disk.length + 1));
        if (e.isDirectory()) walk(join(dir, e.name));
      }
    };
    walk(disk);
    // The cache's own folders may have been made before the disk said no: files and locks may not stay.
    return all.filter((p) => !['cache', 'cache/sessions', 'credentials'].includes(p));
  };

  it('assume and credential-process answer, with one warning line; nothing is left on the disk', async (ctx) => {
    if (!mounted) return ctx.skip();
    const a = await sb.awsx(['assume', 'hop1', '--format', 'json']);
    expect(a.code, a.stderr).toBe(0);
    expect(credentialsJson(a.stdout).AccessKeyId).toMatch(/^ASIA/);
    expect(a.stderr).toBe(
      `awsx: warning: could not write to the cache folder ${disk}/cache: no space left on the device (ENOSPC); going on without it\n`,
    );
    const p = await sb.awsx(['credential-process', 'hop2']);
    expect(p.code, p.stderr).toBe(0);
    expect(credentialsJson(p.stdout).Version).toBe(1);
    expect(p.stderr.trim().split('\n')).toHaveLength(1);
    expect(leftovers()).toEqual([]);
  });

  it('--write-profile to the full disk: exit 1, one clear line, the file as it was, no temp file or lock left', async (ctx) => {
    if (!mounted) return ctx.skip();
    const r = await sb.awsx(['assume', 'hop1', '--write-profile', 'saved']);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines[lines.length - 1]).toMatch(
      /^awsx: cannot (write|lock) .*credentials: no space left on the device \(ENOSPC\) \(free some space and retry\)$/,
    );
    expect(r.stderr).not.toMatch(/unexpected error/);
    expect(readFileSync(join(disk, 'credentials'), 'utf8')).toBe(BASE_KEYS);
    expect(leftovers()).toEqual([]);
  });
});
