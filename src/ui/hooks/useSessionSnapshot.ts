// The store's current snapshot; re-renders when the store changes.
import { useSyncExternalStore } from 'react';
import type { PickerSnapshot } from '../../picker/store.js';
import { usePicker } from '../context.js';

export function useSessionSnapshot(): PickerSnapshot {
  const { store } = usePicker();
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
