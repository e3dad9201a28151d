// The picker's filter: fuzzy over every attribute of a row (name, account id and name, role, region, kind,
// SSO session), plus two exact jumps: a pasted role ARN (or assumed-role ARN) and a 12-digit account id.
// Pure and synchronous. A query that extends the previous one only searches the previous matches.
import { charMask, firstMatchStart, matchesAll, scoreText, splitTerms } from './fuzzy-match.js';
import type { PickerRow, SearchField } from './picker-rows.js';

export interface FilterResult {
  rows: readonly PickerRow[];
  /** The terms of a fuzzy query (for highlighting); empty otherwise. */
  terms: readonly string[];
  /** How the query was read: everything, fuzzy text, a role ARN or an account id. */
  mode: 'all' | 'fuzzy' | 'role-arn' | 'account';
}

const ROLE_ARN = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):(?:role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)|assumed-role\/([\w+=,.@-]+)\/[\w+=,.@-]+)$/i;
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

const masks = new WeakMap<readonly PickerRow[], Int32Array>();
let previous: { rows: readonly PickerRow[]; query: string; matches: Int32Array } | undefined;

function masksFor(rows: readonly PickerRow[]): Int32Array {
  let list = masks.get(rows);
  if (!list) {
    list = new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) list[i] = charMask(rows[i]!.haystack);
    masks.set(rows, list);
  }
  return list;
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

export function filterRows(rows: readonly PickerRow[], query: string): FilterResult {
  const text = query.trim().toLowerCase();
  if (!text) return { rows, terms: [], mode: 'all' };
  const exact = exactQuery(text);
  if (exact) return exactRows(rows, exact);
  const terms = splitTerms(text);
  const mask = charMask(terms.join(''));
  const rowMasks = masksFor(rows);
  const narrow = previous && previous.rows === rows && text.startsWith(previous.query) ? previous.matches : undefined;
  const count = narrow ? narrow.length : rows.length;
  // First pass: which rows match at all (in list order).
  const matches = new Int32Array(count);
  let n = 0;
  for (let k = 0; k < count; k++) {
    const i = narrow ? narrow[k]! : k;
    if ((rowMasks[i]! & mask) === mask && matchesAll(rows[i]!.haystack, terms)) matches[n++] = i;
  }
  const found = matches.subarray(0, n);
  previous = { rows, query: text, matches: found };
  if (n > RANK_LIMIT) return { rows: Array.from(found, (i) => rows[i]!), terms, mode: 'fuzzy' };
  // Second pass: rank. Score and index share one number (index in the low 20 bits), so sorting is a
  // typed-array sort. Higher score first, then the shorter name; ties keep the list's order.
  const packed = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = found[k]!;
    const row = rows[i]!;
    const score = scoreText(row.haystack, terms)!;
    const bonus = firstMatchStart < (row.spans.name?.[1] ?? 0) ? NAME_BONUS : 0;
    packed[k] = -Math.round((score + bonus - row.name.length * 0.05) * 8) * INDEX_SPACE + i;
  }
  packed.sort();
  const out: PickerRow[] = [];
  for (let k = 0; k < n; k++) {
    const v = packed[k]!;
    out.push(rows[v - Math.floor(v / INDEX_SPACE) * INDEX_SPACE]!);
  }
  return { rows: out, terms, mode: 'fuzzy' };
}

/** Matched positions of the terms inside one attribute, relative to the attribute's own text. */
export function fieldMatches(row: PickerRow, terms: readonly string[], field: SearchField): number[] {
  const span = row.spans[field];
  if (!span || terms.length === 0) return [];
  const positions: number[] = [];
  if (scoreText(row.haystack, terms, positions) === undefined) return [];
  return positions.filter((p) => p >= span[0] && p < span[1]).map((p) => p - span[0]);
}
