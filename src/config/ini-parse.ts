// An INI reader that follows botocore (Python's configparser.RawConfigParser plus botocore's nested
// sub-sections) line for line, so awsx sees the same profiles and values the AWS CLI does. Where botocore
// fails a whole file (a duplicate key or section, a stray line), awsx keeps going and records a warning:
// one bad line never hides every profile. Deliberate differences are listed in docs/config-parsing.md.
//
// Besides the values, the parser records where each section and key sits, so the lossless writer can edit
// a file without disturbing any other byte.

export type IniValue = string | Record<string, string>;

export interface IniWarning {
  line: number;
  message: string;
}

export interface KeyLayout {
  key: string;
  /** First and last line (0-based, inclusive) of the key and its continuation lines. */
  start: number;
  end: number;
}

export interface SectionLayout {
  name: string;
  /** The header line (0-based). */
  header: number;
  /** The last line that belongs to the section (0-based, inclusive): its last key line, or the header. */
  end: number;
  keys: KeyLayout[];
}

export interface ParsedIni {
  /** Section name as written inside the brackets -> values, `[DEFAULT]` keys merged in as configparser does. */
  sections: Map<string, Record<string, IniValue>>;
  layout: SectionLayout[];
  lines: string[];
  warnings: IniWarning[];
}

export interface ParseOptions {
  /**
   * Treat `#` or `;` at the start of a line or after whitespace as the start of a comment, on every line, as the
   * JS SDK does (and configparser with inline_comment_prefixes=('#', ';')). botocore keeps such a comment in
   * the value, which turns `duration_seconds = 3600  # 1 hour` into an error. `a=json;x` and `url#/` are
   * never cut. Default true; false reads exactly as botocore does.
   */
  stripInlineComments?: boolean;
  /** Record where sections and keys sit (layout), for the lossless writer. Default true; readers skip it. */
  layout?: boolean;
}

// Python's str.splitlines() boundaries, which botocore's _parse_nested splits a nested block on.
const PY_LINE_BREAK = /\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]/;

/**
 * Python's str.isspace() characters: what configparser's strip() and \s remove. The parser scans lines with
 * this rather than regular expressions: a cold process reads a 2,000-profile config in a few ms.
 */
function isPySpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13) || c >= 0x1c;
  if (c < 0x85) return false;
  return c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** Index of the first non-space character at or after `from`, or `end`. */
function skipSpace(text: string, from: number, end: number): number {
  let i = from;
  while (i < end && isPySpace(text.charCodeAt(i))) i++;
  return i;
}

/** Index just past the last non-space character before `end`, or `from`. */
function trimEnd(text: string, from: number, end: number): number {
  let i = end;
  while (i > from && isPySpace(text.charCodeAt(i - 1))) i--;
  return i;
}

