// Python's string rules, as configparser and botocore apply them (str.isspace, strip, splitlines), for the
// INI reader (ini-parse.ts): scanned by index, without regular expressions per line.
// Python's str.splitlines() boundaries, which botocore's _parse_nested splits a nested block on.
// eslint-disable-next-line no-control-regex -- Python's line breaks include the control characters VT, FF, FS-RS
export const PY_LINE_BREAK = /\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]/;

/**
 * Python's str.isspace() characters: what configparser's strip() and \s remove. The parser scans lines with
 * this rather than regular expressions: in a cold process (nothing compiled yet) a scan by index is the
 * cheaper of the two (docs/benchmarks.md).
 */
export function isPySpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13) || c >= 0x1c;
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Index of the first non-space character at or after `from`, or `end`. */
export function skipSpace(text: string, from: number, end: number): number {
  let i = from;
  while (i < end && isPySpace(text.charCodeAt(i))) i++;
  return i;
}

/** Index just past the last non-space character before `end`, or `from`. */
export function trimEnd(text: string, from: number, end: number): number {
  let i = end;
  while (i > from && isPySpace(text.charCodeAt(i - 1))) i--;
  return i;
}

export function pyStrip(text: string): string {
  const start = skipSpace(text, 0, text.length);
  const end = trimEnd(text, start, text.length);
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

export function pyRstrip(text: string): string {
  const end = trimEnd(text, 0, text.length);
  return end === text.length ? text : text.slice(0, end);
}

/** Splits text into lines as Python's universal newlines do (\r\n, \n or \r), dropping a UTF-8 BOM. */
export function splitLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.includes('\r') ? body.split(/\r\n|\n|\r/) : body.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Where the next `ch` is at or after `from`, given where it was found last (`cursor`, which only moves
 * forward: every character is searched once per mark, however long the file, and no search crosses it twice).
 */
export function nextAt(text: string, ch: string, cursor: number, from: number): number {
  return cursor >= from || cursor === -1 ? cursor : text.indexOf(ch, from);
}
