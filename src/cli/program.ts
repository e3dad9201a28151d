// The command line: every subcommand, its flags and help. Each action loads its module on demand, so a
// command pays only for the code it uses. run.ts answers the commonest command lines without it.
import { Command, Option } from 'commander';
import type { Env } from '../config/paths.js';
import { addConsoleCommands } from './console-program.js';
import { addPickerCommands } from './picker-program.js';
import { addSsoCommands } from './sso-program.js';
import { addTargetOptions, type TargetFlags } from './target-options.js';

export { CommanderError } from 'commander';

const VERSION = '0.1.0';

const EXAMPLES = {
  assume: `
Examples:
  awsx assume prod                          # text on a terminal, export lines when piped
  eval "$(awsx assume prod)"                # load into this shell (see also: awsx shell-init)
  awsx assume arn:aws:iam::123456789012:role/MyRole --duration 7200 --format export
  awsx assume base --then arn:aws:iam::111111111111:role/Hop --then arn:aws:iam::222222222222:role/Admin
  awsx assume prod --write-profile prod-session   # then: AWS_PROFILE=prod-session aws s3 ls
  awsx assume prod --save-to-file .env.aws        # env lines, mode 0600

Formats: text, json, env, export (sh/bash/zsh), fish, powershell, cmd, process (credential_process JSON).
Output holds secrets: it is printed only because you asked for it.`,
  exec: `
Examples:
  awsx exec prod -- aws s3 ls
  awsx exec prod --region eu-west-1 -- terraform plan
  awsx exec prod                            # a subshell ($SHELL) with the identity

CMD gets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION and
AWS_CREDENTIAL_EXPIRATION in its environment only; AWS_PROFILE is removed so it cannot override them.
awsx exits with CMD's exit code. Put -- before CMD when CMD has flags of its own.

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
  profileAdd: `
Examples:
  awsx profile add prod --role-arn arn:aws:iam::123456789012:role/Admin --source-profile base --mfa-serial arn:aws:iam::111111111111:mfa/alice
  awsx profile add ci --role-arn arn:aws:iam::123456789012:role/Deploy --credential-source Environment --duration 1h`,
};

export function buildProgram(env: Env, setExit: (code: number) => void): Command {
  const program = new Command('awsx')
    .description('Take any AWS identity fast: role chains, MFA roles, IAM Identity Center roles.\nRun without arguments on a terminal to open the picker.')
    .version(VERSION, '-v, --version')
    .enablePositionalOptions(false)
    .configureOutput({ outputError: (text, write) => write(`awsx: ${text.trim().replace(/^error: /, '')} (see awsx --help)\n`) })
    .exitOverride();

  program.allowExcessArguments(true).action(async () => {
    if (program.args.length > 0) {
      const { InputError } = await import('../config/errors.js');
      throw new InputError(`unknown command "${program.args[0]}"`, { hint: 'awsx --help lists the commands' });
    }
    const { pickerCommand } = await import('./commands/picker.js');
    setExit(await pickerCommand(env));
  });

  addTargetOptions(
    program
      .command('assume')
      .description('print the credentials of TARGET: a profile, a role ARN or sso:ACCOUNT_ID/ROLE_NAME')
      .argument('<target>', 'profile name, role ARN, or sso:ACCOUNT_ID/ROLE_NAME'),
  )
    .addOption(new Option('-f, --format <format>', 'output format (default: text on a terminal, export when piped)'))
    .option('--save-to-file <path>', 'also write env-format lines to PATH (mode 0600)')
    .option('--write-profile <name>', 'write the session into the credentials file as [NAME]')
    .option('--force', 'with --write-profile: overwrite long-term keys or a config profile of that name')
    .addHelpText('after', EXAMPLES.assume)
    .action(async (target: string, flags) => {
      const { assumeCommand } = await import('./commands/assume.js');
      setExit(await assumeCommand(target, flags, env));
    });

  addTargetOptions(
    program
      .command('exec')
      .description('run CMD (default: $SHELL) with the identity of TARGET in its environment')
      .argument('<target>', 'profile name, role ARN, or sso:ACCOUNT_ID/ROLE_NAME')
      .argument('[command...]', 'the command and its arguments (after --)'),
  )
    .option('--server', 'serve credentials to CMD from a loopback endpoint, renewed before they expire')
    .addHelpText('after', EXAMPLES.exec)
    .action(async (target: string, command: string[], flags: TargetFlags & { server?: boolean }) => {
      const { execCommand } = await import('./commands/exec.js');
      setExit(await execCommand(target, command, flags, env));
    });

  addTargetOptions(program.command('whoami').description('show who TARGET (or the current environment) is: GetCallerIdentity').argument('[target]'))
    .option('--json', 'JSON like aws sts get-caller-identity')
    .addHelpText('after', EXAMPLES.whoami)
    .action(async (target: string | undefined, flags) => {
      const { whoamiCommand } = await import('./commands/whoami.js');
      setExit(await whoamiCommand(target, flags, env));
    });

  addTargetOptions(program.command('credential-process').description('print credential_process JSON (Version 1) for TARGET').argument('<target>'))
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
    .action(async (flags) => {
      const { listCommand } = await import('./commands/list.js');
      setExit(await listCommand(flags, env));
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
    .option('--region <region>')
    .option('--external-id <id>')
    .option('--duration <seconds>', '900-43200 seconds, or 15m, 2h')
    .option('--session-name <name>', 'role_session_name')
    .addHelpText('after', EXAMPLES.profileAdd)
    .action(async (name: string, flags) => {
      const { profileAddCommand } = await import('./commands/profile-add.js');
      setExit(await profileAddCommand(name, flags, env));
    });

  profile
    .command('color')
    .description("the colour of NAME's consoles and picker row: blue, turquoise, green, yellow, orange, red, pink, purple (awsx_color)")
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
    .addHelpText('after', '\nThe demo runs STS, IAM Identity Center and console sign-in emulators on 127.0.0.1, in a temporary HOME.\nYour own ~/.aws is never read or written.')
    .action(async (flags: { serve?: boolean }) => {
      const { demoCommand } = await import('./commands/demo.js');
      setExit(await demoCommand(flags, env));
    });

  addSsoCommands(program, env, setExit);
  addPickerCommands(program, env, setExit);
  addConsoleCommands(program, env, setExit);
  return program;
}
