// The shell hand-off: what the shell sources, and the checks that keep the file private.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../src/credentials/engine.js';
import {
  checkHandoffPath,
  handoffScript,
  refreshableScript,
  unsetScript,
  writeHandoff,
} from '../../../src/shell/handoff.js';
import { userShell } from '../../../src/shell/user-shell.js';
import { skipWithout } from '../../helpers/tools.js';

const session = (token?: string): Session => ({
  label: "it's-prod",
  chain: ['base', 'prod'],
  fromCache: false,
  region: 'eu-west-1',
  credentials: {
    accessKeyId: 'ASIAEXAMPLE',
    secretAccessKey: 'se/cr+et=',
    ...(token ? { sessionToken: token } : {}),
    expiration: new Date('2030-01-01T00:00:00Z'),
  },
});

const sh = (script: string, env: NodeJS.ProcessEnv): Promise<string> => run('sh', script, env);

function run(shell: string, script: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(shell, shell === 'fish' ? ['--no-config', '-c', script] : ['-c', script], { env });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', () => resolve(out));
  });
}

describe('hand-off script', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'awsx-handoff-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('sets every variable, unsets AWS_PROFILE and a missing session token, in a POSIX shell', async () => {
    const file = join(dir, 'h');
    writeFileSync(file, handoffScript(session(), 'bash'));
    const out = await sh(
      `. "${file}"; echo "$AWS_ACCESS_KEY_ID|$AWS_SECRET_ACCESS_KEY|\${AWS_SESSION_TOKEN-unset}|$AWS_REGION|$AWSX_IDENTITY|$AWS_CREDENTIAL_EXPIRATION"; sh -c 'echo "\${AWS_PROFILE-unset}"'`,
      {
        PATH: process.env.PATH,
        AWS_PROFILE: 'old',
        AWS_SESSION_TOKEN: 'stale',
      },
    );
    expect(out.trim().split('\n')).toEqual([
      "ASIAEXAMPLE|se/cr+et=|unset|eu-west-1|it's-prod|2030-01-01T00:00:00+00:00",
      'unset',
    ]);
  });

  // Issue 19 item 11: prompts. starship (a child process) reads AWSU_PROFILE and AWS_SESSION_EXPIRATION;
  // oh-my-zsh's aws_prompt_info and powerlevel10k read $AWS_PROFILE inside the shell, where it is a shell
  // variable that is not exported, so no SDK in a child process ever sees it (keys in the environment win).
  it.each(['bash', 'zsh'])(
    '%s: prompt variables, and AWS_PROFILE for in-shell prompts only (even under set -a)',
    async (shell) => {
      if (skipWithout(shell)) return;
      const file = join(dir, 'p');
      writeFileSync(file, handoffScript(session('tok'), shell === 'zsh' ? 'zsh' : 'bash'));
      for (const allexport of ['', 'set -a; ']) {
        const out = await run(
          shell,
          `${allexport}f() { . "${file}"; }; f; echo "in-shell=$AWS_PROFILE"; env | grep -E '^(AWS_PROFILE|AWSU_PROFILE|AWS_SESSION_EXPIRATION)=' | sort`,
          { PATH: process.env.PATH, AWS_PROFILE: 'old' },
        );
        expect(out.trim().split('\n')).toEqual([
          "in-shell=it's-prod",
          "AWSU_PROFILE=it's-prod",
          'AWS_SESSION_EXPIRATION=2030-01-01T00:00:00Z',
        ]);
      }
    },
  );

  it('fish: AWS_PROFILE is a global, unexported variable; the prompt variables are exported', async () => {
    if (skipWithout('fish')) return;
    const file = join(dir, 'f.fish');
    writeFileSync(file, handoffScript(session('tok'), 'fish'));
    const out = await run(
      'fish',
      `source "${file}"; echo "in-shell=$AWS_PROFILE"; env | grep -E '^(AWS_PROFILE|AWSU_PROFILE|AWS_SESSION_EXPIRATION)=' | sort`,
      { PATH: process.env.PATH, AWS_PROFILE: 'old' },
    );
    expect(out.trim().split('\n')).toEqual([
      "in-shell=it's-prod",
      "AWSU_PROFILE=it's-prod",
      'AWS_SESSION_EXPIRATION=2030-01-01T00:00:00Z',
    ]);
  });

  it("a region awsx set for an earlier identity is not carried to one without a region; the user's own is kept", () => {
    const none = { ...session('tok'), region: undefined };
    expect(handoffScript(none, 'bash', { AWS_REGION: 'eu-west-1', AWSX_REGION: 'eu-west-1' })).toContain(
      'unset AWS_REGION AWS_DEFAULT_REGION AWSX_REGION\n',
    );
    expect(handoffScript(none, 'bash', { AWS_REGION: 'eu-west-1' })).not.toContain('unset AWS_REGION');
    expect(handoffScript(session('tok'), 'bash', {})).toContain("export AWSX_REGION='eu-west-1'\n");
    // The session's region is the user's own AWS_REGION: not awsx's to take back later.
    expect(handoffScript(session('tok'), 'bash', { AWS_REGION: 'eu-west-1' })).toContain('unset AWSX_REGION\n');
  });

  it('unset clears everything awsx set', async () => {
    const file = join(dir, 'u');
    writeFileSync(file, unsetScript('bash'));
    const out = await sh(
      `. "${file}"; echo "\${AWS_ACCESS_KEY_ID-none}\${AWS_SESSION_TOKEN-none}\${AWSX_IDENTITY-none}"`,
      { PATH: process.env.PATH, AWS_ACCESS_KEY_ID: 'x', AWS_SESSION_TOKEN: 'y', AWSX_IDENTITY: 'z' },
    );
    expect(out.trim()).toBe('nonenonenone');
  });

  it("unset removes the in-shell AWS_PROFILE awsx set (it names AWSX_IDENTITY), never one of the user's", async () => {
    const file = join(dir, 'u2');
    writeFileSync(file, unsetScript('bash'));
    const ours = await sh(
      `AWS_PROFILE=prod; . "${file}"; echo "\${AWS_PROFILE-unset} \${AWSU_PROFILE-unset} \${AWS_SESSION_EXPIRATION-unset}"`,
      { PATH: process.env.PATH, AWSX_IDENTITY: 'prod', AWSU_PROFILE: 'prod', AWS_SESSION_EXPIRATION: 'x' },
    );
    expect(ours.trim()).toBe('unset unset unset');
    const theirs = await sh(`. "${file}"; echo "\${AWS_PROFILE-unset}"`, {
      PATH: process.env.PATH,
      AWS_PROFILE: 'mine',
    });
    expect(theirs.trim()).toBe('mine');
  });

  it.each([
    [
      'fish',
      /^set -e AWS_PROFILE AWS_DEFAULT_PROFILE AWS_SECURITY_TOKEN\n[\s\S]*set -gx AWSX_IDENTITY 'it\\'s-prod'\n$/,
    ],
    [
      'powershell',
      /^Remove-Item Env:AWS_PROFILE -ErrorAction SilentlyContinue\n[\s\S]*\$Env:AWSX_IDENTITY='it''s-prod'\n$/,
    ],
  ] as const)('speaks %s', (shell, pattern) => {
    expect(handoffScript(session('tok'), shell)).toMatch(pattern);
  });

  it('use --refreshable: unsets every key, sets AWS_PROFILE, the region and the identity, in each shell', async () => {
    const out = await sh(
      `${refreshableScript('bash', 'awsx-prod', "it's-prod", 'eu-west-1')}env | grep -E '^(AWS|AWSX)_' | sort`,
      {
        PATH: process.env.PATH,
        AWS_ACCESS_KEY_ID: 'OLD',
        AWS_SECRET_ACCESS_KEY: 'OLD',
        AWS_SESSION_TOKEN: 'OLD',
        AWS_SECURITY_TOKEN: 'OLD',
        AWS_CREDENTIAL_EXPIRATION: 'OLD',
        AWS_DEFAULT_PROFILE: 'OLD',
        AWS_PROFILE: 'OLD',
      },
    );
    expect(out.trim().split('\n')).toEqual([
      "AWSX_IDENTITY=it's-prod",
      'AWSX_REGION=eu-west-1',
      'AWS_DEFAULT_REGION=eu-west-1',
      'AWS_PROFILE=awsx-prod',
      'AWS_REGION=eu-west-1',
    ]);
    expect(refreshableScript('fish', 'awsx-prod', 'prod', undefined)).toBe(
      "set -e AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_SECURITY_TOKEN AWS_CREDENTIAL_EXPIRATION AWS_DEFAULT_PROFILE\nset -gx AWS_PROFILE 'awsx-prod'\n" +
        "set -e AWSX_REGION\nset -gx AWSU_PROFILE 'prod'\nset -e AWS_SESSION_EXPIRATION\nset -gx AWSX_IDENTITY 'prod'\n",
    );
    expect(refreshableScript('powershell', 'awsx-prod', 'prod', 'eu-west-1')).toContain(
      "$Env:AWS_PROFILE='awsx-prod'\n$Env:AWS_REGION='eu-west-1'\n",
    );
    expect(unsetScript('bash', ['AWS_PROFILE'])).toMatch(/ AWS_SESSION_EXPIRATION AWS_PROFILE\n$/);
  });

  it('picks the shell from AWSX_SHELL, then $SHELL', () => {
    expect(userShell({ AWSX_SHELL: 'fish', SHELL: '/bin/zsh' })).toBe('fish');
    expect(userShell({ SHELL: '/usr/bin/zsh' })).toBe('zsh');
    expect(userShell({ SHELL: 'C:\\Program Files\\Git\\usr\\bin\\zsh.exe' })).toBe('zsh');
    expect(userShell({ SHELL: 'C:\\tools\\pwsh.exe' })).toBe('powershell');
    expect(userShell({ SHELL: '/usr/bin/pwsh' })).toBe('powershell');
    expect(userShell({})).toBe('bash');
  });

  it('writes the file 0600 inside a private folder', () => {
    const priv = join(dir, 'p');
    mkdirSync(priv, { mode: 0o700 });
    writeHandoff({ path: join(priv, 'handoff'), nonce: 'abcdef0123456789' }, 'export A=1\n');
    expect(readFileSync(join(priv, 'handoff'), 'utf8')).toBe('# awsx-handoff abcdef0123456789\nexport A=1\n');
    expect(statSync(join(priv, 'handoff')).mode & 0o777).toBe(0o600);
  });

  it('refuses a folder others can read, a symlink, and a relative path', () => {
    const open = join(dir, 'open');
    mkdirSync(open);
    chmodSync(open, 0o755);
    expect(() => checkHandoffPath(join(open, 'h'))).toThrow(/readable by others \(mode 755\)/);
    expect(() => checkHandoffPath(join(open, 'h'), { os: 'win32', uid: undefined })).not.toThrow(); // no POSIX modes there
    const priv = join(dir, 'priv');
    mkdirSync(priv, { mode: 0o700 });
    symlinkSync('/etc/passwd', join(priv, 'link'));
    expect(() => checkHandoffPath(join(priv, 'link'))).toThrow(/not a regular file/);
    expect(() => checkHandoffPath('relative/h')).toThrow(/not an absolute path/);
    expect(() => checkHandoffPath(join(dir, 'missing', 'h'))).toThrow(/folder does not exist/);
  });
});
