// Error types every layer shares. Each carries the exit code the CLI uses and a hint: the next thing to do.
export interface AwsxErrorOptions {
  profile?: string;
  hint?: string;
  cause?: unknown;
}

export abstract class AwsxError extends Error {
  abstract readonly exitCode: 1 | 2 | 130;
  readonly profile?: string;
  readonly hint?: string;

  constructor(message: string, options: AwsxErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    if (options.profile !== undefined) this.profile = options.profile;
    if (options.hint !== undefined) this.hint = options.hint;
  }
}

/** Bad input from the user: flags, targets, values (exit 2). */
export class InputError extends AwsxError {
  readonly exitCode = 2 as const;
}

/** A profile in the config files is unusable as written (exit 2). */
export class ProfileConfigError extends AwsxError {
  readonly exitCode = 2 as const;
}

/** A file awsx must read or write cannot be used (exit 1: an environment fault, not bad input). */
export class FileError extends AwsxError {
  readonly exitCode = 1 as const;
}

/** A command the configuration names (credential_process, mfa_process) failed or broke its contract (exit 1). */
export class ExternalCommandError extends AwsxError {
  readonly exitCode = 1 as const;
}

/** The user cancelled (Ctrl-C, Esc at a prompt). */
export class CancelledError extends AwsxError {
  readonly exitCode = 130 as const;
  constructor(message = 'cancelled', options: AwsxErrorOptions = {}) {
    super(message, options);
  }
}

export function isAwsxError(error: unknown): error is AwsxError {
  return error instanceof AwsxError;
}
