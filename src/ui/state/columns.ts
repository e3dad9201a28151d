// The list's column widths, from the rows on screen (never the whole list: a keystroke at 20,000 rows
// measures the 20-odd rows it shows). Name, kind and session always; then the account id and the role;
// names and roles grow to their longest on screen; then the region and the account name when they fit
// whole; what is left goes to the name, so the session column stays at the right edge. Each width
// includes the gap after it.

export interface Columns {
  name: number;
  badge: number;
  account: number;
  accountName: boolean;
  role: number;
  region: number;
  expiry: number;
}

export interface ColumnContent {
  name: string;
  badge: string;
  error?: string | undefined;
  accountId?: string | undefined;
  accountName?: string | undefined;
  roleName?: string | undefined;
  /** A keyring profile's key age, shown where a role would be. */
  keyAge?: { days: number; old: boolean } | undefined;
  region?: string | undefined;
}

/** What a keyring row shows in the role column: `key 12d`, `key 120d old`. */
export function keyAgeText(age: { days: number; old: boolean }): string {
  return `key ${age.days}d${age.old ? ' old' : ''}`;
}

/** The selection marker before each row. */
export const MARKER = 2;
/** `↻expired`, `↻!59:59`, `SESSION`. */
const EXPIRY = 8;
const NAME_MIN = 12;
const ROLE_MIN = 12;
const ACCOUNT_ID = 12;

interface Natural {
  name: number;
  badge: number;
  accountId: boolean;
  accountName: number;
  role: number;
  region: number;
}

function natural(rows: readonly ColumnContent[]): Natural {
  const n: Natural = {
    name: 'PROFILE'.length,
    badge: 'KIND'.length,
    accountId: false,
    accountName: 0,
    role: 0,
    region: 0,
  };
  for (const r of rows) {
    n.name = Math.max(n.name, r.name.length);
    n.badge = Math.max(n.badge, (r.error ? 'error' : r.badge).length);
    if (r.accountId) n.accountId = true;
    if (r.accountName) n.accountName = Math.max(n.accountName, r.accountName.length);
    const role = r.roleName ?? (r.keyAge ? keyAgeText(r.keyAge) : undefined);
    if (role) n.role = Math.max(n.role, role.length, 'ROLE'.length);
    if (r.region) n.region = Math.max(n.region, r.region.length, 'REGION'.length);
  }
  return n;
}

export function columnsFor(width: number, rows: readonly ColumnContent[]): Columns {
  const n = natural(rows);
  const badge = n.badge + 1;
  const avail = Math.max(0, width - MARKER - badge - EXPIRY);
  const nameMin = Math.min(avail, Math.min(n.name, NAME_MIN) + 1);
  const roleMin = Math.min(n.role, ROLE_MIN) + 1;
  let free = avail - nameMin;
  const take = (want: number): number => {
    if (want <= 1 || want > free) return 0;
    free -= want;
    return want;
  };
  const account = n.accountId ? take(ACCOUNT_ID + 1) : 0;
  let role = n.role > 0 ? take(roleMin) : 0;
  // Grow the name and the role towards their longest on screen, in proportion to what each lacks.
  let name = nameMin;
  const nameNeed = n.name + 1 - name;
  const roleNeed = role > 0 ? n.role + 1 - role : 0;
  if (nameNeed + roleNeed > 0 && free > 0) {
    const share = Math.min(1, free / (nameNeed + roleNeed));
    const roleGain = Math.floor(roleNeed * share);
    const nameGain = Math.min(nameNeed, free - roleGain);
    role += roleGain;
    name += nameGain;
    free -= roleGain + nameGain;
  }
  // Then the region and the account name, when there is room for them whole.
  const region = n.region > 0 ? take(n.region + 1) : 0;
  const accountName = account > 0 && n.accountName > 0 && take(n.accountName + 1) > 0;
  name += Math.max(0, free);
  return {
    name: Math.max(1, name),
    badge,
    account: account + (accountName ? n.accountName + 1 : 0),
    accountName,
    role,
    region,
    expiry: EXPIRY,
  };
}

/**
 * The width the list needs to show every row whole (account names aside): the detail pane beside it gives
 * up room for it. Read once per change of the rows, never per keystroke.
 */
export function naturalWidth(rows: readonly ColumnContent[]): number {
  const n = natural(rows);
  return (
    MARKER +
    n.name +
    1 +
    n.badge +
    1 +
    (n.accountId ? ACCOUNT_ID + 1 : 0) +
    (n.role ? n.role + 1 : 0) +
    (n.region ? n.region + 1 : 0) +
    EXPIRY
  );
}

/** The same widths as before when nothing changed, so memoised rows do not redraw. */
export function sameColumns(a: Columns | undefined, b: Columns): boolean {
  return (
    a !== undefined &&
    a.name === b.name &&
    a.badge === b.badge &&
    a.account === b.account &&
    a.accountName === b.accountName &&
    a.role === b.role &&
    a.region === b.region &&
    a.expiry === b.expiry
  );
}