export function pyStrip(text: string): string {
  const start = skipSpace(text, 0, text.length);
  const end = trimEnd(text, start, text.length);
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

function pyRstrip(text: string): string {
  const end = trimEnd(text, 0, text.length);
  return end === text.length ? text : text.slice(0, end);
}

/** Where an inline comment starts: `#` or `;` at the start of the line or after whitespace; -1 if none. */
function inlineComment(line: string): number {
  let best = -1;
  for (const mark of ['#', ';']) {
    for (let i = line.indexOf(mark); i >= 0 && (best < 0 || i < best); i = line.indexOf(mark, i + 1)) {
      if (i === 0 || isPySpace(line.charCodeAt(i - 1))) {
        best = i;
        break;
      }
    }
  }
  return best;
}

/** Splits text into lines as Python's universal newlines do (\r\n, \n or \r), dropping a UTF-8 BOM. */
export function splitLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.includes('\r') ? body.split(/\r\n|\n|\r/) : body.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

interface RawSection {
  /** A value, or its lines when it has continuation lines (one array only for those). */
  values: Map<string, string | string[]>;
}

export function parseIni(text: string, options: ParseOptions = {}): ParsedIni {
  const stripComments = options.stripInlineComments ?? true;
  const withLayout = options.layout ?? true;
  const lines = splitLines(text);
  const warnings: IniWarning[] = [];
  const raw = new Map<string, RawSection>();
  const defaults: RawSection = { values: new Map() };
  const layout: SectionLayout[] = [];

  let current: RawSection | undefined;
  let currentLayout: SectionLayout | undefined;
  let currentKey: KeyLayout | undefined;
  let option: string | undefined;
  let indentLevel = 0;

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const lineNo = index + 1;
    // configparser's order: an inline comment is cut first, then a line whose text starts with # or ; is a comment.
    const inlineAt = stripComments ? inlineComment(line) : -1;
    const indent = skipSpace(line, 0, line.length);
    const first = line.charCodeAt(indent);
    const fullLine = first === 35 /* # */ || first === 59; /* ; */
    const isComment = fullLine || inlineAt >= 0;
    const valueEnd = fullLine ? indent : trimEnd(line, indent, inlineAt >= 0 ? inlineAt : line.length);
    if (valueEnd === indent) {
      // A blank line may belong to a multi-line value (configparser's empty_lines_in_values); a comment never does.
      if (!isComment && current && option !== undefined) appendLine(current, option, '');
      continue;
    }
    const value = indent === 0 && valueEnd === line.length ? line : line.slice(indent, valueEnd);
    if (current && option !== undefined && indent > indentLevel) {
      appendLine(current, option, value);
      if (currentKey) currentKey.end = index;
      if (currentLayout) currentLayout.end = index;
      continue;
    }
    indentLevel = indent;
    // ^\[(.+)\] : from the first [ to the last ], at least one character between.
    const close = value.charCodeAt(0) === 91 /* [ */ ? value.lastIndexOf(']') : -1;
    if (close >= 2) {
      const name = value.slice(1, close);
      option = undefined;
      currentKey = undefined;
      if (name === 'DEFAULT') {
        current = defaults;
      } else if (raw.has(name)) {
        warnings.push({ line: lineNo, message: `section [${name}] appears more than once; its keys are merged` });
        current = raw.get(name)!;
      } else {
        current = { values: new Map() };
        raw.set(name, current);
      }
      if (withLayout) {
        currentLayout = { name, header: index, end: index, keys: [] };
        layout.push(currentLayout);
      }
      continue;
    }
    if (!current) {
      warnings.push({ line: lineNo, message: 'text before the first [section] is ignored' });
      continue;
    }
    // configparser's option pattern: the key runs to the first = or :, the value is the rest, both stripped.
    const eq = value.indexOf('=');
    const colon = value.indexOf(':');
    const sep = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
    const key = sep < 0 ? '' : value.slice(0, trimEnd(value, 0, sep)).toLowerCase();
    if (!key) {
      warnings.push({ line: lineNo, message: `line is not "key = value" and is ignored: ${JSON.stringify(value.slice(0, 40))}` });
      continue;
    }
    if (current.values.has(key)) {
      warnings.push({ line: lineNo, message: `key "${key}" appears more than once in a section; the last one wins` });
    }
    option = key;
    const valueStart = skipSpace(value, sep + 1, value.length);
    current.values.set(key, valueStart === value.length ? '' : value.slice(valueStart, trimEnd(value, valueStart, value.length)));
    if (currentLayout) {
      currentKey = { key, start: index, end: index };
      currentLayout.keys.push(currentKey);
      currentLayout.end = index;
    }
  }

  const sections = new Map<string, Record<string, IniValue>>();
  // botocore parses [DEFAULT]'s nested blocks only as part of a section: with no section, nothing to warn about.
  const defaultValues = raw.size > 0 && defaults.values.size > 0 ? finish(defaults, '[DEFAULT]', warnings, undefined) : undefined;
  for (const [name, section] of raw) sections.set(name, finish(section, `[${name}]`, warnings, defaultValues));
  return { sections, layout, lines, warnings };
}

/** A plain object: `{ ...base, ...section }` built in one pass (a key named __proto__ stays a key). */
function finish(section: RawSection, where: string, warnings: IniWarning[], base: Record<string, IniValue> | undefined): Record<string, IniValue> {
  const out: Record<string, IniValue> = {};
  if (base) for (const key of Object.keys(base)) setOwn(out, key, base[key]!);
  for (const [key, parts] of section.values) {
    if (typeof parts === 'string') {
      setOwn(out, key, parts); // stripped already: no nested block
      continue;
    }
    const joined = pyRstrip(parts.join('\n'));
    setOwn(out, key, joined.startsWith('\n') ? parseNested(joined, `${where} ${key}`, warnings) : joined);
  }
  return out;
}

function appendLine(section: RawSection, option: string, line: string): void {
  const parts = section.values.get(option);
  if (parts === undefined) return;
  if (typeof parts === 'string') section.values.set(option, [parts, line]);
  else parts.push(line);
}

function setOwn(target: Record<string, IniValue>, key: string, value: IniValue): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** botocore's _parse_nested: `key = value` lines under a key with an empty value, one level deep. */
function parseNested(value: string, where: string, warnings: IniWarning[]): Record<string, string> {
  const nested: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const rawLine of value.split(PY_LINE_BREAK)) {
    const line = pyStrip(rawLine);
    if (!line) continue;
    const eq = line.indexOf('=');
    if (eq < 0) {
      warnings.push({ line: 0, message: `${where}: nested line without "=" is ignored: ${JSON.stringify(line.slice(0, 40))}` });
      continue;
    }
    nested[pyStrip(line.slice(0, eq))] = pyStrip(line.slice(eq + 1));
  }
  return nested;
}
