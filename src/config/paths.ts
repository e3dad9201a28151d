// The only module that knows where files live. Everything takes an env so tests can point HOME elsewhere.
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

export type Env = Record<string, string | undefined>;

/** Home as the AWS SDKs find it: HOME, then USERPROFILE, then the OS. */
export function homeDir(env: Env = process.env): string {
  return env.HOME || env.USERPROFILE || homedir();
}

function expandHome(path: string, env: Env): string {
  if (path === '~') return homeDir(env);
  if (path.startsWith('~/') || path.startsWith('~\\')) return join(homeDir(env), path.slice(2));
  return isAbsolute(path) ? path : resolve(path);
}

export function configFilePath(env: Env = process.env): string {
  return env.AWS_CONFIG_FILE ? expandHome(env.AWS_CONFIG_FILE, env) : join(homeDir(env), '.aws', 'config');
}

export function credentialsFilePath(env: Env = process.env): string {
  return env.AWS_SHARED_CREDENTIALS_FILE
    ? expandHome(env.AWS_SHARED_CREDENTIALS_FILE, env)
    : join(homeDir(env), '.aws', 'credentials');
}

/** awsx's own cache: $AWSX_CACHE_DIR, else $XDG_CACHE_HOME/awsx, else ~/.cache/awsx. */
export function awsxCacheDir(env: Env = process.env): string {
  if (env.AWSX_CACHE_DIR) return expandHome(env.AWSX_CACHE_DIR, env);
  if (env.XDG_CACHE_HOME) return join(expandHome(env.XDG_CACHE_HOME, env), 'awsx');
  return join(homeDir(env), '.cache', 'awsx');
}

/** The AWS CLI's SSO token cache. It has no override: HOME decides. */
export function ssoCacheDir(env: Env = process.env): string {
  return join(homeDir(env), '.aws', 'sso', 'cache');
}

/** The AWS CLI's assume-role / SSO role credential cache. */
export function cliCacheDir(env: Env = process.env): string {
  return join(homeDir(env), '.aws', 'cli', 'cache');
}

/** The profile to use when none is named: AWS_PROFILE, then AWS_DEFAULT_PROFILE (as CLI v2), then default. */
export function defaultProfileName(env: Env = process.env): string {
  return env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || 'default';
}

/** The region from the environment: AWS_REGION, then AWS_DEFAULT_REGION (as CLI v2). */
export function envRegion(env: Env = process.env): string | undefined {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
}

/**
 * awsx's state folder: $XDG_STATE_HOME/awsx (an absolute XDG_STATE_HOME only, as the XDG spec says), else
 * ~/.local/state/awsx. Browser profiles for `awsx console --isolate` live under it.
 */
export function awsxStateDir(env: Env = process.env): string {
  const xdg = env.XDG_STATE_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'awsx');
  return join(homeDir(env), '.local', 'state', 'awsx');
}

/** The per-identity browser profiles (`awsx console --isolate`). */
export function browserProfilesDir(env: Env = process.env): string {
  return join(awsxStateDir(env), 'browser-profiles');
}
