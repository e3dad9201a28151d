// The credential server behind `awsx exec TARGET --server`: an HTTP endpoint in the container credentials
// format every AWS SDK and the AWS CLI read (AWS_CONTAINER_CREDENTIALS_FULL_URI +
// AWS_CONTAINER_AUTHORIZATION_TOKEN), serving credentials a RefreshScheduler keeps fresh.
//
// Security model: it listens on 127.0.0.1 only, on a port the OS picks; every request must carry the random
// token (32 bytes, base64url) as its Authorization header, compared in constant time; a request without it
// gets 401, a wrong one 403, and neither gets a credential. The token lives only in this process and in
// CMD's environment. The Host header must name the loopback address (no DNS-rebinding detour).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../config/clock.js';
import { redact } from '../config/redact.js';
import type { Env } from '../config/paths.js';
import type { ResolveHooks } from '../credentials/engine-deps.js';
import { ServerStatusFile } from './registry.js';
import { isoSeconds } from '../credentials/export-format.js';
import type { Plan } from '../credentials/plan.js';
import { RefreshScheduler, type FreshSession, type RefreshStatus } from './refresh-scheduler.js';
import { SessionKeeper } from './session-keeper.js';

export const LOOPBACK = '127.0.0.1';
export const CREDENTIALS_PATH = '/credentials';
const TOKEN_BYTES = 32;

/** A fresh random token: 32 bytes from the OS's CSPRNG, base64url (43 characters, header-safe). */
export function newAuthToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

export type AuthResult = 'ok' | 'missing' | 'wrong';

/** Checks an Authorization header against the token in constant time (both hashed to 32 bytes first). */
export function checkAuthorization(header: string | undefined, token: string): AuthResult {
  if (header === undefined || header === '') return 'missing';
  const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(header), digest(token)) ? 'ok' : 'wrong';
}

/** The container credentials document: botocore needs Token and Expiration, the JS SDK all four strings. */
export function containerCredentials(session: FreshSession): Record<string, string> {
  const c = session.credentials;
  return {
    AccessKeyId: c.accessKeyId,
    SecretAccessKey: c.secretAccessKey,
    Token: c.sessionToken ?? '',
    Expiration: isoSeconds(new Date(session.expiresAt)),
    ...(session.accountId ? { AccountId: session.accountId } : {}),
  };
}

export interface EndpointOptions {
  credentials: () => Promise<FreshSession>;
  token: string;
  /** What to say when no credentials can be had (one line, no secrets). */
  label: string;
}

export interface CredentialEndpoint {
  url: string;
  address: AddressInfo;
  close(): Promise<void>;
}

function reply(res: ServerResponse, status: number, body: Record<string, string>): void {
  const text = JSON.stringify(body);
  res
    .writeHead(status, {
      'content-type': 'application/json',
      'cache-control': 'no-store',
      'content-length': Buffer.byteLength(text),
    })
    .end(text);
}

/** Starts the HTTP endpoint on 127.0.0.1 and an OS-chosen port. */
export async function startCredentialEndpoint(options: EndpointOptions): Promise<CredentialEndpoint> {
  let port = 0;
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const auth = checkAuthorization(req.headers.authorization, options.token);
    if (auth !== 'ok') {
      return reply(res, auth === 'missing' ? 401 : 403, {
        Code: auth === 'missing' ? 'Unauthorized' : 'AccessDenied',
        Message: 'the Authorization header must be AWS_CONTAINER_AUTHORIZATION_TOKEN',
      });
    }
    if (req.headers.host !== `${LOOPBACK}:${port}` && req.headers.host !== `localhost:${port}`) {
      return reply(res, 403, { Code: 'AccessDenied', Message: 'unexpected Host header' });
    }
    if (req.method !== 'GET') return reply(res, 405, { Code: 'MethodNotAllowed', Message: 'use GET' });
    if (req.url !== CREDENTIALS_PATH)
      return reply(res, 404, { Code: 'NotFound', Message: `credentials are at ${CREDENTIALS_PATH}` });
    try {
      reply(res, 200, containerCredentials(await options.credentials()));
    } catch (error) {
      const cause = redact(error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error));
      reply(res, 500, {
        Code: 'CredentialsUnavailable',
        Message: `awsx could not renew the credentials of ${options.label}: ${cause}`,
      });
    }
  };
  const server: Server = createServer((req, res) => {
    req.resume(); // a body, if any, is ignored
    handle(req, res).catch(() => res.destroy());
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: LOOPBACK, port: 0, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  if (address.address !== LOOPBACK) {
    server.close();
    throw new Error(`the credential server bound ${address.address}, not ${LOOPBACK}`);
  }
  port = address.port;
  return {
    url: `http://${LOOPBACK}:${port}${CREDENTIALS_PATH}`,
    address,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface CredentialServerOptions {
  env: Env;
  clock: Clock;
  cacheDir: string;
  plan: Plan;
  hooks: ResolveHooks;
  /** A renewal failed; the server retries at `retryAt` and keeps serving the current credentials meanwhile. */
  onFailure?: (error: unknown, retryAt: number, expiresAt: number | undefined) => void;
  onRenewed?: (session: FreshSession) => void;
  /** Cancels the first resolve (Ctrl-C before CMD starts). */
  signal?: AbortSignal;
}

export interface CredentialServer {
  url: string;
  token: string;
  address: AddressInfo;
  label: string;
  profile?: string;
  region?: string;
  status(): RefreshStatus;
  /** Renews now (tests, the picker): shares a renewal already running. */
  renew(): Promise<FreshSession>;
  close(): Promise<void>;
}

/**
 * Resolves the plan (prompting or running mfa_process as the hooks say), then serves it and keeps it fresh.
 * A failing first resolve throws before anything listens.
 */
export async function startCredentialServer(options: CredentialServerOptions): Promise<CredentialServer> {
  const keeper = new SessionKeeper({
    env: options.env,
    cacheDir: options.cacheDir,
    clock: options.clock,
    plan: options.plan,
    hooks: options.hooks,
  });
  let initial: FreshSession;
  try {
    initial = await keeper.resolve(options.signal);
  } catch (error) {
    keeper.close();
    throw error;
  }
  const session = keeper.last!;
  const statusFile = new ServerStatusFile(
    options.env,
    { label: session.label, chain: session.chain, ...(session.profile ? { profile: session.profile } : {}) },
    options.clock.now(),
  );
  const scheduler: RefreshScheduler = new RefreshScheduler({
    renew: () => keeper.resolve(),
    clock: options.clock,
    onStatus: (status) => statusFile.write(status),
    onFailure: (error, retryAt) => options.onFailure?.(error, retryAt, scheduler.status().expiresAt),
    ...(options.onRenewed ? { onRenewed: options.onRenewed } : {}),
  });
  scheduler.start(initial);
  const token = newAuthToken();
  let endpoint: CredentialEndpoint;
  try {
    endpoint = await startCredentialEndpoint({
      credentials: () => scheduler.credentials(),
      token,
      label: session.label,
    });
  } catch (error) {
    scheduler.stop();
    keeper.close();
    statusFile.remove();
    throw error;
  }
  let closed: Promise<void> | undefined;
  return {
    url: endpoint.url,
    token,
    address: endpoint.address,
    label: session.label,
    ...(session.profile ? { profile: session.profile } : {}),
    ...(session.region ? { region: session.region } : {}),
    status: () => scheduler.status(),
    renew: () => scheduler.renew(),
    close: () =>
      (closed ??= (async () => {
        scheduler.stop();
        keeper.close();
        statusFile.remove();
        await endpoint.close();
      })()),
  };
}
