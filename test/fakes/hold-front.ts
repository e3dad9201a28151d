// A pass-through front for moto (IAM and STS on one port) that can hold a request: the request reaches moto
// (so IAM really creates the key), but its answer is kept back, so a test can kill awsx at exactly that
// point. Requests are forwarded byte for byte with their Host header, so moto's SigV4 check (reset-auth)
// still holds. Every request's Action and signing key is logged.
import { request as httpRequest, createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readBody } from './sts-front.js';

export interface FrontCall {
  action: string;
  callerKey?: string;
}

export interface Hold {
  /** Resolves when a matching request has reached moto (its answer is held). */
  arrived: Promise<void>;
}

export interface HoldFront {
  url: string;
  calls: FrontCall[];
  /**
   * Holds the next request with this Action (and caller key, when given): moto answers it but the answer is
   * kept back; with `unsent`, it never reaches moto at all.
   */
  hold(action: string, callerKey?: (key: string | undefined) => boolean, options?: { unsent?: boolean }): Hold;
  close(): Promise<void>;
}

export async function startHoldFront(motoUrl: string): Promise<HoldFront> {
  const target = new URL(motoUrl);
  const calls: FrontCall[] = [];
  const holds: Array<{
    action: string;
    callerKey?: (key: string | undefined) => boolean;
    unsent: boolean;
    arrive: () => void;
  }> = [];
  const held: ServerResponse[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const action = new URLSearchParams(body.toString('utf8')).get('Action') ?? '';
    const callerKey = /Credential=([^/]+)\//.exec(req.headers.authorization ?? '')?.[1];
    calls.push({ action, ...(callerKey ? { callerKey } : {}) });
    const at = holds.findIndex((h) => h.action === action && (!h.callerKey || h.callerKey(callerKey)));
    const hold = at >= 0 ? holds.splice(at, 1)[0] : undefined;
    if (hold?.unsent) {
      held.push(res);
      return hold.arrive();
    }
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          if (hold) {
            held.push(res);
            hold.arrive();
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(chunks));
        });
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    upstream.end(body);
  };
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    hold(action, callerKey, options = {}) {
      let arrive!: () => void;
      const arrived = new Promise<void>((resolve) => (arrive = resolve));
      holds.push({ action, ...(callerKey ? { callerKey } : {}), unsent: options.unsent === true, arrive });
      return { arrived };
    },
    close: () =>
      new Promise((resolve) => {
        for (const res of held) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
