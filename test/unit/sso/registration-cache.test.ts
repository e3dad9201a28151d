// The registration-cache key must match the AWS CLI v2's byte for byte, and the token-cache key botocore's.
import { describe, expect, it } from 'vitest';
import { ssoTokenCacheKey } from '../../../src/config/sso-settings.js';
import {
  DEVICE_GRANT,
  PKCE_GRANTS,
  pythonJsonDumps,
  registrationCacheKey,
  registrationScopes,
  registrationUsable,
} from '../../../src/sso/registration-cache.js';

describe('registration cache key', () => {
  it('matches the reference example (sha1 of Python json.dumps with sort_keys)', () => {
    expect(
      pythonJsonDumps({
        tool: 'botocore',
        startUrl: 'https://my-org.awsapps.com/start',
        region: 'us-east-1',
        scopes: ['sso:account:access'],
        session_name: 'my-sso',
      }),
    ).toBe(
      '{"region": "us-east-1", "scopes": ["sso:account:access"], "session_name": "my-sso", "startUrl": "https://my-org.awsapps.com/start", "tool": "botocore"}',
    );
    expect(
      registrationCacheKey({
        startUrl: 'https://my-org.awsapps.com/start',
        region: 'us-east-1',
        scopes: ['sso:account:access'],
        sessionName: 'my-sso',
      }),
    ).toBe('19f1d250a5c239d09c992e412e777d484650b152');
  });

  it('writes null for a legacy registration (no scopes, no session)', () => {
    expect(pythonJsonDumps({ scopes: null, session_name: undefined, a: [] })).toBe(
      '{"a": [], "scopes": null, "session_name": null}',
    );
    const legacy = registrationCacheKey({ startUrl: 'https://my-org.awsapps.com/start', region: 'us-east-1' });
    expect(legacy).toMatch(/^[0-9a-f]{40}$/);
    expect(legacy).not.toBe(
      registrationCacheKey({ startUrl: 'https://my-org.awsapps.com/start', region: 'us-east-1', scopes: [] }),
    );
  });

  it('escapes like Python ensure_ascii (non-ASCII, DEL, astral characters as surrogate pairs)', () => {
    expect(pythonJsonDumps('é/\u007f"\\\n😀')).toBe('"\\u00e9/\\u007f\\"\\\\\\n\\ud83d\\ude00"');
  });

  it('registers sso-sessions with their scopes, else sso:account:access; legacy without scopes', () => {
    expect(registrationScopes({ sessionName: 's', startUrl: 'u', region: 'r', scopes: [] })).toEqual([
      'sso:account:access',
    ]);
    expect(registrationScopes({ sessionName: 's', startUrl: 'u', region: 'r', scopes: ['a', 'b'] })).toEqual([
      'a',
      'b',
    ]);
    expect(registrationScopes({ startUrl: 'u', region: 'r', scopes: [] })).toBeNull();
  });
});

describe('registration reuse', () => {
  const now = Date.parse('2025-03-01T12:00:00Z');
  const reg = (expiresAt: string, grantTypes?: string[]) => ({
    clientId: 'c',
    clientSecret: 's',
    expiresAt,
    ...(grantTypes ? { grantTypes } : {}),
  });

  it.each([
    ['16 min left, device registration, device flow', reg('2025-03-01T12:16:00Z'), 'device', true],
    ['14 min left', reg('2025-03-01T12:14:00Z'), 'device', false],
    ['expired', reg('2025-02-01T00:00:00Z'), 'device', false],
    ['unparseable date', reg('soon'), 'device', false],
    ['device registration for PKCE', reg('2025-06-01T00:00:00Z'), 'pkce', false],
    ['PKCE registration for PKCE', reg('2025-06-01T00:00:00Z', PKCE_GRANTS), 'pkce', true],
    ['PKCE registration for the device flow', reg('2025-06-01T00:00:00Z', PKCE_GRANTS), 'device', false],
    [
      'registration with the device grant listed',
      reg('2025-06-01T00:00:00Z', [DEVICE_GRANT, 'refresh_token']),
      'device',
      true,
    ],
  ] as const)('%s', (_, r, flow, usable) => {
    expect(registrationUsable(r, flow, now)).toBe(usable);
  });
});

describe('token cache key', () => {
  it('is sha1 of the session name, or of the legacy start URL exactly as configured', () => {
    expect(ssoTokenCacheKey({ sessionName: 'my-sso', startUrl: 'https://ignored' })).toBe(
      '0ad374308c5a4e22f723adf10145eafad7c4031c',
    );
    expect(ssoTokenCacheKey({ startUrl: 'https://my-org.awsapps.com/start' })).toBe(
      'acff06c7037450e5a3fddcacb0a34e921da42d68',
    );
  });
});
