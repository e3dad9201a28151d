// The command line: every subcommand, its flags and help. Each action loads its module on demand, so a
// command pays only for the code it uses.
import { Command, Option } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import type { Env } from '../config/paths.js';
import type { AssumeFlags } from './commands/assume.js';
import type { ProfileAddFlags } from './commands/profile-add.js';
import { addConsoleCommands } from './console-program.js';
import { addKeysCommands } from './keys-program.js';
import { addPickerCommands } from './picker-program.js';
import { addSsoCommands } from './sso-program.js';
import { addTargetOptions, type TargetFlags } from './target-flags.js';

const TARGET_HELP = "a profile, a role ARN (or awsume's ACCOUNT_ID:ROLE_NAME), or sso:ACCOUNT_ID/ROLE_NAME";

const EXAMPLES = {
  assume: `
Examples:
  awsx assume prod                          # text on a terminal, export lines when piped
  eval "$(awsx assume prod)"                # load into this shell (see also: awsx shell-init)
  awsx assume arn:aws:iam::123456789012:role/MyRole --duration 7200 --format export
  awsx assume base --then arn:aws:iam::111111111111:role/Hop --then arn:aws:iam::222222222222:role/Admin
  awsx assume prod --write-profile prod-session   # then: AWS_PROFILE=prod-session aws s3 ls
  awsx assume prod --save-to-file .env.aws        # env lines, mode 0600

Formats: as aws configure export-credentials prints them, byte for byte (then AWS_REGION/AWS_DEFAULT_REGION
when the session has a region, and unset lines for a token or expiry the credentials lack):
  env (export lines; alias: export), env-no-export (KEY=value), powershell, windows-cmd (alias: cmd),
  fish, process (credential_process JSON); and awsx's own text (default on a terminal) and json.
Output holds secrets: it is printed only because you asked for it.

From granted or awsume: awsx assume -c prod opens the console, -s s3 opens it at a service;
eval "$(awsx assume --unset)" removes the identity again (or, with awsx shell-init: awsx use -u).`,
  exec: `
Examples:
  awsx exec --profile prod -- aws s3 ls     # the AWS CLI's way: --profile names the identity
  awsx exec prod aws s3 ls
  awsx exec --region eu-west-1 prod terraform plan -out plan.tfplan
  awsx exec prod -- aws --version           # -- is optional
  awsx exec prod                            # a subshell ($SHELL) with the identity

Everything after TARGET is CMD and its arguments, flags included; awsx's own flags go before TARGET (or
between TARGET and --, as in awsx exec prod --region eu-west-1 -- terraform plan).
Without CMD: $SHELL, else on Windows ComSpec (cmd.exe), or pwsh when awsx shell-init powershell runs it.

CMD gets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION and
AWS_CREDENTIAL_EXPIRATION in its environment only; AWS_PROFILE is removed so it cannot override them.
awsx exits with CMD's exit code (126: CMD cannot run, 127: CMD not found, 128+n: CMD died of signal n).

Long jobs: awsx exec prod --server -- terraform apply
  CMD gets no keys, only AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN: a
  credential endpoint on 127.0.0.1 that awsx keeps fresh until CMD ends (see docs/long-running.md).`,
  whoami: `
Examples:
  awsx whoami                 # the identity in this environment (AWS_* keys, else AWS_PROFILE / default)
  awsx whoami prod --json`,
  credentialProcess: `
Use it from ~/.aws/config, so every AWS CLI and SDK call gets awsx's cached, chained credentials:

  [profile prod-via-awsx]
  credential_process = awsx credential-process prod

It asks for an MFA code only on a terminal (or runs mfa_process); without one it fails at once.`,
  list: `
Examples:
  awsx list
  awsx list --json | jq '.[] | select(.mfa)'`,
  profileAdd:
    `
Examples:
  awsx profile add prod --role-arn arn:aws:iam::123456789012:role/Admin --source-profile base ` +
    `--mfa-serial arn:aws:iam::111111111111:mfa/alice
  awsx profile add ci --role-arn arn:aws:iam::123456789012:role/Deploy --credential-source Environment --duration 1h`,
};

