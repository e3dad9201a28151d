// The profile graph: for each profile, its chain from a credential root through role hops, its account,
// role, region, MFA needs and its own loading error. One broken profile never hides the others.
import { ProfileConfigError } from './errors.js';
import type { RoleHop, RootSource } from './credential-chain.js';
import { keyringWarnings, usesKeyring } from './keyring-root.js';
import { stringValue, type AwsFiles, type RawProfile } from './load-config.js';
import { chainHops, chainNames, type ChainNode } from './chain-node.js';
import { ChainResolver } from './profile-chains.js';
import { ambiguities, profileKind, type ProfileKind } from './profile-kinds.js';
import { arnAccount, parseRoleArn } from './validate.js';

export interface Profile {
  name: string;
  kind: ProfileKind;
  region?: string;
  accountId?: string;
  roleArn?: string;
  roleName?: string;
  /** The MFA device the chain needs, if any (the first one found). */
  mfaSerial?: string;
  needsMfa: boolean;
  hasExternalId: boolean;
  ssoSession?: string;
  ssoStartUrl?: string;
  /** awsx_color as written (identity-color.ts checks it). */
  color?: string;
  /** Names from the root to the direct parent; the profile itself is not included (built when first read). */
  readonly parents: string[];
  root?: RootSource;
  /** The role hops from the root up (built when first read). */
  readonly hops: RoleHop[];
  /** The direct source profile of the chain (the last of parents), without building parents. */
  source?: string;
  /** The first profile of the chain (parents[0], or the profile itself), without building parents. */
  chainStart?: string;
  /** Profiles in the chain, this one included (1 for a profile holding its own credentials). */
  chainLength?: number;
  error?: ProfileConfigError;
  warnings: string[];
  inConfig: boolean;
  inCredentials: boolean;
}

export class ProfileGraph {
  private readonly chains: ChainResolver;
  private readonly built = new Map<string, Profile>();

  constructor(readonly files: AwsFiles) {
    this.chains = new ChainResolver(files);
  }

  names(): string[] {
    return [...this.files.profiles.keys()];
  }

  has(name: string): boolean {
    return this.files.profiles.has(name);
  }

  /** The profile, or undefined when no section defines it. */
  get(name: string): Profile | undefined {
    const cached = this.built.get(name);
    if (cached) return cached;
    const raw = this.files.profiles.get(name);
    if (!raw) return undefined;
    const profile = this.build(raw);
    this.built.set(name, profile);
    return profile;
  }

  all(): Profile[] {
    const out: Profile[] = [];
    this.files.profiles.forEach((raw) => {
      let profile = this.built.get(raw.name);
      if (!profile) {
        profile = this.build(raw);
        this.built.set(raw.name, profile);
      }
      out.push(profile);
    });
    return out;
  }

