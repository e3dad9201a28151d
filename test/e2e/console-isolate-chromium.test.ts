// awsx console --isolate with a real headless Chromium against the STS and federation emulators: two
// identities end up in two user-data folders under XDG_STATE_HOME/awsx, each holding its own sign-in cookie
// of the (fake) console, so each folder's console page shows its own identity (in its text, and in the
// screenshot: the fake console's band at the top of the page is the colour of the signed-in identity's ARN,
// read back from the PNG Chromium writes); the profiles are named and themed in the identity's colour;
// --forget removes one. Screenshots of each page are kept when AWSX_TEST_SCREENSHOTS names a folder.
import { copyFileSync, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../src/config/clock.js';
import { identityColor, skColor } from '../../src/config/identity-color.js';
import { IDENTITY_BAND_PX, identityBandColor } from '../../src/emulator/federation-page.js';
import { startFederationEmulator, type FederationEmulator } from '../../src/emulator/federation-server.js';
import { startStsEmulator, type StsEmulator } from '../../src/emulator/sts-server.js';
import { profileLocked } from '../../src/console/chromium-profile.js';
import { ACCOUNT, OTHER } from '../helpers/accounts.js';
import { EMULATOR_CONFIG, EMULATOR_CREDENTIALS, worldOptions } from '../emulator/sts-world.js';
import { decodePng } from '../helpers/png.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { skipWithout } from '../helpers/tools.js';

const CHROMIUM = process.env.AWSX_TEST_CHROMIUM ?? 'chromium';
/** The part of Chromium's Local State file the test reads: each profile folder's name and colour. */
interface ChromiumLocalState {
  profile: { info_cache: Record<string, { name: string; profile_color_seed?: number }> };
}
const skip = skipWithout(CHROMIUM, ['--version']);
/** The flags this machine needs (root, no GPU, no network beyond loopback, no first-run UI). */
const HEADLESS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--password-store=basic',
  '--window-size=900,500',
];

/** The cookies a Chromium folder holds: host and name (node:sqlite, loaded only here). */
async function cookiesOf(dir: string): Promise<unknown[]> {
  const { DatabaseSync } = await import('node:sqlite');
  const db = new DatabaseSync(join(dir, 'Default', 'Cookies'), { readOnly: true });
  try {
    return db
      .prepare('SELECT host_key, name FROM cookies ORDER BY name')
      .all()
      .map((row) => ({ ...row }));
  } finally {
    db.close();
  }
}

/**
 * The one opaque colour filling a screenshot's top IDENTITY_BAND_PX rows from edge to edge, as #rrggbb (the
 * fake console's identity band), or a description of the first pixel that differs.
 */
