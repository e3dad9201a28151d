// Options for the SDK's request handler (NodeHttpHandler) of every AWS call awsx makes: bounded waits, the
// proxy from the environment and the CA bundle, decided as the AWS CLI decides them:
// - HTTPS_PROXY / HTTP_PROXY (the lower-case names win, as in Python's urllib), chosen by the endpoint's scheme;
//   NO_PROXY as urllib's proxy_bypass_environment reads it (`*`, host names and domain suffixes, with or without
//   a port); a proxy URL without a scheme is http:// (botocore's fix_proxy_url).
// - AWS_CA_BUNDLE, else the profile's ca_bundle: the PEM file replaces the default trust store, for the
//   endpoint (the tunnel through the proxy included).
// The instance metadata service and the container endpoint are reached directly, never through a proxy
// (the JS SDK's providers do the same; botocore v1 sends IMDS through the proxy unless NO_PROXY lists it).
import { readFileSync } from 'node:fs';
import { Agent as HttpAgent, type ClientRequest } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { Agent as ChoosingAgent, type AgentConnectOpts } from 'agent-base';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { FileError } from '../config/errors.js';
import type { Env } from '../config/paths.js';

export interface HandlerOptions {
  connectionTimeout: number;
  requestTimeout: number;
  throwOnRequestTimeout: true;
  httpAgent?: HttpAgent;
  httpsAgent?: HttpsAgent | HttpAgent;
}

/** The proxies the environment names, by scheme, as urllib's getproxies_environment: lower case wins, empty unsets. */
export function environmentProxies(env: Env): Map<string, string> {
  const proxies = new Map<string, string>();
  for (const [name, value] of Object.entries(env)) {
    if (value && name.toLowerCase().endsWith('_proxy')) proxies.set(name.slice(0, -6).toLowerCase(), value);
  }
  if (env.REQUEST_METHOD !== undefined) proxies.delete('http');
  for (const [name, value] of Object.entries(env)) {
    if (!name.endsWith('_proxy') || name !== name.toLowerCase()) continue;
    if (value) proxies.set(name.slice(0, -6), value);
    else proxies.delete(name.slice(0, -6));
  }
  return proxies;
}

/** urllib's proxy_bypass_environment: `host` may carry a port. */
export function bypassesProxy(host: string, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  if (noProxy === '*') return true;
  const full = host.toLowerCase();
  const only = full.replace(/:\d+$/, '');
  for (const entry of noProxy.split(',')) {
    const name = entry.trim().replace(/^\.+/, '').toLowerCase();
    if (!name) continue;
    if (only === name || full === name || only.endsWith(`.${name}`) || full.endsWith(`.${name}`)) return true;
  }
  return false;
}

/** The proxy URL for a request to `url`, or undefined to connect directly. */
export function proxyFor(url: URL, env: Env, proxies = environmentProxies(env)): string | undefined {
  const proxy = proxies.get(url.protocol.replace(/:$/, ''));
  if (!proxy || bypassesProxy(url.host, proxies.get('no'))) return undefined;
  return /^https?:/i.test(proxy) ? proxy : `http://${proxy}`;
}

function readCaBundle(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new FileError(
      `the CA bundle ${path} (AWS_CA_BUNDLE or ca_bundle) cannot be read: ` +
        `${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      {
        hint: 'point AWS_CA_BUNDLE or ca_bundle at a PEM file of your CA certificates',
      },
    );
  }
}

/** Sends each request through the proxy or directly, by its destination (NO_PROXY decides per host). */
class ProxyChooser extends ChoosingAgent {
  private readonly proxied = new Map<string, HttpAgent>();

  constructor(
    private readonly secure: boolean,
    private readonly env: Env,
    private readonly proxies: Map<string, string>,
    private readonly direct: HttpAgent,
    private readonly ca: string | undefined,
  ) {
    // The CA goes into each request's options, which reach the TLS connection made through the tunnel.
    super({ keepAlive: true, ...(ca ? { ca } : {}) });
  }

  connect(_req: ClientRequest, options: AgentConnectOpts): HttpAgent {
    const host = options.port ? `${options.host}:${options.port}` : String(options.host);
    const proxy = proxyFor(new URL(`${this.secure ? 'https' : 'http'}://${host}`), this.env, this.proxies);
    if (!proxy) return this.direct;
    let agent = this.proxied.get(proxy);
    if (!agent) {
      agent = this.secure
        ? new HttpsProxyAgent(proxy, { keepAlive: true, ...(this.ca ? { ca: this.ca } : {}) })
        : new HttpProxyAgent(proxy, { keepAlive: true });
      this.proxied.set(proxy, agent);
    }
    return agent;
  }
}

/**
 * Bounded network waits: each attempt gives up after 10 s (connecting: 3 s), and with 3 attempts a dead
 * endpoint fails within about half a minute, never hangs. AWSX_TIMEOUT_MS sets the per-attempt limit.
 * With no proxy and no CA bundle the SDK's own agents are used.
 */
export function handlerOptions(env: Env = process.env, caBundle?: string): HandlerOptions {
  const perAttempt = Number(env.AWSX_TIMEOUT_MS) || 10_000;
  // Without throwOnRequestTimeout the handler only prints a warning and keeps waiting.
  const options: HandlerOptions = {
    connectionTimeout: Math.min(3_000, perAttempt),
    requestTimeout: perAttempt,
    throwOnRequestTimeout: true,
  };
  const proxies = environmentProxies(env);
  if (!caBundle && !proxies.has('http') && !proxies.has('https')) return options;
  const ca = caBundle ? readCaBundle(caBundle) : undefined;
  const directHttps = new HttpsAgent({ keepAlive: true, maxSockets: 50, ...(ca ? { ca } : {}) });
  const directHttp = new HttpAgent({ keepAlive: true, maxSockets: 50 });
  options.httpsAgent = proxies.has('https') ? new ProxyChooser(true, env, proxies, directHttps, ca) : directHttps;
  options.httpAgent = proxies.has('http') ? new ProxyChooser(false, env, proxies, directHttp, undefined) : directHttp;
  return options;
}
