/**
 * The Export screen's state: what to export, in which format, with which tag, where to; the preview that
 * follows every change (debounced, the latest answer wins); and the export's outcome. It lives for the
 * window's life, so a half-made choice survives a trip to another screen.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiOutput, HarvesterApi } from '../../../shared/api/harvester-api';
import type { CsvFormat } from '../../../shared/csv/csv-writer';
import type { FeatureStoreFactory } from '../../app/app-context';
import type { AppStore } from '../../app/app-store';
import { describeFailure, type UiFailure } from '../../app/ui-failure';
import { DEFAULT_TAG_CHOICE, sameChoice, type GroupTagChoice } from '../../components/group-tag-choice';
import {
  DEFAULT_DRIVE_FOLDER,
  exportRequestOf,
  previewRequestOf,
  type DestinationChoice,
  type ExportChoices,
  type ExportRequest,
  type SelectionKind,
} from './export-request';
import {
  findRememberedDrive,
  readRememberedDrive,
  rememberDrive,
  type DriveStorage,
  type RemovableDrive,
} from './remembered-drive';

export type PreviewAnswer = ApiOutput<'previewExport'>;
export type ExportAnswer = ApiOutput<'exportDevices'>;
type DrivesFailedReason = Extract<ApiOutput<'listDrives'>, { kind: 'failed' }>['reason'];

export type DrivesState =
  | { readonly kind: 'idle' }
  /** `drives`: the last list, shown while it is refreshed. */
  | { readonly kind: 'loading'; readonly drives: readonly RemovableDrive[] }
  | { readonly kind: 'listed'; readonly drives: readonly RemovableDrive[] }
  | { readonly kind: 'unsupported' }
  | { readonly kind: 'failed'; readonly reason: DrivesFailedReason }
  /** The call itself failed (transport or bug). */
  | { readonly kind: 'error'; readonly failure: UiFailure };

export type PreviewState =
  | { readonly kind: 'idle' }
  /** The tag is not usable yet (`status` says why). */
  | { readonly kind: 'waiting-for-tag'; readonly status: GroupTagChoice['status'] }
  | { readonly kind: 'loading' }
  /** `updating`: a newer preview is on its way; this one is still shown. */
  | { readonly kind: 'shown'; readonly answer: PreviewAnswer; readonly updating: boolean }
  | { readonly kind: 'failed'; readonly failure: UiFailure };

export type ExportOutcome =
  | { readonly kind: 'answered'; readonly answer: ExportAnswer; readonly request: ExportRequest }
  | { readonly kind: 'failed'; readonly failure: UiFailure };

export interface ExportState extends ExportChoices {
  readonly drives: DrivesState;
  /** The stick remembered when the window opened (shown as "used last time"). */
  readonly lastDriveSerial: string | null;
  readonly preview: PreviewState;
  readonly exporting: boolean;
  /** What the last export did; cleared when a choice changes (it described the choices before). */
  readonly outcome: ExportOutcome | null;
  /**
   * The screen opened: take devices handed over, list the sticks, preview. Starting again while the first
   * start's calls run (StrictMode runs effects twice; a quick return to the screen) asks nothing again.
   */
  start(): void;
  chooseSelection(selection: SelectionKind): void;
  chooseFormat(format: CsvFormat): void;
  chooseTag(choice: GroupTagChoice): void;
  chooseDrive(drive: RemovableDrive): void;
  chooseFolder(): void;
  setDriveFolder(folder: string): void;
  setFolderPath(path: string): void;
  refreshDrives(): Promise<void>;
  /** Preview again now (after a failure). */
  retryPreview(): void;
  exportNow(): Promise<void>;
  /** The answer was `drive-ambiguous`: export to this one of the sticks it named. */
  exportToDrive(drive: RemovableDrive): Promise<void>;
}

export type ExportStore = StoreApi<ExportState>;

/** How long choices must rest before the preview is asked again. */
export const PREVIEW_DELAY_MS = 250;

