// The AWS federation endpoint's getSigninToken: one HTTPS GET (not an SDK call) that trades temporary
// credentials for a console sign-in token. The request URL carries the credentials and the answer is a
// secret too: neither ever goes into an error, a log or a debug trace.
import { HttpRequest } from '@smithy/core/protocols';
import { CancelledError } from '../config/errors.js';
import { boundedHandler, ResponseTooLargeError } from './bounded-handler.js';
import { clientEnv, settingsFor } from './client-context.js';
import { httpOptions } from './clients.js';
import type { Credentials } from './credentials.js';
import { AwsCallError, NETWORK_CODES, TLS_CODES } from './errors.js';

export interface SigninTokenRequest {
  /** e.g. https://signin.aws.amazon.com/federation */
  endpoint: string;
  credentials: Credentials;
  /** Console session length in seconds; only some credentials may send it. */
  sessionDuration?: number;
  /** Names the identity in errors. */
  profile?: string;
  label: string;
  signal?: AbortSignal;
}

function timeoutMs(): number {
  return Number(clientEnv().AWSX_TIMEOUT_MS) || 20_000;
}

export async function getSigninToken(req: SigninTokenRequest): Promise<string> {
  const { credentials, profile } = req;
  const who = profile ? `profile "${profile}": ` : `${req.label}: `;
  if (!credentials.sessionToken) throw new Error('getSigninToken needs temporary credentials');
  const url = new URL(req.endpoint);
  url.searchParams.set('Action', 'getSigninToken');
  if (req.sessionDuration !== undefined) url.searchParams.set('SessionDuration', String(req.sessionDuration));
  url.searchParams.set(
    'Session',
    JSON.stringify({
      sessionId: credentials.accessKeyId,
      sessionKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
    }),
  );
  const host = url.host;
  const timeout = AbortSignal.timeout(timeoutMs());
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;

  let status: number;
  let body: string;
  try {
    // The SDK's own request handler, so the proxy, the CA bundle and the size bound apply here as to every
    // other AWS call.
    const handler = boundedHandler(httpOptions(settingsFor('sts')));
    const request = new HttpRequest({
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      method: 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { host: url.host, accept: 'application/json' },
    });
    const { response } = await handler.handle(request, { abortSignal: signal });
    status = response.statusCode;
    body = await readBody(response.body);
    handler.destroy();
  } catch (error) {
    if (error instanceof ResponseTooLargeError) {
      throw new AwsCallError(`${who}the AWS sign-in endpoint ${host} ${error.message}`, error.name, {
        profile,
        hint: 'check any AWSX_FEDERATION_ENDPOINT setting',
      });
    }
    // Only a code or name leaves here: errors may quote the request, which holds the credentials.
    if (req.signal?.aborted)
      throw new CancelledError(`${who}cancelled while getting a console sign-in token`, { profile });
    const cause =
      (error as { code?: string }).code ??
      (error as { cause?: { code?: string } }).cause?.code ??
      (error as Error).name;
    const what =
      timeout.aborted || cause === 'TimeoutError'
        ? 'timed out'
        : NETWORK_CODES.has(cause) || TLS_CODES.has(cause)
          ? cause
          : 'request failed';
    throw new AwsCallError(`${who}cannot reach the AWS sign-in endpoint ${host} (${what})`, cause, {
      profile,
      hint: TLS_CODES.has(cause)
        ? "the endpoint's TLS certificate is not trusted: set AWS_CA_BUNDLE (or ca_bundle) to your CA bundle"
        : 'check the network and any AWSX_FEDERATION_ENDPOINT setting, then retry',
    });
  }
  if (status !== 200) {
    const detail = safeDetail(body, credentials);
    const hint =
      req.sessionDuration !== undefined
        ? 'these credentials may not set the console session length: retry without --duration'
        : 'the credentials may have expired, or be of a kind that cannot sign in (GetSessionToken credentials ' +
          'cannot): refresh them with --no-cache, or use a role';
    throw new AwsCallError(
      `${who}the AWS sign-in endpoint ${host} refused the credentials (HTTP ${status}${detail ? `: ${detail}` : ''})`,
      `HTTP${status}`,
      { profile, hint },
    );
  }
  let token: unknown;
  try {
    token = (JSON.parse(body) as { SigninToken?: unknown }).SigninToken;
  } catch {
    token = undefined;
  }
  if (typeof token !== 'string' || token === '') {
    throw new AwsCallError(`${who}the AWS sign-in endpoint ${host} answered without a sign-in token`, 'NoSigninToken', {
      profile,
      hint: 'retry; check any AWSX_FEDERATION_ENDPOINT setting',
    });
  }
  return token;
}

async function readBody(stream: unknown): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/** The endpoint's error text, if it is short plain text that quotes no secret. */
function safeDetail(body: string, credentials: Credentials): string | undefined {
  const line = body.trim().split('\n')[0]?.trim() ?? '';
  if (!line || line.length > 120 || /[<{]/.test(line)) return undefined;
  const secrets = [credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken ?? ''].filter(
    (s) => s.length >= 8,
  );
  return secrets.some((s) => line.includes(s)) ? undefined : line;
}
