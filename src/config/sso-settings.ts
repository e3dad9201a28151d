// SSO settings of a profile: from its [sso-session] (sso_session = NAME) or from legacy sso_start_url keys.
import { ProfileConfigError } from './errors.js';
import { stringValue, type Values } from './load-config.js';

export interface SsoSettings {
  /** The sso-session name; undefined for legacy profiles. */
  sessionName?: string;
  startUrl: string;
  region: string;
  scopes: string[];
}

/** The settings of each parsed [sso-session] section (its values object: a new parse reads it again). */
const sessionSettings = new WeakMap<Values, SsoSettings | Error>();

export function resolveSsoSettings(
  profile: string,
  v: Values,
  sessions: Map<string, Values>,
): SsoSettings | ProfileConfigError {
  const fail = (message: string, hint: string): ProfileConfigError =>
    new ProfileConfigError(`profile "${profile}": ${message}`, { profile, hint });
  const sessionName = stringValue(v, 'sso_session');
  const profileUrl = stringValue(v, 'sso_start_url');
  const profileRegion = stringValue(v, 'sso_region');
  if (sessionName) {
    const session = sessions.get(sessionName);
    if (!session)
      return fail(
        `sso_session "${sessionName}" has no [sso-session ${sessionName}] section`,
        `add the section with sso_start_url and sso_region`,
      );
    // Read once per [sso-session], not once per profile that names it (hundreds in a large config).
    let settings = sessionSettings.get(session);
    if (!settings) {
      settings = ssoSessionSettings(sessionName, session);
      sessionSettings.set(session, settings);
    }
    if (settings instanceof Error) return fail(settings.message, `add it to [sso-session ${sessionName}]`);
    if (profileUrl && profileUrl !== settings.startUrl)
      return fail('sso_start_url differs from its sso-session', 'remove sso_start_url from the profile');
    if (profileRegion && profileRegion !== settings.region)
      return fail('sso_region differs from its sso-session', 'remove sso_region from the profile');
    return settings;
  }
  if (!profileUrl || !profileRegion) {
    return fail(
      `is an SSO profile without ${profileUrl ? 'sso_region' : 'sso_start_url'}`,
      'add sso_session = <name>, or both sso_start_url and sso_region',
    );
  }
  return { startUrl: profileUrl, region: profileRegion, scopes: [] };
}

export function ssoSessionSettings(name: string, session: Values): SsoSettings | Error {
  const startUrl = stringValue(session, 'sso_start_url');
  const region = stringValue(session, 'sso_region');
  if (!startUrl) return new Error(`[sso-session ${name}] has no sso_start_url`);
  if (!region) return new Error(`[sso-session ${name}] has no sso_region`);
  const scopes = (stringValue(session, 'sso_registration_scopes') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return { sessionName: name, startUrl, region, scopes };
}

/** File name of the AWS CLI's token cache entry: sha1 of the session name, or of the legacy start URL. */
export function ssoTokenCacheKey(settings: Pick<SsoSettings, 'sessionName' | 'startUrl'>): string {
  return process
    .getBuiltinModule('node:crypto')
    .createHash('sha1')
    .update(settings.sessionName ?? settings.startUrl)
    .digest('hex');
}
