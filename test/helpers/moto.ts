// Starts moto's server on a free loopback port for one test file.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { vi } from 'vitest';

export interface Moto {
  url: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export async function startMoto(): Promise<Moto> {
  const port = await freePort();
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  await vi.waitUntil(
    async () => {
      if (child.exitCode !== null) throw new Error('moto_server exited during start-up');
      try {
        return (await fetch(`${url}/moto-api/`)).status < 500;
      } catch {
        return false; // not up yet
      }
    },
    { interval: 100, timeout: 30_000, message: 'moto_server did not start within 30 s' },
  );
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
