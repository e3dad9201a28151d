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

/** Python's os.path.expandvars: $NAME and ${NAME} from the environment; an unknown variable stays as written. */
export function expandVars(path: string, env: Env): string {
  if (!path.includes('$')) return path;
  return path.replace(/\$(\w+|\{[^}]*\})/g, (whole, name: string) => {
    const key = name.startsWith('{') ? name.slice(1, -1) : name;
    const value = env[key];
    return value === undefined ? whole : value;
  });
}

/** A path from the environment as botocore reads it: $VARIABLES, then ~, then relative to the working folder. */
export function expandPath(path: string, env: Env): string {
  return expandHome(expandVars(path, env), env);
}

export function configFilePath(env: Env = process.env): string {
  return env.AWS_CONFIG_FILE ? expandPath(env.AWS_CONFIG_FILE, env) : join(homeDir(env), '.aws', 'config');
}

export function credentialsFilePath(env: Env = process.env): string {
  return env.AWS_SHARED_CREDENTIALS_FILE
    ? expandPath(env.AWS_SHARED_CREDENTIALS_FILE, env)
    : join(homeDir(env), '.aws', 'credentials');
}

/** The `aws login` token cache: AWS_LOGIN_CACHE_DIRECTORY (with $VARIABLES and ~), else ~/.aws/login/cache. */
export function loginCacheDir(env: Env = process.env): string {
  return env.AWS_LOGIN_CACHE_DIRECTORY !== undefined
    ? expandPath(env.AWS_LOGIN_CACHE_DIRECTORY, env)
    : join(homeDir(env), '.aws', 'login', 'cache');
}

/** An XDG base directory variable: used only when it is an absolute path, as the specification says. */
function xdgBase(value: string | undefined): string | undefined {
  return value && isAbsolute(value) ? value : undefined;
}

/** awsx's own cache (sessions, role lists): $AWSX_CACHE_DIR, else $XDG_CACHE_HOME/awsx, else ~/.cache/awsx. */
export function awsxCacheDir(env: Env = process.env): string {
  if (env.AWSX_CACHE_DIR) return expandHome(env.AWSX_CACHE_DIR, env);
  const xdg = xdgBase(env.XDG_CACHE_HOME);
  return xdg ? join(xdg, 'awsx') : join(homeDir(env), '.cache', 'awsx');
}

/**
 * awsx's state (recent picks, the browser profiles of `console --isolate`): $XDG_STATE_HOME/awsx, else
 * ~/.local/state/awsx.
 */
export function awsxStateDir(env: Env = process.env): string {
  const xdg = xdgBase(env.XDG_STATE_HOME);
  return xdg ? join(xdg, 'awsx') : join(homeDir(env), '.local', 'state', 'awsx');
}

/** awsx's runtime files (the credential servers' status): $XDG_RUNTIME_DIR/awsx, else `run` in the cache. */
export function awsxRuntimeDir(env: Env = process.env): string {
  const xdg = xdgBase(env.XDG_RUNTIME_DIR);
  return xdg ? join(xdg, 'awsx') : join(awsxCacheDir(env), 'run');
}

/**
 * awsx's own data (the keyring index, the encrypted key file): $AWSX_DATA_DIR, else $XDG_DATA_HOME/awsx, else
 * ~/.local/share/awsx. Not a cache: removing it forgets which profiles keep their keys in the keyring.
 */
export function awsxDataDir(env: Env = process.env): string {
  if (env.AWSX_DATA_DIR) return expandHome(env.AWSX_DATA_DIR, env);
  const xdg = xdgBase(env.XDG_DATA_HOME);
  if (xdg) return join(xdg, 'awsx');
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

/** The warning for a deliberate difference: both variables set, differently (docs/config-parsing.md (e)). */
export function profileEnvNote(env: Env): string {
  if (!env.AWS_PROFILE || !env.AWS_DEFAULT_PROFILE || env.AWS_PROFILE === env.AWS_DEFAULT_PROFILE) return '';
  return (
    `awsx: warning: AWS_PROFILE=${env.AWS_PROFILE} and AWS_DEFAULT_PROFILE=${env.AWS_DEFAULT_PROFILE}: ` +
    `awsx uses ${env.AWS_PROFILE}, as the AWS CLI v2 does; the AWS CLI v1 uses ${env.AWS_DEFAULT_PROFILE}\n`
  );
}

/**
 * The region from the environment: AWS_REGION, then AWS_DEFAULT_REGION (as CLI v2). Both come before a
 * profile's own `region` in the AWS CLI and the SDKs.
 */
export function envRegion(env: Env = process.env): string | undefined {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
}

/** The per-identity browser profiles (`awsx console --isolate`). */
export function browserProfilesDir(env: Env = process.env): string {
  return join(awsxStateDir(env), 'browser-profiles');
}
