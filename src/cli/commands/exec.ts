// awsx exec TARGET -- CMD: run CMD with the identity in its environment; exit with CMD's exit code.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { Env } from '../../config/paths.js';
import { createServices } from '../../services/context.js';
import { sessionVariables } from '../../services/export-format.js';
import type { Session } from '../../services/credential-engine.js';
import { resolveTarget, type TargetFlags } from '../target-options.js';

/** The child's environment: the caller's, minus anything that would override the identity, plus the session. */
export function childEnvironment(base: Env, session: Session): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const key of ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN']) {
    delete env[key];
  }
  for (const [k, v] of sessionVariables(session)) if (v !== undefined) env[k] = v;
  env.AWSX_IDENTITY = session.label;
  return env;
}

export function runChild(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
    const onTerm = forward('SIGTERM');
    const onHup = forward('SIGHUP');
    const onInt = (): void => {}; // the terminal sends SIGINT to the child too; let it decide
    process.on('SIGTERM', onTerm).on('SIGHUP', onHup).on('SIGINT', onInt);
    const done = (code: number): void => {
      process.off('SIGTERM', onTerm).off('SIGHUP', onHup).off('SIGINT', onInt);
      resolve(code);
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      process.stderr.write(`awsx: cannot run ${command}: ${error.code === 'ENOENT' ? 'command not found' : error.message}\n`);
      done(error.code === 'ENOENT' ? 127 : 126);
    });
    child.on('exit', (code, signal) => done(code ?? 128 + (signal ? (constants.signals[signal] ?? 1) : 1)));
  });
}

export async function execCommand(target: string, command: string[], flags: TargetFlags, env: Env): Promise<number> {
  const session = await resolveTarget(createServices(env), target, flags);
  const [cmd, ...args] = command.length > 0 ? command : [env.SHELL || '/bin/sh'];
  return runChild(cmd!, args, childEnvironment(env, session));
}
