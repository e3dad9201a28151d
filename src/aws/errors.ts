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

/**
 * Node's codes for a TLS certificate it does not trust (a private CA without AWS_CA_BUNDLE, a proxy that
 * inspects TLS).
 */
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

/** Error codes of a request that never got an answer: named as they are in the one-line error. */
export const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

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
  if (name === 'AbortError' || code === 'ABORT_ERR')
    return new CancelledError(`${who}cancelled while ${ctx.action}`, { profile: ctx.profile });
  if (TLS_CODES.has(code)) {
    return new AwsCallError(
      `${who}cannot reach ${ctx.service} while ${ctx.action}: its TLS certificate is not trusted (${code})`,
      code,
      opts('set AWS_CA_BUNDLE (or ca_bundle in the profile) to a PEM file with your CA certificates'),
    );
  }
  if (NETWORK_CODES.has(code) || name === 'TimeoutError' || name === 'RequestTimeout' || code === 'ECONNABORTED') {
    const cause = name === 'TimeoutError' || code === 'ETIMEDOUT' ? 'timed out' : code;
    return new AwsCallError(
      `${who}cannot reach ${ctx.service} while ${ctx.action} (${cause})`,
      code,
      opts(`check the network, the region and any AWS_ENDPOINT_URL* setting, then retry`),
    );
  }
  if (name === 'AccessDenied' || name === 'AccessDeniedException') {
    if (/multifactor|mfa|one time pass/i.test(detail)) {
      return new MfaRejectedError(
        `${who}STS rejected the MFA code while ${ctx.action}: ${detail}`,
        name,
        opts('wait for the next code from your MFA device and try again'),
      );
    }
    const message = `${who}access denied while ${ctx.action}: ${detail}`;
    return new AwsCallError(message, name, opts(accessDeniedHint(detail, ctx)));
  }
  if (name === 'ExpiredToken' || name === 'ExpiredTokenException') {
    return new AwsCallError(
      `${who}the source credentials have expired (${ctx.action})`,
      name,
      opts('refresh the source session (awsx sso login, or new keys) and retry'),
    );
  }
  if (name === 'InvalidClientTokenId' || name === 'SignatureDoesNotMatch' || name === 'UnrecognizedClientException') {
    return new AwsCallError(
      `${who}the source access key is invalid or its secret is wrong (${name}) while ${ctx.action}`,
      name,
      opts('check aws_access_key_id / aws_secret_access_key, or rotate the keys'),
    );
  }
  if (name === 'RegionDisabledException') {
    return new AwsCallError(
      `${who}STS is not enabled in this region for the account (${ctx.action})`,
      name,
      opts('set region to an enabled region, or activate STS in the account settings'),
    );
  }
  if (/throttl|TooManyRequests|RequestLimitExceeded|SlowDown/i.test(name)) {
    return new AwsCallError(
      `${who}${ctx.service} kept throttling requests while ${ctx.action}, even after retries`,
      name,
      opts('wait a few seconds and retry'),
    );
  }
  if (name === 'ValidationError') {
    const message = `${who}${ctx.service} refused the request while ${ctx.action}: ${detail}`;
    return new AwsCallError(message, name, opts(validationHint(detail)));
  }
  if (name === 'ImplausibleExpiry') {
    return new AwsCallError(
      `${who}${detail} while ${ctx.action}; awsx does not hand them out`,
      name,
      opts("check this machine's clock and any AWS_ENDPOINT_URL* setting"),
    );
  }
  if (name === 'ResponseTooLarge') {
    // The SDK appends a line about its hidden $response field: only awsx's own first line is meant.
    const said = oneLine((e.message ?? '').split('\n')[0] ?? '');
    return new AwsCallError(
      `${who}${ctx.service} ${said} while ${ctx.action}`,
      name,
      opts('check any AWS_ENDPOINT_URL* setting: no AWS answer is that large'),
    );
  }
  const status = e.$metadata?.httpStatusCode;
  return new AwsCallError(
    `${who}${ctx.service} failed while ${ctx.action}: ${name}${status ? ` (HTTP ${status})` : ''}: ${detail}`,
    name,
    opts('retry; set AWSX_DEBUG=1 for details'),
  );
}

/**
 * STS answers AccessDenied alike for an untrusted caller, a wrong or missing external id and a missing MFA
 * condition: the hint names what awsx sent, so the likeliest cause comes first (a wrong external id when one
 * was sent), then the trust policy, with the caller STS named.
 */
function accessDeniedHint(detail: string, ctx: CallContext): string {
  const caller = /User: (arn:\S+) is not authorized/.exec(detail)?.[1];
  if (!ctx.action.startsWith('assuming ')) return `check the policies of ${caller ?? 'this identity'} allow it`;
  const trust = `check that the role's trust policy trusts ${caller ?? 'this identity'}`;
  const missing = [
    ctx.usedMfa ? undefined : 'MFA (set mfa_serial or pass --mfa-serial)',
    ctx.usedExternalId ? undefined : 'an external id (set external_id or pass --external-id)',
  ].filter(Boolean);
  const requires = missing.length > 0 ? `; the role may also require ${missing.join(' or ')}` : '';
  if (!ctx.usedExternalId) return `${trust}${requires}`;
  const external = 'the external id sent may be wrong (STS refuses a wrong one exactly as an untrusted caller)';
  return `${external}: check external_id or --external-id; else ${trust}${requires}`;
}

/** The field STS names in a ValidationError, and what fixes it. */
function validationHint(detail: string): string {
  const hints: Array<[RegExp, string]> = [
    [/role chaining/i, "a role assumed with another role's session lasts at most 1 hour: pass --duration 1h or less"],
    [
      /MaxSessionDuration/i,
      "the role allows shorter sessions: pass a shorter --duration (or duration_seconds), or raise the role's maximum",
    ],
    [/durationSeconds/i, 'use a --duration (duration_seconds) between 900 and 43200 seconds'],
    [/externalId/i, 'fix external_id (--external-id): 2-1224 characters of letters, digits and +=,.@:/-'],
    [/roleSessionName/i, 'fix role_session_name (--session-name): 2-64 characters of letters, digits and +=,.@-'],
    [/serialNumber/i, 'fix mfa_serial (--mfa-serial): the ARN of your MFA device'],
    [/tokenCode/i, 'pass the current 6-digit MFA code'],
    [/roleArn/i, 'fix role_arn: arn:aws:iam::<12-digit account>:role/<name>'],
  ];
  return (
    hints.find(([field]) => field.test(detail))?.[1] ?? 'check duration_seconds, the role ARN and the session name'
  );
}

function oneLine(text: string): string {
  return clip(redact(headOf(text)).replace(/\s+/g, ' ').trim(), MAX_VALUE_CHARS);
}
