// Which credential servers are running, for the picker: one small status file per `awsx exec --server`
// process (<runtime>/servers/<pid>.json, 0600; the runtime folder is $XDG_RUNTIME_DIR/awsx, else `run` in the
// cache) holding the identity, its refresh state and when it was last renewed. Never a key, token or port:
// nothing in it lets anyone reach the server. Whoever reads the folder (the picker, a starting server) removes
// the files of processes that have ended, a server killed with SIGKILL included.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { awsxRuntimeDir, type Env } from '../config/paths.js';
import { PrivateFolder, RUNTIME_ROLE } from '../config/private-folder.js';
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

const runtime = (env: Env): PrivateFolder => new PrivateFolder(awsxRuntimeDir(env), RUNTIME_ROLE);

const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

export class ServerStatusFile {
  private readonly path: string;
  private readonly folder: PrivateFolder;
  private readonly startedAt: string;
  private swept = false;

  /** `startedAt`: when the server started (epoch ms). */
  constructor(
    private readonly env: Env,
    private readonly identity: { label: string; profile?: string; chain: string[] },
    startedAt: number,
    private readonly pid = process.pid,
  ) {
    this.startedAt = new Date(startedAt).toISOString();
    this.folder = runtime(env);
    this.path = join(this.folder.dir, 'servers', `${pid}.json`);
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
    if (!this.swept) listCredentialServers(this.env); // removes the files of servers that have ended
    this.swept = true;
    this.folder.write(this.path, `${JSON.stringify(file, null, 2)}\n`);
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
  const folder = runtime(env);
  const servers: CredentialServerInfo[] = [];
  for (const name of folder.list('servers').filter((n) => /^\d+\.json$/.test(n))) {
    const path = join(folder.dir, 'servers', name);
    try {
      const data = folder.read(path);
      if (!data) continue;
      const { version, ...info } = JSON.parse(data.toString('utf8')) as StatusFile;
      if (version !== 1 || info.pid !== Number.parseInt(name, 10)) continue;
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
