// In-process console federation emulator (signin.aws.amazon.com/federation) on 127.0.0.1:
// Action=getSigninToken trades credentials the STS emulator issued for a sign-in token, with the
// SessionDuration rules of AWS; Action=login shows a demo page naming the signed-in identity and, as the
// real endpoint does, leaves a console session cookie in the browser; /console (the demo's console) shows
// whoever that browser's cookie signs in, so two browser profiles can be seen to hold two identities.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { systemClock, type Clock } from '../config/clock.js';
import { listenOnLoopback, sleep } from './http.js';
import { type ConsoleLogin, consolePageHtml, loginPageHtml, sendPage, signedOutHtml } from './federation-page.js';
import type { LookedUpCredentials } from './sts-identity.js';

export type { ConsoleLogin } from './federation-page.js';

export interface FederationEmulatorKnobs {
  /** Who a key is (the STS emulator's lookupCredentials): links the two emulators. */
  lookupCredentials: (accessKeyId: string) => LookedUpCredentials | undefined;
  latencyMs: number;
  /** How long a sign-in token can be used to log in (AWS: 15 min). */
  signinTokenTtlSeconds: number;
  /** The emulator's time (default: the machine's); tests move it to expire tokens. */
  clock: Clock;
  onRequest?: (entry: FederationRequestLogEntry) => void;
}

export interface FederationEmulatorOptions extends Partial<FederationEmulatorKnobs> {
  lookupCredentials: (accessKeyId: string) => LookedUpCredentials | undefined;
  port?: number;
}

export interface FederationRequestLogEntry {
  /** getSigninToken, login, logout or Unknown. */
  action: string;
  status: number;
  /** Why a request was refused. */
  reason?: string;
  /** Session's access key id (getSigninToken) or the token's (login). */
  accessKeyId?: string;
  sessionDuration?: string;
  startedAt: number;
}

/** A sign-in token handed out. */
export interface IssuedSigninToken {
  token: string;
  accessKeyId: string;
  arn: string;
  sessionDuration?: number;
  consoleExpiresAt: Date;
  issuedAt: Date;
}

export interface FederationEmulatorStats {
  /** Requests per action, errors included. */
  actions: Record<string, number>;
  /** Non-200 answers. */
  refused: number;
  tokensIssued: number;
}

export interface FederationEmulator {
  url: string;
  port: number;
  /** url + "/federation": the value for AWSX_FEDERATION_ENDPOINT. */
  endpoint: string;
  readonly knobs: FederationEmulatorKnobs;
  readonly stats: FederationEmulatorStats;
  readonly requests: FederationRequestLogEntry[];
  readonly tokens: IssuedSigninToken[];
  /** Every successful login, oldest first. */
  readonly logins: ConsoleLogin[];
  configure(patch: Partial<FederationEmulatorKnobs>): void;
  resetStats(): void;
  close(): Promise<void>;
}

class Refusal extends Error {}
const CONSOLE_MIN = 900;
const CONSOLE_MAX = 43200;

interface FedState {
  knobs: FederationEmulatorKnobs;
  stats: FederationEmulatorStats;
  requests: FederationRequestLogEntry[];
  tokens: IssuedSigninToken[];
  logins: ConsoleLogin[];
  /** Console session cookie value -> the login it signs in. */
  consoles: Map<string, ConsoleLogin>;
  url: string;
}

export const CONSOLE_COOKIE = 'awsx-demo-console';

