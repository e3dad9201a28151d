// Every failure the user sees: one line on stderr naming the profile, the cause and the fix.
import { isAwsxError } from '../config/errors.js';
import { redact } from '../config/redact.js';

export function errorLine(error: unknown): string {
  if (isAwsxError(error)) return `awsx: ${error.message}${error.hint ? ` (${error.hint})` : ''}`;
  const message = error instanceof Error ? error.message : String(error);
  return `awsx: unexpected error: ${redact(message.split('\n')[0] ?? '')} (set AWSX_DEBUG=1 for details)`;
}

export function exitCodeOf(error: unknown): number {
  return isAwsxError(error) ? error.exitCode : 1;
}

export function reportError(error: unknown, env: NodeJS.ProcessEnv = process.env): number {
  process.stderr.write(`${errorLine(error)}\n`);
  if (env.AWSX_DEBUG === '1' && error instanceof Error) {
    process.stderr.write(`${redact(error.stack ?? '')}\n`);
    if (error.cause instanceof Error) process.stderr.write(`caused by: ${redact(error.cause.stack ?? error.cause.message)}\n`);
  }
  return exitCodeOf(error);
}
