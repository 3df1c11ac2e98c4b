/**
 * The Import screen's state: the files chosen, the check (`previewImport`, which writes nothing), and the
 * save (`confirmImport`). Kept in a feature store so a half-done import survives switching screens.
 *
 * Every call is numbered; an answer that arrives after the technician cancelled or started again is
 * dropped, so a late answer never replaces what the screen shows now.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  ApiOutput,
  GroupTagCheckResult,
  ImportRow,
  LedgerFailure,
  TagCorrection,
} from '../../../shared/api/harvester-api';
import type { Lang } from '../../../shared/i18n/lang';
import { assertNever } from '../../../shared/ledger/ledger-events';
import type { FeatureDeps, FeatureStoreFactory } from '../../app/app-context';
import { describeFailure, type UiFailure } from '../../app/ui-failure';
import {
  bytesToBase64,
  importFileName,
  importLimitProblem,
  readBlobBytes,
  type ReadBytes,
} from './file-reading';

/** A file the technician chose, not read yet (its bytes are read when the files are checked). */
export interface ChosenFile {
  readonly id: number;
  readonly file: Blob;
  readonly name: string;
  readonly size: number;
  readonly lastModified: number;
}

export type ImportPreview = ApiOutput<'previewImport'>;
export type ImportedResult = Extract<ApiOutput<'confirmImport'>, { kind: 'imported' }>;

export type ImportPhase =
  /** Choosing files (also after a check failed: the files stay). */
  | { readonly kind: 'choosing' }
  | { readonly kind: 'reading'; readonly done: number; readonly total: number }
  | { readonly kind: 'checking'; readonly files: number }
  /** The check's answer: nothing is saved yet. */
  | { readonly kind: 'previewed'; readonly preview: ImportPreview }
  | { readonly kind: 'saving'; readonly preview: ImportPreview }
  | { readonly kind: 'imported'; readonly result: ImportedResult }
  /** The check expired, was replaced by newer ones, or was already saved: check the files again. */
  | { readonly kind: 'preview-not-found' }
  | { readonly kind: 'ledger-failed'; readonly failure: LedgerFailure; readonly saved: number };

/**
 * A correction the technician chose in the preview: the devices whose rows carry the mistyped `from` get
 * the known tag `tag` when the rows are saved. Keyed by `from` (one mistyped tag, one meant tag).
 */
export interface ChosenCorrection {
  readonly from: string;
  readonly tag: string;
  readonly deviceIds: readonly string[];
}

/** Rows whose tag the save writes (new and replacing devices) and that carry a mistyped tag. */
export type CorrectableRow = Extract<ImportRow, { kind: 'added' | 'replaced' }> & {
  readonly tagStatus: { readonly kind: 'near-miss' };
};

/** Whether saving writes this row's tag and the tag is a near miss of a known one. */
export function isCorrectableRow(row: ImportRow): row is CorrectableRow {
  return (row.kind === 'added' || row.kind === 'replaced') && row.tagStatus.kind === 'near-miss';
}

/** One mistyped tag across the checked files: the tag meant, and every device saved with it. */
export interface MistypedTag {
  readonly from: string;
  readonly suggestion: string;
  readonly reasons: readonly string[];
  readonly deviceIds: readonly string[];
}

/** The preview's mistyped tags, in the order first seen, each with the devices saving would write it for. */
export function mistypedTags(preview: ImportPreview): MistypedTag[] {
  const byTag = new Map<string, { suggestion: string; reasons: readonly string[]; ids: Set<string> }>();
  for (const file of preview.files) {
    for (const row of file.rows) {
      if (!isCorrectableRow(row)) continue;
      const status = row.tagStatus;
      const entry = byTag.get(row.groupTag) ?? {
        suggestion: status.suggestion,
        reasons: status.reasons,
        ids: new Set<string>(),
      };
      entry.ids.add(row.deviceId);
      byTag.set(row.groupTag, entry);
    }
  }
  return [...byTag].map(([from, entry]) => ({
    from,
    suggestion: entry.suggestion,
    reasons: entry.reasons,
    deviceIds: [...entry.ids],
  }));
}

