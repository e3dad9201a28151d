// Redaction for every line a user can see (errors, warnings, notices, a child's stderr) and for debug logs
// (AWSX_DEBUG=1): secret keys, session and SSO tokens, client secrets, MFA codes, sign-in URLs and tokens,
// and anything shaped like one. Access key ids keep their prefix and last 4 characters.

/** Fields holding secrets, in JSON or INI. */
const SECRET_FIELDS = [
  'SecretAccessKey',
  'SessionToken',
  'Token',
  'accessToken',
  'refreshToken',
  'clientSecret',
  'secretAccessKey',
  'sessionToken',
  'sessionKey',
  'aws_secret_access_key',
  'aws_session_token',
  'aws_security_token',
  'TokenCode',
  'deviceCode',
  'codeVerifier',
  'code',
].join('|');

const RULES: Array<[RegExp, string | ((match: string, ...groups: string[]) => string)]> = [
  // Console sign-in and federation URLs carry a bearer-equivalent token.
  [/(SigninToken=)[^&\s"']+/g, '$1<redacted>'],
  [/(Session=)%7B[^&\s"']+/gi, '$1<redacted>'],
  // JSON or INI fields holding secrets.
  [new RegExp(String.raw`("?(?:${SECRET_FIELDS})"?\s*[:=]\s*"?)[^"\s,&}]+`, 'g'), '$1<redacted>'],
  [/(x-amz-sso_bearer_token:\s*)\S+/gi, '$1<redacted>'],
  // A header (a line's start, `{ authorization: ...`, `proxy-authorization:`), not prose after a word: the
  // error line "while starting the device authorization: its TLS certificate ..." keeps its cause.
  [/(?<![\w-] )(Authorization:\s*)[^\n]+/gi, '$1<redacted>'],
  // Bare values: long base64 blobs (tokens), 40-char secrets, 6-digit codes.
  [/[A-Za-z0-9/+=]{100,}/g, '<redacted-token>'],
  [/(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g, '<redacted-secret>'],
  [
    /\b((?:AKIA|ASIA)[A-Z0-9]{0,4})[A-Z0-9]{4,}([A-Z0-9]{4})\b/g,
    (_m, head: string, tail: string) => `${head.slice(0, 4)}…${tail}`,
  ],
  [/(?<![\w-])\d{6}(?![\w-])/g, '<code>'],
];

/** Secrets this process holds (secret keys, session and SSO tokens): redacted wherever they appear, any shape. */
const known = new Set<string>();

export function rememberSecrets(...values: Array<string | undefined>): void {
  for (const value of values) if (value && value.length >= 8) known.add(value);
}

export function redact(text: string): string {
  let out = text;
  for (const secret of known) if (out.includes(secret)) out = out.split(secret).join('<redacted>');
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement as string);
  return out;
}

/** Longest value (a run without spaces) a user-visible line shows; longer ones are cut. */
export const MAX_VALUE_CHARS = 200;
/** Longest user-visible line, whatever it holds. */
export const MAX_LINE_CHARS = 2000;

/** TEXT cut to `max` characters, marking the cut. */
export function clip(text: string, max = MAX_VALUE_CHARS): string {
  // The count with separators: six bare digits would read as an MFA code to redact().
  return text.length <= max ? text : `${text.slice(0, max)}…(${(text.length - max).toLocaleString('en-US')} more)`;
}

const LONG_VALUE = new RegExp(`\\S{${MAX_VALUE_CHARS + 1},}`, 'g');
const CONTROL = /[\p{Cc}\u2028\u2029]/gu;
const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * The start of a long TEXT. A word cut short is dropped when the piece kept is short: a piece of a token under
 * 100 characters would escape redaction (a long piece is still shaped like one, and is cut at 200 later).
 */
export function headOf(text: string, max = MAX_LINE_CHARS * 8): string {
  if (text.length <= max) return text;
  let start = max;
  while (start > 0 && !/\s/.test(text[start - 1]!)) start--;
  return `${text.slice(0, max - start > 2 * MAX_VALUE_CHARS ? max : start)}…`;
}

/**
 * The one form of every line awsx shows: redacted, on one line (line breaks and control characters escaped),
 * each value cut at MAX_VALUE_CHARS and the whole at MAX_LINE_CHARS. A 20 MB message stays a short line.
 */
export function userLine(text: string): string {
  // Cut first: redacting 20 MB would cost seconds.
  let out = redact(headOf(text)).replace(LONG_VALUE, (run) => clip(run));
  out = out.replace(CONTROL, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return clip(out, MAX_LINE_CHARS - 24); // room for the cut marker
}

export function debugEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return env.AWSX_DEBUG === '1';
}

/** Writes a redacted debug line to stderr when AWSX_DEBUG=1. */
export function debugLog(message: string, env: Record<string, string | undefined> = process.env): void {
  if (debugEnabled(env)) process.stderr.write(`awsx debug: ${redact(message)}\n`);
}
