// The picker's first frame from a replay record (scripts/bootstrap.js, src/services/frame-replay.ts), in tmux:
// a second identical start shows the recorded bytes at once, the program takes the screen over and leaves it
// as the first start drew it, and keys typed meanwhile land. Everything written to the pane is piped to a log
// (tmux pipe-pane), so the replay is seen in the bytes, not guessed from screenshots; marking the record's
// bytes ("FROM-RECORD") shows when the record, not the program, drew.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRecord, writeRecord } from '../helpers/fast-records.js';
import { makeSandbox, putAwsxOnPath, type Sandbox } from '../helpers/sandbox.js';
import { BASE_KEYS, STANDARD_CONFIG, useStsWorld } from '../helpers/sts-world.js';
import { skipWithout } from '../helpers/tools.js';
import { startTmux, type Tmux } from './tmux.js';

const skip = skipWithout('tmux', ['-V']) || skipWithout('moto_server', ['--help']);
const PROMPT = 'E2E$ ';
const ALT_ON = '\x1b[?1049h';
/** What a take-over that redraws writes first (frame-replay.ts): cursor home, screen erased. */
const REDRAW = '\x1b[H\x1b[2J';

describe.skipIf(skip)('the picker from a replay record, in tmux', () => {
  const world = useStsWorld(skip);
  let sb: Sandbox;
  let tmux: Tmux | undefined;
  let log: string;

  beforeEach(() => {
    sb = makeSandbox({ config: STANDARD_CONFIG, credentials: BASE_KEYS }, world().env);
    putAwsxOnPath(sb);
    log = join(sb.dir, 'pane.log');
  });
  afterEach(async () => {
    await tmux?.kill();
    tmux = undefined;
    sb.cleanup();
  });

  async function shell(width: number, height: number): Promise<Tmux> {
    const env = { ...sb.env, TERM: 'xterm-256color', PS1: PROMPT, HISTFILE: '/dev/null', AWSX_CLEAR_CLIPBOARD_AFTER: '0' };
    const t = (tmux = await startTmux({ width, height, env, command: 'bash --norc --noprofile' }));
    await t.type(`PS1='${PROMPT}'; clear`, true);
    await t.waitFor((s) => s.trimEnd().endsWith(PROMPT.trimEnd()), 'the prompt');
    writeFileSync(log, '');
    await t.run(['pipe-pane', '-t', 'e2e', '-o', `cat >> '${log}'`]);
    return t;
  }

  const picker = (t: Tmux): Promise<string> => t.waitFor((s) => /^awsx 8 \//m.test(s) && /q quit\s*$/m.test(s), 'the picker');
  /** The screen with colours and attributes (tmux capture-pane -e). */
  const screenWithColours = async (t: Tmux): Promise<string> => (await t.run(['capture-pane', '-p', '-e', '-t', 'e2e'])).stdout;
  const logSize = (): number => statSync(log).size;
  /** What the pane was sent since `from` (the terminal's CR before each LF taken out again). */
  const logSince = (from: number): string => readFileSync(log).subarray(from).toString('utf8').replaceAll('\r\n', '\n');
  async function logShows(from: number, text: string, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const since = logSince(from);
      if (since.includes(text)) return since;
      if (Date.now() > deadline) throw new Error(`the pane never showed ${JSON.stringify(text)}; it wrote:\n${JSON.stringify(since.slice(-2000))}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  async function quit(t: Tmux): Promise<void> {
    await t.type('q');
    await t.waitFor((s) => s.trimEnd().endsWith(PROMPT.trimEnd()), 'the prompt after q');
  }
  const records = (): string[] => {
    const dir = join(sb.cacheDir, 'fast');
    return existsSync(dir) ? readdirSync(dir).map((n) => join(dir, n)) : [];
  };
  /** The first start: its frame (with colours), once the record is written. */
  async function firstStart(t: Tmux): Promise<string> {
    await t.type('awsx', true);
    await picker(t);
    const frame = await screenWithColours(t);
    await quit(t);
    expect(records()).toHaveLength(1);
    return frame;
  }
  /** Puts FROM-RECORD into the record's frame (as wide as what it replaces). */
  const mark = (path = records()[0]!): void => {
    const r = readRecord(path);
    if (r.stderr.includes('FROM-RECORD')) return;
    expect(r.stderr).toContain('auto-refresh on');
    writeRecord(path, r.header, r.stdout, r.stderr.replace('auto-refresh on', 'FROM-RECORD-on!'));
  };

  it.each([
    [120, 40],
    [80, 24],
  ])('at %ix%i the second start shows the recorded bytes, and the program takes over without redrawing', async (width, height) => {
    const t = await shell(width, height);
    const first = await firstStart(t);
    const record = readRecord(records()[0]!);
    expect(record.header.stdout).toBe(0);
    expect(record.stderr.startsWith(ALT_ON)).toBe(true);
    expect(record.header.files.map(([p]) => p)).toEqual(
      expect.arrayContaining([sb.configPath, sb.credentialsPath, join(sb.home, '.local', 'state', 'awsx', 'recents.json'), join(sb.cacheDir, 'sessions'), join(sb.cacheDir, 'sso'), join(sb.home, '.aws', 'sso', 'cache')]),
    );
    expect(statSync(records()[0]!).mode & 0o777).toBe(0o600);
    const from = logSize();
    await t.type('awsx', true);
    // The replay: the record's bytes, first thing after the command line's echo.
    const replayed = await logShows(from, record.stderr);
    expect(replayed.slice(replayed.indexOf(ALT_ON))).toBe(record.stderr);
    expect(await screenWithColours(t)).toBe(first);
    // A key: the program, having taken over, draws its next frame; it drew none before (the same frame).
    await t.send('Down');
    await t.waitFor(/› admin2/, 'the cursor to move');
    const after = logSince(from).slice(logSince(from).indexOf(ALT_ON) + record.stderr.length);
    expect(after).not.toContain(ALT_ON);
    expect(after).not.toContain(REDRAW);
    expect(after.split('auto-refresh on').length - 1).toBe(1);
    await quit(t);
  });

  it('a marked record proves the replay; the take-over leaves the frame the first start drew', async () => {
    const t = await shell(120, 40);
    const first = await firstStart(t);
    mark();
    const from = logSize();
    await t.type('awsx', true);
    await logShows(from, 'FROM-RECORD-on!');
    // The program draws its own frame over it: cursor home, the screen erased in the same synchronized update.
    await logShows(from, REDRAW);
    const taken = await t.waitFor((s) => /^awsx 8 \//m.test(s) && !s.includes('FROM-RECORD'), 'the take-over');
    expect(taken).toMatch(/auto-refresh on/);
    expect(await screenWithColours(t)).toBe(first);
    expect(logSince(from).split(ALT_ON).length - 1).toBe(1); // one switch to the alternate screen (a second would clear it)
    await quit(t);
    // That start found another frame than the record's: it recorded its own.
    expect(readRecord(records()[0]!).stderr).not.toContain('FROM-RECORD');
  });

  it('keys typed as soon as the replayed frame shows reach the picker, in order', async () => {
    const t = await shell(120, 40);
    await firstStart(t);
    mark(); // so that the take-over shows in the bytes (it redraws)
    const from = logSize();
    await t.type('awsx', true);
    await logShows(from, 'FROM-RECORD-on!');
    await t.type('hop2');
    // Typed before the program read the terminal: it had not even drawn its first frame.
    expect(logSince(from)).not.toContain(REDRAW);
    const screen = await t.waitFor((s) => /^awsx \d\/8 \/ hop2/m.test(s) && /› hop2 +role +222222222222 +Hop2/.test(s), 'the filter');
    expect(screen).not.toMatch(/^hop2/m); // never echoed over the frame
    await t.send('Escape');
    await t.waitFor(/^awsx 8 \//m, 'the filter cleared');
    await quit(t);
  });

  it('is not used after a config edit, at another terminal size or colours, with a cached live session, with AWSX_NO_FAST_PATH or AWSX_DEBUG', async () => {
    const t = await shell(120, 40);
    await firstStart(t);
    const noReplay = async (command = 'awsx'): Promise<void> => {
      const from = logSize();
      await t.type(command, true);
      await picker(t);
      expect(logSince(from)).not.toContain('FROM-RECORD');
      await quit(t);
    };
    mark();
    sb.write('config', `${STANDARD_CONFIG}\n# an edit\n`);
    await noReplay();
    expect(records()).toHaveLength(1); // the same key: the new frame replaced the old record
    mark();
    await t.run(['resize-window', '-t', 'e2e', '-x', '100', '-y', '30']);
    await noReplay();
    expect(records()).toHaveLength(2); // one per terminal size
    await t.run(['resize-window', '-t', 'e2e', '-x', '120', '-y', '40']);
    for (const path of records()) mark(path);
    for (const env of ['AWSX_NO_FAST_PATH=1', 'AWSX_DEBUG=1']) {
      await noReplay(`${env} awsx`);
    }
    expect(records()).toHaveLength(2); // and they record nothing
    // Colours are drawn otherwise: another record.
    await noReplay('NO_COLOR=1 awsx');
    expect(records()).toHaveLength(3);
    // A session shows its countdown: no replay, and no record of a frame that time changes.
    expect((await sb.awsx(['assume', 'hop1'])).code).toBe(0);
    const before = records().map((p) => readFileSync(p, 'utf8'));
    await noReplay();
    await noReplay();
    expect(records().map((p) => readFileSync(p, 'utf8'))).toEqual(before);
  });
});
