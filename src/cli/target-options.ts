// The shared target flags (target-flags.ts) translated into a plan and engine hooks.
import { InputError } from '../config/errors.js';
import { debugLog, userLine } from '../config/redact.js';
import { parseDuration } from '../config/validate.js';
import { ignoredLinesNotes } from '../config/ignored-lines.js';
import type { Session } from '../credentials/engine.js';
import type { ResolveHooks } from '../credentials/engine-deps.js';
import { profileEnvNote } from '../config/paths.js';
import { buildPlan, parseTarget, planOptionsFromFlags, type Plan, type PlanOptions } from '../credentials/plan.js';
import type { Services } from '../credentials/context.js';
import { ssoRootFor } from '../sso/select.js';
import { terminalPassphraseProvider } from './secret-prompt.js';
import type { TargetFlags } from './target-flags.js';
import { terminalMfaProvider } from './terminal-prompt.js';

export function planOptions(flags: TargetFlags): PlanOptions {
  if (flags.duration !== undefined && parseDuration(flags.duration) === undefined) {
    throw new InputError(`--duration "${flags.duration}" is not a duration`, { hint: 'use seconds (3600) or 1h, 90m' });
  }
  return planOptionsFromFlags(flags);
}

export function planFor(services: Services, target: string, flags: TargetFlags): Plan {
  const options = planOptions(flags);
  return buildPlan(parseTarget(target), options, {
    graph: services.graph,
    env: services.env,
    ssoRoot: ssoRootFor(services.files, services.env),
  });
}

export interface ResolveSettings {
  interactive?: boolean;
  signal?: AbortSignal;
  /** Minimum life a cached session must have to be reused. */
  minRemainingMs?: number;
}

/**
 * One warning per line of the chain's profiles (and per file-wide difference: a BOM, ignored lines) that awsx
 * reads on purpose unlike the AWS CLI: docs/config-parsing.md lists them.
 */
export function differenceNotes(services: Services, plan: Plan): string {
  let out = ignoredLinesNotes(services.files.warnings)
    .map((line) => `awsx: warning: ${line}\n`)
    .join('');
  for (const d of services.files.differences)
    if (d.line === 1 && d.message.includes('byte order mark')) out += `awsx: warning: ${d.file}: ${d.message}\n`;
  for (const name of plan.chain) {
    const raw = services.files.profiles.get(name);
    for (const d of raw?.differences ?? []) out += `awsx: warning: profile "${name}": ${d}\n`;
  }
  return out;
}

/** Resolves TARGET with the flags, notices and progress going to stderr. */
export async function resolveTarget(
  services: Services,
  target: string,
  flags: TargetFlags,
  settings: ResolveSettings = {},
): Promise<Session> {
  const plan = planFor(services, target, flags);
  process.stderr.write(
    differenceNotes(services, plan) + (target.startsWith('arn:') && !flags.profile ? profileEnvNote(services.env) : ''),
  );
  const options = planOptions(flags);
  const hooks: ResolveHooks = {
    noCache: !flags.cache,
    ...(settings.minRemainingMs !== undefined ? { minRemainingMs: settings.minRemainingMs } : {}),
    onEvent: (event) => {
      if (event.type === 'notice') process.stderr.write(`awsx: note: ${userLine(event.message)}\n`);
      else debugLog(`step ${event.index + 1}/${event.total} ${event.status}: ${event.label}`, services.env);
    },
    ...(flags.mfaCode !== undefined ? { mfaCode: flags.mfaCode } : {}),
    ...(flags.ssoAccessToken !== undefined ? { ssoAccessToken: flags.ssoAccessToken } : {}),
    ...(options.duration !== undefined ? { duration: options.duration } : {}),
  };
  const provider = settings.interactive === false ? undefined : terminalMfaProvider();
  if (provider) hooks.mfaCodeProvider = provider;
  const passphrase = settings.interactive === false ? undefined : terminalPassphraseProvider();
  if (passphrase) hooks.passphrase = passphrase;
  // Ctrl-C cancels cleanly: requests are aborted, nothing half-done is written, exit 130.
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  settings.signal?.addEventListener('abort', onSignal);
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  hooks.signal = controller.signal;
  try {
    return await services.engine.resolve(plan, hooks);
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  }
}
