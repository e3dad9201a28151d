// awsx use TARGET: give the CURRENT shell the identity (through the shell function of `awsx shell-init`);
// awsx use TARGET --refreshable: point it at a profile awsx manages, whose credential_process keeps it
// supplied; awsx use --unset: remove it; awsx use --prune: remove the managed profiles. Without the shell
// function, print the lines to eval and say how to set it up.
import { systemClock } from '../../config/clock.js';
import { resolve } from 'node:path';
import { InputError } from '../../config/errors.js';
import type { Env } from '../../config/paths.js';
import { createServices } from '../../credentials/context.js';
import { PROCESS_MIN_REMAINING_MS } from '../../credentials/export-format.js';
import { parseTarget } from '../../credentials/plan.js';
import { recordRecent } from '../../picker/recents.js';
import {
  isManagedProfile,
  managedProfileName,
  processArgs,
  processCommandLine,
  pruneManagedProfiles,
  writeManagedProfile,
} from '../../server/refreshable-profile.js';
import { refreshableScript, unsetScript } from '../../shell/handoff.js';
import { userShell } from '../../shell/user-shell.js';
import { deliver, facts, handOff } from '../deliver-to-shell.js';
import { resolveTarget } from '../target-options.js';
import { consoleShortcut, type ConsoleShortcutFlags } from '../console-shortcut.js';

export interface UseFlags extends ConsoleShortcutFlags {
  unset?: boolean;
  refreshable?: boolean;
  prune?: boolean;
}

/** How a managed profile runs awsx: this node and this awsx, by absolute path (no PATH lookup). */
export function selfCommand(): string[] {
  return [process.execPath, resolve(process.argv[1] ?? 'awsx')];
}

/** AWS_PROFILE, when it names a profile `use --refreshable` wrote (so --unset and --prune clear it too). */
function managedProfileInUse(env: Env): string[] {
  const name = env.AWS_PROFILE;
  return name && isManagedProfile(env, name) ? ['AWS_PROFILE'] : [];
}

/**
 * The flags the managed profile needs to name the same identity wherever an SDK runs it. A role ARN's source
 * comes from AWS_PROFILE or AWS_DEFAULT_PROFILE when --profile is not given, and the hand-off replaces
 * AWS_PROFILE (with the managed profile itself: awsx would call itself for ever), so the source is pinned.
 */
function pinnedFlags(target: string, flags: UseFlags, env: Env): UseFlags {
  if (parseTarget(target).kind !== 'role-arn' || flags.profile !== undefined) return flags;
  if (env.AWS_PROFILE) return { ...flags, profile: env.AWS_PROFILE };
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    throw new InputError(
      `cannot make ${target} refreshable from the keys in the environment: the profile could not reach them`,
      { hint: 'pass --profile P naming the profile to assume it from' },
    );
  }
  return { ...flags, profile: env.AWS_DEFAULT_PROFILE || 'default' };
}

async function useRefreshable(target: string, given: UseFlags, env: Env): Promise<number> {
  const flags = pinnedFlags(target, given, env);
  // Resolve now: MFA is asked here, errors show here, and the cache then serves the first credential_process run.
  const services = createServices(env, systemClock);
  const session = await resolveTarget(services, target, flags, { minRemainingMs: PROCESS_MIN_REMAINING_MS });
  const args = processArgs(target, flags);
  const name = managedProfileName(target, args.slice(2));
  const written = await writeManagedProfile(env, name, processCommandLine([...selfCommand(), ...args]), session.region);
  recordRecent(env, target, services.clock.now());
  process.stderr.write(`awsx: profile ${name} in ${written.path}: ${written.outcome}\n`);
  const life = session.credentials.expiration
    ? session.credentials.expiration.getTime() - services.clock.now()
    : undefined;
  if (life !== undefined && life < PROCESS_MIN_REMAINING_MS) {
    process.stderr.write(
      `awsx: note: ${session.label}'s sessions last ${Math.ceil(life / 60_000)} min, ` +
        `less than the ${PROCESS_MIN_REMAINING_MS / 60_000} min credential-process wants left, ` +
        'so every credential request starts a new session (use --duration 1h or longer)\n',
    );
  }
  const done =
    `${session.label} is now active in this shell through AWS_PROFILE=${name}, which awsx keeps supplied` +
    facts(session, services.clock.now());
  return deliver(env, refreshableScript(userShell(env), name, session.label, session.region, env), done);
}

export async function useCommand(target: string | undefined, flags: UseFlags, env: Env): Promise<number> {
  const modes = [flags.unset && '--unset', flags.prune && '--prune', flags.refreshable && '--refreshable'].filter(
    Boolean,
  );
  if (modes.length > 1)
    throw new InputError(`awsx use takes one of ${modes.join(', ')}`, { hint: 'run them one after the other' });
  if (flags.unset) {
    if (target) throw new InputError('awsx use --unset takes no target', { hint: 'run awsx use --unset alone' });
    return deliver(
      env,
      unsetScript(userShell(env), managedProfileInUse(env)),
      'removed the AWS identity from this shell',
    );
  }
  if (flags.prune) {
    if (target)
      throw new InputError('awsx use --prune takes no target', {
        hint: 'run awsx use --prune alone; it removes every profile awsx use --refreshable wrote',
      });
    const inUse = managedProfileInUse(env);
    const { path, removed } = await pruneManagedProfiles(env);
    const summary =
      removed.length === 0
        ? `no managed profiles in ${path}`
        : `removed ${removed.length} managed profile${removed.length === 1 ? '' : 's'} ` +
          `from ${path}: ${removed.join(', ')}`;
    if (inUse.length === 0 || !removed.includes(env.AWS_PROFILE ?? '')) {
      process.stderr.write(`awsx: ${summary}\n`);
      return 0;
    }
    return deliver(env, unsetScript(userShell(env), inUse), `${summary}; removed the AWS identity from this shell`);
  }
  if (!target)
    throw new InputError('awsx use needs a target', {
      hint: 'awsx use PROFILE (or a role ARN, or sso:ACCOUNT/ROLE); awsx use --unset clears',
    });
  const opened = await consoleShortcut(target, flags, env);
  if (opened !== undefined) return opened;
  if (flags.refreshable) return useRefreshable(target, flags, env);
  const services = createServices(env, systemClock);
  const session = await resolveTarget(services, target, flags);
  recordRecent(env, target, services.clock.now());
  return handOff(env, session, services.clock.now());
}
