// The JSON awsx prints, typed for the tests that read it.

/** `awsx assume --format json`, `--format process` and `awsx credential-process` (the credential_process shape). */
export interface CredentialsJson {
  Version?: number;
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken?: string;
  Expiration?: string;
  Region?: string;
  AccountId?: string;
}

/** The credentials awsx printed as JSON. */
export const credentialsJson = (stdout: string): CredentialsJson => JSON.parse(stdout) as CredentialsJson;
