// The one place that constructs AWS SDK clients. Endpoints come from the SDK's standard resolution, so
// AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_STS / _SSO / _SSO_OIDC and `services` sections all apply.
import { STSClient } from '@aws-sdk/client-sts';
import { boundedHandler } from './bounded-handler.js';
import type { Credentials } from './credentials.js';

export interface ClientOptions {
  region: string;
  /** Profile whose endpoint settings (endpoint_url, services) the SDK applies. */
  profile?: string;
}

/**
 * Bounded network waits: each attempt gives up after 10 s (connecting: 3 s), and with 3 attempts a dead
 * endpoint fails within about half a minute, never hangs. AWSX_TIMEOUT_MS sets the per-attempt limit.
 */
export function httpOptions(): { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: true } {
  const perAttempt = Number(process.env.AWSX_TIMEOUT_MS) || 10_000;
  // Without throwOnRequestTimeout the handler only prints a warning and keeps waiting.
  return { connectionTimeout: Math.min(3_000, perAttempt), requestTimeout: perAttempt, throwOnRequestTimeout: true };
}

function maxAttempts(): number | undefined {
  return process.env.AWS_MAX_ATTEMPTS ? undefined : 3;
}

export function stsClient(credentials: Credentials | undefined, options: ClientOptions): STSClient {
  return new STSClient({
    region: options.region,
    ...(options.profile ? { profile: options.profile } : {}),
    // AssumeRoleWithWebIdentity is a no-auth operation: without credentials the SDK never resolves any.
    ...(credentials ? { credentials } : {}),
    maxAttempts: maxAttempts(),
    retryMode: 'standard',
    requestHandler: boundedHandler(httpOptions()),
  });
}
