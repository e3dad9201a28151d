// awsx sso populate: print (or --write into the config file) an [sso-session] and one profile per discovered
// account/role that has none yet.
import { loadAwsFiles } from '../../config/load-config.js';
import type { Env } from '../../config/paths.js';
import { checkPopulateOptions, populateConfig, renderPopulate } from '../../sso/populate.js';
import { selectSsoSettings } from '../../sso/select.js';
import { readSsoToken } from '../../sso/token-cache.js';
import { loadRoles } from '../load-roles.js';
import { selectorOf, type SsoSelectFlags } from '../sso-flags.js';

export interface SsoPopulateFlags extends SsoSelectFlags {
  region?: string;
  nameTemplate?: string;
  write?: boolean;
}

export async function ssoPopulateCommand(flags: SsoPopulateFlags, env: Env): Promise<number> {
  const options = {
    ...(flags.nameTemplate !== undefined ? { template: flags.nameTemplate } : {}),
    ...(flags.region !== undefined ? { region: flags.region } : {}),
  };
  checkPopulateOptions(options);
  const settings = selectSsoSettings(loadAwsFiles(env), env, selectorOf(flags));
  const { snapshot } = await loadRoles(settings, flags, env);
  const result = await populateConfig(env, settings, snapshot.roles, { ...options, write: flags.write === true });
  const present = result.present > 0 ? `, ${result.present} already present` : '';
  const session = result.session ? ` and [sso-session ${result.sessionName}]` : '';
  if (!flags.write) {
    process.stdout.write(renderPopulate(result));
    const what =
      result.profiles.length > 0 || result.session
        ? `${result.profiles.length} new profile${result.profiles.length === 1 ? '' : 's'}${session}`
        : 'nothing new';
    process.stderr.write(
      `awsx: ${what}${present}; ` +
        `--write appends ${result.profiles.length > 0 || result.session ? 'them' : 'nothing'} to ${result.path}\n`,
    );
    return 0;
  }
  process.stderr.write(
    `awsx: added ${result.profiles.length} profile${result.profiles.length === 1 ? '' : 's'}` +
      `${session}${present} (${result.path})\n`,
  );
  if (result.written && !readSsoToken({ sessionName: result.sessionName, startUrl: settings.startUrl }, env)) {
    process.stderr.write(`awsx: next: awsx sso login --sso-session ${result.sessionName}\n`);
  }
  return 0;
}
