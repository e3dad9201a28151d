// The page the federation emulator shows after Action=login: which identity was signed in, clearly marked
// as a demo (no AWS console, no AWS account).
import { createHash } from 'node:crypto';
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

// The style and banner both demo pages share. The page does not scroll; its <main> does, below the identity
// band, so the band spans the window from edge to edge (no scrollbar beside it) however long the page is.
const PAGE_STYLE =
  'html,body{height:100%;margin:0}body{display:flex;flex-direction:column;font-family:system-ui,sans-serif}' +
  'main{flex:1;overflow:auto;padding:2rem}main>*{max-width:52rem}' +
  '.demo{background:#ffe8a3;border:2px solid #c90;padding:.8rem;font-weight:bold}';
const DEMO_BANNER =
  '<p class="demo">DEMO: this page comes from the awsx local emulator. ' +
  'It is not the AWS console and no AWS account was used.</p>';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The identity band's colour: `#` and the first three bytes of the SHA-256 of the identity ARN (UTF-8), as
 * lowercase hex. Deterministic, so a screenshot proves who was signed in: both demo pages start with a
 * full-width band of this one flat colour (no text, border or shading), IDENTITY_BAND_PX pixels tall, at the
 * very top of the page. The console page for nobody has no band.
 */
export function identityBandColor(arn: string): string {
  return `#${createHash('sha256').update(arn, 'utf8').digest('hex').slice(0, 6)}`;
}
export const IDENTITY_BAND_PX = 24;
const bandStyle = (arn: string): string =>
  `.identity-band{flex:none;height:${IDENTITY_BAND_PX}px;margin:0;border:0;padding:0;` +
  `background:${identityBandColor(arn)}}`;
const bandHtml = (arn: string): string =>
  `<div class="identity-band" data-arn="${esc(arn)}" title="identity colour of ${esc(arn)}"></div>`;

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
<style>${PAGE_STYLE}${bandStyle(login.arn)}dt{font-weight:bold;margin-top:.6rem}</style>
</head><body>
${bandHtml(login.arn)}
<main>
${DEMO_BANNER}
<h1>Signed in to the console (demo)</h1>
<p>In AWS, this sign-in link would open the console at the destination below as this identity.</p>
<dl>
${list}
</dl>
</main>
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
<style>${PAGE_STYLE}${login ? bandStyle(login.arn) : ''}h1{font-size:1.5rem;word-break:break-all}</style>
</head><body>
${login ? bandHtml(login.arn) : ''}
<main>
${DEMO_BANNER}
${body}
</main>
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
