#!/usr/bin/env node
// awsx benchmarks (issue 6): every figure side by side with its reference, interleaved, as medians and
// ratios; the results go into docs/benchmarks.md (between its bench markers), docs/benchmarks.svg and
// docs/benchmarks.json.
//
//   npm run bench                         build, then every item (about 8 minutes on 2 cores)
//   npm run bench -- --quick              fewer runs, IAM Identity Center with 100 accounts instead of 1,000
//   node scripts/bench.mjs --baseline OLD/awsx.js   also time another build of awsx (before/after)
//   node scripts/bench.mjs --only list,picker,filter,chain,sso --runs 9 --no-write
//
// Needs python3 (scripts/bench-pty.py drives the picker in a pseudo-terminal), and for the chain items
// moto_server and the AWS CLI (`aws`); an item whose tool is missing is skipped and says so.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateConfig, SIZES } from './gen-configs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = parseArgs(process.argv.slice(2));
const QUICK = args.quick === true;
const RUNS = Number(args.runs ?? (QUICK ? 5 : 11));
const ONLY = args.only ? new Set(String(args.only).split(',')) : undefined;
const want = (item) => !ONLY || ONLY.has(item);
const work = mkdtempSync(join(tmpdir(), 'awsx-bench-'));
const started = Date.now();
const results = { machine: machine(), quick: QUICK, runs: RUNS, items: {} };

// The builds under test, copied: a test suite rebuilding dist/ meanwhile must not change what is measured.
const AWSX = install(join(root, 'dist', 'awsx.js'), 'app');
const BASELINE = args.baseline ? install(String(args.baseline), 'baseline') : undefined;
const FLOOR = ['-e', '0'];

async function main() {
  log(`awsx benchmarks in ${work}${QUICK ? ' (quick)' : ''}: ${results.machine.cpu}, ${results.machine.cores} cores, Node ${process.version}`);
  try {
    if (want('list')) benchList();
    if (want('picker')) benchPicker();
    if (want('filter')) benchFilter();
    if (want('chain')) await benchChain();
    if (want('sso')) await benchSso();
  } finally {
    results.machine.loadAfter = loadavg().map((l) => Number(l.toFixed(2)));
    results.seconds = Math.round((Date.now() - started) / 1000);
    rmSync(work, { recursive: true, force: true });
  }
  report();
}

// ---------------------------------------------------------------------------------------------- items

/** 1. `awsx list --json` at each size vs `node -e 0`, and the same build without its code cache. */
function benchList() {
  const item = (results.items.list = { sizes: {} });
  for (const size of SIZES) {
    const home = sandbox(`list-${size}`, generateConfig(size));
    const cases = [
      { name: 'floor', argv: FLOOR },
      { name: 'awsx', argv: [AWSX, 'list', '--json'] },
      // The first run after the config (or a session) changed: no replay record, the program runs.
      { name: 'awsx, program', argv: [AWSX, 'list', '--json'], env: { AWSX_NO_FAST_PATH: '1' } },
      { name: 'awsx, no code cache', argv: [AWSX, 'list', '--json'], env: { AWSX_NO_FAST_PATH: '1', AWSX_NO_CODE_CACHE: '1' } },
      ...(BASELINE ? [{ name: 'baseline', argv: [BASELINE, 'list', '--json'] }] : []),
    ];
    for (const c of cases) if (c.name !== 'floor') check(run(c.argv, { ...home.env, ...c.env }), `list --json (${size})`, (out) => JSON.parse(out).length === size);
    const runs = size >= 20000 ? Math.max(3, Math.ceil(RUNS / 2)) : RUNS;
    item.sizes[size] = timeInterleaved(cases, home.env, runs);
    log(`list --json ${size}: ${summary(item.sizes[size])}`);
  }
}

/**
 * 2. The picker from spawn to the first frame with rows, in a pseudo-terminal, vs node -e 0 there; the same
 * with the program drawing it (no replayed first frame). Then "ready for keys": a key typed as soon as the
 * first frame shows, from spawn to the frame that shows it (a replayed frame is drawn before the program reads keys).
 */
