// Differential test: awsx's parser against botocore itself, over the corpus in test/fixtures/ini/.
// Each case directory holds a `config` and/or a `credentials` file. awsx must see exactly what botocore's
// Session.full_config sees (profiles, sso-sessions, services), except for the DELIBERATE_DIFFERENCES below,
// which are applied only to the cases that name them. docs/config-parsing.md explains each one.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIni } from '../../../src/config/ini-parse.js';
import { parseAwsFiles } from '../../../src/config/load-config.js';
import { runBotocore, view, viewOf, type BotocoreResult, type View } from '../../helpers/botocore.js';
import { skipWithoutBotocore } from '../../helpers/tools.js';
import { defaultProfileName } from '../../../src/config/paths.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/ini/', import.meta.url));

// ---------------------------------------------------------------------------------------------------------
// DELIBERATE DIFFERENCES between awsx and botocore. Nothing else may differ.
//
// Not a difference: key case. awsx lower-cases keys exactly as botocore does (the JS SDK does not, so
// `Region = eu-west-1` is no region there). The key-case case checks it against botocore like any other.
// ---------------------------------------------------------------------------------------------------------
const DELIBERATE_DIFFERENCES = {
  'inline-comments': {
    reason:
      'awsx cuts a line at `#` or `;` that starts it or follows whitespace, as the JS SDK does; botocore keeps ' +
      'the comment in the value. Users write `duration_seconds = 3600  # 1 hour` and expect it to work.',
    /** Applied: botocore reads the files after the JS SDK's own rule (`line.split(/(^|\s)[;#]/)[0]`) cut them. */
    botocoreInput: cutInlineCommentsAsJsSdk,
  },
  'utf8-bom': {
    reason:
      'awsx ignores a UTF-8 byte order mark (Windows editors write one); botocore reads it as part of the first ' +
      'line, finds no section header and rejects the whole file.',
    /** Applied: botocore reads the files without the BOM, and must fail on the files with it. */
    botocoreInput: (text: string): string => text.replace(/^\uFEFF/, ''),
  },
  'keeps-going': {
    reason:
      'botocore rejects a whole file on a duplicate key or section, a line that is not `key = value`, text ' +
      'before the first section or a nested line without `=`. awsx keeps the rest of the file (the last ' +
      'duplicate wins, a duplicated section merges, stray lines are skipped) and reports a warning.',
    /** Applied: botocore must fail; awsx is compared with the case's own `awsx` result and `warnings`. */
    botocoreInput: undefined,
  },
  'profile-env-order': {
    reason:
      'With no profile named, awsx takes AWS_PROFILE, then AWS_DEFAULT_PROFILE, as the AWS CLI v2 does; ' +
      'botocore (CLI v1) reads AWS_DEFAULT_PROFILE first and the JS SDK ignores it. Not a parse difference: ' +
      'checked on defaultProfileName in its own test below.',
    botocoreInput: undefined,
  },
} as const;
type Difference = keyof typeof DELIBERATE_DIFFERENCES;

