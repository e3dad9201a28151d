// Plain text wrapped to a width at spaces (a word longer than the width, such as an ARN or a URL, is
// broken after a '/', ':' or '-', else where it must be), and cut to a width at a word boundary. Screens
// that scroll need their line count before Ink draws them, so wrapping is done here, not by <Text wrap>.

/** `text` as lines of at most `width` characters; each line break in it starts a new line. */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      let rest = word;
      if (line && line.length + 1 + rest.length <= w) {
        line += ` ${rest}`;
        continue;
      }
      if (line) out.push(line);
      while (rest.length > w) {
        // A long ARN or URL breaks after a '/', ':' or '-' when one is in the second half of the line.
        const at =
          Math.max(rest.lastIndexOf('/', w - 1), rest.lastIndexOf(':', w - 1), rest.lastIndexOf('-', w - 1)) + 1;
        const cut = at > w / 2 ? at : w;
        out.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    out.push(line);
  }
  return out;
}

/**
 * `text` cut to `width` at the last word boundary that leaves room for `more` (the cut is never inside a
 * word, unless the first word alone is wider); the text itself when it fits.
 */
export function cutAtWord(text: string, width: number, more: string): string {
  return text.length <= width ? text : endWith(text, width, more);
}

/** `text` followed by `mark` (it continues elsewhere), cut at a word so that both fit `width`. */
export function endWith(text: string, width: number, mark: string): string {
  if (text.length + mark.length <= width) return `${text}${mark}`;
  const room = Math.max(0, width - mark.length);
  const space = text.lastIndexOf(' ', room);
  return `${(space > 0 ? text.slice(0, space) : text.slice(0, room)).replace(/[\s,;:]+$/, '')}${mark}`;
}
