// Runs one command line. The commonest ones (the picker, list) go straight to their command, without
// building the whole command line (commander and every command's options: a few ms of every start, and
// code the V8 code cache would hold); anything else goes through commander (program.ts).
import type { Env } from '../config/paths.js';
import { keepHandoffFromChildren } from '../services/handoff-env.js';
import { reportError } from './report-error.js';

/** A command line answered without commander: what commander would parse it to, exactly; else undefined. */
function direct(argv: string[], env: Env): (() => Promise<number>) | undefined {
  if (argv.length === 0) {
    return async () => (await import('./commands/picker.js')).pickerCommand(env);
  }
  if (argv[0] === 'list' && (argv.length === 1 || (argv.length === 2 && argv[1] === '--json'))) {
    const flags = argv.length === 2 ? { json: true } : {};
    return async () => (await import('./commands/list.js')).listCommand(flags, env);
  }
  return undefined;
}

export async function run(argv: string[], env: Env = { ...process.env }): Promise<number> {
  // The shell hand-off is for this process alone: no child it starts may write the file the shell sources.
  keepHandoffFromChildren();
  const command = direct(argv, env);
  if (command) {
    try {
      return await command();
    } catch (error) {
      return reportError(error, env as NodeJS.ProcessEnv);
    }
  }
  const { buildProgram, CommanderError } = await import('./program.js');
  let exitCode = 0;
  const program = buildProgram(env, (code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    return reportError(error, env as NodeJS.ProcessEnv);
  }
}
