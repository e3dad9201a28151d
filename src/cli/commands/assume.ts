// awsx assume TARGET: print (or save) the credentials of an identity.
import { writeSecretFile } from '../../config/atomic-write.js';
import { InputError } from '../../config/errors.js';
import { createServices } from '../../services/context.js';
import { writeCredentialsProfile } from '../../services/credentials-file.js';
import { FORMATS, formatRemaining, render, renderShell, type Format } from '../../services/export-format.js';
import { resolveTarget, type TargetFlags } from '../target-options.js';
import type { Env } from '../../config/paths.js';

export interface AssumeFlags extends TargetFlags {
  format?: string;
  saveToFile?: string;
  writeProfile?: string;
  force?: boolean;
}

export function checkFormat(format: string | undefined, fallback: Format): Format {
  if (format === undefined) return fallback;
  if (!(FORMATS as readonly string[]).includes(format)) throw new InputError(`unknown format "${format}"`, { hint: `use one of ${FORMATS.join(', ')}` });
  return format as Format;
}

export async function assumeCommand(target: string, flags: AssumeFlags, env: Env): Promise<number> {
  const format = checkFormat(flags.format, process.stdout.isTTY ? 'text' : 'export');
  const services = createServices(env);
  const session = await resolveTarget(services, target, flags);
  const expires = session.credentials.expiration ? `, expires in ${formatRemaining(session.credentials.expiration.getTime() - Date.now())}` : '';
  let wrote = false;
  if (flags.saveToFile) {
    await writeSecretFile(flags.saveToFile, renderShell(session, 'env'));
    process.stderr.write(`awsx: wrote ${session.label} credentials to ${flags.saveToFile} (0600${expires})\n`);
    wrote = true;
  }
  if (flags.writeProfile) {
    const result = await writeCredentialsProfile(env, flags.writeProfile, session.credentials, { force: flags.force, region: session.region });
    process.stderr.write(`awsx: ${result.replaced ? 'updated' : 'added'} [${flags.writeProfile}] in ${result.path}${expires}; use AWS_PROFILE=${flags.writeProfile}\n`);
    wrote = true;
  }
  if (!wrote || flags.format !== undefined) process.stdout.write(render(session, format));
  return 0;
}
