// awsx with no arguments: the picker on a terminal; a clear error elsewhere.
import { InputError } from '../../config/errors.js';
import type { Env } from '../../config/paths.js';

export async function pickerCommand(_env: Env): Promise<number> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new InputError('the picker needs a terminal', { hint: 'run a subcommand instead: awsx --help' });
  }
  throw new InputError('the picker is not built yet', { hint: 'use awsx assume, awsx exec or awsx list' });
}
