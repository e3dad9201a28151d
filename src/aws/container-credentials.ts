// credential_source = EcsContainer: the container credentials endpoint, as the AWS SDKs read it
// (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI on 169.254.170.2, or AWS_CONTAINER_CREDENTIALS_FULL_URI: https, or
// http on a loopback or the ECS/EKS link-local addresses; the Authorization header from
// AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE, else AWS_CONTAINER_AUTHORIZATION_TOKEN). One fetch, not the SDK's
// provider, because that one reads an answer of any size: this one reads at most MAX_RESPONSE_BYTES, and
// believes no expiry that is past or implausibly far ahead.
import { readFileSync } from 'node:fs';
import { ProfileConfigError } from '../config/errors.js';
import type { Env } from '../config/paths.js';
import { rememberSecrets } from '../config/redact.js';
import { readBoundedText, ResponseTooLargeError } from './bounded-handler.js';
import type { Credentials } from './credentials.js';
import { AwsCallError } from './errors.js';
import { expiryProblem } from './expiry.js';

const RELATIVE_HOST = 'http://169.254.170.2';
const HTTP_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '169.254.170.2', '169.254.170.23', '[fd00:ec2::23]']);

function timeoutMs(env: Env): number {
  return Number(env.AWSX_TIMEOUT_MS) || 5_000;
}

function endpoint(env: Env, profile: string): URL {
  const fail = (why: string): ProfileConfigError =>
    new ProfileConfigError(`profile "${profile}": credential_source = EcsContainer, but ${why}`, {
      profile,
      hint: 'run awsx inside the container, or use another credential_source',
    });
  const raw = env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI
    ? `${RELATIVE_HOST}${env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI}`
    : env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
  if (!raw) throw fail('neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw fail('the container credentials URI is not a URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && HTTP_HOSTS.has(url.hostname))) {
    throw fail(`the container credentials URI ${url.host} is neither https nor a loopback or container address`);
  }
  return url;
}

function authorization(env: Env, profile: string): string | undefined {
  const file = env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE;
  if (!file) return env.AWS_CONTAINER_AUTHORIZATION_TOKEN || undefined;
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    throw new ProfileConfigError(`profile "${profile}": cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE ${file}`, {
      profile,
      hint: 'check the path and its permissions',
    });
  }
}

export async function containerCredentials(env: Env, profile: string, now = Date.now): Promise<Credentials> {
  const url = endpoint(env, profile);
  const token = authorization(env, profile);
  const fail = (cause: string, code: string): AwsCallError =>
    new AwsCallError(`profile "${profile}": the container credentials endpoint ${url.host} ${cause}`, code, {
      profile,
      hint: 'check the container credentials settings (AWS_CONTAINER_*), then retry',
    });
  let status: number;
  let body: string;
  try {
    const res = await fetch(url, {
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs(env)),
      headers: token ? { Authorization: token } : {},
    });
    status = res.status;
    body = await readBoundedText(res);
  } catch (error) {
    if (error instanceof ResponseTooLargeError) throw fail(error.message, error.name);
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw fail(`cannot be reached (${cause === 'TimeoutError' ? 'timed out' : cause})`, cause);
  }
  if (status !== 200) throw fail(`answered HTTP ${status}`, `HTTP${status}`);
  let out: Record<string, unknown>;
  try {
    out = JSON.parse(body) as Record<string, unknown>;
  } catch {
    throw fail('answered without JSON', 'BadAnswer');
  }
  const { AccessKeyId, SecretAccessKey, Token, Expiration } = out ?? {};
  if (typeof AccessKeyId !== 'string' || !AccessKeyId || typeof SecretAccessKey !== 'string' || !SecretAccessKey)
    throw fail('answered without keys', 'BadAnswer');
  const expiration = typeof Expiration === 'string' ? new Date(Expiration) : undefined;
  const problem = expiration ? expiryProblem(expiration, now()) : 'no expiry';
  if (problem) throw fail(`answered with credentials with ${problem}`, 'ImplausibleExpiry');
  rememberSecrets(SecretAccessKey, typeof Token === 'string' ? Token : undefined);
  return {
    accessKeyId: AccessKeyId,
    secretAccessKey: SecretAccessKey,
    ...(typeof Token === 'string' && Token ? { sessionToken: Token } : {}),
    expiration,
  };
}
