// awsx profile color NAME [COLOR]: the colour of an identity's consoles (Firefox container, Chromium
// profile theme) and picker row. With COLOR: writes awsx_color into the profile's config section
// (losslessly); --unset removes it; with neither: prints the colour and where it comes from.
import { InputError } from '../../config/errors.js';
import { COLOR_KEY, IDENTITY_COLORS, parseColor, stableColor } from '../../config/identity-color.js';
import { loadAwsFiles, stringValue } from '../../config/load-config.js';
import type { Env } from '../../config/paths.js';
import { setProfileKey } from '../../profiles/config-file.js';

export async function profileColorCommand(
  name: string,
  color: string | undefined,
  flags: { unset?: boolean },
  env: Env,
): Promise<number> {
  if (flags.unset && color !== undefined)
    throw new InputError('give a COLOR or --unset, not both', { hint: `awsx profile color ${name} --unset` });
  if (color === undefined && !flags.unset) {
    const values = loadAwsFiles(env).profiles.get(name)?.values;
    if (!values)
      throw new InputError(`profile "${name}" does not exist`, { profile: name, hint: 'awsx list shows the profiles' });
    const configured = stringValue(values, COLOR_KEY);
    const valid = parseColor(configured);
    process.stdout.write(
      valid
        ? `${valid} (${COLOR_KEY} in the config file)\n`
        : `${stableColor(name)} (from the name` +
            `${configured ? `; ${COLOR_KEY} "${configured}" is not a colour awsx knows` : ''})\n`,
    );
    return 0;
  }
  const value = color === undefined ? undefined : parseColor(color);
  if (color !== undefined && !value) {
    throw new InputError(`"${color}" is not one of ${IDENTITY_COLORS.join(', ')}`, {
      profile: name,
      hint: 'these are the colours Firefox containers take',
    });
  }
  const { path, changed } = await setProfileKey(env, name, COLOR_KEY, value);
  const what = value
    ? `set ${COLOR_KEY} = ${value} for profile ${name}`
    : `removed ${COLOR_KEY} from profile ${name} (its colour comes from its name: ${stableColor(name)})`;
  process.stderr.write(`awsx: ${changed ? what : `${name} was already so`} in ${path}\n`);
  return 0;
}
