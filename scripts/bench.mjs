#!/usr/bin/env node
// awsx benchmarks (issue 14): the goals of docs/benchmarks.md, each figure side by side with its reference
// (`node -e 0`, or the AWS CLI), interleaved, as medians and ratios, for this build ("now") and the build
// before issue 14 ("before", commit ba39257, run with AWSX_NO_FAST_PATH=1 so that its program runs: no
// replayed output on either side). One pass on the Node running this script (npm's: the pinned Node 22),
// one on Node 26 from the npm registry. The results go into docs/benchmarks.md (between its bench
// markers), docs/benchmarks.svg and docs/benchmarks.json.
//
//   npm run bench                          build, then both passes (about 15 minutes on 2 busy cores)
//   npm run bench -- --quick               fewer runs; IAM Identity Center with 100 accounts instead of 1,000
//   node scripts/bench.mjs --only list,chain,picker,filter,sso --runs 9 --no-write
//   node scripts/bench.mjs --no-baseline --no-node26
//
// Needs python3 (scripts/bench-pty.py drives the picker in a pseudo-terminal), and for the chain items
// moto_server and the AWS CLI (`aws`); an item whose tool is missing is skipped and says so.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  bundleEmulator,
  check,
  FLOOR,
  floorSpec,
  fmt,
  FRAME,
  FRAME_PARTS,
  has,
  installBaseline,
  installCurrent,
  machine,
  median,
  nodeFromRegistry,
  parseArgs,
  percentile,
  pickerSpec,
  prepareBaseline,
  pty,
  ptyAsync,
  readyMs,
  readySpec,
  rotate,
  run,
  runAsync,
  sandbox,
  startMoto,
  stats,
  timeInterleaved,
} from './bench-lib.mjs';
import { generateConfig, SIZES } from './gen-configs.mjs';
import { writeReport } from './bench-report.mjs';

if (Number(process.versions.node.split('.')[0]) < 22) {
  process.stderr.write(
    `bench: awsx needs Node 22.12+; this is ${process.version}. Run it as \`npm run bench\` (the pinned Node 22).\n`,
  );
  process.exit(2);
}
const args = parseArgs(process.argv.slice(2));
const QUICK = args.quick === true;
const RUNS = Number(args.runs ?? (QUICK ? 5 : 11));
const ONLY = args.only ? new Set(String(args.only).split(',')) : undefined;
const want = (item) => !ONLY || ONLY.has(item);
const BASELINE_REF = typeof args.baseline === 'string' ? args.baseline : 'ba39257';
const NODE26 = '26.10.0';
const work = mkdtempSync(join(tmpdir(), 'awsx-bench-'));
const started = Date.now();
const log = (text) => process.stderr.write(`[bench ${Math.round((Date.now() - started) / 1000)}s] ${text}\n`);
const results = { machine: machine(), quick: QUICK, runs: RUNS, baseline: BASELINE_REF, passes: {} };

const NOW = installCurrent(work);
const beforeFile = args['no-baseline'] ? undefined : prepareBaseline(BASELINE_REF, log);
const BEFORE = beforeFile ? installBaseline(beforeFile, work) : undefined;
/** The build before issue 14, as a program: its replays (of output and of the first frame) are off. */
const PROGRAM = { AWSX_NO_FAST_PATH: '1' };
/** Sandboxes are per pass (each Node writes its own caches). */
let pass = 0;

async function main() {
  log(
    `awsx benchmarks in ${work}${QUICK ? ' (quick)' : ''}: ${results.machine.cpu}, ${results.machine.cores} cores; before = ${BEFORE ? BASELINE_REF : 'none'}`,
  );
  const passes = [{ label: `Node ${process.versions.node}`, node: process.execPath, sso: true }];
  const node26 = args['no-node26'] ? undefined : nodeFromRegistry(NODE26, log);
  if (node26 && process.versions.node !== NODE26) passes.push({ label: `Node ${NODE26}`, node: node26, sso: false });
  try {
    for (const p of passes) {
      log(`--- pass: ${p.label}`);
      const items = (results.passes[p.label] = {});
      const node = p.node;
      pass++;
      if (want('list')) items.list = benchList(node);
      if (want('chain')) Object.assign(items, await benchChain(node));
      if (want('picker')) items.picker = benchPicker(node);
      if (want('filter')) items.filter = benchFilter(node);
      if (want('sso') && p.sso) items.sso = await benchSso(node);
    }
  } finally {
    results.machine.loadAfter = loadavg().map((l) => Number(l.toFixed(2)));
    results.seconds = Math.round((Date.now() - started) / 1000);
    rmSync(work, { recursive: true, force: true });
  }
  writeReport(results, { write: !args['no-write'], command: `npm run bench${QUICK ? ' -- --quick' : ''}`, log });
}

