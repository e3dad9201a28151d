// Colours and the countdown's urgency. With NO_COLOR set, colours go and bold/underline/inverse stay, so
// the selection, matches and urgency still read (urgency also in the text: '!' under 5 minutes).
import { formatRemaining } from '../services/export-format.js';
import type { Tone } from '../services/session-store.js';

export interface Theme {
  color: boolean;
  tone(t: Tone): string | undefined;
  accent?: string;
  dim?: string;
  match?: string;
}

export function makeTheme(env: Record<string, string | undefined>): Theme {
  const color = !env.NO_COLOR;
  const tones: Record<Tone, string> = { info: 'cyan', ok: 'green', warn: 'yellow', error: 'red' };
  return {
    color,
    tone: (t) => (color ? tones[t] : undefined),
    ...(color ? { accent: 'cyan', dim: 'gray', match: 'yellow' } : {}),
  };
}

export const SOON_MS = 15 * 60_000;
export const URGENT_MS = 5 * 60_000;

export type Urgency = 'plenty' | 'soon' | 'urgent' | 'expired';

export function urgency(remainingMs: number): Urgency {
  if (remainingMs <= 0) return 'expired';
  if (remainingMs < URGENT_MS) return 'urgent';
  if (remainingMs < SOON_MS) return 'soon';
  return 'plenty';
}

const URGENCY_COLOR: Record<Urgency, string> = { plenty: 'green', soon: 'yellow', urgent: 'red', expired: 'gray' };

/** `42:17`, `3h12m`, `!4:59` (under 5 minutes) or `expired`, and its colour. */
export function countdown(theme: Theme, remainingMs: number): { text: string; color?: string } {
  const u = urgency(remainingMs);
  const text = u === 'urgent' ? `!${formatRemaining(remainingMs)}` : formatRemaining(remainingMs);
  return theme.color ? { text, color: URGENCY_COLOR[u] } : { text };
}
