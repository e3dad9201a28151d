// awsx assume TARGET: print (or save) the credentials of an identity. -c/-s open the console instead (granted's
// assume -c/-s); --unset prints the lines that remove the variables again.
import { writeSecretFile } from '../../config/atomic-write.js';
import { systemClock } from '../../config/clock.js';
import { InputError } from '../../config/errors.js';
import { createServices } from '../../credentials/context.js';
import { writeCredentialsProfile } from '../../profiles/credentials-file.js';
import {
  FORMATS,
  FORMAT_ALIASES,
  formatNamed,
  formatRemaining,
  render,
  renderShell,
} from '../../credentials/export-format.js';
import type { Format } from '../../credentials/export-format.js';
import { renderUnset } from '../../shell/prompt-variables.js';
import { formatFor, userShell } from '../../shell/user-shell.js';
import { resolveTarget } from '../target-options.js';
import { consoleShortcut, type ConsoleShortcutFlags } from '../console-shortcut.js';
import type { Env } from '../../config/paths.js';

export interface AssumeFlags extends ConsoleShortcutFlags {
  format?: string;
  saveToFile?: string;
  writeProfile?: string;
  force?: boolean;
  unset?: boolean;
}

export function checkFormat(format: string | undefined, fallback: Format): Format {
  if (format === undefined) return fallback;
  const named = formatNamed(format);
  if (!named) {
    const aliases = Object.entries(FORMAT_ALIASES).map(([alias, of]) => `${alias} for ${of}`);
    const hint = `use one of ${FORMATS.join(', ')} (or ${aliases.join(', ')})`;
    throw new InputError(`unknown format "${format}"`, { hint });
  }
  return named;
}

function unsetCommand(target: string | undefined, flags: AssumeFlags, env: Env): number {
  if (target !== undefined) {
    throw new InputError('awsx assume --unset takes no target', { hint: 'run eval "$(awsx assume --unset)" alone' });
  }
  const format = checkFormat(flags.format, formatFor(userShell(env)));
  const lines = format === 'text' || format === 'json' || format === 'process' ? undefined : renderUnset(format);
  if (lines === undefined) {
    const hint = 'use --format env, fish, powershell or windows-cmd';
    throw new InputError(`--unset prints shell lines: format "${format}" cannot remove variables`, { hint });
  }
  process.stdout.write(lines);
  return 0;
}

export async function assumeCommand(target: string | undefined, flags: AssumeFlags, env: Env): Promise<number> {
  if (flags.unset) return unsetCommand(target, flags, env);
  if (target === undefined) {
    const hint = 'awsx assume PROFILE (or a role ARN, or sso:ACCOUNT_ID/ROLE_NAME); awsx list shows the profiles';
    throw new InputError('awsx assume needs a target', { hint });
  }
  const opened = await consoleShortcut(target, flags, env);
  if (opened !== undefined) return opened;
  const format = checkFormat(flags.format, process.stdout.isTTY ? 'text' : 'env');
  const services = createServices(env, systemClock);
  const session = await resolveTarget(services, target, flags);
  const expires = session.credentials.expiration
    ? `, expires in ${formatRemaining(session.credentials.expiration.getTime() - services.clock.now())}`
    : '';
  let wrote = false;
  if (flags.saveToFile) {
    writeSecretFile(flags.saveToFile, renderShell(session, 'env-no-export'));
    process.stderr.write(`awsx: wrote ${session.label} credentials to ${flags.saveToFile} (0600${expires})\n`);
    wrote = true;
  }
  if (flags.writeProfile) {
    const result = await writeCredentialsProfile(env, flags.writeProfile, session.credentials, {
      force: flags.force,
      region: session.region,
    });
    process.stderr.write(
      `awsx: ${result.replaced ? 'updated' : 'added'} [${flags.writeProfile}] in ${result.path}${expires}; ` +
        `use AWS_PROFILE=${flags.writeProfile}\n`,
    );
    wrote = true;
  }
  if (!wrote || flags.format !== undefined) process.stdout.write(render(session, format, services.clock.now()));
  return 0;
}
