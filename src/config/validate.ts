// STS's own constraints on the values awsx sends, checked before any call so bad input fails fast (exit 2).

export interface RoleArn {
  partition: string;
  accountId: string;
  roleName: string;
  arn: string;
}

const PARTITION = '(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc)';
const ROLE_ARN = new RegExp(`^arn:${PARTITION}:iam::(\\d{12}):role/(?:[\\x21-\\x7e]*/)?([\\w+=,.@-]{1,64})$`);
const ANY_ARN = new RegExp(`^arn:${PARTITION}:(?:iam|sts)::(\\d{12}):`);

export function parseRoleArn(arn: string): RoleArn | undefined {
  const m = ROLE_ARN.exec(arn);
  if (!m || arn.length > 2048) return undefined;
  // The common partition as the literal: one string shared by every hop, not a copy each.
  return { partition: m[1] === 'aws' ? 'aws' : m[1]!, accountId: m[2]!, roleName: m[3]!, arn };
}

/** Account and partition of any IAM or STS ARN (users, roles, assumed roles, federated users). */
export function arnAccount(arn: string): { partition: string; accountId: string } | undefined {
  const m = ANY_ARN.exec(arn);
  return m ? { partition: m[1]!, accountId: m[2]! } : undefined;
}

export const DURATION_MIN = 900;
export const DURATION_MAX = 43200;
export const CHAINED_DURATION_MAX = 3600;

/** Parses a duration in seconds; accepts plain integers and suffixed forms like 2h, 90m, 1h30m. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t);
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(t);
  if (!m || t === '') return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

export function isValidDuration(seconds: number): boolean {
  return Number.isInteger(seconds) && seconds >= DURATION_MIN && seconds <= DURATION_MAX;
}

export const isValidMfaSerial = (s: string): boolean => s.length >= 9 && s.length <= 256 && /^[\w+=/:,.@-]+$/.test(s);
export const isValidSessionName = (s: string): boolean => s.length >= 2 && s.length <= 64 && /^[\w+=,.@-]+$/.test(s);
export const isValidExternalId = (s: string): boolean => s.length >= 2 && s.length <= 1224 && /^[\w+=,.@:/-]+$/.test(s);
export const isValidSourceIdentity = (s: string): boolean =>
  isValidSessionName(s) && !s.toLowerCase().startsWith('aws:');
export const isValidMfaCode = (s: string): boolean => /^\d{6}$/.test(s);

/** Makes any text a valid RoleSessionName: allowed characters only, 2 to 64 long. */
export function toSessionName(text: string): string {
  let name = text.replace(/[^\w+=,.@-]/g, '-').replace(/-{2,}/g, '-');
  if (name.length > 64) name = name.slice(0, 64);
  if (name.length < 2) name = `${name}-awsx`.slice(0, 64);
  return name;
}
