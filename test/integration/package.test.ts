// One self-contained package: a fresh clone (no dist/, node_modules reached through a link) is packed with
// `npm pack` (prepack builds), the tarball is installed offline into an empty prefix, and the installed awsx
// answers --version, list --json and demo --serve. It pulls no dependency: everything it runs is bundled.
import { execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

describe('the npm package', () => {
  let dir: string;
  let awsx: string;
  let env: NodeJS.ProcessEnv;
  let packed: string[];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'awsx-pack-'));
    const clone = join(dir, 'clone');
    execFileSync('git', ['clone', '--quiet', '--no-local', root, clone]);
    symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'));
    const npm = (args: string[], cwd: string): string =>
      execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, npm_config_cache: join(dir, 'npm-cache') },
      });
    const listing = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], clone)) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    packed = listing[0]!.files.map((f) => f.path);
    const prefix = join(dir, 'prefix');
    npm(['install', '--global', '--offline', '--prefix', prefix, join(dir, listing[0]!.filename)], dir);
    awsx = join(prefix, 'bin', 'awsx');
    const home = join(dir, 'home');
    mkdirSync(join(home, '.aws'), { recursive: true });
    writeFileSync(join(home, '.aws', 'config'), '[profile base]\nregion = eu-west-1\n');
    env = { PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8' };
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the build, the licences and the docs, and nothing to install besides', () => {
    expect(packed).toEqual(
      expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'dist/awsx.js', 'dist/THIRD-PARTY-LICENSES.md']),
    );
    expect(packed.some((p) => p.startsWith('dist/chunks/'))).toBe(true);
    expect(
      packed.filter((p) => p.startsWith('src/') || p.startsWith('test/') || p.startsWith('node_modules/')),
    ).toEqual([]);
    const installed = join(dir, 'prefix', 'lib', 'node_modules', 'awsx');
    expect(existsSync(join(installed, 'node_modules')) ? readdirSync(join(installed, 'node_modules')) : []).toEqual([]);
  });

  it('runs --version and list --json from the prefix', () => {
    expect(execFileSync(awsx, ['--version'], { env, encoding: 'utf8' }).trim()).toBe(pkg.version);
    const rows = JSON.parse(execFileSync(awsx, ['list', '--json'], { env, encoding: 'utf8' })) as Array<{
      name: string;
      region: string;
    }>;
    expect(rows.map((r) => [r.name, r.region])).toEqual([['base', 'eu-west-1']]);
  });

  it('runs demo --serve until stopped after it prints its environment', async () => {
    const child = spawn(awsx, ['demo', '--serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`demo --serve printed no environment: ${out}`)), 30_000);
      child.stdout.on('data', () => {
        if (/export AWS_ENDPOINT_URL_STS='http:\/\/127\.0\.0\.1:\d+'/.test(out) && /export AWSX_DEMO='1'/.test(out)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    // Stopped right after it printed: its temporary HOME is gone all the same.
    expect(existsSync(/export HOME='([^']+)'/.exec(out)![1]!)).toBe(false);
  });
});
