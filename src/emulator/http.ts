// HTTP helpers for the SSO emulator: JSON/HTML responses, body parsing and AWS-style error responses.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Which wire dialect an error is rendered in: portal `{"message"}` or OIDC `{"error","error_description"}`. */
export type ApiFlavor = 'portal' | 'oidc' | 'browser';

/** An error the handlers throw; the server renders it as status + `x-amzn-ErrorType` + body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

// OAuth error codes (the `error` body member) and statuses of the sso-oidc exceptions.
const OIDC_ERRORS: Record<string, [code: string, status: number]> = {
  AuthorizationPendingException: ['authorization_pending', 400],
  SlowDownException: ['slow_down', 400],
  ExpiredTokenException: ['expired_token', 400],
  AccessDeniedException: ['access_denied', 400],
  InvalidGrantException: ['invalid_grant', 400],
  InvalidClientException: ['invalid_client', 401],
  UnauthorizedClientException: ['unauthorized_client', 400],
  InvalidScopeException: ['invalid_scope', 400],
  InvalidRequestException: ['invalid_request', 400],
  UnsupportedGrantTypeException: ['unsupported_grant_type', 400],
  InvalidClientMetadataException: ['invalid_client_metadata', 400],
  InvalidRedirectUriException: ['invalid_redirect_uri', 400],
  InternalServerException: ['server_error', 500],
};

// Statuses of the portal exceptions (ForbiddenException is unmodelled but real).
const PORTAL_STATUS: Record<string, number> = {
  InvalidRequestException: 400,
  UnauthorizedException: 401,
  ForbiddenException: 403,
  ResourceNotFoundException: 404,
  TooManyRequestsException: 429,
  InternalServerException: 500,
};

/** An sso-oidc error with its modelled status. */
export function oidcError(type: string, description: string): ApiError {
  return new ApiError(OIDC_ERRORS[type]?.[1] ?? 400, type, description);
}

/** A portal (sso) error with its modelled status. */
export function portalError(type: string, message: string): ApiError {
  return new ApiError(PORTAL_STATUS[type] ?? 400, type, message);
}

/** Writes a JSON response (`undefined` body = empty 200 body, as Logout). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  // setHeader (not writeHead's object) so the request log can read the headers back.
  const all = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    'x-amzn-requestid': randomUUID(),
    ...headers,
  };
  for (const [k, v] of Object.entries(all)) res.setHeader(k, v);
  res.writeHead(status);
  res.end(text);
}

/** Renders an ApiError in the dialect of the API it came from. */
export function sendError(res: ServerResponse, flavor: ApiFlavor, err: ApiError): void {
  if (flavor === 'browser') return sendHtml(res, err.status, `${err.type}`, err.message);
  const body =
    flavor === 'oidc'
      ? { error: OIDC_ERRORS[err.type]?.[0] ?? 'invalid_request', error_description: err.message }
      : { message: err.message };
  sendJson(res, err.status, body, { 'x-amzn-errortype': err.type });
}

/** A small HTML page, like the browser pages of the real portal. */
export function sendHtml(res: ServerResponse, status: number, title: string, text: string): void {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const html =
    `<!doctype html><html><head><title>${esc(title)}</title></head>` +
    `<body><h1>${esc(title)}</h1><p>${esc(text)}</p></body></html>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html).toString(),
  });
  res.end(html);
}

/** A 302 redirect (the /authorize answer). */
export function sendRedirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location, 'content-length': '0' });
  res.end();
}

/** Reads the whole request body (capped at 1 MiB). */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 1 << 20) throw oidcError('InvalidRequestException', 'Request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON object body; an empty body is `{}`. */
export function parseJsonObject(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw oidcError('InvalidRequestException', 'Request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw oidcError('InvalidRequestException', 'Request body must be a JSON object');
  return value as Record<string, unknown>;
}

/** Resolves after `ms` (no-op for 0). */
export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}

/** Listens on 127.0.0.1 only (an ephemeral port unless one is asked for) and resolves with the bound port. */
export async function listenOnLoopback(server: Server, port = 0): Promise<number> {
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}
