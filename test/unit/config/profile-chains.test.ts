// The profile graph without recursion: deep chains and long cycles give per-profile answers, every other
// profile is listed, and nothing depends on section order. A fuzz run checks the graph against a small
// reference written the way botocore's AssumeRoleProvider walks (recursion and a visited list), on graphs
// small enough for it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProfileConfigError } from '../../../src/config/errors.js';
import { parseAwsFiles, type Values } from '../../../src/config/load-config.js';
import { ProfileGraph, type Profile } from '../../../src/config/profile-graph.js';

const arn = (i: number | string): string => `arn:aws:iam::111111111111:role/R${i}`;
const graphOf = (config: string, credentials = ''): ProfileGraph =>
  new ProfileGraph(parseAwsFiles(config, credentials));

function deepChain(depth: number): string {
  const out = ['[profile p0]', 'aws_access_key_id = AKIAROOTROOTROOTROOT', 'aws_secret_access_key = s', ''];
  for (let i = 1; i < depth; i++) out.push(`[profile p${i}]`, `role_arn = ${arn(i)}`, `source_profile = p${i - 1}`, '');
  return out.join('\n');
}

function cycle(size: number, prefix = 'c'): string {
  const out: string[] = [];
  for (let i = 0; i < size; i++)
    out.push(`[profile ${prefix}${i}]`, `role_arn = ${arn(i)}`, `source_profile = ${prefix}${(i + 1) % size}`, '');
  return out.join('\n');
}

const OTHERS =
  '[profile keys]\naws_access_key_id = AKIAOTHEROTHEROTHER1\naws_secret_access_key = s\n\n[profile on-keys]\nrole_arn = arn:aws:iam::222222222222:role/X\nsource_profile = keys\n';

describe('deep chains and long cycles', () => {
  it('a 10,000-deep source_profile chain resolves every profile, without recursion', () => {
    const graph = graphOf(`${deepChain(10_000)}\n${OTHERS}`);
    const all = graph.all();
    expect(all).toHaveLength(10_002);
    expect(all.filter((p) => p.error)).toEqual([]);
    const top = graph.get('p9999')!;
    expect(top).toMatchObject({
      chainLength: 10_000,
      source: 'p9998',
      chainStart: 'p0',
      root: { kind: 'static', profile: 'p0' },
    });
    expect(top.hops).toHaveLength(9_999);
    expect(top.parents).toHaveLength(9_999);
    expect(top.parents[0]).toBe('p0');
    expect(JSON.stringify(top).length).toBeLessThan(2_000);
  });

  it.each([2_000, 5_000])(
    'a %i-profile cycle gives each profile its own bounded error; the others are listed',
    (size) => {
      const graph = graphOf(`${cycle(size)}\n${OTHERS}`);
      const all = graph.all();
      expect(all).toHaveLength(size + 2);
      expect(graph.get('on-keys')!.error).toBeUndefined();
      for (const name of ['c0', 'c1', `c${size - 1}`]) {
        const error = graph.get(name)!.error!;
        expect(error).toBeInstanceOf(ProfileConfigError);
        expect(error.message).toMatch(new RegExp(`^profile "${name}": source_profile chain loops: ${name} -> `));
        expect(error.message).toMatch(new RegExp(`-> ${name}$`));
        expect(error.message.length).toBeLessThan(300);
      }
      expect(graph.get('c0')!.error!.message).toBe(
        `profile "c0": source_profile chain loops: c0 -> c1 -> c2 -> … ${size - 4} more … -> c${size - 1} -> c0`,
      );
    },
  );

  it('a chain running into a loop names its own way in, and so does a 10,000-deep tail', () => {
    const tail = ['[profile t0]', `role_arn = ${arn('t')}`, 'source_profile = t1', ''];
    for (let i = 1; i < 10_000; i++)
      tail.push(`[profile t${i}]`, `role_arn = ${arn(i)}`, `source_profile = ${i === 9_999 ? 'c0' : `t${i + 1}`}`, '');
    const graph = graphOf(`${tail.join('\n')}\n${cycle(3)}`);
    expect(graph.get('t9999')!.error!.message).toBe(
      'profile "t9999": source_profile chain loops: t9999 -> c0 -> c1 -> c2 -> c0',
    );
    expect(graph.get('t0')!.error!.message).toBe(
      'profile "t0": source_profile chain loops: t0 -> t1 -> t2 -> … 9999 more … -> c2 -> c0',
    );
    expect(graph.all().filter((p) => !p.error)).toEqual([]);
  });
});

