// What a sign-in flow (pkce-flow.ts, device-flow.ts) gets from login.ts, and what a caller of ssoLogin passes
// and hears back: the options, the progress events and the flows' shared context.
import type { Clock } from '../config/clock.js';
import type { Env } from '../config/paths.js';
import type { SsoSettings } from '../config/sso-settings.js';
import type { CachedRegistration } from './registration-cache.js';

/** Structured progress for a UI (the picker shows the code inline with a spinner); `notify` gets the same as text. */
export type LoginEvent =
  | {
      type: 'device-code';
      userCode: string;
      verificationUri: string;
      verificationUriComplete?: string;
      expiresAt: Date;
    }
  | { type: 'url'; url: string; opened: boolean }
  | { type: 'waiting' };

export interface LoginOptions {
  env: Env;
  clock: Clock;
  /** Force the device flow (--use-device-code). */
  useDeviceCode?: boolean;
  /** Print the URL instead of opening a browser (--no-browser). */
  noBrowser?: boolean;
  /** Progress and instructions for the user (stderr, or the picker). */
  notify: (message: string) => void;
  onEvent?: (event: LoginEvent) => void;
  signal?: AbortSignal;
  /** Overall wait for the browser / the device approval (default 10 minutes). */
  timeoutMs?: number;
}

export interface LoginContext {
  settings: SsoSettings;
  registration: CachedRegistration;
  options: LoginOptions;
  /** When to give up waiting for the user (epoch ms). */
  deadline: number;
  /** Opens the URL (unless --no-browser) or prints it; never throws. */
  show: (url: string, what: string) => Promise<void>;
}
