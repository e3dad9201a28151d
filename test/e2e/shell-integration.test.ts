// awsx use, shell-init and completion from the command line (the built bundle), against moto: the shell
// function sets and clears AWS_* in the calling shell; without it awsx prints the lines and a hint.
import { mkdirSync, statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AWSX, makeSandbox, putAwsxOnPath, type Sandbox } from '../helpers/sandbox.js';
import { BASE_KEYS, STANDARD_CONFIG, useStsWorld } from '../helpers/sts-world.js';
import { skipWithout } from '../helpers/tools.js';

const skip = skipWithout('moto_server', ['--help']) || skipWithout('aws', ['--version']);

describe.skipIf(skip)('awsx use and the shell integration', () => {
  const world = useStsWorld(skip);
  let sb: Sandbox;
  beforeEach(() => {
    sb = makeSandbox({ config: STANDARD_CONFIG, credentials: BASE_KEYS }, world().env);
    putAwsxOnPath(sb);
  });
  afterEach(() => sb.cleanup());

  const bash = (script: string) => sb.run('bash', ['--norc', '--noprofile', '-c', script]);

  it('with the bash function, awsx use sets AWS_* in the calling shell and --unset clears them', async () => {
    const r = await bash(`eval "$(awsx shell-init bash)"
      export AWS_PROFILE=base TMPDIR="${sb.dir}/tmp"; mkdir "$TMPDIR"
      awsx use hop1 || exit 9
      echo "profile=$(sh -c 'echo \${AWS_PROFILE-unset}') id=$AWSX_IDENTITY region=$AWS_REGION"
      aws sts get-caller-identity --query Arn --output text
      awsx use --unset
      echo "key=\${AWS_ACCESS_KEY_ID-unset} token=\${AWS_SESSION_TOKEN-unset}"
      echo "left=$(ls -A "$TMPDIR" | wc -l)"`);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('profile=unset id=hop1 region=eu-west-1');
    expect(lines[1]).toMatch(/^arn:aws:sts::111111111111:assumed-role\/Hop1\/\S+$/);
    expect(lines[2]).toBe('key=unset token=unset');
    expect(lines[3]).toBe('left=0'); // each run's private folder is gone
    expect(r.stderr).toMatch(
      /^awsx: hop1 is now active in this shell \(account 111111111111, eu-west-1, expires in \d+:\d\d\)$/m,
    );
    expect(r.stderr).toContain('awsx: removed the AWS identity from this shell');
    expect(r.stderr).not.toMatch(/AWS_SECRET_ACCESS_KEY|aws_secret/);
  });

  it('--command runs awsx another way (here: node and the bundle)', async () => {
    const r = await bash(
      `eval "$(node "${AWSX}" shell-init bash --command 'node ${AWSX}')"; PATH=$(dirname "$(command -v node)"):/usr/bin:/bin; awsx use hop2 && echo "$AWSX_IDENTITY"`,
    );
    expect(r.stdout.trim()).toBe('hop2');
  });

  it('without the function, awsx use prints the lines to eval and a one-line hint', async () => {
    const r = await sb.awsx(['use', 'hop1'], { env: { SHELL: '/bin/zsh' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_SECURITY_TOKEN\nexport AWS_ACCESS_KEY_ID=ASIA/,
    );
    expect(r.stderr.trim().split('\n')).toEqual([
      'awsx: this shell has no awsx integration, so nothing was set; eval the lines above, or add eval "$(awsx shell-init zsh)" to ~/.zshrc to make awsx set them itself',
    ]);
    const evaluated = await sb.run(
      'sh',
      ['-c', 'eval "$(cat)"; aws sts get-caller-identity --query Account --output text'],
      { input: r.stdout },
    );
    expect(evaluated.stdout.trim()).toBe('111111111111');
  });

  it('writes the hand-off file 0600 only inside a private folder', async () => {
    const dir = join(sb.dir, 'private');
    mkdirSync(dir, { mode: 0o700 });
    const file = join(dir, 'handoff');
    const nonce = '0123456789abcdef0123456789abcdef';
    const ok = await sb.awsx(['use', 'hop1'], {
      env: { AWSX_HANDOFF: file, AWSX_HANDOFF_NONCE: nonce, AWSX_SHELL: 'fish' },
    });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(
      new RegExp(
        `^# awsx-handoff ${nonce}\nset -e AWS_PROFILE AWS_DEFAULT_PROFILE AWS_SECURITY_TOKEN\nset -gx AWS_ACCESS_KEY_ID "ASIA`,
      ),
    );
    const open = join(sb.dir, 'open');
    mkdirSync(open, { mode: 0o755 });
    const refused = await sb.awsx(['use', 'hop1'], {
      env: { AWSX_HANDOFF: join(open, 'handoff'), AWSX_HANDOFF_NONCE: nonce },
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /^awsx: refusing the shell hand-off file .*: its folder is readable by others \(mode 755\) \(re-run eval/,
    );
  });

  it('use needs a target, and --unset takes none', async () => {
    expect((await sb.awsx(['use'])).stderr).toMatch(/^awsx: awsx use needs a target/);
    expect((await sb.awsx(['use', 'hop1', '--unset'])).code).toBe(2);
  });

  it('prints integration for every shell and refuses others', async () => {
    for (const shell of ['bash', 'zsh', 'fish', 'powershell']) {
      const r = await sb.awsx(['shell-init', shell]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('AWSX_HANDOFF');
    }
    const bad = await sb.awsx(['shell-init', 'tcsh']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/no shell integration for "tcsh" \(use one of bash, zsh, fish, powershell\)/);
  });

  it('the picker without a terminal is a one-line error (exit 2)', async () => {
    const r = await sb.awsx([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('awsx: the picker needs a terminal (run a subcommand instead: awsx --help)\n');
  });

  // Issue 19 item 11: what starship's aws module (a child process) and oh-my-zsh's aws_prompt_info (in the
  // shell: $AWS_PROFILE) read, while the keys still win in botocore and in the JS SDK v3, which would take
  // an exported AWS_PROFILE over them.
  it('a shell set up by awsx use shows the identity and expiry to prompts; every SDK still uses the keys', async () => {
    const sdk = `${process.cwd()}/node_modules/@aws-sdk/client-sts/dist-cjs/index.js`;
    const js = `const { STSClient, GetCallerIdentityCommand } = require(${JSON.stringify(sdk)}); new STSClient({}).send(new GetCallerIdentityCommand({})).then((r) => console.log("js=" + r.Arn))`;
    const r = await bash(`eval "$(awsx shell-init bash)"
      export AWS_PROFILE=hop2 TMPDIR="${sb.dir}/tmp"; mkdir "$TMPDIR"
      awsx use hop1 || exit 9
      echo "prompt-profile=$AWS_PROFILE"
      sh -c 'echo "child-profile=\${AWS_PROFILE-unset} starship=$AWSU_PROFILE expires=$AWS_SESSION_EXPIRATION"'
      echo "cli=$(aws sts get-caller-identity --query Arn --output text)"
      "${process.execPath}" -e '${js}'
      awsx use --unset
      echo "after=\${AWS_PROFILE-unset} \${AWSU_PROFILE-unset}"`);
    expect(r.stderr).not.toMatch(/Multiple credential sources/);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('prompt-profile=hop1');
    expect(lines[1]).toMatch(/^child-profile=unset starship=hop1 expires=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(lines[1]!.split('expires=')[1]!) - Date.now()).toBeGreaterThan(30 * 60_000);
    expect(lines[2]).toMatch(/^cli=arn:aws:sts::111111111111:assumed-role\/Hop1\//);
    // The same session (awsx's session name), not one the JS SDK would assume itself from a profile.
    expect(lines[3]).toBe(`js=${lines[2]!.slice('cli='.length)}`);
    expect(lines[3]).toMatch(/\/alice@Hop1$/);
    expect(lines[4]).toBe('after=unset unset');
  });
});
