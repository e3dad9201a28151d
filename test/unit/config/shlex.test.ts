import { describe, expect, it } from 'vitest';
import { shlexSplit } from '../../../src/config/shlex.js';

describe('shlexSplit (as Python shlex.split)', () => {
  it.each([
    ['profile dev', ['profile', 'dev']],
    ['profile   dev', ['profile', 'dev']],
    ['profile "my dev"', ['profile', 'my dev']],
    ["profile 'a b'", ['profile', 'a b']],
    ['profile a\\ b', ['profile', 'a b']],
    ['profile "a\\"b"', ['profile', 'a"b']],
    ['profile "a\\x"', ['profile', 'a\\x']],
    ['profile a#b', ['profile', 'a#b']],
  ])('%s', (input, expected) => {
    expect(shlexSplit(input)).toEqual(expected);
  });

  it('fails where Python raises', () => {
    expect(shlexSplit('profile "open')).toBeUndefined();
    expect(shlexSplit('profile a\\')).toBeUndefined();
  });
});