function bandColour(file: string): string {
  const png = decodePng(readFileSync(file));
  const at = (x: number, y: number): string => {
    const [r, g, b, a] = png.pixel(x, y);
    return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}${a === 255 ? '' : ` alpha ${a}`}`;
  };
  const first = at(0, 0);
  for (let y = 0; y < IDENTITY_BAND_PX; y++)
    for (let x = 0; x < png.width; x++)
      if (at(x, y) !== first) return `no flat band: ${first} at (0, 0) but ${at(x, y)} at (${x}, ${y})`;
  return first;
}

describe.skipIf(skip)('awsx console --isolate with headless Chromium', () => {
  let emu: StsEmulator;
  let fed: FederationEmulator;
  let sb: Sandbox;
  let profiles: string;
  beforeAll(async () => {
    emu = await startStsEmulator(worldOptions({ now: 0 }, { clock: systemClock }));
    fed = await startFederationEmulator({ lookupCredentials: emu.lookupCredentials });
    sb = makeSandbox(
      { config: EMULATOR_CONFIG, credentials: EMULATOR_CREDENTIALS },
      { AWS_ENDPOINT_URL_STS: emu.url, AWSX_FEDERATION_ENDPOINT: fed.endpoint },
    );
    sb.env.XDG_STATE_HOME = join(sb.dir, 'state');
    // hop2's colour is configured (dev's comes from its name).
    expect((await sb.awsx(['profile', 'color', 'hop2', 'purple'])).code).toBe(0);
    profiles = join(sb.dir, 'state', 'awsx', 'browser-profiles');
  });
  afterAll(async () => {
    sb?.cleanup();
    await fed?.close();
    await emu?.close();
  });

  const shot = (name: string): string => join(sb.dir, `${name}.png`);
  const folderOf = (label: string): string =>
    join(
      profiles,
      readdirSync(profiles).find((d) => d.startsWith(`${label}-`))!,
    );

  /** awsx opens the sign-in URL in the identity's own folder; headless Chromium screenshots it and exits. */
  async function openIsolated(label: string): Promise<string> {
    const browser = [CHROMIUM, ...HEADLESS, `--screenshot=${shot(`${label}-signin`)}`].join(' ');
    const r = await sb.awsx(['console', label, '--isolate', '--browser', browser]);
    expect(r.code, r.stderr).toBe(0);
    const dir = folderOf(label);
    expect(r.stderr).toBe(`awsx: opened the AWS console as ${label} in its own browser profile (${dir})\n`);
    await vi.waitUntil(() => existsSync(shot(`${label}-signin`)) && !profileLocked(dir), {
      timeout: 30_000,
      message: `${label}'s browser to finish`,
    });
    return dir;
  }

  /**
   * Chromium again on a folder, at the fake console: the page shows whoever the folder's cookie signs in.
   * (Started asynchronously: the emulators answer from this process.)
   */
  async function consolePage(dir: string, name: string): Promise<string> {
    const base = [...HEADLESS, `--user-data-dir=${dir}`];
    const png = await sb.run(CHROMIUM, [...base, `--screenshot=${shot(name)}`, `${fed.url}/console`]);
    expect(png.code).toBe(0);
    const dom = await sb.run(CHROMIUM, [...base, '--dump-dom', `${fed.url}/console`]);
    expect(dom.code).toBe(0);
    const keep = process.env.AWSX_TEST_SCREENSHOTS;
    if (keep)
      for (const f of [`${name}.png`, `${name.replace(/-console$/, '')}-signin.png`])
        if (existsSync(join(sb.dir, f))) copyFileSync(join(sb.dir, f), join(keep, f));
    return dom.stdout;
  }

  it('two identities: two 0700 folders, each signed in as its own identity, named and themed', async () => {
    const dev = await openIsolated('dev');
    const hop2 = await openIsolated('hop2');
    expect(dev).not.toBe(hop2);
    for (const d of [join(sb.dir, 'state', 'awsx'), profiles, dev, hop2])
      expect(statSync(d).mode & 0o777, d).toBe(0o700);
    expect(fed.logins.map((l) => l.arn)).toEqual([
      expect.stringContaining(`${ACCOUNT}:assumed-role/Dev/`),
      expect.stringContaining(`${OTHER}:assumed-role/Hop2/`),
    ]);

    // Both sign-ins happened; each folder still holds its own.
    const devPage = await consolePage(dev, 'dev-console');
    const hop2Page = await consolePage(hop2, 'hop2-console');
    expect(devPage).toContain(`Console (demo): ${fed.logins[0]!.arn}`);
    expect(hop2Page).toContain(`Console (demo): ${fed.logins[1]!.arn}`);
    expect(devPage).not.toContain('Hop2');
    expect(hop2Page).not.toContain('/Dev/');
    for (const name of ['dev-signin', 'dev-console', 'hop2-signin', 'hop2-console'])
      expect(statSync(shot(name)).size, name).toBeGreaterThan(5000);
    // The screenshots themselves: each page's identity band has its own identity's colour, and the two differ.
    const [devColour, hop2Colour] = [0, 1].map((i) => identityBandColor(fed.logins[i]!.arn));
    expect(devColour).not.toBe(hop2Colour);
    expect(['dev-signin', 'dev-console', 'hop2-signin', 'hop2-console'].map((n) => bandColour(shot(n)))).toEqual([
      devColour,
      devColour,
      hop2Colour,
      hop2Colour,
    ]);

    // The cookie itself, in each folder's cookie store (names and hosts are stored in clear; values are encrypted).
    for (const dir of [dev, hop2])
      expect(await cookiesOf(dir)).toEqual([{ host_key: '127.0.0.1', name: 'awsx-demo-console' }]);

    // Chromium took the profile's name and theme colour: its Local State seeds the profile colour from it.
    const state = (dir: string) =>
      (JSON.parse(readFileSync(join(dir, 'Local State'), 'utf8')) as ChromiumLocalState).profile.info_cache.Default;
    expect(state(dev)).toMatchObject({ name: 'dev', profile_color_seed: skColor(identityColor('dev', undefined)) });
    expect(state(hop2)).toMatchObject({ name: 'hop2', profile_color_seed: skColor('purple') });
  });

  it('control: without isolation both sign-ins share one cookie jar, and the second replaces the first', async () => {
    const shared = join(sb.dir, 'shared-profile');
    for (const label of ['dev', 'hop2']) {
      const r = await sb.awsx(['console', label, '--print']);
      expect(r.code, r.stderr).toBe(0);
      expect(
        (await sb.run(CHROMIUM, [...HEADLESS, `--user-data-dir=${shared}`, '--dump-dom', r.stdout.trim()])).code,
      ).toBe(0);
    }
    const page = await consolePage(shared, 'shared-console');
    expect(page).toContain(`Console (demo): ${fed.logins.at(-1)!.arn}`);
    expect(page).not.toContain('/Dev/');
    expect(bandColour(shot('shared-console'))).toBe(identityBandColor(fed.logins.at(-1)!.arn));
  });

  it("--forget removes one identity's folder, and says so when there is none", async () => {
    const hop2 = folderOf('hop2');
    const calls = emu.requests.length;
    const r = await sb.awsx(['console', '--forget', 'hop2']);
    expect([r.code, r.stderr]).toEqual([0, `awsx: removed the isolated browser profile of hop2 (${hop2})\n`]);
    expect(existsSync(hop2)).toBe(false);
    expect(existsSync(folderOf('dev'))).toBe(true);
    const again = await sb.awsx(['console', '--forget', 'hop2']);
    expect([again.code, again.stderr]).toEqual([0, `awsx: hop2 has no isolated browser profile (${hop2})\n`]);
    expect(emu.requests.length).toBe(calls); // no sign-in, no STS call
  });

  it('a browser that exits at once, or none found: exit 1, one line with the fix, no sign-in', async () => {
    const tokens = fed.tokens.length;
    const gone = await sb.awsx([
      'console',
      'dev',
      '--isolate',
      '--browser',
      `${CHROMIUM} --definitely-not-a-flag --version`,
    ]);
    expect(gone.code).toBe(1);
    expect(gone.stderr.trim().split('\n')).toHaveLength(1);
    expect(gone.stderr).toMatch(
      /could not open the dev console: chromium exited at once without opening a window \(run the browser command by hand/,
    );
    const none = await sb.awsx(['console', 'dev', '--isolate'], { env: { PATH: '/nonexistent', DISPLAY: ':0' } });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(
      /^awsx: no Chromium-family browser found for the dev isolated console .*\(install one, or name it with --browser PATH .*--print/,
    );
    expect(fed.tokens.length).toBe(tokens + 1);
  });
});
