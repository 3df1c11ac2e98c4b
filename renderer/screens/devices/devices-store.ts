/**
 * The Devices screen's state: the ledger's devices with their search texts (made once per load, never per
 * keystroke or render), the search and state filter with the devices they show, the selection, deleting
 * with undo, and the hash details of one device. Kept for the window's life, so switching screens keeps the
 * search, the selection and the undo bar.
 */
import { createStore } from 'zustand/vanilla';
import type { ApiOutput, DeviceSummary, LedgerFailure } from '../../../shared/api/harvester-api';
import type { FeatureStoreFactory } from '../../app/app-context';
import { describeFailure, type UiFailure } from '../../app/ui-failure';
import { countByFilter, filterDevices, searchTextOf, type StateFilter } from './device-filter';

export type FoundDetails = Extract<ApiOutput<'deviceDetails'>, { kind: 'found' }>;

export type DetailsState =
  | { readonly kind: 'closed' }
  | { readonly kind: 'loading'; readonly id: string }
  | { readonly kind: 'found'; readonly id: string; readonly answer: FoundDetails }
  | { readonly kind: 'not-found'; readonly id: string }
  | { readonly kind: 'failed'; readonly id: string; readonly failure: UiFailure };

/** What the last change did, shown above the list until dismissed or replaced. */
export type DevicesNotice =
  /** The undo bar: `ids` are the devices the delete changed, what Undo restores. */
  | { readonly kind: 'deleted'; readonly ids: readonly string[] }
  | { readonly kind: 'restored'; readonly count: number }
  /** The devices were already in the state asked for. */
  | { readonly kind: 'unchanged' }
  /** A mistyped group tag was corrected to `tag` (recorded in the device's history). */
  | { readonly kind: 'tag-corrected'; readonly tag: string };

/** Why the last change was not made. */
export type DevicesProblem =
  | { readonly kind: 'ledger-failed'; readonly failure: LedgerFailure }
  | { readonly kind: 'failed'; readonly failure: UiFailure };

export interface DevicesState {
  /** `loading`/`failed` describe the first load only; a failed reload keeps the list and sets `loadFailure`. */
  readonly status: 'loading' | 'loaded' | 'failed';
  readonly loadFailure: UiFailure | null;
  /** The app's `ledgerVersion` the list was (or is being) loaded at; `null` before the first load. */
  readonly loadedVersion: number | null;
  /** Every ledger device, deleted ones included, in the ledger's order. */
  readonly devices: readonly DeviceSummary[];
  /** `searchTextOf(devices[i])`, made when the list loads. */
  readonly searchTexts: readonly string[];
  readonly counts: Readonly<Record<StateFilter, number>>;
  readonly query: string;
  readonly filter: StateFilter;
  /** The devices the search and filter let through, in list order. */
  readonly shown: readonly DeviceSummary[];
  /** Selected device ids; kept when the search changes, so devices can be picked with several searches. */
  readonly selected: ReadonlySet<string>;
  /** Where a Shift+click range starts: the device last toggled on its own. */
  readonly anchorId: string | null;
  /** A delete, restore or undo is on its way. */
  readonly busy: boolean;
  readonly notice: DevicesNotice | null;
  readonly problem: DevicesProblem | null;
  readonly details: DetailsState;

  load(): Promise<void>;
  setQuery(query: string): void;
  setFilter(filter: StateFilter): void;
  clearFilters(): void;
  /** Selects or clears one device; with `range`, every shown device from the anchor to it takes its new state. */
  toggle(id: string, options?: { readonly range?: boolean }): void;
  /** Selects every shown device, or clears them when all are selected already. */
  toggleAllShown(): void;
  clearSelection(): void;
  /** Opens Export with the selected devices that are not deleted. */
  exportSelected(): void;
  /** Opens the Submit screen with the selected devices (deleted ones left out). */
  submitSelected(): void;
  deleteSelected(): Promise<void>;
  /** Sets a device's own group tag to the known tag its mistyped one was meant to be (one click). */
  correctTag(id: string, tag: string): Promise<void>;
  restoreSelected(): Promise<void>;
  undoDelete(): Promise<void>;
  dismissNotice(): void;
  dismissProblem(): void;
  openDetails(id: string): Promise<void>;
  /** The language changed: ask the open details again, in it (shown as they are until the answer). */
  rewordDetails(): Promise<void>;
  closeDetails(): void;
}

const NO_COUNTS: Readonly<Record<StateFilter, number>> = {
  active: 0,
  'not-exported': 0,
  exported: 0,
  deleted: 0,
};

