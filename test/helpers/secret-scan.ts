// Finds secrets where they must not be: any file under a folder (a test HOME, keyring files included).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under `dir` that holds `secret`. */
export function filesHolding(dir: string, secret: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      const st = statSync(path, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) walk(path);
      else if (st.isFile() && readFileSync(path).includes(secret)) out.push(path);
    }
  };
  walk(dir);
  return out;
}
