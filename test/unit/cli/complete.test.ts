// The completion engine over the real command tree: what each position of a command line completes to.
import { describe, expect, it } from 'vitest';
import { complete, completionLines } from '../../../src/cli/complete.js';
import { buildProgram } from '../../../src/cli/program.js';

const sources = {
  profiles: () => ['default', 'prod', 'prod-admin'],
  ssoSessions: () => ['corp'],
  regions: () => ['eu-west-1', 'eu-west-2', 'us-east-1'],
  formats: ['env', 'env-no-export', 'json'],
  shells: ['bash', 'zsh', 'fish', 'powershell'],
  credentialSources: ['Environment'],
};

/** Completes the last word of LINE (a trailing space: an empty word). */
function at(line: string): string[] {
  const words = line.split(' ');
  const answer = complete(
    buildProgram({}, () => {}),
    words.length,
    words,
    sources,
  );
  return [...answer.candidates.map((c) => c.value), ...(answer.files ? [':files'] : [])];
}

describe('completion engine', () => {
  it('subcommands at the top (help included, hidden ones not), sso and profile subcommands', () => {
    expect(at('')).toEqual(expect.arrayContaining(['assume', 'exec', 'sso', 'profile', 'completion', 'help']));
    expect(at('')).not.toContain('__complete');
    expect(at('sso ')).toEqual(['login', 'logout', 'roles', 'populate']);
    expect(at('profile ')).toContain('add');
    expect(at('help e')).toEqual(['exec']);
  });

  it("a command's flags, short ones included among the ones that take values", () => {
    expect(at('assume --for')).toEqual(['--format', '--force']);
    expect(at('exec --e')).toEqual(['--external-id', '--ecs-server']);
    expect(at('assume -f ')).toEqual(['env', 'env-no-export', 'json']);
    expect(at('assume -p ')).toEqual(['default', 'prod', 'prod-admin']);
    expect(at('use -r eu')).toEqual(['eu-west-1', 'eu-west-2']);
    expect(at('sso login --sso-session ')).toEqual(['corp']);
    expect(at('profile add x --source-profile prod-')).toEqual(['prod-admin']);
  });

  it('a flag value already attached (--format=env, -fenv) is not waited for', () => {
    expect(at('assume --format=env pro')).toEqual(['prod', 'prod-admin']);
    expect(at('assume -fenv pro')).toEqual(['prod', 'prod-admin']);
  });

  it('targets are profiles; a command takes no more words than it declares', () => {
    expect(at('whoami pro')).toEqual(['prod', 'prod-admin']);
    expect(at('assume prod ')).toEqual([]);
    expect(at('shell-init ')).toEqual(['bash', 'zsh', 'fish', 'powershell']);
  });

  it("exec: awsx's flags before TARGET and right after it; CMD's words are the shell's (files)", () => {
    expect(at('exec --region eu-west-1 pr')).toEqual(['prod', 'prod-admin']);
    expect(at('exec prod ')).toEqual([':files']);
    expect(at('exec prod --reg')).toEqual(['--region']);
    expect(at('exec prod --region ')).toEqual(['eu-west-1', 'eu-west-2', 'us-east-1']);
    expect(at('exec prod -- ')).toEqual([':files']);
    expect(at('exec prod aws --reg')).toEqual([':files']);
  });

  it('answers one line per candidate, value TAB description, and :files last', () => {
    const program = buildProgram({}, () => {});
    expect(completionLines(complete(program, 2, ['completion', 'b'], sources))).toBe('bash\n');
    expect(completionLines(complete(program, 1, ['lis'], sources))).toMatch(/^list\tlist every profile/);
    expect(completionLines({ candidates: [], files: true })).toBe(':files\n');
  });
});
