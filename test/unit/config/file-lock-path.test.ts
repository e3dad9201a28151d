// The lock folder's parent is found with the platform's path rules (node:path), not by cutting at '/':
// on Windows the old cut gave "C:\Users\a\.aws\credentials.awsx-loc" (the last character dropped).
import { posix, win32 } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockParent } from '../../../src/config/file-lock.js';

describe('lockParent', () => {
  it('uses the platform path rules', () => {
    expect(lockParent('C:\\Users\\a\\.aws\\credentials.awsx-lock', win32)).toBe('C:\\Users\\a\\.aws');
    expect(lockParent('/home/a/.aws/credentials.awsx-lock', posix)).toBe('/home/a/.aws');
  });
});