describe('section order and resolution order do not change any answer', () => {
  const CONFIG = `
[profile a]
aws_access_key_id = AKIAAAAAAAAAAAAAAAA1
aws_secret_access_key = s
role_arn = ${arn('a')}
source_profile = b

[profile b]
role_arn = ${arn('b')}
source_profile = a

[profile c]
role_arn = ${arn('c')}
source_profile = b

[profile d]
role_arn = ${arn('d')}
source_profile = e

[profile e]
role_arn = ${arn('e')}
source_profile = d

[profile f]
role_arn = ${arn('f')}
source_profile = d
`;

  it("a cycle through a profile with keys: b and c run on a's keys; a itself loops (as botocore: issue 17, item 5)", () => {
    const graph = graphOf(CONFIG);
    expect(graph.get('b')!.error).toBeUndefined();
    expect(graph.get('b')).toMatchObject({ parents: ['a'], root: { kind: 'static', profile: 'a' } });
    expect(graph.get('c')!.error).toBeUndefined();
    expect(graph.get('c')).toMatchObject({ parents: ['a', 'b'] });
    expect(graph.get('a')!.error!.message).toBe('profile "a": source_profile chain loops: a -> b -> a');
    expect(graph.get('f')!.error!.message).toBe('profile "f": source_profile chain loops: f -> d -> e -> d');
  });

  it('every permutation of the sections, and every order of asking, gives the same profiles', () => {
    const sections = CONFIG.trim().split(/\n\n/);
    const expected = view(graphOf(CONFIG).all());
    fc.assert(
      fc.property(
        fc.shuffledSubarray(sections, { minLength: sections.length, maxLength: sections.length }),
        fc.boolean(),
        (order, askFirst) => {
          const graph = graphOf(order.join('\n\n'));
          // Asking for profiles one by one (in reverse) before listing them must not change the answers.
          if (askFirst) for (const name of [...graph.names()].reverse()) graph.get(name);
          expect(sortByName(view(graph.all()))).toEqual(sortByName(expected));
        },
      ),
      { numRuns: 200, seed: 17 },
    );
  });
});

type Summary = { name: string; error?: string; root?: string; parents: string[]; hops: string[] };
const view = (profiles: Profile[]): Summary[] =>
  profiles.map((p) => ({
    name: p.name,
    error: p.error?.message,
    root: p.root ? `${p.root.kind}:${p.root.profile}` : undefined,
    parents: p.parents,
    hops: p.hops.map((h) => h.roleArn),
  }));
const sortByName = (rows: Summary[]): Summary[] => [...rows].sort((x, y) => x.name.localeCompare(y.name));

// --- fuzz: the graph against a reference that walks as botocore does --------------------------------------

interface Spec {
  keys: boolean;
  role: boolean;
  source?: number;
}

/** botocore's AssumeRoleProvider on a small graph: recursion with a visited list, as _resolve_source_credentials. */
function reference(
  profiles: Map<string, Values>,
  top: string,
): { error: true } | { root: string; parents: string[]; hops: number } {
  const hasKeys = (v: Values): boolean => v.aws_access_key_id !== undefined || v.aws_secret_access_key !== undefined;
  const hasRole = (v: Values): boolean => v.role_arn !== undefined;
  const visited = [top];
  const viaRole = (name: string): { root: string; parents: string[]; hops: number } | undefined => {
    const v = profiles.get(name)!;
    const source = v.source_profile as string | undefined;
    if (source === undefined || !profiles.has(source)) return undefined;
    if (visited.includes(source) && (source !== name || !hasKeys(profiles.get(source)!))) return undefined;
    visited.push(source);
    const s = profiles.get(source)!;
    if (hasKeys(s) || !hasRole(s)) {
      if (!hasKeys(s)) return undefined; // no credentials at all
      return { root: source, parents: source === name ? [] : [source], hops: 1 };
    }
    const below = viaRole(source);
    return below && { root: below.root, parents: [...below.parents, source], hops: below.hops + 1 };
  };
  const v = profiles.get(top)!;
  if (!hasRole(v)) return hasKeys(v) ? { root: top, parents: [], hops: 0 } : { error: true };
  return viaRole(top) ?? { error: true };
}

describe('fuzz: deep chains, cycles and self-references against the reference walk', () => {
  const spec = fc.record({
    keys: fc.boolean(),
    role: fc.boolean(),
    source: fc.option(fc.nat({ max: 24 }), { nil: undefined }),
  });
  it('agrees on 400 random graphs of up to 25 profiles', () => {
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 25 }), (specs: Spec[]) => {
        const lines: string[] = [];
        specs.forEach((s, i) => {
          lines.push(`[profile p${i}]`);
          if (s.keys) lines.push('aws_access_key_id = AKIAFUZZFUZZFUZZFUZZ', 'aws_secret_access_key = s');
          if (s.role) lines.push(`role_arn = ${arn(i)}`);
          if (s.source !== undefined) lines.push(`source_profile = p${s.source}`);
          lines.push('');
        });
        const files = parseAwsFiles(lines.join('\n'), '');
        const graph = new ProfileGraph(files);
        const values = new Map([...files.profiles].map(([n, p]) => [n, p.values]));
        for (const p of graph.all()) {
          const want = reference(values, p.name);
          if ('error' in want) {
            expect(p.error, p.name).toBeInstanceOf(ProfileConfigError);
          } else {
            expect(p.error?.message, p.name).toBeUndefined();
            expect({ root: p.root?.profile, parents: p.parents, hops: p.hops.length }, p.name).toEqual(want);
          }
        }
      }),
      { numRuns: 400, seed: 1717 },
    );
  });
});