/** The JS SDK's inline-comment rule, applied to each line; a line that is only a comment is left alone. */
function cutInlineCommentsAsJsSdk(text: string): string {
  return text
    .split(/(\r\n|\n|\r)/)
    .map((part, i) => {
      if (i % 2 === 1) return part; // a line ending
      const cut = part.split(/(^|\s)[;#]/)[0]!;
      return cut.trim() === '' ? part : cut;
    })
    .join('');
}

interface CaseSpec {
  differences?: Difference[];
  /** keeps-going: the reason botocore gives (its `cause`). */
  botocoreError?: RegExp;
  /** keeps-going: what awsx reads instead. */
  awsx?: View;
  /** awsx's warnings, in order; noSsoOrServices when absent. */
  warnings?: RegExp[];
}

const noSsoOrServices = { sso_sessions: {}, services: {} };

/** Every case directory must be listed here, so a new fixture is a decision, not an accident. */
const CASES: Record<string, CaseSpec> = {
  'default-then-profile-default': {},
  'profile-default-then-default': {},
  'section-names-in-config': {},
  'credentials-section-names': {},
  'quoted-names': {},
  'header-spacing': {},
  'indented-header': {},
  'sso-session': {},
  'services-nested': {},
  'nested-blank-comments': {},
  'full-line-comments': {},
  'inline-comments': { differences: ['inline-comments'] },
  'markers-in-values': {},
  'key-case': {},
  delimiters: {},
  'continuation-lines': {},
  'default-section': {},
  'default-only': {},
  crlf: {},
  bom: { differences: ['utf8-bom'] },
  'bom-comment-first': { differences: ['utf8-bom'] },
  'no-final-newline': {},
  tabs: {},
  unicode: {},
  'empty-values': {},
  'merge-both-files': {},
  'whitespace-only-lines': {},
  'credentials-only': {},
  'proto-keys': {},
  'duplicate-keys': {
    differences: ['keeps-going'],
    botocoreError: /DuplicateOptionError: .*option 'region' in section 'profile dev' already exists/,
    awsx: {
      profiles: {
        dev: {
          region: 'eu-west-1',
          output: 'json',
          aws_access_key_id: 'AKIASECONDSECONDSEC2',
          aws_secret_access_key: 'secret/dev',
        },
        other: { region: 'ap-south-1' },
      },
      ...noSsoOrServices,
    },
    warnings: [/^key "region" appears more than once/, /^key "aws_access_key_id" appears more than once/],
  },
  'duplicate-sections': {
    differences: ['keeps-going'],
    botocoreError: /DuplicateSectionError: .*section 'profile dev' already exists/,
    awsx: {
      profiles: { dev: { region: 'eu-west-1', output: 'json', cli_pager: '' }, other: { region: 'ap-south-1' } },
      ...noSsoOrServices,
    },
    warnings: [/^section \[profile dev\] appears more than once/, /^key "region" appears more than once/],
  },
  'stray-lines': {
    differences: ['keeps-going'],
    botocoreError: /ParsingError: .*\[line {2}3\]: 'this line has no delimiter\\n'/s,
    awsx: {
      profiles: {
        // As in configparser, an indented line after a stray line still continues the last key.
        dev: { region: 'us-east-1\ncontinued after the stray line', output: 'json' },
        ok: { region: 'eu-west-1', aws_access_key_id: 'AKIAOKOKOKOKOKOKOKO1', aws_secret_access_key: 'secret/ok' },
      },
      ...noSsoOrServices,
    },
    warnings: [
      /^line is not "key = value" and is ignored: "this line/,
      /^line is not "key = value" and is ignored: "= value/,
      /^line is not "key = value" and is ignored: "\[missing bracket"/,
    ],
  },
  'text-before-section': {
    differences: ['keeps-going'],
    botocoreError: /MissingSectionHeaderError/,
    awsx: { profiles: { dev: { region: 'eu-west-1' } }, ...noSsoOrServices },
    warnings: [/^text before the first \[section\] is ignored/],
  },
  'nested-without-equals': {
    differences: ['keeps-going'],
    botocoreError: /ValueError: not enough values to unpack/,
    awsx: {
      profiles: { ok: { region: 'eu-west-1' } },
      sso_sessions: {},
      services: { local: { s3: { addressing_style: 'path' } } },
    },
    warnings: [
      /nested line without "=" is ignored: "not a nested key"/,
      /nested line without "=" is ignored: "endpoint_url: http/,
    ],
  },
};

// Without botocore, awsx's config parsing is not checked against the AWS CLI's: loud, and fatal under CI=true.
const skip = skipWithoutBotocore();

interface Corpus {
  name: string;
  config?: string;
  credentials?: string;
}

function readCase(name: string): Corpus {
  const read = (file: string): string | undefined => {
    const path = join(FIXTURES, name, file);
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  };
  return { name, config: read('config'), credentials: read('credentials') };
}

const caseNames = readdirSync(FIXTURES)
  .filter((n) => statSync(join(FIXTURES, n)).isDirectory())
  .sort();

describe.skipIf(skip)('awsx reads config files as botocore does', () => {
  let dir: string;
  /** botocore's reading of each case as written, and of the case with its deliberate differences applied. */
  const asWritten = new Map<string, BotocoreResult>();
  const adjusted = new Map<string, BotocoreResult>();

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'awsx-botocore-diff-'));
    const jobs: Array<{ into: Map<string, BotocoreResult>; name: string; paths: string[] }> = [];
    const write = (tag: string, c: Corpus, transform: (text: string) => string): string[] =>
      (['config', 'credentials'] as const).map((file) => {
        const path = join(dir, `${c.name}.${tag}.${file}`);
        const text = c[file];
        if (text !== undefined) writeFileSync(path, transform(text), 'utf8');
        return path; // a path never written is a missing file
      });
    for (const name of caseNames) {
      const c = readCase(name);
      jobs.push({ into: asWritten, name, paths: write('as-written', c, (t) => t) });
      const transforms = (CASES[name]?.differences ?? []).flatMap((d) => DELIBERATE_DIFFERENCES[d].botocoreInput ?? []);
      if (transforms.length > 0) {
        jobs.push({
          into: adjusted,
          name,
          paths: write('adjusted', c, (t) => transforms.reduce((text, f) => f(text), t)),
        });
      }
    }
    const results = runBotocore(jobs.flatMap((j) => j.paths));
    jobs.forEach((job, i) => job.into.set(job.name, results[i]!));
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has a corpus of at least 18 cases, each listed in CASES', () => {
    expect(caseNames.length).toBeGreaterThanOrEqual(18);
    expect(caseNames).toEqual(Object.keys(CASES).sort());
  });

  it.each(caseNames)('%s', (name) => {
    const spec = CASES[name] ?? {};
    const differences = spec.differences ?? [];
    const c = readCase(name);
    const files = parseAwsFiles(c.config ?? '', c.credentials ?? '');
    const awsx = view(files);
    const boto = asWritten.get(name)!;

    const warnings = files.warnings.map((w) => w.message);
    expect(warnings).toHaveLength(spec.warnings?.length ?? 0);
    spec.warnings?.forEach((pattern, i) => expect(warnings[i]).toMatch(pattern));

    if (differences.includes('keeps-going')) {
      expect(boto).toHaveProperty('error');
      expect('cause' in boto ? boto.cause : '').toMatch(spec.botocoreError!);
      expect(awsx).toEqual(spec.awsx);
      return;
    }
    if (differences.length === 0) {
      expect(awsx).toEqual(viewOf(boto));
      return;
    }
    // The difference must matter for this case (or the entry is stale), and be the only one.
    const withDifferences = viewOf(adjusted.get(name)!);
    expect('error' in boto ? boto : viewOf(boto)).not.toEqual(withDifferences);
    expect(awsx).toEqual(withDifferences);
  });

  it('with stripInlineComments: false, parseIni reads inline comments exactly as botocore does', () => {
    const boto = viewOf(asWritten.get('inline-comments')!);
    const config = readCase('inline-comments').config!;
    expect({ ...parseIni(config, { stripInlineComments: false }).sections.get('profile dev') }).toEqual(
      boto.profiles.dev,
    );
  });

  it('the bom cases fail in botocore as written', () => {
    for (const name of caseNames.filter((n) => CASES[n]?.differences?.includes('utf8-bom'))) {
      const boto = asWritten.get(name)!;
      expect('cause' in boto ? boto.cause : '').toMatch(/MissingSectionHeaderError/);
    }
  });

  describe('profile-env-order: the profile used when noSsoOrServices is named', () => {
    it.each([
      { env: {}, awsx: 'default', botocore: null },
      { env: { AWS_PROFILE: 'p' }, awsx: 'p', botocore: 'p' },
      { env: { AWS_DEFAULT_PROFILE: 'd' }, awsx: 'd', botocore: 'd' },
      // The deliberate difference: both set.
      { env: { AWS_PROFILE: 'p', AWS_DEFAULT_PROFILE: 'd' }, awsx: 'p', botocore: 'd' },
    ])('$env', ({ env, awsx, botocore }) => {
      expect(defaultProfileName(env)).toBe(awsx);
      const [result] = runBotocore([join(dir, 'noSsoOrServices'), join(dir, 'noSsoOrServices')], env);
      expect(result).toMatchObject({ selected_profile: botocore });
    });
  });
});