export function buildProgram(env: Env, setExit: (code: number) => void): Command {
  const program = new Command('awsx')
    .description(
      'Take any AWS identity fast: role chains, MFA roles, IAM Identity Center roles.\n' +
        'Run without arguments on a terminal to open the picker.',
    )
    .version(pkg.version, '-v, --version')
    // awsx's own options come before a subcommand's name, so exec can pass everything after TARGET to CMD.
    .enablePositionalOptions()
    .helpCommand('help [command]', 'show the help of a command, e.g. awsx help exec')
    .exitOverride();

  program.action(async () => {
    if (program.args.length > 0) {
      const { InputError } = await import('../config/errors.js');
      throw new InputError(`unknown command "${program.args[0]}"`, { hint: 'awsx --help lists the commands' });
    }
    const { pickerCommand } = await import('./commands/picker.js');
    // The demo is a command of its own, loaded only when a machine without profiles takes the picker's offer.
    const runDemo = async (): Promise<number> => (await import('./commands/demo.js')).demoCommand({}, env);
    // In a shell that sourced `awsx demo --serve`'s environment, the top bar shows the demo's MFA code.
    const seed = env.AWSX_DEMO === '1' ? env.AWSX_DEMO_MFA_SEED : undefined;
    const demo = seed ? (await import('./commands/demo.js')).demoMfaCodes(seed) : undefined;
    setExit(await pickerCommand(env, runDemo, await demo));
  });

  addTargetOptions(
    program
      .command('assume')
      .description('print the credentials of TARGET: a profile, a role ARN or sso:ACCOUNT_ID/ROLE_NAME')
      .argument('[target]', TARGET_HELP),
  )
    .addOption(new Option('-f, --format <format>', 'output format (default: text on a terminal, env when piped)'))
    .option('--save-to-file <path>', 'also write KEY=value lines (env-no-export) to PATH (mode 0600)')
    .option('--write-profile <name>', 'write the session into the credentials file as [NAME]')
    .option('--force', 'with --write-profile: overwrite long-term keys or a config profile of that name')
    .option(
      '--unset',
      'print lines that remove the variables awsx sets, in --format (no TARGET; granted: assume --unset)',
    )
    .option('-c, --console', 'open the AWS console as TARGET instead (granted: assume -c)')
    .option('-s, --service <name>', 'open the AWS console as TARGET at this service, e.g. s3 (granted: assume -s)')
    .addHelpText('after', EXAMPLES.assume)
    .action(async (target: string | undefined, flags: AssumeFlags) => {
      const { assumeCommand } = await import('./commands/assume.js');
      setExit(await assumeCommand(target, flags, env));
    });

  addTargetOptions(
    program
      .command('exec')
      .description('run CMD (default: your shell) with the identity of TARGET in its environment')
      .argument('[target]', `${TARGET_HELP} (default: --profile)`)
      .argument('[command...]', 'the command and its arguments: every word after TARGET, flags included')
      .passThroughOptions(),
  )
    .option('--server', 'serve credentials to CMD from a loopback endpoint, renewed before they expire')
    .option('--ecs-server', "the same as --server (aws-vault's name for the container credential endpoint)")
    .addHelpText('after', EXAMPLES.exec)
    .action(async function (this: Command, target: string | undefined, words: string[]) {
      const { execArguments } = await import('./exec-words.js');
      const { execCommand } = await import('./commands/exec.js');
      const args = execArguments(this, target, words, env);
      setExit(await execCommand(args.target, args.command, args.flags, env));
    });

  addTargetOptions(
    program
      .command('whoami')
      .description('show who TARGET (or the current environment) is: GetCallerIdentity')
      .argument('[target]', TARGET_HELP),
  )
    .option('--json', 'JSON like aws sts get-caller-identity')
    .addHelpText('after', EXAMPLES.whoami)
    .action(async (target: string | undefined, flags: TargetFlags & { json?: boolean }) => {
      const { whoamiCommand } = await import('./commands/whoami.js');
      setExit(await whoamiCommand(target, flags, env));
    });

  addTargetOptions(
    program
      .command('credential-process')
      .description('print credential_process JSON (Version 1) for TARGET')
      .argument('<target>', TARGET_HELP),
  )
    .addHelpText('after', EXAMPLES.credentialProcess)
    .action(async (target: string, flags: TargetFlags) => {
      const { credentialProcessCommand } = await import('./commands/credential-process.js');
      setExit(await credentialProcessCommand(target, flags, env));
    });

  program
    .command('list')
    .description('list every profile: kind, account, role, region, chain, MFA and cached session expiry')
    .option('--json', 'a JSON array, one object per profile')
    .addHelpText('after', EXAMPLES.list)
    .action(async (flags: { json?: boolean }) => {
      const { listCommand } = await import('./commands/list.js');
      setExit(listCommand(flags, env));
    });

  const profile = program.command('profile').description('manage profiles in the config file');
  profile
    .command('add')
    .description('append a role profile to the config file (lossless; refuses an existing name)')
    .argument('<name>')
    .option('--role-arn <arn>', 'the role to assume')
    .option('--source-profile <profile>', 'profile whose credentials assume the role')
    .option('--credential-source <source>', 'Environment, Ec2InstanceMetadata or EcsContainer')
    .option('--mfa-serial <arn>', 'MFA device the role requires')
    .option('-r, --region <region>', "the profile's region")
    .option('--external-id <id>')
    .option('-d, --duration <seconds>', '900-43200 seconds, or 15m, 2h')
    .option('--session-name <name>', 'role_session_name')
    .addHelpText('after', EXAMPLES.profileAdd)
    .action(async (name: string, flags: ProfileAddFlags) => {
      const { profileAddCommand } = await import('./commands/profile-add.js');
      setExit(await profileAddCommand(name, flags, env));
    });

  profile
    .command('color')
    .description(
      "the colour of NAME's consoles and picker row: " +
        'blue, turquoise, green, yellow, orange, red, pink, purple (awsx_color)',
    )
    .argument('<name>')
    .argument('[color]', 'the colour to set (without: show the current one)')
    .option('--unset', 'remove awsx_color: the colour then comes from the name')
    .action(async (name: string, color: string | undefined, flags: { unset?: boolean }) => {
      const { profileColorCommand } = await import('./commands/profile-color.js');
      setExit(await profileColorCommand(name, color, flags, env));
    });

  program
    .command('demo')
    .description('try every feature without an AWS account: the picker against a built-in local emulator')
    .option('--serve', 'run the demo emulators without the picker and print their environment (Ctrl-C stops)')
    .addHelpText(
      'after',
      '\nThe demo runs STS, IAM Identity Center and console sign-in emulators on 127.0.0.1, in a temporary HOME.\n' +
        'Your own ~/.aws is never read or written.',
    )
    .action(async (flags: { serve?: boolean }) => {
      const { demoCommand } = await import('./commands/demo.js');
      setExit(await demoCommand(flags, env));
    });

  addSsoCommands(program, env, setExit);
  addPickerCommands(program, env, setExit);
  addConsoleCommands(program, env, setExit);
  addKeysCommands(program, env, setExit);
  // Only the program itself takes words that are not a command (to say which command is unknown): set after
  // the commands exist, or they would inherit it and ignore extra words.
  program.allowExcessArguments(true);
  pointErrorsToHelp(program);
  return program;
}

/** Every usage error ends by naming the help of the command it came from: (see awsx help profile). */
function pointErrorsToHelp(command: Command, path: string[] = []): void {
  // `awsx help` takes one command name; a subcommand's help is `awsx sso login --help`.
  const help =
    path.length === 0 ? 'awsx --help' : path.length === 1 ? `awsx help ${path[0]}` : `awsx ${path.join(' ')} --help`;
  command.configureOutput({
    outputError: (text, write) => write(`awsx: ${text.trim().replace(/^error: /, '')} (see ${help})\n`),
  });
  for (const sub of command.commands) pointErrorsToHelp(sub, [...path, sub.name()]);
}
