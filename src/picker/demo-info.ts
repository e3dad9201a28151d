// What the picker shows while `awsx demo` runs: that it is a demo, and the MFA code the demo accepts now.
import type { Env } from '../config/paths.js';
import { currentMfaCode, mfaCodeSecondsLeft } from '../emulator/sts-mfa.js';

export interface DemoInfo {
  mfaCode: string;
  secondsLeft: number;
}

export function demoInfo(env: Env, now: number): DemoInfo | undefined {
  if (env.AWSX_DEMO !== '1' || !env.AWSX_DEMO_MFA_SEED) return undefined;
  return { mfaCode: currentMfaCode(env.AWSX_DEMO_MFA_SEED, now), secondsLeft: mfaCodeSecondsLeft(now) };
}
