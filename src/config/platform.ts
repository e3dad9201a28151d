// What the ownership and mode checks need to know of the machine, injected so tests can play another one.
// Windows has no POSIX uids or permission bits: there the checks that need them are skipped.

export interface Platform {
  /** process.platform */
  os: NodeJS.Platform;
  /** This process's uid; undefined where there is none (Windows). */
  uid: number | undefined;
}

export function currentPlatform(): Platform {
  return { os: process.platform, uid: typeof process.getuid === 'function' ? process.getuid() : undefined };
}

/** Whether file owners and POSIX permission bits mean anything here. */
export function hasPosixOwners(platform: Platform): platform is Platform & { uid: number } {
  return platform.os !== 'win32' && platform.uid !== undefined;
}

/** A mode's permission bits as `ls` people read them, e.g. 0644. */
export function octalMode(mode: number): string {
  return `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
}