function benchPicker() {
  const item = (results.items.picker = { sizes: {}, ready: {} });
  const program = (env) => ({ ...env, AWSX_NO_FAST_PATH: '1' });
  for (const size of [2000, 20000]) {
    const home = sandbox(`picker-${size}`, generateConfig(size));
    const cases = [
      { name: 'floor', spec: () => floorSpec(home.env) },
      { name: 'awsx', spec: () => pickerSpec(AWSX, home.env, []) },
      { name: 'awsx, program', spec: () => pickerSpec(AWSX, program(home.env), []) },
      ...(BASELINE ? [{ name: 'baseline', spec: () => pickerSpec(BASELINE, home.env, []) }] : []),
    ];
    pty(pickerSpec(AWSX, home.env, [])); // writes the code cache for the picker, and the first frame's record
    pty(pickerSpec(AWSX, program(home.env), []));
    const runs = Math.max(3, Math.ceil(RUNS * (size >= 20000 ? 0.5 : 0.8)));
    const times = Object.fromEntries(cases.map((c) => [c.name, []]));
    const rss = [];
    for (let r = 0; r < runs; r++) {
      for (const c of rotate(cases, r)) {
        const out = pty(c.spec());
        times[c.name].push(out.results[0].ms);
        if (c.name === 'awsx, program' && out.rss_kib) rss.push(out.rss_kib);
      }
    }
    item.sizes[size] = stats(times);
    item.rssMiB = { ...item.rssMiB, [size]: median(rss) / 1024 };
    log(`picker first frame ${size}: ${summary(item.sizes[size])}`);
    if (size !== 2000) continue;
    const ready = [
      { name: 'awsx', spec: () => readySpec(AWSX, home.env) },
      { name: 'awsx, program', spec: () => readySpec(AWSX, program(home.env)) },
      ...(BASELINE ? [{ name: 'baseline', spec: () => readySpec(BASELINE, home.env) }] : []),
    ];
    const readyTimes = Object.fromEntries(ready.map((c) => [c.name, []]));
    for (let r = 0; r < runs; r++) for (const c of rotate(ready, r)) readyTimes[c.name].push(pty(c.spec()).results[1].ms);
    item.ready[size] = stats(readyTimes);
    log(`picker ready for keys ${size}: ${Object.entries(item.ready[size]).map(([n, v]) => `${n} ${fmt(v.median)} ms`).join(', ')}`);
  }
}

/** 3 and 7. Keystroke to updated frame at 20,000 rows (p50, p95), and the peak RSS after it. */
function benchFilter() {
  const home = sandbox('filter', generateConfig(20000));
  // Typing, fixing typos and clearing, as a user does: every keystroke waits for its frame, then 80 ms.
  const script = 'payments<<<<<<<<web-prod-1<<<<<<<<<<deploy<<<<<<mlqa<<<<identity-sandbox<<<<<<<<<<<<<<<<';
  const sessions = QUICK ? 1 : 3;
  const latencies = [];
  const settled = [];
  const rss = [];
  for (let s = 0; s < sessions; s++) {
    const out = pty(pickerSpec(AWSX, home.env, [...script]));
    for (const r of out.results.slice(1)) {
      latencies.push(r.ms);
      settled.push(r.settled_ms);
    }
    if (out.rss_kib) rss.push(out.rss_kib);
  }
  results.items.filter = {
    keystrokes: latencies.length,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    max: Math.max(...latencies),
    settledP95: percentile(settled, 95),
  };
  results.items.memory = { rows: 20000, peakRssMiB: Math.max(...rss) / 1024 };
  log(`filter at 20,000 rows: p50 ${fmt(results.items.filter.p50)} ms, p95 ${fmt(results.items.filter.p95)} ms; peak RSS ${fmt(results.items.memory.peakRssMiB)} MiB`);
}