/** The builds as cases: now, and before (its program) when there is one. */
function builds(argv, extra = {}) {
  return [
    { name: 'now', argv: [NOW, ...argv], env: extra },
    ...(BEFORE ? [{ name: 'before', argv: [BEFORE, ...argv], env: { ...PROGRAM, ...extra } }] : []),
  ];
}

function summary(s, ref = 'floor') {
  return Object.entries(s)
    .map(([name, v]) => `${name} ${fmt(v.median)} ms${name === ref ? '' : ` (${fmt(v.median / s[ref].median, 2)}x)`}`)
    .join(', ');
}

// ---------------------------------------------------------------------------------------------- items

/** `awsx list --json` at each size vs `node -e 0`; at 2,000 also without Node's compile cache (a first run). */
function benchList(node) {
  const item = { sizes: {} };
  for (const size of SIZES) {
    const home = sandbox(work, `list-${size}-${pass}`, generateConfig(size));
    const cases = [
      { name: 'floor', argv: FLOOR },
      ...builds(['list', '--json']),
      ...(size === 2000
        ? [{ name: 'now, no compile cache', argv: [NOW, 'list', '--json'], env: { NODE_DISABLE_COMPILE_CACHE: '1' } }]
        : []),
    ];
    // every build answers, and writes its code cache before the timed runs
    for (const c of cases.slice(1))
      check(
        run(c.argv, { ...home.env, ...c.env }, node),
        `list --json (${size}, ${c.name})`,
        (out) => JSON.parse(out).length === size,
      );
    const runs = size >= 20000 ? Math.max(3, Math.ceil(RUNS / 2)) : RUNS;
    item.sizes[size] = timeInterleaved(node, cases, home.env, runs);
    log(`list --json ${size}: ${summary(item.sizes[size])}`);
  }
  return item;
}

/** The 2-hop chain against moto: cold whoami vs the AWS CLI; warm whoami and credential-process vs the floor. */
async function benchChain(node) {
  if (!has('moto_server', ['--help']) || !has('aws', ['--version'])) {
    log('chain: skipped (needs moto_server and aws)');
    return { chain: { skipped: 'needs moto_server and the AWS CLI' } };
  }
  const moto = await startMoto();
  try {
    const home = sandbox(work, `chain-${pass}`, {
      config:
        '[profile base]\nregion = us-east-1\n\n[profile hop1]\nrole_arn = arn:aws:iam::111111111111:role/Hop1\nsource_profile = base\nregion = us-east-1\n\n[profile hop2]\nrole_arn = arn:aws:iam::222222222222:role/Hop2\nsource_profile = hop1\nregion = us-east-1\n',
      credentials:
        '[base]\naws_access_key_id = AKIAIOSFODNN7BENCH01\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYBENCHSECRET\n',
    });
    const env = { ...home.env, AWS_ENDPOINT_URL_STS: moto.url, AWS_PAGER: '' };
    // Cold: no session of either tool (the AWS CLI's cache and awsx's sessions); awsx's compile and code
    // caches stay, they belong to the install.
    const forget = () => {
      rmSync(join(home.home, '.aws', 'cli', 'cache'), { recursive: true, force: true });
      for (const name of existsSync(home.cache) ? readdirSync(home.cache) : [])
        if (name !== 'compile' && name !== 'code') rmSync(join(home.cache, name), { recursive: true, force: true });
    };
    const arn = (out) => JSON.parse(out).Arn;
    const whoami = ['whoami', 'hop2', '--json'];
    for (const c of builds(whoami))
      check(run(c.argv, { ...env, ...c.env }, node), `${c.name}: whoami hop2`, (out) =>
        /assumed-role\/Hop2\//.test(arn(out)),
      );
    check(
      run(['sts', 'get-caller-identity', '--profile', 'hop2', '--output', 'json'], env, 'aws'),
      'aws sts get-caller-identity',
      (out) => /assumed-role\/Hop2\//.test(arn(out)),
    );
    const cold = [
      {
        name: 'aws',
        command: 'aws',
        argv: ['sts', 'get-caller-identity', '--profile', 'hop2', '--output', 'json'],
        before: forget,
      },
      ...builds(whoami).map((c) => ({ ...c, before: forget })),
    ];
    const out = { chain: { cold: timeInterleaved(node, cold, env, Math.max(3, Math.ceil(RUNS * 0.6))) } };
    log(`cold 2-hop whoami: ${summary(out.chain.cold, 'aws')}`);
    for (const c of builds(whoami)) run(c.argv, { ...env, ...c.env }, node); // warm: the hops are cached
    out.chain.warm = timeInterleaved(node, [{ name: 'floor', argv: FLOOR }, ...builds(whoami)], env, RUNS);
    log(`warm whoami (cached hops, one GetCallerIdentity): ${summary(out.chain.warm)}`);
    for (const c of builds(['credential-process', 'hop2']))
      check(
        run(c.argv, { ...env, ...c.env }, node),
        `${c.name}: credential-process`,
        (o) => JSON.parse(o).Version === 1,
      );
    out.credentialProcess = timeInterleaved(
      node,
      [{ name: 'floor', argv: FLOOR }, ...builds(['credential-process', 'hop2'])],
      env,
      RUNS,
    );
    log(`warm credential-process: ${summary(out.credentialProcess)}`);
    return out;
  } finally {
    await moto.stop();
  }
}

