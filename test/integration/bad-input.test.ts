// Every bad input is answered with one line on stderr naming the profile, the cause and the fix; exit 2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWSX, makeSandbox, type Sandbox } from '../helpers/sandbox.js';

const CONFIG = `[profile base]
region = us-east-1

[profile good]
role_arn = arn:aws:iam::111111111111:role/Good
source_profile = base

[profile cyc1]
role_arn = arn:aws:iam::111111111111:role/C1
source_profile = cyc2

[profile cyc2]
role_arn = arn:aws:iam::111111111111:role/C2
source_profile = cyc1

[profile orphan]
role_arn = arn:aws:iam::111111111111:role/Orphan
source_profile = missing

[profile badarn]
role_arn = arn:aws:iam::1111:role/Bad
source_profile = base

[profile baddur]
role_arn = arn:aws:iam::111111111111:role/D
source_profile = base
duration_seconds = 99999

[profile both]
role_arn = arn:aws:iam::111111111111:role/B
source_profile = base
credential_source = Environment
`;

describe('bad input', () => {
  let sb: Sandbox;
  beforeAll(() => {
    // No STS endpoint is reachable: every case must fail before any call.
    sb = makeSandbox(
      { config: CONFIG, credentials: '[base]\naws_access_key_id = AKIAIOSFODNN7BASE001\naws_secret_access_key = s\n' },
      { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' },
    );
  });
  afterAll(() => sb.cleanup());

  it.each([
    ['unknown profile', ['assume', 'nope'], /unknown profile "nope" \(awsx list shows every profile/],
    ['cycle', ['assume', 'cyc1'], /profile "cyc1": source_profile chain loops: cyc1 -> cyc2 -> cyc1/],
    ['missing source', ['assume', 'orphan'], /profile "orphan": source_profile "missing" does not exist/],
    [
      'malformed role_arn',
      ['assume', 'badarn'],
      /profile "badarn": role_arn "arn:aws:iam::1111:role\/Bad" is not a valid IAM role ARN \(use arn:aws:iam::/,
    ],
    [
      'duration_seconds out of range',
      ['assume', 'baddur'],
      /profile "baddur": duration_seconds "99999" is not a whole number of seconds in 900-43200/,
    ],
    [
      'source_profile and credential_source',
      ['assume', 'both'],
      /profile "both" has both source_profile and credential_source/,
    ],
    ['malformed ARN target', ['assume', 'arn:aws:iam::role/x'], /"arn:aws:iam::role\/x" is not a valid IAM role ARN/],
    ['malformed --then', ['assume', 'good', '--then', 'arn:nope'], /--then "arn:nope" is not a valid IAM role ARN/],
    ['malformed sso target', ['assume', 'sso:123/Admin'], /is not sso:ACCOUNT_ID\/ROLE_NAME/],
    ['duration below range', ['assume', 'good', '--duration', '899'], /duration 899 is outside 900-43200 seconds/],
    ['duration above range', ['assume', 'good', '--duration', '43201'], /duration 43201 is outside 900-43200 seconds/],
    [
      'MFA code not 6 digits',
      ['assume', 'good', '--mfa-code', '12ab56'],
      /MFA code from --mfa-code must be exactly 6 digits/,
    ],
    [
      'bad session name',
      ['assume', 'good', '--session-name', 'has space'],
      /session name "has space" must be 2-64 characters/,
    ],
    ['bad external id', ['assume', 'good', '--external-id', 'x'], /external id must be 2-1224 characters/],
    ['unknown flag', ['assume', 'good', '--frobnicate'], /unknown option '--frobnicate'/],
    ['unknown command', ['frobnicate'], /unknown command "frobnicate"/],
    ['missing target', ['assume'], /awsx assume needs a target/],
    ['unknown format', ['assume', 'good', '--format', 'xml'], /unknown format "xml"/],
    [
      'exec of a broken profile',
      ['exec', 'cyc2', '--', 'true'],
      /profile "cyc2": source_profile chain loops: cyc2 -> cyc1 -> cyc2/,
    ],
    ['credential-process of an unknown profile', ['credential-process', 'nope'], /unknown profile "nope"/],
    ['picker without a terminal', [], /the picker needs a terminal/],
  ])('%s: exit 2, one line, no stack', async (_name, args, pattern) => {
    const r = await sb.awsx(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^awsx: /);
    expect(lines[0]).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('one broken profile never hides the others: list shows every profile, errors inline', async () => {
    const r = await sb.awsx(['list', '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<{
      name: string;
      kind: string;
      error: string | null;
      chain: string[];
      account: string | null;
    }>;
    expect(rows.map((p) => p.name).sort()).toEqual([
      'badarn',
      'baddur',
      'base',
      'both',
      'cyc1',
      'cyc2',
      'good',
      'orphan',
    ]);
    const by = Object.fromEntries(rows.map((p) => [p.name, p]));
    expect(by.good).toMatchObject({ kind: 'role', error: null, chain: ['base', 'good'], account: '111111111111' });
    expect(by.cyc1!.error).toMatch(/loops/);
    expect(by.orphan!.error).toMatch(/does not exist/);
    const text = await sb.awsx(['list']);
    expect(text.stdout).toMatch(/^good +role +111111111111 +Good .*base -> good$/m);
    expect(text.stdout).toMatch(/^cyc1 +error .*error: profile "cyc1": source_profile chain loops/m);
  });

  it('AWSX_DEBUG=1 adds the stack trace', async () => {
    const r = await sb.awsx(['assume', 'good'], { env: { AWSX_DEBUG: '1', AWSX_TIMEOUT_MS: '2000' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot reach STS/);
    expect(r.stderr).toMatch(/\n\s+at /);
  });

  it('large output through a slow pipe arrives whole (exit waits for stdout to drain)', async () => {
    const big = Array.from(
      { length: 3000 },
      (_, i) => `[profile p${i}]\nrole_arn = arn:aws:iam::111111111111:role/R${i}\nsource_profile = base\n`,
    ).join('\n');
    const slow = makeSandbox({
      config: big,
      credentials: '[base]\naws_access_key_id = AKIAIOSFODNN7BASE001\naws_secret_access_key = s\n',
    });
    try {
      const r = await slow.run('sh', ['-c', `node "$AWSX" list --json | (sleep 1; cat) | wc -c`], {
        env: { AWSX: AWSX },
      });
      const expected = (await slow.awsx(['list', '--json'])).stdout.length;
      expect(expected).toBeGreaterThan(500_000);
      expect(Number(r.stdout.trim())).toBe(expected);
    } finally {
      slow.cleanup();
    }
  });
});
