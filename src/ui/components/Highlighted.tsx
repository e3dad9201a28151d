// Text cut to a width (with '…'), its matched characters highlighted: a styled string for a row's one
// line of text (see paint.ts).
import type { Theme } from '../theme.js';
import { paint, type Paint } from '../paint.js';

export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length <= width ? text.padEnd(width) : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** `text` fitted to `width`, in `base` style, its characters at `positions` underlined and bold in the match colour. */
export function highlighted(
  theme: Theme,
  text: string,
  width: number,
  positions: readonly number[] | undefined,
  base: Paint = {},
): string {
  const shown = fit(text, width);
  if (!positions || positions.length === 0) return paint(shown, base);
  const hits = new Set(positions.filter((p) => p < shown.length && (shown.length === text.length || p < width - 1)));
  const hit: Paint = { underline: true, bold: true, color: theme.match };
  let out = '';
  let from = 0;
  let inHit = false;
  for (let i = 0; i <= shown.length; i++) {
    const now = i < shown.length && hits.has(i);
    if (i < shown.length && now === inHit) continue;
    if (i > from) out += paint(shown.slice(from, i), inHit ? hit : base);
    from = i;
    inHit = now;
  }
  return out;
}
