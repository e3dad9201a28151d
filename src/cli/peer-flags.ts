// The names other tools give awsx's flags, folded into awsx's own before a command runs: --mfa-token
// (aws-vault, granted, awsume) is --mfa-code, --ecs-server (aws-vault exec) is --server. Both spellings with
// different values are an error (exit 2), never a silent pick.
import type { Command } from 'commander';
import { InputError } from '../config/errors.js';

const PEER_NAMES: ReadonlyArray<[peer: string, own: string, peerFlag: string, ownFlag: string]> = [
  ['mfaToken', 'mfaCode', '--mfa-token', '--mfa-code'],
  ['ecsServer', 'server', '--ecs-server', '--server'],
];

export function foldPeerFlags(command: Command): void {
  const flags = command.opts();
  for (const [peer, own, peerFlag, ownFlag] of PEER_NAMES) {
    const value: unknown = flags[peer];
    if (value === undefined) continue;
    const mine: unknown = flags[own];
    if (mine !== undefined && mine !== value) {
      const message = `${peerFlag} and ${ownFlag} are the same flag and were given different values`;
      throw new InputError(message, { hint: `pass only ${ownFlag}` });
    }
    if (command.options.some((o) => o.attributeName() === own)) command.setOptionValue(own, value);
  }
}
