// IAM Identity Center OIDC calls (unsigned JSON): RegisterClient, StartDeviceAuthorization, CreateToken, and
// the /authorize endpoint of the PKCE flow, built from the endpoint the SDK resolves for sso-oidc (so
// AWS_ENDPOINT_URL_SSO_OIDC and AWS_ENDPOINT_URL move it too). Failures become AwsCallErrors whose `code`
// is the OIDC exception name (AuthorizationPendingException, SlowDownException, ...), so callers can poll.
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
  type CreateTokenRequest,
} from '@aws-sdk/client-sso-oidc';
import { getEndpointFromInstructions } from '@smithy/core/endpoints';
import { sdkConfig } from './clients.js';
import { AwsCallError, describeAwsError } from './errors.js';

export interface ClientRegistration {
  clientId: string;
  clientSecret: string;
  expiresAt: Date;
}

export interface RegisterParams {
  clientName: string;
  scopes?: string[];
  grantTypes?: string[];
  redirectUris?: string[];
  issuerUrl?: string;
}

export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete?: string;
  expiresIn: number;
  interval?: number;
}

export interface TokenGrant {
  accessToken: string;
  expiresIn: number;
  refreshToken?: string;
}

export type CreateTokenParams = Omit<CreateTokenRequest, 'clientId' | 'clientSecret'> & {
  clientId: string;
  clientSecret: string;
  grantType: string;
};

/** OIDC errors that are answers, not failures: the caller decides what they mean. */
const OIDC_CODES = new Set([
  'AuthorizationPendingException',
  'SlowDownException',
  'ExpiredTokenException',
  'AccessDeniedException',
  'InvalidGrantException',
  'InvalidClientException',
  'UnauthorizedClientException',
  'InvalidScopeException',
  'InvalidRequestException',
  'InvalidRedirectUriException',
  'UnsupportedGrantTypeException',
  'InvalidClientMetadataException',
]);

export function oidcClient(region: string): SSOOIDCClient {
  return new SSOOIDCClient({ ...sdkConfig('sso_oidc', { region }), maxAttempts: 3, retryMode: 'standard' });
}

function wrap(error: unknown, action: string): Error {
  const e = error as { name?: string; message?: string; error_description?: string };
  if (e?.name && OIDC_CODES.has(e.name)) {
    const detail = (e.error_description ?? e.message ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);
    return new AwsCallError(
      `IAM Identity Center refused ${action}: ${e.name}${detail && detail !== e.name ? ` (${detail})` : ''}`,
      e.name,
      { cause: error },
    );
  }
  return describeAwsError(error, { service: 'SSO OIDC', action });
}

export async function registerClient(
  region: string,
  params: RegisterParams,
  signal?: AbortSignal,
): Promise<ClientRegistration> {
  try {
    const out = await oidcClient(region).send(new RegisterClientCommand({ clientType: 'public', ...params }), {
      abortSignal: signal,
    });
    if (!out.clientId || !out.clientSecret || !out.clientSecretExpiresAt)
      throw new Error('RegisterClient returned no client');
    return {
      clientId: out.clientId,
      clientSecret: out.clientSecret,
      expiresAt: new Date(out.clientSecretExpiresAt * 1000),
    };
  } catch (error) {
    throw wrap(error, 'registering the awsx client');
  }
}

export async function startDeviceAuthorization(
  region: string,
  params: { clientId: string; clientSecret: string; startUrl: string },
  signal?: AbortSignal,
): Promise<DeviceAuthorization> {
  try {
    const out = await oidcClient(region).send(new StartDeviceAuthorizationCommand(params), { abortSignal: signal });
    if (!out.deviceCode || !out.userCode || !out.verificationUri)
      throw new Error('StartDeviceAuthorization returned no device code');
    return {
      deviceCode: out.deviceCode,
      userCode: out.userCode,
      verificationUri: out.verificationUri,
      expiresIn: out.expiresIn ?? 600,
      ...(out.verificationUriComplete ? { verificationUriComplete: out.verificationUriComplete } : {}),
      ...(out.interval ? { interval: out.interval } : {}),
    };
  } catch (error) {
    throw wrap(error, 'starting the device authorization');
  }
}

export async function createToken(
  region: string,
  params: CreateTokenParams,
  signal?: AbortSignal,
): Promise<TokenGrant> {
  try {
    const out = await oidcClient(region).send(new CreateTokenCommand(params), { abortSignal: signal });
    if (!out.accessToken) throw new Error('CreateToken returned no access token');
    return {
      accessToken: out.accessToken,
      expiresIn: out.expiresIn ?? 3600,
      ...(out.refreshToken ? { refreshToken: out.refreshToken } : {}),
    };
  } catch (error) {
    throw wrap(error, `the token request (${params.grantType === 'refresh_token' ? 'refresh' : params.grantType})`);
  }
}

/** The sso-oidc endpoint the SDK would call in `region`, without a trailing slash. */
export async function oidcEndpoint(region: string): Promise<string> {
  const endpoint = await getEndpointFromInstructions({}, CreateTokenCommand, oidcClient(region).config);
  return endpoint.url.href.replace(/\/+$/, '');
}
