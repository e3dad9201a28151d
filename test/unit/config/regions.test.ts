// awsx's region table is the AWS SDK's (its endpoint rules' partitions), kept the same by this test, and
// what it accepts.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isValidRegion, knownRegions, PARTITIONS, regionPartition } from '../../../src/config/regions.js';

interface SdkPartition {
  id: string;
  regionRegex: string;
  regions: Record<string, unknown>;
}

function sdkPartitions(): SdkPartition[] {
  const require = createRequire(import.meta.url);
  const core = dirname(require.resolve('@aws-sdk/core/package.json'));
  const text = readFileSync(join(core, 'dist-cjs', 'submodules', 'client', 'index.js'), 'utf8');
  const start = text.indexOf('"partitions": [');
  expect(start).toBeGreaterThan(0);
  // The data is a JSON literal inside the bundle: take the balanced object around "partitions".
  const open = text.lastIndexOf('{', start);
  let depth = 0;
  let end = open;
  for (; end < text.length; end++) {
    if (text[end] === '{') depth++;
    else if (text[end] === '}' && --depth === 0) break;
  }
  return (JSON.parse(text.slice(open, end + 1)) as { partitions: SdkPartition[] }).partitions;
}

describe('regions', () => {
  it("match the SDK's partitions: ids, naming patterns and listed regions", () => {
    const sdk = sdkPartitions();
    expect(PARTITIONS.map((p) => p.id)).toEqual(sdk.map((p) => p.id));
    for (const p of sdk) {
      const mine = PARTITIONS.find((x) => x.id === p.id)!;
      expect(mine.pattern.source).toBe(p.regionRegex.replace(/\\-/g, '-'));
      expect(mine.regions).toEqual(Object.keys(p.regions));
    }
  });

  it("accept every partition's names and patterns, and nothing else", () => {
    for (const r of [
      'us-east-1',
      'eu-west-3',
      'cn-north-1',
      'us-gov-west-1',
      'us-isob-east-1',
      'eusc-de-east-1',
      'aws-global',
      'ap-southeast-9',
    ])
      expect(isValidRegion(r)).toBe(true);
    for (const r of ['mars', 'Eu-West-1', 'eu-west', 'eu_west_1', 'xx-east-1', 'us-east-1 ', ''])
      expect(isValidRegion(r)).toBe(false);
    expect(regionPartition('cn-northwest-1')).toBe('aws-cn');
    expect(regionPartition('us-gov-east-1')).toBe('aws-us-gov');
    expect(knownRegions()).toContain('eu-central-2');
    expect(knownRegions()).not.toContain('aws-global');
  });
});
