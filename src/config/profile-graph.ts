// The profile graph: for each profile, its chain from a credential root through role hops, its account,
// role, region, MFA needs and its own loading error. One broken profile never hides the others.
import { ProfileConfigError } from './errors.js';
import { stringValue, type AwsFiles, type RawProfile, type Values } from './load-config.js';
import { ambiguities, CREDENTIAL_SOURCES, hasStaticKeys, profileKind, type CredentialSource, type ProfileKind } from './profile-kinds.js';
import { keysOfRoleProfile, roleHop, staticRoot } from './profile-roots.js';
import { resolveSsoSettings, type SsoSettings } from './sso-settings.js';
import { parseRoleArn } from './validate.js';

export interface RoleHop {
  /** The profile that declares the hop; undefined for ad-hoc hops (an ARN target, --then). */
  profile?: string;
  roleArn: string;
  partition: string;
  accountId: string;
  roleName: string;
  mfaSerial?: string;
  /** A command whose stdout is the MFA code (as in aws-vault). */
  mfaProcess?: string;
  externalId?: string;
  durationSeconds?: number;
  roleSessionName?: string;
  sourceIdentity?: string;
  region?: string;
}

export type RootSource =
  | { kind: 'static'; profile: string; accessKeyId: string; secretAccessKey: string; sessionToken?: string; mfaSerial?: string; mfaProcess?: string; accountId?: string; region?: string }
  | { kind: 'credential-source'; profile: string; source: CredentialSource; region?: string }
  | { kind: 'process'; profile: string; command: string; region?: string }
  | { kind: 'sso'; profile: string; sso: SsoSettings; accountId: string; roleName: string; region?: string }
  | { kind: 'web-identity'; profile: string; hop: RoleHop; tokenFile: string; region?: string };

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
  /** Names from the root to the direct parent; the profile itself is not included. */
  parents: string[];
  root?: RootSource;
  hops: RoleHop[];
  error?: ProfileConfigError;
  warnings: string[];
  inConfig: boolean;
  inCredentials: boolean;
}

interface Resolved {
  root: RootSource;
  hops: RoleHop[];
  parents: string[];
}

export class ProfileGraph {
  private readonly resolved = new Map<string, Resolved | ProfileConfigError>();
  private readonly built = new Map<string, Profile>();

