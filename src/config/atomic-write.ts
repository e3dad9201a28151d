// Writes files that hold secrets or the user's config: temp file in the same folder, fsync, rename, mode 0600,
// a symlinked target written through (the link is kept), missing folders created 0700.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export const SECRET_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

export async function writeSecretFile(path: string, data: string): Promise<void> {
  ensurePrivateDir(dirname(path));
  // Loaded on the first write, not at start-up (with the worker_threads and signal-exit it needs): most runs,
  // a warm credential-process or a list, write nothing.
  const { default: writeFileAtomic } = await import('write-file-atomic');
  await writeFileAtomic(path, data, { mode: SECRET_FILE_MODE, fsync: true });
}
