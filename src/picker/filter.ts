// The picker's filter: fuzzy over every attribute of a row (name, account id and name, role, region, kind,
// SSO session), plus two exact jumps: a pasted role ARN (or assumed-role ARN) and a 12-digit account id.
// Synchronous. A query that extends the previous one only searches the previous matches; deleting
// characters goes back to the results kept for the shorter queries.
import { FuzzyScorer, scoreText, splitTerms, termChars } from './fuzzy-match.js';
import { spansOf, type PickerRow, type SearchField } from './rows.js';

export interface FilterResult {
  rows: readonly PickerRow[];
  /** The terms of a fuzzy query (for highlighting); empty otherwise. */
  terms: readonly string[];
  /** How the query was read: everything, fuzzy text, a role ARN or an account id. */
  mode: 'all' | 'fuzzy' | 'role-arn' | 'account';
}

/** A name of IAM's characters (a role, a path element, a role session). */
const IAM_NAME = String.raw`[\w+=,.@-]+`;
const ROLE_ARN = new RegExp(
  String.raw`^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):` +
    String.raw`(?:role\/(?:${IAM_NAME}\/)*(${IAM_NAME})|assumed-role\/(${IAM_NAME})\/${IAM_NAME})$`,
  'i',
);
const ACCOUNT_ID = /^(\d{4})[- ]?(\d{4})[- ]?(\d{4})$/;
const NAME_BONUS = 24;
/** Rows a list may hold: indexes live in the low 20 bits of the sort key. */
const INDEX_SPACE = 1_048_576;
/**
 * Matches are ranked only when at most this many: more means the query is still a letter or two long,
 * where ranking is noise; those keep the list's order (recent first, then by name), and cost one cheap
 * pass instead of scoring and sorting 20,000 rows on every keystroke.
 */
export const RANK_LIMIT = 5_000;

/** Past results to keep: one per query on the way to the current one (each holds its matches). */
const MAX_STEPS = 32;

/** Per rows array: the rows' search texts, side by side (a scan touches no row object). */
const searchTextLists = new WeakMap<readonly PickerRow[], string[]>();
const everything = new WeakMap<readonly PickerRow[], FilterResult>();
/**
 * The fuzzy queries typed on the way to the current one, each a prefix of the next, with their matches and
 * results: typing a letter searches the previous matches only; deleting one goes back to a result kept.
 */
let trail: { rows: readonly PickerRow[]; steps: Array<{ query: string; matches: Int32Array; result: FilterResult }> } =
  { rows: [], steps: [] };

function searchTexts(rows: readonly PickerRow[]): string[] {
  let texts = searchTextLists.get(rows);
  if (!texts) searchTextLists.set(rows, (texts = rows.map((r) => r.haystack)));
  return texts;
}

/** A role ARN or account id the query holds, if any. */
export function exactQuery(query: string): { accountId: string; roleName?: string } | undefined {
  const text = query.trim();
  const arn = ROLE_ARN.exec(text);
  if (arn) return { accountId: arn[1]!, roleName: (arn[2] ?? arn[3])! };
  const account = ACCOUNT_ID.exec(text);
  if (account) return { accountId: `${account[1]}${account[2]}${account[3]}` };
  return undefined;
}

function exactRows(rows: readonly PickerRow[], exact: { accountId: string; roleName?: string }): FilterResult {
  const inAccount = rows.filter((r) => r.accountId === exact.accountId);
  if (!exact.roleName) return { rows: inAccount, terms: [], mode: 'account' };
  const role = exact.roleName.toLowerCase();
  const same = inAccount.filter((r) => r.roleName?.toLowerCase() === role);
  return { rows: same.length > 0 ? same : inAccount, terms: [], mode: 'role-arn' };
}

function allRows(rows: readonly PickerRow[]): FilterResult {
  let all = everything.get(rows);
  if (!all) everything.set(rows, (all = { rows, terms: [], mode: 'all' }));
  return all;
}

