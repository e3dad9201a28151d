// The shell formats: the AWS CLI's lines for ordinary values, and values a shell would read differently
// (never seen in keys and tokens, but a format must not break on them) arrive intact.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../../src/credentials/engine.js';
import { cliExpiration, render, renderShell } from '../../../src/credentials/export-format.js';
import { skipWithout } from '../../helpers/tools.js';

const session = (over: Partial<Session['credentials']> = {}, region?: string): Session => ({
  label: 'prod',
  chain: ['prod'],
  fromCache: false,
  ...(region ? { region } : {}),
  credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'se/cr+et=', ...over },
});

describe('shell formats', () => {
  it("long-term keys: the AWS CLI's two lines, then awsx unsets a token and expiry left from before", () => {
    expect(renderShell(session(), 'env')).toBe(
      'export AWS_ACCESS_KEY_ID=AKIAEXAMPLE\nexport AWS_SECRET_ACCESS_KEY=se/cr+et=\nunset AWS_SESSION_TOKEN\nunset AWS_CREDENTIAL_EXPIRATION\n',
    );
    expect(renderShell(session(), 'env-no-export')).toBe(
      'AWS_ACCESS_KEY_ID=AKIAEXAMPLE\nAWS_SECRET_ACCESS_KEY=se/cr+et=\n',
    );
    expect(renderShell(session(), 'windows-cmd')).toBe(
      'set AWS_ACCESS_KEY_ID=AKIAEXAMPLE\nset AWS_SECRET_ACCESS_KEY=se/cr+et=\nset AWS_SESSION_TOKEN=\nset AWS_CREDENTIAL_EXPIRATION=\n',
    );
    expect(renderShell(session(), 'powershell')).toMatch(
      /^\$Env:AWS_ACCESS_KEY_ID="AKIAEXAMPLE"\n\$Env:AWS_SECRET_ACCESS_KEY="se\/cr\+et="\nRemove-Item Env:AWS_SESSION_TOKEN -ErrorAction SilentlyContinue\n/,
    );
  });

  it("the expiry is written as botocore's isoformat(): +00:00, whole seconds", () => {
    expect(cliExpiration(new Date('2030-01-02T03:04:05.678Z'))).toBe('2030-01-02T03:04:05+00:00');
    expect(render(session({ sessionToken: 't', expiration: new Date('2030-01-02T03:04:05Z') }), 'process', 0)).toBe(
      '{\n  "Version": 1,\n  "AccessKeyId": "AKIAEXAMPLE",\n  "SecretAccessKey": "se/cr+et=",\n  "SessionToken": "t",\n  "Expiration": "2030-01-02T03:04:05+00:00"\n}\n',
    );
  });

  const odd = `a'b"c$d\`e\\f g&h|i%j`;
  it('bash reads every odd character back from env and env-no-export', () => {
    for (const format of ['env', 'env-no-export'] as const) {
      const r = spawnSync('bash', ['--norc', '-c', `eval "$(cat)"; printf '%s' "$AWS_SECRET_ACCESS_KEY"`], {
        input: renderShell(session({ secretAccessKey: odd }), format),
        encoding: 'utf8',
      });
      expect(r.stdout).toBe(odd);
    }
  });

  it('fish reads every odd character back', () => {
    if (skipWithout('fish')) return;
    const r = spawnSync('fish', ['--no-config', '-c', 'cat | source; printf "%s" "$AWS_SECRET_ACCESS_KEY"'], {
      input: renderShell(session({ secretAccessKey: odd }), 'fish'),
      encoding: 'utf8',
    });
    expect(r.stdout).toBe(odd);
  });

  it('PowerShell and cmd escape what their double quotes and metacharacters would take', () => {
    expect(renderShell(session({ secretAccessKey: 'a$b`c"d' }), 'powershell')).toContain(
      '$Env:AWS_SECRET_ACCESS_KEY="a`$b``c`"d"\n',
    );
    expect(renderShell(session({ secretAccessKey: 'a&b|c' }), 'windows-cmd')).toContain(
      'set AWS_SECRET_ACCESS_KEY=a^&b^|c\n',
    );
  });
});
