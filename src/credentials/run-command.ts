// Runs a user-configured command (credential_process, mfa_process) through the shell, as the JS SDK does, with
// bounds: stdout past MAX_COMMAND_OUTPUT_BYTES, or a run past the timeout, stops the command (SIGKILL) and says
// so in the result; stderr keeps only its first MAX_STDERR_BYTES. No hand-off variable reaches the command.
// child_process (with net and dgram behind it) loads only when a command runs: not on every awsx start-up.
import { withoutHandoff } from '../shell/handoff-env.js';

const childProcess = (): typeof import('node:child_process') => process.getBuiltinModule('node:child_process');

/** Most a command may print on stdout (credential_process prints a few hundred bytes). */
export const MAX_COMMAND_OUTPUT_BYTES = 1024 * 1024;
/** Most of its stderr awsx keeps (it shows a few redacted lines of it at most). */
export const MAX_STDERR_BYTES = 64 * 1024;
/** How long a command may run (it may open a browser or wait for a touch of a security key). */
export const COMMAND_TIMEOUT_MS = 120_000;

export interface CommandResult {
  stdout: string;
  stderr: string;
  code: number | null;
  signal?: NodeJS.Signals | null;
  /** It printed more than MAX_COMMAND_OUTPUT_BYTES on stdout and was stopped. */
  overflow?: boolean;
  /** It ran past the timeout and was stopped. */
  timedOut?: boolean;
}

export interface CommandOptions {
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  signal?: AbortSignal;
  showStderr?: boolean;
  maxOutputBytes?: number;
}

export function runShellCommand(command: string, options: CommandOptions = {}): Promise<CommandResult> {
  const maxOutput = options.maxOutputBytes ?? MAX_COMMAND_OUTPUT_BYTES;
  return new Promise((resolve, reject) => {
    const child = childProcess().spawn(command, {
      shell: true,
      env: withoutHandoff(options.env ?? process.env),
      stdio: ['inherit', 'pipe', options.showStderr ? 'inherit' : 'pipe'],
      signal: options.signal,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let overflow = false;
    let timedOut = false;
    // The streams too: a grandchild of the shell may hold them open after the shell is gone.
    const stop = (): void => {
      child.kill('SIGKILL');
      child.stdout?.destroy();
      child.stderr?.destroy();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, options.timeoutMs ?? COMMAND_TIMEOUT_MS);
    child.stdout?.on('data', (d: Buffer) => {
      if (overflow) return;
      outBytes += d.length;
      if (outBytes > maxOutput) {
        overflow = true;
        out.length = 0;
        stop();
        return;
      }
      out.push(d);
    });
    child.stderr?.on('data', (d: Buffer) => {
      if (errBytes < MAX_STDERR_BYTES) err.push(d.subarray(0, MAX_STDERR_BYTES - errBytes));
      errBytes += d.length;
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        code,
        signal,
        ...(overflow ? { overflow } : {}),
        ...(timedOut ? { timedOut } : {}),
      });
    });
  });
}
