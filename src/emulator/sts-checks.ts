// Checks shared by the STS operations: MFA codes, session policies and the packed policy size.
import type { StsUser } from './sts-identity.js';
import type { StsState } from './sts-session.js';
import { StsError, accessDenied } from './sts-xml.js';

export const MFA_INVALID_CODE = 'MultiFactorAuthentication failed with invalid MFA one time pass code. ';
export const MFA_UNKNOWN_DEVICE =
  'MultiFactorAuthentication failed, unable to validate MFA code. ' +
  'Please verify your MFA serial number is valid and associated with this user.';

/**
 * SerialNumber + TokenCode of a request: "none" when no code was sent, "ok" for a valid unused code of a
 * device of `user` (the IAM user at the root of the chain); anything else throws AccessDenied as AWS does.
 */
export function checkMfa(
  state: StsState,
  serial: string | undefined,
  code: string | undefined,
  user: StsUser | undefined,
): 'none' | 'ok' {
  if (code === undefined) return 'none';
  if (serial === undefined || (user?.mfaDevices && !user.mfaDevices.includes(serial)))
    throw accessDenied(MFA_UNKNOWN_DEVICE);
  if (!state.mfa.check(serial, code, state.knobs.clock.now())) throw accessDenied(MFA_INVALID_CODE);
  return 'ok';
}

export interface SessionPolicyInput {
  policy?: string | undefined;
  policyArns: string[];
  tags: Array<{ key: string; value: string }>;
}

/**
 * Checks the inline session policy is JSON and returns PackedPolicySize (percent of the packed limit), or
 * undefined when neither a policy nor tags were passed. The packing is approximated: AWS compresses the
 * policy, so the emulator counts 40% of its minified length, 40 per policy ARN and the tags' characters.
 */
export function packedPolicySize(input: SessionPolicyInput): number | undefined {
  let minified = '';
  if (input.policy !== undefined) {
    try {
      minified = JSON.stringify(JSON.parse(input.policy));
    } catch {
      throw new StsError(400, 'MalformedPolicyDocument', 'Syntax errors in policy.');
    }
  }
  if (input.policy === undefined && input.policyArns.length === 0 && input.tags.length === 0) return undefined;
  const tagChars = input.tags.reduce((n, t) => n + t.key.length + t.value.length + 4, 0);
  const size = Math.ceil((100 * (minified.length * 0.4 + input.policyArns.length * 40 + tagChars)) / 2048);
  if (size > 100)
    throw new StsError(
      400,
      'PackedPolicyTooLarge',
      `Packed size of session policies and tags exceeds the limit (${size}% of allowed size).`,
    );
  return Math.max(1, size);
}
