// Runs a user-configured command (credential_process, mfa_process) through the shell, as the JS SDK does.
// child_process (with net and dgram behind it) loads only when a command runs: not on every awsx start-up.
const childProcess = (): typeof import('node:child_process') => process.getBuiltinModule('node:child_process');

export interface CommandResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

export function runShellCommand(command: string, options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; signal?: AbortSignal; showStderr?: boolean } = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = childProcess().spawn(command, {
      shell: true,
      env: options.env ?? process.env,
      stdio: ['inherit', 'pipe', options.showStderr ? 'inherit' : 'pipe'],
      signal: options.signal,
      timeout: options.timeoutMs ?? 120_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
  });
}
