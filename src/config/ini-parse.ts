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
}

// Python's str.isspace() characters: what configparser's strip() and \s remove.
const PY_SPACE = '\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const LEADING = new RegExp(`^[${PY_SPACE}]+`);
const TRAILING = new RegExp(`[${PY_SPACE}]+$`);
const NON_SPACE = new RegExp(`[^${PY_SPACE}]`);
// The `s` flag: Python's `.` stops only at \n, which a line never holds; JS's `.` would also stop at \u2028.
const OPTION = new RegExp(`^(.*?)[${PY_SPACE}]*([=:])[${PY_SPACE}]*(.*)$`, 's');
const SECTION = /^\[(.+)\]/s;
const INLINE_COMMENT = new RegExp(`(?:^|[${PY_SPACE}])[#;]`);
// Python's str.splitlines() boundaries, which botocore's _parse_nested splits a nested block on.
const PY_LINE_BREAK = /\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]/;

export function pyStrip(text: string): string {
  return text.replace(LEADING, '').replace(TRAILING, '');
}

function pyRstrip(text: string): string {
  return text.replace(TRAILING, '');
}

/** Splits text into lines as Python's universal newlines do (\r\n, \n or \r), dropping a UTF-8 BOM. */
export function splitLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split(/\r\n|\n|\r/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

interface RawSection {
  values: Map<string, string[]>;
}

export function parseIni(text: string, options: ParseOptions = {}): ParsedIni {
  const stripComments = options.stripInlineComments ?? true;
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

  lines.forEach((line, index) => {
    const lineNo = index + 1;
    // configparser's order: an inline comment is cut first, then a line whose text starts with # or ; is a comment.
    const inlineAt = stripComments ? line.search(INLINE_COMMENT) : -1;
    const stripped = pyStrip(line);
    const fullLine = stripped.startsWith('#') || stripped.startsWith(';');
    const isComment = fullLine || inlineAt >= 0;
    const value = fullLine ? '' : inlineAt >= 0 ? pyStrip(line.slice(0, inlineAt)) : stripped;
    if (!value) {
      // A blank line may belong to a multi-line value (configparser's empty_lines_in_values); a comment never does.
      if (!isComment && current && option !== undefined) current.values.get(option)?.push('');
      return;
    }
    const indent = line.search(NON_SPACE);
    if (current && option !== undefined && indent > indentLevel) {
      current.values.get(option)!.push(value);
      if (currentKey) currentKey.end = index;
      if (currentLayout) currentLayout.end = index;
      return;
    }
    indentLevel = indent;
    const header = SECTION.exec(value);
    if (header) {
      const name = header[1]!;
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
      currentLayout = { name, header: index, end: index, keys: [] };
      layout.push(currentLayout);
      return;
    }
    if (!current) {
      warnings.push({ line: lineNo, message: 'text before the first [section] is ignored' });
      return;
    }
    const match = OPTION.exec(value);
    const key = match ? pyRstrip(match[1]!).toLowerCase() : '';
    if (!match || !key) {
      warnings.push({ line: lineNo, message: `line is not "key = value" and is ignored: ${JSON.stringify(value.slice(0, 40))}` });
      return;
    }
    if (current.values.has(key)) {
      warnings.push({ line: lineNo, message: `key "${key}" appears more than once in a section; the last one wins` });
    }
    option = key;
    current.values.set(key, [pyStrip(match[3]!)]);
    currentKey = { key, start: index, end: index };
    currentLayout?.keys.push(currentKey);
    if (currentLayout) currentLayout.end = index;
  });

  const sections = new Map<string, Record<string, IniValue>>();
  // botocore parses [DEFAULT]'s nested blocks only as part of a section: with no section, nothing to warn about.
  const defaultValues = raw.size > 0 ? finish(defaults, '[DEFAULT]', warnings) : {};
  for (const [name, section] of raw) {
    sections.set(name, { ...defaultValues, ...finish(section, `[${name}]`, warnings) });
  }
  return { sections, layout, lines, warnings };
}

function finish(section: RawSection, where: string, warnings: IniWarning[]): Record<string, IniValue> {
  const out: Record<string, IniValue> = Object.create(null) as Record<string, IniValue>;
  for (const [key, parts] of section.values) {
    const joined = pyRstrip(parts.join('\n'));
    out[key] = joined.startsWith('\n') ? parseNested(joined, `${where} ${key}`, warnings) : joined;
  }
  return out;
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
