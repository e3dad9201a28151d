// Node's compile cache under <awsx cache>/compile: used when safe, never when another user could have planted
// code in it, and never in the way of an answer (a full or read-only disk). Also: an older Node than the floor
// gets one line, not a stack trace.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chownSync,
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unsupportedNode } from '../../src/cli/node-version.js';
import { profileListJson } from '../helpers/awsx-json.js';
import { AWSX, makeSandbox, type Sandbox } from '../helpers/sandbox.js';

const CONFIG = '[profile base]\nregion = us-east-1\n';
const isRoot = process.getuid?.() === 0;
const notice = (what: string): void => console.warn(`\n!!! SKIPPING ${what} !!!\n`);

/** Every path under `dir` (relative), for "nothing was written here". */
function tree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

/** A tmpfs of `size` at a fresh folder; undefined where mounting is not allowed (not root, a container). */
function mountTmpfs(at: string, size: string): string | undefined {
  mkdirSync(at, { recursive: true });
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0755`, 'tmpfs', at]);
  return r.status === 0 ? at : undefined;
}

describe('the compile cache', () => {
  let sb: Sandbox;
  const mounts: string[] = [];
  beforeEach(() => {
    sb = makeSandbox({ config: CONFIG });
  });
  afterEach(() => {
    for (const at of mounts.splice(0)) spawnSync('umount', [at]);
    sb.cleanup();
  });
  const compileDir = (): string => join(sb.cacheDir, 'compile');

  it('is kept in <cache>/compile (0700) and read on the next start', async () => {
    expect((await sb.awsx(['list'])).code).toBe(0);
    expect(statSync(compileDir()).mode & 0o777).toBe(0o700);
    expect(statSync(sb.cacheDir).mode & 0o777).toBe(0o700);
    const files = tree(compileDir()).filter((p) => statSync(join(compileDir(), p)).isFile());
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expect(statSync(join(compileDir(), f)).mode & 0o077).toBe(0);
    const second = await sb.awsx(['list'], { env: { NODE_DEBUG_NATIVE: 'COMPILE_CACHE' } });
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/cache for file:\/\/\S+\/chunks\/main\.js was accepted/);
  });

  it('is not used in a cache folder others can write to, nor through a link; the command still works', async () => {
    mkdirSync(sb.cacheDir, { mode: 0o700 });
    chmodSync(sb.cacheDir, 0o777);
    const open = await sb.awsx(['list', '--json'], { env: { AWSX_DEBUG: '1' } });
    expect(open.code).toBe(0);
    expect(profileListJson(open.stdout)[0]?.name).toBe('base');
    expect(open.stderr).toMatch(/compile cache not used: \S+ can be written by other users \(mode 777\)/);
    expect(tree(sb.cacheDir)).toEqual([]);

    chmodSync(sb.cacheDir, 0o700);
    const elsewhere = join(sb.dir, 'planted');
    mkdirSync(elsewhere, { mode: 0o700 });
    symlinkSync(elsewhere, compileDir());
    const linked = await sb.awsx(['list'], { env: { AWSX_DEBUG: '1' } });
    expect(linked.code).toBe(0);
    expect(linked.stderr).toMatch(/compile cache not used: \S+compile is a symbolic link/);
    expect(tree(elsewhere)).toEqual([]);
    // Without AWSX_DEBUG, not a word about it.
    expect((await sb.awsx(['list'])).stderr).toBe('');
  });

  it.skipIf(!isRoot)('is not used in a folder of another user', async () => {
    mkdirSync(compileDir(), { recursive: true, mode: 0o700 });
    chownSync(compileDir(), 1002, 1002);
    const r = await sb.awsx(['list'], { env: { AWSX_DEBUG: '1' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/compile cache not used: \S+ belongs to another user \(uid 1002\)/);
    expect(tree(compileDir())).toEqual([]);
  });
  if (!isRoot) notice('the compile cache test with a folder of another user: it needs root to chown');

  it('removes the temporary file of a cache write that failed', async () => {
    expect((await sb.awsx(['list'])).code).toBe(0);
    const versioned = readdirSync(compileDir()).map((n) => join(compileDir(), n))[0]!;
    writeFileSync(join(versioned, '0123abcd.Xy7Qz9'), ''); // what Node leaves when a write fails (ENOSPC)
    expect((await sb.awsx(['list'])).code).toBe(0);
    expect(readdirSync(versioned).filter((n) => n.includes('.'))).toEqual([]);
  });

  it('does not get in the way on a full disk or a read-only one: the answer comes, nothing is left behind', async (ctx) => {
    const full = mountTmpfs(join(sb.dir, 'full'), '256k');
    if (!full) {
      notice('the full and read-only disk tests: mounting a tmpfs is not allowed here');
      return ctx.skip();
    }
    mounts.push(full);
    writeFileSync(join(full, 'filler'), Buffer.alloc(240 * 1024));
    const onFull = await sb.awsx(['list', '--json'], { env: { AWSX_CACHE_DIR: join(full, 'awsx'), AWSX_DEBUG: '1' } });
    expect(onFull.code).toBe(0);
    expect(profileListJson(onFull.stdout)[0]?.name).toBe('base');
    expect(onFull.stderr).toMatch(/compile cache not used: less than 16 MiB free/);
    expect(tree(full)).toEqual(['filler']);

    const ro = mountTmpfs(join(sb.dir, 'ro'), '64m');
    if (!ro) return ctx.skip();
    mounts.push(ro);
    mkdirSync(join(ro, 'awsx', 'compile'), { recursive: true, mode: 0o700 });
    chmodSync(join(ro, 'awsx'), 0o700);
    execFileSync('mount', ['-o', 'remount,ro', ro]);
    const onRo = await sb.awsx(['list', '--json'], { env: { AWSX_CACHE_DIR: join(ro, 'awsx') } });
    expect(onRo.code).toBe(0);
    expect(onRo.stderr).toBe('');
    expect(tree(ro)).toEqual(['awsx', 'awsx/compile']);
  });
});

describe('an older Node than the floor', () => {
  it('names the Node awsx needs', () => {
    expect(unsupportedNode('20.20.2')).toBe(
      'Node.js 22.12 or newer is needed; this is Node.js 20.20.2 (install a current LTS from https://nodejs.org)',
    );
    expect(unsupportedNode('22.11.0')).toMatch(/22\.12 or newer/);
    expect(unsupportedNode('22.12.0')).toBeUndefined();
    expect(unsupportedNode('26.1.0')).toBeUndefined();
  });

  // The machine's own Node, when older (this machine's /usr/bin/node is 20): one line, exit 1, no stack trace.
  const older = ['/usr/bin/node', '/usr/local/bin/node'].find((path) => {
    const r = spawnSync(path, ['-p', 'process.versions.node'], { encoding: 'utf8' });
    return r.status === 0 && unsupportedNode(r.stdout.trim()) !== undefined;
  });
  if (!older) notice('running dist/awsx.js on an older Node: none installed');
  it.skipIf(!older)('run directly on it, says so in one line', () => {
    const r = spawnSync(older!, [AWSX, 'list'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^awsx: Node\.js 22\.12 or newer is needed; this is Node\.js \d+\.\d+\.\d+ \(install a current LTS from https:\/\/nodejs\.org\)\n$/,
    );
  });
});