/** The Devices screen's store (one per window, made on first use by `useFeatureStoreApi`). */
export const devicesStore: FeatureStoreFactory<DevicesState> = ({ api, app }) => {
  /** Only the latest list request may set the list; the latest details request the details. */
  let loadRequest = 0;
  let detailsRequest = 0;

  const store = createStore<DevicesState>()((set, get) => {
    const lang = () => app.getState().lang;

    const selectedIds = (wanted: (device: DeviceSummary) => boolean): string[] => {
      const { devices, selected } = get();
      if (selected.size === 0) return [];
      return devices.filter((d) => selected.has(d.id) && wanted(d)).map((d) => d.id);
    };

    /** The ledger changed: tell the other screens, then reload (recording the new version first). */
    const changed = async (): Promise<void> => {
      app.getState().noteLedgerChanged();
      await get().load();
    };

    const refused = (error: unknown): void => {
      set({ problem: { kind: 'failed', failure: describeFailure(error) } });
    };

    return {
      status: 'loading',
      loadFailure: null,
      loadedVersion: null,
      devices: [],
      searchTexts: [],
      counts: NO_COUNTS,
      query: '',
      filter: 'active',
      shown: [],
      selected: new Set(),
      anchorId: null,
      busy: false,
      notice: null,
      problem: null,
      details: { kind: 'closed' },

      async load() {
        loadRequest += 1;
        const request = loadRequest;
        set({ loadedVersion: app.getState().ledgerVersion });
        try {
          const { devices } = await api.listDevices({});
          if (request !== loadRequest) return;
          const searchTexts = devices.map(searchTextOf);
          const ids = new Set(devices.map((d) => d.id));
          const { selected, anchorId, query, filter } = get();
          const kept = [...selected].filter((id) => ids.has(id));
          set({
            status: 'loaded',
            loadFailure: null,
            devices,
            searchTexts,
            counts: countByFilter(devices),
            shown: filterDevices(devices, searchTexts, query, filter),
            selected: kept.length === selected.size ? selected : new Set(kept),
            anchorId: anchorId !== null && ids.has(anchorId) ? anchorId : null,
          });
        } catch (error) {
          if (request !== loadRequest) return;
          set((state) => ({
            status: state.status === 'loaded' ? 'loaded' : 'failed',
            loadFailure: describeFailure(error),
          }));
        }
      },

      setQuery(query) {
        const { devices, searchTexts, filter } = get();
        set({ query, shown: filterDevices(devices, searchTexts, query, filter) });
      },

      setFilter(filter) {
        const { devices, searchTexts, query } = get();
        set({ filter, shown: filterDevices(devices, searchTexts, query, filter) });
      },

      clearFilters() {
        const { devices, searchTexts } = get();
        set({ query: '', filter: 'active', shown: filterDevices(devices, searchTexts, '', 'active') });
      },

      toggle(id, options) {
        const { shown, selected, anchorId } = get();
        const next = new Set(selected);
        const on = !selected.has(id);
        const from = options?.range === true && anchorId !== null ? indexOf(shown, anchorId) : -1;
        const to = from < 0 ? -1 : indexOf(shown, id);
        if (from >= 0 && to >= 0) {
          for (let i = Math.min(from, to); i <= Math.max(from, to); i += 1) {
            const rangeId = shown[i]!.id;
            if (on) next.add(rangeId);
            else next.delete(rangeId);
          }
        } else if (on) next.add(id);
        else next.delete(id);
        set({ selected: next, anchorId: id });
      },

      toggleAllShown() {
        const { shown, selected } = get();
        const next = new Set(selected);
        if (shown.every((d) => selected.has(d.id))) for (const d of shown) next.delete(d.id);
        else for (const d of shown) next.add(d.id);
        set({ selected: next });
      },

      clearSelection() {
        set({ selected: new Set(), anchorId: null });
      },

      exportSelected() {
        const ids = selectedIds((d) => d.state !== 'deleted');
        if (ids.length > 0) app.getState().exportDevices(ids);
      },

      submitSelected() {
        const ids = selectedIds((d) => d.state !== 'deleted');
        if (ids.length > 0) app.getState().submitDevices(ids);
      },

      async deleteSelected() {
        const ids = selectedIds((d) => d.state !== 'deleted');
        if (ids.length === 0 || get().busy) return;
        set({ busy: true, problem: null });
        try {
          const answer = await api.removeDevices({ ids, lang: lang() });
          if (answer.kind === 'ledger-failed') {
            set({ problem: { kind: 'ledger-failed', failure: answer.failure } });
            return;
          }
          set({
            selected: new Set(),
            anchorId: null,
            notice:
              answer.changed.length > 0 ? { kind: 'deleted', ids: answer.changed } : { kind: 'unchanged' },
          });
          if (answer.changed.length > 0) await changed();
        } catch (error) {
          refused(error);
        } finally {
          set({ busy: false });
        }
      },

      async correctTag(id, tag) {
        if (get().busy) return;
        set({ busy: true, problem: null });
        try {
          const answer = await api.setGroupTag({ ids: [id], tag, lang: lang() });
          switch (answer.kind) {
            case 'ledger-failed':
              set({ problem: { kind: 'ledger-failed', failure: answer.failure } });
              return;
            case 'tag-refused':
              // The suggestion is always a known tag: a refusal is a bug, shown as such.
              refused(new Error(`setGroupTag refused the suggested tag ${tag}`));
              return;
            case 'done':
              set({
                notice: answer.changed.length > 0 ? { kind: 'tag-corrected', tag } : { kind: 'unchanged' },
              });
              if (answer.changed.length === 0) return;
              await changed();
              // The open details show the history: read them again, with the new entry.
              if (get().details.kind !== 'closed' && 'id' in get().details) await get().rewordDetails();
          }
        } catch (error) {
          refused(error);
        } finally {
          set({ busy: false });
        }
      },

      async restoreSelected() {
        const ids = selectedIds((d) => d.state === 'deleted');
        if (ids.length === 0 || get().busy) return;
        await restore(ids, { clearSelection: true });
      },

      async undoDelete() {
        const notice = get().notice;
        if (notice?.kind !== 'deleted' || get().busy) return;
        await restore(notice.ids, { clearSelection: false });
      },

      dismissNotice() {
        set({ notice: null });
      },

      dismissProblem() {
        set({ problem: null });
      },

      async openDetails(id) {
        detailsRequest += 1;
        const request = detailsRequest;
        set({ details: { kind: 'loading', id } });
        try {
          const answer = await api.deviceDetails({ id, lang: lang() });
          if (request !== detailsRequest) return;
          if (answer.kind === 'found') {
            set({ details: { kind: 'found', id, answer } });
          } else {
            set({ details: { kind: 'not-found', id } });
            await get().load();
          }
        } catch (error) {
          if (request !== detailsRequest) return;
          set({ details: { kind: 'failed', id, failure: describeFailure(error) } });
        }
      },

      closeDetails() {
        detailsRequest += 1;
        set({ details: { kind: 'closed' } });
      },

      async rewordDetails() {
        const details = get().details;
        if (details.kind === 'loading') {
          await get().openDetails(details.id);
          return;
        }
        if (details.kind !== 'found') return;
        // What is shown stays until the new words arrive; a failure keeps it (only its language is old).
        detailsRequest += 1;
        const request = detailsRequest;
        try {
          const answer = await api.deviceDetails({ id: details.id, lang: lang() });
          if (request !== detailsRequest) return;
          if (answer.kind === 'found') set({ details: { kind: 'found', id: details.id, answer } });
        } catch {
          // Still shown in the language it was read in.
        }
      },
    };

    async function restore(ids: readonly string[], options: { clearSelection: boolean }): Promise<void> {
      set({ busy: true, problem: null });
      try {
        const answer = await api.restoreDevices({ ids, lang: lang() });
        if (answer.kind === 'ledger-failed') {
          set({ problem: { kind: 'ledger-failed', failure: answer.failure } });
          return;
        }
        set({
          notice:
            answer.changed.length > 0
              ? { kind: 'restored', count: answer.changed.length }
              : { kind: 'unchanged' },
          ...(options.clearSelection ? { selected: new Set<string>(), anchorId: null } : {}),
        });
        if (answer.changed.length > 0) await changed();
      } catch (error) {
        refused(error);
      } finally {
        set({ busy: false });
      }
    }
  });

  // The verification message is worded by the services: open details are asked again in a new language.
  app.subscribe((state, before) => {
    if (state.lang !== before.lang) void store.getState().rewordDetails();
  });

  return store;
};

function indexOf(devices: readonly DeviceSummary[], id: string): number {
  return devices.findIndex((d) => d.id === id);
}

/** How the selection meets the shown devices: for the header checkbox and the actions. */
export interface SelectionSummary {
  readonly shownSelected: number;
  /** Selected devices the search or filter hides. */
  readonly hiddenSelected: number;
}

export function selectionSummary(
  shown: readonly DeviceSummary[],
  selected: ReadonlySet<string>,
): SelectionSummary {
  if (selected.size === 0) return { shownSelected: 0, hiddenSelected: 0 };
  let shownSelected = 0;
  for (const device of shown) if (selected.has(device.id)) shownSelected += 1;
  return { shownSelected, hiddenSelected: selected.size - shownSelected };
}
