// Links profiles into chains without recursion, as botocore's AssumeRoleProvider follows them: a profile with
// role settings (role_arn, no web_identity_token_file) continues to its source_profile; a source profile with
// any key, or without role settings, ends the chain with its own providers (profile-kinds.ts). botocore
// refuses a chain that comes back to a profile it passed (only a profile naming itself, and holding keys, may).
//
// Each chain is a linked list of nodes (chain-node.ts): a profile's node points at its source's node, so
// 10,000 profiles in one chain cost 10,000 nodes, not 50 million array entries, and the answer does not
// depend on section order. A walk is a loop over a stack; a source reached from several profiles is resolved
// once.
import { ProfileConfigError } from './errors.js';
import type { IniValue } from './ini-values.js';
import { keyringRoot, usesKeyring } from './keyring-root.js';
import { stringValue, type AwsFiles, type RawProfile } from './load-config.js';
import {
  CREDENTIAL_SOURCES,
  continuesAsSource,
  hasAnyKey,
  hasRoleVars,
  profileProvider,
  type CredentialSource,
} from './profile-kinds.js';
import type { RoleHop, RootSource } from './credential-chain.js';
import { roleHop, staticRoot } from './profile-roots.js';
import { node, rootNode, type ChainResult } from './chain-node.js';
import { resolveSsoSettings } from './sso-settings.js';

/** A loop's path as an error names it: `count` names, ending `before -> closing`. */
interface LoopPath {
  count: number;
  closing: string;
  before: string;
}

/** What a continuing profile's own settings say (botocore's _get_role_config), before its source is known. */
type RoleStep = { hop: RoleHop; source: string } | ChainResult;

export class ChainResolver {
  /** Each profile's chain when it is reached as a source_profile (also its own chain when it has no keys). */
  private readonly asSource = new Map<string, ChainResult>();

  constructor(private readonly files: AwsFiles) {}

  /** The chain of a profile named on its own (the AWS CLI's --profile): assume-role first. */
  top(raw: RawProfile): ChainResult {
    if (!hasRoleVars(raw.values) || continuesAsSource(raw.values)) return this.source(raw.name);
    // Role settings and keys: its role runs on a chain that must not come back to it.
    const step = this.roleStep(raw, true);
    if (!('source' in step)) return step;
    const below = this.source(step.source);
    if (below instanceof ProfileConfigError) return below;
    if (below.bottom === raw.name) {
      let before = below;
      while (before.prev && before.prev.prev) before = before.prev;
      return this.loopError(raw.name, { count: below.depth + 1, closing: raw.name, before: before.name });
    }
    return node(raw.name, step.hop, below, below.root);
  }

  /** The chain of `start` reached as a source_profile, walked with a stack. */
  source(start: string): ChainResult {
    const known = this.asSource.get(start);
    if (known) return known;
    const profiles = this.files.profiles;
    // Made only when the walk passes a role profile (most profiles end the walk at once).
    let pending: Array<{ name: string; hop: RoleHop }> | undefined;
    let onPath: Map<string, number> | undefined;
    let name = start;
    let result: ChainResult;
    for (;;) {
      const memo = this.asSource.get(name);
      if (memo) {
        result = memo;
        break;
      }
      const raw = profiles.get(name)!;
      if (!continuesAsSource(raw.values)) {
        result = this.own(raw, hasRoleVars(raw.values));
        this.asSource.set(name, result);
        break;
      }
      const step = this.roleStep(raw, false);
      if (!('source' in step)) {
        result = step;
        this.asSource.set(name, result);
        break;
      }
      pending ??= [];
      onPath ??= new Map();
      onPath.set(name, pending.length);
      pending.push({ name, hop: step.hop });
      const at = onPath.get(step.source);
      if (at !== undefined) {
        // pending[at..] is a loop: each of its profiles names the loop from itself.
        const size = pending.length - at;
        for (let k = at; k < pending.length; k++) {
          const before = pending[at + ((k - at - 1 + size) % size)]!.name;
          this.asSource.set(
            pending[k]!.name,
            this.loopError(pending[k]!.name, { count: size + 1, closing: pending[k]!.name, before }),
          );
        }
        result = this.asSource.get(pending[at]!.name)!;
        pending.length = at;
        break;
      }
      name = step.source;
    }
    for (let i = (pending?.length ?? 0) - 1; i >= 0; i--) {
      const { name: own, hop } = pending![i]!;
      if (result instanceof ProfileConfigError) {
        // A profile leading into a loop names its own way into it; any other error is the source's own.
        const loop = this.loops.get(result);
        if (loop) result = this.loopError(own, { ...loop, count: loop.count + 1 });
      } else {
        result = node(own, hop, result, result.root);
      }
      this.asSource.set(own, result);
    }
    return result;
  }

