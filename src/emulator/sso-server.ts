// In-process IAM Identity Center emulator: one 127.0.0.1 server answering the portal (sso) and OIDC (sso-oidc) APIs.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { systemClock, type Clock } from '../config/clock.js';
import {
  ApiError,
  listenOnLoopback,
  oidcError,
  parseJsonObject,
  portalError,
  readBody,
  sendError,
  sendJson,
  sleep,
  type ApiFlavor,
} from './http.js';
import { createToken, decideDevice, registerClient, startDeviceAuthorization } from './oidc.js';
import { authorizePage, devicePage } from './oidc-browser.js';
import { generateDirectory, setAssignment, type GenerateDirectoryOptions, type SsoDirectory } from './sso-directory.js';
import { BEARER_HEADER, Portal } from './sso-portal.js';
import {
  newState,
  type EmulatorState,
  type IssuedRoleCredentials,
  type RequestLogEntry,
  type SsoEmulatorKnobs,
  type SsoEmulatorStats,
} from './state.js';

export type { RequestLogEntry, SsoEmulatorKnobs, SsoEmulatorStats } from './state.js';
export { generateDirectory, type SsoAccount, type SsoDirectory } from './sso-directory.js';

export interface SsoEmulatorOptions extends Partial<Omit<SsoEmulatorKnobs, 'directory'>> {
  /** A directory, or options for generateDirectory (default: 3 accounts x 2 roles, seed 1). */
  directory?: SsoDirectory | GenerateDirectoryOptions;
  /** Port to listen on (default 0: ephemeral). */
  port?: number;
  /** The emulator's time (default: the machine's); a test moves it to expire codes and tokens. */
  clock?: Clock;
}

/** A login made without the OIDC dance, e.g. to seed ~/.aws/sso/cache. */
export interface EmulatorLogin {
  clientId: string;
  clientSecret: string;
  registrationExpiresAt: Date;
  accessToken: string;
  expiresAt: Date;
  refreshToken?: string;
}

export interface SsoEmulator {
  /** Base URL, e.g. http://127.0.0.1:54321 (use for AWS_ENDPOINT_URL_SSO and AWS_ENDPOINT_URL_SSO_OIDC). */
  readonly url: string;
  readonly port: number;
  /** Live knobs: mutate directly or through configure(). */
  readonly knobs: SsoEmulatorKnobs;
  readonly stats: SsoEmulatorStats;
  /** Recent requests (last 10,000). */
  readonly requests: RequestLogEntry[];
  /** Every GetRoleCredentials answer (key id, account, role, expiration ms). */
  readonly issuedCredentials: IssuedRoleCredentials[];
  configure(patch: Partial<SsoEmulatorKnobs>): void;
  resetStats(): void;
  assign(accountId: string, roleName: string): void;
  unassign(accountId: string, roleName: string): void;
  /** Registers a client and issues tokens directly; refresh token only with scopes (default ["sso:account:access"]). */
  createLogin(options?: { scopes?: string[]; ttlSeconds?: number }): EmulatorLogin;
  /** A valid bearer token for the portal (no refresh token). */
  createAccessToken(ttlSeconds?: number): string;
  isAccessTokenValid(token: string): boolean;
  /** Approves / denies a pending device code (the newest when no user code is given); false if none. */
  approveDevice(userCode?: string): boolean;
  denyDevice(userCode?: string): boolean;
  /** Expires every access token now (refresh tokens keep working unless `refreshTokens`). */
  expireAllTokens(options?: { refreshTokens?: boolean }): void;
  /** The next `times` requests of `operation` fail with `type` (status from the model unless given). */
  injectFault(fault: { operation: string; type: string; message?: string; times?: number }): void;
  close(): Promise<void>;
}

const ROUTES: Record<string, [operation: string, flavor: ApiFlavor]> = {
  'GET /assignment/accounts': ['ListAccounts', 'portal'],
  'GET /assignment/roles': ['ListAccountRoles', 'portal'],
  'GET /federation/credentials': ['GetRoleCredentials', 'portal'],
  'POST /logout': ['Logout', 'portal'],
  'POST /client/register': ['RegisterClient', 'oidc'],
  'POST /device_authorization': ['StartDeviceAuthorization', 'oidc'],
  'POST /token': ['CreateToken', 'oidc'],
  'GET /device': ['DeviceVerification', 'browser'],
  'GET /authorize': ['Authorize', 'browser'],
};
const OIDC_HANDLERS: Record<string, (state: EmulatorState, body: Record<string, unknown>) => unknown> = {
  RegisterClient: registerClient,
  StartDeviceAuthorization: startDeviceAuthorization,
  CreateToken: createToken,
};
const MAX_LOG = 10_000;

function defaultKnobs(options: SsoEmulatorOptions): SsoEmulatorKnobs {
  const dir = options.directory;
  const directory =
    dir && Array.isArray((dir as SsoDirectory).accounts)
      ? structuredClone(dir as SsoDirectory)
      : generateDirectory(dir as GenerateDirectoryOptions);
  const rest = Object.fromEntries(
    Object.entries(options).filter(([k, v]) => k !== 'port' && k !== 'directory' && k !== 'clock' && v !== undefined),
  ) as Partial<SsoEmulatorKnobs>;
  return {
    latencyMs: 0,
    rateLimit: 0,
    throttleEvery: 0,
    pageSize: 20,
    accessTokenTtlSeconds: 8 * 3600,
    roleCredentialsTtlSeconds: 3600,
    clientSecretTtlSeconds: 90 * 86400,
    deviceCodeTtlSeconds: 600,
    pollIntervalSeconds: 1,
    slowDownIncrementSeconds: 5,
    autoApproveDevice: false,
    approvals: 'visit',
    ...rest,
    directory,
  };
}