/** Something that went wrong with the last action, shown above the screen until the next action. */
export type ImportProblem =
  /** A chosen file could not be read (moved, or the stick was pulled out). */
  | { readonly kind: 'unreadable'; readonly name: string; readonly detail: string }
  /** The call itself failed (a rejected promise): the app's generic words. */
  | { readonly kind: 'failure'; readonly failure: UiFailure }
  /** A chosen correction names a tag the services do not know (an older or edited app): nothing saved. */
  | { readonly kind: 'tag-refused'; readonly check: GroupTagCheckResult };

export interface ImportState {
  readonly files: readonly ChosenFile[];
  readonly phase: ImportPhase;
  readonly problem: ImportProblem | null;
  /** Names of files dropped again that were already in the list (not added twice). */
  readonly alreadyChosen: readonly string[];
  /**
   * The language the last check was asked in: its reasons and notes are worded by the services in it, so
   * after a language switch the screen marks them with it and offers to check again.
   */
  readonly checkedLang: Lang | null;
  /** Tag corrections chosen in the shown check, by mistyped tag; applied when the rows are saved. */
  readonly corrections: ReadonlyMap<string, ChosenCorrection>;
  /**
   * Chooses the known tag `tag` for `deviceIds`, whose rows carry the mistyped `from` (only while the check
   * is shown). Devices already chosen for `from` keep their choice.
   */
  correctTag(from: string, tag: string, deviceIds: readonly string[]): void;
  /** Takes the choice back for `deviceIds` (all devices of `from` when omitted): saved as read. */
  keepTag(from: string, deviceIds?: readonly string[]): void;
  /** Adds files to the list (only while choosing). */
  addFiles(files: Iterable<File> | ArrayLike<File>): void;
  removeFile(id: number): void;
  /** Reads the files and asks the service what saving would do. Refused while a limit is broken. */
  check(): Promise<void>;
  /** Saves the checked rows. */
  save(): Promise<void>;
  /** Checks the same files again (a shown check, not saved), e.g. for its reasons in the language now chosen. */
  checkAgain(): Promise<void>;
  /** From the check's answer back to the file list, files kept. */
  editFiles(): void;
  /** Cancel, Start over, Import more files: everything cleared. */
  reset(): void;
}

export type ImportStore = StoreApi<ImportState>;

export interface ImportStoreDeps extends FeatureDeps {
  /** How a file's bytes are read (tests hold or fail a read here). */
  readonly readBytes?: ReadBytes;
}

