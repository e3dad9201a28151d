// What components get from above: the service actions, the store, the clock and the theme. Nothing else
// travels by context.
import { createContext, useContext, type ReactNode } from 'react';
import type { PickerClock } from '../picker/clock.js';
import type { SessionStore } from '../picker/store.js';
import type { ShellSetup } from '../shell/setup.js';
import type { Theme } from './theme.js';

/** The service-layer calls the picker makes (PickerActions implements it; tests may fake it). */
export interface PickerServices {
  use(rowId: string): Promise<unknown>;
  ensureSession(rowId: string): Promise<boolean>;
  copy(rowId: string): Promise<void>;
  cycleFormat(): void;
  /** o (no mode: the profile's or the environment's), or the mode O asked for. */
  openConsole(rowId: string, mode?: 'default' | 'isolate' | 'container'): Promise<void>;
  writeProfile(rowId: string, name: string): Promise<void>;
  whoami(rowId: string): Promise<void>;
  refresh(rowId: string): Promise<void>;
  forget(rowId: string): void;
  toggleAutoRefresh(): void;
  submitMfa(code: string): void;
  cancel(): void;
  /** L: sign in to IAM Identity Center; returns the sso-sessions to choose from when several could be meant. */
  login(rowId?: string): string[] | undefined;
  /** The sso-session picked in the chooser. */
  loginSession(name: string): void;
  /** Enter cannot hand a session to the calling shell (no integration, stdout a terminal): the setup to offer. */
  shellSetup(): ShellSetup | undefined;
}

/** What the top bar shows while `awsx demo` runs: the MFA code the demo accepts now. */
export interface DemoStatus {
  mfaCode: string;
  secondsLeft: number;
}

export interface PickerContextValue {
  actions: PickerServices;
  store: SessionStore;
  clock: PickerClock;
  theme: Theme;
  /** Present only in `awsx demo`. */
  demo?: (now: number) => DemoStatus | undefined;
}

const PickerContext = createContext<PickerContextValue | undefined>(undefined);

export function PickerProvider({ value, children }: { value: PickerContextValue; children: ReactNode }): ReactNode {
  return <PickerContext.Provider value={value}>{children}</PickerContext.Provider>;
}

export function usePicker(): PickerContextValue {
  const value = useContext(PickerContext);
  if (!value) throw new Error('usePicker outside PickerProvider');
  return value;
}
