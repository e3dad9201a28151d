// Warnings and notes from deep in awsx (a cache folder it cannot trust, a cache it could not write) reach the
// user as one redacted line each, once per process: on stderr, or wherever the picker sends them meanwhile.
import { userLine } from './redact.js';

export type NoticeSink = (line: string, tone: 'warn' | 'info') => void;

const stderrSink: NoticeSink = (line) => void process.stderr.write(`${line}\n`);
let sink: NoticeSink = stderrSink;
const said = new Set<string>();

function say(prefix: string, message: string, tone: 'warn' | 'info'): void {
  const line = `awsx: ${prefix}${userLine(message)}`;
  if (said.has(line)) return;
  said.add(line);
  sink(line, tone);
}

/** `awsx: warning: MESSAGE`, once per process. */
export function warnOnce(message: string): void {
  say('warning: ', message, 'warn');
}

/** `awsx: note: MESSAGE`, once per process. */
export function noteOnce(message: string): void {
  say('note: ', message, 'info');
}

/** Sends notices elsewhere (the picker's status line) until the returned function is called. */
export function redirectNotices(next: NoticeSink): () => void {
  const before = sink;
  sink = next;
  return () => {
    sink = before;
  };
}
