// `awsx list` over a 10,000-deep source_profile chain and a 5,000-profile cycle: every profile is listed (the
// loop's with its own error), nothing fails with "Maximum call stack size exceeded", and `list --json` stays
// linear: each entry names its `source`; a chain is listed whole only up to 16 profiles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';

const arn = (i: number): string => `arn:aws:iam::111111111111:role/R${i}`;

function config(): string {
  const out = ['[profile p0]', 'aws_access_key_id = AKIAROOTROOTROOTROOT', 'aws_secret_access_key = s', ''];
  for (let i = 1; i < 10_000; i++)
    out.push(`[profile p${i}]`, `role_arn = ${arn(i)}`, `source_profile = p${i - 1}`, '');
  for (let i = 0; i < 5_000; i++)
    out.push(`[profile c${i}]`, `role_arn = ${arn(i)}`, `source_profile = c${(i + 1) % 5_000}`, '');
  out.push('[profile short]', `role_arn = ${arn(1)}`, 'source_profile = p1', '');
  return out.join('\n');
}

describe('list with deep chains and long cycles', () => {
  let sb: Sandbox;
  beforeAll(() => {
    sb = makeSandbox({ config: config() });
  });
  afterAll(() => sb.cleanup());

  it('lists every profile in the table, a long chain by its ends', async () => {
    const r = await sb.awsx(['list']);
    expect(r.stderr).not.toMatch(/call stack|unexpected error/i);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 15_001);
    expect(lines.find((l) => l.startsWith('p9999 '))).toMatch(/p0 -> … 9997 more … -> p9998 -> p9999$/);
    expect(lines.find((l) => l.startsWith('c42 '))).toMatch(
      /error: profile "c42": source_profile chain loops: c42 -> c43 -> c44 -> … 4996 more … -> c41 -> c42$/,
    );
    expect(r.stdout.length).toBeLessThan(4 << 20);
  });

  it("list --json names each entry's source and lists a chain whole only when it is short", async () => {
    const r = await sb.awsx(['list', '--json']);
    expect(r.code).toBe(0);
    // 108 MB before: the 10,000-deep chain repeated in every entry.
    expect(r.stdout.length).toBeLessThan(12 << 20);
    const rows = JSON.parse(r.stdout) as Array<{
      name: string;
      chain: string[] | null;
      source: string | null;
      chainLength: number;
      error: string | null;
    }>;
    expect(rows).toHaveLength(15_001);
    const byName = new Map(rows.map((row) => [row.name, row]));
    expect(byName.get('p9999')).toMatchObject({ chain: null, source: 'p9998', chainLength: 10_000, error: null });
    expect(byName.get('p3')).toMatchObject({ chain: ['p0', 'p1', 'p2', 'p3'], source: 'p2', chainLength: 4 });
    expect(byName.get('p0')).toMatchObject({ chain: ['p0'], source: null, chainLength: 1 });
    expect(byName.get('short')).toMatchObject({ chain: ['p0', 'p1', 'short'], source: 'p1' });
    expect(byName.get('c0')!.error).toMatch(/^profile "c0": source_profile chain loops: c0 -> c1/);
    // Walking `source` from the top reaches the root through every profile of the chain.
    let steps = 0;
    for (let at = byName.get('p9999'); at?.source; at = byName.get(at.source)) steps++;
    expect(steps).toBe(9_999);
  });
});
