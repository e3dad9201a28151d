// The screenshot PNG decoder against images written here with every row filter of the PNG specification
// (section 9.2), and the files it must refuse rather than misread.
import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePng } from './png.js';

const chunk = (type: string, body: Buffer): Buffer => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
};

/** A PNG of `rows` (bpp bytes a pixel), row y filtered with filters[y % filters.length]. */
function encode(
  rows: number[][],
  bpp: number,
  filters: number[],
  ihdr: Partial<Record<'depth' | 'colour' | 'interlace', number>> = {},
): Buffer {
  const width = rows[0]!.length / bpp;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(rows.length, 4);
  header.set([ihdr.depth ?? 8, ihdr.colour ?? (bpp === 4 ? 6 : 2), 0, 0, ihdr.interlace ?? 0], 8);
  const filtered = rows.flatMap((row, y) => {
    const type = filters[y % filters.length]!;
    const up = (i: number) => (y > 0 ? rows[y - 1]![i]! : 0);
    const left = (i: number) => (i >= bpp ? row[i - bpp]! : 0);
    const paeth = (i: number) => {
      const [a, b, c] = [left(i), up(i), i >= bpp && y > 0 ? rows[y - 1]![i - bpp]! : 0];
      const [pa, pb, pc] = [Math.abs(b - c), Math.abs(a - c), Math.abs(a + b - 2 * c)];
      return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    };
    const pred = [() => 0, left, up, (i: number) => (left(i) + up(i)) >> 1, paeth][type] ?? (() => 0);
    return [type, ...row.map((v, i) => (v - pred(i) + 256) & 0xff)];
  });
  const data = deflateSync(Buffer.from(filtered));
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // The image data split over two IDAT chunks, as encoders may do.
  const half = data.length >> 1;
  return Buffer.concat([
    sig,
    chunk('IHDR', header),
    chunk('tEXt', Buffer.from('Software\0test')),
    chunk('IDAT', data.subarray(0, half)),
    chunk('IDAT', data.subarray(half)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Pseudo-random bytes with a fixed seed, so every filter meets values that wrap around 255. */
function bytes(n: number, seed: number): number[] {
  let s = seed;
  return Array.from({ length: n }, () => (s = (s * 1103515245 + 12345) >>> 0) >>> 24);
}

describe('decodePng', () => {
  it.each([
    ['RGBA', 4],
    ['RGB', 3],
  ])('reads %s pixels through filters None, Sub, Up, Average and Paeth', (_, bpp) => {
    // The second half takes few values, so the Paeth predictor meets its ties (which neighbour wins is
    // specified).
    const rows = Array.from({ length: 20 }, (_r, y) =>
      bytes(32 * bpp, y + 1).map((v) => (y >= 10 ? [0, 1, 2, 3, 4, 253, 254, 255][v & 7]! : v)),
    );
    const png = decodePng(encode(rows, bpp, [0, 1, 2, 3, 4]));
    expect([png.width, png.height]).toEqual([32, 20]);
    for (let y = 0; y < 20; y++)
      for (let x = 0; x < 32; x++)
        expect(png.pixel(x, y), `(${x}, ${y})`).toEqual([
          ...rows[y]!.slice(x * bpp, x * bpp + 3),
          bpp === 4 ? rows[y]![x * bpp + 3] : 255,
        ]);
    expect(() => png.pixel(32, 0)).toThrow(RangeError);
  });

  it('refuses what it cannot read: bad CRC, 16-bit, palette, interlaced, not a PNG, unknown filter', () => {
    const good = encode([bytes(6, 1), bytes(6, 2)], 3, [0]);
    const corrupt = Buffer.from(good);
    corrupt.writeUInt8(corrupt[20]! ^ 1, 20); // inside IHDR
    expect(() => decodePng(corrupt)).toThrow('bad CRC in IHDR');
    expect(() => decodePng(encode([bytes(12, 1)], 3, [0], { depth: 16 }))).toThrow('only 8-bit RGB/RGBA');
    expect(() => decodePng(encode([bytes(6, 1)], 3, [0], { colour: 3 }))).toThrow('only 8-bit RGB/RGBA');
    expect(() => decodePng(encode([bytes(6, 1)], 3, [0], { interlace: 1 }))).toThrow('only 8-bit RGB/RGBA');
    expect(() => decodePng(Buffer.from('GIF89a not a png'))).toThrow('bad signature');
    expect(() => decodePng(encode([bytes(6, 1)], 3, [5]))).toThrow('unknown filter type 5 on row 0');
  });
});