/** 4 and 5. A 2-hop chain against moto: awsx vs the AWS CLI cold, then awsx warm vs the floor. */
async function benchChain() {
  if (!has('moto_server', ['--help']) || !has('aws', ['--version'])) {
    results.items.chain = { skipped: 'needs moto_server and the AWS CLI' };
    return log('chain: skipped (needs moto_server and aws)');
  }
  const moto = await startMoto();
  try {
    const home = sandbox('chain', {
      config: '[profile base]\nregion = us-east-1\n\n[profile hop1]\nrole_arn = arn:aws:iam::111111111111:role/Hop1\nsource_profile = base\nregion = us-east-1\n\n[profile hop2]\nrole_arn = arn:aws:iam::222222222222:role/Hop2\nsource_profile = hop1\nregion = us-east-1\n',
      credentials: '[base]\naws_access_key_id = AKIAIOSFODNN7BENCH01\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYBENCHSECRET\n',
    });
    const env = { ...home.env, AWS_ENDPOINT_URL_STS: moto.url, AWS_PAGER: '' };
    const forget = () => {
      rmSync(join(home.home, '.aws', 'cli', 'cache'), { recursive: true, force: true });
      for (const name of existsSync(home.cache) ? readdirSync(home.cache) : []) if (name !== 'code') rmSync(join(home.cache, name), { recursive: true, force: true });
    };
    const arn = (out) => JSON.parse(out).Arn;
    check(run([AWSX, 'whoami', 'hop2', '--json'], env), 'awsx whoami hop2', (out) => /assumed-role\/Hop2\//.test(arn(out)));
    check(run(['sts', 'get-caller-identity', '--profile', 'hop2', '--output', 'json'], env, 'aws'), 'aws sts get-caller-identity', (out) => /assumed-role\/Hop2\//.test(arn(out)));
    const cold = [
      { name: 'aws', command: 'aws', argv: ['sts', 'get-caller-identity', '--profile', 'hop2', '--output', 'json'], before: forget },
      { name: 'awsx', argv: [AWSX, 'whoami', 'hop2', '--json'], before: forget },
    ];
    results.items.chain = { cold: timeInterleaved(cold, env, Math.max(3, Math.ceil(RUNS * 0.6)), 'aws') };
    log(`cold 2-hop chain: ${summary(results.items.chain.cold, 'aws')}`);
    run([AWSX, 'whoami', 'hop2', '--json'], env); // warm: the hops are cached
    const warm = [
      { name: 'floor', argv: FLOOR },
      { name: 'awsx', argv: [AWSX, 'whoami', 'hop2', '--json'] },
      { name: 'awsx, program', argv: [AWSX, 'whoami', 'hop2', '--json'], env: { AWSX_NO_FAST_PATH: '1' } },
      ...(BASELINE ? [{ name: 'baseline', argv: [BASELINE, 'whoami', 'hop2', '--json'] }] : []),
    ];
    results.items.chain.warm = timeInterleaved(warm, env, RUNS);
    log(`warm whoami: ${summary(results.items.chain.warm)}`);
    check(run([AWSX, 'credential-process', 'hop2'], env), 'credential-process', (out) => JSON.parse(out).Version === 1);
    const processCases = [
      { name: 'floor', argv: FLOOR },
      { name: 'awsx', argv: [AWSX, 'credential-process', 'hop2'] },
      { name: 'awsx, no fast path', argv: [AWSX, 'credential-process', 'hop2'], env: { AWSX_NO_FAST_PATH: '1' } },
      ...(BASELINE ? [{ name: 'baseline', argv: [BASELINE, 'credential-process', 'hop2'] }] : []),
    ];
    results.items.credentialProcess = timeInterleaved(processCases, env, RUNS);
    log(`credential-process warm: ${summary(results.items.credentialProcess)}`);
  } finally {
    await moto.stop();
  }
}

/** 6. IAM Identity Center discovery against the emulator: 30 ms per request, 20 requests/s. */
async function benchSso() {
  const accounts = QUICK ? 100 : 1000;
  const rolesPerAccount = 3;
  const emuModule = await bundleEmulator();
  const { startSsoEmulator, generateDirectory, ssoTokenCacheKey } = await import(pathToFileURL(emuModule).href);
  const directory = generateDirectory({ accounts, rolesPerAccount, seed: 6 });
  const emu = await startSsoEmulator({ directory, latencyMs: 30, rateLimit: 20 });
  const item = (results.items.sso = { accounts, roles: accounts * rolesPerAccount, latencyMs: 30, rateLimit: 20 });
  try {
    const startUrl = 'https://bench.awsapps.com/start';
    const home = sandbox('sso', {
      // The one profile names an account the directory does not have: every discovered role is a new row.
      config: `[sso-session corp]\nsso_start_url = ${startUrl}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n\n[profile dev]\nsso_session = corp\nsso_account_id = 999999999999\nsso_role_name = ReadOnlyAccess\nregion = eu-west-1\n`,
    });
    const env = { ...home.env, AWS_ENDPOINT_URL_SSO: emu.url, AWS_ENDPOINT_URL_SSO_OIDC: emu.url };
    const login = emu.createLogin();
    const cliDate = (d) => `${d.toISOString().slice(0, 19)}Z`;
    mkdirSync(join(home.home, '.aws', 'sso', 'cache'), { recursive: true });
    writeFileSync(
      join(home.home, '.aws', 'sso', 'cache', `${ssoTokenCacheKey({ sessionName: 'corp', startUrl })}.json`),
      JSON.stringify({ startUrl, region: 'us-east-1', accessToken: login.accessToken, expiresAt: cliDate(login.expiresAt), clientId: login.clientId, clientSecret: login.clientSecret, registrationExpiresAt: cliDate(login.registrationExpiresAt), refreshToken: login.refreshToken }),
      { mode: 0o600 },
    );
    const total = 1 + item.roles;
    const requests = Math.ceil(accounts / emu.knobs.pageSize) + accounts;
    item.requests = requests;
    item.floorSeconds = requests / 20;
    // The picker with no roles cache: its first frame, the first discovered rows, then every role.
    emu.resetStats();
    const first = await ptyAsync({
      ...pickerSpec(AWSX, env, []),
      timeout: item.floorSeconds * 3 + 60,
      steps: [
        { name: 'first frame', expect: FRAME },
        { name: 'first rows', expect: `awsx (?:[2-9]|\\d{2,}) /${IN_FRAME}${FRAME_END}` },
        { name: 'all rows', expect: `awsx ${total} /${IN_FRAME}${FRAME_END}` },
        { quit: '\x03' },
      ],
    });
    const ms = first.results.map((r) => r.ms).reduce((acc, m) => [...acc, (acc.at(-1) ?? 0) + m], []);
    Object.assign(item, {
      firstFrameMs: ms[0],
      firstRowsMs: ms[1],
      wallSeconds: ms[2] / 1000,
      listRequests: (emu.stats.operations.ListAccounts ?? 0) + (emu.stats.operations.ListAccountRoles ?? 0),
      throttled: emu.stats.throttled,
    });
    const cached = JSON.parse(check(await runAsync([process.execPath, AWSX, 'sso', 'roles', '--json'], env), 'sso roles (cache)', (out) => Array.isArray(JSON.parse(out))));
    item.cachedRoles = cached.length;
    item.cachedAccounts = new Set(cached.map((r) => r.accountId)).size;
    log(`sso discovery: first rows ${fmt(item.firstRowsMs)} ms, all ${item.roles} roles in ${fmt(item.wallSeconds)} s (floor ${fmt(item.floorSeconds)} s), ${item.cachedAccounts}/${accounts} accounts cached`);
    // A second start: every role from the cache in the first frame.
    const second = await ptyAsync({ ...pickerSpec(AWSX, env, []), steps: [{ name: 'first frame', expect: FRAME, capture: 'awsx (\\d+) /' }, { quit: '\x03' }] });
    item.secondStart = { ms: second.results[0]?.ms, rows: Number(second.results[0]?.captured?.[0]) };
    log(`sso second start: ${item.secondStart.rows} rows in the first frame, ${fmt(item.secondStart.ms)} ms`);
    // One request in 7 throttled on top of the limit: nothing may be lost.
    emu.configure({ throttleEvery: 7 });
    emu.resetStats();
    const t0 = performance.now();
    const refreshed = await runAsync([process.execPath, AWSX, 'sso', 'roles', '--refresh', '--json'], env, '', item.floorSeconds * 4 * 1000 + 60_000);
    const roles = JSON.parse(check(refreshed, 'sso roles --refresh under throttling', (out) => Array.isArray(JSON.parse(out))));
    item.throttledRun = {
      seconds: (performance.now() - t0) / 1000,
      roles: roles.length,
      accounts: new Set(roles.map((r) => r.accountId)).size,
      throttled: emu.stats.throttled,
    };
    log(`sso under 1-in-7 throttling: ${item.throttledRun.roles}/${item.roles} roles, ${item.throttledRun.accounts}/${accounts} accounts, ${item.throttledRun.throttled} throttled, ${fmt(item.throttledRun.seconds)} s`);
  } finally {
    await emu.close();
  }
}

// ---------------------------------------------------------------------------------------------- pty

const IN_FRAME = '(?:(?!awsx \\d).)*?';
const FRAME_END = '(?:q quit|Esc clear)';
/** A whole frame with rows: the top bar, a selected row (›), and the key hints on the last line. */
const FRAME = `awsx \\d+ /${IN_FRAME}›${IN_FRAME}${FRAME_END}`;

function pickerSpec(awsx, env, keys) {
  const steps = [{ name: 'first frame', expect: FRAME }];
  let query = '';
  for (const key of keys) {
    query = key === '<' ? query.slice(0, -1) : query + key;
    const top = query ? `awsx \\d+/\\d+ / ${escapeRe(query)} ` : 'awsx \\d+ /\\s+type to filter';
    steps.push({ sleep: 0.08 }, { name: query || '(empty)', send: key === '<' ? '\x7f' : key, expect: `${top}${IN_FRAME}${FRAME_END}`, settle: 60 });
  }
  steps.push({ rss: true }, { quit: '\x03' });
  return { argv: [process.execPath, awsx], env: { ...env, TERM: 'xterm-256color', AWSX_CLEAR_CLIPBOARD_AFTER: '0' }, cols: 120, rows: 40, timeout: 120, steps };
}

/** The first frame, then a key typed at once: from spawn to the first whole frame whose top bar shows it. */
function readySpec(awsx, env) {
  const spec = pickerSpec(awsx, env, []);
  const steps = [spec.steps[0], { name: 'ready for keys', send: 'b', expect: `awsx \\d+/\\d+ / b ${IN_FRAME}${FRAME_END}`, from_spawn: true }, { quit: '\x03' }];
  return { ...spec, steps };
}

/** `node -e 0` in the same terminal, from spawn to its exit: the floor of item 1, measured the picker's way. */
function floorSpec(env) {
  return { argv: [process.execPath, '-e', '0'], env, cols: 120, rows: 40, timeout: 30, steps: [{ name: 'exit', exit: true }] };
}

/** As pty(), without blocking this process's event loop (the IAM Identity Center emulator runs in it). */
async function ptyAsync(spec) {
  const r = await runAsync(['python3', join(root, 'scripts', 'bench-pty.py')], process.env, JSON.stringify(spec), (spec.timeout + 30) * 1000);
  if (r.status !== 0) throw new Error(`bench-pty.py failed (${r.status}): ${r.stderr}`);
  const out = JSON.parse(r.stdout);
  if (out.error) throw new Error(`${spec.argv.slice(1).join(' ')} in a terminal: ${out.error}\nscreen text:\n${out.tail}`);
  return out;
}

function runAsync([command, ...argv], env, input = '', timeout = 120_000) {
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

function pty(spec) {
  const r = spawnSync('python3', [join(root, 'scripts', 'bench-pty.py')], { input: JSON.stringify(spec), encoding: 'utf8', maxBuffer: 64 << 20, timeout: (spec.timeout + 30) * 1000 });
  if (r.status !== 0) throw new Error(`bench-pty.py failed (${r.status}): ${r.stderr}`);
  const out = JSON.parse(r.stdout);
  if (out.error) throw new Error(`${spec.argv.slice(1).join(' ')} in a terminal: ${out.error}\nscreen text:\n${out.tail}`);
  return out;
}

// ---------------------------------------------------------------------------------------------- timing

/** Runs every case `runs` times, rotating which goes first, and returns medians (ms) and ratios to `ref`. */
function timeInterleaved(cases, env, runs) {
  const times = Object.fromEntries(cases.map((c) => [c.name, []]));
  for (let r = 0; r < runs; r++) {
    for (const c of rotate(cases, r)) {
      c.before?.();
      const t0 = performance.now();
      const out = spawnSync(c.command ?? process.execPath, c.argv, { env: { ...env, ...c.env }, stdio: ['ignore', 'ignore', 'ignore'] });
      times[c.name].push(performance.now() - t0);
      if (out.status !== 0) throw new Error(`${c.name} failed with ${out.status}`);
    }
  }
  return stats(times);
}

function stats(times) {
  const out = {};
  for (const [name, list] of Object.entries(times)) out[name] = { median: median(list), p25: percentile(list, 25), p75: percentile(list, 75), runs: list.length };
  return out;
}

function rotate(list, r) {
  const k = r % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}

function median(list) {
  return percentile(list, 50);
}

function percentile(list, p) {
  if (list.length === 0) return NaN;
  const s = [...list].sort((a, b) => a - b);
  const at = (p / 100) * (s.length - 1);
  const lo = Math.floor(at);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
}

// ---------------------------------------------------------------------------------------------- setup

function install(file, name) {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  // As dist/package.json: CommonJS, except for builds whose bootstrap was an ES module (before 2026-11-22).
  const esm = readFileSync(file, 'latin1').slice(0, 16384).includes('import.meta');
  writeFileSync(join(dir, 'package.json'), `{"type":"${esm ? 'module' : 'commonjs'}"}\n`);
  copyFileSync(file, join(dir, 'awsx.js'));
  return join(dir, 'awsx.js');
}

function sandbox(name, files) {
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

function run(argv, env, command = process.execPath, timeout = 120_000) {
  return spawnSync(command, argv, { env, encoding: 'utf8', maxBuffer: 256 << 20, timeout });
}

function check(r, what, ok) {
  let good = false;
  try {
    good = r.status === 0 && ok(r.stdout);
  } catch {
    good = false;
  }
  if (!good) throw new Error(`${what} failed (exit ${r.status}): ${String(r.stderr).slice(0, 2000)}`);
  return r.stdout;
}

function has(command, probe) {
  return spawnSync(command, probe, { stdio: 'ignore' }).status === 0;
}

async function startMoto() {
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
  for (const deadline = Date.now() + 30_000; ; ) {
    try {
      if ((await fetch(`${url}/moto-api/`)).status < 500) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('moto_server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, stop: () => new Promise((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', resolve), child.kill('SIGTERM')))) };
}

/** The emulator is TypeScript: bundle it (with the token cache key) into one module for this process. */
async function bundleEmulator() {
  const { build } = await import('esbuild');
  const entry = join(work, 'emulator-entry.ts');
  writeFileSync(
    entry,
    `export { startSsoEmulator, generateDirectory } from ${JSON.stringify(join(root, 'src/emulator/sso-server.ts'))};\nexport { ssoTokenCacheKey } from ${JSON.stringify(join(root, 'src/config/sso-settings.ts'))};\n`,
  );
  const outfile = join(work, 'emulator.mjs');
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'warning', banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } });
  return outfile;
}

