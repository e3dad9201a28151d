// Which IAM Identity Center session a command means: from --sso-session, --profile or --start-url/--sso-region;
// with none of them, the only [sso-session], else the SSO settings of AWS_PROFILE, else the only legacy start
// URL; otherwise an exit-2 error listing the sessions. Also the plan hook for sso:ACCOUNT/ROLE targets.
import { InputError, ProfileConfigError } from '../config/errors.js';
import type { AwsFiles } from '../config/load-config.js';
import type { Env } from '../config/paths.js';
import { ProfileGraph } from '../config/profile-graph.js';
import type { RootSource } from '../config/credential-chain.js';
import { isSsoProfile } from '../config/profile-kinds.js';
import { resolveSsoSettings, ssoSessionSettings, type SsoSettings } from '../config/sso-settings.js';
import { checkRegion } from '../credentials/session-region.js';
import type { PlanOptions, Target } from '../credentials/plan.js';
import { loadAllCachedRoles, roleId, type RolesSnapshot } from './roles-cache.js';

export interface SsoSelector {
  ssoSession?: string;
  profile?: string;
  startUrl?: string;
  ssoRegion?: string;
}

/** Every [sso-session] that is complete, by name (incomplete ones are reported when named). */
export function configuredSessions(files: AwsFiles): Map<string, SsoSettings> {
  const out = new Map<string, SsoSettings>();
  for (const [name, values] of files.ssoSessions) {
    const s = ssoSessionSettings(name, values);
    if (!(s instanceof Error)) out.set(name, s);
  }
  return out;
}

/** Distinct legacy (sso_start_url + sso_region, no sso_session) settings found in profiles. */
export function legacySettings(files: AwsFiles): SsoSettings[] {
  const seen = new Map<string, SsoSettings>();
  for (const raw of files.profiles.values()) {
    const v = raw.values;
    if (
      v.sso_session !== undefined ||
      typeof v.sso_start_url !== 'string' ||
      typeof v.sso_region !== 'string' ||
      !v.sso_start_url ||
      !v.sso_region
    )
      continue;
    seen.set(`${v.sso_start_url} ${v.sso_region}`, { startUrl: v.sso_start_url, region: v.sso_region, scopes: [] });
  }
  return [...seen.values()];
}

function sessionNotFound(name: string, files: AwsFiles): InputError {
  const names = [...files.ssoSessions.keys()];
  return new InputError(
    `no [sso-session ${name}] in ${files.configPath}${names.length > 0 ? ` (sessions: ${names.join(', ')})` : ''}`,
    {
      hint:
        names.length > 0
          ? 'pick one of them with --sso-session'
          : 'add the section, or pass --start-url URL --sso-region REGION',
    },
  );
}

function sessionByName(name: string, files: AwsFiles): SsoSettings {
  const values = files.ssoSessions.get(name);
  if (!values) throw sessionNotFound(name, files);
  const s = ssoSessionSettings(name, values);
  if (s instanceof Error)
    throw new ProfileConfigError(s.message, { hint: `add it to [sso-session ${name}] in ${files.configPath}` });
  return s;
}

/** A profile's SSO settings: its own sso_* keys, or those of the SSO profile its role chain starts from. */
function profileSettings(name: string, files: AwsFiles): SsoSettings {
  const raw = files.profiles.get(name);
  if (!raw) throw new InputError(`unknown profile "${name}"`, { profile: name, hint: 'awsx list shows every profile' });
  const v = raw.values;
  if (!isSsoProfile(v) && v.sso_session === undefined && v.sso_start_url === undefined) {
    const root = new ProfileGraph(files).get(name)?.root;
    if (root?.kind === 'sso') return root.sso;
    throw new InputError(`profile "${name}" does not use IAM Identity Center`, {
      profile: name,
      hint: 'name a profile with sso_session or sso_start_url (or one whose source_profile has them)',
    });
  }
  const s = resolveSsoSettings(name, v, files.ssoSessions);
  if (s instanceof Error) throw s;
  return s;
}

