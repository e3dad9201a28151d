// Credentials of an `aws login` profile (login_session = the session ARN), read and refreshed as the AWS CLI
// v2 and the JS SDK do: the token cache is AWS_LOGIN_CACHE_DIRECTORY (else ~/.aws/login/cache)/<sha256 of the
// session>.json, shared with the AWS CLI. Credentials with more than 5 minutes left are used as they are;
// otherwise the refresh token buys new ones (CreateOAuth2Token with a DPoP proof), and the file is rewritten
// keeping every other field (0600, atomic), under a lock in awsx's cache, re-reading it first (the AWS CLI
// or another awsx may have refreshed it). A refresh that fails for a network reason keeps a still-valid
// token (as the JS SDK); a refused one asks for `aws login`.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Credentials } from '../aws/credentials.js';
import { AwsCallError } from '../aws/errors.js';
import type { Clock } from '../config/clock.js';
import { writeSecretFile } from '../config/atomic-write.js';
import { withFileLock } from '../config/file-lock.js';
import { awsxCacheDir, envRegion, loginCacheDir, type Env } from '../config/paths.js';
import type { RootSource } from '../config/credential-chain.js';
import { parseAwsTimestamp } from '../config/timestamps.js';

type LoginRoot = Extract<RootSource, { kind: 'login' }>;

export const LOGIN_REFRESH_MS = 5 * 60_000;

interface LoginToken {
  accessToken: {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken: string;
    accountId: string;
    expiresAt: string;
  };
  clientId: string;
  refreshToken: string;
  dpopKey: string;
  signInRegion?: string;
  [other: string]: unknown;
}

export function loginTokenPath(session: string, env: Env): string {
  return join(loginCacheDir(env), `${createHash('sha256').update(session, 'utf8').digest('hex')}.json`);
}

const login = (root: LoginRoot): string => `run aws login --profile ${root.profile}`;

/** The cached token, checked for the fields the AWS CLI requires; undefined when there is no file. */
export function readLoginToken(root: LoginRoot, env: Env): LoginToken | undefined {
  const path = loginTokenPath(root.session, env);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AwsCallError(
      `profile "${root.profile}": cannot read the aws login cache ${path}: ` +
        `${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      'LoginCacheUnreadable',
      { profile: root.profile, hint: "check the file's owner and mode" },
    );
  }
  let token: Partial<LoginToken>;
  try {
    token = JSON.parse(text) as Partial<LoginToken>;
  } catch {
    token = {};
  }
  const a = token.accessToken;
  const missing = [
    ...(['clientId', 'refreshToken', 'dpopKey'] as const).filter((k) => typeof token[k] !== 'string'),
    ...(['accessKeyId', 'secretAccessKey', 'sessionToken', 'accountId', 'expiresAt'] as const)
      .filter((k) => typeof a?.[k] !== 'string')
      .map((k) => `accessToken.${k}`),
  ];
  if (missing.length > 0) {
    throw new AwsCallError(
      `profile "${root.profile}": the aws login cache ${path} lacks ${missing.join(', ')}`,
      'LoginCacheInvalid',
      { profile: root.profile, hint: login(root) },
    );
  }
  return token as LoginToken;
}

function toCredentials(token: LoginToken): Credentials {
  const a = token.accessToken;
  return {
    accessKeyId: a.accessKeyId,
    secretAccessKey: a.secretAccessKey,
    sessionToken: a.sessionToken,
    expiration: new Date(parseAwsTimestamp(a.expiresAt)),
  };
}

const remaining = (token: LoginToken, now: number): number =>
  (parseAwsTimestamp(token.accessToken.expiresAt) || 0) - now;

export async function loginCredentials(
  root: LoginRoot,
  env: Env,
  clock: Clock,
  signal?: AbortSignal,
): Promise<Credentials> {
  const now = (): number => clock.now();
  const who = `profile "${root.profile}": `;
  const token = readLoginToken(root, env);
  if (!token)
    throw new AwsCallError(
      `${who}not logged in: no aws login session ${root.session} in ${loginCacheDir(env)}`,
      'LoginRequired',
      { profile: root.profile, hint: login(root) },
    );
  if (remaining(token, now()) > LOGIN_REFRESH_MS) return toCredentials(token);

  const lockPath = join(
    awsxCacheDir(env),
    'login',
    `refresh-${createHash('sha256').update(root.session).digest('hex').slice(0, 32)}.lock-target`,
  );
  return withFileLock(lockPath, async () => {
    const current = readLoginToken(root, env) ?? token;
    if (remaining(current, now()) > LOGIN_REFRESH_MS) return toCredentials(current);
    const region =
      (typeof current.signInRegion === 'string' && current.signInRegion) ||
      root.region ||
      envRegion(env) ||
      'us-east-1';
    let refreshed: Awaited<ReturnType<typeof import('../aws/signin.js').refreshLogin>>;
    try {
      const { refreshLogin } = await import('../aws/signin.js');
      refreshed = await refreshLogin(
        {
          region,
          clientId: current.clientId,
          refreshToken: current.refreshToken,
          dpopKey: current.dpopKey,
          profile: root.profile,
          who,
        },
        clock,
        signal,
      );
    } catch (error) {
      const refused =
        error instanceof AwsCallError &&
        /^(TOKEN_EXPIRED|USER_CREDENTIALS_CHANGED|INSUFFICIENT_PERMISSIONS|AccessDeniedException)$/.test(error.code);
      if (!refused && remaining(current, now()) > 0) return toCredentials(current);
      throw error;
    }
    const updated: LoginToken = {
      ...current,
      accessToken: {
        ...current.accessToken,
        accessKeyId: refreshed.accessKeyId,
        secretAccessKey: refreshed.secretAccessKey,
        sessionToken: refreshed.sessionToken,
        expiresAt: `${new Date(now() + refreshed.expiresIn * 1000).toISOString().slice(0, 19)}Z`,
      },
      refreshToken: refreshed.refreshToken,
    };
    writeSecretFile(loginTokenPath(root.session, env), JSON.stringify(updated));
    return toCredentials(updated);
  });
}
