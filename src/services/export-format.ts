// Renders a session for shells and tools. Values are quoted only where a shell needs it, so the usual
// base64 keys print exactly as `aws configure export-credentials` prints them.
import type { Session } from './credential-engine.js';

export const FORMATS = ['text', 'json', 'env', 'export', 'fish', 'powershell', 'cmd', 'process'] as const;
export type Format = (typeof FORMATS)[number];
export const SHELL_FORMATS = ['export', 'fish', 'powershell', 'cmd'] as const;

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

const SAFE = /^[A-Za-z0-9_+/=.:,@%-]*$/;
const posix = (v: string): string => (SAFE.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`);
const fish = (v: string): string => `'${v.replace(/[\\']/g, '\\$&')}'`;
const powershell = (v: string): string => `'${v.replace(/'/g, "''")}'`;
const cmd = (v: string): string => v.replace(/[\^&|<>%"]/g, '^$&');

function lines(vars: Array<[string, string | undefined]>, set: (k: string, v: string) => string, unset: (k: string) => string | undefined): string {
  const out = vars.map(([k, v]) => (v === undefined ? unset(k) : set(k, v))).filter((l): l is string => l !== undefined);
  return `${out.join('\n')}\n`;
}

export function renderShell(session: Session, format: 'env' | 'export' | 'fish' | 'powershell' | 'cmd'): string {
  const vars = sessionVariables(session).filter(([k, v]) => v !== undefined || k === 'AWS_SESSION_TOKEN' || k === 'AWS_CREDENTIAL_EXPIRATION');
  switch (format) {
    case 'env':
      return lines(vars, (k, v) => `${k}=${posix(v)}`, () => undefined);
    case 'export':
      return lines(vars, (k, v) => `export ${k}=${posix(v)}`, (k) => `unset ${k}`);
    case 'fish':
      return lines(vars, (k, v) => `set -gx ${k} ${fish(v)}`, (k) => `set -e ${k}`);
    case 'powershell':
      return lines(vars, (k, v) => `$Env:${k}=${powershell(v)}`, (k) => `Remove-Item Env:${k} -ErrorAction SilentlyContinue`);
    case 'cmd':
      return lines(vars, (k, v) => `set ${k}=${cmd(v)}`, (k) => `set ${k}=`);
  }
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

/** The credential_process contract: Version 1 JSON. */
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

export function renderText(session: Session, now = Date.now()): string {
  const c = session.credentials;
  const rows: Array<[string, string | undefined]> = [
    ['Identity', session.label + (session.chain.length > 1 ? `  (${session.chain.join(' -> ')})` : '')],
    ['Account', session.accountId],
    ['ARN', session.arn],
    ['Region', session.region],
    ['Expires', c.expiration ? `${isoSeconds(c.expiration)} (${formatRemaining(c.expiration.getTime() - now)})` : 'never (long-term keys)'],
  ];
  const head = rows.filter(([, v]) => v).map(([k, v]) => `${k.padEnd(9)}${v}`);
  return `${head.join('\n')}\n\n${renderShell(session, 'env')}`;
}

export function formatRemaining(ms: number): string {
  if (ms <= 0) return 'expired';
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m`;
  return `${m}:${String(s % 60).padStart(2, '0')}`;
}

export function render(session: Session, format: Format): string {
  switch (format) {
    case 'text':
      return renderText(session);
    case 'json':
      return renderJson(session);
    case 'process':
      return renderProcess(session);
    default:
      return renderShell(session, format);
  }
}
