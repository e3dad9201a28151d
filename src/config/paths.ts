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

/**
 * awsx's own data (the keyring index, the encrypted key file): $AWSX_DATA_DIR, else $XDG_DATA_HOME/awsx, else
 * ~/.local/share/awsx. Not a cache: removing it forgets which profiles keep their keys in the keyring.
 */
export function awsxDataDir(env: Env = process.env): string {
  if (env.AWSX_DATA_DIR) return expandHome(env.AWSX_DATA_DIR, env);
  if (env.XDG_DATA_HOME) return join(expandHome(env.XDG_DATA_HOME, env), 'awsx');
  return join(homeDir(env), '.local', 'share', 'awsx');
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