  constructor(readonly files: AwsFiles) {}

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
  // spread and regular expression costs, so each ARN is parsed once.
  private build(raw: RawProfile): Profile {
    const v = raw.values;
    const kind = profileKind(v);
    const result = this.resolve(raw.name, TOP, raw, kind);
    const failed = result instanceof ProfileConfigError;
    // No literal inside a literal: V8 copies such an object the slow way (a deep copy of its boilerplate).
    const profile: Profile = {
      name: raw.name,
      kind,
      parents: failed ? newList<string>() : result.parents,
      hops: failed ? newList<RoleHop>() : result.hops,
      needsMfa: false,
      hasExternalId: stringValue(v, 'external_id') !== undefined,
      warnings: ambiguities(v),
      inConfig: raw.inConfig,
      inCredentials: raw.inCredentials,
    };
    const region = stringValue(v, 'region');
    if (region) profile.region = region;
    const color = stringValue(v, 'awsx_color');
    if (color) profile.color = color;
    const arn = stringValue(v, 'role_arn');
    if (arn) {
      // The profile's own hop (last of a resolved role chain, or a web identity root's) has the ARN parsed.
      const own = failed ? undefined : result.root.kind === 'web-identity' ? result.root.hop : result.hops[result.hops.length - 1];
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

    if (failed) {
      profile.error = result;
      return profile;
    }
    const { root, hops } = result;
    profile.root = root;
    let mfaSerial = root.kind === 'static' ? root.mfaSerial : undefined;
    let hasExternalId = false;
    for (let i = 0; i < hops.length; i++) {
      const hop = hops[i]!;
      if (mfaSerial === undefined) mfaSerial = hop.mfaSerial;
      if (hop.externalId !== undefined) hasExternalId = true;
    }
    if (mfaSerial) {
      profile.mfaSerial = mfaSerial;
      profile.needsMfa = true;
    }
    profile.hasExternalId = hasExternalId;
    if (root.kind === 'sso') {
      profile.ssoSession = root.sso.sessionName;
      profile.ssoStartUrl = root.sso.startUrl;
    }
    return profile;
  }

  /**
   * Resolves a profile's root and hops; `visiting` holds the profiles already on the path (cycle check).
   * `raw` and `kind`: the profile's, when the caller has them already.
   */
  private resolve(name: string, visiting: readonly string[], raw?: RawProfile, kind?: ProfileKind): Resolved | ProfileConfigError {
    // A resolved chain is the same from wherever it is reached (each profile is resolved once, not once per
    // chain through it); an error names the profile it was reached from, so only top-level errors are kept.
    const cached = this.resolved.get(name);
    if (cached && (visiting.length === 0 || !(cached instanceof ProfileConfigError))) return cached;
    const result = this.resolveUncached(name, visiting, raw, kind);
    if (visiting.length === 0 || !(result instanceof ProfileConfigError)) this.resolved.set(name, result);
    return result;
  }

  private resolveUncached(name: string, visiting: readonly string[], raw = this.files.profiles.get(name)!, kind?: ProfileKind): Resolved | ProfileConfigError {
    const v = raw.values;
    const fail = (message: string, hint: string): ProfileConfigError => new ProfileConfigError(message, { profile: visiting[0] ?? name, hint });
    switch (kind ?? profileKind(v)) {
      case 'role':
        return this.resolveRole(name, v, visiting, fail);
      case 'web-identity': {
        const hop = roleHop(name, v);
        if (hop instanceof ProfileConfigError) return hop;
        return resolved({ kind: 'web-identity', profile: name, hop, tokenFile: stringValue(v, 'web_identity_token_file')!, region: hop.region }, [], []);
      }
      case 'sso': {
        const sso = resolveSsoSettings(name, v, this.files.ssoSessions);
        if (sso instanceof ProfileConfigError) return sso;
        const accountId = stringValue(v, 'sso_account_id');
        const roleName = stringValue(v, 'sso_role_name');
        if (!accountId || !roleName) {
          return fail(`profile "${name}" has ${accountId ? 'no sso_role_name' : 'no sso_account_id'}`, 'an SSO profile needs both sso_account_id and sso_role_name');
        }
        if (!/^\d{12}$/.test(accountId)) return fail(`profile "${name}": sso_account_id "${accountId}" is not a 12-digit account id`, 'fix sso_account_id');
        return resolved({ kind: 'sso', profile: name, sso, accountId, roleName, region: stringValue(v, 'region') }, [], []);
      }
      case 'static':
        return resolved(staticRoot(name, v), [], []);
      case 'process':
        return resolved({ kind: 'process', profile: name, command: stringValue(v, 'credential_process')!, region: stringValue(v, 'region') }, [], []);
      default:
        if (stringValue(v, 'sso_session')) {
          return fail(`profile "${name}" names sso_session but has no sso_account_id / sso_role_name, so it holds no role`, `use it to log in (awsx sso login --profile ${name}) or add the account and role`);
        }
        return fail(`profile "${name}" has no credentials: no keys, role_arn, sso_* keys or credential_process`, `add aws_access_key_id/aws_secret_access_key, or role_arn with source_profile`);
    }
  }

  private resolveRole(
    name: string,
    v: Values,
    visiting: readonly string[],
    fail: (message: string, hint: string) => ProfileConfigError,
  ): Resolved | ProfileConfigError {
    const hop = roleHop(name, v);
    if (hop instanceof ProfileConfigError) return hop;
    const source = stringValue(v, 'source_profile');
    const credentialSource = stringValue(v, 'credential_source');
    if (source && credentialSource) {
      return fail(`profile "${name}" has both source_profile and credential_source`, 'keep exactly one of them');
    }
    if (credentialSource) {
      if (!(CREDENTIAL_SOURCES as readonly string[]).includes(credentialSource)) {
        return fail(`profile "${name}": credential_source "${credentialSource}" is not one of ${CREDENTIAL_SOURCES.join(', ')}`, 'the value is case-sensitive');
      }
      return resolved({ kind: 'credential-source', profile: name, source: credentialSource as CredentialSource, region: stringValue(v, 'region') }, [hop], []);
    }
    if (!source) return fail(`profile "${name}" has role_arn but no source_profile or credential_source`, 'add source_profile = <profile with credentials>');
    if (source === name) {
      if (!hasStaticKeys(v)) return fail(`profile "${name}" uses itself as source_profile but has no keys of its own`, 'point source_profile at a profile with credentials');
      return resolved(keysOfRoleProfile(name, v), [hop], []);
    }
    const path = visiting.slice();
    path.push(name);
    if (path.includes(source)) {
      return fail(`profile "${path[0]}": source_profile chain loops: ${[...path, source].join(' -> ')}`, 'point one of these profiles at a profile with credentials');
    }
    const src = this.files.profiles.get(source);
    if (!src) return fail(`profile "${name}": source_profile "${source}" does not exist`, `add a [profile ${source}] section or fix source_profile`);
    // A source with keys lends them and its own role is ignored, as in botocore; with sso_* keys it stays SSO.
    if (hasStaticKeys(src.values) && profileKind(src.values) === 'role') {
      return resolved(keysOfRoleProfile(source, src.values), [hop], [source]);
    }
    const parent = this.resolve(source, path, src);
    if (parent instanceof ProfileConfigError) return parent;
    const hops = parent.hops.slice();
    hops.push(hop);
    const parents = parent.parents.slice();
    parents.push(source);
    return resolved(parent.root, hops, parents);
  }
}

/** The profiles a top-level resolve is reached from: none (never changed: each step copies the path). */
const TOP: readonly string[] = [];

function newList<T>(): T[] {
  return [];
}

function resolved(root: RootSource, hops: RoleHop[], parents: string[]): Resolved {
  return { root, hops, parents };
}
