// Property-based differential test: fast-check generates config/credentials files with the quirks users have
// (comments, nested sub-sections, odd whitespace, duplicate keys and sections, unicode, CRLF, tabs, `:`
// delimiters, [DEFAULT]) and botocore parses the same files. Where botocore accepts a file, awsx must see
// the same profiles, sso-sessions, services and values; where botocore rejects it (duplicates, stray lines),
// awsx must keep going and say why in a warning. Values never hold a whitespace-preceded `#`/`;`: that is
// the one deliberate difference (inline comments), covered by botocore-diff.test.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAwsFiles } from '../../../src/config/load-config.js';
import { runBotocore, view, viewOf } from '../../helpers/botocore.js';
import { skipWithoutBotocore } from '../../helpers/tools.js';

const RUNS = 150;
const skip = skipWithoutBotocore();

const name = fc.stringMatching(/^[a-z][a-z0-9_.@-]{0,8}$/);
const unicode = fc.constantFrom('é', 'ü', 'ß', 'Ω', '✓', '漢', '😀', 'ñ');
// A token never starts with # or ; so no whitespace-preceded comment marker appears in a value.
const token = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_/+=.:@,-][A-Za-z0-9_/+=.:@,#;-]{0,10}$/), unicode);
const value = fc.array(token, { minLength: 0, maxLength: 3 }).map((t) => t.join(' '));
const key = fc.oneof(
  fc.constantFrom('region', 'output', 'role_arn', 'source_profile', 'Region', 'MFA_Serial', 'sso_session'),
  name,
);
const space = fc.constantFrom('', ' ', '  ', '\t');
const delimiter = fc.constantFrom('=', ' = ', '= ', ' =', ':', ' : ');

const keyLine = fc.tuple(key, delimiter, value, space).map(([k, d, v, trail]) => `${k}${d}${v}${trail}`);
const comment = fc.tuple(fc.constantFrom('#', ';'), space, value).map(([c, s, v]) => `${s}${c} ${v}`);
const nested = fc
  .tuple(
    fc.constantFrom('s3', 'sts', 'ec2'),
    fc.array(fc.tuple(name, value), { minLength: 1, maxLength: 3 }),
    fc.constantFrom('  ', '    ', '\t'),
  )
  .map(([k, entries, indent]) => [`${k} =`, ...entries.map(([nk, nv]) => `${indent}${nk} = ${nv}`)].join('\n'));
const body = fc.array(
  fc.oneof(
    { weight: 6, arbitrary: keyLine },
    { weight: 2, arbitrary: comment },
    { weight: 1, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: nested },
  ),
  { maxLength: 6 },
);

const configHeader = fc.oneof(
  name.map((n) => `[profile ${n}]`),
  name.map((n) => `[profile  ${n}]`),
  fc.constant('[default]'),
  fc.constant('[profile default]'),
  name.map((n) => `[sso-session ${n}]`),
  name.map((n) => `[services ${n}]`),
  name.map((n) => `[${n}]`),
  fc.constant('[DEFAULT]'),
);
const section = (header: fc.Arbitrary<string>) =>
  fc.tuple(space, header, body).map(([s, h, b]) => [`${s}${h}`, ...b].join('\n'));
const file = (header: fc.Arbitrary<string>) =>
  fc
    .tuple(fc.array(comment, { maxLength: 2 }), fc.array(section(header), { maxLength: 5 }), fc.boolean(), fc.boolean())
    .map(([lead, sections, crlf, finalNewline]) => {
      const text = [...lead, ...sections].join('\n') + (finalNewline ? '\n' : '');
      return crlf ? text.replace(/\n/g, '\r\n') : text;
    });

describe.skipIf(skip)('awsx parses generated files exactly as botocore does', () => {
  const dir = mkdtempSync(join(tmpdir(), 'awsx-prop-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`agrees on ${RUNS} generated config/credentials pairs`, () => {
    const pairs = fc.sample(fc.tuple(file(configHeader), file(name.map((n) => `[${n}]`))), {
      numRuns: RUNS,
      seed: Number(process.env.AWSX_PROPERTY_SEED ?? 20261122),
    });
    const paths = pairs.flatMap(([config, credentials], i) => {
      const c = join(dir, `config-${i}`);
      const k = join(dir, `credentials-${i}`);
      writeFileSync(c, config);
      writeFileSync(k, credentials);
      return [c, k];
    });
    const results = runBotocore(paths);
    let accepted = 0;
    let rejected = 0;
    pairs.forEach(([config, credentials], i) => {
      const ours = parseAwsFiles(config, credentials);
      const theirs = results[i]!;
      if ('error' in theirs) {
        rejected++;
        expect(ours.warnings.length, `pair ${i}: botocore said ${theirs.error}`).toBeGreaterThan(0);
        return;
      }
      accepted++;
      expect(view(ours), `pair ${i}\n--- config ---\n${config}\n--- credentials ---\n${credentials}`).toEqual(
        viewOf(theirs),
      );
    });
    // The generator must exercise both paths, or the property proves little.
    expect(accepted).toBeGreaterThan(RUNS / 4);
    expect(rejected).toBeGreaterThan(0);
  });
});
