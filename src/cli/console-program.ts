// Registers the console commands on the program (each action loads its module on demand).
import type { Command } from 'commander';
import type { Env } from '../config/paths.js';
import { addTargetOptions } from './target-options.js';

const HELP = `
Examples:
  awsx console                        # the identity in this environment (AWS_* keys, else AWS_PROFILE / default)
  awsx console prod                   # prod's region's console home
  awsx console prod --destination s3 --region eu-west-1
  awsx console prod --destination 'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#Instances:'
  awsx console base --duration 8h     # IAM user keys: a federated-user console session of 8 hours
  awsx console prod --signout         # end this browser's current console session first
  awsx console prod --browser 'firefox --private-window'

How it signs in:
  Role sessions (assumed, chained, IAM Identity Center roles) get a sign-in token from the federation
  endpoint of their partition (signin.aws.amazon.com, signin.amazonaws.cn, signin.amazonaws-us-gov.com).
  --duration sets the console session length (900-43200 s) only for a role assumed straight from IAM user
  keys. For chained roles (including a role after an MFA session) and Identity Center roles the console
  session lasts as long as the credentials (a chained role: at most 1 h); a --duration is then ignored
  with a note. The role session itself comes from the cache as usual.
  IAM user keys cannot sign in themselves: awsx calls GetFederationToken with a policy allowing "*", so
  the console has the user's own rights (its policies ∩ "*"), as a federated user named after you
  (AWSX_SESSION_USER, else USER), for --duration (900-129600 s; default AWS's: 12 h, 1 h for root keys).
  That console session cannot use IAM. A profile with an MFA session (mfa_serial without role_arn) signs
  in the same way from its long-term keys, because GetSessionToken credentials cannot sign in; that
  console session does not carry MFA.

Destination: the console home of the region (--region, else the profile's); a service short name (s3,
  ec2, lambda; global ones such as iam open without a region); or a console URL of the identity's
  partition, used as is.

--signout first ends the console session this browser holds (the console keeps one identity per browser)
  by sending the sign-in through the sign-in service's logout. It signs out every console tab of that
  browser. In aws-cn and aws-us-gov the redirect after logout is not guaranteed: if you land on the AWS
  home page, run the command again without --signout. A private window or a separate browser profile per
  identity (--browser) avoids sign-out altogether.

The sign-in URL is a SECRET: whoever opens it within 15 minutes is signed in as this identity for the
whole console session. awsx never logs it; --print writes it to stdout only, because you asked. Keep it
out of shell history, chat and tickets.`;

export function addConsoleCommands(program: Command, env: Env, setExit: (code: number) => void): void {
  const cmd = addTargetOptions(
    program
      .command('console')
      .description('open the AWS console in a browser as TARGET (default: the identity in the environment)')
      .argument('[target]', 'profile name, role ARN, or sso:ACCOUNT_ID/ROLE_NAME'),
  )
    .option('--destination <service|url>', 'where to land: a service short name (s3, ec2, iam) or a console URL (default: the region\'s console home)')
    .option('-s, --service <name>', 'the same as --destination (granted: -s)')
    .option('--print', 'write the sign-in URL to stdout instead of opening it (the URL is a secret)')
    .option('--browser <cmd>', 'browser command to open the URL with (%s = the URL; default: $BROWSER, else the system opener)')
    .option('--signout', 'sign out of the browser\'s current console session first (see below)')
    .addHelpText('after', HELP)
    .action(async (target: string | undefined, flags) => {
      const { consoleCommand } = await import('./commands/console.js');
      setExit(await consoleCommand(target, flags, env));
    });
  const duration = cmd.options.find((o) => o.long === '--duration');
  if (duration) duration.description = 'console session length: 900-43200 s (a role assumed from IAM user keys), 900-129600 s (IAM user keys); 1h, 8h also work';
}
