// An INI reader that follows botocore (Python's configparser.RawConfigParser plus botocore's nested
// sub-sections) line for line, so awsx sees the same profiles and values the AWS CLI does. Where botocore
// fails a whole file (a duplicate key or section, a stray line), awsx keeps going and records a warning:
// one bad line never hides every profile. Deliberate differences are listed in docs/config-parsing.md.
//
// Besides the values, the parser records where each section and key sits, so the lossless writer can edit
// a file without disturbing any other byte.
import { appendLine, sectionValues, setOwn, type IniValue, type RawSection } from './ini-values.js';
import { isPySpace, skipSpace, trimEnd, splitLines, nextAt } from './py-text.js';

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
  /**
   * Lines awsx reads on purpose unlike botocore (docs/config-parsing.md): a key line whose inline comment
   * awsx cut (botocore keeps it in the value), and a byte order mark (botocore rejects the file); `section`
   * is the section the line is in (undefined for the BOM).
   */
  differences: Array<IniWarning & { section?: string }>;
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

/** SIMPLE_LINE's `key = value` (groups 1 and 2). */
const SIMPLE_OPTION = String.raw`([a-z0-9_-]+)[ \t]*=[ \t]*((?:[!-"$-:<-~](?:[ \t!-"$-:<-~]*[!-"$-:<-~])?)?)`;

/**
 * A line the long way below reads exactly like this, without anything that needs it: no indent (so never a
 * continuation), no `#` or `;` after the start (no inline comment), no space other than ` ` and tab, nothing
 * outside printable ASCII. Either `key = value` with a lower-case key of [a-z0-9_-] (the separator is the
 * `=`: no `:` before it; the value has no space at either end), or `[name]` alone on its line (the last `]`
 * is the line's), or a comment (`#` or `;` first), or an empty line. Groups: 1 key, 2 value, 3 section name.
 */
const SIMPLE_LINE = new RegExp(String.raw`(?:${SIMPLE_OPTION}|\[([^\]#;\n]+)\]|[#;][^\n]*|)(?:\n|$)`, 'y');

