// The mode keys are read in: a prompt the services raised (the MFA code, the IAM Identity Center sign-in)
// takes the keys over whatever the screen shows.
import type { PickerSnapshot } from '../../picker/store.js';
import type { Mode } from '../keys/binding.js';
import type { ScreenMode } from './screen-reducer.js';

export function pickerMode(snapshot: Pick<PickerSnapshot, 'mfa' | 'ssoLogin'>, screen: ScreenMode): Mode {
  if (snapshot.mfa) return 'mfa';
  if (snapshot.ssoLogin) return 'login';
  return screen;
}
