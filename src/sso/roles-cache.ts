// The discovered account/role list of one IAM Identity Center session, cached in
// $AWSX_CACHE_DIR/sso/roles-<sha1 of session name or legacy start URL>.json (0600, with its timestamp), and
// the difference between two lists ("3 new roles, 1 removed"). Holds no secrets.
import { join } from 'node:path';
import { awsxCacheDir, type Env } from '../config/paths.js';
import { CACHE_ROLE, PrivateFolder } from '../config/private-folder.js';
import { ssoTokenCacheKey, type SsoSettings } from '../config/sso-settings.js';

export interface DiscoveredRole {
  accountId: string;
  accountName: string;
  emailAddress?: string;
  roleName: string;
}

export interface RolesSnapshot {
  settings: SsoSettings;
  /** When the list was fetched. */
  fetchedAt: Date;
  accountCount: number;
  /** Sorted by account name, account id, role name. */
  roles: DiscoveredRole[];
}

export interface RolesDiff {
  added: DiscoveredRole[];
  removed: DiscoveredRole[];
}

interface CacheFile {
  version: 1;
  sessionName: string | null;
  startUrl: string;
  region: string;
  scopes: string[];
  fetchedAt: string;
  accounts: Array<{ accountId: string; accountName: string; emailAddress?: string; roles: string[] }>;
}

export function rolesCacheDir(env: Env): string {
  return join(awsxCacheDir(env), 'sso');
}

export function rolesCachePath(settings: Pick<SsoSettings, 'sessionName' | 'startUrl'>, env: Env): string {
  return join(rolesCacheDir(env), `roles-${ssoTokenCacheKey(settings)}.json`);
}

export const roleId = (r: { accountId: string; roleName: string }): string => `${r.accountId}/${r.roleName}`;

export function sortRoles(roles: DiscoveredRole[]): DiscoveredRole[] {
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...roles].sort(
    (a, b) =>
      cmp(a.accountName.toLowerCase(), b.accountName.toLowerCase()) ||
      cmp(a.accountId, b.accountId) ||
      cmp(a.roleName, b.roleName),
  );
}

const cache = (env: Env): PrivateFolder => new PrivateFolder(awsxCacheDir(env), CACHE_ROLE);

function fromFile(f: CacheFile): RolesSnapshot | undefined {
  if (f?.version !== 1 || typeof f.startUrl !== 'string' || !Array.isArray(f.accounts)) return undefined;
  const roles = f.accounts.flatMap((a) =>
    a.roles.map((roleName) => ({
      accountId: a.accountId,
      accountName: a.accountName,
      roleName,
      ...(a.emailAddress ? { emailAddress: a.emailAddress } : {}),
    })),
  );
  const settings: SsoSettings = {
    startUrl: f.startUrl,
    region: f.region,
    scopes: f.scopes ?? [],
    ...(f.sessionName ? { sessionName: f.sessionName } : {}),
  };
  return { settings, fetchedAt: new Date(f.fetchedAt), accountCount: f.accounts.length, roles: sortRoles(roles) };
}

function readCacheFile(path: string, env: Env): RolesSnapshot | undefined {
  const data = cache(env).read(path);
  if (!data) return undefined;
  try {
    return fromFile(JSON.parse(data.toString('utf8')) as CacheFile);
  } catch {
    return undefined; // missing or corrupt: no cache
  }
}

/** The cached list for these settings, if any (and if it was made for the same start URL). */
export function loadCachedRoles(settings: SsoSettings, env: Env): RolesSnapshot | undefined {
  const snapshot = readCacheFile(rolesCachePath(settings, env), env);
  return snapshot && snapshot.settings.startUrl === settings.startUrl ? snapshot : undefined;
}

/** Every cached list on disk. */
export function loadAllCachedRoles(env: Env): RolesSnapshot[] {
  return cache(env)
    .list('sso')
    .filter((n) => n.startsWith('roles-') && n.endsWith('.json'))
    .map((n) => readCacheFile(join(rolesCacheDir(env), n), env))
    .filter((s): s is RolesSnapshot => s !== undefined);
}

export function saveRoles(snapshot: RolesSnapshot, env: Env): void {
  const accounts = new Map<string, CacheFile['accounts'][number]>();
  for (const r of sortRoles(snapshot.roles)) {
    let a = accounts.get(r.accountId);
    if (!a)
      accounts.set(
        r.accountId,
        (a = {
          accountId: r.accountId,
          accountName: r.accountName,
          ...(r.emailAddress ? { emailAddress: r.emailAddress } : {}),
          roles: [],
        }),
      );
    a.roles.push(r.roleName);
  }
  const s = snapshot.settings;
  const file: CacheFile = {
    version: 1,
    sessionName: s.sessionName ?? null,
    startUrl: s.startUrl,
    region: s.region,
    scopes: s.scopes,
    fetchedAt: snapshot.fetchedAt.toISOString(),
    accounts: [...accounts.values()],
  };
  cache(env).write(rolesCachePath(s, env), `${JSON.stringify(file)}\n`);
}

export function diffRoles(before: readonly DiscoveredRole[], after: readonly DiscoveredRole[]): RolesDiff {
  const old = new Set(before.map(roleId));
  const now = new Set(after.map(roleId));
  return { added: after.filter((r) => !old.has(roleId(r))), removed: before.filter((r) => !now.has(roleId(r))) };
}

/** "3 new roles, 1 removed", or "no changes". */
export function describeDiff(diff: RolesDiff): string {
  const parts: string[] = [];
  if (diff.added.length > 0) parts.push(`${diff.added.length} new role${diff.added.length === 1 ? '' : 's'}`);
  if (diff.removed.length > 0) parts.push(`${diff.removed.length} removed`);
  return parts.length > 0 ? parts.join(', ') : 'no changes';
}
