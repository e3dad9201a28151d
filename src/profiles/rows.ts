// The rows awsx shows for profiles (list, picker): the profile plus its cached session, if any.
import type { Profile } from '../config/profile-graph.js';
import type { RootSource } from '../config/credential-chain.js';
import { stringValue } from '../config/load-config.js';
import type { Services } from '../credentials/context.js';
import { ageInDays, maskKeyId, maxKeyAgeDays } from '../keys/store.js';
import { discoveredRows } from '../sso/discovered-rows.js';
import { CachedSessions } from './cached-sessions.js';
import { EXPIRATION_MARKER } from './credentials-file.js';
import type { Badge, KeyAge, ProfileRow } from './profile-row.js';

export function badgeOf(p: Profile): Badge {
  if (p.error) return 'error';
  if (p.kind === 'keyring') return 'keyring';
  if (p.needsMfa) return 'MFA';
  switch (p.kind) {
    case 'role':
      return 'role';
    case 'sso':
      return 'SSO';
    case 'static':
      return p.root?.kind === 'static' && p.root.sessionToken ? 'session' : 'static';
    case 'process':
      return 'process';
    case 'web-identity':
      return 'web-id';
    case 'login':
      return 'login';
    default:
      return 'env';
  }
}

export function keyAgeOf(root: Extract<RootSource, { kind: 'keyring' }>, maxAgeDays: number, now: number): KeyAge {
  const days = ageInDays(root.since, now);
  return { keyId: maskKeyId(root.accessKeyId), backend: root.backend, days, old: days > maxAgeDays };
}

export function listProfiles(services: Services): ProfileRow[] {
  const cached = new CachedSessions(services, new Map(services.cache.list().map((s) => [s.key, s])));
  const profiles = services.graph.all();
  const rows: ProfileRow[] = new Array<ProfileRow>(profiles.length);
  const maxAge = services.files.keyring ? maxKeyAgeDays(services.env) : 0;
  const now = services.clock.now();
  for (let i = 0; i < profiles.length; i++) {
    const profile = profiles[i]!;
    const row: ProfileRow = { profile, badge: badgeOf(profile) };
    if (profile.root?.kind === 'keyring' && profile.hops.length === 0) row.keyAge = keyAgeOf(profile.root, maxAge, now);
    const key = cached.size > 0 ? cached.keyOf(profile) : undefined;
    if (row.badge === 'session') {
      const written = writtenExpiration(services, profile.name);
      if (written) row.expiration = written;
    } else if (key) {
      row.cacheKey = key;
      const expiration = cached.byKey.get(key)?.credentials.expiration;
      if (expiration) row.expiration = expiration;
    }
    rows[i] = row;
  }
  const discovered = discoveredRows(services, cached);
  return discovered.length > 0 ? rows.concat(discovered) : rows;
}

/** When a session in the files expires: the x_awsx_expiration awsx writes next to the keys (`w`, --write-profile). */
function writtenExpiration(services: Services, name: string): Date | undefined {
  const values = services.files.profiles.get(name)?.values;
  const at = values ? Date.parse(stringValue(values, EXPIRATION_MARKER) ?? '') : NaN;
  return Number.isNaN(at) ? undefined : new Date(at);
}
