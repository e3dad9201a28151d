// The other half of the bootstrap's fast path (scripts/bootstrap.js): after a read-only command
// (credential-process, whoami, list) has printed its answer, a record of that exact output lets the next
// identical run answer without loading the program. The record names the files the answer came from
// (config, credentials, session files, role caches and their folders) with their stamps, taken before they
// were read; the bootstrap uses it only while all are unchanged, the arguments and environment are the same,
// and a session in the answer keeps the life the command requires. A record holds what its sources hold
// (mode 0600, in the awsx cache), no more; its key is a digest, never the environment itself.
//
// Format: one line of JSON (the header: v, key, stdout and stderr byte lengths, files, expiresAt,
// minRemainingMs), then the bytes of stdout, then those of stderr.
import { readdirSync, readSync, openSync, closeSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeSecretFile } from '../config/atomic-write.js';
import { configFilePath, credentialsFilePath, type Env } from '../config/paths.js';
import { debugLog } from '../config/redact.js';

/** What the bootstrap hands the program when this run could have used a record (globalThis.__awsxFastPath). */
export interface FastPathHook {
  key: string;
  path: string;
  stamp(path: string): string;
}

export function fastPathHook(): FastPathHook | undefined {
  const hook = (globalThis as { __awsxFastPath?: FastPathHook }).__awsxFastPath;
  return hook && typeof hook.key === 'string' && typeof hook.stamp === 'function' ? hook : undefined;
}

export type Stamps = Array<[path: string, stamp: string]>;

export interface FastPathAnswer {
  stdout: string;
  stderr?: string;
  /** When the answer holds a session: its expiry, and the life it must have left to be handed out again. */
  expiresAt?: number;
  minRemainingMs?: number;
  /** Files whose content decided the answer, with their stamps taken before they were read. */
  files: Stamps;
}

/** At most this many records are kept; the least recently written go first. */
const MAX_RECORDS = 256;

export function stampFiles(hook: FastPathHook, paths: readonly string[]): Stamps {
  return paths.map((p) => [p, hook.stamp(p)]);
}

/** Each folder and every file in it: a file added, removed or replaced (atomic writes rename) changes the folder. */
export function stampFolders(hook: FastPathHook, dirs: readonly string[]): Stamps {
  const stamps: Stamps = [];
  for (const dir of dirs) {
    stamps.push([dir, hook.stamp(dir)]);
    let names: string[] = [];
    try {
      names = readdirSync(dir).sort();
    } catch {
      // missing: its stamp says so
    }
    for (const name of names) stamps.push([join(dir, name), hook.stamp(join(dir, name))]);
  }
  return stamps;
}

/** True when every stamp still holds (nothing changed while the answer was worked out). */
export function unchanged(hook: FastPathHook, stamps: Stamps): boolean {
  return stamps.every(([p, s]) => hook.stamp(p) === s);
}

/** A command answering about one cached session (whoami, credential-process), from before it reads anything. */
export interface SessionAnswer {
  hook: FastPathHook;
  /** The config and credentials files' stamps, taken before they are read. */
  before: Stamps;
}

export function startSessionAnswer(env: Env): SessionAnswer | undefined {
  const hook = fastPathHook();
  return hook && { hook, before: stampFiles(hook, [configFilePath(env), credentialsFilePath(env)]) };
}

/** Records the answer unless a file changed meanwhile; it holds while the session file is unchanged and has `minRemainingMs` left. */
export async function rememberSessionAnswer(started: SessionAnswer | undefined, stdout: string, sessionFile: string | undefined, expiresAt: number | undefined, minRemainingMs: number): Promise<void> {
  if (!started || sessionFile === undefined || expiresAt === undefined || !unchanged(started.hook, started.before)) return;
  await rememberAnswer(started.hook, { stdout, expiresAt, minRemainingMs, files: [...started.before, ...stampFiles(started.hook, [sessionFile])] });
}

/** Writes the record; a failure only costs the next run its shortcut. */
export async function rememberAnswer(hook: FastPathHook, answer: FastPathAnswer): Promise<void> {
  const { stdout, stderr = '', files, expiresAt, minRemainingMs } = answer;
  const header = { v: 2, key: hook.key, stdout: Buffer.byteLength(stdout), stderr: Buffer.byteLength(stderr), files, ...(expiresAt !== undefined ? { expiresAt, minRemainingMs: minRemainingMs ?? 0 } : {}) };
  try {
    await writeSecretFile(hook.path, `${JSON.stringify(header)}\n${stdout}${stderr}`, 'private');
    pruneRecords(join(hook.path, '..'));
  } catch (error) {
    debugLog(`fast path: cannot write ${hook.path}: ${(error as Error).message}`);
  }
}

function pruneRecords(dir: string): void {
  const names = readdirSync(dir).filter((n) => n.endsWith('.rec') || n.endsWith('.json'));
  if (names.length <= MAX_RECORDS) return;
  const byAge = names.map((n) => ({ path: join(dir, n), at: statSync(join(dir, n), { throwIfNoEntry: false })?.mtimeMs ?? 0 })).sort((a, b) => a.at - b.at);
  for (const { path } of byAge.slice(0, byAge.length - MAX_RECORDS)) rmSync(path, { force: true });
}

/** The header of a record file, or undefined when it is not one. */
export function readRecordHeader(path: string): { files?: Stamps } | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(256 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const nl = buf.subarray(0, n).indexOf(10);
    return nl < 0 ? undefined : (JSON.parse(buf.toString('utf8', 0, nl)) as { files?: Stamps });
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Removes the records that answered from `sessionFile`: a forgotten or logged-out session must leave no copy
 * of its credentials behind (a record would not be used any more, its session file being gone, but it
 * would still hold them until it expired).
 */
export function forgetAnswers(cacheDir: string, sessionFile: string): void {
  const dir = join(cacheDir, 'fast');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    const header = readRecordHeader(path);
    // Unreadable (or from an older awsx, whose records are JSON): nothing would use it.
    if (!header || !Array.isArray(header.files) || header.files.some(([p]) => p === sessionFile)) rmSync(path, { force: true });
  }
}
