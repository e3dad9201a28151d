// A colour per identity, so two consoles (and two picker rows) of different accounts never look alike:
// `awsx_color = red` in the profile's config section, else one picked from the identity's name (stable:
// the same name always gets the same colour). The palette is Firefox's container colours, so the same name
// means the same colour in a Firefox container, a Chromium profile's theme and the picker.
import { createHash } from 'node:crypto';
import { InputError } from './errors.js';

export const COLOR_KEY = 'awsx_color';

export const IDENTITY_COLORS = ['blue', 'turquoise', 'green', 'yellow', 'orange', 'red', 'pink', 'purple'] as const;
export type IdentityColor = (typeof IDENTITY_COLORS)[number];

/** Firefox's container colours (the toolbar line of a container tab), as #rrggbb. */
export const COLOR_HEX: Record<IdentityColor, string> = {
  blue: '#37adff',
  turquoise: '#00c79a',
  green: '#51cd00',
  yellow: '#ffcb00',
  orange: '#ff9f00',
  red: '#ff613d',
  pink: '#ff4bda',
  purple: '#af51f5',
};

export function parseColor(value: string | undefined): IdentityColor | undefined {
  const v = value?.trim().toLowerCase();
  return (IDENTITY_COLORS as readonly string[]).includes(v ?? '') ? (v as IdentityColor) : undefined;
}

/** The colour a name gets when its profile names none: the first byte of its sha256, modulo the palette. */
export function stableColor(name: string): IdentityColor {
  return IDENTITY_COLORS[createHash('sha256').update(name, 'utf8').digest()[0]! % IDENTITY_COLORS.length]!;
}

/** The identity's colour; a configured value that is not in the palette is an error naming the fix. */
export function identityColor(name: string, configured: string | undefined, profile?: string): IdentityColor {
  if (configured === undefined || configured.trim() === '') return stableColor(name);
  const color = parseColor(configured);
  if (color) return color;
  throw new InputError(
    `${profile ? `profile "${profile}": ` : ''}${COLOR_KEY} "${configured}" ` +
      `is not one of ${IDENTITY_COLORS.join(', ')}`,
    {
      ...(profile ? { profile } : {}),
      hint: `fix it with: awsx profile color ${profile ?? 'NAME'} ${stableColor(name)}`,
    },
  );
}

/** The same, never failing (the picker's row): a bad value falls back to the name's colour. */
export function rowColor(name: string, configured: string | undefined): IdentityColor {
  return parseColor(configured) ?? stableColor(name);
}

/** Chromium's theme colour pref (an SkColor: ARGB, opaque, as a signed 32-bit integer). */
export function skColor(color: IdentityColor): number {
  return 0xff000000 | Number.parseInt(COLOR_HEX[color].slice(1), 16) | 0;
}
