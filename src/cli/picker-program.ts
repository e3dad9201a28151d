// Registers the picker commands on the program (each action loads its module on demand): the picker's own
// option, use, shell-init, completion, and two hidden helpers (profile names for completion, the
// clipboard clearer that outlives the picker).
import { Option, type Command } from 'commander';
import type { Env } from '../config/paths.js';
import type { UseFlags } from './commands/use.js';
import { addTargetOptions } from './target-flags.js';

const COMPLETION_HELP = `
Examples:
  eval "$(awsx completion bash)"                                # ~/.bashrc
  eval "$(awsx completion zsh)"                                 # ~/.zshrc, after compinit
  awsx completion fish | source                                 # ~/.config/fish/config.fish
  awsx completion powershell | Out-String | Invoke-Expression   # $PROFILE`;

const USE_HELP = `
Examples:
  eval "$(awsx shell-init bash)"   # once, in ~/.bashrc
  awsx use prod
  awsx use prod --refreshable      # new commands always get valid credentials
  awsx use -u                      # the same as --unset
  awsx use --prune

Sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION, the region,
and for prompts AWSU_PROFILE and AWS_SESSION_EXPIRATION (starship's aws module) and, in bash, zsh and fish,
AWS_PROFILE as a shell variable that is not exported (oh-my-zsh, powerlevel10k): no AWS SDK sees it.`;

export function addPickerCommands(program: Command, env: Env, setExit: (code: number) => void): void {
  program.addOption(
    new Option(
      '--clear-clipboard-after <seconds>',
      "picker: clear the clipboard this long after 'c' (0: never; default 60, or AWSX_CLEAR_CLIPBOARD_AFTER)",
    ),
  );
  program.on('option:clear-clipboard-after', (value: string) => {
    env.AWSX_CLEAR_CLIPBOARD_AFTER = value;
  });

  addTargetOptions(
    program
      .command('use')
      .description('set the identity of TARGET in this shell (needs awsx shell-init; else prints the lines to eval)')
      .argument('[target]'),
  )
    .option('-u, --unset', 'remove the AWS identity awsx set from this shell (awsume -u, granted --unset)')
    .option('-c, --console', 'open the AWS console as TARGET instead (granted: assume -c)')
    .option('-s, --service <name>', 'open the AWS console as TARGET at this service, e.g. s3 (granted: assume -s)')
    .option(
      '--refreshable',
      'instead of keys, set AWS_PROFILE to a credential_process profile awsx writes and keeps supplied (awsx-TARGET)',
    )
    .option('--prune', 'remove every profile that awsx use --refreshable wrote to the config file')
    .addHelpText('after', USE_HELP)
    .action(async (target: string | undefined, flags: UseFlags) => {
      const { useCommand } = await import('./commands/use.js');
      setExit(await useCommand(target, flags, env));
    });

  program
    .command('shell-init')
    .description('print the shell function that lets awsx set AWS_* in your shell: bash, zsh, fish, powershell')
    .argument('<shell>')
    .option('--command <cmd>', 'how the function runs awsx (default: awsx on PATH)')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  eval "$(awsx shell-init bash)"        # ~/.bashrc (zsh: ~/.zshrc)\n' +
        '  awsx shell-init fish | source         # ~/.config/fish/config.fish\n' +
        '  awsx shell-init powershell | Out-String | Invoke-Expression   # $PROFILE',
    )
    .action(async (shell: string, flags: { command?: string }) => {
      const { shellInitCommand } = await import('./commands/shell-init.js');
      setExit(shellInitCommand(shell, flags));
    });

  program
    .command('completion')
    .description(
      'print shell completion (subcommands, flags, profiles, formats, regions...): bash, zsh, fish, powershell',
    )
    .argument('<shell>')
    .addHelpText('after', COMPLETION_HELP)
    .action(async (shell: string) => {
      const { completionScript } = await import('./commands/completion.js');
      process.stdout.write(completionScript(shell));
      setExit(0);
    });

  program
    .command('__complete', { hidden: true })
    .argument('[words...]')
    .helpOption(false)
    .passThroughOptions()
    .action(async (words: string[]) => {
      const { completeCommand } = await import('./commands/completion.js');
      setExit(await completeCommand(program, words, env));
    });

  program
    .command('clipboard-clear', { hidden: true })
    .option('--after <seconds>', 'wait this long first', '60')
    .action(async (flags: { after: string }) => {
      const { clearClipboardLater } = await import('./commands/clipboard-clear.js');
      setExit(await clearClipboardLater(env, Number(flags.after)));
    });
}
