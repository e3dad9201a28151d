// A thin front for moto's STS that adds the checks moto skips, answering exactly as AWS does:
// - roles whose trust policy requires MFA (a valid, unused 6-digit code, or an MFA session as caller),
// - roles whose trust policy requires an external id,
// - a role's MaxSessionDuration and the 1-hour cap for role chaining,
// - GetSessionToken with MFA marks the new session as MFA-authenticated (moto returns one fixed key
//   for every session, so the front gives each session a key of its own).
// - keys revoked by a test: any call signed with one gets AWS's ExpiredToken (a session) or
//   InvalidClientTokenId (a long-term key) answer.
// - short sessions when a test asks (sessionSeconds): AssumeRole answers expire that many seconds after the
//   answer, as a short-lived source would, so a test sees renewals without waiting 45 minutes.
// Everything else is forwarded to moto unchanged. Every STS request is logged for assertions.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface RoleRule {
  requireMfa?: boolean;
  externalId?: string;
  maxSessionDuration?: number;
}

export interface StsCall {
  action: string;
  params: Record<string, string>;
  /** Access key id the request was signed with. */
  callerKey?: string;
}

export interface StsFront {
  url: string;
  calls: StsCall[];
  rules: Map<string, RoleRule>;
  /** Codes STS accepts (each once). */
  validCodes: Set<string>;
  /** Access key ids STS refuses from now on, as it does once a session expired or a key was deleted. */
  revoked: Set<string>;
  /** When set, every AssumeRole session expires this many seconds after the answer (reset() clears it). */
  sessionSeconds: number | undefined;
  callsOf(action: string): StsCall[];
  /** Forgets the call log and any sessionSeconds. */
  reset(): void;
  /** Lets used codes be used again (a new test's device). */
  forgetUsedCodes(): void;
  /** As it started, for the next test: no calls, no used code, only 123456 valid, no key revoked, the first rules. */
  startOver(): void;
  close(): Promise<void>;
}

const xmlError = (code: string, message: string): string =>
  `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${randomBytes(8).toString('hex')}</RequestId></ErrorResponse>`;

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const randomKey = (prefix: string): string => prefix + randomBytes(8).toString('hex').toUpperCase();

export async function startStsFront(motoUrl: string, firstRules: Array<[string, RoleRule]> = []): Promise<StsFront> {
  const calls: StsCall[] = [];
  const rules = new Map<string, RoleRule>(firstRules);
  const validCodes = new Set<string>(['123456']);
  const usedCodes = new Set<string>();
  const mfaSessions = new Set<string>();
  const temporaryKeys = new Set<string>();
  const revoked = new Set<string>();
  let sessionSeconds: number | undefined;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const params = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
    const callerKey = /Credential=([^/]+)\//.exec(req.headers.authorization ?? '')?.[1];
    const action = params.Action ?? '';
    calls.push({ action, params, ...(callerKey ? { callerKey } : {}) });
    const deny = (status: number, code: string, message: string): void => {
      res.writeHead(status, { 'content-type': 'text/xml' }).end(xmlError(code, message));
    };
    const codeCheck = (): 'none' | 'ok' | 'bad' => {
      if (!params.SerialNumber || !params.TokenCode) return 'none';
      const id = `${params.SerialNumber}:${params.TokenCode}`;
      if (!validCodes.has(params.TokenCode) || usedCodes.has(id)) return 'bad';
      usedCodes.add(id);
      return 'ok';
    };

    if (callerKey && revoked.has(callerKey)) {
      return callerKey.startsWith('ASIA')
        ? deny(403, 'ExpiredToken', 'The security token included in the request is expired')
        : deny(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
    }
    if (action === 'AssumeRole') {
      const rule = rules.get(params.RoleArn ?? '') ?? {};
      const mfa = codeCheck();
      if (mfa === 'bad')
        return deny(403, 'AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code. ');
      const who = `User: arn:aws:iam::123456789012:user/alice is not authorized to perform: sts:AssumeRole on resource: ${params.RoleArn}`;
      if (rule.requireMfa && mfa !== 'ok' && !(callerKey && mfaSessions.has(callerKey)))
        return deny(403, 'AccessDenied', who);
      if (rule.externalId !== undefined && params.ExternalId !== rule.externalId) return deny(403, 'AccessDenied', who);
      const duration = params.DurationSeconds ? Number(params.DurationSeconds) : 3600;
      if (callerKey && temporaryKeys.has(callerKey) && duration > 3600) {
        return deny(
          400,
          'ValidationError',
          'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
        );
      }
      if (duration > (rule.maxSessionDuration ?? 43200)) {
        return deny(
          400,
          'ValidationError',
          'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
        );
      }
    }
    let sessionKey: string | undefined;
    if (action === 'GetSessionToken') {
      const mfa = codeCheck();
      if (mfa === 'bad')
        return deny(403, 'AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code. ');
      sessionKey = randomKey('ASIA');
      if (mfa === 'ok') mfaSessions.add(sessionKey);
    }

    const upstream = await fetch(`${motoUrl}${req.url ?? '/'}`, {
      method: req.method,
      headers: Object.fromEntries(
        Object.entries(req.headers).filter(([k, v]) => typeof v === 'string' && k !== 'content-length' && k !== 'host'),
      ) as Record<string, string>,
      body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
    });
    let text = await upstream.text();
    if (sessionKey)
      text = text.replace(/<AccessKeyId>[^<]*<\/AccessKeyId>/, `<AccessKeyId>${sessionKey}</AccessKeyId>`);
    for (const m of text.matchAll(/<AccessKeyId>(ASIA[^<]*)<\/AccessKeyId>/g)) temporaryKeys.add(m[1]!);
    if (action === 'AssumeRole' && sessionSeconds !== undefined && upstream.ok) {
      const expiration = new Date(Date.now() + sessionSeconds * 1000).toISOString();
      text = text.replace(/<Expiration>[^<]*<\/Expiration>/, `<Expiration>${expiration}</Expiration>`);
    }
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'text/xml' }).end(text);
  };
  const server: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    rules,
    validCodes,
    revoked,
    get sessionSeconds() {
      return sessionSeconds;
    },
    set sessionSeconds(seconds) {
      sessionSeconds = seconds;
    },
    callsOf: (action) => calls.filter((c) => c.action === action),
    reset: () => {
      calls.length = 0;
      sessionSeconds = undefined;
    },
    forgetUsedCodes: () => usedCodes.clear(),
    startOver: () => {
      calls.length = 0;
      usedCodes.clear();
      validCodes.clear();
      validCodes.add('123456');
      revoked.clear();
      rules.clear();
      for (const [role, rule] of firstRules) rules.set(role, rule);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