  /** Loop errors and the path they name: the same whatever order the profiles are resolved in. */
  private readonly loops = new WeakMap<ProfileConfigError, LoopPath>();

  private loopError(name: string, path: LoopPath): ProfileConfigError {
    // The path's first names follow source_profile from `name`; the last two are known.
    const nameAt = (i: number): string => {
      if (i === path.count - 1) return path.closing;
      if (i === path.count - 2) return path.before;
      let at = name;
      for (let step = 0; step < i; step++) at = valueText(this.files.profiles.get(at)!.values.source_profile!);
      return at;
    };
    const error = new ProfileConfigError(
      `profile "${name}": source_profile chain loops: ${pathText(path.count, nameAt)}`,
      {
        profile: name,
        hint: 'point one of these profiles at a profile with credentials',
      },
    );
    this.loops.set(error, path);
    return error;
  }

  /** A role profile's own checks, and where its chain continues (its source) or ends (credential_source). */
  private roleStep(raw: RawProfile, hasKeys: boolean): RoleStep {
    const name = raw.name;
    const v = raw.values;
    const fail = (message: string, hint: string): ProfileConfigError =>
      new ProfileConfigError(`profile "${name}"${message}`, { profile: name, hint });
    const hop = roleHop(name, v);
    if (hop instanceof ProfileConfigError) return hop;
    const source = v.source_profile;
    const credentialSource = v.credential_source;
    if (source !== undefined && credentialSource !== undefined)
      return fail(' has both source_profile and credential_source', 'keep exactly one of them');
    if (credentialSource !== undefined) {
      if (!(CREDENTIAL_SOURCES as readonly unknown[]).includes(credentialSource)) {
        return fail(
          `: credential_source "${valueText(credentialSource)}" is not one of ${CREDENTIAL_SOURCES.join(', ')}`,
          'the value is case-sensitive',
        );
      }
      const root: RootSource = {
        kind: 'credential-source',
        profile: name,
        source: credentialSource as CredentialSource,
        region: stringValue(v, 'region'),
      };
      return node(name, hop, undefined, root);
    }
    if (source === undefined)
      return fail(
        ' has role_arn but no source_profile or credential_source',
        'add source_profile = <profile with credentials>',
      );
    if (typeof source !== 'string' || !this.files.profiles.has(source)) {
      return fail(
        `: source_profile "${valueText(source)}" does not exist`,
        `add a [profile ${valueText(source)}] section or fix source_profile`,
      );
    }
    if (source === name) {
      // botocore lets a profile be its own source only when it holds keys: its role on its own keys.
      if (!hasKeys || !hasAnyKey(v))
        return fail(
          ' uses itself as source_profile but has no keys of its own',
          'point source_profile at a profile with credentials',
        );
      const own = this.own(raw, true);
      return own instanceof ProfileConfigError ? own : node(name, hop, undefined, own.root);
    }
    return { hop, source };
  }

