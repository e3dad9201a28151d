// The IAM Identity Center sign-in, inline: the device code and where to confirm it (or the URL the browser
// was sent to, for the PKCE flow), a spinner while the approval is awaited, Esc cancels. It shows what the
// user has to see and no token.
import type { ReactNode } from 'react';
import type { SsoLoginPanel as SsoLogin } from '../../picker/store.js';
import { usePicker } from '../context.js';
import { useNow } from '../hooks/useNow.js';
import { paint } from '../paint.js';
import { wrapText } from '../text-wrap.js';
import { countdown, type Theme } from '../theme.js';
import { innerWidth, Panel, wrapped, type PanelLine } from './Panel.js';

const LABEL = 7;

export const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

interface Props {
  login: SsoLogin;
  width: number;
  height: number;
}

/** A labelled value (a URL the user may have to type: wrapped, never cut), the value's lines under itself. */
function labelled(label: string, value: string, width: number, styled?: (text: string) => string): PanelLine[] {
  return wrapText(value, innerWidth(width) - LABEL).map((text, i) => {
    const head = (i === 0 ? label : '').padEnd(LABEL);
    return { text: `${head}${text}`, ...(styled ? { styled: `${head}${styled(text)}` } : {}) };
  });
}

export function ssoLoginLines(theme: Theme, login: SsoLogin, width: number, now: number): PanelLine[] {
  const spinner = SPINNER[Math.floor(now / 1000) % SPINNER.length]!;
  const left = login.expiresAt !== undefined ? countdown(theme, login.expiresAt - now) : undefined;
  const waiting =
    login.phase === 'starting'
      ? 'starting the sign-in…'
      : login.flow === 'device'
        ? `waiting for approval${left ? ` (${left.text} left)` : ''}`
        : 'waiting for the sign-in in the browser';
  const where = login.opened ? 'the browser was opened' : login.url ? 'open the URL in a browser' : '';
  return [
    ...wrapped(`Sign in to IAM Identity Center: ${login.session}`, width, { bold: true }),
    ...(login.flow === 'device' && login.userCode
      ? [
          ...labelled('code', ` ${login.userCode} `, width, (t) => paint(t, { bold: true, inverse: true })),
          ...labelled('at', login.verificationUri ?? '', width),
        ]
      : labelled('URL', login.url ?? login.startUrl, width)),
    ...wrapped(`${spinner} ${waiting}`, width).map((l, i) =>
      i === 0 ? { ...l, styled: paint(spinner, { color: theme.accent }) + l.text.slice(spinner.length) } : l,
    ),
    ...wrapped(`${where ? `${where} · ` : ''}Esc cancels`, width, { color: theme.dim }),
  ];
}

export function SsoLoginPanel({ login, width, height }: Props): ReactNode {
  const { theme } = usePicker();
  const now = useNow();
  return <Panel lines={ssoLoginLines(theme, login, width, now)} width={width} height={height} />;
}
