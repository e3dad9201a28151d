// exec TARGET [CMD [ARGS...]]: every word after TARGET is CMD's, flags included (exec passes them through).
// awsx's own flags go before TARGET; for the form `exec TARGET --region R -- CMD` they may also come right
// after TARGET, up to `--` or the first word that is not one of them (a command never starts with '-').
import type { Command } from 'commander';
import { InputError } from '../config/errors.js';
import { loadAwsFiles } from '../config/load-config.js';
import type { Env } from '../config/paths.js';
import { parseTarget } from '../credentials/plan.js';
import type { ExecFlags } from './commands/exec.js';
import { foldPeerFlags } from './peer-flags.js';

export function commandWords(exec: Command, words: string[]): string[] {
  if (!words[0]?.startsWith('-')) return words;
  const { operands, unknown } = exec.parseOptions(words);
  const first = unknown[0];
  if (first !== undefined) {
    if (first === '-h' || first === '--help') exec.help();
    const message = `unknown option '${first}' (a command cannot start with '-')`;
    exec.error(message, { code: 'commander.unknownOption', exitCode: 2 });
  }
  foldPeerFlags(exec);
  return operands;
}

/**
 * `exec --profile P [--] CMD...` (the AWS CLI's way to name the identity): when the first word is no target
 * (not a profile of the config, a role ARN or an sso: target) but P is a profile, P is the TARGET and every
 * word is CMD's. commander consumes a `--` that directly follows the flags, so the words alone decide.
 */
export function execTarget(
  target: string | undefined,
  command: string[],
  flags: { profile?: string },
  isTarget: (word: string) => boolean,
): { target: string | undefined; command: string[]; profile: string | undefined } {
  const profile = flags.profile;
  const keep = profile === undefined || (target !== undefined && isTarget(target)) || !isTarget(profile);
  if (keep) return { target, command, profile };
  return { target: profile, command: target === undefined ? command : [target, ...command], profile: undefined };
}

/** exec's TARGET, CMD and flags from what commander parsed. */
export function execArguments(
  exec: Command,
  given: string | undefined,
  words: string[],
  env: Env,
): { target: string; command: string[]; flags: ExecFlags } {
  let profiles: ReadonlySet<string> | undefined;
  const isTarget = (word: string): boolean => {
    if (parseTarget(word).kind !== 'profile') return true;
    profiles ??= new Set(loadAwsFiles(env).profiles.keys());
    return profiles.has(word);
  };
  const chosen = execTarget(given, words, exec.opts(), isTarget);
  // Only words after a TARGET may start with awsx's own flags.
  const command = chosen.target === given ? commandWords(exec, words) : chosen.command;
  if (chosen.target === undefined) {
    const hint = 'awsx exec PROFILE [CMD ...], or awsx exec --profile PROFILE -- CMD ...';
    throw new InputError('awsx exec needs a target', { hint });
  }
  const flags: ExecFlags = { ...exec.opts<ExecFlags>() };
  delete flags.profile;
  if (chosen.profile !== undefined) flags.profile = chosen.profile;
  return { target: chosen.target, command, flags };
}
