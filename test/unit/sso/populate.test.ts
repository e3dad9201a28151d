// Profile names and the populate plan: readable, unique, deterministic, lossless and idempotent.
import { describe, expect, it } from 'vitest';
import { parseAwsFiles } from '../../../src/config/load-config.js';
import { InputError } from '../../../src/config/errors.js';
import { applyPopulate, planPopulate } from '../../../src/sso/populate.js';
import { checkTemplate, renderName, slug, uniqueName } from '../../../src/sso/profile-names.js';
import { describeDiff, diffRoles, type DiscoveredRole } from '../../../src/sso/roles-cache.js';

const corp = {
  sessionName: 'corp',
  startUrl: 'https://corp.awsapps.com/start',
  region: 'us-east-1',
  scopes: ['sso:account:access'],
};
const role = (accountId: string, accountName: string, roleName: string): DiscoveredRole => ({
  accountId,
  accountName,
  roleName,
});
const ROLES = [
  role('111111111111', 'Prod Data', 'Admin'),
  role('111111111111', 'Prod Data', 'ReadOnlyAccess'),
  role('222222222222', 'prod-data', 'Admin'), // same slug as the first: must get a unique name
  role('333333333333', 'Sandbox', 'SSOPowerUser'),
];

describe('profile names', () => {
  it.each([
    ['Prod Data', 'prod-data'],
    ['AdministratorAccess', 'administrator-access'],
    ['SSOPowerUser', 'sso-power-user'],
    ['acme_payments.prod', 'acme-payments-prod'],
    ['  --Weird!!Name--  ', 'weird-name'],
  ])('slug(%j) = %j', (input, out) => expect(slug(input)).toBe(out));

  it('renders templates, keeping safe literal characters', () => {
    const v = { account_name: 'Prod Data', account_id: '111111111111', role_name: 'Admin', session: 'corp' };
    expect(renderName('{account_name}-{role_name}', v)).toBe('prod-data-admin');
    expect(renderName('{account_name}/{role_name}', v)).toBe('prod-data/admin');
    expect(renderName('{session}:{account_id}:{role_name}', v)).toBe('corp:111111111111:admin');
    expect(renderName('aws {account_name} [{role_name}]', v)).toBe('aws-prod-data-admin');
  });

  it('rejects unknown placeholders and templates that cannot tell roles apart', () => {
    expect(() => checkTemplate('{account}-{role_name}')).toThrow(InputError);
    expect(() => checkTemplate('{session}')).toThrow(/must contain/);
    expect(() => checkTemplate('{account_id}')).not.toThrow();
  });

  it('makes collisions unique: account id first, then a counter', () => {
    const taken = new Set(['x']);
    expect(uniqueName('x', '111111111111', taken)).toBe('x-111111111111');
    expect(uniqueName('x', '111111111111', taken)).toBe('x-111111111111-2');
    expect(uniqueName('y', '111111111111', taken)).toBe('y');
  });
});

describe('planPopulate', () => {
  const CONFIG = `# my config\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n\n[profile prod-data-admin]\n; someone else's profile with that name\nregion = eu-west-1\n\n[profile mine]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = ReadOnlyAccess\n`;

  it('adds one profile per new role, skips roles that have a profile under any name, and never reuses a name', () => {
    const plan = planPopulate(parseAwsFiles(CONFIG, ''), corp, ROLES, { region: 'eu-central-1' });
    expect(plan.session).toBeUndefined();
    expect(plan.present).toBe(1);
    expect(plan.profiles.map((p) => p.name)).toEqual([
      'prod-data-admin-111111111111',
      'prod-data-admin-222222222222',
      'sandbox-sso-power-user',
    ]);
    expect(plan.profiles[0]!.entries).toEqual([
      ['sso_session', 'corp'],
      ['sso_account_id', '111111111111'],
      ['sso_role_name', 'Admin'],
      ['region', 'eu-central-1'],
    ]);
  });

  it('appends losslessly and a second run changes nothing (byte-identical)', () => {
    const crlf = CONFIG.replace(/\n/g, '\r\n');
    const once = applyPopulate(crlf, planPopulate(parseAwsFiles(crlf, ''), corp, ROLES));
    expect(once.startsWith(crlf)).toBe(true);
    expect(once.slice(crlf.length)).not.toMatch(/[^\r]\n/); // new lines use the file's CRLF
    const files = parseAwsFiles(once, '');
    expect(files.profiles.get('sandbox-sso-power-user')?.values).toEqual({
      sso_session: 'corp',
      sso_account_id: '333333333333',
      sso_role_name: 'SSOPowerUser',
    });
    const again = planPopulate(files, corp, ROLES);
    expect(again.profiles).toEqual([]);
    expect(again.present).toBe(4);
    expect(applyPopulate(once, again)).toBe(once);
  });

  it('adds the [sso-session] when the config lacks it, named after the start URL for a legacy login', () => {
    const legacy = { startUrl: 'https://my-org.awsapps.com/start', region: 'eu-west-1', scopes: [] };
    const plan = planPopulate(parseAwsFiles('', ''), legacy, ROLES.slice(0, 1));
    expect(plan.sessionName).toBe('my-org');
    const text = applyPopulate('', plan);
    expect(text).toBe(
      '[sso-session my-org]\nsso_start_url = https://my-org.awsapps.com/start\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n\n' +
        '[profile prod-data-admin]\nsso_session = my-org\nsso_account_id = 111111111111\nsso_role_name = Admin\n',
    );
    // A configured session with the same start URL and region is reused instead.
    expect(planPopulate(parseAwsFiles(text, ''), legacy, ROLES).sessionName).toBe('my-org');
    expect(planPopulate(parseAwsFiles(text, ''), legacy, ROLES).session).toBeUndefined();
  });
});

describe('role diff', () => {
  it('names what was added and removed', () => {
    const before = ROLES.slice(0, 3);
    const after = [...ROLES.slice(1), role('444444444444', 'New', 'Admin'), role('444444444444', 'New', 'Dev')];
    const diff = diffRoles(before, after);
    expect(diff.added.map((r) => r.accountId)).toEqual(['333333333333', '444444444444', '444444444444']);
    expect(diff.removed).toEqual([ROLES[0]]);
    expect(describeDiff(diff)).toBe('3 new roles, 1 removed');
    expect(describeDiff(diffRoles(after, after))).toBe('no changes');
    expect(describeDiff(diffRoles([], ROLES.slice(0, 1)))).toBe('1 new role');
  });
});
