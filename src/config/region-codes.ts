// Region short codes for `awsx console --region`: `ue1` or `use1` for us-east-1, `ew2` or `euw2` for
// eu-west-2, `apse1` for ap-southeast-1. Two schemes, both derived from the region's name:
//   long:  the area (us, eu, ap...) then each direction as n s e w c ne nw se sw, then the number (use1, apse2)
//   short: the first letter of each part, then the number (ue1, ew1, as2)
// A short code two regions share (as1: ap-south-1 and ap-southeast-1) is refused with both named.
import { InputError } from './errors.js';
import { PARTITIONS } from './regions.js';

/** Partitions with a console of their own (the isolated ones have none the codes could open). */
const CONSOLE_PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov'];

/**
 * The regions the codes resolve to: those the SDK lists (config/regions.ts, the one list of region names) in
 * the partitions with a console, without pseudo-regions. A full region name is always accepted.
 */
export const KNOWN_REGIONS: readonly string[] = PARTITIONS.filter((p) => CONSOLE_PARTITIONS.includes(p.id)).flatMap(
  (p) => p.regions.filter((r) => !r.endsWith('-global')),
);

const DIRECTIONS: Record<string, string> = {
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
  central: 'c',
  northeast: 'ne',
  northwest: 'nw',
  southeast: 'se',
  southwest: 'sw',
};

const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

export function longCode(region: string): string {
  const parts = region.split('-');
  const number = parts.pop()!;
  const [area, ...rest] = parts;
  return area + rest.map((p) => DIRECTIONS[p] ?? p[0]).join('') + number;
}

export function shortCode(region: string): string {
  const parts = region.split('-');
  const number = parts.pop()!;
  return parts.map((p) => p[0]).join('') + number;
}

/** A region name as given, or the region a short code stands for. */
export function expandRegion(input: string): string {
  const code = input.trim().toLowerCase();
  if (REGION.test(code)) return code;
  const long = KNOWN_REGIONS.filter((r) => longCode(r) === code);
  const matches = long.length > 0 ? long : KNOWN_REGIONS.filter((r) => shortCode(r) === code);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new InputError(`--region ${input} could mean ${matches.join(' or ')}`, {
      hint: `use the longer code (${matches.map(longCode).join(', ')}) or the region name`,
    });
  }
  throw new InputError(`--region "${input}" is neither a region nor a region short code`, {
    hint: 'use a region name (eu-west-1) or a short code such as ue1, use1, ew1, apse2',
  });
}
