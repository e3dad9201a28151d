// The rows awsx shows for profiles (list, picker): the profile plus its cached session, if any.
import type { Profile } from '../config/profile-graph.js';
import type { Services } from './context.js';
import { buildPlan } from './plan.js';
import { preparePlan } from './prepared-plan.js';
import { discoveredRows } from './sso-discovered-rows.js';

export type Badge = 'role' | 'MFA' | 'SSO' | 'static' | 'process' | 'web-id' | 'env' | 'error';

export interface ProfileRow {
  profile: Profile;
  badge: Badge;
  cacheKey?: string;
  expiration?: Date;
  /** A discovered IAM Identity Center role without a config profile (its name is sso:ACCOUNT_ID/ROLE_NAME). */
  discovered?: { accountName: string; sessionName?: string; startUrl: string };
}

export function badgeOf(p: Profile): Badge {
  if (p.error) return 'error';
  if (p.needsMfa) return 'MFA';
  switch (p.kind) {
    case 'role':
      return 'role';
    case 'sso':
      return 'SSO';
    case 'static':
      return 'static';
    case 'process':
      return 'process';
    case 'web-identity':
      return 'web-id';
    default:
      return 'env';
  }
}

/** Cache key of the session `awsx assume NAME` (no flags) would produce, or undefined. */
export function defaultCacheKey(services: Services, p: Profile): string | undefined {
  if (p.error || !p.root) return undefined;
  try {
    return preparePlan(buildPlan({ kind: 'profile', name: p.name }, {}, { graph: services.graph, env: services.env }), services.env).finalKey;
  } catch {
    return undefined;
  }
}

export function listProfiles(services: Services): ProfileRow[] {
  const cached = new Map(services.cache.list().map((s) => [s.key, s]));
  const rows: ProfileRow[] = services.graph.all().map((profile) => {
    const key = cached.size > 0 ? defaultCacheKey(services, profile) : undefined;
    const hit = key ? cached.get(key) : undefined;
    return { profile, badge: badgeOf(profile), ...(key ? { cacheKey: key } : {}), ...(hit?.credentials.expiration ? { expiration: hit.credentials.expiration } : {}) };
  });
  return [...rows, ...discoveredRows(services, cached)];
}
