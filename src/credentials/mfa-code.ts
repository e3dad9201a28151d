// Where MFA codes come from, in order: --mfa-code, the profile's mfa_process, a prompt (terminal or picker).
// Codes are used once and never cached or logged.
import { InputError, ExternalCommandError } from '../config/errors.js';
import { isValidMfaCode } from '../config/validate.js';
import { runShellCommand } from './run-command.js';

export interface MfaRequest {
  serial: string;
  profile?: string;
  /** 1 for the first ask; more after STS rejected a code. */
  attempt: number;
  /** Why the previous code failed, for the prompt to show. */
  reason?: string;
  signal?: AbortSignal;
}

export type MfaCodeProvider = (request: MfaRequest) => Promise<string>;

/** A code is needed and nothing can supply one (no --mfa-code, no mfa_process, no terminal). Exit 2. */
export class MfaRequiredError extends InputError {}

export function checkMfaCode(code: string, where: string): string {
  const trimmed = code.trim();
  if (!isValidMfaCode(trimmed))
    throw new InputError(`MFA code from ${where} must be exactly 6 digits`, {
      hint: 'use the current code from your MFA device',
    });
  return trimmed;
}

export async function runMfaProcess(
  command: string,
  profile: string | undefined,
  signal?: AbortSignal,
): Promise<string> {
  const result = await runShellCommand(command, { signal, showStderr: true });
  const who = profile ? `profile "${profile}": ` : '';
  if (result.code !== 0) {
    throw new ExternalCommandError(`${who}mfa_process exited with code ${result.code}`, {
      profile,
      hint: 'run the mfa_process command by hand to see why',
    });
  }
  return checkMfaCode(result.stdout, `mfa_process of ${profile ?? 'the profile'}`);
}

export function noTerminalError(serial: string, profile: string | undefined): MfaRequiredError {
  const who = profile ? `profile "${profile}" needs` : 'this role needs';
  return new MfaRequiredError(`${who} an MFA code for ${serial}, but there is no terminal to ask on`, {
    profile,
    hint: 'pass --mfa-code CODE, or set mfa_process = <command printing the code> in the profile',
  });
}
