// Each command loads only what it needs: a build with its metafile (which chunk holds which library) runs under
// a loader hook that logs every module Node loads (test/helpers/record-loads.mjs). `list`, `--help`,
// `completion` and a credential-process answered from the session cache load neither the AWS SDK nor
// React/Ink; the picker draws its first frame without the SDK and loads it for its first AWS call.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTmux, type Tmux } from '../e2e/tmux.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { BASE_KEYS, STANDARD_CONFIG, useStsWorld } from '../helpers/sts-world.js';
import { skipWithout } from '../helpers/tools.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const recorder = join(root, 'test/helpers/record-loads.mjs');
const skip = skipWithout('moto_server', ['--help']);
const skipTmux = skip || skipWithout('tmux', ['-V']);

type Outputs = Record<string, { inputs: string[] }>;

/** The libraries (node_modules package names) whose code is in the chunks listed in `log`. */
function librariesIn(log: string, outdir: string, outputs: Outputs): Set<string> {
  const libraries = new Set<string>();
  for (const url of log.split('\n')) {
    if (!url.startsWith(`file://${outdir}/`)) continue;
    const file = url.slice(`file://${outdir}/`.length);
    for (const input of outputs[file]?.inputs ?? []) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (m) libraries.add(m[1]!);
    }
  }
  return libraries;
}

/** awsx's own source files (src/...) whose code is in the chunks listed in `log`. */
function sourcesIn(log: string, outdir: string, outputs: Outputs): Set<string> {
  const sources = new Set<string>();
  for (const url of log.split('\n')) {
    if (!url.startsWith(`file://${outdir}/`)) continue;
    for (const input of outputs[url.slice(`file://${outdir}/`.length)]?.inputs ?? [])
      if (input.startsWith('src/')) sources.add(input);
  }
  return sources;
}

const heavy = (libraries: Set<string>): string[] =>
  [...libraries].filter((l) => /^@aws-sdk\/|^@smithy\/|^ink$|^react$|^react-reconciler$|^yoga-layout$/.test(l)).sort();

describe.skipIf(skip)('what each command loads', () => {
  const world = useStsWorld(skip);
  let build: string;
  let outputs: Outputs;
  let sb: Sandbox;
  let tmux: Tmux | undefined;

  beforeAll(() => {
    build = mkdtempSync(join(tmpdir(), 'awsx-build-'));
    const meta = join(build, 'meta.json');
    execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--outdir', join(build, 'dist'), '--meta', meta]);
    outputs = JSON.parse(readFileSync(meta, 'utf8')) as Outputs;
  }, 120_000);
  afterAll(() => rmSync(build, { recursive: true, force: true }));
  beforeEach(() => {
    sb = makeSandbox({ config: STANDARD_CONFIG, credentials: BASE_KEYS }, world().env);
  });
  afterEach(async () => {
    await tmux?.kill();
    tmux = undefined;
    sb.cleanup();
  });

  async function loads(args: string[]): Promise<{ code: number; libraries: Set<string>; sources: Set<string> }> {
    const log = join(sb.dir, `loads-${Math.random().toString(36).slice(2)}.log`);
    writeFileSync(log, '');
    const r = await sb.run(process.execPath, ['--import', recorder, join(build, 'dist/awsx.js'), ...args], {
      env: { AWSX_TEST_LOAD_LOG: log },
    });
    const text = readFileSync(log, 'utf8');
    return {
      code: r.code,
      libraries: librariesIn(text, join(build, 'dist'), outputs),
      sources: sourcesIn(text, join(build, 'dist'), outputs),
    };
  }

  it('list, --help and completion load neither the AWS SDK nor React/Ink', async () => {
    for (const args of [['list'], ['list', '--json'], ['--help'], ['completion', 'bash']]) {
      const r = await loads(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.libraries.has('commander'), args.join(' ')).toBe(true); // the recorder sees the bundled libraries
      expect(heavy(r.libraries), args.join(' ')).toEqual([]);
    }
  });

  it('the command line itself (--version, --help, completion) loads no service: the shared target flags come without the plan', async () => {
    for (const args of [['--version'], ['--help'], ['assume', '--help'], ['completion', 'bash']]) {
      const r = await loads(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.sources.has('src/cli/program.ts'), args.join(' ')).toBe(true);
      // run.ts takes the shell hand-off variables out of the environment at start-up (a leaf module)
      const services = [...r.sources].filter(
        (s) =>
          /^src\/(picker|credentials|sso|console|server|shell|profiles|keys|aws|ui)\//.test(s) &&
          s !== 'src/shell/handoff-env.ts',
      );
      expect(services, args.join(' ')).toEqual([]);
    }
  });

  it('credential-process loads the SDK to call STS, and not when the session cache answers', async () => {
    const cold = await loads(['credential-process', 'hop2']);
    expect(cold.code).toBe(0);
    expect(heavy(cold.libraries)).toContain('@aws-sdk/client-sts');
    const warm = await loads(['credential-process', 'hop2']);
    expect(warm.code).toBe(0);
    expect(heavy(warm.libraries)).toEqual([]);
  });

  it.skipIf(skipTmux)(
    'the picker draws its first frame without the SDK and loads it for its first AWS call',
    async () => {
      const log = join(sb.dir, 'picker-loads.log');
      writeFileSync(log, '');
      const env = { ...sb.env, TERM: 'xterm-256color', AWSX_TEST_LOAD_LOG: log };
      tmux = await startTmux({
        width: 120,
        height: 40,
        env,
        command: `${process.execPath} --import ${recorder} ${join(build, 'dist/awsx.js')}`,
      });
      await tmux.waitFor((s) => /^awsx 8 \//m.test(s) && /q quit\s*$/m.test(s), 'the picker');
      const first = heavy(librariesIn(readFileSync(log, 'utf8'), join(build, 'dist'), outputs));
      expect(first).toContain('ink');
      expect(first.filter((l) => l.startsWith('@aws-sdk/'))).toEqual([]);
      // node:http as an ES import loads Node's undici and TLS too: only a sign-in's loopback listener needs it
      expect(readFileSync(log, 'utf8').split('\n')).not.toContain('node:http');
      await tmux.type('hop1');
      await tmux.waitFor(/› hop1 /, 'the filter');
      await tmux.send('Tab');
      await tmux.send('i'); // whoami: GetCallerIdentity after assuming the role
      await tmux.waitFor(/arn:aws:sts::\d{12}:assumed-role\/Hop1\//, 'the whoami answer');
      expect(heavy(librariesIn(readFileSync(log, 'utf8'), join(build, 'dist'), outputs))).toContain(
        '@aws-sdk/client-sts',
      );
    },
  );
});