/**
 * The picker from spawn to its first whole frame with rows, in a pseudo-terminal, vs `node -e 0` there;
 * then "ready for keys": a key typed the moment the first frame shows, from spawn to the frame showing it.
 */
function benchPicker(node) {
  const item = { sizes: {}, ready: {} };
  for (const size of [2000, 20000]) {
    const home = sandbox(work, `picker-${size}-${pass}`, generateConfig(size));
    const cases = [
      { name: 'floor', spec: () => floorSpec(node, home.env) },
      ...builds([]).map((c) => ({
        name: c.name,
        spec: () => pickerSpec(node, c.argv[0], { ...home.env, ...c.env }, []),
      })),
    ];
    for (const c of cases.slice(1)) pty(c.spec()); // code caches written
    const runs = Math.max(3, Math.ceil(RUNS * (size >= 20000 ? 0.5 : 0.8)));
    const times = Object.fromEntries(cases.map((c) => [c.name, []]));
    for (let r = 0; r < runs; r++) for (const c of rotate(cases, r)) times[c.name].push(pty(c.spec()).results[0].ms);
    item.sizes[size] = stats(times);
    log(`picker first frame ${size}: ${summary(item.sizes[size])}`);
    if (size !== 2000) continue;
    const ready = builds([]).map((c) => ({
      name: c.name,
      spec: () => readySpec(node, c.argv[0], { ...home.env, ...c.env }),
    }));
    const readyTimes = Object.fromEntries(ready.map((c) => [c.name, []]));
    for (let r = 0; r < runs; r++) for (const c of rotate(ready, r)) readyTimes[c.name].push(readyMs(pty(c.spec())));
    item.ready[size] = stats(readyTimes);
    log(
      `picker ready for keys ${size}: ${Object.entries(item.ready[size])
        .map(([n, v]) => `${n} ${fmt(v.median)} ms (${fmt(v.median / item.sizes[size].floor.median, 2)}x)`)
        .join(', ')}`,
    );
  }
  return item;
}

/** Keystroke to updated frame at 20,000 rows (p50, p95) and the peak RSS after it, per build, sessions alternated. */
function benchFilter(node) {
  const home = sandbox(work, `filter-${pass}`, generateConfig(20000));
  // Typing, fixing typos and clearing, as a user does: every keystroke waits for its frame, then 80 ms.
  const script = 'payments<<<<<<<<web-prod-1<<<<<<<<<<deploy<<<<<<mlqa<<<<identity-sandbox<<<<<<<<<<<<<<<<';
  const sessions = QUICK ? 1 : 3;
  const per = Object.fromEntries(builds([]).map((c) => [c.name, { latencies: [], rss: [] }]));
  for (const c of builds([])) pty(pickerSpec(node, c.argv[0], { ...home.env, ...c.env }, [])); // code caches
  for (let s = 0; s < sessions; s++) {
    for (const c of rotate(builds([]), s)) {
      const out = pty(pickerSpec(node, c.argv[0], { ...home.env, ...c.env }, [...script]));
      for (const r of out.results.slice(1)) per[c.name].latencies.push(r.settled_ms);
      if (out.rss_kib) per[c.name].rss.push(out.rss_kib / 1024);
    }
  }
  const item = {};
  for (const [name, { latencies, rss }] of Object.entries(per)) {
    item[name] = {
      keystrokes: latencies.length,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      max: Math.max(...latencies),
      peakRssMiB: Math.max(...rss),
      medianRssMiB: median(rss),
    };
  }
  log(
    `filter at 20,000 rows: ${Object.entries(item)
      .map(([n, v]) => `${n} p50 ${fmt(v.p50)} p95 ${fmt(v.p95)} ms, peak RSS ${fmt(v.peakRssMiB)} MiB`)
      .join('; ')}`,
  );
  return item;
}

