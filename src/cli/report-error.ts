// Every failure the user sees: one line on stderr naming the profile, the cause and the fix; redacted, with
// line breaks escaped and long values cut (userLine), whatever the message carries (an AWS error echoing a
// token, a command's stderr, a 20 MB value).
import { isAwsxError } from '../config/errors.js';
import { redact, userLine } from '../config/redact.js';

export function errorLine(error: unknown): string {
  if (isAwsxError(error)) return `awsx: ${userLine(`${error.message}${error.hint ? ` (${error.hint})` : ''}`)}`;
  const message = error instanceof Error ? error.message : String(error);
  return `awsx: unexpected error: ${userLine(message.split('\n')[0] ?? '')} (set AWSX_DEBUG=1 for details)`;
}

export function exitCodeOf(error: unknown): number {
  return isAwsxError(error) ? error.exitCode : 1;
}

export function reportError(error: unknown, env: NodeJS.ProcessEnv = process.env): number {
  process.stderr.write(`${errorLine(error)}\n`);
  if (env.AWSX_DEBUG === '1' && error instanceof Error) {
    process.stderr.write(`${redact(error.stack ?? '')}\n`);
    if (error.cause instanceof Error)
      process.stderr.write(`caused by: ${redact(error.cause.stack ?? error.cause.message)}\n`);
  }
  return exitCodeOf(error);
}
