// The inline MFA prompt: digits only (six at most), Enter submits, Esc cancels; Enter with fewer digits says
// how many are needed. After a rejected code it says why (in full, wrapped) and asks again. The same prompt
// asks for the encrypted key file's passphrase, masked.
import type { ReactNode } from 'react';
import type { MfaAsk } from '../../picker/store.js';
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
  const attempt = ask.attempt > 1 ? ` (attempt ${ask.attempt})` : '';
  const label = ask.passphrase ? 'passphrase' : 'code';
  const shown = ask.passphrase ? '•'.repeat(code.length) : code;
  const placeholder = ask.passphrase ? 'asked once per session' : `${MFA_DIGITS} digits`;
  const field = shown ? shown : paint(' ', { inverse: true }) + paint(` ${placeholder}`, { color: theme.dim });
  return [
    ...wrapped(
      ask.passphrase
        ? `Passphrase of the encrypted key file${attempt}`
        : `MFA code for ${ask.profile ?? ask.serial}${attempt}`,
      width,
      {
        bold: true,
      },
    ),
    { text: `${label}: ${shown}`, styled: `${label}: ${field}${shown ? paint(' ', { inverse: true }) : ''}` },
    ...(note ? wrapped(note, width, { color: warn }) : []),
    ...(ask.reason ? wrapped(ask.reason, width, { color: warn }) : []),
    ...wrapped(`${ask.passphrase ? 'file' : 'device'} ${ask.serial}`, width),
    ...wrapped('Enter submits · Esc cancels', width),
  ];
}

export function MfaPrompt(props: Props): ReactNode {
  const { theme } = usePicker();
  return <Panel lines={mfaLines(theme, props)} width={props.width} height={props.height} />;
}
