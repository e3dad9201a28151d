// `awsx completion SHELL`, driven in each real shell: bash and zsh in tmux (readline and zle with Tab),
// fish through `complete -C` (fish's own completion machinery, no terminal needed). PowerShell is not in
// Debian: its script is checked for what it must do, and it runs live only where pwsh is installed.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeSandbox, putAwsxOnPath, type Sandbox } from '../helpers/sandbox.js';
import { hasTool, skipWithout } from '../helpers/tools.js';
import { startTmux, type Tmux } from './tmux.js';

const CONFIG = `[default]
region = eu-west-1

[profile prod]
region = us-east-1

[profile prod-admin]
role_arn = arn:aws:iam::111111111111:role/Admin
source_profile = prod

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
`;

let sb: Sandbox;
beforeAll(() => {
  sb = makeSandbox({ config: CONFIG });
  putAwsxOnPath(sb);
});
afterAll(() => sb.cleanup());

interface CompletingShell {
  /** Types TEXT on an empty line, presses Tab, and returns the screen once the shell has answered. */
  tab: (text: string) => Promise<string>;
  /** The same, then types `@@`: the line as completed in place (tmux drops trailing spaces from the screen). */
  line: (text: string) => Promise<string>;
  tmux: Tmux;
}

/** A shell in tmux with awsx's completion loaded. */
async function shellWithCompletion(command: string, setup: string): Promise<CompletingShell> {
  const tmux = await startTmux({ width: 160, height: 40, command, env: { ...sb.env, TERM: 'xterm' } });
  await tmux.type(`${setup}; clear`, true);
  await tmux.waitFor((s) => /^[$%]$/.test(s.trim()), 'a clean prompt');
  const tab = async (text: string): Promise<string> => {
    await tmux.send('C-u');
    await tmux.send('C-l');
    await tmux.waitFor((s) => /^[$%]$/.test(s.trim()), 'an empty prompt');
    await tmux.type(text);
    await tmux.waitFor((s) => s.includes(text.trimEnd()), 'the typed line');
    await tmux.send('Tab');
    return tmux.waitFor(
      (s) => s.trim().split('\n').length > 1 || !s.trim().endsWith(text.trimEnd()),
      `completion of "${text}"`,
    );
  };
  const line = async (text: string): Promise<string> => {
    await tab(text);
    await tmux.type('@@');
    return (await tmux.waitFor((s) => s.includes('@@'), 'the marker')).split('\n').find((l) => l.includes('@@'))!;
  };
  return { tab, line, tmux };
}

describe.skipIf(skipWithout('tmux', ['-V']) || skipWithout('bash'))('bash completion (readline, in tmux)', () => {
  let shell: CompletingShell;
  beforeAll(async () => {
    shell = await shellWithCompletion(
      'bash --norc --noprofile -i',
      `PS1='$ '; bind 'set show-all-if-ambiguous on'; eval "$(awsx completion bash)"`,
    );
  });
  afterAll(() => shell.tmux.kill());

  it('completes a subcommand in place', async () => {
    expect(await shell.line('awsx cre')).toBe('$ awsx credential-process @@');
  });

  it('lists sso subcommands, flags, formats, profiles, sso sessions and regions', async () => {
    expect(await shell.tab('awsx sso ')).toMatch(/login +logout +populate +roles/); // bash sorts
    expect(await shell.tab('awsx assume --f')).toMatch(/--force +--format/);
    expect(await shell.tab('awsx assume --format env')).toMatch(/env +env-no-export/);
    expect(await shell.tab('awsx exec prod')).toMatch(/prod +prod-admin/);
    expect(await shell.line('awsx assume prod --sso-session ')).toBe('$ awsx assume prod --sso-session corp @@');
    expect(await shell.tab('awsx use prod -r eu-west-')).toMatch(/eu-west-1 +eu-west-2 +eu-west-3/);
    expect(await shell.line('awsx completion p')).toBe('$ awsx completion powershell @@');
  });

  it('an ARN target (bash splits it at every colon) is one word: the flag after it still completes', async () => {
    expect(await shell.tab('awsx assume arn:aws:iam::111111111111:role/Admin --profile prod')).toMatch(
      /prod +prod-admin/,
    );
    expect(await shell.line('awsx exec arn:aws:iam::111111111111:role/Admin --profile prod-')).toBe(
      '$ awsx exec arn:aws:iam::111111111111:role/Admin --profile prod-admin @@',
    );
  });

  it("after exec's TARGET, words are CMD's: file names", async () => {
    expect(await shell.line(`awsx exec prod cat ${sb.home}/.aws/con`)).toBe(
      `$ awsx exec prod cat ${sb.home}/.aws/config @@`,
    );
  });
});

