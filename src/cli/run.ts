// Runs one command line through commander (program.ts). Each command's action loads its own module, so a
// command pays only for the code it uses.
import type { Env } from '../config/paths.js';
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { keepHandoffFromChildren } from '../shell/handoff-env.js';
import { reportError } from './report-error.js';

export async function run(argv: string[], env: Env = { ...process.env }): Promise<number> {
  // The shell hand-off is for this process alone: no child it starts may write the file the shell sources.
  keepHandoffFromChildren();
  let exitCode = 0;
  const program = buildProgram(env, (code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    return reportError(error, env);
  }
}
