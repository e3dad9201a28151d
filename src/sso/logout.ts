// Logout, as `aws sso logout` (CLI v2): for every token in ~/.aws/sso/cache, the portal Logout in the token's
// region (failures ignored), then the file goes; client registrations stay. The AWS CLI's cached SSO role
// credentials (~/.aws/cli/cache, ProviderType "sso") and awsx's own cached SSO role sessions go too.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cliCacheDir, ssoCacheDir, type Env } from '../config/paths.js';
import type { SessionCache } from '../credentials/session-cache.js';

export interface LogoutResult {
  /** Tokens removed (one per login). */
  tokens: number;
  /** Portal Logout calls that failed (the token is removed anyway). */
  logoutFailures: number;
  /** Cached role credentials removed (AWS CLI + awsx). */
  roleCredentials: number;
}

function jsonFiles(dir: string): Array<{ path: string; data: Record<string, unknown> }> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: Array<{ path: string; data: Record<string, unknown> }> = [];
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    const path = join(dir, name);
    try {
      const data = JSON.parse(readFileSync(path, 'utf8')) as unknown;
      if (data && typeof data === 'object' && !Array.isArray(data))
        out.push({ path, data: data as Record<string, unknown> });
    } catch {
      // not ours to judge: leave unreadable files alone
    }
  }
  return out;
}

export async function ssoLogout(env: Env, cache: SessionCache): Promise<LogoutResult> {
  const result: LogoutResult = { tokens: 0, logoutFailures: 0, roleCredentials: 0 };
  const tokens = jsonFiles(ssoCacheDir(env)).filter((f) => typeof f.data.accessToken === 'string');
  if (tokens.length > 0) {
    const { portalLogout } = await import('../aws/sso-portal.js');
    await Promise.all(
      tokens.map(async ({ path, data }) => {
        const region = typeof data.region === 'string' && data.region ? data.region : 'us-east-1';
        try {
          await portalLogout(data.accessToken as string, region);
        } catch {
          result.logoutFailures++;
        }
        rmSync(path, { force: true });
        result.tokens++;
      }),
    );
  }
  for (const { path, data } of jsonFiles(cliCacheDir(env))) {
    if (data.ProviderType !== 'sso') continue;
    rmSync(path, { force: true });
    result.roleCredentials++;
  }
  for (const session of cache.list()) {
    if (session.kind !== 'sso-role') continue;
    cache.delete(session.key);
    result.roleCredentials++;
  }
  return result;
}
