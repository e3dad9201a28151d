// What each keymap action does in the picker: screen changes go to the reducer, work goes to the service
// layer (which reports through the store). Async work starts here, in the key handler, never in effects.
// Keys can arrive faster than React re-renders (fast typing, "hop1\r" in one chunk), so the handler works
// on a live copy of the screen state (the same pure reducer, applied at once) and picks the row then.
import { useRef, type Dispatch, type SetStateAction } from 'react';
import type { PickerRow } from '../../picker/rows.js';
import { filterRows } from '../../picker/filter.js';
import { usePicker, type PickerServices } from '../context.js';
import { digitsOnly, MFA_DIGITS } from '../components/MfaPrompt.js';
import type { Action, Mode } from '../keys/binding.js';
import { pickerMode } from '../state/mode.js';
import { clampView, erase, screenReducer, type ScreenAction, type ScreenState } from '../state/screen-reducer.js';
import { useKeymap } from './useKeymap.js';

export type OutcomeKind = 'quit' | 'interrupt' | 'use' | 'shell';

export interface PickerKeysInput {
  /** The reducer state as rendered. */
  screen: ScreenState;
  dispatch: Dispatch<ScreenAction>;
  viewRows: number;
  /** How far a scrolling screen (help, the full message) can scroll, and its page. */
  scrollExtent: (mode: Mode) => { max: number; page: number };
  actions: PickerServices;
  code: string;
  setCode: Dispatch<SetStateAction<string>>;
  finish: (kind: OutcomeKind, rowId?: string) => void;
}

export function defaultProfileName(row: PickerRow): string {
  const base =
    row.target.kind === 'profile' ? row.name : `${row.accountName ?? row.target.accountId}-${row.target.roleName}`;
  return `${base}-session`.replace(/[^\w+=,.@:/-]/g, '-');
}

/** Actions that start something new: the last action's message is stale once one of them runs. */
const STARTS = new Set<Action>([
  ...(['row.use', 'row.copy', 'row.console', 'row.write', 'row.shell', 'row.whoami'] as const),
  ...(['row.refresh', 'row.forget'] as const),
  ...(['copy.format', 'sso.login', 'app.autoRefresh'] as const),
  ...(['row.consoleAsk', 'browser.default', 'browser.isolate', 'browser.container'] as const),
]);

/** A value that follows the rendered one, but can run ahead of it between renders. */
function useLive<T>(rendered: T): { current: T } {
  const live = useRef(rendered);
  const last = useRef(rendered);
  if (last.current !== rendered) last.current = live.current = rendered;
  return live;
}

