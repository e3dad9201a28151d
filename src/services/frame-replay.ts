// The picker's first frame from a replay record (the bootstrap's fast path, see fast-path.ts): after a start
// whose first frame cannot change with time, the exact bytes written to the terminal from the switch to the
// alternate screen up to and including that frame are kept with the stamps of everything the frame was drawn
// from. The next identical start (no arguments, same terminal size, environment and files) writes those bytes
// at once, puts the terminal in raw mode (keys typed meanwhile wait, unechoed, for the picker) and then loads
// the program as usual, which takes the screen over: its first frame lands exactly over the replayed one.
//
// Only a frame that time cannot change is recorded: no session expiry or countdown in any row or in the
// status strip, no IAM Identity Center token (its strip entry counts down), nothing kept fresh, no status
// line, not the demo. A user with live sessions gets no replay.
import { join } from 'node:path';
import { awsxCacheDir, configFilePath, credentialsFilePath, ssoCacheDir, type Env } from '../config/paths.js';
import { fastPathHook, rememberAnswer, stampFiles, stampFolders, unchanged, type FastPathHook, type Stamps } from './fast-path.js';
import { recentsPath } from './recents.js';
import type { PickerSnapshot } from './session-store.js';
import { rolesCacheDir } from './sso-roles-cache.js';

export const ALT_ON = '\x1b[?1049h';
export const ALT_OFF = '\x1b[?1049l';
const SHOW_CURSOR = '\x1b[?25h';
/** Synchronized output (Ink wraps each frame in it): terminals that know it show the frame at once. */
const SYNC_BEGIN = '\x1b[?2026h';
const SYNC_END = '\x1b[?2026l';
/** Cursor home, screen erased: what Ink itself writes before every full-screen frame. */
const HOME_AND_CLEAR = '\x1b[H\x1b[2J';

/** What the bootstrap adds to its hook for the picker: the terminal size in the record's key, the bytes it showed. */
export interface FrameHook extends FastPathHook {
  size?: { columns: number; rows: number };
  frame?: Uint8Array;
}

interface FrameGlobals {
  __awsxFrameShown?: boolean;
}

const globals = globalThis as FrameGlobals;

export function frameHook(): FrameHook | undefined {
  const hook = fastPathHook() as FrameHook | undefined;
  return hook?.size ? hook : undefined;
}

/** The bytes the bootstrap replayed, while the picker has not taken the screen over. */
export function replayedFrame(): string | undefined {
  const hook = frameHook();
  return globals.__awsxFrameShown === true && hook?.frame ? Buffer.from(hook.frame).toString('utf8') : undefined;
}

/** The picker draws from here on: the bootstrap's exit hook no longer needs to leave the alternate screen. */
export function takeOver(): void {
  globals.__awsxFrameShown = false;
}

/** The program stops before the picker took over (an error): back to the main screen, where the error shows. */
export function leaveReplayedFrame(): void {
  if (globals.__awsxFrameShown !== true) return;
  takeOver();
  process.stderr.write(`${SYNC_END}${SHOW_CURSOR}${ALT_OFF}`);
}

/** Stamps of everything the first frame is drawn from, taken before any of it is read. */
export function frameStamps(hook: FastPathHook, env: Env): Stamps {
  const cache = awsxCacheDir(env);
  return [
    ...stampFiles(hook, [configFilePath(env), credentialsFilePath(env), recentsPath(env)]),
    ...stampFolders(hook, [join(cache, 'sessions'), rolesCacheDir(env), ssoCacheDir(env)]),
  ];
}

/** Why a first frame would differ a moment later (undefined: it would not). */
export function timeDependence(s: PickerSnapshot, demo: boolean): string | undefined {
  if (demo) return 'the demo';
  if (s.rows.some((r) => r.cachedExpiry !== undefined)) return 'a session expiry in the rows';
  if (Object.keys(s.rowState).length > 0) return 'row state';
  if (s.mfaSessions.length > 0 || s.ssoTokens.length > 0) return 'a countdown in the status strip';
  if (s.ssoSessions.some((x) => x.state !== 'idle' && x.state !== 'logged-out')) return 'an IAM Identity Center session in progress';
  if ((s.keptFresh?.length ?? 0) > 0) return 'kept-fresh sessions';
  if (s.status || s.progress || s.mfa || s.ssoLogin || !s.autoRefresh) return 'a status or prompt';
  return undefined;
}

/** True when `text` holds one whole frame of Ink's for a terminal of `rows` rows (the picker's: rows - 1 lines and a newline). */
export function isWholeFrame(text: string, rows: number): boolean {
  let lines = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines++;
  return lines === rows - 1 && text.endsWith(`\n${SYNC_END}`);
}

export interface WriteTrap {
  /** Stops trapping; returns everything written meanwhile. */
  release(): string;
}

/**
 * Collects what is written to `stream` (a terminal: strings or UTF-8 bytes). With `hold`, nothing reaches the
 * terminal until the caller writes it; otherwise writes go through as well.
 */
export function trapWrites(stream: NodeJS.WriteStream, hold: boolean): WriteTrap {
  const original = stream.write;
  let text = '';
  const trap = function (this: NodeJS.WriteStream, chunk: string | Uint8Array, ...rest: unknown[]): boolean {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (!hold) return (original as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    if (done) process.nextTick(done);
    return true;
  };
  stream.write = trap as NodeJS.WriteStream['write'];
  return {
    release: () => {
      if (stream.write === trap) stream.write = original;
      return text;
    },
  };
}

/**
 * What to write when the picker's first frame takes over the replayed one (`drawn` is what Ink wrote, without
 * the switch to the alternate screen, which the replay made). The same frame: nothing (the cursor is already
 * where Ink's next frame expects it). Another one: cursor home and screen erased inside the frame's
 * synchronized update, then the frame, as Ink draws every later full-screen frame.
 */
export function takeOverBytes(drawn: string, replayed: string): string {
  if (replayed === ALT_ON + drawn) return '';
  return drawn.startsWith(SYNC_BEGIN) ? SYNC_BEGIN + HOME_AND_CLEAR + drawn.slice(SYNC_BEGIN.length) : HOME_AND_CLEAR + drawn;
}

/** The record of a first frame: written after the frame, once the stamps are checked again. */
export async function rememberFrame(hook: FrameHook, bytes: string, files: Stamps): Promise<void> {
  if (!unchanged(hook, files)) return;
  await rememberAnswer(hook, { stdout: '', stderr: bytes, files });
}

/** The terminal the frame was drawn for is the one in the record's key. */
export function sameTerminal(hook: FrameHook, stream: NodeJS.WriteStream): boolean {
  return hook.size !== undefined && stream.columns === hook.size.columns && stream.rows === hook.size.rows;
}
