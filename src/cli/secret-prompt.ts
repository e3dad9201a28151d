// Reads a secret on the terminal without echoing it (a secret access key, the key file's passphrase). Without
// a terminal there is no prompt: callers fail at once with a hint instead of waiting for input.
import { CancelledError, InputError } from '../config/errors.js';
import type { PassphraseProvider } from '../keys/passphrase.js';

export function canPrompt(): boolean {
  return Boolean(process.stdin.isTTY);
}

/** One line from the terminal, not echoed; Ctrl-C or Esc cancels (exit 130). */
export function readHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  const out = process.stderr;
  out.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const done = (): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      out.write('\n');
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          done();
          return resolve(value);
        }
        if (ch === '\u0003' || ch === '\u001b') {
          done();
          return reject(new CancelledError('cancelled at the prompt'));
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** The key file's passphrase from the terminal: asked twice for a new file. */
export function terminalPassphraseProvider(): PassphraseProvider | undefined {
  if (!canPrompt()) return undefined;
  return async ({ path, create, reason }) => {
    if (reason) process.stderr.write(`awsx: ${reason}\n`);
    if (!create) return readHidden(`Passphrase for ${path}: `);
    const first = await readHidden(`New passphrase for ${path}: `);
    const again = await readHidden('The same passphrase again: ');
    if (first !== again)
      throw new InputError('the two passphrases differ', {
        hint: 'run the command again and type the same passphrase twice',
      });
    return first;
  };
}
