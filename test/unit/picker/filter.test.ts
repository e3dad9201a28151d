// The picker's filter: fuzzy over every attribute, exact jumps for a pasted role ARN or account id, and
// its speed at 20,000 rows (measured and logged; no timing assertion, so a slow machine cannot flake it).
import { describe, expect, it } from 'vitest';
import { orderRows, profileRow, ssoRow, type PickerRow } from '../../../src/picker/rows.js';
import { matchesAll, splitTerms } from '../../../src/picker/fuzzy-match.js';
import { exactQuery, fieldMatches, filterRows, RANK_LIMIT } from '../../../src/picker/filter.js';
import { pickerRow } from '../../helpers/picker-row.js';

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'eu-central-1', 'us-west-2'];
const ROLES = ['Admin', 'ReadOnly', 'PowerUser', 'Deploy', 'Billing', 'SecurityAudit'];
const TEAMS = ['payments', 'search', 'identity', 'data', 'platform', 'mobile', 'web', 'ml'];
const STAGES = ['prod', 'staging', 'dev', 'sandbox', 'qa'];

const row = pickerRow;

export function manyRows(count: number): PickerRow[] {
  const rows: PickerRow[] = [];
  for (let i = 0; i < count; i++) {
    const account = String(100000000000 + i * 7919).slice(0, 12);
    const team = TEAMS[i % TEAMS.length]!;
    const stage = STAGES[(i >> 3) % STAGES.length]!;
    const role = ROLES[(i >> 5) % ROLES.length]!;
    rows.push(
      i % 3 === 0
        ? ssoRow({
            accountId: account,
            roleName: role,
            accountName: `${team}-${stage}-${i}`,
            ssoSession: 'corp',
            region: REGIONS[i % 5]!,
          })
        : row(`${team}-${stage}-${role.toLowerCase()}-${i}`, {
            accountId: account,
            roleName: role,
            roleArn: `arn:aws:iam::${account}:role/${role}`,
            region: REGIONS[i % 5]!,
          }),
    );
  }
  return rows;
}

const rows = [
  row('prod-admin', {
    accountId: '111111111111',
    accountName: 'payments-prod',
    roleName: 'Admin',
    region: 'eu-west-1',
    kind: 'role mfa',
    needsMfa: true,
  }),
  row('prod-read', { accountId: '111111111111', roleName: 'ReadOnly', region: 'eu-west-1' }),
  row('dev', { accountId: '222222222222', roleName: 'Developer', region: 'us-east-1' }),
  ssoRow({ accountId: '333333333333', roleName: 'Billing', accountName: 'finance', ssoSession: 'corp' }),
];
const names = (q: string): string[] => filterRows(rows, q).rows.map((r) => r.name);

