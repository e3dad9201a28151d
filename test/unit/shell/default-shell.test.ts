// The shell `awsx exec TARGET` (no CMD) and the picker's `e` start, on each platform (injected): Windows has
// no $SHELL outside Git Bash/MSYS, and /bin/sh does not exist there.
import { describe, expect, it } from 'vitest';
import { defaultShell } from '../../../src/shell/default-shell.js';

const none = (): boolean => false;

describe('defaultShell', () => {
  it('Linux and macOS: $SHELL, else /bin/sh', () => {
    expect(defaultShell({ SHELL: '/usr/bin/zsh' }, 'linux', none)).toBe('/usr/bin/zsh');
    expect(defaultShell({}, 'darwin', none)).toBe('/bin/sh');
  });

  it('Windows: ComSpec (any case of the name), else cmd.exe under SystemRoot; never /bin/sh', () => {
    expect(defaultShell({ ComSpec: 'C:\\WINDOWS\\system32\\cmd.exe' }, 'win32', none)).toBe(
      'C:\\WINDOWS\\system32\\cmd.exe',
    );
    expect(defaultShell({ COMSPEC: 'D:\\cmd.exe' }, 'win32', none)).toBe('D:\\cmd.exe');
    expect(defaultShell({ SystemRoot: 'C:\\Windows' }, 'win32', none)).toBe('C:\\Windows\\System32\\cmd.exe');
  });

  it('Windows under the PowerShell integration (AWSX_SHELL=powershell): pwsh when on PATH, else powershell.exe', () => {
    const env = { AWSX_SHELL: 'powershell', ComSpec: 'C:\\WINDOWS\\system32\\cmd.exe' };
    expect(defaultShell(env, 'win32', (name) => name === 'pwsh.exe')).toBe('pwsh.exe');
    expect(defaultShell(env, 'win32', none)).toBe('powershell.exe');
  });

  it('Windows with a POSIX shell (Git Bash, MSYS set SHELL): that shell', () => {
    expect(defaultShell({ SHELL: '/usr/bin/bash', ComSpec: 'C:\\cmd.exe' }, 'win32', none)).toBe('/usr/bin/bash');
  });
});
