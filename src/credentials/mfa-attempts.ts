// One resolution's MFA codes: a code given up front (--mfa-code) is used once, then mfa_process, then the
// caller's prompt, which is asked again (up to 3 times, with the reason) when STS rejects an interactive code.
import { MfaRejectedError } from '../aws/errors.js';
import { CancelledError, InputError } from '../config/errors.js';
import { checkMfaCode, noTerminalError, runMfaProcess, type MfaCodeProvider } from './mfa-code.js';

const MAX_MFA_ATTEMPTS = 3;

export interface MfaHooks {
  mfaCode?: string;
  mfaCodeProvider?: MfaCodeProvider;
  signal?: AbortSignal;
}

export class MfaCodeSource {
  private preset: string | undefined;

  constructor(private readonly hooks: MfaHooks) {
    this.preset = hooks.mfaCode === undefined ? undefined : checkMfaCode(hooks.mfaCode, '--mfa-code');
  }

  /** Runs `call` with a code; an interactive code STS rejects is asked for again. */
  async withCode<T>(
    serial: string,
    profile: string | undefined,
    mfaProcess: string | undefined,
    call: (code: string) => Promise<T>,
  ): Promise<T> {
    let reason: string | undefined;
    for (let attempt = 1; ; attempt++) {
      this.checkCancelled(serial, profile);
      const { code, interactive } = await this.next(serial, profile, mfaProcess, attempt, reason);
      try {
        return await call(code);
      } catch (error) {
        if (!(error instanceof MfaRejectedError) || !interactive || attempt >= MAX_MFA_ATTEMPTS) throw error;
        // The prompt shows why, and what to do: the message and its hint.
        reason = error.hint ? `${error.message} (${error.hint})` : error.message;
      }
    }
  }

  private checkCancelled(serial: string, profile: string | undefined): void {
    if (this.hooks.signal?.aborted) throw new CancelledError(`cancelled at the MFA prompt for ${serial}`, { profile });
  }

  private async next(
    serial: string,
    profile: string | undefined,
    mfaProcess: string | undefined,
    attempt: number,
    reason?: string,
  ): Promise<{ code: string; interactive: boolean }> {
    if (this.preset !== undefined) {
      const code = this.preset;
      this.preset = undefined;
      return { code, interactive: false };
    }
    if (mfaProcess && attempt === 1)
      return { code: await runMfaProcess(mfaProcess, profile, this.hooks.signal), interactive: false };
    const provider = this.hooks.mfaCodeProvider;
    if (!provider) {
      if (attempt > 1)
        throw new InputError(`a second MFA code is needed for ${serial}, but there is no terminal to ask on`, {
          profile,
          hint: 'run awsx on a terminal',
        });
      throw noTerminalError(serial, profile);
    }
    let code: string;
    try {
      code = await provider({ serial, profile, attempt, reason, signal: this.hooks.signal });
    } catch (error) {
      if (this.hooks.signal?.aborted || (error as Error).name === 'AbortError')
        throw new CancelledError(`cancelled at the MFA prompt for ${serial}`, { profile });
      throw error;
    }
    this.checkCancelled(serial, profile);
    return { code: checkMfaCode(code, 'the prompt'), interactive: true };
  }
}