function machine() {
  const cpu = cpus();
  return { cpu: cpu[0]?.model.trim() ?? 'unknown', cores: cpu.length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, os: `${process.platform} ${release()}`, loadBefore: loadavg().map((l) => Number(l.toFixed(2))) };
}

// ---------------------------------------------------------------------------------------------- report

function report() {
  const rows = table();
  const md = [
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`npm run bench${QUICK ? ' -- --quick' : ''}\` in ${results.seconds} s.`,
    '',
    `Machine: ${results.machine.cpu}, ${results.machine.cores} cores, ${results.machine.memoryGiB} GiB, ${results.machine.os}, Node ${results.machine.node}; load average ${results.machine.loadBefore.join(' ')} before, ${results.machine.loadAfter.join(' ')} after.`,
    `Medians of ${RUNS} interleaved runs per figure unless noted; every ratio compares two figures measured side by side in the same run.`,
    '',
    '| # | what | awsx | reference | ratio | goal | met |',
    '| - | ---- | ---- | --------- | ----- | ---- | --- |',
    ...rows.map((r) => `| ${r.id} | ${r.what} | ${r.value} | ${r.reference} | ${r.ratio} | ${r.goal} | ${r.met === undefined ? '' : r.met ? 'yes' : '**no**'} |`),
    '',
    '![awsx against its goals](benchmarks.svg)',
  ].join('\n');
  process.stdout.write(`\n${md}\n`);
  if (args['no-write']) return;
  const docPath = join(root, 'docs', 'benchmarks.md');
  const doc = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '# Benchmarks\n\n<!-- bench:begin -->\n<!-- bench:end -->\n';
  const begin = '<!-- bench:begin -->';
  const end = '<!-- bench:end -->';
  const at = doc.indexOf(begin);
  const to = doc.indexOf(end);
  writeFileSync(docPath, at >= 0 && to > at ? `${doc.slice(0, at + begin.length)}\n${md}\n${doc.slice(to)}` : `${doc.trimEnd()}\n\n${begin}\n${md}\n${end}\n`);
  writeFileSync(join(root, 'docs', 'benchmarks.svg'), chart(rows.filter((r) => r.chart !== undefined)));
  writeFileSync(join(root, 'docs', 'benchmarks.json'), `${JSON.stringify(results, null, 2)}\n`);
  log(`wrote docs/benchmarks.md, docs/benchmarks.svg and docs/benchmarks.json`);
}

