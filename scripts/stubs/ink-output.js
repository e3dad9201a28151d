// Ink's frame buffer (ink/build/output.js), for the bundle: scripts/build.mjs hands Ink this module instead
// of its own. Same class, same operations, and the same frame text to the byte (test/unit/build/ink-output
// checks it against Ink's on picker-like and random frames); it is only cheaper. Ink's version builds every cell of
// the screen as a new object each frame, splits every piece of text into graphemes with Intl.Segmenter and
// copies the style list of every character, then diffs the styles of each pair of neighbouring cells with
// Sets: ~10 ms a frame on a 120x40 picker, more than the rest of a keystroke. Here:
// - text made of one-column characters (string-width-fast's table) and SGR escapes is read by a small
//   scanner; anything else goes to @alcalzone/ansi-tokenize as in Ink, its result kept across frames;
// - a style list is interned (one array per distinct list), so each character of a given style is one
//   shared object, and two neighbouring cells need a diff only when their lists differ (diffs are kept);
// - blank cells share one object.
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
import { ansiCodesToString, diffAnsiCodes, reduceAnsiCodesIncremental, styledCharsFromTokens, tokenize } from '@alcalzone/ansi-tokenize';
import { NARROW_RANGES } from './string-width-fast.js';

const narrow = new Uint8Array(0x2900);
for (const [from, to] of NARROW_RANGES) narrow.fill(1, from, to + 1);

/** Interned style lists: the same codes (and end codes) in the same order are the same array. */
const styleLists = new Map();
const keyOf = (styles) => styles.map((s) => `${s.code}\u0000${s.endCode}`).join('\u0001');
function intern(styles) {
  const key = keyOf(styles);
  let known = styleLists.get(key);
  if (!known) styleLists.set(key, (known = Object.freeze(styles.slice())));
  return known;
}
const NO_STYLES = intern([]);
const BLANK = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: NO_STYLES });

/** styles -> escape sequence -> styles after it (both interned). */
const transitions = new Map();
function applySequence(styles, sequence) {
  let next = transitions.get(styles);
  if (!next) transitions.set(styles, (next = new Map()));
  let after = next.get(sequence);
  if (after === undefined) {
    let codes = styles;
    for (const token of tokenize(sequence)) if (token.type === 'ansi') codes = reduceAnsiCodesIncremental(codes, [token]);
    after = intern(codes);
    next.set(sequence, after);
  }
  return after;
}

/** One shared (frozen) character object per character and style list. */
const charObjects = new Map();
function charOf(code, styles) {
  let table = charObjects.get(styles);
  if (!table) charObjects.set(styles, (table = []));
  return (table[code] ??= Object.freeze({ type: 'char', value: String.fromCharCode(code), fullWidth: false, styles }));
}

/**
 * The styled characters of text made only of one-column characters (each its own grapheme) and SGR
 * sequences; undefined for anything else (other escapes, wide or combining characters, malformed SGR).
 */
function scan(line) {
  const out = [];
  let styles = NO_STYLES;
  for (let i = 0; i < line.length; ) {
    const c = line.charCodeAt(i);
    if (c === 0x1b) {
      if (line.charCodeAt(i + 1) !== 0x5b) return undefined;
      let end = i + 2;
      for (; end < line.length; end++) {
        const d = line.charCodeAt(end);
        if (d === 0x6d) break;
        if (d !== 0x3b && (d < 0x30 || d > 0x39)) return undefined;
      }
      if (end >= line.length) return undefined;
      styles = applySequence(styles, line.slice(i, end + 1));
      i = end + 1;
      continue;
    }
    if (c >= 0x2900 || narrow[c] !== 1) return undefined;
    out.push(charOf(c, styles));
    i++;
  }
  return out;
}

/** Text -> styled characters, kept across frames (two generations: what the last frames used). */
const LIMIT = 1000;
let recent = new Map();
let older = new Map();
function styledChars(line) {
  let chars = recent.get(line);
  if (chars) return chars;
  chars = older.get(line);
  if (!chars) {
    chars = scan(line) ?? styledCharsFromTokens(tokenize(line)).map((ch) => Object.freeze({ ...ch, styles: intern(ch.styles) }));
  }
  if (recent.size >= LIMIT) {
    older = recent;
    recent = new Map();
  }
  recent.set(line, chars);
  return chars;
}

const widths = new Map();
function widthOf(text) {
  let width = widths.get(text);
  if (width === undefined) {
    if (widths.size >= LIMIT) widths.clear();
    widths.set(text, (width = stringWidth(text)));
  }
  return width;
}

