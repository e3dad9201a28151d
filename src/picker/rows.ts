// The rows the picker shows: one per profile (and, once SSO discovery lands, one per sso:ACCOUNT/ROLE),
// each with the text the filter searches and where each attribute sits in it (for highlighting).
import type { Profile } from '../config/profile-graph.js';
import type { Services } from '../credentials/context.js';
import type { Badge, KeyAge, ProfileRow } from '../profiles/profile-row.js';
import { listProfiles } from '../profiles/rows.js';

export type RowTarget =
  { kind: 'profile'; name: string } | { kind: 'sso'; accountId: string; roleName: string; ssoSession?: string };

/** Attributes the filter searches, in haystack order. */
export const SEARCH_FIELDS = ['name', 'accountId', 'accountName', 'roleName', 'region', 'kind', 'ssoSession'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];
export type FieldSpan = readonly [start: number, end: number];

export interface PickerRow {
  /** Stable id: `profile:NAME` or `sso:ACCOUNT/ROLE`. */
  id: string;
  target: RowTarget;
  /** What `awsx use` takes for this row. */
  targetText: string;
  name: string;
  badge: Badge;
  kind: string;
  accountId?: string;
  accountName?: string;
  roleName?: string;
  roleArn?: string;
  region?: string;
  /** Display chain, root first, the row itself last. */
  chain: string[];
  mfaSerial?: string;
  needsMfa: boolean;
  hasExternalId: boolean;
  ssoSession?: string;
  /** awsx_color as the profile writes it, if it does (the row's colour: identity-color.ts rowColor). */
  color?: string;
  /** Configuration error (message and hint), when the row cannot be used. */
  error?: string;
  warnings: string[];
  /** Cache key of the session `awsx use NAME` would reuse. */
  cacheKey?: string;
  /** Expiry (ms) of that cached session when the picker loaded. */
  cachedExpiry?: number;
  /** A keyring profile's key: id, backend, age in days, whether it is old. */
  keyAge?: KeyAge;
  /** Lower-cased searchable text: the attributes in SEARCH_FIELDS order (where each sits: spansOf). */
  haystack: string;
}

type RowFields = Omit<PickerRow, 'haystack'>;

/** The lower-cased search text of a row's attributes, joined by two spaces so matches rarely span two. */
function searchText(fields: Pick<PickerRow, SearchField>): string {
  const parts: string[] = [];
  for (const field of SEARCH_FIELDS) {
    const value = fields[field];
    if (value) parts.push(value.toLowerCase());
  }
  // join() gives a flat string: scanning a concatenated (rope) string is several times slower.
  return parts.join('  ');
}

/** Adds the haystack to a row. */
export function withSearchText(fields: RowFields): PickerRow {
  return { ...fields, haystack: searchText(fields) };
}

/**
 * Where each attribute sits in the row's haystack. Computed when asked (for the rows on screen), not kept:
 * kept for every row, they were megabytes of small arrays (docs/benchmarks.md).
 */
export function spansOf(row: Pick<PickerRow, SearchField>): Partial<Record<SearchField, FieldSpan>> {
  const spans: Partial<Record<SearchField, FieldSpan>> = {};
  let length = -2;
  for (const field of SEARCH_FIELDS) {
    const value = row[field];
    if (!value) continue;
    length += 2;
    spans[field] = [length, length + value.length];
    length += value.length;
  }
  return spans;
}

function kindLabel(p: Profile): string {
  return p.needsMfa ? `${p.kind} mfa` : p.kind;
}

/**
 * A configured profile's row. It reads its attributes from the profile itself (which the graph keeps for
 * the picker's lifetime) and stores only what it adds: id, search text, badge and cached session: a copy of
 * every attribute in each row object cost megabytes at 20,000 rows (docs/benchmarks.md).
 */
class ProfilePickerRow implements PickerRow {
  readonly id: string;
  readonly targetText: string;
  readonly name: string;
  readonly haystack: string;
  readonly cacheKey?: string;
  readonly cachedExpiry?: number;
  readonly keyAge?: KeyAge;

  constructor(
    private readonly profile: Profile,
    readonly badge: Badge,
    cacheKey?: string,
    expiration?: Date,
    keyAge?: KeyAge,
  ) {
    this.id = `profile:${profile.name}`;
    this.targetText = profile.name;
    this.name = profile.name;
    if (cacheKey) this.cacheKey = cacheKey;
    if (expiration) this.cachedExpiry = expiration.getTime();
    if (keyAge) this.keyAge = keyAge;
    this.haystack = searchText(this);
  }

