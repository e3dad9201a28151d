// A fake AWS federation endpoint (signin.aws.amazon.com/federation) on loopback: getSigninToken checks the
// Session JSON as AWS requires it (exactly sessionId, sessionKey and sessionToken, all non-empty strings)
// and SessionDuration's range, records every request, and returns {"SigninToken": ...}. Bad input gets a
// non-200 plain-text answer, as AWS gives.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';

export interface SigninTokenCall {
  session?: { sessionId: string; sessionKey: string; sessionToken: string };
  /** The raw SessionDuration parameter, when sent. */
  sessionDuration?: string;
  /** The token handed out, when the request was accepted. */
  token?: string;
  status: number;
}

export interface FakeFederation {
  /** e.g. http://127.0.0.1:PORT/federation: the value for AWSX_FEDERATION_ENDPOINT. */
  endpoint: string;
  calls: SigninTokenCall[];
  /** Access key ids whose SessionDuration is refused (as AWS refuses it for chained sessions). */
  refuseDurationFor: Set<string>;
  reset(): void;
  close(): Promise<void>;
}

const SESSION_KEYS = ['sessionId', 'sessionKey', 'sessionToken'];

export async function startFakeFederation(): Promise<FakeFederation> {
  const calls: SigninTokenCall[] = [];
  const refuseDurationFor = new Set<string>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const fail = (status: number, text: string, call: SigninTokenCall = { status }): void => {
      calls.push({ ...call, status });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(text);
    };
    if (req.method !== 'GET' || url.pathname !== '/federation') return fail(404, 'Not Found');
    if (url.searchParams.get('Action') !== 'getSigninToken') return fail(400, 'Invalid Action');
    const duration = url.searchParams.get('SessionDuration') ?? undefined;
    let session: unknown;
    try {
      session = JSON.parse(url.searchParams.get('Session') ?? '');
    } catch {
      return fail(400, 'Invalid Credentials Parameter', {
        status: 400,
        ...(duration !== undefined ? { sessionDuration: duration } : {}),
      });
    }
    const s = session as Record<string, unknown>;
    const keys = session && typeof session === 'object' ? Object.keys(s).sort() : [];
    const valid =
      keys.join() === [...SESSION_KEYS].sort().join() &&
      SESSION_KEYS.every((k) => typeof s[k] === 'string' && s[k].length > 0);
    const call: SigninTokenCall = {
      status: 0,
      ...(valid ? { session: s as NonNullable<SigninTokenCall['session']> } : {}),
      ...(duration !== undefined ? { sessionDuration: duration } : {}),
    };
    if (!valid) return fail(400, 'Invalid Credentials Parameter', call);
    if (duration !== undefined) {
      const n = Number(duration);
      if (!/^\d+$/.test(duration) || n < 900 || n > 43200 || refuseDurationFor.has(s.sessionId as string))
        return fail(400, 'Invalid Credentials Parameter', call);
    }
    const token = `fake-signin-${randomBytes(24).toString('base64url')}`;
    calls.push({ ...call, token, status: 200 });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ SigninToken: token }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    endpoint: `http://127.0.0.1:${port}/federation`,
    calls,
    refuseDurationFor,
    reset: () => {
      calls.length = 0;
      refuseDurationFor.clear();
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
