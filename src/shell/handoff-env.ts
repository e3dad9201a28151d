// The variables of the shell hand-off (see shell/handoff.ts). Only the shell function's own call of awsx may
// see them: awsx removes them from its environment at start-up and from every environment it gives a child.
import type { Env } from '../config/paths.js';

export const HANDOFF_VAR = 'AWSX_HANDOFF';
export const HANDOFF_NONCE_VAR = 'AWSX_HANDOFF_NONCE';
export const HANDOFF_SHELL_VAR = 'AWSX_SHELL';
const HANDOFF_VARS = [HANDOFF_VAR, HANDOFF_NONCE_VAR, HANDOFF_SHELL_VAR];

/** ENV without the hand-off variables (a copy). */
export function withoutHandoff<T extends Env>(env: T): T {
  const out = { ...env };
  for (const name of HANDOFF_VARS) delete out[name];
  return out;
}

/** Removes them from this process's environment, which every child spawned without an env inherits. */
export function keepHandoffFromChildren(): void {
  for (const name of HANDOFF_VARS) delete process.env[name];
}
