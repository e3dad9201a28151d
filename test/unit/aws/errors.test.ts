// How SDK and network failures become one-line errors (shapes as the SDK and Node produce them).
import { describe, expect, it } from 'vitest';
import { AwsCallError, describeAwsError, MfaRejectedError } from '../../../src/aws/errors.js';
import { CancelledError } from '../../../src/config/errors.js';

const ctx = {
  service: 'STS' as const,
  profile: 'prod',
  action: 'assuming arn:aws:iam::111111111111:role/Admin (hop 1 of 1)',
};
const sdkError = (name: string, message: string, status = 400) =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
const netError = (code: string) => Object.assign(new Error(`getaddrinfo ${code} sts.example`), { code });

describe('describeAwsError', () => {
  it.each([['ENOTFOUND'], ['EAI_AGAIN'], ['ECONNRESET'], ['EHOSTUNREACH']])(
    'a %s network failure: exit 1, names the profile and the cause',
    (code) => {
      const e = describeAwsError(netError(code), ctx);
      expect(e).toBeInstanceOf(AwsCallError);
      expect(e.exitCode).toBe(1);
      expect(e.message).toBe(`profile "prod": cannot reach STS while ${ctx.action} (${code})`);
      expect(e.hint).toMatch(/AWS_ENDPOINT_URL/);
    },
  );

  it('an MFA failure is an MfaRejectedError; other AccessDenied errors hint at the trust policy', () => {
    expect(
      describeAwsError(
        sdkError('AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code.', 403),
        ctx,
      ),
    ).toBeInstanceOf(MfaRejectedError);
    const denied = describeAwsError(sdkError('AccessDenied', 'not authorized', 403), ctx);
    expect(denied).not.toBeInstanceOf(MfaRejectedError);
    expect(denied.hint).toMatch(
      /trust policy trusts this identity; the role may also require MFA \(set mfa_serial or pass --mfa-serial\) or an external id/,
    );
    expect(describeAwsError(sdkError('AccessDenied', 'x', 403), { ...ctx, usedMfa: true }).hint).not.toMatch(
      /require MFA/,
    );
  });

  // STS says the same AccessDenied for a wrong external id, an untrusted caller and a missing MFA condition:
  // the hint starts from what awsx sent. Before, a wrong external id got "it may require MFA (set mfa_serial)".
  const denial =
    'User: arn:aws:iam::111111111111:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/Vendor';
  it('a denial after sending an external id names the external id first, and the caller STS named', () => {
    const hint = describeAwsError(sdkError('AccessDenied', denial, 403), {
      ...ctx,
      usedExternalId: true,
      usedMfa: false,
    }).hint!;
    expect(hint).toMatch(
      /^the external id sent may be wrong .*: check external_id or --external-id; else check that the role's trust policy trusts arn:aws:iam::111111111111:user\/alice; the role may also require MFA/,
    );
    expect(hint).not.toMatch(/require .*an external id/);
    const both = describeAwsError(sdkError('AccessDenied', denial, 403), {
      ...ctx,
      usedExternalId: true,
      usedMfa: true,
    }).hint!;
    expect(both).not.toMatch(/may also require/);
  });

  it('a denial of another call (GetSessionToken, GetCallerIdentity) does not talk about trust policies', () => {
    const hint = describeAwsError(sdkError('AccessDenied', denial, 403), {
      ...ctx,
      action: 'starting an MFA session',
    }).hint!;
    expect(hint).toBe('check the policies of arn:aws:iam::111111111111:user/alice allow it');
  });

  it.each([
    [
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
      /shorter --duration .* raise the role's maximum/,
    ],
    [
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
      /at most 1 hour: pass --duration 1h or less/,
    ],
    [
      "1 validation error detected: Value '5' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
      /between 900 and 43200/,
    ],
    ["1 validation error detected: Value 'a b' at 'externalId' failed to satisfy constraint", /fix external_id/],
    [
      "1 validation error detected: Value 'x y' at 'roleSessionName' failed to satisfy constraint",
      /fix role_session_name/,
    ],
    ["1 validation error detected: Value 'x' at 'serialNumber' failed to satisfy constraint", /fix mfa_serial/],
  ])('a ValidationError names the field STS named: %s', (message, hint) => {
    expect(describeAwsError(sdkError('ValidationError', message), ctx).hint).toMatch(hint);
  });

  it('an aborted request is a cancellation (exit 130)', () => {
    const e = describeAwsError(Object.assign(new Error('aborted'), { name: 'AbortError' }), ctx);
    expect(e).toBeInstanceOf(CancelledError);
    expect(e.exitCode).toBe(130);
  });

  it('messages stay on one line and are bounded', () => {
    const e = describeAwsError(sdkError('WeirdError', `line one\nline two ${'x'.repeat(1000)}`, 500), ctx);
    expect(e.message).not.toContain('\n');
    expect(e.message.length).toBeLessThan(500);
    expect(e.message).toMatch(/WeirdError \(HTTP 500\)/);
  });
});
