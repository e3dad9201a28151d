// The one place that constructs AWS SDK clients. awsx resolves where each call goes itself, from its own
// reading of the files (src/config/endpoints.ts: AWS_ENDPOINT_URL*, `services` sections, endpoint_url, FIPS,
// dual-stack, CA bundle, for the profile being resolved), and hands the SDK explicit values: the SDK's own
// file loader would read the AWS_PROFILE profile instead. Proxies and the CA bundle: http-options.ts; size
// bounds: bounded-handler.ts.
import { STSClient } from '@aws-sdk/client-sts';
import { boundedHandler } from './bounded-handler.js';
import type { ServiceKey, ServiceSettings } from '../config/endpoints.js';
import { clientEnv, settingsFor } from './client-context.js';
import type { Credentials } from './credentials.js';
import { handlerOptions, type HandlerOptions } from './http-options.js';

export interface ClientOptions {
  region: string;
  /** The profile whose settings apply (the one the user named); absent: AWS_PROFILE, else default. */
  profile?: string;
  /** Settings already read for this call; absent: read for `profile` from the files the context registered. */
  settings?: ServiceSettings;
}

/** Bounded waits, proxy and CA bundle for a client of `service` (see http-options.ts). */
export function httpOptions(settings?: ServiceSettings): HandlerOptions {
  return handlerOptions(clientEnv(), settings?.caBundle);
}

/** The configuration every awsx SDK client shares. */
export function sdkConfig(
  service: ServiceKey,
  options: { region: string; profile?: string; settings?: ServiceSettings },
) {
  const settings = options.settings ?? settingsFor(service, options.profile);
  return {
    region: options.region,
    // awsx has resolved any configured endpoint already (for the right profile); the SDK must not look again.
    ignoreConfiguredEndpointUrls: true,
    useFipsEndpoint: settings.useFips,
    useDualstackEndpoint: settings.useDualstack,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    // Every answer is read up to a bound (bounded-handler.ts): no endpoint can make awsx read 200 MB.
    requestHandler: boundedHandler(httpOptions(settings)),
  };
}

/** The SDK's attempts per call: 3, unless AWS_MAX_ATTEMPTS says otherwise (the SDK reads it then). */
export function maxAttempts(): number | undefined {
  return clientEnv().AWS_MAX_ATTEMPTS ? undefined : 3;
}

export function stsClient(credentials: Credentials | undefined, options: ClientOptions): STSClient {
  return new STSClient({
    ...sdkConfig('sts', options),
    // AssumeRoleWithWebIdentity is a no-auth operation: without credentials the SDK never resolves any.
    ...(credentials ? { credentials } : {}),
    maxAttempts: maxAttempts(),
    retryMode: 'standard',
  });
}
