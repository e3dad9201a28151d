// Registers the console commands on the program (each action loads its module on demand).
import type { Command } from 'commander';
import type { Env } from '../config/paths.js';
import type { ConsoleFlags } from './commands/console.js';
import { addTargetOptions } from './target-flags.js';

const HELP = `
Examples:
  awsx console                        # the identity in this environment (AWS_* keys, else AWS_PROFILE / default)
  awsx console prod                   # prod's region's console home
  awsx console prod --destination s3 --region eu-west-1
  awsx console prod --destination 'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#Instances:'
  awsx console base --duration 8h     # IAM user keys: a federated-user console session of 8 hours
  awsx console prod --signout         # end this browser's current console session first
  awsx console prod --browser 'firefox --private-window'
  awsx console prod --isolate -s ddb --region ue1   # its own Chromium profile, DynamoDB, us-east-1
  awsx console dev --isolate          # ...and dev's beside it: both stay signed in
  awsx console prod --container       # Firefox: a container named prod (needs the extension, see below)
  awsx console prod -s 'ec2/home#Instances:'   # a console path, given the region
  awsx console prod --copy            # the sign-in URL onto the clipboard instead of a browser
  awsx console --forget prod          # delete prod's isolated browser profile

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

Destination (-s or --destination): the console home of the region (--region, else the profile's); a
  service short name (s3, ec2, ddb, cfn, sfn, r53, param, logs...: the console's own paths, as granted
  maps them; global ones such as iam open without a region); a console path (ec2/home#Instances:, the
  region added); or a console URL of the identity's partition, used as is. --region takes short codes:
  ue1 or use1 (us-east-1), ew1 or euw1 (eu-west-1), apse2 (ap-southeast-2).

Every identity in its own browser:
  --isolate starts a Chromium-family browser (chromium, google-chrome, brave, microsoft-edge: --browser,
  else AWSX_CONSOLE_BROWSER, else a BROWSER entry of that kind, else the first installed) with a
  --user-data-dir of its own per identity under $XDG_STATE_HOME/awsx/browser-profiles (0700), named and
  themed in the identity's colour. Several identities stay signed in side by side. --forget TARGET
  deletes that folder (cookies and all).
  --container opens Firefox through the "Open external links in a container" extension
  (ext+container:name=...&color=...&icon=...&url=...), in a container named for the identity and in
  its colour (AWSX_FIREFOX_EXTENSION=granted: granted's extension instead). With --print or --copy you
  get that link.
  Default: the profile's awsx_console_mode, else AWSX_CONSOLE_MODE (default, isolate or container);
  --no-isolate forces the default browser. The picker's o does the same; O asks.
  Colour: awsx_color in the profile (blue, turquoise, green, yellow, orange, red, pink, purple; set it
  with awsx profile color NAME COLOR), else one picked from the name.

--signout first ends the console session this browser holds (the console keeps one identity per browser)
  by sending the sign-in through the sign-in service's logout. It signs out every console tab of that
  browser. In aws-cn and aws-us-gov the redirect after logout is not guaranteed: if you land on the AWS
  home page, run the command again without --signout. --isolate or --container avoid sign-out altogether.

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
    .option(
      '-s, --service <name|path>',
      'where to land: a service (s3, ec2, ddb, iam...) or a console path (ec2/home#Instances:)',
    )
    .option(
      '--destination <service|url>',
      "where to land: a service, a console path or a console URL (default: the region's console home)",
    )
    .option('--print', 'write the sign-in URL to stdout instead of opening it (the URL is a secret)')
    .option(
      '--copy',
      'put the sign-in URL on the clipboard instead of opening it (cleared after AWSX_CLEAR_CLIPBOARD_AFTER, 60 s)',
    )
    .option('--isolate', "open in a Chromium-family browser profile of this identity's own (see below)")
    .option('--no-isolate', 'open in the default browser, whatever awsx_console_mode or AWSX_CONSOLE_MODE say')
    .option('--container', "open in a Firefox container of this identity's own (see below)")
    .option('--forget', "delete the identity's isolated browser profile instead of signing in")
    .option(
      '--browser <cmd>',
      'browser command (%s = the URL; default: $BROWSER, else the system opener; with --isolate: which browser)',
    )
    .option('--signout', "sign out of the browser's current console session first (see below)")
    .addHelpText('after', HELP)
    .action(async (target: string | undefined, flags: ConsoleFlags) => {
      const { consoleCommand } = await import('./commands/console.js');
      setExit(await consoleCommand(target, flags, env));
    });
  const duration = cmd.options.find((o) => o.long === '--duration');
  if (duration)
    duration.description =
      'console session length: 900-43200 s (a role assumed from IAM user keys), 900-129600 s (IAM user keys); ' +
      '1h, 8h also work';
}
