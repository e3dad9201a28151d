// Reading and rewriting the bootstrap's replay records (src/services/fast-path.ts): one line of JSON, then the
// bytes of stdout, then those of stderr.
import { readFileSync, writeFileSync } from 'node:fs';

export interface RecordHeader {
  v: number;
  key: string;
  stdout: number;
  stderr: number;
  files: Array<[string, string]>;
  expiresAt?: number;
  minRemainingMs?: number;
}

export function readRecord(path: string): { header: RecordHeader; stdout: string; stderr: string } {
  const buf = readFileSync(path);
  const nl = buf.indexOf(10);
  const header = JSON.parse(buf.toString('utf8', 0, nl)) as RecordHeader;
  const body = buf.subarray(nl + 1);
  return { header, stdout: body.subarray(0, header.stdout).toString('utf8'), stderr: body.subarray(header.stdout).toString('utf8') };
}

/** Rewrites a record with new output (the header's lengths follow it), mode 0600. */
export function writeRecord(path: string, header: RecordHeader, stdout: string, stderr = ''): void {
  const head = { ...header, stdout: Buffer.byteLength(stdout), stderr: Buffer.byteLength(stderr) };
  writeFileSync(path, `${JSON.stringify(head)}\n${stdout}${stderr}`, { mode: 0o600 });
}
