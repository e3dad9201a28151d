// Asks for an MFA code on the terminal. Without a terminal there is no provider, so awsx fails clearly
// instead of waiting for input that never comes.
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import type { MfaCodeProvider } from '../credentials/mfa-code.js';

function promptStream(): Writable | undefined {
  if (process.stderr.isTTY) return process.stderr;
  try {
    return createWriteStream('/dev/tty'); // stderr captured (e.g. by the AWS CLI): still reach the user
  } catch {
    return undefined;
  }
}

export function terminalMfaProvider(): MfaCodeProvider | undefined {
  if (!process.stdin.isTTY) return undefined;
  return async ({ serial, profile, reason, signal }) => {
    const output = promptStream() ?? process.stderr;
    if (reason) output.write(`awsx: ${reason}\n`);
    // readline loads only when a prompt is shown, not on every awsx start-up.
    const rl = process
      .getBuiltinModule('node:readline/promises')
      .createInterface({ input: process.stdin, output, terminal: true });
    try {
      for (;;) {
        const answer = (
          await rl.question(`MFA code for ${serial}${profile ? ` (profile ${profile})` : ''}: `, { signal })
        ).trim();
        if (/^\d{6}$/.test(answer)) return answer;
        output.write('  the code is the 6 digits your MFA device shows now\n');
      }
    } finally {
      rl.close();
    }
  };
}