export function usePickerKeys(input: PickerKeysInput): void {
  const { actions, finish, viewRows } = input;
  const { store } = usePicker();
  const screen = useLive(input.screen);
  const code = useLive(input.code);

  const dispatch = (action: ScreenAction): void => {
    screen.current = screenReducer(screen.current, action);
    input.dispatch(action);
  };
  const setCode = (next: string): void => {
    code.current = next;
    input.setCode(next);
    if (screen.current.promptNote) dispatch({ type: 'promptNote', text: '' });
  };
  const extent = (): { count: number; viewRows: number } => ({
    count: filterRows(store.getSnapshot().rows, screen.current.query).rows.length,
    viewRows,
  });
  const currentRow = (): PickerRow | undefined => {
    const rows = filterRows(store.getSnapshot().rows, screen.current.query).rows;
    return rows[clampView(screen.current, { count: rows.length, viewRows }).cursor];
  };
  const currentMode = (): Mode => pickerMode(store.getSnapshot(), screen.current.mode);
  const busy = (): boolean => store.getSnapshot().busyRowId !== undefined;
  const onRow = (run: (id: string) => unknown): void => {
    const row = currentRow();
    if (row) void run(row.id);
  };
  /** Scrolls help or the full message by a line, a page (less one line) or to an end. */
  const scroll = (mode: Mode, by: 'line' | 'page' | 'end', direction: 1 | -1): void => {
    const { max, page } = input.scrollExtent(mode);
    const step = by === 'line' ? 1 : by === 'page' ? Math.max(1, page - 1) : max;
    dispatch({ type: 'scroll', delta: direction * step, max });
  };

  const handle = (action: Action, mode: Mode): void => {
    if (mode === 'help' || mode === 'message') return screens(action);
    if (STARTS.has(action) && !busy()) store.clearStatus();
    switch (action) {
      case 'nav.up':
      case 'nav.down':
        if (mode === 'choose') return dispatch({ type: 'chooseMove', delta: action === 'nav.up' ? -1 : 1 });
        return dispatch({ type: 'move', delta: action === 'nav.up' ? -1 : 1, ...extent() });
      case 'nav.pageUp':
      case 'nav.pageDown':
        return dispatch({ type: 'page', direction: action === 'nav.pageUp' ? -1 : 1, ...extent() });
      case 'nav.top':
        return dispatch({ type: 'top', ...extent() });
      case 'nav.bottom':
        return dispatch({ type: 'bottom', ...extent() });
      case 'row.use':
        // Without the shell integration Enter cannot set this shell's variables: say how, print no keys.
        if (actions.shellSetup()) return currentRow() && dispatch({ type: 'mode', mode: 'setup' });
        return onRow(async (id) => {
          if (!(await actions.use(id))) return;
          store.clearStatus(); // `awsx demo` opens a subshell here: back from it, nothing from before it shows
          finish('use', id);
        });
      case 'row.shell':
        if (mode === 'setup') dispatch({ type: 'mode', mode: 'list' });
        return onRow(async (id) => {
          if (!(await actions.ensureSession(id))) return;
          store.clearStatus(); // back from the subshell, the picker shows nothing from before it
          finish('shell', id);
        });
      case 'row.copy':
        if (mode === 'setup') dispatch({ type: 'mode', mode: 'list' });
        return onRow((id) => actions.copy(id));
      case 'copy.format':
        return actions.cycleFormat();
      case 'row.console':
        return onRow((id) => actions.openConsole(id));
      case 'row.consoleAsk': {
        const row = currentRow();
        if (!row) return;
        store.setStatus(`open the console as ${row.name} in which browser? (keys below; Esc cancels)`, 'info');
        return dispatch({ type: 'mode', mode: 'browser' });
      }
      case 'browser.default':
      case 'browser.isolate':
      case 'browser.container': {
        dispatch({ type: 'mode', mode: 'list' });
        const mode = action === 'browser.default' ? 'default' : action === 'browser.isolate' ? 'isolate' : 'container';
        return onRow((id) => actions.openConsole(id, mode));
      }
      case 'row.whoami':
        return onRow((id) => actions.whoami(id));
      case 'row.refresh':
        return onRow((id) => actions.refresh(id));
      case 'row.forget':
        return onRow((id) => actions.forget(id));
      case 'row.write': {
        const row = currentRow();
        if (!row) return;
        dispatch({ type: 'nameDraft', text: defaultProfileName(row) });
        return dispatch({ type: 'mode', mode: 'name' });
      }
      case 'sso.login': {
        const choices = actions.login(currentRow()?.id);
        return choices && dispatch({ type: 'choose', choices });
      }
      case 'app.autoRefresh':
        return actions.toggleAutoRefresh();
      case 'filter.open':
        return dispatch({ type: 'mode', mode: 'filter' });
      case 'filter.leave':
        return dispatch({ type: 'mode', mode: 'list' });
      case 'text.erase':
      case 'text.eraseWord':
      case 'text.eraseAll': {
        const what = action === 'text.erase' ? 'char' : action === 'text.eraseWord' ? 'word' : 'all';
        if (mode === 'mfa') return setCode(erase(code.current, what));
        return dispatch(mode === 'name' ? { type: 'nameErase', what } : { type: 'erase', what });
      }
      case 'app.help':
        return dispatch({ type: 'mode', mode: 'help' });
      case 'app.message':
        return dispatch({ type: 'mode', mode: 'message' });
      case 'app.escape':
        if (busy()) return actions.cancel();
        return dispatch(screen.current.query ? { type: 'clearFilter' } : { type: 'mode', mode: 'list' });
      case 'app.quit':
        return finish('quit');
      case 'app.interrupt':
        if (busy() || mode === 'mfa' || mode === 'login') return actions.cancel();
        if (mode === 'name' || mode === 'choose' || mode === 'browser' || mode === 'setup') {
          return dispatch({ type: 'mode', mode: 'list' });
        }
        return finish('interrupt');
      case 'prompt.submit':
        if (mode === 'mfa') {
          const typed = code.current.length;
          const passphrase = store.getSnapshot().mfa?.passphrase;
          if (passphrase && typed === 0) return;
          if (!passphrase && typed !== MFA_DIGITS)
            return dispatch({ type: 'promptNote', text: `${MFA_DIGITS} digits needed (${typed} typed)` });
          actions.submitMfa(code.current);
          return setCode('');
        }
        if (mode === 'choose') return choose(screen.current.choice);
        onRow((id) => screen.current.nameDraft && actions.writeProfile(id, screen.current.nameDraft));
        return dispatch({ type: 'mode', mode: 'list' });
      case 'prompt.cancel':
        if (mode === 'login') return actions.cancel();
        if (mode === 'mfa') {
          setCode('');
          return actions.cancel();
        }
        return dispatch({ type: 'mode', mode: 'list' });
    }
  };

  /** Help and the full message: they scroll; ? and Esc close them, q quits. */
  const screens = (action: Action): void => {
    const mode = screen.current.mode === 'message' ? 'message' : 'help';
    switch (action) {
      case 'scroll.up':
      case 'scroll.down':
        return scroll(mode, 'line', action === 'scroll.up' ? -1 : 1);
      case 'scroll.pageUp':
      case 'scroll.pageDown':
        return scroll(mode, 'page', action === 'scroll.pageUp' ? -1 : 1);
      case 'scroll.top':
      case 'scroll.bottom':
        return scroll(mode, 'end', action === 'scroll.top' ? -1 : 1);
      case 'app.quit':
        return finish('quit');
      case 'app.interrupt':
        return finish('interrupt');
      default:
        return dispatch({ type: 'mode', mode: 'list' });
    }
  };

  /** The chooser's pick: back to the list, and sign in to that session. */
  const choose = (index: number): void => {
    const name = screen.current.choices[index];
    dispatch({ type: 'mode', mode: 'list' });
    if (name) actions.loginSession(name);
  };

  const onText = (text: string, mode: Mode): void => {
    if (mode === 'list' || mode === 'filter') dispatch({ type: 'type', text });
    else if (mode === 'choose' && /^[1-9]$/.test(text)) choose(Number(text) - 1);
    else if (mode === 'help' || mode === 'message') dispatch({ type: 'mode', mode: 'list' });
    else if (mode === 'mfa')
      setCode(store.getSnapshot().mfa?.passphrase ? code.current + text : digitsOnly(code.current + text));
    else if (mode === 'name') dispatch({ type: 'nameType', text });
  };

  useKeymap(currentMode, handle, onText);
}
