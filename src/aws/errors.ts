// Turns SDK and network failures into one-line AwsxErrors that name the profile, the cause and the fix.
import { AwsxError, CancelledError, type AwsxErrorOptions } from '../config/errors.js';
import { clip, headOf, MAX_VALUE_CHARS, redact } from '../config/redact.js';

/** AWS answered with an error, or could not be reached (exit 1). */
export class AwsCallError extends AwsxError {
  readonly exitCode = 1 as const;
  readonly code: string;
  constructor(message: string, code: string, options: AwsxErrorOptions = {}) {
    super(message, options);
    this.code = code;
  }
}

/** STS rejected an MFA code (a wrong, expired or already used code). */
export class MfaRejectedError extends AwsCallError {}

export interface CallContext {
  /** What was being done, e.g. `assuming arn:... (hop 2 of 3)`. */
  action: string;
  profile?: string;
  service: 'STS' | 'SSO' | 'SSO OIDC' | 'federation' | 'AWS Sign-In' | 'IAM';
  usedMfa?: boolean;
  usedExternalId?: boolean;
}

/** Node's codes for a TLS certificate it does not trust (a private CA without AWS_CA_BUNDLE, a proxy that inspects TLS). */
export const TLS_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

interface SdkLikeError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $fault?: string;
}

export function describeAwsError(error: unknown, ctx: CallContext): AwsxError {
  if (error instanceof AwsxError) return error;
  const e = (error ?? {}) as SdkLikeError;
  const name = e.name ?? 'Error';
  const code = e.code ?? name;
  const detail = oneLine(e.message ?? String(error));
  const who = ctx.profile ? `profile "${ctx.profile}": ` : '';
  const opts = (hint: string): AwsxErrorOptions => ({ profile: ctx.profile, hint, cause: error });
  if (name === 'AbortError' || code === 'ABORT_ERR') return new CancelledError(`${who}cancelled while ${ctx.action}`, { profile: ctx.profile });
  if (TLS_CODES.has(code)) {
    return new AwsCallError(`${who}cannot reach ${ctx.service} while ${ctx.action}: its TLS certificate is not trusted (${code})`, code, opts(
      'set AWS_CA_BUNDLE (or ca_bundle in the profile) to a PEM file with your CA certificates',
    ));
  }
  if (NETWORK_CODES.has(code) || name === 'TimeoutError' || name === 'RequestTimeout' || code === 'ECONNABORTED') {
    const cause = name === 'TimeoutError' || code === 'ETIMEDOUT' ? 'timed out' : code;
    return new AwsCallError(`${who}cannot reach ${ctx.service} while ${ctx.action} (${cause})`, code, opts(`check the network, the region and any AWS_ENDPOINT_URL* setting, then retry`));
  }
  if (name === 'AccessDenied' || name === 'AccessDeniedException') {
    if (/multifactor|mfa|one time pass/i.test(detail)) {
      return new MfaRejectedError(`${who}STS rejected the MFA code while ${ctx.action}: ${detail}`, name, opts('wait for the next code from your MFA device and try again'));
    }
    const needs = [ctx.usedMfa ? undefined : 'MFA (set mfa_serial)', ctx.usedExternalId ? undefined : 'an external id (set external_id)']
      .filter(Boolean)
      .join(' or ');
    return new AwsCallError(`${who}access denied while ${ctx.action}: ${detail}`, name, opts(
      `check the role's trust policy trusts this identity${needs ? `; it may require ${needs}` : ''}`,
    ));
  }
  if (name === 'ExpiredToken' || name === 'ExpiredTokenException') {
    return new AwsCallError(`${who}the source credentials have expired (${ctx.action})`, name, opts('refresh the source session (awsx sso login, or new keys) and retry'));
  }
  if (name === 'InvalidClientTokenId' || name === 'SignatureDoesNotMatch' || name === 'UnrecognizedClientException') {
    return new AwsCallError(`${who}the source access key is invalid or its secret is wrong (${name}) while ${ctx.action}`, name, opts('check aws_access_key_id / aws_secret_access_key, or rotate the keys'));
  }
  if (name === 'RegionDisabledException') {
    return new AwsCallError(`${who}STS is not enabled in this region for the account (${ctx.action})`, name, opts('set region to an enabled region, or activate STS in the account settings'));
  }
  if (/throttl|TooManyRequests|RequestLimitExceeded|SlowDown/i.test(name)) {
    return new AwsCallError(`${who}${ctx.service} kept throttling requests while ${ctx.action}, even after retries`, name, opts('wait a few seconds and retry'));
  }
  if (name === 'ValidationError') {
    return new AwsCallError(`${who}${ctx.service} refused the request while ${ctx.action}: ${detail}`, name, opts('check duration_seconds (a chained role allows at most 3600) and the role name'));
  }
  if (name === 'ImplausibleExpiry') {
    return new AwsCallError(`${who}${detail} while ${ctx.action}; awsx does not hand them out`, name, opts("check this machine's clock and any AWS_ENDPOINT_URL* setting"));
  }
  if (name === 'ResponseTooLarge') {
    // The SDK appends a line about its hidden $response field: only awsx's own first line is meant.
    const said = oneLine((e.message ?? '').split('\n')[0] ?? '');
    return new AwsCallError(`${who}${ctx.service} ${said} while ${ctx.action}`, name, opts('check any AWS_ENDPOINT_URL* setting: no AWS answer is that large'));
  }
  const status = e.$metadata?.httpStatusCode;
  return new AwsCallError(`${who}${ctx.service} failed while ${ctx.action}: ${name}${status ? ` (HTTP ${status})` : ''}: ${detail}`, name, opts('retry; set AWSX_DEBUG=1 for details'));
}

function oneLine(text: string): string {
  return clip(redact(headOf(text)).replace(/\s+/g, ' ').trim(), MAX_VALUE_CHARS);
}
