// The picker's screen, pure: top bar, status strip, list (or help), detail pane (or a prompt), status line
// and key hints. Beside the list on wide terminals, under it on narrow ones.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { PickerRow } from '../../services/picker-rows.js';
import type { FilterResult } from '../../services/row-filter.js';
import type { PickerSnapshot } from '../../services/session-store.js';
import type { Mode } from '../keys/keymap.js';
import type { Layout } from '../state/layout.js';
import type { ScreenState } from '../state/screen-reducer.js';
import { DetailPane } from './DetailPane.js';
import { HelpScreen } from './HelpScreen.js';
import { KeyHints } from './KeyHints.js';
import { MfaPrompt } from './MfaPrompt.js';
import { NamePrompt } from './NamePrompt.js';
import { ProfileList } from './ProfileList.js';
import { SessionChooser } from './SessionChooser.js';
import { SsoLoginPanel } from './SsoLoginPanel.js';
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
}

/** Below this the picker cannot show a row and its keys legibly; it says so until the terminal grows. */
export const MIN_COLUMNS = 40;
export const MIN_ROWS = 10;

export function PickerView(p: PickerViewProps): ReactNode {
  const { layout, snapshot: s, mode } = p;
  const { columns, rows } = layout.terminal;
  if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
    return (
      <Box flexDirection="column" width={Math.max(1, columns)}>
        <Text wrap="wrap">{`awsx: the terminal is ${columns}x${rows}; the picker needs at least ${MIN_COLUMNS}x${MIN_ROWS}. Enlarge it, or press q to quit.`}</Text>
      </Box>
    );
  }
  const width = layout.side ? layout.detailWidth : layout.width;
  const panel =
    s.mfa !== undefined ? (
      <MfaPrompt ask={s.mfa} code={p.code} width={width} height={layout.detailHeight} />
    ) : s.ssoLogin !== undefined ? (
      <SsoLoginPanel login={s.ssoLogin} width={width} height={layout.detailHeight} />
    ) : mode === 'choose' ? (
      <SessionChooser choices={p.screen.choices} choice={p.screen.choice} sessions={s.ssoSessions} tokens={s.ssoTokens} width={width} height={layout.detailHeight} />
    ) : mode === 'name' && p.row ? (
      <NamePrompt rowName={p.row.name} name={p.screen.nameDraft} width={width} height={layout.detailHeight} />
    ) : (
      <DetailPane row={p.row} state={p.row ? s.rowState[p.row.id] : undefined} width={width} height={layout.detailHeight} />
    );
  const list = (
    <ProfileList
      rows={p.filtered.rows}
      rowState={s.rowState}
      terms={p.filtered.terms}
      cursor={p.screen.cursor}
      windowStart={p.screen.windowStart}
      viewRows={layout.viewRows}
      columns={layout.columns}
      width={layout.listWidth}
      query={p.screen.query}
      total={s.rows.length}
    />
  );
  const body =
    mode === 'help' ? (
      <HelpScreen width={layout.width} height={layout.height - 4} />
    ) : layout.side ? (
      <Box>
        {list}
        <Box width={1} />
        {panel}
      </Box>
    ) : (
      <Box flexDirection="column">
        {list}
        {panel}
      </Box>
    );
  return (
    <Box flexDirection="column" width={layout.width} height={layout.height}>
      <TopBar query={p.screen.query} focused={mode === 'filter'} matched={p.filtered.rows.length} total={s.rows.length} mode={p.filtered.mode} />
      <StatusStrip rows={s.rows} rowState={s.rowState} mfa={s.mfaSessions} sso={s.ssoTokens} autoRefresh={s.autoRefresh} ssoSessions={s.ssoSessions} />
      {body}
      <StatusLine progress={s.progress} status={s.status} />
      <KeyHints mode={mode} width={layout.width} />
    </Box>
  );
}