export interface ExportStoreOptions {
  readonly api: HarvesterApi;
  readonly app: AppStore;
  /** Where the last stick is remembered (`null`: not remembered). */
  readonly storage: DriveStorage | null;
  readonly previewDelayMs?: number;
}

export function createExportStore(options: ExportStoreOptions): ExportStore {
  const { api, app, storage } = options;
  const delay = options.previewDelayMs ?? PREVIEW_DELAY_MS;
  let started = false;
  /** A start's drive listing is under way. */
  let starting = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Moves with every preview asked for; an answer for an older number is dropped. */
  let previewSequence = 0;
  let drivesSequence = 0;

  const store = createStore<ExportState>()((set, get) => {
    const platform = (): string | null => app.getState().appInfo?.platform ?? null;

    /** Marks the preview as stale and asks again once choices rest (or now). */
    const schedulePreview = (immediately: boolean): void => {
      if (!started) return;
      clearTimeout(timer);
      previewSequence += 1;
      const state = get();
      if (state.tag.status !== 'ok') {
        // While a typed tag is being checked the last preview stays, marked as updating.
        if (state.tag.status === 'checking') set({ preview: stale(state.preview) });
        else set({ preview: { kind: 'waiting-for-tag', status: state.tag.status } });
        return;
      }
      set({ preview: stale(state.preview) });
      if (immediately) void runPreview();
      else timer = setTimeout(() => void runPreview(), delay);
    };

    const runPreview = async (): Promise<void> => {
      const request = previewRequestOf(get(), app.getState().lang);
      if (request === null) return;
      const mine = previewSequence;
      try {
        const answer = await api.previewExport(request);
        if (mine === previewSequence) set({ preview: { kind: 'shown', answer, updating: false } });
      } catch (error) {
        if (mine === previewSequence) set({ preview: { kind: 'failed', failure: describeFailure(error) } });
      }
    };

    /** After a new list: keep a chosen stick that is still there, else preselect the remembered one. */
    const destinationAfterListing = (drives: readonly RemovableDrive[]): DestinationChoice | null => {
      const current = get().destination;
      if (current?.kind === 'folder') return current;
      if (current?.kind === 'drive') {
        const still = drives.find((d) => d.volumeSerial === current.volumeSerial);
        if (still !== undefined)
          return { kind: 'drive', volumeSerial: still.volumeSerial, label: still.label };
      }
      const remembered = findRememberedDrive(drives, readRememberedDrive(storage));
      return remembered === undefined
        ? null
        : { kind: 'drive', volumeSerial: remembered.volumeSerial, label: remembered.label };
    };

    const runExport = async (): Promise<void> => {
      const state = get();
      if (state.exporting) return;
      const request = exportRequestOf(state, app.getState().lang, platform());
      if (request === null) return;
      set({ exporting: true, outcome: null });
      let answer: ExportAnswer;
      try {
        answer = await api.exportDevices(request);
      } catch (error) {
        set({ exporting: false, outcome: { kind: 'failed', failure: describeFailure(error) } });
        return;
      }
      set({ exporting: false, outcome: { kind: 'answered', answer, request } });
      if (answer.kind === 'done') {
        app.getState().noteLedgerChanged();
        // "Not exported yet" has changed: the preview says what is left.
        schedulePreview(true);
      } else if (answer.kind === 'destination-unavailable' && answer.problem.kind === 'drive-not-found') {
        void get().refreshDrives();
      }
    };

    return {
      selection: 'not-exported',
      chosenIds: null,
      format: 'partner-center',
      tag: DEFAULT_TAG_CHOICE,
      destination: null,
      driveFolder: DEFAULT_DRIVE_FOLDER,
      folderPath: '',
      drives: { kind: 'idle' },
      lastDriveSerial: readRememberedDrive(storage)?.volumeSerial ?? null,
      preview: { kind: 'idle' },
      exporting: false,
      outcome: null,

      start() {
        const ids = app.getState().takePendingExport();
        const handedOver = ids !== null && ids.length > 0;
        if (handedOver) set({ selection: 'ids', chosenIds: [...ids], outcome: null });
        if (starting) {
          // The drives and the preview are being asked already; only devices handed over meanwhile are new.
          if (handedOver) schedulePreview(true);
          return;
        }
        started = true;
        starting = true;
        void get()
          .refreshDrives()
          .finally(() => {
            starting = false;
          });
        schedulePreview(true);
      },

      chooseSelection(selection) {
        if (selection === 'ids' && get().chosenIds === null) return;
        if (selection === get().selection) return;
        set({ selection, outcome: null });
        schedulePreview(false);
      },

      chooseFormat(format) {
        if (format === get().format) return;
        set({ format, outcome: null });
        schedulePreview(false);
      },

      chooseTag(choice) {
        if (sameChoice(choice, get().tag)) return;
        set({ tag: choice, outcome: null });
        schedulePreview(false);
      },

      chooseDrive(drive) {
        const drives = get().drives;
        // A stick named by a drive-ambiguous answer joins the list if the list did not have it.
        if (drives.kind === 'listed' && !drives.drives.some((d) => d.volumeSerial === drive.volumeSerial)) {
          set({ drives: { kind: 'listed', drives: [...drives.drives, drive] } });
        }
        const current = get().destination;
        if (current?.kind !== 'drive' || current.volumeSerial !== drive.volumeSerial) set({ outcome: null });
        set({ destination: { kind: 'drive', volumeSerial: drive.volumeSerial, label: drive.label } });
        rememberDrive(storage, drive);
      },

      chooseFolder() {
        if (get().destination?.kind === 'folder') return;
        set({ destination: { kind: 'folder' }, outcome: null });
      },

      setDriveFolder(folder) {
        if (folder === get().driveFolder) return;
        set({ driveFolder: folder, outcome: null });
      },

      setFolderPath(path) {
        if (path === get().folderPath) return;
        set({ folderPath: path, outcome: null });
      },

      async refreshDrives() {
        const mine = ++drivesSequence;
        const before = get().drives;
        set({ drives: { kind: 'loading', drives: 'drives' in before ? before.drives : [] } });
        let answer: ApiOutput<'listDrives'>;
        try {
          answer = await api.listDrives({});
        } catch (error) {
          if (mine === drivesSequence) set({ drives: { kind: 'error', failure: describeFailure(error) } });
          return;
        }
        if (mine !== drivesSequence) return;
        switch (answer.kind) {
          case 'listed':
            set({
              drives: { kind: 'listed', drives: answer.drives },
              destination: destinationAfterListing(answer.drives),
            });
            return;
          case 'unsupported':
            // Only the folder is left to choose.
            set({ drives: { kind: 'unsupported' }, destination: { kind: 'folder' } });
            return;
          case 'failed':
            set({
              drives: { kind: 'failed', reason: answer.reason },
              destination: get().destination?.kind === 'folder' ? get().destination : { kind: 'folder' },
            });
            return;
        }
      },

      retryPreview() {
        schedulePreview(true);
      },

      exportNow: runExport,

      async exportToDrive(drive) {
        get().chooseDrive(drive);
        await runExport();
      },
    };
  });

  // Messages in the preview are in the app's language: ask again when it changes.
  app.subscribe((state, before) => {
    if (state.lang !== before.lang) {
      // Read through the store so the scheduling above sees the same state.
      store.getState().retryPreview();
    }
  });

  return store;
}

function stale(preview: PreviewState): PreviewState {
  if (preview.kind === 'shown') return { ...preview, updating: true };
  return { kind: 'loading' };
}

function browserStorage(): DriveStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The screen's store, made on first use with the window's localStorage. */
export const exportStoreFactory: FeatureStoreFactory<ExportState> = ({ api, app }) =>
  createExportStore({ api, app, storage: browserStorage() });
