// A small PNG decoder for the screenshots headless Chromium writes: 8-bit truecolour (RGB) or truecolour
// with alpha (RGBA), not interlaced. Anything else is refused with an error rather than read wrongly.
// Every chunk's CRC is checked, and the image data must inflate to exactly one filtered row per line.
import { crc32, inflateSync } from 'node:zlib';

export interface Png {
  width: number;
  height: number;
  /** The pixel at (x, y) as [r, g, b, a]; a is 255 for RGB images. */
  pixel(x: number, y: number): [number, number, number, number];
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The Paeth predictor of the PNG specification (section 9.4). */
function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/** The value a filter type predicts from the bytes left (a), above (b) and above-left (c). */
function predict(type: number, a: number, b: number, c: number, y: number): number {
  switch (type) {
    case 0:
      return 0;
    case 1:
      return a;
    case 2:
      return b;
    case 3:
      return (a + b) >> 1;
    case 4:
      return paeth(a, b, c);
    default:
      throw new Error(`PNG: unknown filter type ${type} on row ${y}`);
  }
}

/** Undoes the per-row filters (types 0 to 4) into a new buffer of width*bpp bytes per row. */
function unfilter(raw: Buffer, width: number, height: number, bpp: number): Buffer {
  const stride = width * bpp;
  if (raw.length !== height * (stride + 1))
    throw new Error(`PNG: ${raw.length} bytes of image data, not ${height} rows`);
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const type = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? out[row + i - bpp]! : 0;
      const b = y > 0 ? out[row - stride + i]! : 0;
      const c = i >= bpp && y > 0 ? out[row - stride + i - bpp]! : 0;
      out[row + i] = (raw[src + i]! + predict(type, a, b, c, y)) & 0xff;
    }
  }
  return out;
}

export function decodePng(file: Buffer): Png {
  if (!file.subarray(0, 8).equals(SIGNATURE)) throw new Error('PNG: bad signature');
  let header: Buffer | undefined;
  const data: Buffer[] = [];
  let ended = false;
  for (let at = 8; at < file.length && !ended;) {
    const length = file.readUInt32BE(at);
    const type = file.toString('latin1', at + 4, at + 8);
    const body = file.subarray(at + 8, at + 8 + length);
    if (body.length !== length || at + 12 + length > file.length) throw new Error(`PNG: truncated ${type} chunk`);
    if (crc32(file.subarray(at + 4, at + 8 + length)) !== file.readUInt32BE(at + 8 + length))
      throw new Error(`PNG: bad CRC in ${type} chunk`);
    if (type === 'IHDR') header = body;
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') ended = true;
    at += 12 + length;
  }
  if (!header || !ended) throw new Error('PNG: no IHDR or no IEND');
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const [depth, colour, , , interlace] = header.subarray(8, 13);
  const bpp = colour === 6 ? 4 : colour === 2 ? 3 : 0;
  if (depth !== 8 || bpp === 0 || interlace !== 0)
    throw new Error(
      `PNG: only 8-bit RGB/RGBA, not interlaced (depth ${depth}, colour ${colour}, interlace ${interlace})`,
    );
  const pixels = unfilter(inflateSync(Buffer.concat(data)), width, height, bpp);
  return {
    width,
    height,
    pixel(x, y) {
      if (x < 0 || y < 0 || x >= width || y >= height) throw new RangeError(`PNG: (${x}, ${y}) is outside the image`);
      const i = (y * width + x) * bpp;
      return [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!, bpp === 4 ? pixels[i + 3]! : 255];
    },
  };
}