/** IAM Identity Center discovery against the emulator (30 ms per request, 20 requests/s): this build only. */
async function benchSso(node) {
  const accounts = QUICK ? 100 : 1000;
  const rolesPerAccount = 3;
  const { startSsoEmulator, generateDirectory, ssoTokenCacheKey } = await import(
    pathToFileURL(await bundleEmulator(work)).href
  );
  const emu = await startSsoEmulator({
    directory: generateDirectory({ accounts, rolesPerAccount, seed: 6 }),
    latencyMs: 30,
    rateLimit: 20,
  });
  const item = { accounts, roles: accounts * rolesPerAccount, latencyMs: 30, rateLimit: 20 };
  try {
    const startUrl = 'https://bench.awsapps.com/start';
    const home = sandbox(work, 'sso', {
      // The one profile names an account the directory does not have: every discovered role is a new row.
      config: `[sso-session corp]\nsso_start_url = ${startUrl}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n\n[profile dev]\nsso_session = corp\nsso_account_id = 999999999999\nsso_role_name = ReadOnlyAccess\nregion = eu-west-1\n`,
    });
    const env = { ...home.env, AWS_ENDPOINT_URL_SSO: emu.url, AWS_ENDPOINT_URL_SSO_OIDC: emu.url };
    const login = emu.createLogin();
    const cliDate = (d) => `${d.toISOString().slice(0, 19)}Z`;
    mkdirSync(join(home.home, '.aws', 'sso', 'cache'), { recursive: true });
    writeFileSync(
      join(home.home, '.aws', 'sso', 'cache', `${ssoTokenCacheKey({ sessionName: 'corp', startUrl })}.json`),
      JSON.stringify({
        startUrl,
        region: 'us-east-1',
        accessToken: login.accessToken,
        expiresAt: cliDate(login.expiresAt),
        clientId: login.clientId,
        clientSecret: login.clientSecret,
        registrationExpiresAt: cliDate(login.registrationExpiresAt),
        refreshToken: login.refreshToken,
      }),
      { mode: 0o600 },
    );
    const total = 1 + item.roles;
    item.requests = Math.ceil(accounts / emu.knobs.pageSize) + accounts;
    item.floorSeconds = item.requests / 20;
    const { IN_FRAME, FRAME_END } = FRAME_PARTS;
    // The picker with no roles cache: its first frame, the first discovered rows, then every role.
    emu.resetStats();
    const first = await ptyAsync({
      ...pickerSpec(node, NOW, env, []),
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
      throttled: emu.stats.throttled,
    });
    const cached = JSON.parse(
      check(await runAsync([node, NOW, 'sso', 'roles', '--json'], env), 'sso roles (cache)', (out) =>
        Array.isArray(JSON.parse(out)),
      ),
    );
    item.cachedRoles = cached.length;
    item.cachedAccounts = new Set(cached.map((r) => r.accountId)).size;
    log(
      `sso discovery: first rows ${fmt(item.firstRowsMs)} ms, all ${item.roles} roles in ${fmt(item.wallSeconds)} s (floor ${fmt(item.floorSeconds)} s)`,
    );
    // A second start: every role from the cache in the first frame.
    const second = await ptyAsync({
      ...pickerSpec(node, NOW, env, []),
      steps: [{ name: 'first frame', expect: FRAME, capture: 'awsx (\\d+) /' }, { quit: '\x03' }],
    });
    item.secondStart = { ms: second.results[0]?.ms, rows: Number(second.results[0]?.captured?.[0]) };
    // One request in 7 throttled on top of the limit: nothing may be lost.
    emu.configure({ throttleEvery: 7 });
    emu.resetStats();
    const t0 = performance.now();
    const refreshed = await runAsync(
      [node, NOW, 'sso', 'roles', '--refresh', '--json'],
      env,
      '',
      item.floorSeconds * 4 * 1000 + 60_000,
    );
    const roles = JSON.parse(
      check(refreshed, 'sso roles --refresh under throttling', (out) => Array.isArray(JSON.parse(out))),
    );
    item.throttledRun = {
      seconds: (performance.now() - t0) / 1000,
      roles: roles.length,
      accounts: new Set(roles.map((r) => r.accountId)).size,
      throttled: emu.stats.throttled,
    };
    log(
      `sso under 1-in-7 throttling: ${item.throttledRun.roles}/${item.roles} roles, ${fmt(item.throttledRun.seconds)} s`,
    );
    return item;
  } finally {
    await emu.close();
  }
}

await main();
