// An HTTPS server in front of a plain-HTTP backend (moto, an emulator), with a certificate from a private CA.
// It answers only connections from `onlyFrom` (the address tinyproxy binds its outgoing connections to), so
// a client that reaches it at all went through the proxy; every connection's address is recorded.
import { request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export interface TlsFront {
  url: string;
  port: number;
  /** Remote addresses of the TLS connections, refused ones included. */
  peers: string[];
  close(): Promise<void>;
}

/**
 * `keepHost`: pass the client's Host on with X-Forwarded-Proto https, as a reverse proxy does, for a backend
 * that checks the URL the client signed (AWS Sign-In's DPoP proof names it); else the backend's own host.
 */
export async function startTlsFront(
  backend: string,
  tls: { key: string; cert: string },
  onlyFrom?: string,
  options: { keepHost?: boolean } = {},
): Promise<TlsFront> {
  const peers: string[] = [];
  const target = new URL(backend);
  const server: Server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: options.keepHost
          ? { ...req.headers, 'x-forwarded-proto': 'https' }
          : { ...req.headers, host: target.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connection', (socket: Socket) => {
    peers.push(socket.remoteAddress ?? '');
    if (onlyFrom && socket.remoteAddress !== onlyFrom && socket.remoteAddress !== `::ffff:${onlyFrom}`)
      socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    peers,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
