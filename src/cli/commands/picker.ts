// awsx with no arguments: the picker on a terminal; a clear error elsewhere. React and Ink load only here.
import { systemClock } from '../../config/clock.js';
import { InputError } from '../../config/errors.js';
import { loadAwsFiles, type AwsFiles } from '../../config/load-config.js';
import type { Env } from '../../config/paths.js';
import { defaultShell } from '../../shell/default-shell.js';
import { childEnvironment, runChild } from '../child-process.js';
import { handOff } from '../deliver-to-shell.js';
import type { DemoStatus } from '../../ui/context.js';
import { clearClipboardAfter } from '../clear-clipboard-after.js';

/**
 * `runDemo`: the demo command, run instead when a machine without profiles takes the offer of it; `demo`: the
 * demo's MFA code for the top bar, in a shell that sourced `awsx demo --serve`'s environment.
 */
export async function pickerCommand(
  env: Env,
  runDemo: () => Promise<number>,
  demo?: (now: number) => DemoStatus,
): Promise<number> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new InputError('the picker needs a terminal', { hint: 'run a subcommand instead: awsx --help' });
  }
  const files = loadAwsFiles(env);
  if (await offerDemo(files)) return runDemo();
  const clearAfter = clearClipboardAfter(env);
  const { startPicker } = await import('../../ui/start-picker.js');
  const result = await startPicker(env, {
    clock: systemClock,
    clearClipboardAfter: clearAfter,
    files,
    runSubshell: (session) => runChild(defaultShell(env), [], childEnvironment(env, session)),
    ...(demo ? { demo } : {}),
  });
  if (result.session) return handOff(env, result.session, systemClock.now());
  return result.interrupted ? 130 : 0;
}

/** With no AWS profiles at all (a fresh machine), offer the demo instead of an empty list. */
async function offerDemo(files: AwsFiles): Promise<boolean> {
  if (files.profiles.size > 0 || files.ssoSessions.size > 0) return false;
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  try {
    process.stderr.write(`awsx: no AWS profiles in ${files.configPath} or ${files.credentialsPath}.\n`);
    const answer = await rl.question('Try the demo (local emulators; nothing touches your AWS accounts)? [Y/n] ');
    return !/^\s*n/i.test(answer);
  } finally {
    rl.close();
  }
}
