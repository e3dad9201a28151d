// How SDK and network failures become one-line errors (shapes as the SDK and Node produce them).
import { describe, expect, it } from 'vitest';
import { AwsCallError, describeAwsError, MfaRejectedError } from '../../../src/aws/errors.js';
import { CancelledError } from '../../../src/config/errors.js';

const ctx = { service: 'STS' as const, profile: 'prod', action: 'assuming arn:aws:iam::111111111111:role/Admin (hop 1 of 1)' };
const sdkError = (name: string, message: string, status = 400) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
const netError = (code: string) => Object.assign(new Error(`getaddrinfo ${code} sts.example`), { code });

describe('describeAwsError', () => {
  it.each([
    ['ENOTFOUND'], ['EAI_AGAIN'], ['ECONNRESET'], ['EHOSTUNREACH'],
  ])('a %s network failure: exit 1, names the profile and the cause', (code) => {
    const e = describeAwsError(netError(code), ctx);
    expect(e).toBeInstanceOf(AwsCallError);
    expect(e.exitCode).toBe(1);
    expect(e.message).toBe(`profile "prod": cannot reach STS while ${ctx.action} (${code})`);
    expect(e.hint).toMatch(/AWS_ENDPOINT_URL/);
  });

  it('an MFA failure is an MfaRejectedError; other AccessDenied errors hint at the trust policy', () => {
    expect(describeAwsError(sdkError('AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code.', 403), ctx)).toBeInstanceOf(MfaRejectedError);
    const denied = describeAwsError(sdkError('AccessDenied', 'not authorized', 403), ctx);
    expect(denied).not.toBeInstanceOf(MfaRejectedError);
    expect(denied.hint).toMatch(/MFA \(set mfa_serial\) or an external id \(set external_id\)/);
    expect(describeAwsError(sdkError('AccessDenied', 'x', 403), { ...ctx, usedMfa: true, usedExternalId: true }).hint).not.toMatch(/may require/);
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
