// Bytes to text and back without loss (issue 15, finding 4): any byte sequence survives decode then encode,
// valid UTF-8 decodes as UTF-8, and an INI edit keeps every byte of the lines it does not change.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { upsertSection } from '../../../src/config/ini-edit.js';
import { decodeLossless, encodeLossless } from '../../../src/config/lossless-text.js';

describe('lossless text', () => {
  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(encodeLossless(decodeLossless(bytes)).equals(Buffer.from(bytes))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips byte soup rich in UTF-8 lead and continuation bytes', () => {
    const soup = fc
      .uint8Array({ maxLength: 200 })
      .map((a) =>
        a.map((b) => [0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0xed, 0xa0, 0x80, 0xff, 0x41][b % 14]!),
      );
    fc.assert(
      fc.property(
        soup,
        (bytes) => void expect(encodeLossless(decodeLossless(bytes)).equals(Buffer.from(bytes))).toBe(true),
      ),
      { numRuns: 2000 },
    );
  });

  it('decodes valid UTF-8 as UTF-8 and escapes each invalid byte alone', () => {
    expect(decodeLossless(Buffer.from('café ✓ 😀'))).toBe('café ✓ 😀');
    expect(decodeLossless(Buffer.from('caf\xe9!', 'latin1'))).toBe('caf\udce9!');
    // An encoded surrogate (ED A0 80) is not valid UTF-8: three escaped bytes.
    expect(decodeLossless(Buffer.from([0xed, 0xa0, 0x80]))).toBe('\udced\udca0\udc80');
    expect(encodeLossless('a😀b').equals(Buffer.from('a😀b'))).toBe(true);
  });

  it('an INI edit keeps a latin-1 comment and a CRLF line byte for byte', () => {
    const before = Buffer.from('# caf\xe9\r\n[a]\r\nx = 1\r\n', 'latin1');
    const after = encodeLossless(upsertSection(decodeLossless(before), (s) => s === 'a', 'a', [['y', '2']]));
    expect(after.toString('latin1')).toBe('# caf\xe9\r\n[a]\r\nx = 1\r\ny = 2\r\n');
  });
});
