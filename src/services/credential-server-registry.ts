// Which credential servers are running, for the picker: one small status file per `awsx exec --server`
// process (<cache>/servers/<pid>.json, 0600) holding the identity, its refresh state and when it was last
// renewed. Never a key, token or port: nothing in it lets anyone reach the server.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeSecretFileSync } from '../config/atomic-write-sync.js';
import { awsxCacheDir, type Env } from '../config/paths.js';
import { debugLog } from '../config/redact.js';
import type { RefreshState, RefreshStatus } from './refresh-scheduler.js';

export interface CredentialServerInfo {
  pid: number;
  label: string;
  profile?: string;
  chain: string[];
  startedAt: string;
  state: RefreshState;
  renewals: number;
  lastRenewedAt?: string;
  expiresAt?: string;
  nextRenewalAt?: string;
  lastError?: string;
}

interface StatusFile extends CredentialServerInfo {
  version: 1;
}

function serversDir(env: Env): string {
  return join(awsxCacheDir(env), 'servers');
}

const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

export class ServerStatusFile {
  private readonly path: string;
  private readonly startedAt = new Date().toISOString();

  constructor(
    env: Env,
    private readonly identity: { label: string; profile?: string; chain: string[] },
    private readonly pid = process.pid,
  ) {
    this.path = join(serversDir(env), `${pid}.json`);
  }

  write(status: RefreshStatus): void {
    const file: StatusFile = {
      version: 1,
      pid: this.pid,
      ...this.identity,
      startedAt: this.startedAt,
      state: status.state,
      renewals: status.renewals,
      ...(status.lastRenewedAt !== undefined ? { lastRenewedAt: iso(status.lastRenewedAt) } : {}),
      ...(status.expiresAt !== undefined ? { expiresAt: iso(status.expiresAt) } : {}),
      ...(status.nextRenewalAt !== undefined ? { nextRenewalAt: iso(status.nextRenewalAt) } : {}),
      ...(status.lastError !== undefined ? { lastError: status.lastError } : {}),
    };
    try {
      writeSecretFileSync(this.path, `${JSON.stringify(file, null, 2)}\n`);
    } catch (error) {
      debugLog(`cannot write ${this.path}: ${(error as Error).message}`);
    }
  }

  remove(): void {
    rmSync(this.path, { force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running credential servers (files of ended processes are removed on the way), oldest first. */
export function listCredentialServers(env: Env): CredentialServerInfo[] {
  const dir = serversDir(env);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /^\d+\.json$/.test(n));
  } catch {
    return [];
  }
  const servers: CredentialServerInfo[] = [];
  for (const name of names) {
    const path = join(dir, name);
    try {
      const { version, ...info } = JSON.parse(readFileSync(path, 'utf8')) as StatusFile;
      if (version !== 1 || typeof info.pid !== 'number') continue;
      if (!alive(info.pid) || info.state === 'stopped') {
        rmSync(path, { force: true });
        continue;
      }
      servers.push(info);
    } catch {
      // a file being replaced or a corrupt one: skip it
    }
  }
  return servers.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}
