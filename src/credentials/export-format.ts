// Renders a session for shells and tools. The shell formats and `process` print the credentials byte for byte
// as the AWS CLI v2's `aws configure export-credentials --format` does (awscli/customizations/configure/
// exportcreds.py), then awsx's own lines; `text` and `json` are awsx's.
import type { Session } from './engine.js';

/** `aws configure export-credentials --format` names (AWS CLI v2), then awsx's own; `export` and `cmd` are aliases. */
export const CLI_FORMATS = ['env', 'env-no-export', 'powershell', 'windows-cmd', 'fish', 'process'] as const;
export const FORMATS = ['text', 'json', ...CLI_FORMATS] as const;
export type Format = (typeof FORMATS)[number];
export const FORMAT_ALIASES: Readonly<Record<string, Format>> = { export: 'env', cmd: 'windows-cmd' };
/** Every name --format accepts, for help and completion. */
export const FORMAT_NAMES: readonly string[] = [...FORMATS, ...Object.keys(FORMAT_ALIASES)];
export type ShellFormat = 'env' | 'env-no-export' | 'powershell' | 'windows-cmd' | 'fish';

/** The format a name stands for (aliases resolved); undefined for an unknown name. */
export function formatNamed(name: string): Format | undefined {
  return (FORMATS as readonly string[]).includes(name) ? (name as Format) : FORMAT_ALIASES[name];
}

/** 2025-03-01T13:00:00Z: the form the AWS CLI writes and every SDK reads. */
export function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** The variables a session sets, in the AWS CLI's order; undefined values are to be unset. */
export function sessionVariables(session: Session): Array<[string, string | undefined]> {
  const c = session.credentials;
  const vars: Array<[string, string | undefined]> = [
    ['AWS_ACCESS_KEY_ID', c.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', c.secretAccessKey],
    ['AWS_SESSION_TOKEN', c.sessionToken],
    ['AWS_CREDENTIAL_EXPIRATION', c.expiration ? isoSeconds(c.expiration) : undefined],
  ];
  if (session.region) vars.push(['AWS_REGION', session.region], ['AWS_DEFAULT_REGION', session.region]);
  return vars;
}

/**
 * The expiry as the AWS CLI prints it: Python's isoformat() of botocore's UTC datetime, 2025-03-01T13:00:00+00:00
 * (whole seconds, as STS gives them and as awsx hands them to botocore through credential_process).
 */
export function cliExpiration(date: Date): string {
  return `${date.toISOString().slice(0, 19)}+00:00`;
}

// Each shell's line, as the AWS CLI writes it. It never quotes: a value with a character the shell would
// read differently (never the case for keys, tokens and dates) is quoted or escaped so it stays the same.
const SAFE = /^[A-Za-z0-9_+/=.:,@%-]*$/;
const posix = (v: string): string => (SAFE.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`);
export interface ShellLines {
  set: (name: string, value: string) => string;
  /** Absent for env-no-export, which cannot remove a variable. */
  unset?: (name: string) => string;
}

const SHELL_LINES: Record<ShellFormat, ShellLines> = {
  env: { set: (k, v) => `export ${k}=${posix(v)}`, unset: (k) => `unset ${k}` },
  'env-no-export': { set: (k, v) => `${k}=${posix(v)}` },
  powershell: {
    set: (k, v) => `$Env:${k}="${v.replace(/[`$"\u201c\u201d\u201e]/g, '`$&')}"`,
    unset: (k) => `Remove-Item Env:${k} -ErrorAction SilentlyContinue`,
  },
  'windows-cmd': { set: (k, v) => `set ${k}=${v.replace(/[\^&|<>%"]/g, '^$&')}`, unset: (k) => `set ${k}=` },
  fish: { set: (k, v) => `set -gx ${k} "${v.replace(/[\\$"]/g, '\\$&')}"`, unset: (k) => `set -e ${k}` },
};

export function shellLines(format: ShellFormat | 'export' | 'cmd'): ShellLines {
  return SHELL_LINES[format === 'export' ? 'env' : format === 'cmd' ? 'windows-cmd' : format];
}

/** The AWS variables a session's lines set (and `--unset` removes). */
export const SESSION_VARIABLE_NAMES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
];

