// In-process STS emulator: one 127.0.0.1 server speaking the AWS Query protocol as sts.amazonaws.com does
// (POST / form-urlencoded, XML answers). The caller is read from the SigV4 Credential (not verified).
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { systemClock } from '../config/clock.js';
import { ApiError, listenOnLoopback, readBody, sleep } from './http.js';
import { readSigv4 } from './sigv4-read.js';
import { type LookedUpCredentials, userArn, userIdOf } from './sts-identity.js';
import { DEFAULT_MFA_SEED, currentMfaCode } from './sts-mfa.js';
import { STS_OPERATIONS } from './sts-operations.js';
import {
  type Caller,
  type StsEmulatorKnobs,
  type StsEmulatorStats,
  type StsRequestLogEntry,
  type StsState,
  findSession,
  findUserByKey,
  newStsState,
  registerExternal,
  type ExternalSession,
} from './sts-session.js';
import { StsError, errorXml, successXml } from './sts-xml.js';

export type { IssuedSession, LookedUpCredentials, SessionKind, StsRole, StsUser } from './sts-identity.js';
export { currentMfaCode, mfaCodeSecondsLeft, type MfaOptions } from './sts-mfa.js';
export type { ExternalSession, StsEmulatorKnobs, StsEmulatorStats, StsRequestLogEntry } from './sts-session.js';

export interface StsEmulatorOptions extends Partial<StsEmulatorKnobs> {
  /** Port to listen on (default 0: ephemeral). */
  port?: number;
}

export interface StsFault {
  /** Action to fail, or "*" for every one. */
  operation: string;
  code: string;
  /** Default 400 (Throttling etc.); 5xx are rendered as Receiver faults. */
  status?: number;
  message?: string;
  /** How many requests fail (default 1). */
  times?: number;
}

export interface StsEmulator {
  /** Base URL, e.g. http://127.0.0.1:54321 (use for AWS_ENDPOINT_URL_STS). */
  readonly url: string;
  readonly port: number;
  /** Live knobs: mutate directly or through configure(). */
  readonly knobs: StsEmulatorKnobs;
  readonly stats: StsEmulatorStats;
  /** Recent requests (last 10,000). */
  readonly requests: StsRequestLogEntry[];
  configure(patch: Partial<StsEmulatorKnobs>): void;
  resetStats(): void;
  /** Who a key belongs to (session or IAM user key) with its secret, token and expiry; for the federation emulator. */
  lookupCredentials: (accessKeyId: string) => LookedUpCredentials | undefined;
  /** A code STS accepts now for `serial` (seed mode: the TOTP-like code of the current 30 s step). */
  currentMfaCode(serial?: string): string;
  /** Accepts role credentials issued elsewhere (e.g. by the SSO emulator) as an assumed-role session. */
  registerSession(session: ExternalSession): void;
  /** Forgets used MFA codes. */
  resetMfa(): void;
  /** Expires one session (or all) now: its next use gets ExpiredToken. */
  expire(accessKeyId?: string): void;
  injectFault(fault: StsFault): void;
  close(): Promise<void>;
}

const MAX_LOG = 10_000;
const VERSION = '2011-06-15';

function defaultKnobs(options: StsEmulatorOptions): StsEmulatorKnobs {
  const rest = Object.fromEntries(
    Object.entries(options).filter(([k, v]) => k !== 'port' && v !== undefined),
  ) as Partial<StsEmulatorKnobs>;
  return {
    users: [],
    roles: [],
    unknownRoles: 'deny',
    mfa: {},
    latencyMs: 0,
    clockFactor: 1,
    clock: systemClock,
    ...rest,
  };
}

