// Console sign-in for a resolved session: pick the credentials that may sign in (role sessions as they
// are; IAM user keys through GetFederationToken), get a sign-in token from the partition's federation
// endpoint, build the login URL and hand it to the browser. The URL is a secret: it is returned to the
// caller or given to the browser, and never written anywhere else.
import type { Credentials } from '../aws/credentials.js';
import { AwsCallError } from '../aws/errors.js';
import { InputError } from '../config/errors.js';
import { COLOR_KEY, identityColor } from '../config/identity-color.js';
import { loadAwsFiles, stringValue } from '../config/load-config.js';
import type { Env } from '../config/paths.js';
import { ProfileGraph } from '../config/profile-graph.js';
import type { RootSource } from '../config/credential-chain.js';
import { toSessionName } from '../config/validate.js';
import { consoleDestination, consoleSite, type ConsoleSite } from './destination.js';
import type { Session } from '../credentials/engine.js';
import { credentialsKind, type CredentialKind } from '../credentials/kind.js';
import { consoleMode, MODE_KEY, openPrepared, placeOf, prepareOpen } from './browser.js';
import type { ConsoleMode, Look } from './browser.js';

export interface ConsoleOptions {
  /** Region to land in (default: the session's region). */
  region?: string;
  /** A service short name (s3, ec2, iam) or a console URL of the session's partition. */
  destination?: string;
  /** Seconds: the console session length, or the federation token's lifetime for IAM user keys. */
  duration?: number;
  /** A browser command (%s = the URL), else BROWSER, else the platform's opener. */
  browser?: string;
  /** default browser, an isolated Chromium profile, or a Firefox container (else the profile's, else the env's). */
  mode?: ConsoleMode;
  /** Sign out of the browser's current console session first. */
  signout?: boolean;
  /** Things the user should know (a duration that cannot apply...); never receives the URL. */
  onNotice?: (message: string) => void;
  signal?: AbortSignal;
}

export const CONSOLE_SESSION_MIN = 900;
export const CONSOLE_SESSION_MAX = 43200;
export const FEDERATION_TOKEN_MAX = 129600;
/** Grants the user's own rights: a federation token's rights are its user's policies ∩ this policy. */
export const FEDERATION_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
});
export const ISSUER = 'awsx';

const NO_DURATION: Partial<Record<CredentialKind, string>> = {
  chained: 'a chained role (assumed with temporary credentials)',
  sso: 'IAM Identity Center role credentials',
  'web-identity': 'a web-identity role',
  instance: 'EC2/ECS instance role credentials',
  temporary: 'temporary credentials from outside awsx',
};

/**
 * Checks region and destination before any credentials are fetched (no MFA prompt for a typo). `arn` is the
 * role the session will be for, if any: it decides the partition.
 */
export function checkConsoleTarget(
  target: { label: string; profile?: string; region?: string; arn?: string },
  destination: string | undefined,
): void {
  consoleDestination(consoleSite(target), destination);
}