describe.skipIf(skipWithout('tmux', ['-V']) || skipWithout('zsh'))('zsh completion (zle, in tmux)', () => {
  let shell: CompletingShell;
  beforeAll(async () => {
    shell = await shellWithCompletion(
      'zsh -f -i',
      `PROMPT='%% '; autoload -Uz compinit && compinit -u -D; eval "$(awsx completion zsh)"`,
    );
  });
  afterAll(() => shell.tmux.kill());

  it('completes subcommands with their descriptions, flags and values', async () => {
    expect(await shell.line('awsx cre')).toBe('% awsx credential-process @@');
    expect(await shell.tab('awsx s')).toMatch(
      /shell-init +-- print the shell function[\s\S]*sso +-- IAM Identity Center/,
    );
    expect(await shell.line('awsx sso p')).toBe('% awsx sso populate @@');
    expect(await shell.tab('awsx assume --format env')).toMatch(/env\n\s*env-no-export/);
    expect(await shell.tab('awsx whoami prod')).toMatch(/prod\n\s*prod-admin/);
    expect(await shell.line('awsx console prod --re')).toBe('% awsx console prod --region @@');
    expect(await shell.line('awsx help exe')).toBe('% awsx help exec @@');
  });
});

describe.skipIf(skipWithout('fish'))('fish completion (complete -C)', () => {
  const complete = async (line: string): Promise<string[]> => {
    const r = await sb.run('fish', [
      '--no-config',
      '-c',
      `awsx completion fish | source; complete -C ${JSON.stringify(line)}`,
    ]);
    expect(r.stderr).toBe('');
    return r.stdout.trim().split('\n').filter(Boolean);
  };

  it('completes subcommands (with descriptions), sso subcommands, flags and values', async () => {
    expect(await complete('awsx cre')).toEqual([
      'credential-process\tprint credential_process JSON (Version 1) for TARGET',
    ]);
    expect((await complete('awsx sso ')).map((l) => l.split('\t')[0])).toEqual([
      'login',
      'logout',
      'roles',
      'populate',
    ]);
    expect((await complete('awsx assume --re')).map((l) => l.split('\t')[0])).toEqual(['--region']);
    expect(await complete('awsx assume --format env')).toEqual(['env', 'env-no-export']);
    expect(await complete('awsx exec pro')).toEqual(['prod', 'prod-admin']);
    expect(await complete('awsx sso roles --sso-session ')).toEqual(['corp']);
    expect(await complete('awsx profile add x --region us-gov-')).toEqual(['us-gov-east-1', 'us-gov-west-1']);
    expect(await complete('awsx profile add x --credential-source Ec')).toEqual([
      'Ec2InstanceMetadata',
      'EcsContainer',
    ]);
    expect(await complete('awsx shell-init ')).toEqual(['bash', 'zsh', 'fish', 'powershell']);
  });

  it("exec's CMD gets fish's own file completion", async () => {
    expect(await complete(`awsx exec prod cat ${sb.home}/.aws/con`)).toEqual([`${sb.home}/.aws/config`]);
  });
});

describe('PowerShell completion', () => {
  let sbLocal: Sandbox;
  afterEach(() => sbLocal?.cleanup());

  it('registers a native completer that passes the words and the cursor index to awsx __complete', async () => {
    sbLocal = makeSandbox({ config: CONFIG });
    const script = (await sbLocal.awsx(['completion', 'powershell'])).stdout;
    expect(script).toContain('Register-ArgumentCompleter -Native -CommandName awsx -ScriptBlock {');
    expect(script).toContain('__complete $index @words');
    // An empty current word cannot be passed to a program in Windows PowerShell 5.1: the index carries it.
    expect(script).toMatch(
      /\$index = if \(\$wordToComplete -eq ''\) \{ \$words.Count \+ 1 \} else \{ \$words.Count \}/,
    );
    expect(script).toContain('[System.Management.Automation.CompletionResult]::new(');
    // What the script would receive for `awsx assume --format <Tab>`:
    const answer = await sbLocal.awsx(['__complete', '3', 'assume', '--format']);
    expect(answer.stdout.split('\n')).toContain('windows-cmd');
  });

  // pwsh is not packaged by Debian (nor by the npm registry): this runs where it is installed, and is
  // skipped loudly elsewhere, CI included (where it cannot be installed, so it does not fail the run).
  const noPwsh = !hasTool('pwsh', ['-NoLogo', '-NoProfile', '-Command', 'exit 0']);
  if (noPwsh)
    console.warn(
      '\n!!! SKIPPING the live PowerShell completion test: pwsh is not installed (Debian has no package for it) !!!\n',
    );
  it.skipIf(noPwsh)('completes in a live pwsh (TabExpansion2)', async () => {
    sbLocal = makeSandbox({ config: CONFIG });
    putAwsxOnPath(sbLocal);
    const ps = `awsx completion powershell | Out-String | Invoke-Expression; (TabExpansion2 -inputScript 'awsx assume --format env' -cursorColumn 24).CompletionMatches.CompletionText`;
    const r = await sbLocal.run('pwsh', ['-NoLogo', '-NoProfile', '-Command', ps]);
    expect(r.stdout.trim().split(/\r?\n/)).toEqual(['env', 'env-no-export']);
  });
});
