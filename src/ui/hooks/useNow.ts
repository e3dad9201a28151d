// The injected clock's time; re-renders once a tick. Components never read Date.now or start timers.
import { useSyncExternalStore } from 'react';
import { usePicker } from '../context.js';

export function useNow(): number {
  const { clock } = usePicker();
  return useSyncExternalStore(clock.subscribe, clock.now);
}
