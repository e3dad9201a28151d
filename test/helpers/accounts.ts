// Who is who in the STS tests, for moto's world and the STS emulator's alike: three accounts, alice's MFA
// device, and role ARNs.
export const ACCOUNT = '111111111111';
export const OTHER = '222222222222';
export const THIRD = '333333333333';
export const MFA_SERIAL = `arn:aws:iam::${ACCOUNT}:mfa/alice`;
export const arn = (account: string, role: string): string => `arn:aws:iam::${account}:role/${role}`;
