// The ONE place the picker's shortcuts live: the actions, the keys bound to each per mode, and the short
// labels the footer and the help screen draw from. Components never test raw keys.
import type { Key } from 'ink';

/**
 * 'login': the IAM Identity Center sign-in panel; 'choose': which sso-session to sign in to; 'browser': O's
 * question; 'message': the last message and error in full; 'setup': Enter without the shell integration.
 */
export type Mode = 'list' | 'filter' | 'help' | 'mfa' | 'name' | 'login' | 'choose' | 'browser' | 'message' | 'setup';

export type Action =
  | 'nav.up'
  | 'nav.down'
  | 'nav.pageUp'
  | 'nav.pageDown'
  | 'nav.top'
  | 'nav.bottom'
  | 'row.use'
  | 'row.copy'
  | 'copy.format'
  | 'row.console'
  | 'row.consoleAsk'
  | 'browser.default'
  | 'browser.isolate'
  | 'browser.container'
  | 'row.write'
  | 'row.shell'
  | 'row.whoami'
  | 'row.refresh'
  | 'row.forget'
  | 'app.autoRefresh'
  | 'sso.login'
  | 'filter.open'
  | 'filter.leave'
  | 'text.erase'
  | 'text.eraseWord'
  | 'text.eraseAll'
  | 'app.escape'
  | 'app.help'
  | 'app.message'
  | 'scroll.up'
  | 'scroll.down'
  | 'scroll.pageUp'
  | 'scroll.pageDown'
  | 'scroll.top'
  | 'scroll.bottom'
  | 'screen.close'
  | 'app.quit'
  | 'app.interrupt'
  | 'prompt.submit'
  | 'prompt.cancel';

type KeyName =
  | 'upArrow'
  | 'downArrow'
  | 'pageUp'
  | 'pageDown'
  | 'home'
  | 'end'
  | 'return'
  | 'escape'
  | 'tab'
  | 'backspace'
  | 'delete';
export type KeySpec = { input: string; ctrl?: boolean } | { key: KeyName };

export interface Binding {
  action: Action;
  modes: readonly Mode[];
  keys: readonly KeySpec[];
  /** How the key is written in hints and help. */
  label: string;
  /** Footer word (short); absent: help only. */
  hint?: string;
  help: string;
}

const NAV: readonly Mode[] = ['list', 'filter'];
const PROMPTS: readonly Mode[] = ['mfa', 'name'];
/** Up/down move in the list and in the session chooser. */
const MOVE: readonly Mode[] = [...NAV, 'choose'];
/** Modes with a text field (filter, MFA code, profile name); their text lives in app state, not a widget. */
const TEXT: readonly Mode[] = ['filter', 'mfa', 'name'];
/** Screens that scroll: help and the full message. */
const SCROLL: readonly Mode[] = ['help', 'message'];

