// What a binding of the keymap is made of: the picker's modes, the actions a key can stand for, and how a key
// is written down (src/ui/keys/keymap.ts holds the table of them).
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
