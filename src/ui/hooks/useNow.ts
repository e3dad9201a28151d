// The injected clock's time; re-renders once a tick. Components never read Date.now or start timers.
// Only what shows the time subscribes, and only while it does (`active`): a tick then re-renders those
// components alone, and none at all when nothing on screen counts down.
import { useSyncExternalStore } from 'react';
import { usePicker } from '../context.js';

const noSubscription = (): (() => void) => () => {};

export function useNow(active = true): number {
  const { clock } = usePicker();
  return useSyncExternalStore(active ? clock.subscribe : noSubscription, clock.now);
}
