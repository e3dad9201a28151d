// Bytes to text and back without losing one, as Python's "surrogateescape": valid UTF-8 decodes as usual,
// and each byte that is not part of a valid UTF-8 sequence (a latin-1 "é" in a comment) becomes one of the
// lone surrogates U+DC80..U+DCFF, which encoding turns back into that byte. Lines awsx does not change are
// written back byte for byte, whatever their encoding.
import { isUtf8 } from 'node:buffer';

/** Length of the valid UTF-8 sequence starting at `i`, or 0 when the byte there starts none (Unicode table 3-7). */
function sequenceLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => i + k < b.length && b[i + k]! >= lo && b[i + k]! <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const lo = c === 0xe0 ? 0xa0 : 0x80;
    const hi = c === 0xed ? 0x9f : 0xbf;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const lo = c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xf4 ? 0x8f : 0xbf;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

export function decodeLossless(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isUtf8(buf)) return buf.toString('utf8');
  const parts: string[] = [];
  let start = 0;
  let i = 0;
  while (i < buf.length) {
    const n = sequenceLength(buf, i);
    if (n > 0) {
      i += n;
      continue;
    }
    if (start < i) parts.push(buf.toString('utf8', start, i));
    parts.push(String.fromCharCode(0xdc00 + buf[i]!));
    i += 1;
    start = i;
  }
  if (start < buf.length) parts.push(buf.toString('utf8', start));
  return parts.join('');
}

/** A lone low surrogate U+DC80..U+DCFF: an escaped byte (one after a high surrogate is half of a real character). */
const ESCAPED_BYTE = /(?<![\ud800-\udbff])[\udc80-\udcff]/g;

export function encodeLossless(text: string): Buffer {
  if (!ESCAPED_BYTE.test(text)) return Buffer.from(text, 'utf8');
  ESCAPED_BYTE.lastIndex = 0;
  const parts: Buffer[] = [];
  let last = 0;
  for (const m of text.matchAll(ESCAPED_BYTE)) {
    if (m.index > last) parts.push(Buffer.from(text.slice(last, m.index), 'utf8'));
    parts.push(Buffer.of(m[0].charCodeAt(0) - 0xdc00));
    last = m.index + 1;
  }
  if (last < text.length) parts.push(Buffer.from(text.slice(last), 'utf8'));
  return Buffer.concat(parts);
}
