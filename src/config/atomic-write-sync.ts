// writeSecretFile's synchronous twin, apart so that write-file-atomic is not loaded by every command.
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { ensurePrivateDir, SECRET_FILE_MODE } from './atomic-write.js';

export function writeSecretFileSync(path: string, data: string): void {
  ensurePrivateDir(dirname(path));
  writeFileAtomic.sync(path, data, { mode: SECRET_FILE_MODE, fsync: true });
}
