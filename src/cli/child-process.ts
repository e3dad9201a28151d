// A command run with an identity (awsx exec, the picker's subshell): its environment, and running it with
// awsx's signals passed on.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { Env } from '../config/paths.js';
import { userLine } from '../config/redact.js';
import type { Session } from '../credentials/engine.js';
import { sessionVariables } from '../credentials/export-format.js';
import { AWSX_REGION_VARIABLE } from '../credentials/session-region.js';
import { withoutHandoff } from '../shell/handoff-env.js';
import { identityOf, PROMPT_EXPIRATION_VARIABLE, promptVariables } from '../shell/prompt-variables.js';
import { ownProcessGroup, signalCommand } from './signal-group.js';

/** The child's environment: the caller's, minus anything that would override the identity, plus the session. */
export function childEnvironment(base: Env, session: Session): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = withoutHandoff(base);
  for (const key of [
    'AWS_PROFILE',
    'AWS_DEFAULT_PROFILE',
    'AWS_SESSION_TOKEN',
    'AWS_SECURITY_TOKEN',
    'AWS_CREDENTIAL_EXPIRATION',
    PROMPT_EXPIRATION_VARIABLE,
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
    'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    'AWS_CONTAINER_AUTHORIZATION_TOKEN',
    'AWSX_KEYS_PASSPHRASE',
  ]) {
    delete env[key];
  }
  for (const [k, v] of sessionVariables(session)) if (v !== undefined) env[k] = v;
  for (const [k, v] of promptVariables(identityOf(session))) if (v !== undefined) env[k] = v;
  // A region awsx exported for an earlier identity of this shell is not this session's.
  const earlier = base[AWSX_REGION_VARIABLE];
  for (const k of ['AWS_REGION', 'AWS_DEFAULT_REGION'])
    if (earlier && !session.region && env[k] === earlier) delete env[k];
  delete env[AWSX_REGION_VARIABLE];
  env.AWSX_IDENTITY = session.label;
  return env;
}

/**
 * Runs CMD and resolves with its exit code. SIGTERM and SIGHUP given to awsx reach CMD and every process it
 * started (signal-group.ts); so does SIGINT when CMD has a group of its own (else the terminal sends it).
 */
export function runChild(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const group = ownProcessGroup(process.stdin.isTTY);
    const child = spawn(command, args, { stdio: 'inherit', env, detached: group });
    const forward = (signal: NodeJS.Signals) => (): void => {
      if (child.pid !== undefined) signalCommand(child.pid, signal, group);
    };
    const onTerm = forward('SIGTERM');
    const onHup = forward('SIGHUP');
    // With a terminal, it sends SIGINT to CMD too: let CMD decide.
    const onInt = group ? forward('SIGINT') : (): void => {};
    process.on('SIGTERM', onTerm).on('SIGHUP', onHup).on('SIGINT', onInt);
    const done = (code: number): void => {
      process.off('SIGTERM', onTerm).off('SIGHUP', onHup).off('SIGINT', onInt);
      resolve(code);
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'ENOENT' ? 'command not found' : error.message;
      process.stderr.write(`awsx: ${userLine(`cannot run ${command}: ${why}`)}\n`);
      done(error.code === 'ENOENT' ? 127 : 126);
    });
    child.on('exit', (code, signal) => done(code ?? 128 + (signal ? (constants.signals[signal] ?? 1) : 1)));
  });
}