function table() {
  const rows = [];
  const it = results.items;
  const ratio = (a, b) => a / b;
  const ms = (v) => `${fmt(v)} ms`;
  if (it.list) {
    for (const [size, s] of Object.entries(it.list.sizes)) {
      const r = ratio(s.awsx.median, s.floor.median);
      rows.push({ id: 1, what: `list --json, ${Number(size).toLocaleString('en')} profiles`, value: ms(s.awsx.median), reference: `node -e 0: ${ms(s.floor.median)}`, ratio: `${fmt(r, 2)}x`, goal: size === '2000' ? '<= 1.5x' : '', met: size === '2000' ? r <= 1.5 : undefined, chart: size === '2000' ? { label: 'list --json, 2,000', value: r, goal: 1.5, unit: 'x' } : undefined });
      const others = [['the program (no replay)', s['awsx, program']], ['no code cache', s['awsx, no code cache']], ['before', s.baseline]].filter(([, v]) => v);
      rows.push({ id: '', what: `  same, ${others.map(([n]) => n).join(' / ')}`, value: others.map(([, v]) => ms(v.median)).join(' / '), reference: '', ratio: others.map(([, v]) => `${fmt(ratio(v.median, s.floor.median), 2)}x`).join(' / '), goal: '' });
    }
  }
  if (it.picker) {
    for (const [size, s] of Object.entries(it.picker.sizes)) {
      const r = ratio(s.awsx.median, s.floor.median);
      rows.push({ id: 2, what: `picker, first frame, ${Number(size).toLocaleString('en')} profiles`, value: ms(s.awsx.median), reference: `node -e 0 in the pty: ${ms(s.floor.median)}`, ratio: `${fmt(r, 2)}x${s.baseline ? ` (before: ${fmt(ratio(s.baseline.median, s.floor.median), 2)}x)` : ''}`, goal: size === '2000' ? '<= 2x' : '', met: size === '2000' ? r <= 2 : undefined, chart: size === '2000' ? { label: 'picker first frame, 2,000', value: r, goal: 2, unit: 'x' } : undefined });
      const program = s['awsx, program'];
      if (program) rows.push({ id: '', what: '  same, drawn by the program (no replayed frame)', value: ms(program.median), reference: '', ratio: `${fmt(ratio(program.median, s.floor.median), 2)}x`, goal: '' });
      const ready = it.picker.ready?.[size];
      if (ready) {
        const others = [['no replayed frame', ready['awsx, program']], ['before', ready.baseline]].filter(([, v]) => v);
        rows.push({ id: 2, what: `picker, ready for keys, ${Number(size).toLocaleString('en')} profiles`, value: ms(ready.awsx.median), reference: `a key typed at the first frame, spawn to its frame${others.length ? `; ${others.map(([n, v]) => `${n}: ${ms(v.median)}`).join(', ')}` : ''}`, ratio: '', goal: '' });
      }
    }
  }
  if (it.filter) {
    rows.push({ id: 3, what: `filter at 20,000 rows, ${it.filter.keystrokes} keystrokes`, value: `p50 ${ms(it.filter.p50)}, p95 ${ms(it.filter.p95)}`, reference: 'keystroke to updated frame', ratio: '', goal: 'p95 <= 16 ms', met: it.filter.p95 <= 16, chart: { label: 'filter p95, 20,000 rows', value: it.filter.p95 / 16, goal: 1, unit: 'x goal', raw: `${fmt(it.filter.p95)} ms` } });
  }
  if (it.chain?.cold) {
    const c = it.chain.cold;
    const r = ratio(c.awsx.median, c.aws.median);
    rows.push({ id: 4, what: 'cold 2-hop chain: whoami hop2', value: ms(c.awsx.median), reference: `aws sts get-caller-identity: ${ms(c.aws.median)}`, ratio: `${fmt(r, 2)}x`, goal: '<= 0.35x', met: r <= 0.35, chart: { label: 'cold chain vs AWS CLI', value: r / 0.35, goal: 1, unit: 'x goal', raw: `${fmt(r, 2)}x` } });
    const w = it.chain.warm;
    const rw = ratio(w.awsx.median, w.floor.median);
    rows.push({ id: 4, what: 'warm whoami hop2 (replayed)', value: ms(w.awsx.median), reference: `node -e 0: ${ms(w.floor.median)}`, ratio: `${fmt(rw, 2)}x${w.baseline ? ` (before: ${fmt(ratio(w.baseline.median, w.floor.median), 2)}x)` : ''}`, goal: '<= 1.3x', met: rw <= 1.3, chart: { label: 'warm whoami', value: rw, goal: 1.3, unit: 'x' } });
    if (w['awsx, program']) rows.push({ id: '', what: '  same, the program (cached hops, one GetCallerIdentity)', value: ms(w['awsx, program'].median), reference: '', ratio: `${fmt(ratio(w['awsx, program'].median, w.floor.median), 2)}x`, goal: '' });
  } else if (it.chain?.skipped) rows.push({ id: 4, what: 'chain', value: `skipped: ${it.chain.skipped}`, reference: '', ratio: '', goal: '' });
  if (it.credentialProcess) {
    const p = it.credentialProcess;
    const r = ratio(p.awsx.median, p.floor.median);
    rows.push({ id: 5, what: 'credential-process hop2, warm', value: ms(p.awsx.median), reference: `node -e 0: ${ms(p.floor.median)}`, ratio: `${fmt(r, 2)}x${p.baseline ? ` (before: ${fmt(ratio(p.baseline.median, p.floor.median), 2)}x)` : ''}`, goal: '<= 1.3x', met: r <= 1.3, chart: { label: 'credential-process warm', value: r, goal: 1.3, unit: 'x' } });
    const np = p['awsx, no fast path'];
    if (np) rows.push({ id: '', what: '  same, without the fast path (the program runs)', value: ms(np.median), reference: '', ratio: `${fmt(ratio(np.median, p.floor.median), 2)}x`, goal: '' });
  }
  if (it.sso) {
    const s = it.sso;
    const r = s.wallSeconds / s.floorSeconds;
    const scale = `${s.accounts.toLocaleString('en')} accounts x 3 roles`;
    rows.push({ id: 6, what: `SSO discovery, ${scale}, in the picker`, value: `${fmt(s.wallSeconds)} s`, reference: `${s.requests} requests / 20 per s: ${fmt(s.floorSeconds)} s`, ratio: `${fmt(r, 2)}x`, goal: '<= 1.1x', met: r <= 1.1, chart: { label: 'SSO discovery wall', value: r, goal: 1.1, unit: 'x' } });
    rows.push({ id: 6, what: 'SSO: first discovered rows on screen', value: ms(s.firstRowsMs), reference: 'from spawn', ratio: '', goal: '<= 1 s', met: s.firstRowsMs <= 1000, chart: { label: 'SSO first rows', value: s.firstRowsMs / 1000, goal: 1, unit: 'x goal', raw: `${fmt(s.firstRowsMs)} ms` } });
    rows.push({ id: 6, what: 'SSO: second start, rows in the first frame', value: `${s.secondStart.rows - 1} roles, ${ms(s.secondStart.ms)}`, reference: `${s.roles} roles`, ratio: '', goal: 'all, at once', met: s.secondStart.rows - 1 === s.roles });
    rows.push({ id: 6, what: 'SSO: accounts in the cache after discovery', value: `${s.cachedAccounts} (${s.cachedRoles} roles)`, reference: `${s.accounts} (${s.roles})`, ratio: '', goal: 'none lost', met: s.cachedAccounts === s.accounts && s.cachedRoles === s.roles });
    const t = s.throttledRun;
    rows.push({ id: 6, what: 'SSO: 1 request in 7 throttled on top', value: `${t.accounts} accounts (${t.roles} roles), ${t.throttled} throttled, ${fmt(t.seconds)} s`, reference: `${s.accounts} (${s.roles})`, ratio: '', goal: 'none lost', met: t.accounts === s.accounts && t.roles === s.roles });
  }
  if (it.memory) {
    rows.push({ id: 7, what: 'peak RSS, picker with 20,000 rows (after filtering)', value: `${fmt(it.memory.peakRssMiB)} MiB`, reference: '', ratio: '', goal: '<= 150 MiB', met: it.memory.peakRssMiB <= 150, chart: { label: 'peak RSS, 20,000 rows', value: it.memory.peakRssMiB / 150, goal: 1, unit: 'x goal', raw: `${fmt(it.memory.peakRssMiB)} MiB` } });
  }
  return rows;
}

