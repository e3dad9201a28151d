// The one-shot loopback listener of the PKCE login: 127.0.0.1 on an ephemeral port, answering the first
// GET /oauth/callback whose `state` matches (a code, or an error from the portal) with a short page, then
// closing. Requests with another state or path are refused and the listener keeps waiting.
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CALLBACK_PATH = '/oauth/callback';

export interface LoopbackListener {
  /** http://127.0.0.1:<port>/oauth/callback */
  redirectUri: string;
  /** The authorization code, or a rejection (portal error, timeout, abort). */
  code: Promise<string>;
  close(): void;
}

export class CallbackError extends Error {
  constructor(
    readonly kind: 'denied' | 'timeout',
    message: string,
  ) {
    super(message);
  }
}

function page(res: ServerResponse, status: number, title: string, text: string): void {
  const html =
    '<!doctype html><html><head><meta charset="utf-8"><title>awsx</title></head>' +
    `<body style="font-family:sans-serif;margin:3em"><h2>${title}</h2><p>${text}</p></body></html>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    connection: 'close',
  });
  res.end(html);
}

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startLoopbackListener(
  state: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<LoopbackListener> {
  let settle!: { resolve: (code: string) => void; reject: (error: Error) => void };
  const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  code.catch(() => {}); // the caller awaits it; never an unhandled rejection meanwhile
  let done = false;
  // Loaded here, not at the top: the picker imports this module for its sign-in panel, and an ES import of
  // node:http also loads Node's undici and TLS (docs/benchmarks.md); only a sign-in needs the listener.
  const { createServer } = await import('node:http');
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH || done)
      return page(res, 404, 'Not found', 'This address only receives the IAM Identity Center sign-in.');
    if (url.searchParams.get('state') !== state)
      return page(
        res,
        400,
        'Sign-in not accepted',
        'This response does not belong to the sign-in awsx is waiting for (state mismatch).',
      );
    const error = url.searchParams.get('error');
    const value = url.searchParams.get('code');
    done = true;
    if (error || !value) {
      const detail = url.searchParams.get('error_description') ?? error ?? 'no code';
      page(res, 400, 'Sign-in failed', `${escape(detail)}. Return to your terminal.`);
      settle.reject(
        new CallbackError(
          'denied',
          `${error ?? 'no authorization code'}${url.searchParams.get('error_description') ? `: ${detail}` : ''}`,
        ),
      );
    } else {
      page(
        res,
        200,
        'Signed in',
        'awsx has your IAM Identity Center sign-in. You can close this tab and return to the terminal.',
      );
      settle.resolve(value);
    }
    finish();
  });
  const timer = setTimeout(() => {
    settle.reject(
      new CallbackError('timeout', `no answer from the browser within ${Math.round(timeoutMs / 60_000)} minutes`),
    );
    finish();
  }, timeoutMs);
  const onAbort = (): void => {
    const error = new Error('cancelled');
    error.name = 'AbortError';
    settle.reject(error);
    finish();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  function finish(): void {
    done = true;
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    server.close();
    setTimeout(() => server.closeAllConnections(), 1000).unref();
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { redirectUri: `http://127.0.0.1:${port}${CALLBACK_PATH}`, code, close: finish };
}
