// awsx sso roles: every account/role the IAM Identity Center user can take, with account names; from the
// discovery cache unless --refresh (or there is none yet).
import { systemClock } from '../../config/clock.js';
import { loadAwsFiles } from '../../config/load-config.js';
import type { Env } from '../../config/paths.js';
import type { SsoSettings } from '../../config/sso-settings.js';
import { discoveryRate, rolesFor, type RefreshResult } from '../../sso/discovery.js';
import { describeDiff } from '../../sso/roles-cache.js';
import { configuredRoleProfiles } from '../../sso/populate.js';
import { selectSsoSettings } from '../../sso/select.js';
import { cancellable, progressLine, selectorOf, type SsoSelectFlags } from './sso-flags.js';

export function ago(ms: number): string {
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
  const counts = `${snapshot.roles.length} role${snapshot.roles.length === 1 ? '' : 's'} in ${snapshot.accountCount} account${snapshot.accountCount === 1 ? '' : 's'}`;
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

export async function ssoRolesCommand(flags: SsoSelectFlags & { json?: boolean }, env: Env): Promise<number> {
  const files = loadAwsFiles(env);
  const settings = selectSsoSettings(files, env, selectorOf(flags));
  const { snapshot } = await loadRoles(settings, flags, env);
  const profiles = configuredRoleProfiles(files, settings.startUrl);
  const rows = snapshot.roles.map((r) => ({
    ...r,
    target: `sso:${r.accountId}/${r.roleName}`,
    profile: profiles.get(`${r.accountId}/${r.roleName}`) ?? null,
  }));
  if (flags.json) {
    const out = rows.map((r) => ({
      accountId: r.accountId,
      accountName: r.accountName,
      roleName: r.roleName,
      emailAddress: r.emailAddress ?? null,
      target: r.target,
      profile: r.profile,
    }));
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }
  const table = [
    ['ACCOUNT', 'NAME', 'ROLE', 'PROFILE'],
    ...rows.map((r) => [r.accountId, r.accountName, r.roleName, r.profile ?? '']),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  process.stdout.write(
    `${table
      .map((row) =>
        row
          .map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]!)))
          .join('  ')
          .trimEnd(),
      )
      .join('\n')}\n`,
  );
  return 0;
}
