// exec TARGET [CMD [ARGS...]]: every word after TARGET is CMD's, flags included (exec passes them through).
// awsx's own flags go before TARGET; for the form `exec TARGET --region R -- CMD` they may also come right
// after TARGET, up to `--` or the first word that is not one of them (a command never starts with '-').
import type { Command } from 'commander';
import { foldPeerFlags } from './peer-flags.js';

export function commandWords(exec: Command, words: string[]): string[] {
  if (!words[0]?.startsWith('-')) return words;
  const { operands, unknown } = exec.parseOptions(words);
  const first = unknown[0];
  if (first !== undefined) {
    if (first === '-h' || first === '--help') exec.help();
    exec.error(`unknown option '${first}' (a command cannot start with '-')`, { code: 'commander.unknownOption', exitCode: 2 });
  }
  foldPeerFlags(exec);
  return operands;
}
