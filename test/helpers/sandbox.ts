// A throwaway HOME with its own ~/.aws files and awsx cache, and helpers to run the built awsx and the real
// AWS CLI in it. The environment is built from scratch: nothing of the real ~/.aws or AWS_* leaks in.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const AWSX = fileURLToPath(new URL('../../dist/awsx.js', import.meta.url));

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Sandbox {
  dir: string;
  home: string;
  configPath: string;
  credentialsPath: string;
  cacheDir: string;
  env: NodeJS.ProcessEnv;
  write(file: 'config' | 'credentials', text: string): void;
  read(file: 'config' | 'credentials'): string;
  awsx(args: string[], options?: RunOptions): Promise<RunResult>;
  aws(args: string[], options?: RunOptions): Promise<RunResult>;
  run(command: string, args: string[], options?: RunOptions): Promise<RunResult>;
  cleanup(): void;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  input?: string;
  timeoutMs?: number;
}

/** The ~/.aws files a sandbox starts with (none when left out). */
export interface SandboxFiles {
  config?: string;
  credentials?: string;
}

export function makeSandbox(files: SandboxFiles = {}, extraEnv: NodeJS.ProcessEnv = {}): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'awsx-test-'));
  const home = join(dir, 'home');
  mkdirSync(join(home, '.aws'), { recursive: true });
  const configPath = join(home, '.aws', 'config');
  const credentialsPath = join(home, '.aws', 'credentials');
  const cacheDir = join(dir, 'cache');
  if (files.config !== undefined) writeFileSync(configPath, files.config);
  if (files.credentials !== undefined) writeFileSync(credentialsPath, files.credentials);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    USER: 'alice',
    LANG: 'C.UTF-8',
    AWS_CONFIG_FILE: configPath,
    AWS_SHARED_CREDENTIALS_FILE: credentialsPath,
    AWSX_CACHE_DIR: cacheDir,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    ...(process.env.PYENV_ROOT ? { PYENV_ROOT: process.env.PYENV_ROOT } : {}),
    ...extraEnv,
  };
  const run = (command: string, args: string[], options: RunOptions = {}): Promise<RunResult> =>
    new Promise((resolve) => {
      const child = spawn(command, args, { env: { ...env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 45_000);
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
      });
      child.stdin.on('error', () => {}); // a child that exits without reading its input
      child.stdin.end(options.input ?? '');
    });
  return {
    dir,
    home,
    configPath,
    credentialsPath,
    cacheDir,
    env,
    write: (file, text) => writeFileSync(file === 'config' ? configPath : credentialsPath, text),
    read: (file) => readFileSync(file === 'config' ? configPath : credentialsPath, 'utf8'),
    awsx: (args, options) => run(process.execPath, [AWSX, ...args], options),
    aws: (args, options) => run('aws', args, options),
    run,
    // A process ending just now (an awsx killed with its terminal still writes its code cache) may add a file meanwhile.
    cleanup: () => rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }),
  };
}

/** An `awsx` command on the sandbox's PATH that runs the built dist/awsx.js (for shells in tmux). */
export function putAwsxOnPath(sb: Sandbox): void {
  const bin = join(sb.dir, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'awsx'), `#!/bin/sh\nexec "${process.execPath}" "${AWSX}" "$@"\n`);
  chmodSync(join(bin, 'awsx'), 0o755);
  sb.env.PATH = `${bin}:${sb.env.PATH}`;
}
