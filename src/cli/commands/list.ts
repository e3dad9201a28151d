// awsx list: every profile with kind, account, role, region, chain, MFA and the cached session's expiry.
import type { Env } from '../../config/paths.js';
import type { Profile } from '../../config/profile-graph.js';
import { createServices } from '../../services/context.js';
import { isoSeconds, formatRemaining } from '../../services/export-format.js';
import { listProfiles, type ProfileRow } from '../../services/profile-rows.js';

export async function listCommand(flags: { json?: boolean }, env: Env): Promise<number> {
  const rows = listProfiles(createServices(env));
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(rows.map(toJson), null, 2)}\n`);
    return 0;
  }
  const table = [['NAME', 'KIND', 'ACCOUNT', 'ROLE', 'REGION', 'MFA', 'SESSION', 'CHAIN / ERROR']];
  for (const r of rows) {
    const p = r.profile;
    const session = r.expiration ? formatRemaining(r.expiration.getTime() - Date.now()) : '';
    table.push([p.name, r.badge, p.accountId ?? '', p.roleName ?? '', p.region ?? '', p.needsMfa ? 'yes' : '', session, p.error ? `error: ${p.error.message}` : chain(p)]);
  }
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  const lines = table.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd());
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

function chain(p: Profile): string {
  return p.parents.length > 0 ? [...p.parents, p.name].join(' -> ') : '';
}

function toJson(r: ProfileRow): Record<string, unknown> {
  const p = r.profile;
  return {
    name: p.name,
    kind: p.kind,
    account: p.accountId ?? null,
    role: p.roleName ?? null,
    roleArn: p.roleArn ?? null,
    region: p.region ?? null,
    chain: [...p.parents, p.name],
    mfa: p.needsMfa,
    mfaSerial: p.mfaSerial ?? null,
    externalId: p.hasExternalId,
    ssoSession: p.ssoSession ?? null,
    sessionExpiration: r.expiration ? isoSeconds(r.expiration) : null,
    error: p.error ? p.error.message : null,
    warnings: p.warnings,
  };
}
