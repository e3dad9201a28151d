// The program, loaded by the entry (src/cli/awsx.ts) once Node's compile cache is on: runs the command line
// and exits once its output is out.
import { finishCompileCache } from './compile-cache.js';
import { run } from './run.js';

/** Resolves once everything written to `stream` has been handed to the OS (pipes can lag behind). */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) return resolve();
    stream.write('', () => resolve());
  });
}

/** The reader of a pipe left (`awsx list | head`): stop quietly with the status of a SIGPIPE, as shell tools do. */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(141);
  });
}

async function main(): Promise<void> {
  quietOnClosedPipe(process.stdout);
  const code = await run(process.argv.slice(2));
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  finishCompileCache();
  // Open sockets (keep-alive agents) must not hold the process once its output is out.
  process.exit(code);
}

void main();
