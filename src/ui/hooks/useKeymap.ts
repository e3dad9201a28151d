// Maps key presses to keymap actions. The mode is read when the key arrives (not when the handler was
// made), so keys typed faster than React re-renders are still read in the right mode: after the first
// letter of a filter, the next letters filter instead of firing one-key actions. `onText` receives
// printable input that no action claimed. A chunk holding several keys (typed or pasted faster than the
// terminal is read: "123456\r", "hop1\tc") is split into its keys.
import { useInput, type Key } from 'ink';
import { filterText, matchAction, type Action, type Mode } from '../keys/keymap.js';

const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
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

/** Splits a multi-key chunk (no escape sequences: Ink splits those) into printable runs and control keys. */
export function splitChunk(input: string): Array<[string, Key | undefined]> {
  const parts: Array<[string, Key | undefined]> = [];
  for (const m of input.matchAll(/[^\x00-\x1f\x7f]+|[\x00-\x1f\x7f]/g)) {
    parts.push(/^[\x00-\x1f\x7f]$/.test(m[0]) ? controlKey(m[0]) : [m[0], undefined]);
  }
  return parts;
}

export function useKeymap(currentMode: () => Mode, onAction: (action: Action, mode: Mode) => void, onText: (text: string, mode: Mode) => void, isActive = true): void {
  const one = (input: string, key: Key): void => {
    const mode = currentMode();
    const action = matchAction(mode, input, key);
    if (action) return onAction(action, mode);
    const text = filterText(input, key);
    if (text !== undefined) onText(text, mode);
  };
  useInput(
    (input, key) => {
      if (input.length > 1 && !key.meta && /[\x00-\x1f\x7f]/.test(input)) {
        for (const [text, k] of splitChunk(input)) one(text, k ?? NO_KEY);
        return;
      }
      one(input, key);
    },
    { isActive },
  );
}
