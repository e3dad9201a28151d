// AWS Sign-In's token endpoint, as `aws login` (AWS CLI v2.32+) and its refresh use it: POST /v1/token,
// CreateOAuth2Token (rest-json; the body is the tokenInput structure, camelCase members). Built from the
// service model (botocore's data/signin, the JS SDK's nested signin client) and the AWS CLI's public source:
// - public clients arn:aws:signin:::devtools/same-device | cross-device, grantType authorization_code (PKCE,
//   S256 challenge) or refresh_token;
// - every request carries a DPoP proof (RFC 9449: ES256 JWT, typ dpop+jwt, jwk of the P-256 key, htm, htu,
//   iat, jti); a refresh token is bound to the key that redeemed the code (cnf.jkt, the RFC 7638 thumbprint);
// - the answer: accessToken {accessKeyId, secretAccessKey, sessionToken}, tokenType aws_sigv4, expiresIn (at
//   most 900), refreshToken, and idToken (a JWT whose `sub` is the login session ARN) for a redeemed code;
// - errors: {error, message} with x-amzn-errortype; AccessDeniedException is 401 for TOKEN_EXPIRED /
//   AUTHCODE_EXPIRED, 403 for USER_CREDENTIALS_CHANGED / INSUFFICIENT_PERMISSIONS; ValidationException 400.
// Not confirmed by public sources (chosen here, see docs/login-sessions.md): how long a refresh token lives,
// whether a refresh rotates it (here: a new one each time, the old one still valid until it expires), the
// DPoP clock window (here 5 minutes) and the exact session ARN format.
import {
  createHash,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  randomUUID,
  verify,
  type JsonWebKey,
} from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { systemClock, type Clock } from '../config/clock.js';
import { listenOnLoopback, readBody } from './http.js';

export interface SigninEmulator {
  url: string;
  /** Every CreateOAuth2Token request: its grant, client, DPoP key thumbprint and answer status. */
  readonly calls: Array<{ grantType: string; status: number; jkt?: string; htu?: string }>;
  /** Logs in as `aws login` would (key pair, code redeemed) and returns the cache file's JSON and session. */
  login(options?: { accountId?: string; user?: string; ttlSeconds?: number; clientId?: string }): {
    session: string;
    token: LoginCacheToken;
  };
  /** The next refreshes fail with this AccessDeniedException error code (all of them: `times` undefined). */
  deny(
    error: 'TOKEN_EXPIRED' | 'USER_CREDENTIALS_CHANGED' | 'INSUFFICIENT_PERMISSIONS' | undefined,
    times?: number,
  ): void;
  /** Access key ids issued, with their session. */
  readonly issued: Map<string, string>;
  close(): Promise<void>;
}

/** The cache file `aws login` writes under ~/.aws/login/cache/<sha256(session)>.json. */
export interface LoginCacheToken {
  accessToken: {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken: string;
    accountId: string;
    expiresAt: string;
  };
  tokenType: string;
  clientId: string;
  refreshToken: string;
  idToken: string;
  dpopKey: string;
}

interface Grant {
  session: string;
  jkt: string;
  expiresAt: number;
}

const CLIENT_ID = /^arn:aws:signin:::devtools\/(cross-device|same-device)$/;
const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');
const cliTime = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/** RFC 7638 thumbprint of a P-256 public JWK. */
export function jwkThumbprint(jwk: JsonWebKey): string {
  return createHash('sha256')
    .update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }))
    .digest('base64url');
}

