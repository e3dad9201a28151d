// An STS endpoint that answers from a script, for faults moto cannot produce: 5xx, throttling, expired or
// invalid keys, clock skew. Answers use AWS's Query-protocol XML; success answers are valid AssumeRole results.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';

export type Reply =
  /** `expiration`: the Expiration to answer with (default: in an hour). */
  | { kind: 'ok'; expiration?: string }
  /** `{token}` in the message is replaced by the session token the request was signed with (an echoing endpoint). */
  | { kind: 'error'; status: number; code: string; message: string; type?: 'Sender' | 'Receiver' }
  /** Fails unless the request's X-Amz-Date is within 5 minutes of `serverTime` (like AWS), sending a Date header. */
  | { kind: 'skewed'; serverTime: Date };

export interface ScriptedSts {
  url: string;
  requests: Array<{ action: string; amzDate?: string; sessionToken?: string }>;
  /** Replies in order; the last one repeats. */
  script: Reply[];
  close(): Promise<void>;
}

const ok = (expiration?: string): string => {
  const exp = expiration ?? new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const key = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
  return `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>${key}</AccessKeyId><SecretAccessKey>${randomBytes(20).toString('base64')}</SecretAccessKey><SessionToken>${randomBytes(60).toString('base64')}</SessionToken><Expiration>${exp}</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROA123:alice</AssumedRoleId><Arn>arn:aws:sts::111111111111:assumed-role/Hop1/alice</Arn></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></AssumeRoleResponse>`;
};

const error = (code: string, message: string, type = 'Sender'): string =>
  `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>2</RequestId></ErrorResponse>`;

function parseAmzDate(v: string | undefined): number {
  const m = v ? /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(v) : null;
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : NaN;
}

export async function startScriptedSts(script: Reply[]): Promise<ScriptedSts> {
  const state: ScriptedSts = { url: '', requests: [], script, close: async () => {} };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => (body += d));
    req.on('end', () => {
      const amzDate = req.headers['x-amz-date'] as string | undefined;
      const sessionToken = req.headers['x-amz-security-token'] as string | undefined;
      state.requests.push({
        action: new URLSearchParams(body).get('Action') ?? '',
        ...(amzDate ? { amzDate } : {}),
        ...(sessionToken ? { sessionToken } : {}),
      });
      const reply = state.script[Math.min(state.requests.length - 1, state.script.length - 1)] ?? { kind: 'ok' };
      if (reply.kind === 'ok') return res.writeHead(200, { 'content-type': 'text/xml' }).end(ok(reply.expiration));
      if (reply.kind === 'error') {
        const message = reply.message.replaceAll('{token}', sessionToken ?? '');
        return res.writeHead(reply.status, { 'content-type': 'text/xml' }).end(error(reply.code, message, reply.type));
      }
      const skew = Math.abs(parseAmzDate(amzDate) - reply.serverTime.getTime());
      if (skew <= 5 * 60_000) return res.writeHead(200, { 'content-type': 'text/xml' }).end(ok());
      res
        .writeHead(403, { 'content-type': 'text/xml', date: reply.serverTime.toUTCString() })
        .end(
          error(
            'SignatureDoesNotMatch',
            `Signature expired: ${amzDate} is now earlier than ${reply.serverTime.toISOString()}`,
          ),
        );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  state.close = () => new Promise((r) => server.close(() => r()));
  return state;
}
