// Everything about the selected row: chain, account, role ARN, region, MFA device, whether an external id
// is set (never its value), the session's expiry, what keeps it fresh and when it was last renewed, the
// last error and warnings.
import { Box, Text } from 'ink';
import { memo, type ReactNode } from 'react';
import { isoSeconds } from '../../credentials/export-format.js';
import { isKeptFresh, keptFreshText } from '../../picker/kept-fresh.js';
import type { PickerRow } from '../../picker/rows.js';
import type { KeyAge } from '../../profiles/profile-row.js';
import { rowExpiry, type RowState } from '../../picker/store.js';
import { usePicker } from '../context.js';
import { useNow } from '../hooks/useNow.js';
import { useSessionSnapshot } from '../hooks/useSessionSnapshot.js';
import { endWith, wrapText } from '../text-wrap.js';
import { countdown } from '../theme.js';

interface Props {
  row: PickerRow | undefined;
  state: RowState | undefined;
  width: number;
  height: number;
}

/** Lines that wrap instead of losing their middle. */
const WRAPPED = new Set(['error', 'warning', 'note', 'chain', 'fresh', 'key']);
const LABEL = 9;

/** The expiry as the time of day (UTC) when it is within a day, else the full date and time. */
function until(expiry: number, now: number): string {
  const iso = isoSeconds(new Date(expiry));
  return Math.abs(expiry - now) < 86_400_000 ? iso.slice(11) : iso;
}

/** A keyring profile's key: never the secret, only its masked id, where it is kept and its age. */
function keyLine(name: string, age: KeyAge, warn: string | undefined): [string, string, string?] {
  const where = age.backend === 'file' ? 'encrypted key file' : 'keyring';
  const text = `${age.keyId} in the ${where}, ${age.days} day${age.days === 1 ? '' : 's'} old`;
  return age.old ? ['key', `${text}: rotate it (awsx keys rotate ${name})`, warn] : ['key', text];
}

/** Memoised: typing re-renders the list, and the pane only when the selected row changes. */
export const DetailPane = memo(function DetailPane({ row, state, width, height }: Props): ReactNode {
  const { theme } = usePicker();
  const snapshot = useSessionSnapshot();
  // The time matters only for a session's countdown and the fresh line.
  const now = useNow(row !== undefined && (rowExpiry(row, state) !== undefined || isKeptFresh(row, state, snapshot)));
  const border = theme.dim ? { borderColor: theme.dim } : {};
  if (!row) {
    return (
      <Box borderStyle="round" {...border} width={width} height={height} paddingX={1}>
        <Text>no row selected</Text>
      </Box>
    );
  }
  const expiry = rowExpiry(row, state);
  const fresh = keptFreshText(row, state, snapshot, now);
  const left = expiry !== undefined ? countdown(theme, expiry - now) : undefined;
  const error = row.error ?? (state?.status === 'error' ? state.error : undefined);
  // Most useful first: a short pane (under the list on narrow terminals) shows the top lines.
  const lines: Array<[string, string, string?]> = [
    ...(error ? [['error', error, theme.tone('error')] as [string, string, string?]] : []),
    ...(state?.note ? [['note', state.note, theme.tone('warn')] as [string, string, string?]] : []),
    ['chain', row.chain.join(' -> ')],
    [
      'session',
      sessionText(row, state, left && expiry !== undefined ? `${left.text} (until ${until(expiry, now)})` : ''),
    ],
    ...(fresh ? [['fresh', fresh] as [string, string]] : []),
    ['account', [row.accountId, row.accountName].filter(Boolean).join('  ') || '-'],
    ['role', row.roleArn ?? row.roleName ?? '-'],
    ['region', row.region ?? '-'],
    ['MFA', row.mfaSerial ?? (row.needsMfa ? 'yes' : 'no')],
    ...(row.keyAge ? [keyLine(row.name, row.keyAge, theme.tone('warn'))] : []),
    ['ext. id', row.hasExternalId ? 'set' : 'none'],
  ];
  if (row.ssoSession) lines.push(['SSO', row.ssoSession]);
  if (state?.arn) lines.push(['ARN', state.arn]);
  for (const w of row.warnings) lines.push(['warning', w, theme.tone('warn')]);
  const inner = Math.max(10, width - 4);
  let room = Math.max(1, height - 3);
  const shown: Array<{ label: string; text: string; color?: string | undefined }> = [];
  for (const [label, value, color] of lines) {
    if (room <= 0) break;
    const wrapped = WRAPPED.has(label) ? wrapText(value, inner - LABEL) : [truncateMiddle(value, inner - LABEL)];
    // Most useful first: each line takes what it needs while there is room; one cut short ends in '…' (an error
    // or a note in '… (!)': `!` shows them whole).
    const take = Math.min(wrapped.length, room);
    const cut = take < wrapped.length;
    const mark = label === 'error' || label === 'note' ? ' … (!)' : ' …';
    wrapped.slice(0, take).forEach((text, i) => {
      const last = cut && i === take - 1;
      shown.push({ label: i === 0 ? label : '', text: last ? endWith(text, inner - LABEL, mark) : text, color });
    });
    room -= take;
  }
  return (
    <Box
      borderStyle="round"
      {...border}
      flexDirection="column"
      width={width}
      height={height}
      paddingX={1}
      overflow="hidden"
    >
      <Text bold wrap="truncate">
        {row.name} <Text {...(theme.dim ? { color: theme.dim } : {})}>{row.kind}</Text>
      </Text>
      {shown.map(({ label, text, color }, i) => (
        <Text key={i} wrap="truncate">
          {label.padEnd(LABEL)}
          <Text {...(color ? { color } : {})}>{text}</Text>
        </Text>
      ))}
    </Box>
  );
});

/** The row's session: its countdown, else what it holds (long-term keys, nothing cached). */
function sessionText(row: PickerRow, state: RowState | undefined, countdownText: string): string {
  if (countdownText) return countdownText;
  if (state?.status === 'working') return 'working…';
  if (row.badge === 'static') return 'long-term keys (no expiry)';
  if (row.badge === 'session') return 'keys with a session token (expiry unknown)';
  return 'none cached';
}

/** `text` cut in the middle to `width` (an ARN keeps its start and its end). */
function truncateMiddle(text: string, width: number): string {
  if (text.length <= width) return text;
  const head = Math.ceil((width - 1) / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (width - 1 - head))}`;
}
