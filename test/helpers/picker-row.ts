// A picker row of a role profile for tests that need rows without a config: `extra` sets what a test cares
// about (chain, badge, expiry, ...); the search text is computed as the picker computes it.
import { withSearchText, type PickerRow } from '../../src/picker/rows.js';

export function pickerRow(name: string, extra: Partial<PickerRow> = {}): PickerRow {
  return withSearchText({
    id: `profile:${name}`,
    target: { kind: 'profile', name },
    targetText: name,
    name,
    badge: 'role',
    kind: 'role',
    chain: [name],
    needsMfa: false,
    hasExternalId: false,
    warnings: [],
    ...extra,
  });
}