export async function startSigninEmulator(
  options: { refreshTtlSeconds?: number; credentialTtlSeconds?: number; clock?: Clock } = {},
): Promise<SigninEmulator> {
  const clock = options.clock ?? systemClock;
  const refreshTtl = (options.refreshTtlSeconds ?? 12 * 3600) * 1000;
  const expiresIn = Math.min(900, options.credentialTtlSeconds ?? 900);
  const grants = new Map<string, Grant>();
  const seenJti = new Set<string>();
  const issued = new Map<string, string>();
  const calls: SigninEmulator['calls'] = [];
  let denial: { error: string; times?: number } | undefined;

  const credentials = (session: string) => {
    const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
    issued.set(accessKeyId, session);
    return {
      accessKeyId,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: `IQoJ${randomBytes(60).toString('base64')}`,
    };
  };
  const newRefreshToken = (session: string, jkt: string): string => {
    const token = `rt-${randomBytes(24).toString('base64url')}`;
    grants.set(token, { session, jkt, expiresAt: clock.now() + refreshTtl });
    return token;
  };

  /** Checks the DPoP proof against the request; returns the key's thumbprint. */
  const checkDpop = (req: IncomingMessage, url: string): { jkt: string; htu: string } => {
    const proof = req.headers.dpop;
    if (typeof proof !== 'string') throw fail(400, 'ValidationException', 'INVALID_REQUEST', 'DPoP proof is required');
    const [h, p, s] = proof.split('.');
    let header: { typ?: string; alg?: string; jwk?: JsonWebKey };
    let payload: { htm?: string; htu?: string; iat?: number; jti?: string };
    try {
      header = JSON.parse(Buffer.from(h ?? '', 'base64url').toString('utf8')) as typeof header;
      payload = JSON.parse(Buffer.from(p ?? '', 'base64url').toString('utf8')) as typeof payload;
    } catch {
      throw fail(400, 'ValidationException', 'INVALID_REQUEST', 'DPoP proof is not a JWT');
    }
    if (header.typ !== 'dpop+jwt' || header.alg !== 'ES256' || header.jwk?.kty !== 'EC' || header.jwk.crv !== 'P-256') {
      throw fail(
        400,
        'ValidationException',
        'INVALID_REQUEST',
        'DPoP proof must be an ES256 dpop+jwt with a P-256 jwk',
      );
    }
    const key = createPublicKey({ key: header.jwk, format: 'jwk' });
    if (
      !verify('sha256', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(s ?? '', 'base64url'))
    ) {
      throw fail(400, 'ValidationException', 'INVALID_REQUEST', 'DPoP proof signature is invalid');
    }
    if (payload.htm !== 'POST' || payload.htu !== url)
      throw fail(400, 'ValidationException', 'INVALID_REQUEST', 'DPoP proof htm/htu do not match the request');
    if (typeof payload.iat !== 'number' || Math.abs(payload.iat - clock.now() / 1000) > 300)
      throw fail(400, 'ValidationException', 'INVALID_REQUEST', 'DPoP proof iat is not recent');
    if (!payload.jti || seenJti.has(payload.jti))
      throw fail(400, 'ValidationException', 'INVALID_REQUEST', 'DPoP proof jti was used before');
    seenJti.add(payload.jti);
    return { jkt: jwkThumbprint(header.jwk), htu: payload.htu };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method !== 'POST' || path !== '/v1/token') return send(res, 404, { message: 'Not Found' });
    const host = req.headers.host ?? '';
    let jkt: string | undefined;
    let htu: string | undefined;
    let grantType = '';
    try {
      const body = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
      grantType = typeof body.grantType === 'string' ? body.grantType : '';
      if (typeof body.clientId !== 'string' || !CLIENT_ID.test(body.clientId))
        throw fail(400, 'ValidationException', 'INVALID_REQUEST', 'clientId is not a devtools client');
      // The proof names the URL the client sent to; the host as the request carries it.
      ({ jkt, htu } = checkDpop(
        req,
        `${(req.headers['x-forwarded-proto'] as string | undefined) ?? 'http'}://${host}/v1/token`,
      ));
      if (grantType !== 'refresh_token')
        throw fail(
          400,
          'ValidationException',
          'INVALID_REQUEST',
          'grantType must be refresh_token here (codes are redeemed by login())',
        );
      const grant = typeof body.refreshToken === 'string' ? grants.get(body.refreshToken) : undefined;
      if (!grant || grant.expiresAt <= clock.now())
        throw fail(401, 'AccessDeniedException', 'TOKEN_EXPIRED', 'The refresh token has expired');
      if (grant.jkt !== jkt)
        throw fail(400, 'ValidationException', 'INVALID_REQUEST', 'DPoP key does not match the refresh token');
      if (denial) {
        const error = denial.error;
        if (denial.times !== undefined && --denial.times <= 0) denial = undefined;
        throw fail(error === 'TOKEN_EXPIRED' ? 401 : 403, 'AccessDeniedException', error, `Access denied: ${error}`);
      }
      calls.push({ grantType, status: 200, jkt, htu });
      send(res, 200, {
        accessToken: credentials(grant.session),
        tokenType: 'aws_sigv4',
        expiresIn,
        refreshToken: newRefreshToken(grant.session, jkt),
      });
    } catch (error) {
      const e = error as ApiFailure;
      calls.push({ grantType, status: e.status ?? 500, ...(jkt ? { jkt } : {}), ...(htu ? { htu } : {}) });
      send(
        res,
        e.status ?? 500,
        { error: e.code ?? 'server_error', message: e.message },
        e.type ?? 'InternalServerException',
      );
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  const port = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    issued,
    deny: (error, times) => {
      denial = error ? { error, ...(times !== undefined ? { times } : {}) } : undefined;
    },
    login: (o = {}) => {
      const accountId = o.accountId ?? '111111111111';
      const session = `arn:aws:iam::${accountId}:user/${o.user ?? 'alice'}`;
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const jkt = jwkThumbprint(publicKey.export({ format: 'jwk' }));
      const idToken = [
        b64url(JSON.stringify({ alg: 'ES256', typ: 'JWT' })),
        b64url(JSON.stringify({ sub: session, iat: Math.floor(clock.now() / 1000) })),
        b64url(randomBytes(64)),
      ].join('.');
      const token: LoginCacheToken = {
        accessToken: {
          ...credentials(session),
          accountId,
          expiresAt: cliTime(clock.now() + (o.ttlSeconds ?? expiresIn) * 1000),
        },
        tokenType: 'aws_sigv4',
        clientId: o.clientId ?? 'arn:aws:signin:::devtools/same-device',
        refreshToken: newRefreshToken(session, jkt),
        idToken,
        // As the AWS CLI writes it: SEC1 DER in a PEM with 64-column lines.
        dpopKey: privateKey.export({ format: 'pem', type: 'sec1' }).toString(),
      };
      return { session, token };
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface ApiFailure extends Error {
  status?: number;
  type?: string;
  code?: string;
}

function fail(status: number, type: string, code: string, message: string): ApiFailure {
  return Object.assign(new Error(message), { status, type, code });
}

function send(res: ServerResponse, status: number, body: unknown, errorType?: string): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    'x-amzn-requestid': randomUUID(),
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  res.end(text);
}
