// The picker's first-frame records (src/services/frame-replay.ts): which frames may be recorded (only those
// time cannot change), what they are stamped with, how the program's first frame takes a replayed one over,
// and the record itself. The replay in a real terminal is test/e2e/picker-replay-tmux.test.ts.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { frameStamps, isWholeFrame, rememberFrame, takeOverBytes, timeDependence, trapWrites, type FrameHook } from '../../../src/services/frame-replay.js';
import type { PickerRow } from '../../../src/services/picker-rows.js';
import { EMPTY_SNAPSHOT, type PickerSnapshot } from '../../../src/services/session-store.js';
import { readRecord } from '../../helpers/fast-records.js';

const row = (name: string, extra: Partial<PickerRow> = {}): PickerRow =>
  ({ id: `profile:${name}`, target: { kind: 'profile', name }, targetText: name, name, badge: 'role', kind: 'role', chain: [name], needsMfa: false, hasExternalId: false, warnings: [], haystack: name, spans: {}, ...extra }) as PickerRow;
const snapshot = (patch: Partial<PickerSnapshot> = {}): PickerSnapshot => ({ ...EMPTY_SNAPSHOT, rows: [row('a'), row('b')], ...patch });
const SYNC_BEGIN = '\x1b[?2026h';
const SYNC_END = '\x1b[?2026l';

describe('which first frames may be recorded', () => {
  it('a frame with nothing that counts down', () => {
    expect(timeDependence(snapshot(), false)).toBeUndefined();
    expect(timeDependence(snapshot({ ssoSessions: [{ name: 'corp', state: 'logged-out' }] }), false)).toBeUndefined();
  });

  it('not one with a session expiry, a strip countdown, an IAM Identity Center token or sync, kept-fresh sessions, a status, nor the demo', () => {
    const later = Date.now() + 3_600_000;
    const cases: Array<Partial<PickerSnapshot>> = [
      { rows: [row('a'), row('b', { cachedExpiry: later })] },
      { rows: [row('a'), row('b', { cachedExpiry: Date.now() - 1000 })] },
      { rowState: { 'profile:a': { status: 'live', expiresAt: later } } },
      { mfaSessions: [{ label: 'base', expiresAt: later }] },
      { ssoTokens: [{ label: 'corp', expiresAt: later }] },
      { ssoSessions: [{ name: 'corp', state: 'syncing' }] },
      { ssoSessions: [{ name: 'corp', state: 'expired' }] },
      { keptFresh: [{ source: 'server', by: 'awsx exec --server (pid 1)', label: 'a', rowIds: ['profile:a'] }] },
      { status: { text: 'hello', tone: 'info' } },
      { autoRefresh: false },
    ];
    for (const patch of cases) expect(timeDependence(snapshot(patch), false), JSON.stringify(patch)).toBeDefined();
    expect(timeDependence(snapshot(), true)).toBe('the demo');
  });

  it('only a whole frame of the picker: rows - 1 lines, each ended, in one synchronized update', () => {
    const frame = (lines: number): string => `${SYNC_BEGIN}\x1b[?25l${'line\n'.repeat(lines)}${SYNC_END}`;
    expect(isWholeFrame(frame(23), 24)).toBe(true);
    expect(isWholeFrame(frame(22), 24)).toBe(false);
    expect(isWholeFrame(`${SYNC_BEGIN}${'line\n'.repeat(22)}line${SYNC_END}`, 24)).toBe(false); // a full-screen frame
    expect(isWholeFrame('', 24)).toBe(false); // nothing drawn (CI)
  });
});

describe('taking a replayed frame over', () => {
  const drawn = `${SYNC_BEGIN}\x1b[?25lawsx 8 /\nrows\n${SYNC_END}`;

  it('writes nothing when the program drew the replayed frame again', () => {
    expect(takeOverBytes(drawn, `\x1b[?1049h${drawn}`)).toBe('');
  });

  it('otherwise draws from the top of an erased screen, inside the frame’s synchronized update', () => {
    expect(takeOverBytes(drawn, `\x1b[?1049h${drawn.replace('rows', 'other')}`)).toBe(`${SYNC_BEGIN}\x1b[H\x1b[2J\x1b[?25lawsx 8 /\nrows\n${SYNC_END}`);
    expect(takeOverBytes('awsx\n', 'x')).toBe('\x1b[H\x1b[2Jawsx\n');
  });

  it('holds writes back, or lets them through, and gives the stream its write back', () => {
    const written: string[] = [];
    const stream = { write: (chunk: string) => written.push(chunk) > 0 } as unknown as NodeJS.WriteStream;
    const original = stream.write;
    const held = trapWrites(stream, true);
    stream.write('a');
    stream.write(Buffer.from('b'));
    expect(held.release()).toBe('ab');
    expect(written).toEqual([]);
    expect(stream.write).toBe(original);
    const through = trapWrites(stream, false);
    stream.write('c');
    expect(through.release()).toBe('c');
    expect(written).toEqual(['c']);
  });
});

describe('the record', () => {
  let dir: string;
  let stamps: Map<string, string>;
  let hook: FrameHook;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'awsx-frame-'));
    stamps = new Map();
    const stamp = (p: string): string => stamps.get(p) ?? (statSync(p, { throwIfNoEntry: false }) ? `s:${p}` : '-');
    hook = { key: 'k'.repeat(22), path: join(dir, 'cache', 'fast', 'kkkkkkkk.rec'), stamp, size: { columns: 80, rows: 24 } };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is stamped with the files and folders the first frame is drawn from, every file in each folder', () => {
    const home = join(dir, 'home');
    mkdirSync(join(dir, 'cache', 'sessions'), { recursive: true });
    writeFileSync(join(dir, 'cache', 'sessions', 's1.json'), '{}');
    const env = { HOME: home, AWSX_CACHE_DIR: join(dir, 'cache') };
    expect(frameStamps(hook, env).map(([p]) => p)).toEqual([
      join(home, '.aws', 'config'),
      join(home, '.aws', 'credentials'),
      join(home, '.local', 'state', 'awsx', 'recents.json'),
      join(dir, 'cache', 'sessions'),
      join(dir, 'cache', 'sessions', 's1.json'),
      join(dir, 'cache', 'sso'),
      join(home, '.aws', 'sso', 'cache'),
    ]);
  });

  it('holds the bytes as stderr, mode 0600, and is not written when a source changed meanwhile', async () => {
    const files: Array<[string, string]> = [['/cfg', 'v1']];
    stamps.set('/cfg', 'v1');
    await rememberFrame(hook, '\x1b[?1049hframe\n', files);
    const record = readRecord(hook.path);
    expect(record).toMatchObject({ header: { v: 2, key: hook.key, stdout: 0, files }, stdout: '', stderr: '\x1b[?1049hframe\n' });
    expect(statSync(hook.path).mode & 0o777).toBe(0o600);
    rmSync(hook.path);
    stamps.set('/cfg', 'v2');
    await rememberFrame(hook, 'frame', files);
    expect(statSync(hook.path, { throwIfNoEntry: false })).toBeUndefined();
  });
});