export async function startSsoEmulator(options: SsoEmulatorOptions = {}): Promise<SsoEmulator> {
  const state = newState(defaultKnobs(options), options.clock ?? systemClock);
  const portal = new Portal(state);
  const server = createServer((req, res) => void handle(state, portal, req, res));
  const port = await listenOnLoopback(server, options.port ?? 0);
  state.url = `http://127.0.0.1:${port}`;

  const login = (scopes: string[], ttlSeconds?: number): EmulatorLogin => {
    const reg = registerClient(state, { clientName: 'awsx-emulator', clientType: 'public', scopes }) as {
      clientId: string;
      clientSecret: string;
      clientSecretExpiresAt: number;
    };
    const ttl = ttlSeconds ?? state.knobs.accessTokenTtlSeconds;
    const tokens = state.sessions.issue(state.sessions.create(reg.clientId, scopes), ttl);
    return {
      ...reg,
      registrationExpiresAt: new Date(reg.clientSecretExpiresAt * 1000),
      ...tokens,
      expiresAt: new Date(state.clock.now() + ttl * 1000),
    };
  };

  return {
    url: state.url,
    port,
    knobs: state.knobs,
    stats: state.stats,
    requests: state.requests,
    issuedCredentials: state.issuedCredentials,
    configure: (patch) => {
      Object.assign(state.knobs, patch);
      if ('rateLimit' in patch || 'rateLimitBurst' in patch) portal.bucket.reset();
    },
    resetStats: () => {
      Object.assign(state.stats, {
        operations: {},
        throttled: 0,
        maxInFlight: state.stats.inFlight,
        lastHeaders: undefined,
        lastHeadersByOperation: {},
      });
      state.requests.length = 0;
    },
    assign: (accountId, roleName) => setAssignment(state.knobs.directory, accountId, roleName, true),
    unassign: (accountId, roleName) => setAssignment(state.knobs.directory, accountId, roleName, false),
    createLogin: (o = {}) => login(o.scopes ?? ['sso:account:access'], o.ttlSeconds),
    createAccessToken: (ttlSeconds) => login([], ttlSeconds).accessToken,
    isAccessTokenValid: (token) => state.sessions.check(token) === undefined,
    approveDevice: (userCode) => decideDevice(state, userCode, 'approved') !== undefined,
    denyDevice: (userCode) => decideDevice(state, userCode, 'denied') !== undefined,
    expireAllTokens: (o = {}) => state.sessions.expireAll(o.refreshTokens ?? false),
    injectFault: (f) =>
      state.faults.push({
        operation: f.operation,
        type: f.type,
        message: f.message ?? 'Injected fault',
        remaining: f.times ?? 1,
      }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// One request: bookkeeping, latency, injected faults, then the portal / OIDC / browser handler.
async function handle(state: EmulatorState, portal: Portal, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { stats, knobs } = state;
  const startedAt = state.clock.now();
  const url = new URL(req.url ?? '/', state.url);
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
  const [operation, flavor] = ROUTES[`${req.method} ${path}`] ?? ['Unknown', 'portal'];

  stats.inFlight++;
  stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
  stats.operations[operation] = (stats.operations[operation] ?? 0) + 1;
  stats.lastHeaders = req.headers;
  stats.lastHeadersByOperation[operation] = req.headers;
  res.once('close', () => {
    stats.inFlight--;
    if (res.statusCode === 429) stats.throttled++;
    const errorType = res.getHeader('x-amzn-errortype');
    const entry: RequestLogEntry = {
      operation,
      method: req.method ?? '',
      path: url.pathname + url.search,
      status: res.statusCode,
      headers: req.headers,
      startedAt,
      durationMs: state.clock.now() - startedAt,
    };
    if (typeof errorType === 'string') entry.errorType = errorType;
    state.requests.push(entry);
    if (state.requests.length > MAX_LOG) state.requests.shift();
    knobs.onRequest?.(entry);
  });

  try {
    let body = '';
    if (flavor === 'oidc') body = await readBody(req);
    else req.resume();
    await sleep(knobs.latencyMs);
    if (operation === 'Unknown') {
      return sendJson(
        res,
        404,
        { message: `No route for ${req.method} ${url.pathname}` },
        { 'x-amzn-errortype': 'UnknownOperationException' },
      );
    }
    const fault = state.faults.find((f) => f.operation === operation && f.remaining > 0);
    if (fault) {
      fault.remaining--;
      throw flavor === 'oidc' ? oidcError(fault.type, fault.message) : portalError(fault.type, fault.message);
    }
    if (flavor === 'portal') {
      const token = req.headers[BEARER_HEADER];
      return sendJson(res, 200, portal.handle(operation, url.searchParams, Array.isArray(token) ? token[0] : token));
    }
    if (flavor === 'oidc')
      return sendJson(
        res,
        200,
        (OIDC_HANDLERS[operation] as (typeof OIDC_HANDLERS)[string])(state, parseJsonObject(body)),
      );
    if (operation === 'Authorize') return authorizePage(state, url.searchParams, res);
    return devicePage(state, url.searchParams, res);
  } catch (err) {
    if (res.headersSent) return void res.destroy();
    const apiErr =
      err instanceof ApiError
        ? err
        : new ApiError(500, 'InternalServerException', String((err as Error)?.message ?? err));
    sendError(res, flavor, apiErr);
  }
}