function widestLine(text) {
  let width = 0;
  for (const line of text.split('\n')) width = Math.max(width, widthOf(line));
  return width;
}

/** from -> to -> the escapes between them (interned lists only). */
const diffs = new Map();
function between(from, to) {
  let row = diffs.get(from);
  if (!row) diffs.set(from, (row = new Map()));
  let text = row.get(to);
  if (text === undefined) row.set(to, (text = ansiCodesToString(diffAnsiCodes(from, to))));
  return text;
}

/** @alcalzone/ansi-tokenize's styledCharsToString, for interned style lists. */
function lineText(chars) {
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (i === 0) out += ch.styles === NO_STYLES ? '' : ansiCodesToString(ch.styles);
    else if (ch.styles !== chars[i - 1].styles) out += between(chars[i - 1].styles, ch.styles);
    out += ch.value;
    if (i === chars.length - 1 && ch.styles !== NO_STYLES) out += between(ch.styles, NO_STYLES);
  }
  return out;
}

export default class Output {
  width;
  height;
  operations = [];

  constructor(options) {
    const { width, height } = options;
    this.width = width;
    this.height = height;
  }

  write(x, y, text, options) {
    const { transformers } = options;
    if (!text) return;
    this.operations.push({ type: 'write', x, y, text, transformers });
  }

  clip(clip) {
    this.operations.push({ type: 'clip', clip });
  }

  unclip() {
    this.operations.push({ type: 'unclip' });
  }

  get() {
    const output = [];
    for (let y = 0; y < this.height; y++) output.push(new Array(this.width).fill(BLANK));
    const clips = [];
    /** Lines written past their end, leaving holes (Ink drops the holes). */
    const sparse = new Set();
    for (const operation of this.operations) {
      if (operation.type === 'clip') clips.push(operation.clip);
      if (operation.type === 'unclip') clips.pop();
      if (operation.type !== 'write') continue;
      const { text, transformers } = operation;
      let { x, y } = operation;
      let lines = text.split('\n');
      const clip = clips.at(-1);
      if (clip) {
        const clipHorizontally = typeof clip?.x1 === 'number' && typeof clip?.x2 === 'number';
        const clipVertically = typeof clip?.y1 === 'number' && typeof clip?.y2 === 'number';
        if (clipHorizontally) {
          const width = widestLine(text);
          if (x + width < clip.x1 || x > clip.x2) continue;
        }
        if (clipVertically) {
          const height = lines.length;
          if (y + height < clip.y1 || y > clip.y2) continue;
        }
        if (clipHorizontally) {
          lines = lines.map((line) => {
            const from = x < clip.x1 ? clip.x1 - x : 0;
            const width = widthOf(line);
            const to = x + width > clip.x2 ? clip.x2 - x : width;
            // Plain one-column text inside the clip already: the slice would give the same text.
            return from === 0 && to === width && !line.includes('\u001B') && scan(line) !== undefined ? line : sliceAnsi(line, from, to);
          });
          if (x < clip.x1) x = clip.x1;
        }
        if (clipVertically) {
          const from = y < clip.y1 ? clip.y1 - y : 0;
          const height = lines.length;
          const to = y + height > clip.y2 ? clip.y2 - y : height;
          lines = lines.slice(from, to);
          if (y < clip.y1) y = clip.y1;
        }
      }
      let offsetY = 0;
      for (let index = 0; index < lines.length; index++) {
        let line = lines[index];
        const currentLine = output[y + offsetY];
        // As Ink: a line outside the buffer is skipped, and does not move the next one down.
        if (!currentLine) continue;
        for (const transformer of transformers) line = transformer(line, index);
        const characters = styledChars(line);
        if (x > currentLine.length && characters.length > 0) sparse.add(currentLine);
        let offsetX = x;
        for (const character of characters) {
          currentLine[offsetX] = character;
          const { value } = character;
          const code = value.charCodeAt(0);
          const characterWidth = value.length === 1 && code < 0x2900 && narrow[code] === 1 ? 1 : Math.max(1, widthOf(value));
          if (characterWidth > 1) {
            for (let i = 1; i < characterWidth; i++) currentLine[offsetX + i] = { type: 'char', value: '', fullWidth: false, styles: character.styles };
          }
          offsetX += characterWidth;
        }
        offsetY++;
      }
    }
    const generatedOutput = output.map((line) => lineText(sparse.has(line) ? line.filter((item) => item !== undefined) : line).trimEnd()).join('\n');
    return { output: generatedOutput, height: output.length };
  }
}