/** The rows a query keeps; the same query on the same rows gives the same (kept) result. */
export function filterRows(rows: readonly PickerRow[], query: string): FilterResult {
  const text = query.trim().toLowerCase();
  if (!text) return allRows(rows);
  const exact = exactQuery(text);
  if (exact) return exactRows(rows, exact);
  if (trail.rows !== rows) trail = { rows, steps: [] };
  const { steps } = trail;
  while (steps.length > 0 && !text.startsWith(steps[steps.length - 1]!.query)) steps.pop();
  const last = steps[steps.length - 1];
  if (last?.query === text) return last.result;
  const result = fuzzyRows(rows, text, last?.matches);
  if (steps.length === MAX_STEPS) steps.shift();
  steps.push(result);
  return result.result;
}

function fuzzyRows(
  rows: readonly PickerRow[],
  text: string,
  narrow: Int32Array | undefined,
): { query: string; matches: Int32Array; result: FilterResult } {
  const terms = splitTerms(text);
  const chars = termChars(terms);
  const texts = searchTexts(rows);
  const count = narrow ? narrow.length : rows.length;
  // First pass: which rows match at all (in list order): each term's characters in order, found by
  // indexOf, inline (the first keystrokes run before the JIT has compiled this loop).
  const matches = new Int32Array(count);
  let n = 0;
  for (let k = 0; k < count; k++) {
    const i = narrow ? narrow[k]! : k;
    const hay = texts[i]!;
    let ok = true;
    for (let t = 0; t < chars.length && ok; t++) {
      const term = chars[t]!;
      for (let c = 0, pos = -1; c < term.length; c++) {
        pos = hay.indexOf(term[c]!, pos + 1);
        if (pos < 0) {
          ok = false;
          break;
        }
      }
    }
    if (ok) matches[n++] = i;
  }
  const found = matches.slice(0, n);
  const step = (out: readonly PickerRow[]) => ({
    query: text,
    matches: found,
    result: { rows: out, terms, mode: 'fuzzy' as const },
  });
  if (n > RANK_LIMIT) {
    const out = new Array<PickerRow>(n);
    for (let k = 0; k < n; k++) out[k] = rows[found[k]!]!;
    return step(out);
  }
  // Second pass: rank. Score and index share one number (index in the low 20 bits), so sorting is a
  // typed-array sort. Higher score first, then the shorter name; ties keep the list's order.
  const packed = new Float64Array(n);
  const scorer = new FuzzyScorer();
  for (let k = 0; k < n; k++) {
    const i = found[k]!;
    const row = rows[i]!;
    const score = scorer.score(texts[i]!, chars)!;
    // The name comes first in the haystack: a match starting inside it is a match on the name.
    const bonus = scorer.firstMatchStart < row.name.length ? NAME_BONUS : 0;
    packed[k] = -Math.round((score + bonus - row.name.length * 0.05) * 8) * INDEX_SPACE + i;
  }
  packed.sort();
  const out: PickerRow[] = [];
  for (let k = 0; k < n; k++) {
    const v = packed[k]!;
    out.push(rows[v - Math.floor(v / INDEX_SPACE) * INDEX_SPACE]!);
  }
  return step(out);
}

/** Matched positions of the terms inside one attribute, relative to the attribute's own text. */
export function fieldMatches(row: PickerRow, terms: readonly string[], field: SearchField): number[] {
  return rowMatches(row, terms)[field] ?? [];
}

const NO_MATCHES: Partial<Record<SearchField, number[]>> = Object.freeze({});

/** Matched positions per attribute (relative to each attribute's text), from one scan of the row's text. */
export function rowMatches(row: PickerRow, terms: readonly string[]): Partial<Record<SearchField, number[]>> {
  if (terms.length === 0) return NO_MATCHES;
  const positions: number[] = [];
  if (scoreText(row.haystack, terms, positions) === undefined) return NO_MATCHES;
  const out: Partial<Record<SearchField, number[]>> = {};
  const spans = spansOf(row);
  for (const field of Object.keys(spans) as SearchField[]) {
    const [start, end] = spans[field]!;
    const inside = positions.filter((p) => p >= start && p < end).map((p) => p - start);
    if (inside.length > 0) out[field] = inside;
  }
  return out;
}
