// awsx use TARGET: give the CURRENT shell the identity (through the shell function of `awsx shell-init`);
// awsx use --unset: remove it. Without the shell function, print the lines to eval and say how to set it up.
import { InputError } from '../../config/errors.js';
import type { Env } from '../../config/paths.js';
import { createServices } from '../../services/context.js';
import type { Session } from '../../services/credential-engine.js';
import { formatRemaining } from '../../services/export-format.js';
import { recordRecent } from '../../services/recents.js';
import { handoffPath, handoffScript, unsetScript, userShell, writeHandoff } from '../../services/shell-handoff.js';
import { resolveTarget, type TargetFlags } from '../target-options.js';

export interface UseFlags extends TargetFlags {
  unset?: boolean;
}

function setupHint(env: Env): string {
  const shell = userShell(env);
  const rc = shell === 'fish' ? '~/.config/fish/config.fish' : shell === 'powershell' ? '$PROFILE' : shell === 'zsh' ? '~/.zshrc' : '~/.bashrc';
  const line = shell === 'fish' ? 'awsx shell-init fish | source' : shell === 'powershell' ? 'awsx shell-init powershell | Out-String | Invoke-Expression' : `eval "$(awsx shell-init ${shell})"`;
  return `awsx: this shell has no awsx integration, so nothing was set; eval the lines above, or add ${line} to ${rc} to make awsx set them itself\n`;
}

async function deliver(env: Env, script: string, done: string): Promise<number> {
  const path = handoffPath(env);
  if (path) {
    await writeHandoff(path, script);
    process.stderr.write(`awsx: ${done}\n`);
    return 0;
  }
  process.stdout.write(script);
  process.stderr.write(setupHint(env));
  return 0;
}

/** Gives the calling shell the session: through the hand-off file, else as lines on stdout. */
export function handOff(env: Env, session: Session, now = Date.now()): Promise<number> {
  const exp = session.credentials.expiration;
  const facts = [session.accountId && `account ${session.accountId}`, session.region, exp && `expires in ${formatRemaining(exp.getTime() - now)}`].filter(Boolean).join(', ');
  return deliver(env, handoffScript(session, userShell(env)), `${session.label} is now active in this shell${facts ? ` (${facts})` : ''}`);
}

export async function useCommand(target: string | undefined, flags: UseFlags, env: Env): Promise<number> {
  if (flags.unset) {
    if (target) throw new InputError('awsx use --unset takes no target', { hint: 'run awsx use --unset alone' });
    return deliver(env, unsetScript(userShell(env)), 'removed the AWS identity from this shell');
  }
  if (!target) throw new InputError('awsx use needs a target', { hint: 'awsx use PROFILE (or a role ARN, or sso:ACCOUNT/ROLE); awsx use --unset clears' });
  const session = await resolveTarget(createServices(env), target, flags);
  await recordRecent(env, target);
  return handOff(env, session);
}
