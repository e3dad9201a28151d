// Lossless editing: every test compares the whole file, so any byte changed outside the edit fails it.
import { describe, expect, it } from 'vitest';
import { appendSection, removeSection, upsertSection } from '../../../src/config/ini-edit.js';

const named = (name: string) => (section: string) => section === name;
const lines = (...l: string[]): string => l.join('\n');

const ODD = lines(
  '# top comment, before any section',
  '[default]',
  'region = us-east-1',
  '',
  '[profile dev]   ',
  ';  odd spacing below',
  'Region   =   eu-west-1   ',
  'output=json',
  'cli_pager\t:  less ',
  '  # an indented comment after the last key',
  '',
  '[profile other]',
  'region = ap-south-1',
  '',
);

describe('upsertSection', () => {
  it('replaces a key where it stands (keys match case-insensitively)', () => {
    expect(upsertSection(ODD, named('profile dev'), 'profile dev', [['region', 'us-west-2']])).toBe(
      lines(
        '# top comment, before any section',
        '[default]',
        'region = us-east-1',
        '',
        '[profile dev]   ',
        ';  odd spacing below',
        'region = us-west-2',
        'output=json',
        'cli_pager\t:  less ',
        '  # an indented comment after the last key',
        '',
        '[profile other]',
        'region = ap-south-1',
        '',
      ),
    );
  });

  it('adds new keys after the last key of the section, before its trailing comment', () => {
    const entries = [
      ['role_arn', 'arn:aws:iam::123456789012:role/Dev'],
      ['output', 'text'],
      ['mfa_serial', 'arn:aws:iam::123456789012:mfa/alice'],
    ] as const;
    expect(upsertSection(ODD, named('profile dev'), 'profile dev', entries)).toBe(
      lines(
        '# top comment, before any section',
        '[default]',
        'region = us-east-1',
        '',
        '[profile dev]   ',
        ';  odd spacing below',
        'Region   =   eu-west-1   ',
        'output = text',
        'cli_pager\t:  less ',
        'role_arn = arn:aws:iam::123456789012:role/Dev',
        'mfa_serial = arn:aws:iam::123456789012:mfa/alice',
        '  # an indented comment after the last key',
        '',
        '[profile other]',
        'region = ap-south-1',
        '',
      ),
    );
  });

  it('adds keys right after the header of an empty section', () => {
    const text = lines('[profile empty]', '# comment', '', '[profile next]', 'a = 1', '');
    expect(upsertSection(text, named('profile empty'), 'profile empty', [['region', 'eu-west-1']])).toBe(
      lines('[profile empty]', 'region = eu-west-1', '# comment', '', '[profile next]', 'a = 1', ''),
    );
  });

  it('replaces a key together with its continuation lines and the comments among them', () => {
    const text = lines(
      '[profile dev]',
      'credential_process = old',
      '  --flag',
      '  # note',
      '  --other',
      'region = x',
      '',
    );
    expect(upsertSection(text, named('profile dev'), 'profile dev', [['credential_process', 'new --x']])).toBe(
      lines('[profile dev]', 'credential_process = new --x', 'region = x', ''),
    );
  });

  it('matches a header that carries an inline comment', () => {
    const text = lines('[profile dev] # mine', 'region = x # old', '');
    expect(upsertSection(text, named('profile dev'), 'profile dev', [['region', 'y']])).toBe(
      lines('[profile dev] # mine', 'region = y', ''),
    );
  });

  it('appends the section when none matches, after one blank line', () => {
    expect(
      upsertSection(ODD, named('profile new'), 'profile new', [
        ['region', 'eu-west-1'],
        ['output', 'json'],
      ]),
    ).toBe(`${ODD}\n[profile new]\nregion = eu-west-1\noutput = json\n`);
  });

  it('removes keys, with their continuation lines, from every occurrence of the section', () => {
    const text = lines(
      '[profile dev]',
      'aws_session_token = A',
      'region = x',
      'credential_process = cmd',
      '    --flag',
      '; kept',
      '[profile other]',
      'aws_session_token = keep-me',
      '[profile dev]',
      'aws_session_token = B',
      '',
    );
    expect(
      upsertSection(text, named('profile dev'), 'profile dev', [['region', 'y']], {
        remove: ['aws_session_token', 'credential_process'],
      }),
    ).toBe(
      lines(
        '[profile dev]',
        'region = y',
        '; kept',
        '[profile other]',
        'aws_session_token = keep-me',
        '[profile dev]',
        '',
      ),
    );
  });

  it('with duplicate sections, replaces the last occurrence of a key and adds new keys to the last section', () => {
    const text = lines(
      '[profile dev]',
      'region = first',
      'only_first = 1',
      '',
      '[profile dev]',
      'region = second',
      'region = third',
      'output = json',
      '',
    );
    expect(
      upsertSection(text, named('profile dev'), 'profile dev', [
        ['region', 'new'],
        ['only_first', '2'],
        ['added', 'yes'],
      ]),
    ).toBe(
      lines(
        '[profile dev]',
        'region = first',
        'only_first = 2',
        '',
        '[profile dev]',
        'region = second',
        'region = new',
        'output = json',
        'added = yes',
        '',
      ),
    );
  });

  describe('line endings, BOM and the final newline', () => {
    it('keeps CRLF and writes new lines with CRLF', () => {
      const text = '[default]\r\nregion = us-east-1\r\n\r\n[profile dev]\r\nregion = x\r\n';
      expect(
        upsertSection(text, named('profile dev'), 'profile dev', [
          ['region', 'y'],
          ['output', 'json'],
        ]),
      ).toBe('[default]\r\nregion = us-east-1\r\n\r\n[profile dev]\r\nregion = y\r\noutput = json\r\n');
      expect(upsertSection(text, named('profile new'), 'profile new', [['region', 'z']])).toBe(
        `${text}\r\n[profile new]\r\nregion = z\r\n`,
      );
    });

    it('keeps each line its own ending in a mixed file; new lines take the most common one', () => {
      const text = '[a]\r\nk = 1\nj = 2\r\n[b]\r\nx = 1\r\n';
      expect(
        upsertSection(text, named('a'), 'a', [
          ['k', '9'],
          ['new', 'v'],
        ]),
      ).toBe('[a]\r\nk = 9\nj = 2\r\nnew = v\r\n[b]\r\nx = 1\r\n');
    });

    it('keeps a UTF-8 BOM', () => {
      const text = '\uFEFF[default]\nregion = us-east-1\n';
      expect(
        upsertSection(text, named('default'), 'default', [
          ['region', 'eu-west-1'],
          ['output', 'json'],
        ]),
      ).toBe('\uFEFF[default]\nregion = eu-west-1\noutput = json\n');
      expect(upsertSection(text, named('profile x'), 'profile x', [['a', 'b']])).toBe(
        '\uFEFF[default]\nregion = us-east-1\n\n[profile x]\na = b\n',
      );
    });

    it('keeps a missing final newline missing', () => {
      const text = '[a]\nk = 1\n\n[b]\nk = 2';
      expect(upsertSection(text, named('b'), 'b', [['k', '3']])).toBe('[a]\nk = 1\n\n[b]\nk = 3');
      expect(upsertSection(text, named('b'), 'b', [['n', 'v']])).toBe('[a]\nk = 1\n\n[b]\nk = 2\nn = v');
      expect(
        upsertSection(text, named('b'), 'b', [
          ['k', '3'],
          ['n', 'v'],
        ]),
      ).toBe('[a]\nk = 1\n\n[b]\nk = 3\nn = v');
      expect(upsertSection(text, named('a'), 'a', [['n', 'v']])).toBe('[a]\nk = 1\nn = v\n\n[b]\nk = 2');
      expect(upsertSection(text, named('b'), 'b', [], { remove: ['k'] })).toBe('[a]\nk = 1\n\n[b]');
      expect(upsertSection(text, named('c'), 'c', [['n', 'v']])).toBe('[a]\nk = 1\n\n[b]\nk = 2\n\n[c]\nn = v');
      expect(upsertSection('[b]', named('b'), 'b', [['n', 'v']])).toBe('[b]\nn = v');
    });
  });
});

