// What each keymap action does in the picker: screen changes go to the reducer, work goes to the service
// layer (which reports through the store). Async work starts here, in the key handler, never in effects.
import { useRef, type Dispatch, type SetStateAction } from 'react';
import type { PickerRow } from '../../services/picker-rows.js';
import type { PickerSnapshot } from '../../services/session-store.js';
import { usePicker, type PickerServices } from '../context.js';
import type { Action, Mode } from '../keys/keymap.js';
import { digitsOnly } from '../components/MfaPrompt.js';
import { erase, type Extent, type ScreenAction, type ScreenMode, type ScreenState } from '../state/screen-reducer.js';
import { useKeymap } from './useKeymap.js';

export type OutcomeKind = 'quit' | 'use' | 'shell';

export interface PickerKeysInput {
  screen: ScreenState;
  dispatch: Dispatch<ScreenAction>;
  row: PickerRow | undefined;
  extent: Extent;
  snapshot: PickerSnapshot;
  actions: PickerServices;
  code: string;
  setCode: Dispatch<SetStateAction<string>>;
  finish: (kind: OutcomeKind, rowId?: string) => void;
}

export function defaultProfileName(row: PickerRow): string {
  const base = row.target.kind === 'profile' ? row.name : `${row.accountName ?? row.target.accountId}-${row.target.roleName}`;
  return `${base}-session`.replace(/[^\w+=,.@:/-]/g, '-');
}

export function usePickerKeys(input: PickerKeysInput): void {
  const { screen, row, extent, snapshot, actions, code, setCode, finish } = input;
  const { store } = usePicker();
  const busy = snapshot.busyRowId !== undefined;
  // The screen mode as of the last key, ahead of React's re-render (see useKeymap).
  const modeRef = useRef<ScreenMode>(screen.mode);
  const rendered = useRef<ScreenMode>(screen.mode);
  if (rendered.current !== screen.mode) rendered.current = modeRef.current = screen.mode;
  const dispatch = (action: ScreenAction): void => {
    if (action.type === 'mode') modeRef.current = action.mode;
    if (action.type === 'type') modeRef.current = 'filter';
    if (action.type === 'clearFilter') modeRef.current = 'list';
    input.dispatch(action);
  };
  const currentMode = (): Mode => (store.getSnapshot().mfa ? 'mfa' : modeRef.current);

  const onRow = (run: (id: string) => unknown): void => {
    if (row) void run(row.id);
  };

  const handle = (action: Action, mode: Mode): void => {
    if (mode === 'help') {
      if (action === 'app.quit' || action === 'app.interrupt') finish('quit');
      else dispatch({ type: 'mode', mode: 'list' });
      return;
    }
    switch (action) {
      case 'nav.up':
        return dispatch({ type: 'move', delta: -1, ...extent });
      case 'nav.down':
        return dispatch({ type: 'move', delta: 1, ...extent });
      case 'nav.pageUp':
        return dispatch({ type: 'page', direction: -1, ...extent });
      case 'nav.pageDown':
        return dispatch({ type: 'page', direction: 1, ...extent });
      case 'nav.top':
        return dispatch({ type: 'top', ...extent });
      case 'nav.bottom':
        return dispatch({ type: 'bottom', ...extent });
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
      case 'row.whoami':
        return onRow((id) => actions.whoami(id));
      case 'row.refresh':
        return onRow((id) => actions.refresh(id));
      case 'row.forget':
        return onRow((id) => actions.forget(id));
      case 'row.write':
        if (!row) return;
        dispatch({ type: 'nameDraft', text: defaultProfileName(row) });
        return dispatch({ type: 'mode', mode: 'name' });
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
        if (mode === 'mfa') return setCode((c) => erase(c, what));
        if (mode === 'name') return dispatch({ type: 'nameErase', what });
        return dispatch({ type: 'erase', what });
      }
      case 'app.help':
        return dispatch({ type: 'mode', mode: 'help' });
      case 'app.escape':
        if (busy) return actions.cancel();
        return dispatch(screen.query ? { type: 'clearFilter' } : { type: 'mode', mode: 'list' });
      case 'app.quit':
        return finish('quit');
      case 'app.interrupt':
        if (busy || mode === 'mfa') return actions.cancel();
        if (mode === 'name') return dispatch({ type: 'mode', mode: 'list' });
        return finish('quit');
      case 'prompt.submit':
        if (mode === 'mfa') {
          if (code.length !== 6) return;
          actions.submitMfa(code);
          return setCode('');
        }
        if (row && screen.nameDraft) void actions.writeProfile(row.id, screen.nameDraft);
        return dispatch({ type: 'mode', mode: 'list' });
      case 'prompt.cancel':
        if (mode === 'mfa') {
          setCode('');
          return actions.cancel();
        }
        return dispatch({ type: 'mode', mode: 'list' });
    }
  };

  const onText = (text: string, mode: Mode): void => {
    if (mode === 'list' || mode === 'filter') dispatch({ type: 'type', text });
    else if (mode === 'help') dispatch({ type: 'mode', mode: 'list' });
    else if (mode === 'mfa') setCode((c) => digitsOnly(c + text));
    else if (mode === 'name') dispatch({ type: 'nameType', text });
  };

  useKeymap(currentMode, handle, onText);
}