export async function startFederationEmulator(options: FederationEmulatorOptions): Promise<FederationEmulator> {
  const { port: wanted, ...given } = options;
  const knobs: FederationEmulatorKnobs = { latencyMs: 0, signinTokenTtlSeconds: 900, clock: systemClock, ...given };
  const state: FedState = {
    knobs,
    stats: { actions: {}, refused: 0, tokensIssued: 0 },
    requests: [],
    tokens: [],
    logins: [],
    consoles: new Map(),
    url: '',
  };
  const server = createServer((req, res) => void handle(state, req, res));
  const port = await listenOnLoopback(server, wanted ?? 0);
  state.url = `http://127.0.0.1:${port}`;
  return {
    url: state.url,
    port,
    endpoint: `${state.url}/federation`,
    knobs,
    stats: state.stats,
    requests: state.requests,
    tokens: state.tokens,
    logins: state.logins,
    configure: (patch) => void Object.assign(knobs, patch),
    resetStats: () => {
      Object.assign(state.stats, { actions: {}, refused: 0, tokensIssued: 0 });
      for (const list of [state.requests, state.tokens, state.logins]) list.length = 0;
      state.consoles.clear();
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Parses the Session JSON: exactly sessionId, sessionKey and sessionToken, all non-empty strings. */
function parseSession(raw: string | null): { sessionId: string; sessionKey: string; sessionToken: string } {
  let value: unknown;
  try {
    value = JSON.parse(raw ?? '');
  } catch {
    throw new Refusal('Invalid Credentials Parameter: Session is not JSON');
  }
  const s = (value ?? {}) as Record<string, unknown>;
  const keys = typeof value === 'object' && value !== null ? Object.keys(s).sort().join() : '';
  const ok =
    keys === 'sessionId,sessionKey,sessionToken' && Object.values(s).every((v) => typeof v === 'string' && v !== '');
  if (!ok) throw new Refusal('Invalid Credentials Parameter: Session needs sessionId, sessionKey and sessionToken');
  return s as { sessionId: string; sessionKey: string; sessionToken: string };
}

function getSigninToken(state: FedState, query: URLSearchParams, entry: FederationRequestLogEntry): string {
  const { knobs } = state;
  const session = parseSession(query.get('Session'));
  entry.accessKeyId = session.sessionId;
  const duration = query.get('SessionDuration');
  if (duration !== null) entry.sessionDuration = duration;
  const creds = knobs.lookupCredentials(session.sessionId);
  // An external session registered without its secret or token (SSO) is not checked on them.
  if (!creds || (creds.secretAccessKey !== '' && creds.secretAccessKey !== session.sessionKey))
    throw new Refusal('Invalid Credentials Parameter: unknown credentials');
  if (!creds.temporary)
    throw new Refusal('Invalid Credentials Parameter: long-term keys cannot sign in, use GetFederationToken');
  if (creds.sessionToken !== '' && creds.sessionToken !== session.sessionToken)
    throw new Refusal('Invalid Credentials Parameter: wrong session token');
  const now = knobs.clock.now();
  if (creds.expiration <= now) throw new Refusal('Invalid Credentials Parameter: the credentials have expired');
  if (creds.kind === 'session-token')
    throw new Refusal('Invalid Credentials Parameter: GetSessionToken credentials cannot sign in');
  let seconds: number | undefined;
  if (duration !== null) {
    // Only sessions assumed with long-term keys (or a web identity) may set the console session length.
    if (creds.kind === 'federated-user')
      throw new Refusal(
        'Invalid Credentials Parameter: SessionDuration is not allowed for GetFederationToken sessions',
      );
    if (creds.chained)
      throw new Refusal('Invalid Credentials Parameter: SessionDuration is not allowed for role-chained sessions');
    seconds = /^\d+$/.test(duration) ? Number(duration) : Number.NaN;
    if (!(seconds >= CONSOLE_MIN && seconds <= CONSOLE_MAX))
      throw new Refusal('Invalid Credentials Parameter: SessionDuration must be 900-43200');
  }
  const token = randomBytes(96).toString('base64url');
  const consoleExpiresAt = new Date(seconds !== undefined ? now + seconds * 1000 : creds.expiration);
  state.tokens.push({
    token,
    accessKeyId: creds.accessKeyId,
    arn: creds.arn,
    ...(seconds !== undefined ? { sessionDuration: seconds } : {}),
    consoleExpiresAt,
    issuedAt: new Date(now),
  });
  state.stats.tokensIssued++;
  return JSON.stringify({ SigninToken: token });
}

function login(state: FedState, query: URLSearchParams, entry: FederationRequestLogEntry): ConsoleLogin {
  const now = state.knobs.clock.now();
  const issued = state.tokens.find((t) => t.token === query.get('SigninToken'));
  if (!issued) throw new Refusal('Invalid SigninToken');
  entry.accessKeyId = issued.accessKeyId;
  if (issued.issuedAt.getTime() + state.knobs.signinTokenTtlSeconds * 1000 <= now)
    throw new Refusal('Expired SigninToken');
  if (issued.consoleExpiresAt.getTime() <= now) throw new Refusal('Expired SigninToken: the console session has ended');
  const destination = query.get('Destination') ?? '';
  if (!/^https?:\/\/[^\s]+$/.test(destination)) throw new Refusal('Invalid Destination');
  const creds = state.knobs.lookupCredentials(issued.accessKeyId);
  if (!creds?.temporary) throw new Refusal('Invalid SigninToken');
  const issuer = query.get('Issuer');
  const record: ConsoleLogin = {
    arn: creds.arn,
    account: creds.account,
    userId: creds.userId,
    kind: creds.kind,
    chained: creds.chained,
    accessKeyId: creds.accessKeyId,
    destination,
    ...(issuer ? { issuer } : {}),
    consoleExpiresAt: issued.consoleExpiresAt,
    at: new Date(now),
  };
  state.logins.push(record);
  return record;
}

// One request: /federation (getSigninToken, login) or /oauth (logout, the --signout wrapper).
async function handle(state: FedState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', state.url);
  const query = url.searchParams;
  const route = `${req.method} ${url.pathname.replace(/\/+$/, '')}`;
  const action = route === 'GET /federation' || route === 'GET /oauth' ? (query.get('Action') ?? '') : '';
  const entry: FederationRequestLogEntry = {
    action: action || 'Unknown',
    status: 0,
    startedAt: state.knobs.clock.now(),
  };
  state.stats.actions[entry.action] = (state.stats.actions[entry.action] ?? 0) + 1;
  res.once('close', () => {
    entry.status = res.statusCode;
    if (res.statusCode >= 400) state.stats.refused++;
    state.requests.push(entry);
    state.knobs.onRequest?.(entry);
  });
  req.resume();
  try {
    await sleep(state.knobs.latencyMs);
    if (route === 'GET /federation' && action === 'getSigninToken') {
      const body = getSigninToken(state, query, entry);
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(body);
    } else if (route === 'GET /federation' && action === 'login') {
      const record = login(state, query, entry);
      sendPage(res, 200, loginPageHtml(record), { 'set-cookie': consoleCookie(state, record) });
    } else if (route === 'GET /console') {
      const record = state.consoles.get(cookieValue(req.headers.cookie, CONSOLE_COOKIE) ?? '');
      const live = record && record.consoleExpiresAt.getTime() > state.knobs.clock.now();
      sendPage(res, live ? 200 : 401, consolePageHtml(live ? record : undefined));
    } else if (route === 'GET /oauth' && action === 'logout') {
      const next = query.get('redirect_uri') ?? '';
      if (next.startsWith(`${state.url}/`)) res.writeHead(302, { location: next, 'content-length': '0' }).end();
      else sendPage(res, 200, signedOutHtml());
    } else if (route === 'GET /federation') {
      throw new Refusal('Invalid Action');
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
    }
  } catch (err) {
    const text = err instanceof Refusal ? err.message : 'Internal error';
    entry.reason = text;
    if (res.headersSent) return void res.destroy();
    res.writeHead(err instanceof Refusal ? 400 : 500, { 'content-type': 'text/plain; charset=utf-8' }).end(`${text}\n`);
  }
}

/** The console session cookie a login leaves: persistent until the console session ends, this host only. */
function consoleCookie(state: FedState, record: ConsoleLogin): string {
  const id = randomBytes(24).toString('base64url');
  state.consoles.set(id, record);
  const maxAge = Math.max(1, Math.ceil((record.consoleExpiresAt.getTime() - state.knobs.clock.now()) / 1000));
  return `${CONSOLE_COOKIE}=${id}; Max-Age=${maxAge}; Path=/; HttpOnly; SameSite=Lax`;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}