describe('appendSection', () => {
  it.each([
    ['an empty file', '', '[profile x]\na = b\n'],
    ['a file ending in a blank line', '[a]\nk = 1\n\n', '[a]\nk = 1\n\n[profile x]\na = b\n'],
    ['a file ending in a key', '[a]\nk = 1\n', '[a]\nk = 1\n\n[profile x]\na = b\n'],
    ['a file without a final newline', '[a]\nk = 1', '[a]\nk = 1\n\n[profile x]\na = b'],
    ['a CRLF file', '[a]\r\nk = 1\r\n', '[a]\r\nk = 1\r\n\r\n[profile x]\r\na = b\r\n'],
    ['a BOM-only file', '\uFEFF', '\uFEFF[profile x]\na = b\n'],
    ['a file ending in a comment', '[a]\n# end', '[a]\n# end\n\n[profile x]\na = b'],
  ])('to %s', (_what, text, expected) => {
    expect(appendSection(text, 'profile x', [['a', 'b']])).toBe(expected);
  });
});

describe('removeSection', () => {
  it('drops the header, its keys and the comments among them; leaves every other byte', () => {
    expect(removeSection(ODD, named('profile dev'))).toBe(
      lines(
        '# top comment, before any section',
        '[default]',
        'region = us-east-1',
        '',
        '  # an indented comment after the last key',
        '',
        '[profile other]',
        'region = ap-south-1',
        '',
      ),
    );
  });

  it('drops every occurrence of a duplicated section', () => {
    const text = lines('[x]', 'a = 1', '[profile dev]', 'a = 2', '[y]', 'b = 3', '[profile dev]', 'c = 4', '');
    expect(removeSection(text, named('profile dev'))).toBe(lines('[x]', 'a = 1', '[y]', 'b = 3', ''));
  });

  it('leaves the text untouched when no section matches', () => {
    const text = '\uFEFF[a]\r\nk = 1';
    expect(removeSection(text, named('b'))).toBe(text);
  });

  it('keeps CRLF, the BOM and a missing final newline', () => {
    expect(removeSection('\uFEFF[a]\r\nk = 1\r\n[b]\r\nk = 2', named('b'))).toBe('\uFEFF[a]\r\nk = 1');
    expect(removeSection('\uFEFF[a]\r\nk = 1\r\n[b]\r\nk = 2\r\n', named('a'))).toBe('\uFEFF[b]\r\nk = 2\r\n');
  });
});
