// The flags every identity-taking command shares, as commander options. Kept apart from their translation
// into a plan (target-options.ts) so that building the command line loads no service module: `list`,
// `--help` and `completion` import this file, and only the command that resolves a target loads the rest.
import type { Command } from 'commander';
import type { TargetFlagValues } from '../credentials/plan.js';
import { foldPeerFlags } from './peer-flags.js';

export interface TargetFlags extends TargetFlagValues {
  mfaCode?: string;
  ssoAccessToken?: string;
  cache: boolean;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export function addTargetOptions(cmd: Command): Command {
  return cmd
    .option(
      '-p, --profile <name>',
      'source profile for a role ARN target (default: AWS_PROFILE, the environment, then [default])',
    )
    .option('--then <arn>', 'assume this role on top of the target (repeatable, in order)', collect)
    .option(
      '-d, --duration <seconds>',
      'session length: 900-43200 seconds, or 15m, 2h, 1h30m (chained hops are capped at 3600)',
    )
    .option('--session-name <name>', 'RoleSessionName (default: <you>@<role>)')
    .option('--external-id <id>', 'ExternalId for the target role')
    .option('--mfa-serial <arn>', 'MFA device for the target role')
    .option('-t, --mfa-code <code>', 'the current 6-digit MFA code (else mfa_process, else a prompt)')
    .option('--mfa-token <code>', 'the same as --mfa-code (the name aws-vault, granted and awsume use)')
    .option('-r, --region <region>', 'region for the session (exported as AWS_REGION)')
    .option('--sso-session <name>', 'sso-session to use for sso:ACCOUNT_ID/ROLE_NAME targets')
    .option('--sso-access-token <token>', 'an IAM Identity Center access token to use once for SSO roles')
    .option('--no-cache', 'neither read nor write the session cache')
    .hook('preAction', (command) => foldPeerFlags(command));
}
