// What the status strip shows besides live sessions: cached MFA sessions and IAM Identity Center tokens,
// each with its expiry. Read from awsx's session cache and the AWS CLI's SSO token cache; no AWS calls.
import { ssoSessionSettings } from '../config/sso-settings.js';
import type { Services } from '../credentials/context.js';
import type { StripEntry } from './store.js';
import { readSsoToken, tokenExpiresAt } from '../sso/token-cache.js';

/** The MFA device as the strip names it: `mfa/alice` of arn:aws:iam::111111111111:mfa/alice, or a hardware serial. */
export function deviceName(serial: string): string {
  const m = /^arn:[\w-]+:iam::\d{12}:(mfa\/.+)$/.exec(serial);
  return m ? m[1]! : serial;
}

/** Cached MFA sessions, named by their profile and device (`base mfa/alice`): two devices read as two. */
export function mfaSessionEntries(services: Services, now: number): StripEntry[] {
  return services.cache
    .list()
    .filter((s) => s.kind === 'mfa-session' && (s.credentials.expiration?.getTime() ?? 0) > now)
    .map((s) => {
      const label = [s.profile ?? s.label, s.mfaSerial && deviceName(s.mfaSerial)].filter(Boolean).join(' ');
      return { label, expiresAt: s.credentials.expiration!.getTime() };
    })
    .sort((a, b) => a.expiresAt - b.expiresAt);
}

export function ssoTokenEntries(services: Services): StripEntry[] {
  const seen = new Map<string, { sessionName?: string; startUrl: string }>();
  for (const [name, values] of services.files.ssoSessions) {
    const settings = ssoSessionSettings(name, values);
    if (!(settings instanceof Error)) seen.set(`s:${name}`, settings);
  }
  for (const p of services.graph.all()) {
    if (p.ssoStartUrl && !p.ssoSession) seen.set(`u:${p.ssoStartUrl}`, { startUrl: p.ssoStartUrl });
  }
  const out: StripEntry[] = [];
  for (const settings of seen.values()) {
    const token = readSsoToken(settings, services.env);
    if (token)
      out.push({
        label: settings.sessionName ?? settings.startUrl.replace(/^https?:\/\//, ''),
        expiresAt: tokenExpiresAt(token),
      });
  }
  return out;
}
