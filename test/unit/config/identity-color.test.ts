// Identity colours (the palette of Firefox containers, stable from the name when the profile names none)
// and region short codes for `awsx console --region`.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/config/errors.js';
import {
  identityColor,
  IDENTITY_COLORS,
  parseColor,
  rowColor,
  skColor,
  stableColor,
} from '../../../src/config/identity-color.js';
import { expandRegion, KNOWN_REGIONS, longCode, shortCode } from '../../../src/config/region-codes.js';

describe('identity colours', () => {
  it('a name always gets the same colour, and names spread over the palette', () => {
    expect(stableColor('prod')).toBe(stableColor('prod'));
    const seen = new Set(Array.from({ length: 200 }, (_, i) => stableColor(`profile-${i}`)));
    expect(seen).toEqual(new Set(IDENTITY_COLORS));
  });

  it('the configured colour wins (any case, blanks trimmed); a colour outside the palette is bad input with the fix', () => {
    expect(identityColor('prod', ' Red ')).toBe('red');
    expect(identityColor('prod', undefined)).toBe(stableColor('prod'));
    expect(identityColor('prod', '')).toBe(stableColor('prod'));
    expect(() => identityColor('prod', 'mauve', 'prod')).toThrow(InputError);
    expect(() => identityColor('prod', 'mauve', 'prod')).toThrow(
      /profile "prod": awsx_color "mauve" is not one of blue, turquoise, green, yellow, orange, red, pink, purple/,
    );
    expect(rowColor('prod', 'mauve')).toBe(stableColor('prod'));
    expect(parseColor('toolbar')).toBeUndefined();
  });

  it("Chromium's theme pref is the opaque ARGB colour as a signed 32-bit integer", () => {
    expect(skColor('red')).toBe(-40643); // 0xFFFF613D
    expect(skColor('blue')).toBe(0xff37adff | 0);
    for (const c of IDENTITY_COLORS) expect(skColor(c) >>> 24).toBe(0xff);
  });
});

describe('region short codes', () => {
  it('expands the short and the long forms; a region name passes as it is', () => {
    expect(expandRegion('ue1')).toBe('us-east-1');
    expect(expandRegion('use1')).toBe('us-east-1');
    expect(expandRegion('UW2')).toBe('us-west-2');
    expect(expandRegion('ew1')).toBe('eu-west-1');
    expect(expandRegion('euw2')).toBe('eu-west-2');
    expect(expandRegion('ec1')).toBe('eu-central-1');
    expect(expandRegion('apse2')).toBe('ap-southeast-2');
    expect(expandRegion('aps1')).toBe('ap-south-1');
    expect(expandRegion('apne1')).toBe('ap-northeast-1');
    expect(expandRegion('cac1')).toBe('ca-central-1');
    expect(expandRegion('cnnw1')).toBe('cn-northwest-1');
    expect(expandRegion('usgw1')).toBe('us-gov-west-1');
    expect(expandRegion('eu-west-3')).toBe('eu-west-3');
    expect(expandRegion('xx-new-9')).toBe('xx-new-9');
  });

  it('a short code two regions share names both; nonsense names the forms', () => {
    expect(() => expandRegion('as1')).toThrow(/^--region as1 could mean af-south-1 or ap-south-1 or ap-southeast-1$/);
    expect(() => expandRegion('moon')).toThrow(/--region "moon" is neither a region nor a region short code/);
  });

  it('every known region has a long code no other region has', () => {
    const codes = KNOWN_REGIONS.map(longCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const r of KNOWN_REGIONS) expect(expandRegion(longCode(r))).toBe(r);
    // Short codes are unique except where the first letters collide; those are refused, never guessed.
    for (const r of KNOWN_REGIONS) {
      const shared = KNOWN_REGIONS.filter((o) => shortCode(o) === shortCode(r));
      if (shared.length === 1 && !KNOWN_REGIONS.some((o) => longCode(o) === shortCode(r)))
        expect(expandRegion(shortCode(r))).toBe(r);
    }
  });
});
