// The picker's screen, pure: top bar, status strip, list (or help, or the full message), detail pane (or
// a prompt), status line and key hints. Beside the list on wide terminals, under it on narrow ones; on a
// short terminal the pane is left out until a prompt needs it, and a prompt then takes the room it needs
// (the whole body if it must). Every part is drawn in the lines it was given, never more.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { PickerRow } from '../../picker/rows.js';
import type { FilterResult } from '../../picker/filter.js';
import type { PickerSnapshot } from '../../picker/store.js';
import type { ShellSetup } from '../../shell/setup.js';
import { usePicker } from '../context.js';
import type { Mode } from '../keys/binding.js';
import { fits, MIN_COLUMNS, MIN_ROWS, type Layout } from '../state/layout.js';
import { clampView, type ScreenState } from '../state/screen-reducer.js';
import { DetailPane } from './DetailPane.js';
import { HelpScreen } from './HelpScreen.js';
import { KeyHints } from './KeyHints.js';
import { MessageScreen } from './MessageScreen.js';
import { MfaPrompt, mfaLines } from './MfaPrompt.js';
import { NamePrompt, nameLines } from './NamePrompt.js';
import { panelHeight } from './Panel.js';
import { ProfileList } from './ProfileList.js';
import { SessionChooser } from './SessionChooser.js';
import { SetupPanel, setupLines } from './SetupPanel.js';
import { SsoLoginPanel, ssoLoginLines } from './SsoLoginPanel.js';
import { StatusLine } from './StatusLine.js';
import { StatusStrip } from './StatusStrip.js';
import { TopBar } from './TopBar.js';

export interface PickerViewProps {
  layout: Layout;
  mode: Mode;
  screen: ScreenState;
  snapshot: PickerSnapshot;
  filtered: FilterResult;
  row: PickerRow | undefined;
  code: string;
  /** Enter without the shell integration: what to set up (the 'setup' panel). */
  setup?: ShellSetup | undefined;
}

export function PickerView(p: PickerViewProps): ReactNode {
  const { theme } = usePicker();
  const { layout, snapshot: s, mode } = p;
  const { columns, rows } = layout.terminal;
  if (!fits(layout)) {
    return (
      <Box flexDirection="column" width={Math.max(1, columns)}>
        <Text wrap="wrap">
          {`awsx: the terminal is ${columns}x${rows}; the picker needs at least ${MIN_COLUMNS}x${MIN_ROWS}. ` +
            'Enlarge it, or press q to quit.'}
        </Text>
      </Box>
    );
  }
  const panelWidth = layout.side ? layout.detailWidth : layout.width;
  // A prompt's lines, and how many it needs (its border included), when one is open.
  const prompt =
    s.mfa !== undefined
      ? {
          need: panelHeight(
            mfaLines(theme, { ask: s.mfa, code: p.code, note: p.screen.promptNote, width: panelWidth }),
          ),
        }
      : s.ssoLogin !== undefined
        ? { need: panelHeight(ssoLoginLines(theme, s.ssoLogin, panelWidth, 0)) }
        : mode === 'choose'
          ? { need: p.screen.choices.length + 4 }
          : mode === 'name' && p.row
            ? { need: panelHeight(nameLines({ rowName: p.row.name, name: p.screen.nameDraft, width: panelWidth })) }
            : mode === 'setup' && p.row && p.setup
              ? { need: panelHeight(setupLines(theme, { setup: p.setup, rowName: p.row.name, width: panelWidth })) }
              : undefined;
  // Under the list, a prompt grows into the list's room; when the list would keep less than its header and a
  // row, the prompt takes the whole body.
  let panelRows = layout.side ? layout.bodyHeight : layout.detailHeight;
  let listRows = layout.side ? layout.bodyHeight : layout.viewRows + 1;
  if (!layout.side && prompt && prompt.need > panelRows) {
    panelRows = Math.min(layout.bodyHeight, prompt.need);
    listRows = layout.bodyHeight - panelRows;
    if (listRows < 2) [panelRows, listRows] = [layout.bodyHeight, 0];
  }
  const panel =
    panelRows <= 0 ? null : s.mfa !== undefined ? (
      <MfaPrompt ask={s.mfa} code={p.code} note={p.screen.promptNote} width={panelWidth} height={panelRows} />
    ) : s.ssoLogin !== undefined ? (
      <SsoLoginPanel login={s.ssoLogin} width={panelWidth} height={panelRows} />
    ) : mode === 'choose' ? (
      <SessionChooser
        choices={p.screen.choices}
        choice={p.screen.choice}
        sessions={s.ssoSessions}
        tokens={s.ssoTokens}
        width={panelWidth}
        height={panelRows}
      />
    ) : mode === 'name' && p.row ? (
      <NamePrompt rowName={p.row.name} name={p.screen.nameDraft} width={panelWidth} height={panelRows} />
    ) : mode === 'setup' && p.row && p.setup ? (
      <SetupPanel setup={p.setup} rowName={p.row.name} width={panelWidth} height={panelRows} />
    ) : (
      <DetailPane row={p.row} state={p.row ? s.rowState[p.row.id] : undefined} width={panelWidth} height={panelRows} />
    );
  // The window the list shows: the cursor stays in it when a prompt took some of its rows.
  const view = clampView(p.screen, { count: p.filtered.rows.length, viewRows: listRows - 1 });
  const list =
    listRows <= 0 ? null : (
      <ProfileList
        rows={p.filtered.rows}
        rowState={s.rowState}
        terms={p.filtered.terms}
        cursor={view.cursor}
        windowStart={view.windowStart}
        viewRows={listRows - 1}
        width={layout.listWidth}
        query={p.screen.query}
        total={s.rows.length}
      />
    );
  const body =
    mode === 'help' ? (
      <HelpScreen width={layout.width} height={layout.bodyHeight} scroll={p.screen.scroll} />
    ) : mode === 'message' ? (
      <MessageScreen
        snapshot={s}
        row={p.row}
        width={layout.width}
        height={layout.bodyHeight}
        scroll={p.screen.scroll}
      />
    ) : layout.side ? (
      <Box height={layout.bodyHeight}>
        {list}
        <Box width={1} />
        {panel}
      </Box>
    ) : (
      <Box flexDirection="column" height={layout.bodyHeight}>
        {list}
        {panel}
      </Box>
    );
  return (
    <Box flexDirection="column" width={layout.width} height={layout.height}>
      <TopBar
        query={p.screen.query}
        focused={mode === 'filter'}
        matched={p.filtered.rows.length}
        total={s.rows.length}
        mode={p.filtered.mode}
        width={layout.width}
      />
      <StatusStrip
        rows={s.rows}
        rowState={s.rowState}
        mfa={s.mfaSessions}
        sso={s.ssoTokens}
        autoRefresh={s.autoRefresh}
        keptFresh={s.keptFresh}
        ssoSessions={s.ssoSessions}
        width={layout.width}
      />
      {body}
      <StatusLine progress={s.progress} status={s.status} width={layout.width} />
      <KeyHints mode={mode} width={layout.width} />
    </Box>
  );
}
