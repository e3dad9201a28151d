// MFA one-time codes for the STS emulator: a TOTP-like code (RFC 6238: HMAC-SHA1, 30 s steps, 6 digits)
// computed from a seed, so the demo can show the valid code, and a checker that refuses reused codes.
import { createHmac } from 'node:crypto';

export const MFA_STEP_MS = 30_000;

/** The 6-digit code of `seed` for the 30 s step holding `now` (ms). */
export function currentMfaCode(seed: string, now: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(now / MFA_STEP_MS)));
  const mac = createHmac('sha1', Buffer.from(seed, 'utf8')).update(counter).digest();
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  const bin = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(bin % 1_000_000).padStart(6, '0');
}

/** Seconds until the code of `now` changes (for an on-screen countdown). */
export function mfaCodeSecondsLeft(now: number): number {
  return Math.ceil((MFA_STEP_MS - (now % MFA_STEP_MS)) / 1000);
}

export interface MfaOptions {
  /** Seed of the TOTP-like codes (default "awsx-demo"); ignored when validCodes is given. */
  seed?: string;
  /** Fixed codes (each usable once per device), or the code(s) valid now for a device. */
  validCodes?: string[] | ((serial: string, now: number) => string | string[]);
  /** Seed mode: also accept the codes of this many previous steps (clock drift; default 1). */
  windowSteps?: number;
  /** Accept a code again on the same device (AWS refuses; default false). */
  allowReuse?: boolean;
}

export const DEFAULT_MFA_SEED = 'awsx-demo';

/** Checks codes per device; remembers used ones (fixed codes forever, time-based ones until they lapse). */
export class MfaChecker {
  private readonly used = new Map<string, number>();

  constructor(private readonly options: () => MfaOptions) {}

  /** True when `code` is valid for `serial` now and was not used before; marks it used. */
  check(serial: string, code: string, now: number): boolean {
    const o = this.options();
    const fixed = Array.isArray(o.validCodes);
    const valid = this.validCodes(serial, now);
    if (!valid.includes(code)) return false;
    const key = `${serial}\n${code}`;
    for (const [k, until] of this.used) if (until <= now) this.used.delete(k);
    if (!o.allowReuse && this.used.has(key)) return false;
    const lapse = ((o.windowSteps ?? 1) + 2) * MFA_STEP_MS;
    this.used.set(key, fixed ? Number.POSITIVE_INFINITY : now + lapse);
    return true;
  }

  /** The codes accepted for `serial` at `now`. */
  validCodes(serial: string, now: number): string[] {
    const o = this.options();
    if (Array.isArray(o.validCodes)) return o.validCodes;
    if (typeof o.validCodes === 'function') return [o.validCodes(serial, now)].flat();
    const seed = o.seed ?? DEFAULT_MFA_SEED;
    const steps = Math.max(0, o.windowSteps ?? 1);
    return Array.from({ length: steps + 1 }, (_, i) => currentMfaCode(seed, now - i * MFA_STEP_MS));
  }

  /** Forgets used codes (e.g. between tests). */
  reset(): void {
    this.used.clear();
  }
}