export function parseIni(text: string, options: ParseOptions = {}): ParsedIni {
  const stripComments = options.stripInlineComments ?? true;
  const withLayout = options.layout ?? true;
  // One pass over the text by index: no array of lines and no string per line, only the keys and values kept.
  let body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.includes('\r')) body = body.replace(/\r\n?/g, '\n');
  const warnings: IniWarning[] = [];
  const differences: ParsedIni['differences'] = [];
  if (text.charCodeAt(0) === 0xfeff) {
    differences.push({
      line: 1,
      message:
        'the file starts with a byte order mark (BOM): the AWS CLI rejects the whole file; awsx ignores the mark',
    });
  }
  const raw = new Map<string, RawSection>();
  let currentName: string | undefined;
  const defaults: RawSection = { values: {} };
  const layout: SectionLayout[] = [];

  let current: RawSection | undefined;
  let currentLayout: SectionLayout | undefined;
  let currentKey: KeyLayout | undefined;
  let option: string | undefined;
  /** Blank lines seen since the option's last line: they belong to its value only if a continuation follows. */
  let blanks = 0;
  let indentLevel = 0;
  let hash = -2;
  let semi = -2;
  let eq = -2;
  let colon = -2;
  let bracket = -2;

  /** A `key = value` line of the current section (a repeated key warns, and the last one wins). */
  const addOption = (into: RawSection, key: string, value: string, index: number): void => {
    const values = into.values;
    if (Object.hasOwn(values, key)) {
      warnings.push({
        line: index + 1,
        message: `key "${key}" appears more than once in a section; the last one wins`,
      });
      into.multi?.delete(key);
    }
    option = key;
    blanks = 0;
    setOwn(values, key, value);
    if (currentLayout) {
      currentKey = { key, start: index, end: index };
      currentLayout.keys.push(currentKey);
      currentLayout.end = index;
    }
  };

  /** A section header: its section becomes the current one. */
  const section = (name: string, index: number): void => {
    option = undefined;
    blanks = 0;
    currentKey = undefined;
    currentName = name;
    if (name === 'DEFAULT') {
      current = defaults;
    } else {
      current = raw.get(name);
      if (current) {
        warnings.push({ line: index + 1, message: `section [${name}] appears more than once; its keys are merged` });
      } else {
        const values: Record<string, IniValue> = {};
        current = { values };
        raw.set(name, current);
      }
    }
    if (withLayout) {
      currentLayout = { name, header: index, end: index, keys: [] };
      layout.push(currentLayout);
    }
  };

  const end = body.length;
  let lineEnd: number;
  for (let pos = 0, index = 0; pos < end; pos = lineEnd + 1, index++) {
    // Most lines are simple: one native match reads them (see SIMPLE_LINE); the rest go the long way below.
    SIMPLE_LINE.lastIndex = pos;
    const simple = SIMPLE_LINE.exec(body);
    if (simple) {
      lineEnd = SIMPLE_LINE.lastIndex - 1;
      const key = simple[1];
      if (key !== undefined && current) {
        indentLevel = 0;
        addOption(current, key, simple[2]!, index);
        continue;
      }
      const header = simple[3];
      if (header !== undefined) {
        indentLevel = 0;
        section(header, index);
        continue;
      }
      const first = body.charCodeAt(pos);
      if (first === 35 /* # */ || first === 59 /* ; */) continue;
      if (key === undefined) {
        if (current && option !== undefined) blanks++; // an empty line
        continue;
      }
      // A key line before any section: the long way, for its warning.
    }
    lineEnd = body.indexOf('\n', pos);
    if (lineEnd < 0) lineEnd = end;
    // configparser's order: an inline comment is cut first, then a line whose text starts with # or ; is a comment.
    let inlineAt = -1;
    if (stripComments) {
      // `#` or `;` at the start of the line or after whitespace; the first of either.
      for (hash = nextAt(body, '#', hash, pos); hash >= 0 && hash < lineEnd; hash = body.indexOf('#', hash + 1)) {
        if (hash === pos || isPySpace(body.charCodeAt(hash - 1))) break;
      }
      for (semi = nextAt(body, ';', semi, pos); semi >= 0 && semi < lineEnd; semi = body.indexOf(';', semi + 1)) {
        if (semi === pos || isPySpace(body.charCodeAt(semi - 1))) break;
      }
      if (hash >= 0 && hash < lineEnd) inlineAt = hash;
      if (semi >= 0 && semi < lineEnd && (inlineAt < 0 || semi < inlineAt)) inlineAt = semi;
    }
    const start = skipSpace(body, pos, lineEnd);
    const first = start < lineEnd ? body.charCodeAt(start) : -1;
    const fullLine = first === 35 /* # */ || first === 59; /* ; */
    const isComment = fullLine || inlineAt >= 0;
    const valueEnd = fullLine ? start : trimEnd(body, start, inlineAt >= 0 ? inlineAt : lineEnd);
    if (valueEnd === start) {
      // A blank line may belong to a multi-line value (configparser's empty_lines_in_values); a comment never does.
      if (!isComment && current && option !== undefined) blanks++;
      continue;
    }
    const indent = start - pos;
    if (current && option !== undefined && indent > indentLevel) {
      appendLine(current, option, blanks, body.slice(start, valueEnd));
      blanks = 0;
      if (currentKey) currentKey.end = index;
      if (currentLayout) currentLayout.end = index;
      continue;
    }
    indentLevel = indent;
    // ^\[(.+)\] : from the first [ to the last ], at least one character between.
    let close = -1;
    if (first === 91 /* [ */) {
      for (
        bracket = nextAt(body, ']', bracket, start);
        bracket >= 0 && bracket < valueEnd;
        bracket = body.indexOf(']', bracket + 1)
      )
        close = bracket;
    }
    if (close >= start + 2) {
      section(body.slice(start + 1, close), index);
      continue;
    }
    if (!current) {
      warnings.push({ line: index + 1, message: 'text before the first [section] is ignored' });
      continue;
    }
    // configparser's option pattern: the key runs to the first = or :, the value is the rest, both stripped.
    eq = nextAt(body, '=', eq, start);
    colon = nextAt(body, ':', colon, start);
    const e = eq >= 0 && eq < valueEnd ? eq : -1;
    const c = colon >= 0 && colon < valueEnd ? colon : -1;
    const sep = e < 0 ? c : c < 0 ? e : Math.min(e, c);
    const key = sep < 0 ? '' : body.slice(start, trimEnd(body, start, sep)).toLowerCase();
    if (!key) {
      const text = JSON.stringify(body.slice(start, Math.min(valueEnd, start + 40)));
      warnings.push({ line: index + 1, message: `line is not "key = value" and is ignored: ${text}` });
      continue;
    }
    const valueStart = skipSpace(body, sep + 1, valueEnd);
    const value = valueStart === valueEnd ? '' : body.slice(valueStart, valueEnd);
    addOption(current, key, value, index);
    if (inlineAt >= 0 && !fullLine) {
      const asBotocore = body.slice(skipSpace(body, sep + 1, lineEnd), trimEnd(body, start, lineEnd));
      differences.push({
        line: index + 1,
        section: currentName,
        message:
          `line ${index + 1}: awsx reads ${key} = ${JSON.stringify(value.slice(0, 60))} (the rest is a comment); ` +
          `the AWS CLI reads the whole ${JSON.stringify(asBotocore.slice(0, 80))}`,
      });
    }
  }

  // A nested line's warning names its section and key, not a line.
  const warn = (message: string): void => {
    warnings.push({ line: 0, message });
  };
  // botocore parses [DEFAULT]'s nested blocks only as part of a section: with no section, nothing to warn about.
  const defaultValues =
    raw.size > 0 && Object.keys(defaults.values).length > 0
      ? sectionValues(defaults, '[DEFAULT]', warn, undefined)
      : undefined;
  const sections = new Map<string, Record<string, IniValue>>();
  raw.forEach((section, name) => sections.set(name, sectionValues(section, `[${name}]`, warn, defaultValues)));
  return { sections, layout, lines: withLayout ? splitLines(text) : [], warnings, differences };
}
