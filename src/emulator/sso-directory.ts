// The emulated IAM Identity Center directory: accounts and the permission sets (roles) of the user in each.

export interface SsoAccount {
  accountId: string;
  accountName: string;
  emailAddress: string;
  /** Roles assigned to the user: listed by ListAccountRoles, usable with GetRoleCredentials. */
  roles: string[];
  /** Roles that exist in the account but are not assigned: GetRoleCredentials answers ForbiddenException. */
  unassignedRoles?: string[];
}

export interface SsoDirectory {
  accounts: SsoAccount[];
}

export interface GenerateDirectoryOptions {
  /** Number of accounts (default 3). */
  accounts?: number;
  /** Roles per account: a number, or an inclusive [min, max] range (default 2). */
  rolesPerAccount?: number | [number, number];
  /** PRNG seed: the same seed gives the same directory (default 1). */
  seed?: number;
  /** Organisation name used in account names and e-mails (default "acme"). */
  org?: string;
}

const ROLES = [
  'AdministratorAccess',
  'ReadOnlyAccess',
  'PowerUserAccess',
  'ViewOnlyAccess',
  'DeveloperAccess',
  'SecurityAudit',
  'Billing',
  'DatabaseAdministrator',
  'NetworkAdministrator',
  'SupportUser',
  'DataScientist',
  'SystemAdministrator',
];
const TEAMS = [
  'payments',
  'identity',
  'platform',
  'data',
  'analytics',
  'search',
  'checkout',
  'billing',
  'logistics',
  'mobile',
  'ml',
  'security',
  'networking',
  'observability',
  'marketing',
  'catalog',
  'inventory',
  'messaging',
  'edge',
  'media',
];
const STAGES = ['prod', 'staging', 'dev', 'sandbox', 'qa', 'shared'];

/** Deterministic PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Builds a realistic directory: unique 12-digit ids, names like "acme-payments-prod", distinct roles per account. */
export function generateDirectory(options: GenerateDirectoryOptions = {}): SsoDirectory {
  const count = options.accounts ?? 3;
  const range = options.rolesPerAccount ?? 2;
  const [minRoles, maxRoles] = typeof range === 'number' ? [range, range] : range;
  const org = options.org ?? 'acme';
  const rand = seededRandom(options.seed ?? 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;

  const ids = new Set<string>();
  const names = new Set<string>();
  const accounts: SsoAccount[] = [];
  for (let i = 0; i < count; i++) {
    let accountId: string;
    do accountId = String(100000000000 + Math.floor(rand() * 899999999999));
    while (ids.has(accountId));
    ids.add(accountId);

    let accountName = `${org}-${pick(TEAMS)}-${pick(STAGES)}`;
    for (let n = 2; names.has(accountName); n++) accountName = `${org}-${pick(TEAMS)}-${pick(STAGES)}-${n}`;
    names.add(accountName);

    const roleCount = minRoles + Math.floor(rand() * (maxRoles - minRoles + 1));
    accounts.push({
      accountId,
      accountName,
      emailAddress: `aws+${accountName}@${org}.example.com`,
      roles: pickRoles(roleCount, rand),
    });
  }
  return { accounts };
}

// `n` distinct role names in a shuffled order; beyond the well-known list, numbered custom roles.
function pickRoles(n: number, rand: () => number): string[] {
  const pool = [...ROLES];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [pool[i], pool[j]] = [pool[j] as string, pool[i] as string];
  }
  const roles = pool.slice(0, n);
  for (let i = roles.length; i < n; i++) roles.push(`CustomRole${String(i - ROLES.length + 1).padStart(3, '0')}`);
  return roles;
}

/** Finds an account by id. */
export function findAccount(dir: SsoDirectory, accountId: string): SsoAccount | undefined {
  return dir.accounts.find((a) => a.accountId === accountId);
}

/** Accounts visible to the user: those with at least one assigned role. */
export function visibleAccounts(dir: SsoDirectory): SsoAccount[] {
  return dir.accounts.filter((a) => a.roles.length > 0);
}

/** Assigns (true) or unassigns (false) a role; the role moves between `roles` and `unassignedRoles`. */
export function setAssignment(dir: SsoDirectory, accountId: string, roleName: string, assigned: boolean): void {
  const account = findAccount(dir, accountId);
  if (!account) throw new Error(`unknown account ${accountId}`);
  const unassigned = (account.unassignedRoles ??= []);
  account.roles = account.roles.filter((r) => r !== roleName);
  account.unassignedRoles = unassigned.filter((r) => r !== roleName);
  (assigned ? account.roles : account.unassignedRoles).push(roleName);
}