export async function startStsEmulator(options: StsEmulatorOptions = {}): Promise<StsEmulator> {
  const state = newStsState(defaultKnobs(options));
  const faults: Array<Required<Omit<StsFault, 'message'>> & { message: string }> = [];
  const server = createServer((req, res) => void handle(state, faults, req, res));
  const port = await listenOnLoopback(server, options.port ?? 0);

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    knobs: state.knobs,
    stats: state.stats,
    requests: state.requests,
    configure: (patch) => void Object.assign(state.knobs, patch),
    resetStats: () => {
      Object.assign(state.stats, { operations: {}, errors: {}, issued: {}, maxInFlight: state.stats.inFlight });
      state.requests.length = 0;
    },
    lookupCredentials: (accessKeyId) => lookup(state, accessKeyId),
    currentMfaCode: (serial = '') => {
      const { validCodes, seed } = state.knobs.mfa;
      if (validCodes === undefined) return currentMfaCode(seed ?? DEFAULT_MFA_SEED, state.knobs.clock.now());
      return state.mfa.validCodes(serial, state.knobs.clock.now())[0] ?? '';
    },
    registerSession: (ext) => {
      if (!registerExternal(state, ext)) throw new Error(`registerSession: ${ext.roleArn} is not a role ARN`);
    },
    resetMfa: () => state.mfa.reset(),
    expire: (accessKeyId) => {
      const past = state.knobs.clock.now() - 1000;
      for (const s of state.sessions.values())
        if (accessKeyId === undefined || s.accessKeyId === accessKeyId) s.expiration = past;
    },
    injectFault: (f) =>
      void faults.push({
        operation: f.operation,
        code: f.code,
        status: f.status ?? 400,
        message: f.message ?? 'Injected fault',
        times: f.times ?? 1,
      }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function lookup(state: StsState, accessKeyId: string): LookedUpCredentials | undefined {
  const session = findSession(state, accessKeyId);
  if (session) {
    const credentials = { ...session, temporary: true as const };
    delete credentials.originUser;
    return credentials;
  }
  const found = findUserByKey(state, accessKeyId);
  if (!found) return undefined;
  const { user, secretAccessKey } = found;
  return {
    temporary: false,
    kind: 'user',
    accessKeyId,
    secretAccessKey,
    account: user.account,
    arn: userArn(user),
    userId: userIdOf(user),
  };
}

const INVALID_TOKEN = 'The security token included in the request is invalid.';

/** The signed-in caller of a request, or the error AWS gives for its key. */
function resolveCaller(state: StsState, accessKeyId: string, sessionToken: string | undefined): Caller {
  const session = findSession(state, accessKeyId);
  if (session) {
    // An external session registered without its token is not checked.
    if (session.sessionToken !== '' && sessionToken !== session.sessionToken)
      throw new StsError(403, 'InvalidClientTokenId', INVALID_TOKEN);
    if (session.expiration <= state.knobs.clock.now())
      throw new StsError(400, 'ExpiredToken', 'The security token included in the request is expired');
    return { kind: 'session', session };
  }
  const found = findUserByKey(state, accessKeyId);
  if (!found) throw new StsError(403, 'InvalidClientTokenId', INVALID_TOKEN);
  return { kind: 'user', user: found.user, accessKeyId };
}

// One request: bookkeeping, latency, injected faults, caller, then the operation.
async function handle(
  state: StsState,
  faults: Array<Required<StsFault>>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const { stats, knobs } = state;
  const startedAt = knobs.clock.now();
  const requestId = randomUUID();
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const params: Record<string, string> = {};
  const entry: StsRequestLogEntry = {
    operation: 'Unknown',
    method: req.method ?? '',
    status: 0,
    params,
    startedAt,
    durationMs: 0,
  };
  stats.inFlight++;
  stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
  res.once('close', () => {
    stats.inFlight--;
    Object.assign(entry, { status: res.statusCode, durationMs: knobs.clock.now() - startedAt });
    state.requests.push(entry);
    if (state.requests.length > MAX_LOG) state.requests.shift();
    knobs.onRequest?.(entry);
  });
  const send = (status: number, xml: string): void => {
    res.writeHead(status, {
      'content-type': 'text/xml',
      'content-length': String(Buffer.byteLength(xml)),
      'x-amzn-requestid': requestId,
    });
    res.end(xml);
  };

  try {
    for (const [k, v] of url.searchParams) if (!k.startsWith('X-Amz-')) params[k] = v;
    if (req.method === 'POST') for (const [k, v] of new URLSearchParams(await readBody(req))) params[k] = v;
    else req.resume();
    const sig = readSigv4(req.headers, url.searchParams);
    if (sig) Object.assign(entry, { accessKeyId: sig.accessKeyId, region: sig.region });
    const action = params.Action ?? '';
    entry.operation = action || 'Unknown';
    stats.operations[entry.operation] = (stats.operations[entry.operation] ?? 0) + 1;
    await sleep(knobs.latencyMs);

    if (req.method !== 'POST' && req.method !== 'GET')
      throw new StsError(405, 'InvalidAction', `Method ${req.method} is not supported`);
    if (!action) throw new StsError(400, 'MissingAction', 'Missing Action');
    const op = STS_OPERATIONS[action];
    const version = params.Version ?? VERSION;
    if (!op || version !== VERSION)
      throw new StsError(400, 'InvalidAction', `Could not find operation ${action} for version ${version}`);
    const fault = faults.find((f) => (f.operation === action || f.operation === '*') && f.times > 0);
    if (fault) {
      fault.times--;
      throw new StsError(fault.status, fault.code, fault.message);
    }
    let caller: Caller | undefined;
    if (!op.unsigned) {
      if (!sig) throw new StsError(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
      caller = resolveCaller(state, sig.accessKeyId, sig.sessionToken);
    }
    send(200, successXml(action, op.handler(state, params, caller as Caller), requestId));
  } catch (err) {
    if (res.headersSent) return void res.destroy();
    const stsErr =
      err instanceof StsError
        ? err
        : err instanceof ApiError
          ? new StsError(400, 'InvalidRequest', err.message)
          : new StsError(500, 'InternalFailure', String((err as Error)?.message ?? err));
    entry.errorCode = stsErr.code;
    stats.errors[stsErr.code] = (stats.errors[stsErr.code] ?? 0) + 1;
    send(stsErr.status, errorXml(stsErr, requestId));
  }
}
