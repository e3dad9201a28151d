// Shared emulator state: knobs (mutable at runtime), stats, OIDC records and login sessions.
import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from '../config/clock.js';
import { SessionStore } from './sessions.js';
import type { SsoDirectory } from './sso-directory.js';

/** Runtime-mutable behaviour of the emulator. */
export interface SsoEmulatorKnobs {
  directory: SsoDirectory;
  /** Delay before every request is handled (ms). */
  latencyMs: number;
  /** Token bucket over ListAccounts + ListAccountRoles, requests/second (0 = unlimited). Excess -> 429. */
  rateLimit: number;
  /** Bucket size; default = rateLimit (one second of burst). */
  rateLimitBurst?: number;
  /** Every Nth portal request (ListAccounts, ListAccountRoles, GetRoleCredentials) -> 429 (0 = off). */
  throttleEvery: number;
  /** Page size when max_result is absent. */
  pageSize: number;
  accessTokenTtlSeconds: number;
  roleCredentialsTtlSeconds: number;
  clientSecretTtlSeconds: number;
  /** Device code lifetime (StartDeviceAuthorization expiresIn). */
  deviceCodeTtlSeconds: number;
  /** StartDeviceAuthorization `interval`; faster polling -> SlowDownException. */
  pollIntervalSeconds: number;
  /** After a slow_down, the required interval grows by this (RFC 8628 §3.5). */
  slowDownIncrementSeconds: number;
  /** Approve device codes without a browser: false, true (at once) or after N ms (of the emulator's clock). */
  autoApproveDevice: boolean | number;
  /** What a browser visit to /device or /authorize does. */
  approvals: 'visit' | 'deny';
  /** Called after every request with its log entry. */
  onRequest?: (entry: RequestLogEntry) => void;
}

export interface RequestLogEntry {
  operation: string;
  method: string;
  path: string;
  status: number;
  errorType?: string;
  headers: IncomingHttpHeaders;
  startedAt: number;
  durationMs: number;
}

export interface SsoEmulatorStats {
  /** Requests per operation (ListAccounts, CreateToken, Authorize, DeviceVerification, ...), errors included. */
  operations: Record<string, number>;
  /** 429 TooManyRequestsException responses served. */
  throttled: number;
  inFlight: number;
  maxInFlight: number;
  lastHeaders?: IncomingHttpHeaders;
  lastHeadersByOperation: Record<string, IncomingHttpHeaders>;
}

export interface OidcClient {
  clientId: string;
  clientSecret: string;
  clientName: string;
  scopes: string[];
  grantTypes?: string[];
  redirectUris: string[];
  issuerUrl?: string;
  secretExpiresAtMs: number;
}

export interface DeviceAuth {
  deviceCode: string;
  userCode: string;
  clientId: string;
  startUrl: string;
  expiresAtMs: number;
  /** With autoApproveDevice set to a delay: when the code counts as approved (ms, the emulator's clock). */
  autoApproveAtMs?: number;
  /** Current minimum poll interval (grows after slow_down). */
  intervalSeconds: number;
  lastPollMs?: number;
  status: 'pending' | 'approved' | 'denied' | 'used';
}

export interface AuthCode {
  code: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  scopes: string[];
  expiresAtMs: number;
}

export interface InjectedFault {
  operation: string;
  type: string;
  message: string;
  remaining: number;
}

export interface IssuedRoleCredentials {
  accessKeyId: string;
  accountId: string;
  roleName: string;
  expiration: number;
}

export interface EmulatorState {
  url: string;
  /** The emulator's time: expiries, poll intervals, the rate limit and the request log read it. */
  clock: Clock;
  knobs: SsoEmulatorKnobs;
  stats: SsoEmulatorStats;
  requests: RequestLogEntry[];
  sessions: SessionStore;
  clients: Map<string, OidcClient>;
  devices: Map<string, DeviceAuth>;
  authCodes: Map<string, AuthCode>;
  faults: InjectedFault[];
  issuedCredentials: IssuedRoleCredentials[];
}

export function newState(knobs: SsoEmulatorKnobs, clock: Clock): EmulatorState {
  return {
    url: '',
    clock,
    knobs,
    stats: { operations: {}, throttled: 0, inFlight: 0, maxInFlight: 0, lastHeadersByOperation: {} },
    requests: [],
    sessions: new SessionStore(clock),
    clients: new Map(),
    devices: new Map(),
    authCodes: new Map(),
    faults: [],
    issuedCredentials: [],
  };
}
