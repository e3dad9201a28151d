// The credential_process contract and the environment's expiry, checked field by field (issue 15, finding 10).
import { describe, expect, it } from 'vitest';
import { ProfileConfigError } from '../../../src/config/errors.js';
import { environmentCredentials, parseProcessOutput } from '../../../src/credentials/roots.js';

const fail = (cause: string): Error => new ProfileConfigError(cause);
const NOW = Date.parse('2030-01-01T00:00:00Z');
const parse = (out: unknown): unknown =>
  parseProcessOutput(typeof out === 'string' ? out : JSON.stringify(out), fail, NOW);

describe('credential_process output', () => {
  it.each([
    ['null', 'printed null instead of a JSON object'],
    ['[1]', 'printed an array instead of a JSON object'],
    ['"text"', 'printed string instead of a JSON object'],
    ['{"Version": 2}', 'printed JSON without "Version": 1'],
    ['{"Version": 1, "AccessKeyId": "A"}', 'printed no "SecretAccessKey" (a non-empty string)'],
    [
      '{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "B", "SessionToken": 5}',
      'printed a "SessionToken" that is not a string',
    ],
    [
      '{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "B", "Expiration": 12}',
      'printed "Expiration": 12, which is not an ISO 8601 time',
    ],
    [
      '{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "B", "Expiration": "2001-01-01T00:00:00Z"}',
      'returned credentials that expired at 2001-01-01T00:00:00.000Z',
    ],
    ['not json', 'did not print JSON'],
  ])('%s: %s', (out, message) => {
    expect(() => parse(out)).toThrow(message);
  });

  it('accepts the contract, with or without an expiry or a session token', () => {
    expect(
      parse({
        Version: 1,
        AccessKeyId: 'A',
        SecretAccessKey: 'B',
        SessionToken: 'T',
        Expiration: '2030-01-01T01:00:00Z',
      }),
    ).toEqual({
      accessKeyId: 'A',
      secretAccessKey: 'B',
      sessionToken: 'T',
      expiration: new Date('2030-01-01T01:00:00Z'),
    });
    expect(parse({ Version: 1, AccessKeyId: 'A', SecretAccessKey: 'B', Expiration: null })).toEqual({
      accessKeyId: 'A',
      secretAccessKey: 'B',
      sessionToken: undefined,
      expiration: undefined,
    });
  });
});

describe('credential_source = Environment', () => {
  it('refuses an AWS_CREDENTIAL_EXPIRATION that is not a time (exit 2)', () => {
    const env = { AWS_ACCESS_KEY_ID: 'A', AWS_SECRET_ACCESS_KEY: 'B', AWS_CREDENTIAL_EXPIRATION: 'soon' };
    expect(() => environmentCredentials(env, 'p')).toThrow(
      'profile "p": AWS_CREDENTIAL_EXPIRATION "soon" is not an ISO 8601 time',
    );
  });
});
