// The values of an INI section as botocore ends up with them: continuation lines joined, a value that starts
// on the next line read as a nested block (botocore's _parse_nested), [DEFAULT]'s keys under the section's
// own, and a key named __proto__ kept as a plain key.
import { PY_LINE_BREAK, pyRstrip, pyStrip } from './py-text.js';

export type IniValue = string | Record<string, string>;

/** A section's values as the parser builds them, and the keys that have continuation lines. */
export interface RawSection {
  values: Record<string, IniValue>;
  /** Keys with continuation lines: their lines (joined when the file is read). Rare, so created on demand. */
  multi?: Map<string, string[]>;
}

/**
 * A section's values with its multi-line values joined, after `base` (`{ ...base, ...section }`; a key named
 * __proto__ stays a key).
 */
export function sectionValues(
  section: RawSection,
  where: string,
  warn: (message: string) => void,
  base: Record<string, IniValue> | undefined,
): Record<string, IniValue> {
  const values = section.values;
  if (section.multi) {
    for (const [key, parts] of section.multi) {
      const joined = pyRstrip(parts.join('\n'));
      setOwn(values, key, joined.startsWith('\n') ? parseNested(joined, `${where} ${key}`, warn) : joined);
    }
  }
  if (!base) return values;
  const out: Record<string, IniValue> = {};
  for (const key of Object.keys(base)) setOwn(out, key, base[key]!);
  for (const key of Object.keys(values)) setOwn(out, key, values[key]!);
  return out;
}

/** A continuation line of `option`, after the blank lines seen since its last line. */
export function appendLine(section: RawSection, option: string, blanks: number, line: string): void {
  const multi = (section.multi ??= new Map<string, string[]>());
  let parts = multi.get(option);
  if (!parts) {
    parts = [section.values[option] as string];
    multi.set(option, parts);
  }
  for (let i = 0; i < blanks; i++) parts.push('');
  parts.push(line);
}

export function setOwn(target: Record<string, IniValue>, key: string, value: IniValue): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** botocore's _parse_nested: `key = value` lines under a key with an empty value, one level deep. */
function parseNested(value: string, where: string, warn: (message: string) => void): Record<string, string> {
  const nested: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const rawLine of value.split(PY_LINE_BREAK)) {
    const line = pyStrip(rawLine);
    if (!line) continue;
    const eq = line.indexOf('=');
    if (eq < 0) {
      warn(`${where}: nested line without "=" is ignored: ${JSON.stringify(line.slice(0, 40))}`);
      continue;
    }
    nested[pyStrip(line.slice(0, eq))] = pyStrip(line.slice(eq + 1));
  }
  return nested;
}