export const BINDINGS: readonly Binding[] = [
  {
    action: 'row.use',
    modes: NAV,
    keys: [{ key: 'return' }],
    label: 'Enter',
    hint: 'use',
    help: 'use: assume the identity, hand it to your shell and exit',
  },
  {
    action: 'filter.open',
    modes: ['list'],
    keys: [{ input: '/' }],
    label: '/',
    hint: 'filter',
    help: 'filter: name, account, role, region, kind, SSO session; paste an ARN or account id',
  },
  {
    action: 'row.copy',
    modes: ['list', 'setup'],
    keys: [{ input: 'c' }],
    label: 'c',
    hint: 'copy',
    help: 'copy the export lines to the clipboard (never shown on screen)',
  },
  {
    action: 'copy.format',
    modes: ['list'],
    keys: [{ input: 'f' }],
    label: 'f',
    hint: 'format',
    help: 'cycle the copy format: export, fish, powershell, cmd, env-no-export',
  },
  {
    action: 'row.console',
    modes: ['list'],
    keys: [{ input: 'o' }],
    label: 'o',
    hint: 'console',
    help: 'open the AWS console as this identity',
  },
  {
    action: 'row.consoleAsk',
    modes: ['list'],
    keys: [{ input: 'O' }],
    label: 'O',
    help: 'open the AWS console, asking which browser: default, isolated profile or Firefox container',
  },
  {
    action: 'browser.default',
    modes: ['browser'],
    keys: [{ input: 'd' }],
    label: 'd',
    hint: 'default browser',
    help: 'the default browser (BROWSER, else the system opener)',
  },
  {
    action: 'browser.isolate',
    modes: ['browser'],
    keys: [{ input: 'i' }],
    label: 'i',
    hint: 'isolated profile',
    help: "a Chromium-family browser profile of the identity's own",
  },
  {
    action: 'browser.container',
    modes: ['browser'],
    keys: [{ input: 'c' }],
    label: 'c',
    hint: 'Firefox container',
    help: "a Firefox container of the identity's own",
  },
  {
    action: 'row.write',
    modes: ['list'],
    keys: [{ input: 'w' }],
    label: 'w',
    hint: 'write',
    help: 'write the session into ~/.aws/credentials under a name you confirm',
  },
  {
    action: 'row.shell',
    modes: ['list', 'setup'],
    keys: [{ input: 'e' }],
    label: 'e',
    hint: 'shell',
    help: 'open a subshell ($SHELL) with the identity; exit it to come back',
  },
  {
    action: 'row.whoami',
    modes: ['list'],
    keys: [{ input: 'i' }],
    label: 'i',
    hint: 'whoami',
    help: 'whoami: GetCallerIdentity with the session',
  },
  {
    action: 'row.refresh',
    modes: ['list'],
    keys: [{ input: 'r' }],
    label: 'r',
    hint: 'refresh',
    help: 'refresh: get a new session now',
  },
  {
    action: 'row.forget',
    modes: ['list'],
    keys: [{ input: 'd' }],
    label: 'd',
    hint: 'forget',
    help: "forget the row's cached session",
  },
  {
    action: 'sso.login',
    modes: ['list'],
    keys: [{ input: 'L' }],
    label: 'L',
    hint: 'login',
    help: "sign in to IAM Identity Center: the row's sso-session, else the only one, else choose",
  },
  {
    action: 'app.autoRefresh',
    modes: ['list'],
    keys: [{ input: 'a' }],
    label: 'a',
    hint: 'auto',
    help: 'toggle auto-refresh of sessions renewable without a prompt',
  },
  {
    action: 'filter.leave',
    modes: ['filter'],
    keys: [{ key: 'tab' }],
    label: 'Tab',
    hint: 'keys',
    help: 'keep the filter and go back to the one-key actions',
  },
  {
    action: 'text.erase',
    modes: TEXT,
    keys: [{ key: 'backspace' }, { key: 'delete' }],
    label: 'Backspace',
    help: 'delete the last character',
  },
  {
    action: 'text.eraseWord',
    modes: TEXT,
    keys: [{ input: 'w', ctrl: true }],
    label: 'Ctrl-W',
    help: 'delete the last word',
  },
  {
    action: 'text.eraseAll',
    modes: TEXT,
    keys: [{ input: 'u', ctrl: true }],
    label: 'Ctrl-U',
    help: 'delete everything typed',
  },
  {
    action: 'app.escape',
    modes: NAV,
    keys: [{ key: 'escape' }],
    label: 'Esc',
    hint: 'clear',
    help: 'cancel a running action, else clear the filter',
  },
  {
    action: 'nav.up',
    modes: MOVE,
    keys: [{ key: 'upArrow' }, { input: 'p', ctrl: true }],
    label: '↑/Ctrl-P',
    help: 'previous row',
  },
  {
    action: 'nav.down',
    modes: MOVE,
    keys: [{ key: 'downArrow' }, { input: 'n', ctrl: true }],
    label: '↓/Ctrl-N',
    help: 'next row',
  },
  {
    action: 'nav.pageUp',
    modes: NAV,
    keys: [{ key: 'pageUp' }, { input: 'b', ctrl: true }],
    label: 'PgUp/Ctrl-B',
    help: 'page up',
  },
  {
    action: 'nav.pageDown',
    modes: NAV,
    keys: [{ key: 'pageDown' }, { input: 'f', ctrl: true }],
    label: 'PgDn/Ctrl-F',
    help: 'page down',
  },
  { action: 'nav.top', modes: NAV, keys: [{ key: 'home' }], label: 'Home', help: 'first row' },
  { action: 'nav.bottom', modes: NAV, keys: [{ key: 'end' }], label: 'End', help: 'last row' },
  {
    action: 'app.message',
    modes: ['list'],
    keys: [{ input: '!' }],
    label: '!',
    help: 'the last message and the last error in full, with the fix',
  },
  {
    action: 'app.help',
    modes: ['list', 'help'],
    keys: [{ input: '?' }],
    label: '?',
    hint: 'help',
    help: 'this help (? or Esc closes it)',
  },
  {
    action: 'app.quit',
    modes: ['list', 'help', 'message', 'setup'],
    keys: [{ input: 'q' }],
    label: 'q',
    hint: 'quit',
    help: 'quit without changing your shell',
  },
  {
    action: 'app.interrupt',
    modes: ['list', 'filter', 'help', 'mfa', 'name', 'login', 'choose', 'browser', 'message', 'setup'],
    keys: [{ input: 'c', ctrl: true }],
    label: 'Ctrl-C',
    help: 'cancel a running action, else quit',
  },
  {
    action: 'prompt.submit',
    modes: [...PROMPTS, 'choose'],
    keys: [{ key: 'return' }],
    label: 'Enter',
    hint: 'submit',
    help: 'submit the MFA code, the profile name or the chosen sso-session',
  },
  {
    action: 'prompt.cancel',
    modes: [...PROMPTS, 'choose', 'login', 'browser', 'setup'],
    keys: [{ key: 'escape' }],
    label: 'Esc',
    hint: 'cancel',
    help: 'cancel the prompt, or the IAM Identity Center sign-in',
  },
  {
    action: 'scroll.up',
    modes: SCROLL,
    keys: [{ key: 'upArrow' }, { input: 'k' }],
    label: '↑/k',
    hint: 'up',
    help: 'scroll up',
  },
  {
    action: 'scroll.down',
    modes: SCROLL,
    keys: [{ key: 'downArrow' }, { input: 'j' }],
    label: '↓/j',
    hint: 'down',
    help: 'scroll down',
  },
  {
    action: 'scroll.pageUp',
    modes: SCROLL,
    keys: [{ key: 'pageUp' }, { input: 'b', ctrl: true }],
    label: 'PgUp',
    hint: 'page up',
    help: 'a page up',
  },
  {
    action: 'scroll.pageDown',
    modes: SCROLL,
    keys: [{ key: 'pageDown' }, { input: 'f', ctrl: true }, { input: ' ' }],
    label: 'PgDn/Space',
    hint: 'page down',
    help: 'a page down',
  },
  { action: 'scroll.top', modes: SCROLL, keys: [{ key: 'home' }], label: 'Home', help: 'the top' },
  { action: 'scroll.bottom', modes: SCROLL, keys: [{ key: 'end' }], label: 'End', help: 'the end' },
  {
    action: 'screen.close',
    modes: SCROLL,
    keys: [{ key: 'escape' }],
    label: 'Esc',
    hint: 'close',
    help: 'close this screen (so does any key without a use here)',
  },
];

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
