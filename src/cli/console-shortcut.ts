// granted's `assume -c PROFILE` and `assume -s SERVICE PROFILE`: open the console as TARGET instead of
// handing out keys. Shared by awsx assume and awsx use.
import type { Env } from '../config/paths.js';
import type { TargetFlags } from './target-flags.js';

export interface ConsoleShortcutFlags extends TargetFlags {
  console?: boolean;
  service?: string;
}

/** The exit code when -c or -s asked for the console; undefined when they did not. */
export async function consoleShortcut(
  target: string,
  flags: ConsoleShortcutFlags,
  env: Env,
): Promise<number | undefined> {
  if (!flags.console && flags.service === undefined) return undefined;
  const { consoleCommand } = await import('./commands/console.js');
  return consoleCommand(target, flags, env);
}
