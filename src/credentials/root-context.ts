// How a run resolves its plan's root: the RootContext the engine hands roots.ts, each callback the one the
// engine's dependencies replace it with, else the real one, loaded only when a root needs it (SSO role
// credentials, the instance's, `aws login`'s, AssumeRoleWithWebIdentity through the run's STS).
import type { Credentials } from '../aws/credentials.js';
import type { EngineDeps, KeyringRoot, ResolveHooks, StsApi } from './engine-deps.js';
import { planSettingsProfile, planStsRegion, type Plan } from './plan.js';
import type { RootContext } from './roots.js';

/** What a run lends its root: its STS and its reader of keyring keys. */
export interface RunCalls {
  sts: () => Promise<StsApi>;
  keyringKeys: (root: KeyringRoot) => Promise<Credentials>;
}

export function runRootContext(deps: EngineDeps, hooks: ResolveHooks, plan: Plan, run: RunCalls): RootContext {
  const settingsProfile = planSettingsProfile(plan);
  return {
    env: deps.env,
    clock: deps.clock,
    signal: hooks.signal,
    ssoCredentials:
      deps.ssoCredentials ??
      (async (root) => {
        const { ssoRoleCredentials } = await import('../sso/role-credentials.js');
        return ssoRoleCredentials(root, deps.env, deps.clock, hooks.signal, hooks.ssoAccessToken, settingsProfile);
      }),
    instance:
      deps.instance ??
      (async (source, profile) =>
        (await import('../aws/instance-credentials.js')).instanceCredentials(source, profile, deps.env)),
    loginCredentials:
      deps.loginCredentials ??
      (async (root, signal) =>
        (await import('./login-session.js')).loginCredentials(root, deps.env, deps.clock, signal)),
    keyring: run.keyringKeys,
    webIdentity: async (root, token, signal) => {
      const sts = await run.sts();
      return sts.assumeRoleWithWebIdentity(
        {
          RoleArn: root.hop.roleArn,
          RoleSessionName: root.hop.roleSessionName ?? `awsx-${deps.clock.now()}`,
          WebIdentityToken: token,
          DurationSeconds: root.hop.durationSeconds,
        },
        {
          region: planStsRegion(plan),
          profile: settingsProfile,
          signal,
          context: { profile: root.profile, action: `assuming ${root.hop.roleArn} with a web identity token` },
        },
      );
    },
  };
}
