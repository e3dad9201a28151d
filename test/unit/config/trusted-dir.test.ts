// awsx's own folders and files (issue 15, findings 1-2): what is trusted, what is not, and that on Windows (no
// POSIX owners or modes, an injected platform here) only the kinds are checked.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentPlatform, type Platform } from '../../../src/config/platform.js';
import { dirProblem, ensureTrustedDir, MISSING, readTrustedFile } from '../../../src/config/trusted-dir.js';

const me = currentPlatform();
const stranger: Platform = { os: 'linux', uid: (me.uid ?? 0) + 4242 };
const windows: Platform = { os: 'win32', uid: undefined };

describe.skipIf(me.os === 'win32')('trusted folders and files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'awsx-trust-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('makes a missing folder 0700 (and its parents) and trusts it', () => {
    expect(ensureTrustedDir(join(dir, 'a', 'b'), me)).toBeUndefined();
    expect(dirProblem(join(dir, 'nope'), me)).toBe(MISSING);
  });

  it('refuses a folder writable by others, owned by someone else, or inside an unsticky world-writable one', () => {
    const open = join(dir, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    expect(dirProblem(open, me)).toBe('it is writable by others (mode 0777)');
    chmodSync(open, 0o700);
    expect(dirProblem(open, stranger)).toMatch(/^it belongs to another user \(uid \d+\)$/);
    const shared = join(dir, 'shared');
    mkdirSync(join(shared, 'awsx'), { recursive: true, mode: 0o700 });
    chmodSync(shared, 0o777);
    expect(dirProblem(join(shared, 'awsx'), me)).toBe('its parent folder is writable by everyone (mode 0777)');
    chmodSync(shared, 0o1777); // sticky, like /tmp: nobody can rename our folder away
    expect(dirProblem(join(shared, 'awsx'), me)).toBeUndefined();
  });

  it('follows a link of its own user to a trusted folder, refuses a file in place of a folder', () => {
    mkdirSync(join(dir, 'real'), { mode: 0o700 });
    symlinkSync(join(dir, 'real'), join(dir, 'link'));
    expect(dirProblem(join(dir, 'link'), me)).toBeUndefined();
    writeFileSync(join(dir, 'file'), '');
    expect(dirProblem(join(dir, 'file'), me)).toBe('it is not a folder');
  });

  it('reads only private regular files of this user, never through a link, never blocking on a FIFO', () => {
    const file = join(dir, 'f.json');
    writeFileSync(file, '{}', { mode: 0o600 });
    expect(readTrustedFile(file, me)).toEqual({ data: Buffer.from('{}') });
    expect(readTrustedFile(file, stranger)).toEqual({
      problem: expect.stringMatching(/^it belongs to another user/) as string,
    });
    chmodSync(file, 0o640);
    expect(readTrustedFile(file, me)).toEqual({ problem: 'others may read or write it (mode 0640)' });
    symlinkSync(file, join(dir, 'l.json'));
    expect(readTrustedFile(join(dir, 'l.json'), me)).toEqual({ problem: 'it is a link' });
    expect(readTrustedFile(join(dir, 'missing.json'), me)).toBeUndefined();
    chmodSync(file, 0o600);
    expect(readTrustedFile(file, me, 1)).toEqual({ problem: 'it is larger than 1 bytes' });
  });

  it('on Windows (injected) skips owners and modes, and still refuses links and non-folders', () => {
    const open = join(dir, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    expect(dirProblem(open, windows)).toBeUndefined();
    const file = join(open, 'f');
    writeFileSync(file, 'x');
    chmodSync(file, 0o666);
    expect(readTrustedFile(file, windows)).toEqual({ data: Buffer.from('x') });
    expect(dirProblem(file, windows)).toBe('it is not a folder');
  });
});