/**
 * The lines `aws configure export-credentials --format FORMAT` prints for these credentials, byte for byte,
 * then awsx's own: unsetting a session token or expiry the credentials lack (so none lingers from an earlier
 * identity; env-no-export cannot) and setting AWS_REGION and AWS_DEFAULT_REGION when the session has a region.
 */
export function renderShell(session: Session, format: ShellFormat | 'export' | 'cmd'): string {
  const lines = shellLines(format);
  const c = session.credentials;
  const out = [lines.set('AWS_ACCESS_KEY_ID', c.accessKeyId), lines.set('AWS_SECRET_ACCESS_KEY', c.secretAccessKey)];
  if (c.sessionToken) out.push(lines.set('AWS_SESSION_TOKEN', c.sessionToken));
  if (c.expiration) out.push(lines.set('AWS_CREDENTIAL_EXPIRATION', cliExpiration(c.expiration)));
  if (lines.unset) {
    if (!c.sessionToken) out.push(lines.unset('AWS_SESSION_TOKEN'));
    if (!c.expiration) out.push(lines.unset('AWS_CREDENTIAL_EXPIRATION'));
  }
  const region = session.region;
  if (region) out.push(lines.set('AWS_REGION', region), lines.set('AWS_DEFAULT_REGION', region));
  return `${out.join('\n')}\n`;
}

export function renderJson(session: Session): string {
  const c = session.credentials;
  return `${JSON.stringify(
    {
      AccessKeyId: c.accessKeyId,
      SecretAccessKey: c.secretAccessKey,
      ...(c.sessionToken ? { SessionToken: c.sessionToken } : {}),
      ...(c.expiration ? { Expiration: isoSeconds(c.expiration) } : {}),
      ...(session.region ? { Region: session.region } : {}),
    },
    null,
    2,
  )}\n`;
}

/** `--format process`: exactly what `aws configure export-credentials` prints (indented, the AWS CLI's expiry form). */
export function renderCliProcess(session: Session): string {
  const c = session.credentials;
  const out = {
    Version: 1,
    AccessKeyId: c.accessKeyId,
    SecretAccessKey: c.secretAccessKey,
    ...(c.sessionToken ? { SessionToken: c.sessionToken } : {}),
    ...(c.expiration ? { Expiration: cliExpiration(c.expiration) } : {}),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

// botocore refreshes process credentials 15 minutes before they expire (the JS SDK 5): hand out sessions
// with more life than that, or every AWS CLI call in the last 15 minutes would run awsx again.
export const PROCESS_MIN_REMAINING_MS = 16 * 60_000;

/** The credential_process contract (awsx credential-process): Version 1 JSON, with the account id. */
export function renderProcess(session: Session): string {
  const c = session.credentials;
  return `${JSON.stringify({
    Version: 1,
    AccessKeyId: c.accessKeyId,
    SecretAccessKey: c.secretAccessKey,
    ...(c.sessionToken ? { SessionToken: c.sessionToken } : {}),
    ...(c.expiration ? { Expiration: isoSeconds(c.expiration) } : {}),
    ...(session.accountId ? { AccountId: session.accountId } : {}),
  })}\n`;
}

export function renderText(session: Session, now: number): string {
  const c = session.credentials;
  const rows: Array<[string, string | undefined]> = [
    ['Identity', session.label + (session.chain.length > 1 ? `  (${session.chain.join(' -> ')})` : '')],
    ['Account', session.accountId],
    ['ARN', session.arn],
    ['Region', session.region],
    [
      'Expires',
      c.expiration
        ? `${isoSeconds(c.expiration)} (${formatRemaining(c.expiration.getTime() - now)})`
        : 'never (long-term keys)',
    ],
  ];
  const head = rows.filter(([, v]) => v).map(([k, v]) => `${k.padEnd(9)}${v}`);
  return `${head.join('\n')}\n\n${renderShell(session, 'env-no-export')}`;
}

export function formatRemaining(ms: number): string {
  if (ms <= 0) return 'expired';
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m`;
  return `${m}:${String(s % 60).padStart(2, '0')}`;
}

/** `now`: the time the text format counts the remaining life from. */
export function render(session: Session, format: Format, now: number): string {
  switch (format) {
    case 'text':
      return renderText(session, now);
    case 'json':
      return renderJson(session);
    case 'process':
      return renderCliProcess(session);
    default:
      return renderShell(session, format);
  }
}
