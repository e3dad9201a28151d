// Rows for discovered IAM Identity Center roles that have no config profile (awsx list, the picker). They
// come from the discovery caches only: listing never calls AWS. Each row is named by its target,
// sso:ACCOUNT_ID/ROLE_NAME, which every identity command accepts.
import type { Profile } from '../config/profile-graph.js';
import type { RootSource } from '../config/credential-chain.js';
import type { Services } from '../credentials/context.js';
import { preparePlan } from '../credentials/prepared-plan.js';
import type { CachedSessions } from '../profiles/cached-sessions.js';
import type { ProfileRow } from '../profiles/profile-row.js';
import type { CachedSession } from '../credentials/session-cache.js';
import type { RolesSnapshot } from './roles-cache.js';
import { configuredSessions, usableRoleCaches } from './select.js';

/**
 * Rows of the cached role lists (default: every usable cache on disk; the picker passes roles as they stream in).
 * `cached`: the cached sessions, to show each role's expiry (a plain map compares every role with it).
 */
export function discoveredRows(
  services: Services,
  cached: Pick<CachedSessions, 'byKey' | 'mayHold'> | ReadonlyMap<string, CachedSession>,
  caches: readonly RolesSnapshot[] = usableRoleCaches(services.files, services.env),
): ProfileRow[] {
  if (caches.length === 0) return [];
  const byKey = 'byKey' in cached ? cached.byKey : cached;
  const sessions = configuredSessions(services.files);
  const covered = new Set<string>();
  for (const p of services.graph.all()) {
    if (p.root?.kind === 'sso' && p.hops.length === 0)
      covered.add(`${p.root.sso.startUrl} ${p.root.accountId}/${p.root.roleName}`);
  }
  const rows: ProfileRow[] = [];
  const named = new Set<string>();
  for (const snap of caches) {
    const sso = (snap.settings.sessionName && sessions.get(snap.settings.sessionName)) || snap.settings;
    for (const r of snap.roles) {
      const name = `sso:${r.accountId}/${r.roleName}`;
      if (covered.has(`${sso.startUrl} ${r.accountId}/${r.roleName}`) || named.has(name)) continue;
      named.add(name);
      const root: RootSource = { kind: 'sso', profile: name, sso, accountId: r.accountId, roleName: r.roleName };
      const profile: Profile = {
        name,
        kind: 'sso',
        accountId: r.accountId,
        roleName: r.roleName,
        needsMfa: false,
        hasExternalId: false,
        ...(sso.sessionName ? { ssoSession: sso.sessionName } : {}),
        ssoStartUrl: sso.startUrl,
        parents: [],
        root,
        hops: [],
        warnings: [],
        inConfig: false,
        inCredentials: false,
      };
      const candidate = 'mayHold' in cached ? cached.mayHold(root, []) : byKey.size > 0;
      const key = candidate
        ? preparePlan({ label: name, root, hops: [], chain: [name] }, services.env).finalKey
        : undefined;
      const hit = key ? byKey.get(key) : undefined;
      rows.push({
        profile,
        badge: 'SSO',
        discovered: {
          accountName: r.accountName,
          ...(sso.sessionName ? { sessionName: sso.sessionName } : {}),
          startUrl: sso.startUrl,
        },
        ...(key ? { cacheKey: key } : {}),
        ...(hit?.credentials.expiration ? { expiration: hit.credentials.expiration } : {}),
      });
    }
  }
  return rows;
}