/** A horizontal bar per goal: the measured value over its goal (the line at 1); green when met. */
function chart(rows) {
  const bars = rows.map((r) => ({ label: r.chart.label, rel: r.chart.value / r.chart.goal, text: r.chart.raw ?? `${fmt(r.chart.value, 2)}${r.chart.unit}`, goalText: r.chart.unit === 'x' ? `goal ${r.chart.goal}x` : '' }));
  const max = Math.max(2, ...bars.map((b) => Math.min(b.rel, 6)));
  const left = 200;
  const width = 460;
  const rowH = 26;
  const h = 50 + bars.length * rowH;
  const x = (rel) => Math.round((left + (Math.min(rel, max) / max) * width) * 10) / 10;
  const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${left + width + 130}" height="${h}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="18" font-weight="bold">awsx against its goals (bar: measured / goal; the line is the goal)</text>`,
  ];
  bars.forEach((b, i) => {
    const y = 34 + i * rowH;
    parts.push(`<text x="${left - 8}" y="${y + 13}" text-anchor="end">${esc(b.label)}</text>`);
    parts.push(`<rect x="${left}" y="${y}" width="${Math.max(1, x(b.rel) - left)}" height="18" fill="${b.rel <= 1 ? '#3a9d5d' : '#d9534f'}"/>`);
    parts.push(`<text x="${x(b.rel) + 6}" y="${y + 13}">${esc(b.text)}${b.rel > max ? ' (off scale)' : ''}</text>`);
  });
  parts.push(`<line x1="${x(1)}" y1="28" x2="${x(1)}" y2="${h - 10}" stroke="#333" stroke-dasharray="4 3"/>`);
  parts.push(`<text x="${x(1)}" y="${h - 1}" text-anchor="middle" font-size="10">goal</text>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function summary(s, ref = 'floor') {
  return Object.entries(s)
    .map(([name, v]) => `${name} ${fmt(v.median)} ms${name === ref ? '' : ` (${fmt(v.median / s[ref].median, 2)}x)`}`)
    .join(', ');
}

function fmt(v, digits) {
  if (!Number.isFinite(v)) return String(v);
  const d = digits ?? (Math.abs(v) >= 100 ? 0 : 1);
  return v.toFixed(d);
}

function escapeRe(text) {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

function log(text) {
  process.stderr.write(`[bench ${Math.round((Date.now() - started) / 1000)}s] ${text}\n`);
}

function parseArgs(argv) {
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

await main();
