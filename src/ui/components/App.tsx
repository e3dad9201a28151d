// The picker's container: reads the store, the clock and the terminal size, keeps the screen state in a
// reducer, derives the filtered rows, and hands everything to the pure PickerView.
import { useApp } from 'ink';
import { useMemo, useReducer, useState, type ReactNode } from 'react';
import { filterRows } from '../../picker/filter.js';
import { usePicker } from '../context.js';
import { usePickerKeys, type OutcomeKind } from '../hooks/usePickerKeys.js';
import { useSessionSnapshot } from '../hooks/useSessionSnapshot.js';
import { useTerminalSize, type Size } from '../hooks/useTerminalSize.js';
import type { Mode } from '../keys/binding.js';
import { naturalWidth } from '../state/columns.js';
import { layoutFor } from '../state/layout.js';
import { pickerMode } from '../state/mode.js';
import { clampView, followRow, INITIAL_SCREEN, screenReducer, type ScreenState } from '../state/screen-reducer.js';
import { helpLines } from './HelpScreen.js';
import { messageLines } from './MessageScreen.js';
import { PickerView } from './PickerView.js';
import { scrollMax } from './ScrollView.js';

export interface PickerOutcome {
  kind: OutcomeKind;
  rowId?: string;
  /** Screen state to come back to (after a subshell). */
  screen: ScreenState;
}

export interface AppProps {
  onExit: (outcome: PickerOutcome) => void;
  /** A fixed terminal size (tests); default: the real terminal's, following resizes. */
  size?: Size;
  initialScreen?: ScreenState;
}

export function App({ onExit, size: fixedSize, initialScreen }: AppProps): ReactNode {
  const { actions, theme } = usePicker();
  const { exit } = useApp();
  const snapshot = useSessionSnapshot();
  const size = useTerminalSize(fixedSize);
  // What the list needs to show its rows whole: measured when the rows change, not per keystroke.
  const listNeed = useMemo(() => naturalWidth(snapshot.rows), [snapshot.rows]);
  const layout = useMemo(() => layoutFor(size.columns, size.rows, listNeed), [size.columns, size.rows, listNeed]);
  const [screen, dispatch] = useReducer(screenReducer, initialScreen ?? INITIAL_SCREEN);
  const [code, setCode] = useState('');
  const filtered = useMemo(() => filterRows(snapshot.rows, screen.query), [snapshot.rows, screen.query]);
  // Rows streamed in (or gone) under an unchanged filter: keep the cursor on its row (React's
  // "adjust state when a prop changes" pattern: no effect, no frame with the cursor elsewhere).
  const [seen, setSeen] = useState({ rows: snapshot.rows, shown: filtered.rows, query: screen.query });
  if (seen.shown !== filtered.rows) {
    const moved =
      seen.rows !== snapshot.rows && seen.query === screen.query
        ? followRow(screen, seen.shown, filtered.rows, layout.viewRows)
        : undefined;
    setSeen({ rows: snapshot.rows, shown: filtered.rows, query: screen.query });
    if (moved) dispatch({ type: 'follow', ...moved });
  }
  const extent = { count: filtered.rows.length, viewRows: layout.viewRows };
  const view = clampView(screen, extent);
  const row = filtered.rows[view.cursor];
  const mode: Mode = pickerMode(snapshot, screen.mode);

  const finish = (kind: OutcomeKind, rowId?: string): void => {
    onExit({ kind, ...(rowId ? { rowId } : {}), screen: { ...screen, ...view, mode: 'list' } });
    exit();
  };

  // How far help and the full message scroll at this size (their lines depend on the width).
  const scrollExtent = (m: Mode): { max: number; page: number } => {
    const lines = m === 'message' ? messageLines(snapshot, row, layout.width, theme) : helpLines(layout.width);
    return { max: scrollMax(lines.length, layout.bodyHeight), page: layout.bodyHeight - 1 };
  };
  usePickerKeys({ screen, dispatch, viewRows: layout.viewRows, scrollExtent, actions, code, setCode, finish });

  return (
    <PickerView
      layout={layout}
      mode={mode}
      screen={{ ...screen, ...view }}
      snapshot={snapshot}
      filtered={filtered}
      row={row}
      code={code}
      setup={actions.shellSetup()}
    />
  );
}
