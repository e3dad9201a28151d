// The keymap: one action per key in each mode, hints and help drawn from it, and docs/picker.md names
// every key.
import { readFileSync } from 'node:fs';
import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import type { Mode } from '../../src/ui/keys/binding.js';
import { BINDINGS } from '../../src/ui/keys/keymap.js';
import { filterText, hintsFor, matchAction } from '../../src/ui/keys/lookup.js';
import { hintLine } from '../../src/ui/components/KeyHints.js';
import { splitChunk } from '../../src/ui/hooks/useKeymap.js';

const NO_KEY = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
} as Key;
const MODES: Mode[] = ['list', 'filter', 'help', 'mfa', 'name', 'login', 'choose', 'browser'];

describe('keymap', () => {
  it('binds each key to at most one action per mode', () => {
    for (const mode of MODES) {
      const seen = new Map<string, string>();
      for (const b of BINDINGS.filter((x) => x.modes.includes(mode))) {
        for (const spec of b.keys) {
          const id = JSON.stringify(spec);
          expect(seen.get(id), `${mode}: ${id} is bound to ${seen.get(id)} and ${b.action}`).toBeUndefined();
          seen.set(id, b.action);
        }
      }
    }
  });

  it('reads letters as actions in the list and as text in the filter and prompts', () => {
    expect(matchAction('list', 'c', NO_KEY)).toBe('row.copy');
    expect(matchAction('filter', 'c', NO_KEY)).toBeUndefined();
    expect(matchAction('mfa', 'q', NO_KEY)).toBeUndefined();
    expect(matchAction('list', 'c', { ...NO_KEY, ctrl: true })).toBe('app.interrupt');
    expect(matchAction('filter', '', { ...NO_KEY, return: true })).toBe('row.use');
    expect(matchAction('mfa', '', { ...NO_KEY, return: true })).toBe('prompt.submit');
    expect(matchAction('list', 'L', NO_KEY)).toBe('sso.login');
    expect(matchAction('filter', 'L', NO_KEY)).toBeUndefined();
    expect(matchAction('login', '', { ...NO_KEY, escape: true })).toBe('prompt.cancel');
    expect(matchAction('login', 'q', NO_KEY)).toBeUndefined();
    expect(matchAction('choose', '', { ...NO_KEY, downArrow: true })).toBe('nav.down');
    expect(matchAction('choose', '', { ...NO_KEY, return: true })).toBe('prompt.submit');
    // O asks which browser: d, i, c answer it there (and only there), Esc cancels.
    expect(matchAction('list', 'O', NO_KEY)).toBe('row.consoleAsk');
    expect(['d', 'i', 'c'].map((k) => matchAction('browser', k, NO_KEY))).toEqual([
      'browser.default',
      'browser.isolate',
      'browser.container',
    ]);
    expect(matchAction('browser', '', { ...NO_KEY, escape: true })).toBe('prompt.cancel');
    expect(matchAction('browser', 'q', NO_KEY)).toBeUndefined();
    expect(filterText('p', NO_KEY)).toBe('p');
    expect(filterText('arn:aws:iam::1:role/x\r\n', NO_KEY)).toBe('arn:aws:iam::1:role/x');
    expect(filterText('', { ...NO_KEY, escape: true })).toBeUndefined();
  });

  it('splits a chunk of several keys into its keys, one per character', () => {
    const parts = splitChunk('hoP1\tc\r');
    expect(
      parts.map(([text, key]) => [
        text,
        Object.entries(key)
          .filter(([, v]) => v === true)
          .map(([k]) => k),
      ]),
    ).toEqual([
      ['h', []],
      ['o', []],
      ['P', ['shift']],
      ['1', []],
      ['\t', ['tab']],
      ['c', []],
      ['\r', ['return']],
    ]);
  });

  it('footer hints come from the keymap and keep help and quit at 80 columns', () => {
    expect(hintsFor('list').map((h) => h.hint)).toEqual(
      expect.arrayContaining([
        'use',
        'copy',
        'console',
        'write',
        'shell',
        'whoami',
        'refresh',
        'forget',
        'auto',
        'filter',
        'help',
        'quit',
      ]),
    );
    const line = hintLine('list', 80);
    expect(line.length).toBeLessThanOrEqual(80);
    expect(line).toMatch(/^Enter use {2}\/ filter .*\? help {2}q quit$/);
  });

  it('docs/picker.md names every key of the keymap', () => {
    const doc = readFileSync(new URL('../../docs/picker.md', import.meta.url), 'utf8');
    for (const b of BINDINGS) {
      const keys = b.label === '/' ? ['/'] : b.label.split('/');
      for (const key of keys) expect(doc, `${b.action}: ${key}`).toContain(`\`${key}\``);
    }
  });
});
