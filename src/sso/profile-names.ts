// Readable, unique profile names for discovered roles. A template's placeholders ({account_name},
// {account_id}, {role_name}, {session}) are slugged: camelCase split, lower case, runs of other characters
// become "-" ("Prod Data" + "AdministratorAccess" -> "prod-data-administrator-access"). The template's own
// characters stay when they are safe in a profile name (letters, digits, . _ : @ + = / -).
// Collisions: in a fixed order, the first role keeps the name, later ones get "-<account id>", then "-2"...
import { InputError } from '../config/errors.js';

export const DEFAULT_NAME_TEMPLATE = '{account_name}-{role_name}';
const PLACEHOLDERS = ['account_name', 'account_id', 'role_name', 'session'] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];

export function slug(value: string): string {
  return value
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function checkTemplate(template: string): void {
  const unknown = [...template.matchAll(/\{([^}]*)\}/g)]
    .map((m) => m[1]!)
    .find((p) => !(PLACEHOLDERS as readonly string[]).includes(p));
  if (unknown !== undefined) {
    throw new InputError(`--name-template: unknown placeholder {${unknown}}`, {
      hint: `use ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`,
    });
  }
  if (!/\{(role_name|account_name|account_id)\}/.test(template)) {
    throw new InputError('--name-template must contain {role_name}, {account_name} or {account_id}', {
      hint: `e.g. ${DEFAULT_NAME_TEMPLATE}`,
    });
  }
}

export function renderName(template: string, values: Record<Placeholder, string>): string {
  const raw = template.replace(/\{([a-z_]+)\}/g, (_, p: Placeholder) => slug(values[p] ?? ''));
  return raw
    .replace(/[^A-Za-z0-9._:@+=/-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-/]+|[-/]+$/g, '');
}

/** Assigns names in order; `taken` holds names already in use (and receives the new ones). */
export function uniqueName(base: string, accountId: string, taken: Set<string>): string {
  const candidates = [base || accountId, `${base}-${accountId}`];
  let name = candidates.find((c) => !taken.has(c));
  for (let n = 2; name === undefined; n++)
    if (!taken.has(`${base}-${accountId}-${n}`)) name = `${base}-${accountId}-${n}`;
  taken.add(name);
  return name;
}
