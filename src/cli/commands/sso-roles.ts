// awsx sso roles: every account/role the IAM Identity Center user can take, with account names; from the
// discovery cache unless --refresh (or there is none yet).
import { loadAwsFiles } from '../../config/load-config.js';
import type { Env } from '../../config/paths.js';
import { configuredRoleProfiles } from '../../sso/populate.js';
import { selectSsoSettings } from '../../sso/select.js';
import { loadRoles } from '../load-roles.js';
import { selectorOf, type SsoSelectFlags } from '../sso-flags.js';

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
