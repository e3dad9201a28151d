// The cached sessions, indexed so that a profile's row looks up its session without planning every profile.
import type { Profile } from '../config/profile-graph.js';
import type { RoleHop, RootSource } from '../config/credential-chain.js';
import type { Services } from '../credentials/context.js';
import { buildPlan } from '../credentials/plan.js';
import { finalStepSignature, preparePlan, roleSignature } from '../credentials/prepared-plan.js';
import type { CachedSession } from '../credentials/session-cache.js';

/** Cache key of the session `awsx assume NAME` (no flags) would produce, or undefined. */
export function defaultCacheKey(services: Services, p: Profile): string | undefined {
  if (p.error || !p.root) return undefined;
  try {
    return preparePlan(
      buildPlan({ kind: 'profile', name: p.name }, {}, { graph: services.graph, env: services.env }),
      services.env,
    ).finalKey;
  } catch {
    return undefined;
  }
}

/**
 * The cached sessions, and which plans' final steps they can be (finalStepSignature). A plan's key costs a
 * plan and a SHA-1 per hop (docs/benchmarks.md): only plans whose signature matches are hashed,
 * so one cached session no longer costs a plan per profile. A session whose signature cannot be told from
 * its file compares its whole group (every role, MFA or IAM Identity Center plan), as all were before.
 */
export class CachedSessions {
  private readonly signatures = new Set<string>();
  /** Groups ('role', 'mfa', 'sso') every plan of which must be compared; '*' for all. */
  private readonly groups = new Set<string>();

  constructor(
    private readonly services: Services,
    readonly byKey: Map<string, CachedSession>,
  ) {
    for (const session of byKey.values()) this.index(session);
  }

  get size(): number {
    return this.byKey.size;
  }

  /** Whether a plan with this root and hops can be a cached session (true: compute its key and look). */
  mayHold(root: RootSource, hops: readonly RoleHop[]): boolean {
    if (this.byKey.size === 0) return false;
    const signature = finalStepSignature(root, hops);
    if (signature === undefined) return false;
    return (
      this.groups.has('*') ||
      this.signatures.has(signature) ||
      this.groups.has(signature.slice(0, signature.indexOf(' ')))
    );
  }

  /** The default plan's cache key of a profile, when a cached session can be its (else undefined). */
  keyOf(p: Profile): string | undefined {
    return p.error || !p.root || !this.mayHold(p.root, p.hops) ? undefined : defaultCacheKey(this.services, p);
  }

  private index(s: CachedSession): void {
    switch (s.kind) {
      case 'mfa-session':
        // The step's profile is the static root's, which is part of the key.
        if (s.profile) this.signatures.add(`mfa ${s.profile}`);
        else if (!this.verified(s)) this.groups.add('mfa');
        return;
      case 'key-session':
        if (s.profile) this.signatures.add(`keys ${s.profile}`);
        else if (!this.verified(s)) this.groups.add('keys');
        return;
      case 'role':
      case 'web-identity': {
        // STS's assumed-role ARN names the role's account and name, both in the key's last hop. When no profile
        // the session names assumes that role (a stand-in STS, an edited config), its own key decides as well.
        const m = ASSUMED_ROLE.exec(s.arn ?? '');
        const signature = m ? roleSignature(m[1]!, m[2]!) : undefined;
        if (signature) this.signatures.add(signature);
        if (signature && this.named(s).some((p) => p.root && finalStepSignature(p.root, p.hops) === signature)) return;
        if (!this.verified(s) && !signature) this.groups.add('role');
        return;
      }
      case 'sso-role': {
        if (this.verified(s)) return;
        // A discovered role's session: its target sso:ACCOUNT/ROLE is the label, ACCOUNT/ROLE the chain.
        const m = SSO_TARGET.exec(String(s.label));
        if (m && s.chain?.length === 1 && s.chain[0] === `${m[1]}/${m[2]}`) this.signatures.add(`sso ${m[1]}/${m[2]}`);
        else this.groups.add('sso');
        return;
      }
      default:
        this.groups.add('*');
    }
  }

  /** The profiles a session's file names (its target or step, then its chain). */
  private named(s: CachedSession): Profile[] {
    const { graph } = this.services;
    const out: Profile[] = [];
    for (const name of new Set([s.profile, ...(Array.isArray(s.chain) ? s.chain : [])]))
      if (name !== undefined && graph.has(name)) out.push(graph.get(name)!);
    return out;
  }

  /** A profile the session names whose default key is the session's: then its signature is the session's. */
  private verified(s: CachedSession): boolean {
    for (const p of this.named(s)) {
      if (!p.root || defaultCacheKey(this.services, p) !== s.key) continue;
      this.signatures.add(finalStepSignature(p.root, p.hops)!);
      return true;
    }
    return false;
  }
}

const ASSUMED_ROLE = /^arn:[\w-]+:sts::(\d{12}):assumed-role\/([^/]+)\//;
const SSO_TARGET = /^sso:(\d{12})\/(.+)$/;
