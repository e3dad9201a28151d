// The benchmark's machinery (scripts/bench.mjs): sandboxes, interleaved timing, the pseudo-terminal driver,
// moto, and the builds under test (this checkout's and the one before issue 14, built from its commit).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const FLOOR = ['-e', '0'];

// ---------------------------------------------------------------------------------------------- builds

/** This checkout's build (dist/), copied: a test run rebuilding dist/ meanwhile must not change what is timed. */
export function installCurrent(work) {
  const dir = join(work, 'now');
  cpSync(join(root, 'dist'), dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n'); // as the installed package says
  return join(dir, 'awsx.js');
}

/**
 * The build of commit `ref` (before issue 14: one file, its bootstrap and code cache), made once under
 * .bench-tmp/<ref> from `git archive` with its own `npm ci` (its build patches files in its node_modules),
 * built with the Node running this script. Returns its awsx.js, or undefined (and says why) without git.
 */
export function prepareBaseline(ref, log) {
  const dir = join(root, '.bench-tmp', ref);
  const built = join(dir, 'dist', 'awsx.js');
  if (existsSync(built)) return built;
  try {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    log(`baseline ${ref}: git archive, npm ci, build (once; kept in .bench-tmp/${ref})`);
    const tar = execFileSync('git', ['-C', root, 'archive', '--format=tar', ref], { maxBuffer: 256 << 20 });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
    execFileSync(npm[0], [...npm.slice(1), 'ci', '--no-audit', '--no-fund'], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
    return built;
  } catch (error) {
    log(`baseline ${ref}: not built (${String(error.message).split('\n')[0]}); its column stays empty`);
    return undefined;
  }
}

export function installBaseline(file, work) {
  const dir = join(work, 'before');
  // The whole dist folder: a build split into chunks (issue 14 on) needs its chunks beside the entry.
  cpSync(dirname(file), dir, { recursive: true });
  // Its dist/package.json: CommonJS, except for builds whose bootstrap was an ES module.
  const esm = readFileSync(file, 'latin1').slice(0, 16384).includes('import.meta');
  writeFileSync(join(dir, 'package.json'), `{"type":"${esm ? 'module' : 'commonjs'}"}\n`);
  if (basename(file) !== 'awsx.js') cpSync(file, join(dir, 'awsx.js'));
  return join(dir, 'awsx.js');
}

/** node-linux-<arch>@version from the npm registry (what the npm `node` package installs), under .bench-tmp. */
export function nodeFromRegistry(version, log) {
  const arch = { x64: 'x64', arm64: 'arm64' }[process.arch] ?? process.arch;
  const dir = join(root, '.bench-tmp', `node-${version}`);
  const bin = join(dir, 'node_modules', `node-linux-${arch}`, 'bin', 'node');
  if (existsSync(bin)) return bin;
  try {
    mkdirSync(dir, { recursive: true });
    // its own package.json, or npm would install into the nearest one (this checkout's)
    writeFileSync(join(dir, 'package.json'), '{"name":"bench-node","private":true}\n');
    log(`Node ${version}: npm install node-linux-${arch}@${version} (once; kept in .bench-tmp)`);
    const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
    execFileSync(
      npm[0],
      [...npm.slice(1), 'install', '--no-save', '--no-audit', '--no-fund', `node-linux-${arch}@${version}`],
      { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    return bin;
  } catch (error) {
    log(`Node ${version}: not installed (${String(error.message).split('\n')[0]}); its pass is skipped`);
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------- timing

/**
 * Runs every case `runs` times, rotating which goes first each round, and returns medians (ms). A case:
 * { name, argv, command?, env?, before?() }; `command` defaults to the Node under test.
 */
export function timeInterleaved(node, cases, env, runs) {
  const times = Object.fromEntries(cases.map((c) => [c.name, []]));
  for (let r = 0; r < runs; r++) {
    for (const c of rotate(cases, r)) {
      c.before?.();
      const t0 = performance.now();
      const out = spawnSync(c.command ?? node, c.argv, {
        env: { ...env, ...c.env },
        stdio: ['ignore', 'ignore', 'ignore'],
      });
      times[c.name].push(performance.now() - t0);
      if (out.status !== 0) throw new Error(`${c.name} (${c.argv.join(' ')}) failed with ${out.status}`);
    }
  }
  return stats(times);
}

export function stats(times) {
  const out = {};
  for (const [name, list] of Object.entries(times))
    out[name] = { median: median(list), p25: percentile(list, 25), p75: percentile(list, 75), runs: list.length };
  return out;
}

export function rotate(list, r) {
  const k = r % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}

export function median(list) {
  return percentile(list, 50);
}

export function percentile(list, p) {
  if (list.length === 0) return NaN;
  const s = [...list].sort((a, b) => a - b);
  const at = (p / 100) * (s.length - 1);
  const lo = Math.floor(at);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
}

// ---------------------------------------------------------------------------------------------- pty

const IN_FRAME = '(?:(?!awsx \\d).)*?';
const FRAME_END = '(?:q quit|Esc clear)';
/** A whole frame with rows: the top bar, a selected row (›), and the key hints on the last line. */
export const FRAME = `awsx \\d+ /${IN_FRAME}›${IN_FRAME}${FRAME_END}`;
export const FRAME_PARTS = { IN_FRAME, FRAME_END };

/**
 * The picker in a 120x40 pseudo-terminal: its first frame, then `keys` typed, each waiting for its frame.
 * A keystroke's frame is the burst of output that starts with the top bar showing the new query and ends
 * with 60 ms of quiet (its `settled_ms`): Ink's incremental rendering rewrites only the lines that changed,
 * so a frame after a keystroke need not repeat the key hints of the last line.
 */
export function pickerSpec(node, awsx, env, keys) {
  const steps = [{ name: 'first frame', expect: FRAME }];
  let query = '';
  for (const key of keys) {
    query = key === '<' ? query.slice(0, -1) : query + key;
    const top = query ? `awsx \\d+/\\d+ / ${escapeRe(query)} ` : 'awsx \\d+ /\\s+type to filter';
    steps.push(
      { sleep: 0.08 },
      { name: query || '(empty)', send: key === '<' ? '\x7f' : key, expect: top, settle: 60 },
    );
  }
  steps.push({ rss: true }, { quit: '\x03' });
  return {
    argv: [node, awsx],
    env: { ...env, TERM: 'xterm-256color', AWSX_CLEAR_CLIPBOARD_AFTER: '0' },
    cols: 120,
    rows: 40,
    timeout: 120,
    steps,
  };
}

/** The first frame, then a key typed at once: from spawn to the end of the frame whose top bar shows it. */
export function readySpec(node, awsx, env) {
  const spec = pickerSpec(node, awsx, env, []);
  const steps = [
    spec.steps[0],
    { name: 'ready for keys', send: 'b', expect: 'awsx \\d+/\\d+ / b ', from_spawn: true, settle: 60 },
    { quit: '\x03' },
  ];
  return { ...spec, steps };
}

/** Milliseconds from spawn to the end of the frame that answered the key of readySpec. */
export function readyMs(out) {
  const r = out.results[1];
  return r.ms - r.key_ms + r.settled_ms;
}

/** `node -e 0` in the same terminal, from spawn to its exit: the picker's floor. */
export function floorSpec(node, env) {
  return { argv: [node, ...FLOOR], env, cols: 120, rows: 40, timeout: 30, steps: [{ name: 'exit', exit: true }] };
}

export function pty(spec) {
  const r = spawnSync('python3', [join(root, 'scripts', 'bench-pty.py')], {
    input: JSON.stringify(spec),
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    timeout: (spec.timeout + 30) * 1000,
  });
  return ptyResult(spec, r);
}

/** As pty(), without blocking this process's event loop (the IAM Identity Center emulator runs in it). */
export async function ptyAsync(spec) {
  const r = await runAsync(
    ['python3', join(root, 'scripts', 'bench-pty.py')],
    process.env,
    JSON.stringify(spec),
    (spec.timeout + 30) * 1000,
  );
  return ptyResult(spec, r);
}

function ptyResult(spec, r) {
  if (r.status !== 0) throw new Error(`bench-pty.py failed (${r.status}): ${r.stderr}`);
  const out = JSON.parse(r.stdout);
  if (out.error)
    throw new Error(`${spec.argv.slice(1).join(' ')} in a terminal: ${out.error}\nscreen text:\n${out.tail}`);
  return out;
}

export function runAsync([command, ...argv], env, input = '', timeout = 120_000) {
  return new Promise((resolve) => {
    const child = spawn(command, argv, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ status: code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

// ---------------------------------------------------------------------------------------------- setup

/**
 * A HOME with `files` (config, credentials) and its own awsx cache folder. The environment holds only
 * what awsx and the AWS CLI read: a global NODE_EXTRA_CA_CERTS or NODE_OPTIONS would slow every case alike
 * and hide awsx's own cost.
 */
export function sandbox(work, name, files) {
  const dir = join(work, name);
  const home = join(dir, 'home');
  const cache = join(dir, 'cache');
  mkdirSync(join(home, '.aws'), { recursive: true });
  if (files.config !== undefined) writeFileSync(join(home, '.aws', 'config'), files.config);
  if (files.credentials !== undefined) writeFileSync(join(home, '.aws', 'credentials'), files.credentials);
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    LANG: 'C.UTF-8',
    USER: process.env.USER || 'bench',
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    AWSX_CACHE_DIR: cache,
    AWS_EC2_METADATA_DISABLED: 'true',
    ...(process.env.PYENV_ROOT ? { PYENV_ROOT: process.env.PYENV_ROOT } : {}),
  };
  return { home, cache, env };
}

export function run(argv, env, command, timeout = 120_000) {
  return spawnSync(command, argv, { env, encoding: 'utf8', maxBuffer: 256 << 20, timeout });
}

export function check(r, what, ok) {
  let good;
  try {
    good = r.status === 0 && ok(r.stdout);
  } catch {
    good = false;
  }
  if (!good) throw new Error(`${what} failed (exit ${r.status}): ${String(r.stderr).slice(0, 2000)}`);
  return r.stdout;
}

export function has(command, probe) {
  return spawnSync(command, probe, { stdio: 'ignore' }).status === 0;
}

export async function startMoto() {
  const port = await new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port: p } = server.address();
      server.close(() => resolve(p));
    });
    server.on('error', reject);
  });
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 30_000; ;) {
    try {
      if ((await fetch(`${url}/moto-api/`)).status < 500) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('moto_server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: () =>
      new Promise((resolve) =>
        child.exitCode !== null ? resolve() : (child.once('exit', resolve), child.kill('SIGTERM')),
      ),
  };
}

/** The emulator is TypeScript: bundle it (with the token cache key) into one module for this process. */
export async function bundleEmulator(work) {
  const { build } = await import('esbuild');
  const entry = join(work, 'emulator-entry.ts');
  writeFileSync(
    entry,
    `export { startSsoEmulator, generateDirectory } from ${JSON.stringify(join(root, 'src/emulator/sso-server.ts'))};\nexport { ssoTokenCacheKey } from ${JSON.stringify(join(root, 'src/config/sso-settings.ts'))};\n`,
  );
  const outfile = join(work, 'emulator.mjs');
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    outfile,
    logLevel: 'warning',
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  return outfile;
}

export function machine() {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${process.platform} ${release()}`,
    loadBefore: loadavg().map((l) => Number(l.toFixed(2))),
  };
}

export function escapeRe(text) {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

export function fmt(v, digits) {
  if (!Number.isFinite(v)) return String(v);
  const d = digits ?? (Math.abs(v) >= 100 ? 0 : 1);
  return v.toFixed(d);
}

export function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const [k, v] = a.slice(2).split('=', 2);
    if (v !== undefined) out[k] = v;
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) out[k] = argv[++i];
    else out[k] = true;
  }
  return out;
}
