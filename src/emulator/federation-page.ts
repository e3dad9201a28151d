// The page the federation emulator shows after Action=login: which identity was signed in, clearly marked
// as a demo (no AWS console, no AWS account).
import type { ServerResponse } from 'node:http';

export interface ConsoleLogin {
  /** Identity ARN: assumed-role or federated-user. */
  arn: string;
  account: string;
  userId: string;
  /** Session kind from STS: assumed-role, web-identity, federated-user. */
  kind: string;
  /** The role was assumed with temporary credentials. */
  chained: boolean;
  accessKeyId: string;
  destination: string;
  issuer?: string;
  consoleExpiresAt: Date;
  at: Date;
}

// The style and banner both demo pages share.
const PAGE_STYLE =
  'body{font-family:system-ui,sans-serif;margin:2rem;max-width:52rem}' +
  '.demo{background:#ffe8a3;border:2px solid #c90;padding:.8rem;font-weight:bold}';
const DEMO_BANNER =
  '<p class="demo">DEMO: this page comes from the awsx local emulator. ' +
  'It is not the AWS console and no AWS account was used.</p>';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function kindText(login: ConsoleLogin): string {
  if (login.kind === 'federated-user') return 'federated user (GetFederationToken)';
  if (login.kind === 'web-identity') return 'role session (AssumeRoleWithWebIdentity)';
  return login.chained ? 'role session (role chaining)' : 'role session (AssumeRole)';
}

export function loginPageHtml(login: ConsoleLogin): string {
  const rows: Array<[string, string]> = [
    ['Identity', login.arn],
    ['Account', login.account],
    ['Kind', kindText(login)],
    ['Destination', login.destination],
    ['Console session expires', login.consoleExpiresAt.toISOString()],
    ...(login.issuer ? ([['Issuer', login.issuer]] as Array<[string, string]>) : []),
  ];
  const list = rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd><code>${esc(v)}</code></dd>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="awsx-demo-identity" content="${esc(login.arn)}">
<title>DEMO console sign-in: ${esc(login.arn)}</title>
<style>${PAGE_STYLE}dt{font-weight:bold;margin-top:.6rem}</style>
</head><body>
${DEMO_BANNER}
<h1>Signed in to the console (demo)</h1>
<p>In AWS, this sign-in link would open the console at the destination below as this identity.</p>
<dl>
${list}
</dl>
</body></html>
`;
}

/** The demo console (/console): who this browser's console session cookie signs in, or nobody. */
export function consolePageHtml(login: ConsoleLogin | undefined): string {
  const body = login
    ? `<h1>Console (demo): ${esc(login.arn)}</h1>\n<p>Account <code>${esc(login.account)}</code>, ` +
      `signed in at ${esc(login.at.toISOString())} by this browser's console session cookie.</p>`
    : '<h1>Console (demo): not signed in</h1>\n<p>This browser holds no console session.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="awsx-demo-identity" content="${login ? esc(login.arn) : ''}">
<title>DEMO console: ${login ? esc(login.arn) : 'not signed in'}</title>
<style>${PAGE_STYLE}h1{font-size:1.5rem;word-break:break-all}</style>
</head><body>
${DEMO_BANNER}
${body}
</body></html>
`;
}

/** A plain page: the sign-out step of a --signout link when it does not lead back here. */
export function signedOutHtml(): string {
  return (
    '<!doctype html><html><head><title>DEMO sign-out</title></head>' +
    '<body><p>DEMO: signed out of the emulated console (awsx local emulator).</p></body></html>\n'
  );
}

export function sendPage(
  res: ServerResponse,
  status: number,
  html: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(Buffer.byteLength(html)),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(html);
}
