// A fast path in front of string-width for the bundle (scripts/build.mjs wraps every string-width import with
// it, each keeping its own version behind). Ink measures every piece of text of every frame; string-width
// sends anything beyond printable ASCII through Intl.Segmenter and Unicode-property regular expressions,
// and builds those at load. Text made only of characters that are one column wide in every case (ASCII,
// and the punctuation, arrows, box drawing, braille and check marks the picker draws) is as wide as it is
// long; anything else goes to string-width itself, loaded on first need. test/unit/ui/string-width-fast
// checks every character listed here against both string-width versions.

import stripAnsi from 'strip-ansi';

/** Inclusive [from, to] ranges of characters string-width counts as exactly one column. */
export const NARROW_RANGES = [
  [0x20, 0x7e], // printable ASCII
  [0xa1, 0xa8], // Latin-1 punctuation and letters, not the soft hyphen (zero) or (C) (R) (emoji)
  [0xaa, 0xac],
  [0xaf, 0xff],
  [0x2010, 0x2027], // dashes, quotes, bullets, ellipsis (not the zero-width U+200B-F)
  [0x202f, 0x203b], // not U+203C (emoji)
  [0x203d, 0x2048], // not U+2049 (emoji)
  [0x204a, 0x205e],
  [0x2190, 0x2193], // arrows, not the ones that are emoji
  [0x219a, 0x21a8],
  [0x21ab, 0x22ff], // and mathematical operators
  [0x2500, 0x259f], // box drawing, block elements
  [0x2800, 0x28ff], // braille (spinners)
  [0x2713, 0x2713], // check mark
  [0x2717, 0x2717], // ballot x
];

const table = new Uint8Array(0x2900);
for (const [from, to] of NARROW_RANGES) table.fill(1, from, to + 1);

/** The width when every character is one column, else -1. */
export function narrowWidth(text) {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x2900 || table[c] !== 1) return -1;
  }
  return text.length;
}

/** string-width with the fast path; `real` loads the package's own function when needed. */
export function fastStringWidth(real) {
  let loaded;
  return function stringWidth(input, options) {
    if (typeof input === 'string' && !(options && (options.countAnsiEscapeCodes || options.ambiguousIsNarrow === false))) {
      const text = stripAnsi(input); // what string-width does first (and free without escapes)
      const width = narrowWidth(text);
      if (width >= 0) return width;
    }
    return (loaded ??= real())(input, options);
  };
}
