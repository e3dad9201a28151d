// What each keymap action does in the picker: screen changes go to the reducer, work goes to the service
// layer (which reports through the store). Async work starts here, in the key handler, never in effects.
// Keys can arrive faster than React re-renders (fast typing, "hop1\r" in one chunk), so the handler works
// on a live copy of the screen state (the same pure reducer, applied at once) and picks the row then.
import { useRef, type Dispatch, type SetStateAction } from 'react';
import type { PickerRow } from '../../services/picker-rows.js';
import { filterRows } from '../../services/row-filter.js';
import { usePicker, type PickerServices } from '../context.js';
import { digitsOnly } from '../components/MfaPrompt.js';
import type { Action, Mode } from '../keys/keymap.js';
import { pickerMode } from '../state/mode.js';
import { clampView, erase, screenReducer, type ScreenAction, type ScreenState } from '../state/screen-reducer.js';
import { useKeymap } from './useKeymap.js';

export type OutcomeKind = 'quit' | 'interrupt' | 'use' | 'shell';

export interface PickerKeysInput {
  /** The reducer state as rendered. */
  screen: ScreenState;
  dispatch: Dispatch<ScreenAction>;
  viewRows: number;
  actions: PickerServices;
  code: string;
  setCode: Dispatch<SetStateAction<string>>;
  finish: (kind: OutcomeKind, rowId?: string) => void;
}

export function defaultProfileName(row: PickerRow): string {
  const base = row.target.kind === 'profile' ? row.name : `${row.accountName ?? row.target.accountId}-${row.target.roleName}`;
  return `${base}-session`.replace(/[^\w+=,.@:/-]/g, '-');
}

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
  };
  const extent = (): { count: number; viewRows: number } => ({ count: filterRows(store.getSnapshot().rows, screen.current.query).rows.length, viewRows });
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

  const handle = (action: Action, mode: Mode): void => {
    if (mode === 'help') {
      if (action === 'app.quit' || action === 'app.interrupt') finish(action === 'app.quit' ? 'quit' : 'interrupt');
      else dispatch({ type: 'mode', mode: 'list' });
      return;
    }
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
        return onRow(async (id) => (await actions.use(id)) && finish('use', id));
      case 'row.shell':
        return onRow(async (id) => (await actions.ensureSession(id)) && finish('shell', id));
      case 'row.copy':
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
      case 'app.escape':
        if (busy()) return actions.cancel();
        return dispatch(screen.current.query ? { type: 'clearFilter' } : { type: 'mode', mode: 'list' });
      case 'app.quit':
        return finish('quit');
      case 'app.interrupt':
        if (busy() || mode === 'mfa' || mode === 'login') return actions.cancel();
        if (mode === 'name' || mode === 'choose' || mode === 'browser') return dispatch({ type: 'mode', mode: 'list' });
        return finish('interrupt');
      case 'prompt.submit':
        if (mode === 'mfa') {
          if (code.current.length !== 6) return;
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

  /** The chooser's pick: back to the list, and sign in to that session. */
  const choose = (index: number): void => {
    const name = screen.current.choices[index];
    dispatch({ type: 'mode', mode: 'list' });
    if (name) actions.loginSession(name);
  };

  const onText = (text: string, mode: Mode): void => {
    if (mode === 'list' || mode === 'filter') dispatch({ type: 'type', text });
    else if (mode === 'choose' && /^[1-9]$/.test(text)) choose(Number(text) - 1);
    else if (mode === 'help') dispatch({ type: 'mode', mode: 'list' });
    else if (mode === 'mfa') setCode(digitsOnly(code.current + text));
    else if (mode === 'name') dispatch({ type: 'nameType', text });
  };

  useKeymap(currentMode, handle, onText);
}
