// A chain as a linked list: each profile's node points at its source's node (toward the root), so a chain
// of 10,000 profiles is 10,000 nodes; its names and role hops are read off by walking the links.
import type { RoleHop, RootSource } from './credential-chain.js';
import type { ProfileConfigError } from './errors.js';

export interface ChainNode {
  /** The profile of this step. */
  readonly name: string;
  readonly root: RootSource;
  /** This step's role (absent on a root's own node). */
  readonly hop?: RoleHop;
  /** The step below, toward the root (absent when the root is this profile's own: keys, credential_source). */
  readonly prev?: ChainNode;
  /** Profiles from the bottom of the chain to this one, inclusive. */
  readonly depth: number;
  /** The profile at the bottom of the chain (whose own providers give the root). */
  readonly bottom: string;
  /** The first MFA device from the root up. */
  readonly mfaSerial?: string;
  readonly externalId: boolean;
}

export type ChainResult = ChainNode | ProfileConfigError;

// Every node has the same fields (one object shape for V8, however many profiles).
export function rootNode(name: string, root: RootSource): ChainNode {
  const mfaSerial = rootMfaSerial(root);
  return { name, root, hop: undefined, prev: undefined, depth: 1, bottom: name, mfaSerial, externalId: false };
}

export function node(name: string, hop: RoleHop, prev: ChainNode | undefined, root: RootSource): ChainNode {
  const below = prev ? prev.mfaSerial : rootMfaSerial(root);
  const externalId = (prev !== undefined && prev.externalId) || hop.externalId !== undefined;
  return {
    name,
    root,
    hop,
    prev,
    depth: (prev ? prev.depth : 0) + 1,
    bottom: prev ? prev.bottom : name,
    mfaSerial: below ?? hop.mfaSerial,
    externalId,
  };
}

/** The MFA device of long-term keys (in the files or the keyring): their MFA session needs its code. */
function rootMfaSerial(root: RootSource): string | undefined {
  return root.kind === 'static' || root.kind === 'keyring' ? root.mfaSerial : undefined;
}

/** The profiles of a chain, bottom first, this one last. */
export function chainNames(n: ChainNode): string[] {
  const out: string[] = new Array<string>(n.depth);
  let i = n.depth;
  for (let at: ChainNode | undefined = n; at; at = at.prev) out[--i] = at.name;
  return i === 0 ? out : out.slice(i);
}

/** The role hops of a chain, bottom first. */
export function chainHops(n: ChainNode): RoleHop[] {
  const out: RoleHop[] = [];
  for (let at: ChainNode | undefined = n; at; at = at.prev) if (at.hop) out.push(at.hop);
  return out.reverse();
}
