import { describe, expect, it } from 'vitest';
import { clip, redact, rememberSecrets, userLine } from '../../../src/config/redact.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const TOKEN = `IQoJb3JpZ2luX2VjE${'A'.repeat(300)}`;

describe('redact', () => {
  it.each([
    ['a bare secret key', `secret ${SECRET} here`, SECRET],
    ['a session token', `token=${TOKEN}`, TOKEN],
    ['JSON secret fields', `{"SecretAccessKey":"abc123secret","SessionToken":"tok"}`, 'abc123secret'],
    ['SSO tokens', `{"accessToken":"aoa-secret","refreshToken":"rt-secret","clientSecret":"cs-secret"}`, 'aoa-secret'],
    ['an MFA code in a query', 'TokenCode=123456&x=1', '123456'],
    ['a bare MFA code', 'the code 654321 was rejected', '654321'],
    [
      'a sign-in URL',
      'https://signin.aws.amazon.com/federation?Action=login&Issuer=awsx&SigninToken=VerySecretSigninToken&Destination=x',
      'VerySecretSigninToken',
    ],
    ['a bearer header', 'x-amz-sso_bearer_token: abcdef-secret', 'abcdef-secret'],
    ['an Authorization header', 'Authorization: AWS4-HMAC-SHA256 Credential=x, Signature=sig-secret', 'sig-secret'],
    ['an authorization header in a dump', "{ host: 'sts', authorization: 'Bearer bearer-secret' }", 'bearer-secret'],
    ['a proxy authorization header', 'proxy-authorization: Basic basic-secret', 'basic-secret'],
  ])('removes %s', (_name, text, secret) => {
    expect(redact(text)).not.toContain(secret);
  });

  it('keeps the cause after "authorization:" in prose (an action of an error line, not a header)', () => {
    const text =
      'cannot reach SSO OIDC while starting the device authorization: its TLS certificate is not trusted (X)';
    expect(redact(text)).toBe(text);
  });

  it('keeps what is useful: account ids, role ARNs, durations, key id prefix and tail', () => {
    const text = 'assuming arn:aws:iam::111111111111:role/Admin for 3600s with ASIAIOSFODNN7EXAMPLE';
    expect(redact(text)).toBe('assuming arn:aws:iam::111111111111:role/Admin for 3600s with ASIA…MPLE');
  });
});

describe('userLine: the one form of every line a user sees', () => {
  it('is one line: line breaks and control characters escaped', () => {
    expect(userLine('a\nb\r\nc\td\u001b[31m')).toBe('a\\nb\\r\\nc\\td\\u001b[31m');
  });

  it('cuts a long value at 200 characters and the whole line at 2,000, in bounded time for 20 MB', () => {
    const started = Date.now();
    const line = userLine(`value ${'~'.repeat(20 * 1024 * 1024)} and more`);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(line).toMatch(/^value ~{200}…\([\d,]+ more\)/);
    expect(line.length).toBeLessThanOrEqual(2000);
    expect(userLine('word '.repeat(2000)).length).toBeLessThanOrEqual(2000);
  });

  it('redacts before cutting: no piece of a token survives a cut', () => {
    const line = userLine(`${'a '.repeat(7990)}${TOKEN}`);
    expect(line).not.toMatch(/IQoJb3JpZ2luX2VjE/);
  });

  it('redacts secrets this process holds, whatever their shape', () => {
    rememberSecrets('short-but-secret', undefined, 'x');
    expect(userLine('echo: short-but-secret!')).toBe('echo: <redacted>!');
    expect(userLine('x')).toBe('x');
  });

  it('keeps a profile name with six digits, and separates the digits of a cut count', () => {
    expect(userLine('profile "prod-123456"')).toBe('profile "prod-123456"');
    expect(clip('y'.repeat(1_000_200))).toMatch(/…\(1,000,000 more\)$/);
  });
});
