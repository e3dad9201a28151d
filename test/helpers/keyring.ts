// A real Secret Service for one test file: gnome-keyring-daemon in its own D-Bus session (dbus-run-session),
// its "login" keyring created and unlocked with a test password, kept under the test HOME. Everything awsx
// needs to reach it is DBUS_SESSION_BUS_ADDRESS.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { vi } from 'vitest';
import { skipWithout } from './tools.js';

export const KEYRING_PASSWORD = 'awsx-test-keyring-password';

/** True when the keyring tests must be skipped (fails under CI=true): gnome-keyring, D-Bus, secret-tool. */
export function skipWithoutKeyring(): boolean {
  return (
    skipWithout('gnome-keyring-daemon', ['--version']) ||
    skipWithout('dbus-run-session', ['--version']) ||
    skipWithout('sh', ['-c', 'command -v dbus-send && command -v secret-tool'])
  );
}

export interface Keyring {
  /** DBUS_SESSION_BUS_ADDRESS of the session the keyring serves. */
  env: { DBUS_SESSION_BUS_ADDRESS: string };
  /** Locks the login keyring (as a screen lock would). */
  lock(): Promise<void>;
  stop(): Promise<void>;
}

const SCRIPT = `
printf '%s\\n' "$DBUS_SESSION_BUS_ADDRESS" > "$AWSX_TEST_BUS_FILE.tmp" && mv "$AWSX_TEST_BUS_FILE.tmp" "$AWSX_TEST_BUS_FILE"
printf '%s' "$AWSX_TEST_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets --foreground >/dev/null 2>&1 &
wait
`;

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  input = '',
): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

/** Starts the keyring with `home` as its HOME (its files live in home/.local/share/keyrings). */
export async function startKeyring(home: string): Promise<Keyring> {
  const busFile = join(home, '.keyring-bus');
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    AWSX_TEST_BUS_FILE: busFile,
    AWSX_TEST_KEYRING_PASSWORD: KEYRING_PASSWORD,
  };
  const child: ChildProcess = spawn('dbus-run-session', ['--', 'sh', '-c', SCRIPT], {
    env,
    stdio: 'ignore',
    detached: true,
  });
  // 20 s for the session and the daemon together.
  const deadline = Date.now() + 20_000;
  await vi.waitUntil(
    () => {
      if (child.exitCode !== null) throw new Error('dbus-run-session exited during start-up');
      return existsSync(busFile);
    },
    { timeout: 20_000, message: 'the D-Bus session did not start within 20 s' },
  );
  const address = readFileSync(busFile, 'utf8').trim();
  const busEnv = { ...env, DBUS_SESSION_BUS_ADDRESS: address };
  // The daemon is up once it owns the Secret Service name (asked without activating a second daemon, which
  // D-Bus would start for a call to the name) and its login collection is unlocked.
  const ask = (args: string[]) => run('dbus-send', ['--session', '--print-reply', ...args], busEnv);
  // On time-out, the error of the last probe says what the daemon answered.
  await vi.waitFor(
    async () => {
      const owned = await ask([
        '--dest=org.freedesktop.DBus',
        '/org/freedesktop/DBus',
        'org.freedesktop.DBus.NameHasOwner',
        'string:org.freedesktop.secrets',
      ]);
      const probe = /boolean true/.test(owned.out)
        ? await ask([
            '--dest=org.freedesktop.secrets',
            '/org/freedesktop/secrets/collection/login',
            'org.freedesktop.DBus.Properties.Get',
            'string:org.freedesktop.Secret.Collection',
            'string:Locked',
          ])
        : owned;
      if (probe !== owned && probe.code === 0 && /boolean false/.test(probe.out)) return;
      throw new Error(`gnome-keyring did not come up within 20 s: ${probe.out.replace(/\s+/g, ' ').trim()}`);
    },
    { interval: 100, timeout: Math.max(1, deadline - Date.now()) },
  );
  const secretCall = async (method: 'Lock' | 'Unlock'): Promise<void> => {
    const r = await run(
      'dbus-send',
      [
        '--session',
        '--print-reply',
        '--dest=org.freedesktop.secrets',
        '/org/freedesktop/secrets',
        `org.freedesktop.Secret.Service.${method}`,
        'array:objpath:/org/freedesktop/secrets/collection/login',
      ],
      busEnv,
    );
    if (r.code !== 0) throw new Error(`Secret Service ${method} failed: ${r.out.trim()}`);
  };
  return {
    env: { DBUS_SESSION_BUS_ADDRESS: address },
    lock: () => secretCall('Lock'),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        try {
          process.kill(-child.pid!, 'SIGTERM');
        } catch {
          resolve();
        }
      }),
  };
}
