// Lossless edits of an INI file: every line awsx does not change keeps its bytes, its own line ending,
// the BOM and the presence or absence of a final newline. New lines use the file's dominant line ending.
import { parseIni, type SectionLayout } from './ini-parse.js';

interface Line {
  text: string;
  eol: string;
}

interface Document {
  bom: string;
  lines: Line[];
  eol: string;
}

function readDocument(text: string): Document {
  const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const body = bom ? text.slice(1) : text;
  const lines: Line[] = [];
  const re = /\r\n|\n|\r/g;
  let last = 0;
  let crlf = 0;
  let lf = 0;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    lines.push({ text: body.slice(last, m.index), eol: m[0] });
    if (m[0] === '\r\n') crlf++;
    else lf++;
    last = m.index + m[0].length;
  }
  if (last < body.length) lines.push({ text: body.slice(last), eol: '' });
  return { bom, lines, eol: crlf > lf ? '\r\n' : '\n' };
}

function writeDocument(doc: Document): string {
  return doc.bom + doc.lines.map((l) => l.text + l.eol).join('');
}

/** `lines` as they replace `doc`'s: when `doc` has no final newline, neither has the result. */
function withFinalNewlineOf(doc: Document, lines: Line[]): Line[] {
  const last = lines[lines.length - 1];
  const missing = doc.lines.length > 0 && doc.lines[doc.lines.length - 1]!.eol === '';
  return missing && last && last.eol !== '' ? [...lines.slice(0, -1), { ...last, eol: '' }] : lines;
}

export type Entries = ReadonlyArray<readonly [key: string, value: string]>;

export interface UpsertOptions {
  /** Keys to delete from the section when present. */
  remove?: readonly string[];
}

/**
 * Sets keys in the section whose header satisfies `matches`, or appends the section (with `header`) at the
 * end. Existing keys are replaced where they stand; new keys follow the section's last key.
 */
export function upsertSection(
  text: string,
  matches: (sectionName: string) => boolean,
  header: string,
  entries: Entries,
  options: UpsertOptions = {},
): string {
  const doc = readDocument(text);
  const occurrences = parseIni(text).layout.filter((s) => matches(s.name));
  if (occurrences.length === 0) return appendSection(text, header, entries);

  const replace = new Map<number, Line[]>(); // first line of a range -> replacement lines
  const drop = new Set<number>();
  const setRange = (start: number, end: number, lines: Line[]): void => {
    replace.set(start, lines);
    for (let i = start + 1; i <= end; i++) drop.add(i);
  };
  const remaining = new Map(entries.map(([k, v]) => [k, v]));
  for (const key of options.remove ?? []) {
    for (const section of occurrences) {
      for (const k of section.keys.filter((k) => k.key === key)) setRange(k.start, k.end, []);
    }
  }
  for (const [key, value] of entries) {
    const found = lastKey(occurrences, key);
    if (!found) continue;
    setRange(found.start, found.end, [{ text: `${key} = ${value}`, eol: doc.lines[found.end]!.eol || doc.eol }]);
    remaining.delete(key);
  }
  const target = occurrences[occurrences.length - 1]!;
  const added: Line[] = [...remaining].map(([k, v]) => ({ text: `${k} = ${v}`, eol: doc.eol }));

  const out: Line[] = [];
  doc.lines.forEach((line, index) => {
    if (replace.has(index)) out.push(...replace.get(index)!);
    else if (!drop.has(index)) out.push(line);
    if (index === target.end && added.length > 0) {
      if (out.length > 0 && out[out.length - 1]!.eol === '')
        out[out.length - 1] = { ...out[out.length - 1]!, eol: doc.eol };
      out.push(...added);
    }
  });
  return writeDocument({ ...doc, lines: withFinalNewlineOf(doc, out) });
}

function lastKey(sections: SectionLayout[], key: string): { start: number; end: number } | undefined {
  for (let s = sections.length - 1; s >= 0; s--) {
    const keys = sections[s]!.keys;
    for (let k = keys.length - 1; k >= 0; k--) if (keys[k]!.key === key) return keys[k];
  }
  return undefined;
}

/**
 * Appends `[header]` and its keys at the end, after one blank line; keeps a missing final newline missing.
 * `comments` (whole lines, e.g. `# managed by ...`) go between the header and the keys, inside the section.
 */
export function appendSection(
  text: string,
  header: string,
  entries: Entries,
  comments: readonly string[] = [],
): string {
  const doc = readDocument(text);
  const { eol } = doc;
  const hadFinalNewline = doc.lines.length === 0 || doc.lines[doc.lines.length - 1]!.eol !== '';
  const last = doc.lines[doc.lines.length - 1];
  if (last && last.eol === '') doc.lines[doc.lines.length - 1] = { ...last, eol };
  const lastText = doc.lines[doc.lines.length - 1]?.text;
  if (lastText !== undefined && lastText.trim() !== '') doc.lines.push({ text: '', eol });
  doc.lines.push({ text: `[${header}]`, eol });
  for (const c of comments) doc.lines.push({ text: c, eol });
  for (const [k, v] of entries) doc.lines.push({ text: `${k} = ${v}`, eol });
  if (!hadFinalNewline) doc.lines[doc.lines.length - 1] = { ...doc.lines[doc.lines.length - 1]!, eol: '' };
  return writeDocument(doc);
}

/**
 * Removes every occurrence of a section (header, keys and the comments inside it). `blankLineBefore`: also the
 * one blank line before a removed header, the one appendSection put there (so append then remove gives the
 * original bytes back).
 */
export function removeSection(
  text: string,
  matches: (sectionName: string) => boolean,
  options: { blankLineBefore?: boolean } = {},
): string {
  const doc = readDocument(text);
  const parsed = parseIni(text);
  const drop = new Set<number>();
  for (const section of parsed.layout.filter((s) => matches(s.name))) {
    for (let i = section.header; i <= section.end; i++) drop.add(i);
    const before = section.header - 1;
    if (options.blankLineBefore && before >= 0 && !drop.has(before) && doc.lines[before]!.text.trim() === '')
      drop.add(before);
  }
  if (drop.size === 0) return text;
  const lines = doc.lines.filter((_, i) => !drop.has(i));
  return writeDocument({ ...doc, lines: withFinalNewlineOf(doc, lines) });
}
