// Colours and the countdown's urgency. With NO_COLOR set, colours go and bold/underline/inverse stay, so
// the selection, matches and urgency still read (urgency also in the text: '!' under 5 minutes).
import { formatRemaining } from '../credentials/export-format.js';
import type { Tone } from '../picker/store.js';

export interface Theme {
  color: boolean;
  /** How many times faster than real time sessions run: 12 in `awsx demo`, whose hour lasts 5 minutes. */
  clockFactor: number;
  tone(t: Tone): string | undefined;
  accent?: string;
  dim?: string;
  match?: string;
}

/** Set by `awsx demo` (with AWSX_DEMO=1): its emulators' clock factor, so countdowns colour by the demo's hour. */
export const DEMO_CLOCK_FACTOR_VAR = 'AWSX_DEMO_CLOCK_FACTOR';

export function makeTheme(env: Record<string, string | undefined>): Theme {
  const color = !env.NO_COLOR;
  const tones: Record<Tone, string> = { info: 'cyan', ok: 'green', warn: 'yellow', error: 'red' };
  const factor = env.AWSX_DEMO === '1' ? Number(env[DEMO_CLOCK_FACTOR_VAR]) : 1;
  return {
    color,
    clockFactor: Number.isFinite(factor) && factor >= 1 ? factor : 1,
    tone: (t) => (color ? tones[t] : undefined),
    ...(color ? { accent: 'cyan', dim: 'gray', match: 'yellow' } : {}),
  };
}

export const SOON_MS = 15 * 60_000;
export const URGENT_MS = 5 * 60_000;

export type Urgency = 'plenty' | 'soon' | 'urgent' | 'expired';

/** Urgency of a countdown; `clockFactor` scales the thresholds (the demo's 15 minutes are 75 seconds). */
export function urgency(remainingMs: number, clockFactor = 1): Urgency {
  if (remainingMs <= 0) return 'expired';
  if (remainingMs < URGENT_MS / clockFactor) return 'urgent';
  if (remainingMs < SOON_MS / clockFactor) return 'soon';
  return 'plenty';
}

const URGENCY_COLOR: Record<Urgency, string> = { plenty: 'green', soon: 'yellow', urgent: 'red', expired: 'gray' };

/** `42:17`, `3h12m`, `!4:59` (under 5 minutes) or `expired`, and its colour. */
export function countdown(theme: Theme, remainingMs: number): { text: string; color?: string } {
  const u = urgency(remainingMs, theme.clockFactor);
  const text = u === 'urgent' ? `!${formatRemaining(remainingMs)}` : formatRemaining(remainingMs);
  return theme.color ? { text, color: URGENCY_COLOR[u] } : { text };
}