  /**
   * The root a profile's own providers give (web identity, SSO, keys, login, process); `forRole`: its
   * mfa_serial is its role's. awsx's own provider comes first: keys it keeps in the keyring (keyring-root.ts).
   */
  private own(raw: RawProfile, forRole: boolean): ChainResult {
    const name = raw.name;
    const v = raw.values;
    const record = this.files.keyring?.get(name);
    if (record && usesKeyring(name, v, record)) return rootNode(name, keyringRoot(name, v, record));
    const fail = (message: string, hint: string): ProfileConfigError =>
      new ProfileConfigError(`profile "${name}"${message}`, { profile: name, hint });
    switch (profileProvider(raw)) {
      case 'assume-role-with-web-identity': {
        if (v.role_arn === undefined)
          return fail(' has web_identity_token_file but no role_arn', 'add the role_arn to assume with the token');
        // botocore and the JS SDK read no duration_seconds for AssumeRoleWithWebIdentity.
        const hop = roleHop(name, v, false);
        if (hop instanceof ProfileConfigError) return hop;
        return rootNode(name, {
          kind: 'web-identity',
          profile: name,
          hop,
          tokenFile: stringValue(v, 'web_identity_token_file')!,
          region: hop.region,
        });
      }
      case 'sso': {
        const sso = resolveSsoSettings(name, v, this.files.ssoSessions);
        if (sso instanceof ProfileConfigError) return sso;
        const accountId = stringValue(v, 'sso_account_id');
        const roleName = stringValue(v, 'sso_role_name');
        if (!accountId || !roleName)
          return fail(
            ` has ${accountId ? 'no sso_role_name' : 'no sso_account_id'}`,
            'an SSO profile needs both sso_account_id and sso_role_name',
          );
        if (!/^\d{12}$/.test(accountId))
          return fail(`: sso_account_id "${accountId}" is not a 12-digit account id`, 'fix sso_account_id');
        return rootNode(name, {
          kind: 'sso',
          profile: name,
          sso,
          accountId,
          roleName,
          region: stringValue(v, 'region'),
        });
      }
      case 'shared-credentials-file':
      case 'config-file': {
        const inCredentials = raw.credentialsValues?.aws_access_key_id !== undefined;
        const root = staticRoot(
          name,
          (inCredentials ? raw.credentialsValues : raw.configValues)!,
          v,
          inCredentials ? 'credentials' : 'config',
        );
        if (root instanceof ProfileConfigError) return root;
        if (forRole) {
          delete root.mfaSerial;
          delete root.mfaProcess;
        }
        return rootNode(name, root);
      }
      case 'login': {
        const session = stringValue(v, 'login_session');
        if (!session) return fail(': login_session is empty', 'run aws login again, or remove the empty login_session');
        return rootNode(name, { kind: 'login', profile: name, session, region: stringValue(v, 'region') });
      }
      case 'custom-process': {
        const command = stringValue(v, 'credential_process');
        if (!command)
          return fail(': credential_process is empty', 'set the command, or remove the empty credential_process');
        return rootNode(name, { kind: 'process', profile: name, command, region: stringValue(v, 'region') });
      }
      default:
        if (stringValue(v, 'sso_session')) {
          return fail(
            ' names sso_session but has no sso_account_id / sso_role_name, so it holds no role',
            `use it to log in (awsx sso login --profile ${name}) or add the account and role`,
          );
        }
        return fail(
          ' has no credentials: no keys, role_arn, sso_* keys, login_session or credential_process',
          'add aws_access_key_id/aws_secret_access_key, or role_arn with source_profile',
        );
    }
  }
}

/** `a -> b -> c`, or for a long path its first three and last two names around a count. */
export function pathText(count: number, nameAt: (i: number) => string): string {
  if (count <= 6) return Array.from({ length: count }, (_, i) => nameAt(i)).join(' -> ');
  const last = `${nameAt(count - 2)} -> ${nameAt(count - 1)}`;
  return `${nameAt(0)} -> ${nameAt(1)} -> ${nameAt(2)} -> … ${count - 5} more … -> ${last}`;
}

/** A value for a message: a nested block (indented `key = value` lines) as its lines, not [object Object]. */
function valueText(value: IniValue): string {
  if (typeof value === 'string') return value;
  return Object.entries(value)
    .map(([key, v]) => `${key} = ${v}`)
    .join(', ');
}
