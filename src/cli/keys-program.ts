// Registers the keys commands on the program (each action loads its module on demand).
import { Command, Option } from 'commander';
import type { Env } from '../config/paths.js';
import type { KeysStoreFlags } from './commands/keys.js';

const HELP = {
  add: `
Asks for the access key id and secret without echo; without a terminal, reads JSON on stdin:
  echo '{"AccessKeyId": "AKIA...", "SecretAccessKey": "..."}' | awsx keys add alice
  aws iam create-access-key --output json | awsx keys add alice
The key is checked with STS (GetCallerIdentity) before it is stored. [profile NAME] gets
credential_process = awsx credential-process NAME, so the AWS CLI and SDKs use it too (--no-credential-process: not).`,
  import: `
Moves long-term keys from ~/.aws/credentials into the keyring: all of them, or the profiles named.
Each key is checked with STS first; the key lines leave the credentials file only once every key is stored
(the rest of the file stays byte for byte).`,
  rotate: `
Creates a new key (IAM CreateAccessKey), waits until STS accepts it, stores it, then deletes the old key.
With mfa_serial on the profile, the IAM calls use an MFA session. A run that was stopped is finished by the next.`,
  list: `
Age: days since IAM created the key (else since awsx stored it); keys older than AWSX_KEY_MAX_AGE_DAYS
(default 90) or --max-age are flagged OLD.`,
};

const backendOption = (): Option =>
  new Option(
    '--backend <backend>',
    'where to keep the keys (default: AWSX_KEYS_BACKEND, else the OS keyring when reachable, else the encrypted file)',
  ).choices(['keyring', 'file']);

export function addKeysCommands(program: Command, env: Env, setExit: (code: number) => void): void {
  const keys = program.command('keys').description('long-term keys in the OS keyring instead of ~/.aws/credentials');
  keys
    .command('add')
    .description('store an IAM user key for PROFILE in the keyring (checked with STS first)')
    .argument('<profile>')
    .addOption(backendOption())
    .option('--no-credential-process', 'do not write credential_process = awsx credential-process PROFILE')
    .addHelpText('after', HELP.add)
    .action(async (profile: string, flags: KeysStoreFlags) => {
      const { keysAddCommand } = await import('./commands/keys.js');
      setExit(await keysAddCommand(profile, flags, env));
    });
  keys
    .command('import')
    .description('move keys from ~/.aws/credentials into the keyring')
    .argument('[profiles...]')
    .addOption(backendOption())
    .option('--no-credential-process', 'do not write credential_process = awsx credential-process PROFILE')
    .addHelpText('after', HELP.import)
    .action(async (profiles: string[], flags: KeysStoreFlags) => {
      const { keysImportCommand } = await import('./commands/keys.js');
      setExit(await keysImportCommand(profiles, flags, env));
    });
  keys
    .command('list')
    .description('keyring profiles: key id (masked), backend, age, MFA device')
    .option('--json', 'a JSON array')
    .option('--max-age <days>', 'flag keys older than this (default: AWSX_KEY_MAX_AGE_DAYS, else 90)')
    .addHelpText('after', HELP.list)
    .action(async (flags: { json?: boolean; maxAge?: string }) => {
      const { keysListCommand } = await import('./commands/keys.js');
      setExit(keysListCommand(flags, env));
    });
  keys
    .command('rotate')
    .description("replace PROFILE's key with a new one; the old one is deleted once the new one works")
    .argument('<profile>')
    .option('--mfa-code <code>', 'the current MFA code, when the profile has mfa_serial')
    .addHelpText('after', HELP.rotate)
    .action(async (profile: string, flags: { mfaCode?: string }) => {
      const { keysRotateCommand } = await import('./commands/keys.js');
      setExit(await keysRotateCommand(profile, flags, env));
    });
  keys
    .command('remove')
    .description("forget PROFILE's key (the key itself stays in IAM)")
    .argument('<profile>')
    .action(async (profile: string) => {
      const { keysRemoveCommand } = await import('./commands/keys.js');
      setExit(await keysRemoveCommand(profile, env));
    });
}
