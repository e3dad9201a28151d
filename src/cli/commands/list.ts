// awsx list: every profile with kind, account, role, region, chain, MFA and the cached session's expiry.
import { systemClock } from '../../config/clock.js';
import type { AwsFiles } from '../../config/load-config.js';
import type { Env } from '../../config/paths.js';
import type { Profile } from '../../config/profile-graph.js';
import { ignoredLinesNotes } from '../../config/ignored-lines.js';
import { createServices } from '../../credentials/context.js';
import { isoSeconds, formatRemaining } from '../../credentials/export-format.js';
import type { ProfileRow } from '../../profiles/profile-row.js';
import { listProfiles } from '../../profiles/rows.js';

export function listCommand(flags: { json?: boolean }, env: Env): number {
  const services = createServices(env, systemClock);
  const rows = listProfiles(services);
  const notes = fileNotes(services.files, rows.length);
  process.stderr.write(notes);
  process.stdout.write(
    flags.json ? `${JSON.stringify(rows.map(toJson), null, 2)}\n` : table(rows, services.clock.now()),
  );
  return 0;
}

function table(rows: ProfileRow[], now: number): string {
  const table = [['NAME', 'KIND', 'ACCOUNT', 'ROLE', 'REGION', 'MFA', 'SESSION', 'CHAIN / ERROR']];
  for (const r of rows) {
    const p = r.profile;
    const session = r.expiration ? formatRemaining(r.expiration.getTime() - now) : '';
    const role = p.roleName ?? (r.keyAge ? `key ${r.keyAge.days}d${r.keyAge.old ? ' old' : ''}` : '');
    table.push([
      p.name,
      r.badge,
      p.accountId ?? '',
      role,
      p.region ?? '',
      p.needsMfa ? 'yes' : '',
      session,
      p.error
        ? `error: ${p.error.message}`
        : r.discovered
          ? `${r.discovered.accountName} (discovered; no profile)`
          : chain(p),
    ]);
  }
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  const lines = table.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
  return `${lines.join('\n')}\n`;
}

/** One stderr line each for ignored lines and for an empty result, so odd files never fail silently. */
function fileNotes(files: AwsFiles, count: number): string {
  let notes = ignoredLinesNotes(files.warnings)
    .map((line) => `awsx: note: ${line}\n`)
    .join('');
  const first = new Map<string, { n: number; message: string }>();
  for (const d of files.differences) {
    const seen = first.get(d.file);
    if (seen) seen.n++;
    else first.set(d.file, { n: 1, message: d.message });
  }
  for (const [file, { n, message }] of first) {
    const more = n > 1 ? ` (and ${n - 1} more ${n === 2 ? 'line' : 'lines'} the AWS CLI reads differently)` : '';
    notes += `awsx: note: ${file}: ${message}${more}\n`;
  }
  if (count === 0)
    notes +=
      `awsx: note: no profiles in ${files.configPath} or ${files.credentialsPath} ` +
      '(try awsx demo, or awsx sso login)\n';
  return notes;
}

/** Chains longer than this are shown (table) and listed (--json `chain`) by their ends only: see listChain. */
export const LISTED_CHAIN_MAX = 16;

function chain(p: Profile): string {
  const length = p.chainLength ?? 1;
  if (length <= 1) return '';
  const names = listChain(p);
  return names ? names.join(' -> ') : `${p.chainStart} -> … ${length - 3} more … -> ${p.source} -> ${p.name}`;
}

/**
 * The chain's profiles, root first, or null when it is longer than LISTED_CHAIN_MAX: each entry names its
 * `source`, so a consumer walks a long chain through the entries and the output stays linear in the number
 * of profiles (a deep chain listed whole in every entry grows quadratically: docs/benchmarks.md).
 */
function listChain(p: Profile): string[] | null {
  if ((p.chainLength ?? 1) > LISTED_CHAIN_MAX) return null;
  return p.parents.length > 0 ? [...p.parents, p.name] : [p.name];
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
    chain: listChain(p),
    source: p.source ?? null,
    chainLength: p.chainLength ?? 1,
    mfa: p.needsMfa,
    mfaSerial: p.mfaSerial ?? null,
    externalId: p.hasExternalId,
    ssoSession: p.ssoSession ?? null,
    accountName: r.discovered?.accountName ?? null,
    configProfile: r.discovered === undefined,
    sessionExpiration: r.expiration ? isoSeconds(r.expiration) : null,
    error: p.error ? p.error.message : null,
    warnings: p.warnings,
    ...(r.keyAge
      ? { key: { id: r.keyAge.keyId, backend: r.keyAge.backend, ageDays: r.keyAge.days, old: r.keyAge.old } }
      : {}),
  };
}
