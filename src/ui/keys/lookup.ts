// Questions asked of the keymap's table: which action a key press stands for in a mode, whether it is text
// for the filter, and which bindings the footer and the help screen show.
import type { Key } from 'ink';
import type { Action, Binding, KeySpec, Mode } from './binding.js';
import { BINDINGS } from './keymap.js';

function matches(spec: KeySpec, input: string, key: Key): boolean {
  if ('key' in spec) return key[spec.key];
  if (spec.ctrl) return key.ctrl && input === spec.input;
  return !key.ctrl && !key.meta && input === spec.input;
}

export function matchAction(mode: Mode, input: string, key: Key): Action | undefined {
  for (const b of BINDINGS) {
    if (b.modes.includes(mode) && b.keys.some((spec) => matches(spec, input, key))) return b.action;
  }
  return undefined;
}

/** Printable text that should start the filter (a typed key or pasted text, trailing newline dropped). */
export function filterText(input: string, key: Key): string | undefined {
  if (key.ctrl || key.meta || key.escape || key.return || key.tab) return undefined;
  const text = input.replace(/[\r\n]+$/, '');
  // eslint-disable-next-line no-control-regex -- text with a control character is a key, not filter text
  return text.length > 0 && !/[\x00-\x1f\x7f]/.test(text) ? text : undefined;
}

export function hintsFor(mode: Mode): Array<{ label: string; hint: string }> {
  return BINDINGS.filter((b) => b.hint && b.modes.includes(mode)).map((b) => ({ label: b.label, hint: b.hint! }));
}

export function bindingsFor(mode: Mode): readonly Binding[] {
  return BINDINGS.filter((b) => b.modes.includes(mode));
}