export function createImportStore(deps: ImportStoreDeps): ImportStore {
  const readBytes = deps.readBytes ?? readBlobBytes;
  let nextId = 1;
  /** Moves on every action that starts or abandons a call; an answer for an older number is dropped. */
  let run = 0;

  return createStore<ImportState>()((set, get) => ({
    files: [],
    phase: { kind: 'choosing' },
    problem: null,
    alreadyChosen: [],
    checkedLang: null,
    corrections: new Map(),

    correctTag(from, tag, deviceIds) {
      if (get().phase.kind !== 'previewed') return;
      const corrections = new Map(get().corrections);
      const earlier = corrections.get(from);
      const ids = new Set(earlier?.tag === tag ? earlier.deviceIds : []);
      for (const id of deviceIds) ids.add(id);
      corrections.set(from, { from, tag, deviceIds: [...ids] });
      set({ corrections });
    },

    keepTag(from, deviceIds) {
      if (get().phase.kind !== 'previewed') return;
      const earlier = get().corrections.get(from);
      if (earlier === undefined) return;
      const corrections = new Map(get().corrections);
      const dropped = deviceIds === undefined ? null : new Set(deviceIds);
      const kept = dropped === null ? [] : earlier.deviceIds.filter((id) => !dropped.has(id));
      if (kept.length === 0) corrections.delete(from);
      else corrections.set(from, { ...earlier, deviceIds: kept });
      set({ corrections });
    },

    addFiles(incoming) {
      if (get().phase.kind !== 'choosing') return;
      const files = [...get().files];
      const alreadyChosen: string[] = [];
      for (const file of Array.from(incoming)) {
        const same = files.some(
          (f) => f.name === file.name && f.size === file.size && f.lastModified === file.lastModified,
        );
        if (same) {
          alreadyChosen.push(file.name);
          continue;
        }
        files.push({
          id: nextId++,
          file,
          name: file.name,
          size: file.size,
          lastModified: file.lastModified,
        });
      }
      set({ files, alreadyChosen, problem: null });
    },

    removeFile(id) {
      if (get().phase.kind !== 'choosing') return;
      set((state) => ({ files: state.files.filter((f) => f.id !== id), alreadyChosen: [], problem: null }));
    },

    async check() {
      const { files, phase } = get();
      const ready =
        phase.kind === 'choosing' || phase.kind === 'preview-not-found' || phase.kind === 'ledger-failed';
      if (!ready || files.length === 0 || importLimitProblem(files) !== null) return;
      const mine = ++run;
      set({ phase: { kind: 'reading', done: 0, total: files.length }, problem: null, alreadyChosen: [] });
      const payload: { name: string; base64: string }[] = [];
      for (const chosen of files) {
        let bytes: Uint8Array;
        try {
          bytes = await readBytes(chosen.file);
        } catch (error) {
          if (mine !== run) return;
          set({
            phase: { kind: 'choosing' },
            problem: { kind: 'unreadable', name: chosen.name, detail: detailOf(error) },
          });
          return;
        }
        if (mine !== run) return;
        payload.push({ name: importFileName(chosen.name), base64: bytesToBase64(bytes) });
        set({ phase: { kind: 'reading', done: payload.length, total: files.length } });
      }
      set({ phase: { kind: 'checking', files: files.length } });
      const lang = deps.app.getState().lang;
      try {
        const preview = await deps.api.previewImport({ files: payload, lang });
        if (mine !== run) return;
        set({ phase: { kind: 'previewed', preview }, checkedLang: lang, corrections: new Map() });
      } catch (error) {
        if (mine !== run) return;
        // Back where the technician pressed the button, files kept, so "Check files" works again.
        set({
          phase: { kind: 'choosing' },
          problem: { kind: 'failure', failure: describeFailure(error) },
        });
      }
    },

    async save() {
      const phase = get().phase;
      if (phase.kind !== 'previewed') return;
      const { preview } = phase;
      const mine = ++run;
      set({ phase: { kind: 'saving', preview }, problem: null });
      const tagCorrections: TagCorrection[] = [...get().corrections.values()].map((c) => ({
        deviceIds: [...c.deviceIds],
        from: c.from,
        tag: c.tag,
      }));
      try {
        const answer = await deps.api.confirmImport({
          previewId: preview.previewId,
          ...(tagCorrections.length > 0 ? { tagCorrections } : {}),
          lang: deps.app.getState().lang,
        });
        if (mine !== run) return;
        switch (answer.kind) {
          case 'imported':
            set({ phase: { kind: 'imported', result: answer }, corrections: new Map() });
            deps.app.getState().noteLedgerChanged();
            break;
          case 'tag-refused':
            // Nothing was saved: the check stays, with the choices, so the technician can take one back.
            set({
              phase: { kind: 'previewed', preview },
              problem: { kind: 'tag-refused', check: answer.check },
            });
            break;
          case 'preview-not-found':
            set({ phase: { kind: 'preview-not-found' } });
            break;
          case 'ledger-failed':
            set({ phase: { kind: 'ledger-failed', failure: answer.failure, saved: answer.saved } });
            if (answer.saved > 0) deps.app.getState().noteLedgerChanged();
            break;
          default:
            assertNever(answer);
        }
      } catch (error) {
        if (mine !== run) return;
        // Whether anything was written is unknown: the check stays, and saving again either saves or says
        // the check is gone (then checking again shows what is already in the ledger).
        set({
          phase: { kind: 'previewed', preview },
          problem: { kind: 'failure', failure: describeFailure(error) },
        });
        deps.app.getState().noteLedgerChanged();
      }
    },

    async checkAgain() {
      if (get().phase.kind !== 'previewed') return;
      run++;
      set({ phase: { kind: 'choosing' }, problem: null });
      await get().check();
    },

    editFiles() {
      if (get().phase.kind !== 'previewed') return;
      run++;
      set({ phase: { kind: 'choosing' }, problem: null });
    },

    reset() {
      // A save under way finishes and shows its result: dropping its answer would hide what was written.
      if (get().phase.kind === 'saving') return;
      run++;
      set({
        files: [],
        phase: { kind: 'choosing' },
        problem: null,
        alreadyChosen: [],
        corrections: new Map(),
      });
    },
  }));
}

/** The Import screen's store, made on first use and kept for the window's life. */
export const importStoreFactory: FeatureStoreFactory<ImportState> = (deps) => createImportStore(deps);

function detailOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
