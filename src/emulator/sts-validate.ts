// Input validation of STS parameters with the service model's constraints, reported as AWS does:
// "2 validation errors detected: Value 'a b' at 'roleSessionName' failed to satisfy constraint: ...; ...".
import { validationError } from './sts-xml.js';

interface Rule {
  min?: number;
  max?: number;
  /** Shown in the message as in the model. */
  pattern?: string;
  test?: RegExp;
}

export const RULES = {
  roleArn: { min: 20, max: 2048 },
  roleSessionName: { min: 2, max: 64, pattern: '[\\w+=,.@-]*', test: /^[\w+=,.@-]*$/ },
  externalId: { min: 2, max: 1224, pattern: '[\\w+=,.@:\\/-]*', test: /^[\w+=,.@:/-]*$/ },
  serialNumber: { min: 9, max: 256, pattern: '[\\w+=/:,.@-]*', test: /^[\w+=/:,.@-]*$/ },
  tokenCode: { min: 6, max: 6, pattern: '[\\d]*', test: /^\d*$/ },
  sourceIdentity: { min: 2, max: 64, pattern: '[\\w+=,.@-]*', test: /^[\w+=,.@-]*$/ },
  name: { min: 2, max: 32, pattern: '[\\w+=,.@-]*', test: /^[\w+=,.@-]*$/ },
  policy: { min: 1, max: 2048, pattern: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+', test: /^[\t\n\r\u0020-\u00FF]+$/ },
  webIdentityToken: { min: 4, max: 20000 },
  providerId: { min: 4, max: 2048 },
} satisfies Record<string, Rule>;

/** Collects the validation failures of one request; `done()` throws them as one ValidationError. */
export class Checker {
  private readonly errors: string[] = [];

  constructor(private readonly params: Record<string, string>) {}

  private fail(value: string | null, member: string, constraint: string): void {
    const shown = value === null ? 'null' : `'${value}'`;
    this.errors.push(`Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`);
  }

  /** A string parameter (Query name e.g. "RoleSessionName"); undefined when absent and optional. */
  str(name: string, rule: Rule, required = false): string | undefined {
    const member = name[0]!.toLowerCase() + name.slice(1);
    const value = this.params[name];
    if (value === undefined) {
      if (required) this.fail(null, member, 'Member must not be null');
      return undefined;
    }
    if (rule.min !== undefined && value.length < rule.min)
      this.fail(value, member, `Member must have length greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && value.length > rule.max)
      this.fail(value, member, `Member must have length less than or equal to ${rule.max}`);
    if (rule.test && rule.pattern && !rule.test.test(value))
      this.fail(value, member, `Member must satisfy regular expression pattern: ${rule.pattern}`);
    return value;
  }

  /** DurationSeconds: an integer in [min, max]; undefined when absent. */
  duration(min: number, max: number): number | undefined {
    const raw = this.params.DurationSeconds;
    if (raw === undefined) return undefined;
    if (!/^-?\d+$/.test(raw)) {
      this.errors.push(`Value '${raw}' at 'durationSeconds' failed to satisfy constraint: Member must be an integer`);
      return undefined;
    }
    const n = Number(raw);
    if (n < min) this.fail(raw, 'durationSeconds', `Member must have value greater than or equal to ${min}`);
    if (n > max) this.fail(raw, 'durationSeconds', `Member must have value less than or equal to ${max}`);
    return n;
  }

  /** Tags.member.N.Key/Value: at most 50, key 1-128, value 0-256, keys unique ignoring case. */
  tags(): Array<{ key: string; value: string }> {
    const tags = members(this.params, 'Tags').map((m) => ({ key: m.Key ?? '', value: m.Value ?? '' }));
    if (tags.length > 50)
      this.fail(`[${tags.length} tags]`, 'tags', 'Member must have length less than or equal to 50');
    tags.forEach((t, i) => {
      if (t.key.length < 1 || t.key.length > 128)
        this.fail(t.key, `tags.${i + 1}.member.key`, 'Member must have length between 1 and 128');
      if (t.value.length > 256)
        this.fail(t.value, `tags.${i + 1}.member.value`, 'Member must have length less than or equal to 256');
    });
    const keys = new Set(tags.map((t) => t.key.toLowerCase()));
    if (keys.size !== tags.length)
      this.errors.push('Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    const transitive = list(this.params, 'TransitiveTagKeys');
    if (transitive.length > 50)
      this.fail(`[${transitive.length} keys]`, 'transitiveTagKeys', 'Member must have length less than or equal to 50');
    return tags;
  }

  /** PolicyArns.member.N.arn: at most 10. */
  policyArns(): string[] {
    const arns = members(this.params, 'PolicyArns').map((m) => m.arn ?? '');
    if (arns.length > 10)
      this.fail(`[${arns.length} ARNs]`, 'policyArns', 'Member must have length less than or equal to 10');
    return arns;
  }

  /** Throws the collected failures, if any. */
  done(): void {
    const n = this.errors.length;
    if (n === 0) return;
    throw validationError(`${n} validation error${n === 1 ? '' : 's'} detected: ${this.errors.join('; ')}`);
  }
}

/** `Name.member.N.Field` parameters as an ordered list of field maps. */
export function members(params: Record<string, string>, name: string): Array<Record<string, string>> {
  const out: Array<Record<string, string>> = [];
  const re = new RegExp(`^${name}\\.member\\.(\\d+)\\.(\\w+)$`);
  for (const [k, v] of Object.entries(params)) {
    const m = re.exec(k);
    if (!m) continue;
    const i = Number(m[1]) - 1;
    (out[i] ??= {})[m[2]!] = v;
  }
  return out.filter(Boolean);
}

/** `Name.member.N` scalar list parameters. */
export function list(params: Record<string, string>, name: string): string[] {
  const re = new RegExp(`^${name}\\.member\\.(\\d+)$`);
  return Object.entries(params)
    .map(([k, v]) => [re.exec(k)?.[1], v] as const)
    .filter(([i]) => i !== undefined)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, v]) => v);
}
