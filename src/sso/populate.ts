// `awsx sso populate`: an [sso-session] block and one [profile] per discovered account/role that the config
// does not already have (matched by account, role and start URL, whatever its name). Printing shows exactly
// what --write appends; --write appends it losslessly (existing lines untouched), atomically, under the file
// lock, re-planning from the file as it is then. Re-running adds nothing and leaves the file byte-identical.
import { writeConfigFile } from '../config/atomic-write.js';
import { withFileLock } from '../config/file-lock.js';
import { appendSection, type Entries } from '../config/ini-edit.js';
import {
  configSectionHeader,
  parseAwsFiles,
  readOptionalFile,
  stringValue,
  type AwsFiles,
} from '../config/load-config.js';
import { configFilePath, credentialsFilePath, type Env } from '../config/paths.js';
import { resolveSsoSettings, type SsoSettings } from '../config/sso-settings.js';
import { checkRegion } from '../credentials/session-region.js';
import { checkTemplate, DEFAULT_NAME_TEMPLATE, renderName, slug, uniqueName } from './profile-names.js';
import type { DiscoveredRole } from './roles-cache.js';
import { configuredSessions } from './select.js';

export interface PopulateOptions {
  template?: string;
  /** `region` for every new profile. */
  region?: string;
}

export interface PopulatePlan {
  sessionName: string;
  /** The [sso-session] section to add, when the config lacks it. */
  session?: Entries;
  profiles: Array<{ name: string; entries: Entries; role: DiscoveredRole }>;
  /** Roles that already have a profile. */
  present: number;
}

export interface PopulateResult extends PopulatePlan {
  path: string;
  written: boolean;
}

export function checkPopulateOptions(o: PopulateOptions): void {
  checkTemplate(o.template ?? DEFAULT_NAME_TEMPLATE);
  if (o.region !== undefined) checkRegion(o.region, '--region');
}

/**
 * The sso-session the new profiles use: the named one, a configured one with the same start URL, or a new one
 * named after the URL.
 */
function sessionFor(files: AwsFiles, settings: SsoSettings): { name: string; add: boolean } {
  const sessions = configuredSessions(files);
  if (settings.sessionName) return { name: settings.sessionName, add: !files.ssoSessions.has(settings.sessionName) };
  const same = [...sessions].find(([, s]) => s.startUrl === settings.startUrl && s.region === settings.region);
  if (same) return { name: same[0], add: false };
  let host = 'sso';
  try {
    host = slug(new URL(settings.startUrl).hostname.split('.')[0] ?? '') || 'sso';
  } catch {
    // keep the fallback
  }
  let name = host;
  for (let n = 2; files.ssoSessions.has(name); n++) name = `${host}-${n}`;
  return { name, add: true };
}

/** Config profiles that already take a role of this start URL: "ACCOUNT/ROLE" -> profile name. */
export function configuredRoleProfiles(files: AwsFiles, startUrl: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of files.profiles.values()) {
    const account = stringValue(raw.values, 'sso_account_id');
    const role = stringValue(raw.values, 'sso_role_name');
    if (!account || !role || out.has(`${account}/${role}`)) continue;
    const s = resolveSsoSettings(raw.name, raw.values, files.ssoSessions);
    if (!(s instanceof Error) && s.startUrl === startUrl) out.set(`${account}/${role}`, raw.name);
  }
  return out;
}

export function planPopulate(
  files: AwsFiles,
  settings: SsoSettings,
  roles: readonly DiscoveredRole[],
  options: PopulateOptions = {},
): PopulatePlan {
  const template = options.template ?? DEFAULT_NAME_TEMPLATE;
  checkPopulateOptions(options);
  const session = sessionFor(files, settings);
  const existing = configuredRoleProfiles(files, settings.startUrl);
  const taken = new Set(files.profiles.keys());
  const profiles: PopulatePlan['profiles'] = [];
  let present = 0;
  for (const role of roles) {
    if (existing.has(`${role.accountId}/${role.roleName}`)) {
      present++;
      continue;
    }
    const base = renderName(template, {
      account_name: role.accountName,
      account_id: role.accountId,
      role_name: role.roleName,
      session: session.name,
    });
    const name = uniqueName(base, role.accountId, taken);
    const entries: Array<[string, string]> = [
      ['sso_session', session.name],
      ['sso_account_id', role.accountId],
      ['sso_role_name', role.roleName],
    ];
    if (options.region) entries.push(['region', options.region]);
    profiles.push({ name, entries, role });
  }
  const scopes = settings.scopes.length > 0 ? settings.scopes : ['sso:account:access'];
  const sessionEntries: Entries = [
    ['sso_start_url', settings.startUrl],
    ['sso_region', settings.region],
    ['sso_registration_scopes', scopes.join(',')],
  ];
  return { sessionName: session.name, profiles, present, ...(session.add ? { session: sessionEntries } : {}) };
}

/** The config text with the plan appended (unchanged when there is nothing to add). */
export function applyPopulate(text: string, plan: PopulatePlan): string {
  let out = text;
  if (plan.session) out = appendSection(out, configSectionHeader('sso-session', plan.sessionName), plan.session);
  for (const p of plan.profiles) out = appendSection(out, configSectionHeader('profile', p.name), p.entries);
  return out;
}

/** What --write would append, as its own INI text. */
export function renderPopulate(plan: PopulatePlan): string {
  return applyPopulate('', plan);
}

/** Plans against the config file as it is now and, with `write`, appends under the lock. */
export async function populateConfig(
  env: Env,
  settings: SsoSettings,
  roles: readonly DiscoveredRole[],
  options: PopulateOptions & { write: boolean },
): Promise<PopulateResult> {
  const path = configFilePath(env);
  const planNow = (): { text: string; plan: PopulatePlan } => {
    const text = readOptionalFile(path, 'config file');
    const files = parseAwsFiles(text, readOptionalFile(credentialsFilePath(env), 'credentials file'), {
      configPath: path,
      credentialsPath: credentialsFilePath(env),
    });
    return { text, plan: planPopulate(files, settings, roles, options) };
  };
  if (!options.write) return { ...planNow().plan, path, written: false };
  return withFileLock(path, () => {
    const { text, plan } = planNow();
    const changed = plan.profiles.length > 0 || plan.session !== undefined;
    if (changed) writeConfigFile(path, applyPopulate(text, plan));
    return { ...plan, path, written: changed };
  });
}
