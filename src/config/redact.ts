// Redaction for anything awsx logs (AWSX_DEBUG=1): secret keys, session and SSO tokens, client secrets,
// MFA codes, sign-in URLs and tokens. Access key ids keep their prefix and last 4 characters.

const RULES: Array<[RegExp, string | ((match: string, ...groups: string[]) => string)]> = [
  // Console sign-in and federation URLs carry a bearer-equivalent token.
  [/(SigninToken=)[^&\s"']+/g, '$1<redacted>'],
  [/(Session=)%7B[^&\s"']+/gi, '$1<redacted>'],
  // JSON or INI fields holding secrets.
  [/("?(?:SecretAccessKey|SessionToken|Token|accessToken|refreshToken|clientSecret|secretAccessKey|sessionToken|sessionKey|aws_secret_access_key|aws_session_token|aws_security_token|TokenCode|deviceCode|codeVerifier|code)"?\s*[:=]\s*"?)[^"\s,&}]+/g, '$1<redacted>'],
  [/(x-amz-sso_bearer_token:\s*)\S+/gi, '$1<redacted>'],
  [/(Authorization:\s*)[^\n]+/gi, '$1<redacted>'],
  // Bare values: long base64 blobs (tokens), 40-char secrets, 6-digit codes.
  [/[A-Za-z0-9/+=]{100,}/g, '<redacted-token>'],
  [/(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g, '<redacted-secret>'],
  [/\b((?:AKIA|ASIA)[A-Z0-9]{0,4})[A-Z0-9]{4,}([A-Z0-9]{4})\b/g, (_m, head: string, tail: string) => `${head.slice(0, 4)}…${tail}`],
  [/(?<!\d)\d{6}(?!\d)/g, '<code>'],
];

export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement as string);
  return out;
}

export function debugEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return env.AWSX_DEBUG === '1';
}

/** Writes a redacted debug line to stderr when AWSX_DEBUG=1. */
export function debugLog(message: string, env: Record<string, string | undefined> = process.env): void {
  if (debugEnabled(env)) process.stderr.write(`awsx debug: ${redact(message)}\n`);
}
