// Lines for the calling shell (awsx use, Enter in the picker): written to the hand-off file the shell function
// of `awsx shell-init` named, else printed to eval, with a hint on setting the function up.
import type { Env } from '../config/paths.js';
import type { Session } from '../credentials/engine.js';
import { formatRemaining } from '../credentials/export-format.js';
import { handoffScript, handoffTarget, oldShellFunction, writeHandoff } from '../shell/handoff.js';
import { shellSetupFor } from '../shell/setup.js';
import { userShell } from '../shell/user-shell.js';

function setupHint(env: Env): string {
  const { line, rc } = shellSetupFor(env);
  return (
    'awsx: this shell has no awsx integration, so nothing was set; ' +
    `eval the lines above, or add ${line} to ${rc} to make awsx set them itself\n`
  );
}

/** Gives the calling shell SCRIPT through the hand-off file (then says DONE), else prints it with a hint. */
export function deliver(env: Env, script: string, done: string): number {
  const target = handoffTarget(env);
  if (target) {
    writeHandoff(target, script);
    process.stderr.write(`awsx: ${done}\n`);
    return 0;
  }
  process.stdout.write(script);
  process.stderr.write(oldShellFunction(env) ? reloadHint(env) : setupHint(env));
  return 0;
}

function reloadHint(env: Env): string {
  const { line } = shellSetupFor(env);
  return (
    "awsx: this shell's awsx function is from an older awsx, which does not check where the hand-off comes from, " +
    `so nothing was set; eval the lines above, and run ${line} again (or open a new shell)\n`
  );
}

/** The session's account, region and time left, for the line that says it is active: ` (account 1234..., ...)`. */
export function facts(session: Session, now: number): string {
  const exp = session.credentials.expiration;
  const list = [
    session.accountId && `account ${session.accountId}`,
    session.region,
    exp && `expires in ${formatRemaining(exp.getTime() - now)}`,
  ]
    .filter(Boolean)
    .join(', ');
  return list ? ` (${list})` : '';
}

/** Gives the calling shell the session: through the hand-off file, else as lines on stdout. */
export function handOff(env: Env, session: Session, now: number): number {
  return deliver(
    env,
    handoffScript(session, userShell(env), env),
    `${session.label} is now active in this shell${facts(session, now)}`,
  );
}
