// The roles of an IAM Identity Center session for awsx sso roles and awsx sso populate: from the discovery
// cache unless --refresh (or there is none yet), with progress on stderr and a one-line summary.
import { systemClock } from '../config/clock.js';
import type { Env } from '../config/paths.js';
import type { SsoSettings } from '../config/sso-settings.js';
import { discoveryRate, rolesFor, type RefreshResult } from '../sso/discovery.js';
import { describeDiff } from '../sso/roles-cache.js';
import { cancellable, progressLine, type SsoSelectFlags } from './sso-flags.js';

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86400) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86400)} days`;
}

/** The roles of `settings` (cache unless refresh), with progress on stderr and a one-line summary. */
export async function loadRoles(
  settings: SsoSettings,
  flags: SsoSelectFlags,
  env: Env,
): Promise<RefreshResult & { fromCache: boolean }> {
  const rate = discoveryRate(flags.rate, env);
  const progress = progressLine('awsx: discovering roles');
  const started = systemClock.now();
  let retries = 0;
  const result = await cancellable('discovering IAM Identity Center roles', (signal) =>
    rolesFor(settings, flags.refresh === true, {
      env,
      clock: systemClock,
      rate,
      signal,
      onProgress: progress.update,
      onRetry: () => retries++,
      ...(flags.ssoAccessToken !== undefined ? { accessToken: flags.ssoAccessToken } : {}),
    }),
  ).finally(progress.end);
  const { snapshot } = result;
  const roles = `${snapshot.roles.length} role${snapshot.roles.length === 1 ? '' : 's'}`;
  const counts = `${roles} in ${snapshot.accountCount} account${snapshot.accountCount === 1 ? '' : 's'}`;
  if (result.fromCache) {
    process.stderr.write(
      `awsx: ${counts}, discovered ${ago(systemClock.now() - snapshot.fetchedAt.getTime())} ago ` +
        '(--refresh to discover again)\n',
    );
  } else {
    const changes = result.previous ? `; ${describeDiff(result.diff)}` : '';
    const retried = retries > 0 ? `, ${retries} throttled or failed request${retries === 1 ? '' : 's'} retried` : '';
    process.stderr.write(
      `awsx: ${counts}, discovered in ${((systemClock.now() - started) / 1000).toFixed(1)} s${retried}${changes}\n`,
    );
  }
  return result;
}