  get target(): RowTarget {
    return { kind: 'profile', name: this.profile.name };
  }
  get kind(): string {
    return kindLabel(this.profile);
  }
  get chain(): string[] {
    return this.profile.parents.concat(this.profile.name);
  }
  get needsMfa(): boolean {
    return this.profile.needsMfa;
  }
  get hasExternalId(): boolean {
    return this.profile.hasExternalId;
  }
  get warnings(): string[] {
    return this.profile.warnings;
  }
  get accountId(): string | undefined {
    return this.profile.accountId || undefined;
  }
  get roleName(): string | undefined {
    return this.profile.roleName || undefined;
  }
  get roleArn(): string | undefined {
    return this.profile.roleArn || undefined;
  }
  get region(): string | undefined {
    return this.profile.region || undefined;
  }
  get mfaSerial(): string | undefined {
    return this.profile.mfaSerial || undefined;
  }
  get ssoSession(): string | undefined {
    return this.profile.ssoSession || undefined;
  }
  get color(): string | undefined {
    return this.profile.color;
  }
  get error(): string | undefined {
    const e = this.profile.error;
    return e ? `${e.message}${e.hint ? ` (${e.hint})` : ''}` : undefined;
  }
}

export function profileRow(p: Profile, badge: Badge, cacheKey?: string, expiration?: Date, keyAge?: KeyAge): PickerRow {
  return new ProfilePickerRow(p, badge, cacheKey, expiration, keyAge);
}

/** An IAM Identity Center role discovered from an sso-session (no config profile). */
export function ssoRow(role: {
  accountId: string;
  roleName: string;
  accountName?: string;
  ssoSession?: string;
  region?: string;
  cacheKey?: string;
  expiration?: Date;
}): PickerRow {
  const targetText = `sso:${role.accountId}/${role.roleName}`;
  return withSearchText({
    id: targetText,
    target: {
      kind: 'sso',
      accountId: role.accountId,
      roleName: role.roleName,
      ...(role.ssoSession ? { ssoSession: role.ssoSession } : {}),
    },
    targetText,
    name: role.accountName ? `${role.accountName}/${role.roleName}` : targetText,
    badge: 'SSO',
    kind: 'sso',
    accountId: role.accountId,
    roleName: role.roleName,
    chain: [targetText],
    needsMfa: false,
    hasExternalId: false,
    warnings: [],
    ...(role.accountName ? { accountName: role.accountName } : {}),
    ...(role.ssoSession ? { ssoSession: role.ssoSession } : {}),
    ...(role.region ? { region: role.region } : {}),
    ...(role.cacheKey ? { cacheKey: role.cacheKey } : {}),
    ...(role.expiration ? { cachedExpiry: role.expiration.getTime() } : {}),
  });
}

/** The list order: recently used first (most recent first), then the rest by name. */
export function rowOrder(recents: readonly string[]): (a: PickerRow, b: PickerRow) => number {
  const rank = new Map(recents.map((target, i) => [target, i]));
  return (a, b) => {
    const ra = rank.get(a.targetText) ?? Infinity;
    const rb = rank.get(b.targetText) ?? Infinity;
    if (ra !== rb) return ra - rb;
    return a.name.localeCompare(b.name);
  };
}

/** Recently used first (most recent first), then the rest by name. */
export function orderRows(rows: PickerRow[], recents: readonly string[]): PickerRow[] {
  return [...rows].sort(rowOrder(recents));
}

/** `rows` (already in order) with `added` inserted where the order puts them; the others keep their order. */
export function insertRows(
  rows: readonly PickerRow[],
  added: readonly PickerRow[],
  recents: readonly string[],
): PickerRow[] {
  const cmp = rowOrder(recents);
  const out = [...rows];
  for (const row of [...added].sort(cmp)) {
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmp(out[mid]!, row) <= 0) lo = mid + 1;
      else hi = mid;
    }
    out.splice(lo, 0, row);
  }
  return out;
}

const indexes = new WeakMap<readonly PickerRow[], Map<string, number>>();

/** Each row's index by id, built once per rows array (rows are replaced, never changed). */
export function rowIndex(rows: readonly PickerRow[]): ReadonlyMap<string, number> {
  let index = indexes.get(rows);
  if (!index) {
    index = new Map();
    for (let i = 0; i < rows.length; i++) if (!index.has(rows[i]!.id)) index.set(rows[i]!.id, i);
    indexes.set(rows, index);
  }
  return index;
}

/** The picker row of a listed profile or discovered role. */
export function fromProfileRow(r: ProfileRow): PickerRow {
  return r.discovered && r.profile.accountId && r.profile.roleName
    ? ssoRow({
        accountId: r.profile.accountId,
        roleName: r.profile.roleName,
        accountName: r.discovered.accountName,
        ...(r.discovered.sessionName ? { ssoSession: r.discovered.sessionName } : {}),
        ...(r.cacheKey ? { cacheKey: r.cacheKey } : {}),
        ...(r.expiration ? { expiration: r.expiration } : {}),
      })
    : profileRow(r.profile, r.badge, r.cacheKey, r.expiration, r.keyAge);
}

export function loadRows(services: Services, recents: readonly string[]): PickerRow[] {
  return orderRows(listProfiles(services).map(fromProfileRow), recents);
}
