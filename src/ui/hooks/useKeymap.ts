// Maps key presses to keymap actions. The mode is read when the key arrives (not when the handler was
// made), so keys typed faster than React re-renders are still read in the right mode: after the first
// letter of a filter, the next letters filter instead of firing one-key actions. `onText` receives
// printable input that no action claimed.
// Keys as typed: a chunk holding several keys (typed faster than the terminal is read, or sent at once:
// "ff", "hop1\tc", "123456\r") is split into its keys, and each goes through the keymap in order. Text the
// terminal marks as pasted (bracketed paste, which Ink's usePaste turns on while the picker runs) is text,
// never actions.
import { useInput, usePaste, type Key } from 'ink';
import type { Action, Mode } from '../keys/binding.js';
import { filterText, matchAction } from '../keys/lookup.js';

// prettier-ignore
const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false,
  pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false,
};

/** One control character as the key it stands for. */
export function controlKey(char: string): [string, Key] {
  const code = char.charCodeAt(0);
  if (char === '\r' || char === '\n') return ['\r', { ...NO_KEY, return: true }];
  if (char === '\t') return ['\t', { ...NO_KEY, tab: true }];
  if (code === 0x7f || code === 0x08) return ['', { ...NO_KEY, backspace: true }];
  return [String.fromCharCode(code + 96), { ...NO_KEY, ctrl: true }];
}

/** Splits a multi-key chunk (no escape sequences: Ink splits those) into its keys, one per character. */
export function splitChunk(input: string): Array<[string, Key]> {
  const keys: Array<[string, Key]> = [];
  for (const char of input) {
    // eslint-disable-next-line no-control-regex -- a character below space or DEL is a control key, not text
    if (/^[\x00-\x1f\x7f]$/.test(char)) keys.push(controlKey(char));
    else keys.push([char, char.length === 1 && /[A-Z]/.test(char) ? { ...NO_KEY, shift: true } : NO_KEY]);
  }
  return keys;
}

/** Pasted text as filter or prompt text: line breaks and other control characters become spaces, ends trimmed. */
export function pastedText(input: string): string {
  // eslint-disable-next-line no-control-regex -- the control characters are what it replaces
  return input.replace(/[\x00-\x1f\x7f]+/g, ' ').trim();
}

export function useKeymap(
  currentMode: () => Mode,
  onAction: (action: Action, mode: Mode) => void,
  onText: (text: string, mode: Mode) => void,
  isActive = true,
): void {
  const one = (input: string, key: Key): void => {
    const mode = currentMode();
    const action = matchAction(mode, input, key);
    if (action) return onAction(action, mode);
    const text = filterText(input, key);
    if (text !== undefined) onText(text, mode);
  };
  usePaste(
    (pasted) => {
      const text = pastedText(pasted);
      if (text) onText(text, currentMode());
    },
    { isActive },
  );
  useInput(
    (input, key) => {
      if (input.length > 1 && !key.meta) {
        for (const [text, k] of splitChunk(input)) one(text, k);
        return;
      }
      one(input, key);
    },
    { isActive },
  );
}
