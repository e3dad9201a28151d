// The atomic writer (issue 15, findings 2-6): never through a planted link of its own files, never into a file
// of another user or a read-only one, modes kept or tightened as the policy says, and no temp file left by a
// failure or by a writer killed outright.
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createExclusiveSync, writeFileAtomicSync } from '../../../src/config/atomic-write.js';
import { InputError } from '../../../src/config/errors.js';
import { redirectNotices } from '../../../src/config/notices.js';
import { currentPlatform, type Platform } from '../../../src/config/platform.js';

const me = currentPlatform();
const stranger: Platform = { os: 'linux', uid: (me.uid ?? 0) + 4242 };

describe.skipIf(me.os === 'win32')('writeFileAtomicSync', () => {
  let dir: string;
  let notices: string[];
  let restore: () => void;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'awsx-write-'));
    notices = [];
    restore = redirectNotices((line) => void notices.push(line));
  });
  afterEach(() => {
    restore();
    rmSync(dir, { recursive: true, force: true });
  });

  it('private: a link planted at the target is replaced by the file, its target untouched', () => {
    const victim = join(dir, 'victim');
    writeFileSync(victim, 'keep');
    symlinkSync(victim, join(dir, 'session.json'));
    writeFileAtomicSync(join(dir, 'session.json'), '{}', 'private');
    expect(readFileSync(victim, 'utf8')).toBe('keep');
    expect(lstatSync(join(dir, 'session.json')).isFile()).toBe(true);
    expect(statSync(join(dir, 'session.json')).mode & 0o777).toBe(0o600);
  });

  it('secret: refuses a file of another user and a read-only file (exit 2), root included', () => {
    const file = join(dir, 'creds');
    writeFileSync(file, 'old', { mode: 0o600 });
    expect(() => writeFileAtomicSync(file, 'new', 'secret', stranger)).toThrow(InputError);
    expect(() => writeFileAtomicSync(file, 'new', 'secret', stranger)).toThrow(/belongs to another user/);
    chmodSync(file, 0o400);
    expect(() => writeFileAtomicSync(file, 'new', 'secret')).toThrow(
      /refusing to replace .*: it is read-only \(mode 0400\)/,
    );
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['creds']);
  });

  it('secret tightens a 0644 file to 0600 with a note; config keeps 0644; a new file is 0600', () => {
    const creds = join(dir, 'credentials');
    writeFileSync(creds, 'a');
    chmodSync(creds, 0o644);
    writeFileAtomicSync(creds, 'b', 'secret');
    expect(statSync(creds).mode & 0o777).toBe(0o600);
    expect(notices).toEqual([
      `awsx: note: ${creds} was readable by others (mode 0644); it holds secrets, so awsx made it 0600`,
    ]);
    const config = join(dir, 'config');
    writeFileSync(config, 'a');
    chmodSync(config, 0o644);
    writeFileAtomicSync(config, 'b', 'config');
    expect(statSync(config).mode & 0o777).toBe(0o644);
    writeFileAtomicSync(join(dir, 'new', 'file'), 'x', 'config');
    expect(statSync(join(dir, 'new', 'file')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'new')).mode & 0o777).toBe(0o700);
  });

  it('secret writes through a link to the real file; on Windows (injected) owners are not checked', () => {
    const real = join(dir, 'dotfiles-credentials');
    writeFileSync(real, 'a', { mode: 0o600 });
    symlinkSync(real, join(dir, 'credentials'));
    writeFileAtomicSync(join(dir, 'credentials'), 'b', 'secret');
    expect(readFileSync(real, 'utf8')).toBe('b');
    expect(lstatSync(join(dir, 'credentials')).isSymbolicLink()).toBe(true);
    writeFileAtomicSync(real, 'c', 'secret', { os: 'win32', uid: undefined });
    expect(readFileSync(real, 'utf8')).toBe('c');
  });

  it('removes the temp files of writers that died (SIGKILL), keeps those of live ones, leaves none of its own', () => {
    const dead = join(dir, '.credentials.awsx-999999999-0123abcd.tmp');
    const live = join(dir, `.credentials.awsx-${process.ppid}-0123abcd.tmp`);
    writeFileSync(dead, 'half');
    writeFileSync(live, 'half');
    writeFileAtomicSync(join(dir, 'credentials'), 'x', 'secret');
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual([`.credentials.awsx-${process.ppid}-0123abcd.tmp`, 'credentials']);
  });

  it('a failed write leaves no temp file (a folder in place of the target)', () => {
    mkdirSync(join(dir, 'target'));
    expect(() => writeFileAtomicSync(join(dir, 'target'), 'x', 'private')).toThrow(/cannot write .*target/);
    expect(readdirSync(dir)).toEqual(['target']);
  });

  it('createExclusiveSync never writes over a file or a link already there', () => {
    const path = join(dir, 'handoff');
    createExclusiveSync(path, 'one');
    expect(readFileSync(path, 'utf8')).toBe('one');
    expect(() => createExclusiveSync(path, 'two')).toThrow(/something is already there/);
    rmSync(path);
    symlinkSync(join(dir, 'elsewhere'), path);
    expect(() => createExclusiveSync(path, 'two')).toThrow(/something is already there/);
    expect(existsSync(join(dir, 'elsewhere'))).toBe(false);
    expect(readdirSync(dir)).toEqual(['handoff']);
  });
});
