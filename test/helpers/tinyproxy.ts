// Debian's tinyproxy, started by a test on a free loopback port with its own config and log. It binds its
// outgoing connections to BIND_ADDRESS, so a TLS front that answers only that address proves a client came
// through the proxy; the log records each CONNECT.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { freePort } from './moto.js';

export const BIND_ADDRESS = '127.0.0.3';

export interface Tinyproxy {
  url: string;
  log(): string;
  stop(): Promise<void>;
}

const listening = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

export async function startTinyproxy(): Promise<Tinyproxy> {
  const dir = mkdtempSync(join(tmpdir(), 'awsx-tinyproxy-'));
  const port = await freePort();
  const logPath = join(dir, 'tinyproxy.log');
  const conf = join(dir, 'tinyproxy.conf');
  writeFileSync(
    conf,
    [
      `Port ${port}`,
      'Listen 127.0.0.1',
      `Bind ${BIND_ADDRESS}`,
      'Timeout 30',
      `LogFile "${logPath}"`,
      'LogLevel Connect',
      'MaxClients 50',
      'Allow 127.0.0.1',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn('tinyproxy', ['-d', '-c', conf], { stdio: 'ignore' });
  await vi.waitUntil(
    async () => {
      if (await listening(port)) return true;
      if (child.exitCode !== null)
        throw new Error(
          `tinyproxy exited during start-up: ${existsSync(logPath) ? readFileSync(logPath, 'utf8') : ''}`,
        );
      return false;
    },
    { timeout: 15_000, message: 'tinyproxy did not start within 15 s' },
  );
  return {
    url: `http://127.0.0.1:${port}`,
    log: () => (existsSync(logPath) ? readFileSync(logPath, 'utf8') : ''),
    stop: () =>
      new Promise((resolve) => {
        const done = (): void => (rmSync(dir, { recursive: true, force: true }), resolve());
        if (child.exitCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
      }),
  };
}