/** The settings a login / roles / populate command means. */
export function selectSsoSettings(files: AwsFiles, env: Env, sel: SsoSelector): SsoSettings {
  if (sel.startUrl !== undefined || sel.ssoRegion !== undefined) {
    if (!sel.startUrl || !sel.ssoRegion)
      throw new InputError('--start-url and --sso-region go together', {
        hint: 'pass both, e.g. --start-url https://my-org.awsapps.com/start --sso-region us-east-1',
      });
    if (!/^https?:\/\/\S+$/.test(sel.startUrl))
      throw new InputError(`--start-url "${sel.startUrl}" is not a URL`, {
        hint: 'e.g. https://my-org.awsapps.com/start',
      });
    checkRegion(sel.ssoRegion, '--sso-region');
    if (sel.profile)
      throw new InputError('--profile cannot be combined with --start-url', {
        hint: 'use one way to name the session',
      });
    if (!sel.ssoSession) return { startUrl: sel.startUrl, region: sel.ssoRegion, scopes: [] };
    const existing = configuredSessions(files).get(sel.ssoSession);
    if (existing && (existing.startUrl !== sel.startUrl || existing.region !== sel.ssoRegion)) {
      throw new InputError(`[sso-session ${sel.ssoSession}] in ${files.configPath} has another start URL or region`, {
        hint: 'drop --start-url/--sso-region, or use another session name',
      });
    }
    return existing ?? { sessionName: sel.ssoSession, startUrl: sel.startUrl, region: sel.ssoRegion, scopes: [] };
  }
  if (sel.ssoSession && sel.profile)
    throw new InputError('give --sso-session or --profile, not both', { hint: 'use one way to name the session' });
  if (sel.ssoSession) return sessionByName(sel.ssoSession, files);
  if (sel.profile) return profileSettings(sel.profile, files);
  const sessions = configuredSessions(files);
  if (sessions.size === 1) return [...sessions.values()][0]!;
  const envProfile = env.AWS_PROFILE;
  if (envProfile && files.profiles.has(envProfile)) {
    try {
      return profileSettings(envProfile, files);
    } catch {
      // AWS_PROFILE is not an SSO profile: fall through
    }
  }
  const legacy = legacySettings(files);
  if (sessions.size === 0 && legacy.length === 1) return legacy[0]!;
  if (sessions.size === 0) {
    throw new InputError(`no IAM Identity Center session is configured in ${files.configPath}`, {
      hint: 'pass --start-url URL --sso-region REGION (awsx sso populate --write then adds the [sso-session])',
    });
  }
  throw new InputError(`several sso-sessions are configured (${[...sessions.keys()].join(', ')}): which one?`, {
    hint: 'pick one with --sso-session NAME',
  });
}

/** Cached role lists whose session is still configured as cached (and every legacy one). */
export function usableRoleCaches(files: AwsFiles, env: Env): RolesSnapshot[] {
  const sessions = configuredSessions(files);
  return loadAllCachedRoles(env).filter((snap) => {
    const name = snap.settings.sessionName;
    if (!name) return true;
    const current = sessions.get(name);
    return current !== undefined && current.startUrl === snap.settings.startUrl;
  });
}

/** The PlanContext hook: the SSO root of an sso:ACCOUNT_ID/ROLE_NAME target. */
export function ssoRootFor(
  files: AwsFiles,
  env: Env,
): (target: Extract<Target, { kind: 'sso' }>, options: PlanOptions) => RootSource {
  return (target, options) => {
    const label = `sso:${target.accountId}/${target.roleName}`;
    const root = (sso: SsoSettings): RootSource => ({
      kind: 'sso',
      profile: label,
      sso: withConfigured(sso, files),
      accountId: target.accountId,
      roleName: target.roleName,
    });
    if (options.ssoSession) return root(sessionByName(options.ssoSession, files));
    const sessions = configuredSessions(files);
    const matches = usableRoleCaches(files, env).filter((snap) => snap.roles.some((r) => roleId(r) === roleId(target)));
    if (matches.length === 1) return root(matches[0]!.settings);
    const configuredMatches = matches.filter((m) => m.settings.sessionName);
    if (configuredMatches.length === 1) return root(configuredMatches[0]!.settings);
    if (sessions.size === 1) return root([...sessions.values()][0]!);
    const legacy = legacySettings(files);
    if (sessions.size === 0 && legacy.length === 1) return root(legacy[0]!);
    if (sessions.size === 0 && legacy.length === 0) {
      throw new InputError(`${label}: no IAM Identity Center session is configured`, {
        hint: 'add an [sso-session] (awsx sso populate --start-url URL --sso-region R --write) and run awsx sso login',
      });
    }
    const names = sessions.size > 0 ? [...sessions.keys()].join(', ') : legacy.map((l) => l.startUrl).join(', ');
    throw new InputError(`${label}: several IAM Identity Center sessions could hold this role (${names})`, {
      hint: 'pick one with --sso-session NAME',
    });
  };
}

/** Settings from a cache file carry the configured scopes when the session is still configured. */
function withConfigured(sso: SsoSettings, files: AwsFiles): SsoSettings {
  return (sso.sessionName && configuredSessions(files).get(sso.sessionName)) || sso;
}
