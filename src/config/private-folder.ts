// One of awsx's own folders (cache, state, runtime) as the code keeping files there sees it: folders are made
// 0700 and used only when trusted-dir.ts trusts them, files are read only when they are this user's private
// regular files, and writes are atomic. Whatever awsx cannot trust or cannot write, it says in one warning line
// (once per process) and goes on without: a cache is never worth failing a command whose answer is in hand.
import { readdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { writeFileAtomicSync, writeProblem } from './atomic-write.js';
import { warnOnce } from './notices.js';
import { currentPlatform, type Platform } from './platform.js';
import { dirProblem, ensureTrustedDir, MISSING, readTrustedFile } from './trusted-dir.js';

/** Verdicts on folders, per path, for the life of the process (they are checked once). */
const verdicts = new Map<string, string | null>();

export interface FolderRole {
  /** e.g. "cache folder" */
  name: string;
  /** How to point awsx elsewhere, e.g. "set AWSX_CACHE_DIR". */
  elsewhere: string;
}

export class PrivateFolder {
  constructor(
    readonly dir: string,
    private readonly role: FolderRole,
    private readonly platform: Platform = currentPlatform(),
  ) {}

  private refuse(path: string, problem: string): undefined {
    warnOnce(
      `not using the ${this.role.name} ${path}: ${problem} ` +
        `(make it a folder of your own with mode 0700, or ${this.role.elsewhere}); going on without it`,
    );
    return undefined;
  }

  /** The folders from DIR down to PATH, each checked (and made, when `create`); false when one is not trusted. */
  private trusted(path: string, create: boolean): boolean {
    const rel = relative(this.dir, path);
    const levels = [this.dir];
    if (rel !== '') for (const part of rel.split(sep)) levels.push(join(levels[levels.length - 1]!, part));
    for (const level of levels) {
      const id = `${this.platform.os}:${this.platform.uid}:${level}`;
      const known = verdicts.get(id);
      if (known === null) continue;
      if (known !== undefined) return this.refuse(level, known) ?? false;
      const problem = create ? ensureTrustedDir(level, this.platform) : dirProblem(level, this.platform);
      // Not there (and not to be made): nothing below it to read, and nothing to say.
      if (problem === MISSING) return false;
      verdicts.set(id, problem ?? null);
      if (problem !== undefined) return this.refuse(level, problem) ?? false;
    }
    return true;
  }

  /** DIR/...SUB, made if missing, when it may be used; else undefined (after one warning line). */
  ensure(...sub: string[]): string | undefined {
    const path = join(this.dir, ...sub);
    return this.trusted(path, true) ? path : undefined;
  }

  /** PATH's bytes, when its folder and the file itself may be trusted; else undefined (a planted file: one warning). */
  read(path: string): Buffer | undefined {
    if (!this.trusted(dirname(path), false)) return undefined;
    const result = readTrustedFile(path, this.platform);
    if (result && 'problem' in result) {
      warnOnce(`ignoring ${path}: ${result.problem}`);
      return undefined;
    }
    return result?.data;
  }

  /** The names in DIR/...SUB (none when it is missing or not trusted). */
  list(...sub: string[]): string[] {
    const path = join(this.dir, ...sub);
    if (!this.trusted(path, false)) return [];
    try {
      return readdirSync(path);
    } catch {
      return [];
    }
  }

  /** Writes PATH atomically (0600); false, after one warning line, when it could not. */
  write(path: string, data: string): boolean {
    if (!this.trusted(dirname(path), true)) return false;
    try {
      writeFileAtomicSync(path, data, 'private', this.platform);
      return true;
    } catch (error) {
      warnOnce(
        `could not write to the ${this.role.name} ${this.dir}: ` +
          `${writeProblem((error as Error).cause ?? error)}; going on without it`,
      );
      return false;
    }
  }
}

export const CACHE_ROLE: FolderRole = { name: 'cache folder', elsewhere: 'set AWSX_CACHE_DIR to another folder' };
export const STATE_ROLE: FolderRole = { name: 'state folder', elsewhere: 'set XDG_STATE_HOME to another folder' };
export const RUNTIME_ROLE: FolderRole = { name: 'runtime folder', elsewhere: 'set XDG_RUNTIME_DIR to another folder' };
