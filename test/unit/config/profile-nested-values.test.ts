// A role setting written as a nested block (indented `key = value` lines, as the s3 settings are) is not a
// profile name or a credential source: the error names the lines the user wrote, never "[object Object]".
import { describe, expect, it } from 'vitest';
import { parseAwsFiles } from '../../../src/config/load-config.js';
import { ProfileGraph } from '../../../src/config/profile-graph.js';

const errorOf = (config: string): string | undefined =>
  new ProfileGraph(parseAwsFiles(config, '')).get('r')?.error?.message;

describe('a nested block where a role setting belongs', () => {
  it('source_profile', () => {
    const config = '[profile r]\nrole_arn = arn:aws:iam::111111111111:role/R\nsource_profile =\n  a = b\n';
    expect(errorOf(config)).toBe('profile "r": source_profile "a = b" does not exist');
  });

  it('credential_source', () => {
    const config = '[profile r]\nrole_arn = arn:aws:iam::111111111111:role/R\ncredential_source =\n  a = b\n  c = d\n';
    expect(errorOf(config)).toMatch(/^profile "r": credential_source "a = b, c = d" is not one of Environment, /);
  });
});
