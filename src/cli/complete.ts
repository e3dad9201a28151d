// The completion engine behind every shell's script (`awsx completion SHELL`): the scripts pass the words
// typed so far to the hidden `awsx __complete INDEX WORD...` and print what it answers, so bash, zsh, fish and
// PowerShell complete the same things from one place: subcommands (sso, profile), flags, and the values of
// flags and arguments (profiles, formats, sso-sessions, regions, shells), read from commander's own tree.
import type { Command, Option } from 'commander';

/** One answer line: the value, then a tab and a description when there is one. */
export interface Candidate {
  value: string;
  description?: string;
}

/** What the shell does: offer the candidates, or (files) its own file completion. */
export interface Completion {
  candidates: Candidate[];
  files?: boolean;
}

export interface ValueSources {
  profiles: () => string[];
  ssoSessions: () => string[];
  regions: () => string[];
  formats: readonly string[];
  shells: readonly string[];
  credentialSources: readonly string[];
}

type ValueKind =
  'profile' | 'sso-session' | 'region' | 'format' | 'shell' | 'credential-source' | 'command' | 'file' | 'none';

/** What an option's value is, by its long name. */
const OPTION_VALUES: Record<string, ValueKind> = {
  '--profile': 'profile',
  '--source-profile': 'profile',
  '--sso-session': 'sso-session',
  '--region': 'region',
  '--sso-region': 'region',
  '--format': 'format',
  '--credential-source': 'credential-source',
  '--save-to-file': 'file',
};

/** Subcommands shown in help (commander keeps `hidden` in a field of its own). */
const visible = (cmd: Command): Command[] =>
  cmd.commands.filter((c) => !(c as unknown as { _hidden?: boolean })._hidden);
const takesValue = (o: Option): boolean => o.required || o.optional;

function findOption(cmd: Command, word: string): Option | undefined {
  const flag = word.startsWith('--') ? word.split('=')[0]! : word.slice(0, 2);
  return cmd.options.find((o) => o.long === flag || o.short === flag);
}

interface Walk {
  cmd: Command;
  /** Positional words given to cmd so far. */
  positionals: number;
  /** The option whose value is being typed. */
  pending?: Option;
  /** After `help`: command names. */
  help?: boolean;
  /** exec's CMD has begun (a word after TARGET that is not a flag, or `--`): its words are the shell's. */
  passThrough?: boolean;
}

function walk(program: Command, words: string[]): Walk {
  const state: Walk = { cmd: program, positionals: 0 };
  const exec = (): boolean => state.cmd.name() === 'exec' && state.cmd.parent === program;
  for (const word of words) {
    if (state.passThrough) break;
    if (state.pending) {
      state.pending = undefined;
      continue;
    }
    if (word === '--') {
      if (exec()) state.passThrough = true;
      continue;
    }
    if (word.startsWith('-') && word.length > 1) {
      const option = findOption(state.cmd, word);
      const attached = word.includes('=') || (!word.startsWith('--') && word.length > 2);
      if (option && takesValue(option) && !attached) state.pending = option;
      continue;
    }
    const named = (c: Command): boolean => c.name() === word || c.aliases().includes(word);
    const sub = state.positionals === 0 ? state.cmd.commands.find(named) : undefined;
    if (sub) {
      Object.assign(state, { cmd: sub, positionals: 0 });
      continue;
    }
    if (state.cmd === program && state.positionals === 0 && word === 'help') state.help = true;
    if (exec() && state.positionals >= 1) state.passThrough = true;
    state.positionals++;
  }
  return state;
}

function values(kind: ValueKind, sources: ValueSources, program: Command): Completion {
  const list = (items: readonly string[]): Completion => ({ candidates: items.map((value) => ({ value })) });
  switch (kind) {
    case 'profile':
      return list(sources.profiles());
    case 'sso-session':
      return list(sources.ssoSessions());
    case 'region':
      return list(sources.regions());
    case 'format':
      return list(sources.formats);
    case 'shell':
      return list(sources.shells);
    case 'credential-source':
      return list(sources.credentialSources);
    case 'command':
      return { candidates: visible(program).map((c) => ({ value: c.name(), description: c.description() })) };
    case 'file':
      return { candidates: [], files: true };
    case 'none':
      return { candidates: [] };
  }
}

/** The kind of the next positional argument of CMD. */
function argumentKind(cmd: Command, index: number): ValueKind {
  const args = cmd.registeredArguments;
  const arg = args[index] ?? (args[args.length - 1]?.variadic ? args[args.length - 1] : undefined);
  if (!arg) return 'none';
  if (arg.name() === 'target') return 'profile';
  if (arg.name() === 'shell') return 'shell';
  return 'none';
}

/** Completes WORDS[INDEX - 1] (1-based; a word past the end is empty) of `awsx WORDS...`. */
export function complete(program: Command, index: number, words: string[], sources: ValueSources): Completion {
  const typed = words.slice(0, Math.max(0, index - 1));
  const current = words[index - 1] ?? '';
  const state = walk(program, typed);
  let answer: Completion;
  const cmdWord = state.cmd.name() === 'exec' && state.positionals >= 1;
  if (state.passThrough) answer = { candidates: [], files: true };
  else if (state.pending) answer = values(OPTION_VALUES[state.pending.long ?? ''] ?? 'none', sources, program);
  else if (current.startsWith('-')) {
    const options = state.cmd.options.filter((o) => !o.hidden && o.long);
    const flags = options.map((o) => ({ value: o.long!, description: o.description }));
    answer = { candidates: [...flags, { value: '--help', description: "show this command's help" }] };
  } else if (cmdWord) answer = { candidates: [], files: true };
  else if (state.help && state.positionals === 1) answer = values('command', sources, program);
  else if (state.positionals === 0 && visible(state.cmd).length > 0) {
    const subs = visible(state.cmd).map((c) => ({ value: c.name(), description: c.description() }));
    const help = { value: 'help', description: 'show the help of a command' };
    answer = { candidates: state.cmd === program ? [...subs, help] : subs };
  } else answer = values(argumentKind(state.cmd, state.positionals), sources, program);
  return { ...answer, candidates: answer.candidates.filter((c) => c.value.startsWith(current)) };
}

/** The answer as the scripts read it: one candidate a line (value TAB description), `:files` to ask for files. */
export function completionLines(answer: Completion): string {
  const lines = answer.candidates.map((c) => (c.description ? `${c.value}\t${c.description.split('\n')[0]}` : c.value));
  if (answer.files) lines.push(':files');
  return lines.map((l) => `${l}\n`).join('');
}
