// Python's int(text) for a config value, as botocore reads duration_seconds: surrounding whitespace, a sign,
// any Unicode decimal digits (Nd), single underscores between digits. Anything else is undefined, which
// botocore drops without a word (`except ValueError: pass`).
import { pyStrip } from './py-text.js';

const PY_INT = /^[+-]?\p{Nd}+(?:_\p{Nd}+)*$/u;
const ND = /\p{Nd}/u;

/** The digit's value: Unicode keeps every decimal digit run in order, 0 to 9, in runs of ten. */
function digitValue(ch: string): number {
  const code = ch.codePointAt(0)!;
  if (code >= 48 && code <= 57) return code - 48;
  let start = code;
  while (ND.test(String.fromCodePoint(start - 1))) start--;
  return (code - start) % 10;
}

/** The common case, plain ASCII digits: no Unicode regular expression to compile in a cold process. */
const ASCII_INT = /^[+-]?[0-9]+$/;

export function pythonInt(text: string): number | undefined {
  const t = pyStrip(text);
  if (ASCII_INT.test(t)) return Number(t);
  if (!PY_INT.test(t)) return undefined;
  let n = 0;
  for (const ch of t) {
    if (ch === '+' || ch === '-' || ch === '_') continue;
    n = n * 10 + digitValue(ch);
  }
  return t.startsWith('-') ? -n : n;
}
