import { describe, expect, it } from 'vitest';
import { redact } from '../../../src/config/redact.js';

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
    ['a sign-in URL', 'https://signin.aws.amazon.com/federation?Action=login&Issuer=awsx&SigninToken=VerySecretSigninToken&Destination=x', 'VerySecretSigninToken'],
    ['a bearer header', 'x-amz-sso_bearer_token: abcdef-secret', 'abcdef-secret'],
  ])('removes %s', (_name, text, secret) => {
    expect(redact(text)).not.toContain(secret);
  });

  it('keeps what is useful: account ids, role ARNs, durations, key id prefix and tail', () => {
    const text = 'assuming arn:aws:iam::111111111111:role/Admin for 3600s with ASIAIOSFODNN7EXAMPLE';
    expect(redact(text)).toBe('assuming arn:aws:iam::111111111111:role/Admin for 3600s with ASIA…MPLE');
  });
});