  // Runs once per profile on every start (list, the picker): written for a cold process, where each call,
  // spread and regular expression costs, so each ARN is parsed once and chains stay linked, not copied.
  private build(raw: RawProfile): Profile {
    const v = raw.values;
    const record = this.files.keyring?.get(raw.name);
    const kind = record && usesKeyring(raw.name, v, record) ? 'keyring' : profileKind(raw);
    const result = this.chains.top(raw);
    const failed = result instanceof ProfileConfigError;
    const warnings = record ? ambiguities(raw).concat(keyringWarnings(raw.name, v, record)) : ambiguities(raw);
    const profile = new BuiltProfile(raw, kind, failed ? undefined : result, warnings);
    if (stringValue(v, 'external_id') !== undefined) profile.hasExternalId = true;
    const region = stringValue(v, 'region');
    if (region) profile.region = region;
    const color = stringValue(v, 'awsx_color');
    if (color) profile.color = color;
    const arn = stringValue(v, 'role_arn');
    if (arn) {
      // The profile's own hop (last of a resolved role chain, or a web identity root's) has the ARN parsed.
      const own = failed ? undefined : result.root.kind === 'web-identity' ? result.root.hop : result.hop;
      const parsed = own?.profile === raw.name && own.roleArn === arn ? own : parseRoleArn(arn);
      if (parsed) {
        profile.roleArn = arn;
        profile.roleName = parsed.roleName;
        profile.accountId = parsed.accountId;
      }
    }
    if (kind === 'sso') {
      profile.accountId = stringValue(v, 'sso_account_id');
      profile.roleName = stringValue(v, 'sso_role_name');
    }
    if (kind === 'static') {
      const accountId = stringValue(v, 'aws_account_id');
      if (accountId) profile.accountId = accountId;
    }
    const ssoSession = stringValue(v, 'sso_session');
    if (ssoSession) profile.ssoSession = ssoSession;
    if (kind === 'keyring') {
      const account = record!.userArn ? arnAccount(record!.userArn)?.accountId : undefined;
      if (account) profile.accountId = account;
    }

    if (failed) {
      profile.error = result;
      return profile;
    }
    const root = result.root;
    profile.root = root;
    if (result.prev) profile.source = result.prev.name;
    profile.chainLength = result.depth;
    profile.chainStart = result.bottom;
    if (result.mfaSerial) {
      profile.mfaSerial = result.mfaSerial;
      profile.needsMfa = true;
    }
    profile.hasExternalId = result.externalId;
    if (root.kind === 'sso') {
      profile.ssoSession = root.sso.sessionName;
      profile.ssoStartUrl = root.sso.startUrl;
    }
    return profile;
  }
}

/** Where a built profile keeps its chain: a symbol, so JSON and tests see the profile's fields, not the chain. */
const CHAIN = Symbol('chain');
const PARENTS = Symbol('parents');
const HOPS = Symbol('hops');

/**
 * A profile whose chain lists (parents, hops) are built from its linked chain when first read. Optional
 * fields are `declare`d, so a profile holds only what it has (no field definitions per instance).
 */
class BuiltProfile implements Profile {
  readonly name: string;
  readonly inConfig: boolean;
  readonly inCredentials: boolean;
  needsMfa: boolean;
  hasExternalId: boolean;
  chainLength: number;
  declare region?: string;
  declare color?: string;
  declare accountId?: string;
  declare roleArn?: string;
  declare roleName?: string;
  declare mfaSerial?: string;
  declare ssoSession?: string;
  declare ssoStartUrl?: string;
  declare root?: RootSource;
  declare source?: string;
  declare chainStart?: string;
  declare error?: ProfileConfigError;
  declare [CHAIN]?: ChainNode;
  declare [PARENTS]?: string[];
  declare [HOPS]?: RoleHop[];

  constructor(
    raw: RawProfile,
    readonly kind: ProfileKind,
    node: ChainNode | undefined,
    readonly warnings: string[],
  ) {
    this.name = raw.name;
    this.inConfig = raw.inConfig;
    this.inCredentials = raw.inCredentials;
    this.needsMfa = false;
    this.hasExternalId = false;
    this.chainLength = 1;
    if (node) this[CHAIN] = node;
  }

  get parents(): string[] {
    let list = this[PARENTS];
    if (!list) {
      const node = this[CHAIN];
      list = node ? chainNames(node) : [];
      if (node) list.pop();
      cache(this, PARENTS, list);
    }
    return list;
  }

  get hops(): RoleHop[] {
    let list = this[HOPS];
    if (!list) {
      const node = this[CHAIN];
      list = node ? chainHops(node) : [];
      cache(this, HOPS, list);
    }
    return list;
  }
}

/** Kept off the profile's enumerable fields, so a profile compares equal whether or not its lists were read. */
function cache(profile: BuiltProfile, key: typeof PARENTS | typeof HOPS, list: unknown[]): void {
  Object.defineProperty(profile, key, { value: list, enumerable: false, writable: true, configurable: true });
}