/** The sign-in URL for the session (a secret: for --print and openConsoleForSession only). */
export async function consoleUrlForSession(env: Env, session: Session, options: ConsoleOptions = {}): Promise<string> {
  const region = options.region ?? session.region;
  const site = consoleSite({
    label: session.label,
    ...(region ? { region } : {}),
    ...(session.arn ? { arn: session.arn } : {}),
    ...(session.profile ? { profile: session.profile } : {}),
    ...(env.AWSX_FEDERATION_ENDPOINT ? { federationOverride: env.AWSX_FEDERATION_ENDPOINT } : {}),
  });
  const destination = consoleDestination(site, options.destination);
  const { credentials, sessionDuration } = await signinCredentials(env, session, site, options);
  const { getSigninToken } = await import('../aws/federation.js');
  const token = await getSigninToken({
    endpoint: site.federation,
    credentials,
    label: session.label,
    ...(sessionDuration !== undefined ? { sessionDuration } : {}),
    ...(session.profile ? { profile: session.profile } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return signinUrl(site, token, destination, options.signout === true, Boolean(env.AWSX_FEDERATION_ENDPOINT));
}

/** The identity's console settings: its colour and browser mode (awsx_color, awsx_console_mode, AWSX_CONSOLE_MODE). */
export function consoleSettings(
  env: Env,
  session: Pick<Session, 'label' | 'profile'>,
  explicit?: ConsoleMode,
): { look: Look; mode: ConsoleMode } {
  const values = session.profile ? loadAwsFiles(env).profiles.get(session.profile)?.values : undefined;
  const configured = (key: string): string | undefined => (values ? stringValue(values, key) : undefined);
  return {
    look: { label: session.label, color: identityColor(session.label, configured(COLOR_KEY), session.profile) },
    mode: consoleMode(explicit, configured(MODE_KEY), env, session.profile),
  };
}

/**
 * Signs in and opens the console in a browser; says where (the browser, its own profile, a container).
 * Throws (without the URL) when nothing can open it.
 */
export async function openConsoleForSession(env: Env, session: Session, options: ConsoleOptions = {}): Promise<string> {
  const { look, mode } = consoleSettings(env, session, options.mode);
  // The browser is checked before the sign-in: no sign-in token is made for nothing.
  const prepared = prepareOpen({
    mode,
    look,
    env,
    ...(options.browser !== undefined ? { browser: options.browser } : {}),
    ...(session.profile ? { profile: session.profile } : {}),
  });
  await openPrepared(await consoleUrlForSession(env, session, options), prepared);
  return placeOf(prepared);
}

/** The login URL; with signout, wrapped in the sign-in service's logout so the old console session ends first. */
export function signinUrl(
  site: ConsoleSite,
  token: string,
  destination: string,
  signout: boolean,
  overridden: boolean,
): string {
  // Logout only redirects onward from a regional sign-in host; us-east-1's serves the whole aws partition.
  const base = new URL(site.federation);
  if (signout && site.partition === 'aws' && !overridden) base.host = 'us-east-1.signin.aws.amazon.com';
  const login = new URL(base);
  login.search = new URLSearchParams({
    Action: 'login',
    Issuer: ISSUER,
    Destination: destination,
    SigninToken: token,
  }).toString();
  if (!signout) return login.href;
  const logout = new URL('oauth', base);
  logout.search = new URLSearchParams({ Action: 'logout', redirect_uri: login.href }).toString();
  return logout.href;
}

interface SigninCredentials {
  credentials: Credentials;
  sessionDuration?: number;
}

async function signinCredentials(
  env: Env,
  session: Session,
  site: ConsoleSite,
  options: ConsoleOptions,
): Promise<SigninCredentials> {
  const kind = session.kind ?? credentialsKind(session.credentials);
  const notice = (message: string): void => options.onNotice?.(message);
  const { duration } = options;
  if (kind === 'long-term') return { credentials: await federate(env, session, session.credentials, site, options) };
  if (kind === 'mfa-session') {
    notice(
      `${session.label}: an MFA session (GetSessionToken) cannot sign in to the console; ` +
        'signing in with its long-term keys instead, so the console session does not carry MFA',
    );
    return { credentials: await federate(env, session, await longTermKeysOf(env, session), site, options) };
  }
  if (duration === undefined) return { credentials: session.credentials };
  if (kind === 'assumed-from-long-term') {
    checkRange(duration, CONSOLE_SESSION_MAX, session, 'a console session');
    return { credentials: session.credentials, sessionDuration: duration };
  }
  notice(
    `--duration ignored for ${session.label}: ${NO_DURATION[kind] ?? 'these credentials'} ` +
      'cannot set the console session length; ' +
      'the console session lasts as long as the credentials (chained role: at most 1 h)',
  );
  return { credentials: session.credentials };
}

function checkRange(duration: number, max: number, session: Session, what: string): void {
  if (!Number.isInteger(duration) || duration < CONSOLE_SESSION_MIN || duration > max) {
    throw new InputError(`--duration ${duration} is outside ${CONSOLE_SESSION_MIN}-${max} seconds for ${what}`, {
      ...(session.profile ? { profile: session.profile } : {}),
      hint: `pass --duration between ${CONSOLE_SESSION_MIN} (15 min) and ${max} (${max / 3600} h)`,
    });
  }
}

/** The federated user's name: who runs awsx, as GetFederationToken allows it (2-32 of [\w+=,.@-]). */
export function federatedUserName(env: Env): string {
  const name = toSessionName(env.AWSX_SESSION_USER || env.USER || env.USERNAME || 'awsx').slice(0, 32);
  return name.length >= 2 ? name : 'awsx';
}

/** IAM user keys cannot sign in: GetFederationToken with an allow-all policy gives the user's own rights. */
async function federate(
  env: Env,
  session: Session,
  keys: Credentials,
  site: ConsoleSite,
  options: ConsoleOptions,
): Promise<Credentials> {
  if (options.duration !== undefined)
    checkRange(options.duration, FEDERATION_TOKEN_MAX, session, 'IAM user keys (GetFederationToken)');
  const name = federatedUserName(env);
  options.onNotice?.(
    `${session.label}: IAM user keys sign in as federated user "${name}" (GetFederationToken); ` +
      'that console session cannot use IAM',
  );
  const { getFederationToken } = await import('../aws/sts.js');
  try {
    const result = await getFederationToken(
      { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey },
      {
        Name: name,
        Policy: FEDERATION_POLICY,
        ...(options.duration !== undefined ? { DurationSeconds: options.duration } : {}),
      },
      {
        region: site.stsRegion,
        ...(session.profile ? { profile: session.profile } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        context: { profile: session.profile, action: 'calling GetFederationToken for console sign-in' },
      },
    );
    return result.credentials;
  } catch (error) {
    if (error instanceof AwsCallError && error.code === 'AccessDenied') {
      throw new AwsCallError(error.message, error.code, {
        ...(session.profile ? { profile: session.profile } : {}),
        hint: 'the IAM user needs sts:GetFederationToken (without an MFA condition); or sign in through a role instead',
        cause: error,
      });
    }
    throw error;
  }
}

/** The long-term keys behind an MFA-session profile (the picker hands over the session, not the keys). */
async function longTermKeysOf(env: Env, session: Session): Promise<Credentials> {
  const root = session.profile ? loadRoot(env, session.profile) : undefined;
  if (root?.kind === 'static' && !root.sessionToken)
    return { accessKeyId: root.accessKeyId, secretAccessKey: root.secretAccessKey };
  // Keyring keys go to STS alone: GetFederationToken is an STS call.
  if (root?.kind === 'keyring') return (await import('../keys/store.js')).keyringCredentials(root, env);
  throw new InputError(
    `${session.label}: MFA session (GetSessionToken) credentials cannot sign in to the console, ` +
      'and its long-term keys were not found',
    {
      ...(session.profile ? { profile: session.profile } : {}),
      hint: "sign in through a role profile, or with the IAM user's own keys",
    },
  );
}

function loadRoot(env: Env, profile: string): RootSource | undefined {
  return new ProfileGraph(loadAwsFiles(env)).get(profile)?.root;
}