describe('filterRows', () => {
  it('returns every row, in order, for an empty or blank query', () => {
    expect(names('')).toEqual(['prod-admin', 'prod-read', 'dev', 'finance/Billing']);
    expect(names('   ')).toHaveLength(4);
  });

  it('matches fuzzily on the name', () => {
    expect(names('pradm')).toEqual(['prod-admin']);
  });

  it.each([
    ['account name', 'payments', ['prod-admin']],
    ['role', 'readonly', ['prod-read']],
    ['region', 'us-east', ['dev']],
    ['sso session', 'corp', ['finance/Billing']],
    ['kind', 'mfa', ['prod-admin']],
  ])('searches the %s', (_what, query, expected) => {
    expect(names(query)).toEqual(expected);
  });

  it('ranks the shorter name first when the match is as good', () => {
    const r = [row('svc19990-dev'), row('svc1999-dev'), row('svc1999')];
    expect(filterRows(r, 'svc1999').rows.map((x) => x.name)).toEqual(['svc1999', 'svc1999-dev', 'svc19990-dev']);
  });

  it('ranks at most RANK_LIMIT matches; more (a query a letter long) keep the list order', () => {
    const big = manyRows(20_000);
    const wide = filterRows(big, 'e');
    expect(wide.rows.length).toBeGreaterThan(RANK_LIMIT);
    const positions = wide.rows.map((r) => big.indexOf(r));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    const narrow = filterRows(big, 'payments-prod-admin');
    expect(narrow.rows.length).toBeLessThanOrEqual(RANK_LIMIT);
    expect(narrow.rows[0]!.name).toMatch(/^payments-prod-admin-/);
    expect(big.indexOf(narrow.rows[0]!)).toBeGreaterThan(0);
  });

  it('narrows as a query grows and goes back to kept results as it shrinks, with the rows a fresh filter gives', () => {
    const big = manyRows(5_000);
    const typed = ['p', 'pa', 'pay', 'paym', 'pay', 'pa', 'pad', 'pa d', 'pa', 'web', 'we', 'w', ''];
    const results = typed.map((q) => filterRows(big, q));
    expect(results[4]).toBe(results[2]); // 'pay' again: the result kept on the way to 'paym'
    expect(results[5]).toBe(results[1]);
    typed.forEach((q, i) => {
      const fresh = filterRows([...big], q);
      expect(results[i]!.rows.map((r) => r.id)).toEqual(fresh.rows.map((r) => r.id));
      expect(results[i]!.terms).toEqual(fresh.terms);
    });
    expect(filterRows(big, '')).toBe(filterRows(big, '  '));
  });

  it('keeps exactly the rows holding every term in order', () => {
    const big = manyRows(3_000);
    for (const q of ['p', 'pa', 'pay d', 'eu-c 1', 'zz', 'a b c', 'sec aud', '9']) {
      const kept = new Set(filterRows([...big], q).rows.map((r) => r.id));
      const expected = big.filter((r) => matchesAll(r.haystack, splitTerms(q))).map((r) => r.id);
      expect([...kept].sort(), q).toEqual(expected.sort());
    }
  });

  it('is case-insensitive', () => {
    expect(names('DEVELOPER')).toEqual(['dev']);
  });

  it('jumps to the rows of a pasted role ARN, or of its account when no row has that role', () => {
    expect(names('arn:aws:iam::111111111111:role/ReadOnly')).toEqual(['prod-read']);
    expect(names('arn:aws:iam::111111111111:role/path/to/Admin')).toEqual(['prod-admin']);
    expect(names('arn:aws:sts::333333333333:assumed-role/Billing/alice')).toEqual(['finance/Billing']);
    expect(names('arn:aws:iam::111111111111:role/Nope')).toEqual(['prod-admin', 'prod-read']);
    expect(filterRows(rows, 'arn:aws:iam::111111111111:role/ReadOnly').mode).toBe('role-arn');
  });

  it('jumps to the rows of a 12-digit account id, with or without the console dashes', () => {
    expect(names('111111111111')).toEqual(['prod-admin', 'prod-read']);
    expect(names('2222-2222-2222')).toEqual(['dev']);
    expect(names('444444444444')).toEqual([]);
  });

  it('reports the matched positions per attribute for highlighting', () => {
    const result = filterRows(rows, 'admin');
    expect(fieldMatches(result.rows[0]!, result.terms, 'name')).toEqual([5, 6, 7, 8, 9]);
    expect(fieldMatches(result.rows[0]!, result.terms, 'region')).toEqual([]);
    expect(fieldMatches(rows[2]!, ['east'], 'region')).toEqual([3, 4, 5, 6]);
  });

  it('exactQuery reads ARNs and account ids only', () => {
    expect(exactQuery('arn:aws:iam::123456789012:role/X')).toEqual({ accountId: '123456789012', roleName: 'X' });
    expect(exactQuery('12345678901')).toBeUndefined();
    expect(exactQuery('prod')).toBeUndefined();
  });
});

describe('row order', () => {
  it('puts recently used targets first (most recent first), then the rest by name', () => {
    const ordered = orderRows([row('b'), row('a'), row('c'), row('d')], ['c', 'a']);
    expect(ordered.map((r) => r.name)).toEqual(['c', 'a', 'b', 'd']);
  });

  it('builds a profile row from the graph with an error message and hint', () => {
    const r = profileRow(
      {
        name: 'broken',
        kind: 'role',
        parents: [],
        hops: [],
        needsMfa: false,
        hasExternalId: true,
        warnings: [],
        inConfig: true,
        inCredentials: false,
        error: Object.assign(new Error('bad role_arn'), { hint: 'fix it' }) as never,
      },
      'error',
    );
    expect(r.error).toBe('bad role_arn (fix it)');
    expect(r.hasExternalId).toBe(true);
  });
});

describe('filter speed at 20,000 rows', () => {
  it('measures each keystroke of typed queries and logs the p50/p95/max', () => {
    const big = manyRows(20_000);
    const prepare = performance.now();
    filterRows(big, 'x');
    filterRows(big, '');
    const prepareMs = performance.now() - prepare;
    const samples: number[] = [];
    const queries = [
      'payments prod admin',
      'ml-sandbox',
      'eu-central',
      'securityaudit',
      'idstgdep',
      'zzzz',
      '1000',
      'arn:aws:iam::100000007919:role/Admin',
    ];
    for (let round = 0; round < 3; round++) {
      for (const query of queries) {
        for (let n = 1; n <= query.length; n++) {
          const t = performance.now();
          const result = filterRows(big, query.slice(0, n));
          samples.push(performance.now() - t);
          expect(result.rows.length).toBeLessThanOrEqual(big.length);
        }
      }
    }
    samples.sort((a, b) => a - b);
    const at = (p: number): string => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!.toFixed(2);
    console.log(
      `[filter 20,000 rows] first call (prepares targets) ${prepareMs.toFixed(1)} ms; per keystroke over ${samples.length}: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${samples[samples.length - 1]!.toFixed(2)} ms`,
    );
    expect(filterRows(big, 'payments-prod-admin').rows[0]!.name).toMatch(/^payments-prod-admin/);
  });
});
