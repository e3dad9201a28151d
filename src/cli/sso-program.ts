// Registers the sso commands on the program (each action loads its module on demand).
import { Command } from 'commander';
import type { Env } from '../config/paths.js';
import type { SsoSelectFlags } from './sso-flags.js';
import type { SsoLoginFlags } from './commands/sso-login.js';
import type { SsoPopulateFlags } from './commands/sso-populate.js';

const SELECT_HELP = `
Which session: --sso-session NAME, --profile P (an SSO profile), or --start-url URL --sso-region R.
Without them: the only [sso-session] in the config, else AWS_PROFILE's session.`;

const HELP = {
  login: `
Examples:
  awsx sso login                              # the only sso-session (browser sign-in, PKCE)
  awsx sso login --sso-session corp --use-device-code
  awsx sso login --start-url https://my-org.awsapps.com/start --sso-region eu-west-1
  BROWSER=firefox awsx sso login --profile dev
${SELECT_HELP}
The token goes to ~/.aws/sso/cache, shared with the AWS CLI and SDKs. sso-session logins use the
authorization-code flow with PKCE; legacy sso_start_url configs, --use-device-code, and machines
where no browser can be opened (SSH, no display) use the device code.`,
  roles: `
Examples:
  awsx sso roles                              # from the cache when there is one
  awsx sso roles --refresh --json | jq -r '.[].target'
  awsx assume sso:123456789012/ReadOnlyAccess
${SELECT_HELP}
Discovery paces itself at 20 requests/s (--rate or AWSX_SSO_RATE) and retries throttling.`,
  populate: `
Examples:
  awsx sso populate                           # print what would be added
  awsx sso populate --region eu-west-1 --write
  awsx sso populate --name-template '{account_name}/{role_name}' --write
  awsx sso populate --start-url https://my-org.awsapps.com/start --sso-region us-east-1 --write
${SELECT_HELP}
Placeholders: {account_name} {account_id} {role_name} {session}, slugged ("Prod Data" -> prod-data).
Roles that already have a profile are skipped, so re-running adds nothing.`,
  logout: `
Like aws sso logout: ends every IAM Identity Center session in ~/.aws/sso/cache and removes the tokens
and cached SSO role credentials (AWS CLI and awsx). Client registrations are kept.`,
};

function selectors(cmd: Command): Command {
  return cmd
    .option('--sso-session <name>', 'the [sso-session] to use')
    .option('--profile <name>', 'an SSO profile whose session to use')
    .option('--start-url <url>', 'IAM Identity Center start URL (with --sso-region; no config needed)')
    .option('--sso-region <region>', 'region of IAM Identity Center (with --start-url)');
}

export function addSsoCommands(program: Command, env: Env, setExit: (code: number) => void): void {
  const sso = program.command('sso').description('IAM Identity Center: log in, discover roles, write profiles');

  selectors(
    sso.command('login').description('sign in to IAM Identity Center and cache the token (shared with the AWS CLI)'),
  )
    .option('--no-browser', 'print the sign-in URL instead of opening a browser')
    .option('--use-device-code', 'use the device-code flow (for a browser on another machine)')
    .addHelpText('after', HELP.login)
    .action(async (flags: SsoLoginFlags) => {
      const { ssoLoginCommand } = await import('./commands/sso-login.js');
      setExit(await ssoLoginCommand(flags, env));
    });

  sso
    .command('logout')
    .description('end every IAM Identity Center session and remove its cached tokens and role credentials')
    .addHelpText('after', HELP.logout)
    .action(async () => {
      const { ssoLogoutCommand } = await import('./commands/sso-logout.js');
      setExit(await ssoLogoutCommand(env));
    });

  selectors(sso.command('roles').description('every account/role you can take through IAM Identity Center'))
    .option('--refresh', 'discover again instead of using the cache')
    .option('--json', 'a JSON array, one object per role')
    .option('--rate <n>', 'discovery requests per second (default 20, or AWSX_SSO_RATE)')
    .option('--sso-access-token <token>', 'use this access token instead of the cached login')
    .addHelpText('after', HELP.roles)
    .action(async (flags: SsoSelectFlags & { json?: boolean }) => {
      const { ssoRolesCommand } = await import('./commands/sso-roles.js');
      setExit(await ssoRolesCommand(flags, env));
    });

  selectors(
    sso.command('populate').description('print (or --write) an [sso-session] and a profile per discovered role'),
  )
    .option('--region <region>', 'region for every new profile')
    .option('--name-template <tpl>', 'profile names (default {account_name}-{role_name})')
    .option('--write', 'append the new sections to the config file (lossless, idempotent)')
    .option('--refresh', 'discover again instead of using the cache')
    .option('--rate <n>', 'discovery requests per second (default 20, or AWSX_SSO_RATE)')
    .option('--sso-access-token <token>', 'use this access token instead of the cached login')
    .addHelpText('after', HELP.populate)
    .action(async (flags: SsoPopulateFlags) => {
      const { ssoPopulateCommand } = await import('./commands/sso-populate.js');
      setExit(await ssoPopulateCommand(flags, env));
    });
}
