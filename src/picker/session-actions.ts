// The picker's actions that only need a session (the row's, held or resolved by PickerActions): the AWS
// console, a credentials-file profile, whoami. Each reports in the status line, never a secret.
import { isAwsxError } from '../config/errors.js';
import type { ConsoleMode } from '../console/browser.js';
import type { Services } from '../credentials/context.js';
import type { Session } from '../credentials/engine.js';
import { writeCredentialsProfile } from '../profiles/credentials-file.js';
import type { SessionStore } from './store.js';

/** Opens the console (in `mode`, else the profile's or the environment's); says where it opened. */
export type OpenConsole = (session: Session, region: string | undefined, mode?: ConsoleMode) => Promise<string | void>;
export type Whoami = (session: Session) => Promise<{ account: string; arn: string }>;

/** An error as the status line shows it: one line, message and hint. */
export function errorText(error: unknown): string {
  if (isAwsxError(error)) return `${error.message}${error.hint ? ` (${error.hint})` : ''}`;
  return `unexpected error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
}

/** Console sign-in lives in its own module, loaded on first use; if it cannot load, the action says so. */
async function defaultOpenConsole(services: Services): Promise<OpenConsole | undefined> {
  try {
    const m = await import('../console/signin.js');
    return (session, region, mode) =>
      m.openConsoleForSession(services.env, session, { ...(region ? { region } : {}), ...(mode ? { mode } : {}) });
  } catch {
    return undefined;
  }
}

export async function openConsoleAs(
  services: Services,
  store: SessionStore,
  session: Session,
  openConsole?: OpenConsole,
  mode?: ConsoleMode,
): Promise<void> {
  try {
    const open = openConsole ?? (await defaultOpenConsole(services));
    if (!open) return store.setStatus('console sign-in is not available yet', 'warn');
    store.setStatus(`opening the AWS console as ${session.label}...`, 'info');
    const where = await open(session, session.region, mode);
    store.setStatus(`opened the AWS console as ${session.label}${where ? ` in ${where}` : ''}`, 'ok');
  } catch (error) {
    store.setStatus(errorText(error), 'error');
  }
}

export async function writeProfileFrom(
  services: Services,
  store: SessionStore,
  session: Session,
  name: string,
): Promise<void> {
  try {
    const result = await writeCredentialsProfile(services.env, name, session.credentials, { region: session.region });
    store.setStatus(
      `${result.replaced ? 'updated' : 'added'} [${name}] in ${result.path}; use AWS_PROFILE=${name}`,
      'ok',
    );
  } catch (error) {
    store.setStatus(errorText(error), 'error');
  }
}

export async function showWhoami(store: SessionStore, session: Session, whoami?: Whoami): Promise<void> {
  try {
    const who = whoami ?? (await import('../credentials/whoami.js')).callerIdentity;
    const id = await who(session);
    store.setStatus(`${session.label} is ${id.arn} (account ${id.account})`, 'ok');
  } catch (error) {
    store.setStatus(errorText(error), 'error');
  }
}
