/**
 * Which ledger devices the Devices screen shows for a search and a state filter. Pure and allocation-light:
 * each device's search text is made once when the list loads ({@link searchTextOf}), so a keystroke over
 * 10,000 devices is one `includes` per device and search term.
 */
import type { DeviceSummary } from '../../../shared/api/harvester-api';
import { assertNever } from '../../../shared/ledger/ledger-events';

/** The state filter's choices; `active` (every device but the deleted ones) is the default. */
export const STATE_FILTERS = ['active', 'not-exported', 'exported', 'deleted'] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];

export type DeviceState = DeviceSummary['state'];

/**
 * Text as search compares it: NFKC folds full-width letters and digits (ＨＰ, ５ＣＧ) and half-width katakana
 * to the forms a technician types, the ideographic space to a plain space; then lower case.
 */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * One device's searchable fields, normalised, one per line: a search term never matches across two fields
 * (terms hold no line break).
 */
export function searchTextOf(device: DeviceSummary): string {
  const source = device.source.kind === 'collected' ? device.source.computerName : device.source.file;
  return normalizeForSearch(
    [device.serial, device.manufacturer, device.model, device.groupTag, source].join('\n'),
  );
}

/** The query's terms: a device matches when its search text contains every one (`hp 840` finds "HP … 840 G8"). */
export function searchTerms(query: string): readonly string[] {
  return normalizeForSearch(query)
    .split(/\s+/)
    .filter((term) => term.length > 0);
}

export function matchesState(state: DeviceState, filter: StateFilter): boolean {
  switch (filter) {
    case 'active':
      return state !== 'deleted';
    case 'not-exported':
      return state === 'new';
    case 'exported':
      return state === 'exported';
    case 'deleted':
      return state === 'deleted';
    default:
      return assertNever(filter);
  }
}

/**
 * The devices that pass `filter` and contain every term of `query`, in list order. `searchTexts[i]` is
 * {@link searchTextOf}`(devices[i])`.
 */
export function filterDevices(
  devices: readonly DeviceSummary[],
  searchTexts: readonly string[],
  query: string,
  filter: StateFilter,
): readonly DeviceSummary[] {
  const terms = searchTerms(query);
  const shown: DeviceSummary[] = [];
  for (let i = 0; i < devices.length; i += 1) {
    const device = devices[i]!;
    if (!matchesState(device.state, filter)) continue;
    const text = searchTexts[i] ?? '';
    let all = true;
    for (const term of terms) {
      if (!text.includes(term)) {
        all = false;
        break;
      }
    }
    if (all) shown.push(device);
  }
  return shown;
}

/** How many devices each state filter would show without a search (for the filter's options). */
export function countByFilter(devices: readonly DeviceSummary[]): Readonly<Record<StateFilter, number>> {
  const counts: Record<StateFilter, number> = { active: 0, 'not-exported': 0, exported: 0, deleted: 0 };
  for (const device of devices) {
    for (const filter of STATE_FILTERS) if (matchesState(device.state, filter)) counts[filter] += 1;
  }
  return counts;
}
