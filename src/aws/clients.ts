// The one place that constructs AWS SDK clients. Endpoints come from the SDK's standard resolution, so
// AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_STS / _SSO / _SSO_OIDC and `services` sections all apply.
import { STSClient } from '@aws-sdk/client-sts';
import type { Credentials } from './credentials.js';

// The SDK warns on stderr about Node versions it will stop supporting; that is not the user's concern here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface ClientOptions {
  region: string;
  /** Profile whose endpoint settings (endpoint_url, services) the SDK applies. */
  profile?: string;
}

/** Bounded network waits: a dead endpoint fails in seconds, not minutes (AWSX_TIMEOUT_MS overrides). */
export function httpOptions(): { connectionTimeout: number; requestTimeout: number } {
  const total = Number(process.env.AWSX_TIMEOUT_MS) || 20_000;
  return { connectionTimeout: Math.min(5_000, total), requestTimeout: total };
}

function maxAttempts(): number | undefined {
  return process.env.AWS_MAX_ATTEMPTS ? undefined : 4;
}

export function stsClient(credentials: Credentials | undefined, options: ClientOptions): STSClient {
  return new STSClient({
    region: options.region,
    ...(options.profile ? { profile: options.profile } : {}),
    // AssumeRoleWithWebIdentity is a no-auth operation: without credentials the SDK never resolves any.
    ...(credentials ? { credentials } : {}),
    maxAttempts: maxAttempts(),
    retryMode: 'standard',
    requestHandler: httpOptions(),
  });
}
