// The inline MFA prompt: digits only (six at most), Enter submits, Esc cancels; Enter with fewer digits says
// how many are needed. After a rejected code it says why (in full, wrapped) and asks again.
import type { ReactNode } from 'react';
import type { MfaAsk } from '../../services/session-store.js';
import { usePicker } from '../context.js';
import { paint } from '../paint.js';
import type { Theme } from '../theme.js';
import { Panel, wrapped, type PanelLine } from './Panel.js';

export const MFA_DIGITS = 6;

export const digitsOnly = (text: string): string => text.replace(/\D/g, '').slice(0, MFA_DIGITS);

interface Props {
  ask: MfaAsk;
  code: string;
  /** What the last key did not do ("6 digits needed"). */
  note: string;
  width: number;
  height: number;
}

export function mfaLines(theme: Theme, { ask, code, note, width }: Omit<Props, 'height'>): PanelLine[] {
  const warn = theme.tone('warn');
  const field = code ? code : paint(' ', { inverse: true }) + paint(` ${MFA_DIGITS} digits`, { color: theme.dim });
  return [
    ...wrapped(
      `MFA code for ${ask.profile ?? ask.serial}${ask.attempt > 1 ? ` (attempt ${ask.attempt})` : ''}`,
      width,
      { bold: true },
    ),
    { text: `code: ${code}`, styled: `code: ${field}${code ? paint(' ', { inverse: true }) : ''}` },
    ...(note ? wrapped(note, width, { color: warn }) : []),
    ...(ask.reason ? wrapped(ask.reason, width, { color: warn }) : []),
    ...wrapped(`device ${ask.serial}`, width),
    ...wrapped('Enter submits · Esc cancels', width),
  ];
}

export function MfaPrompt(props: Props): ReactNode {
  const { theme } = usePicker();
  return <Panel lines={mfaLines(theme, props)} width={props.width} height={props.height} />;
}
