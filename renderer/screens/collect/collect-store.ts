/**
 * The Collect screen's state: what reading this device said, and what the last collection did. It lives as
 * long as the window (a feature store), so switching to Export and back keeps both; reading takes seconds of
 * PowerShell, so the screen reads again on opening only when what it shows may be out of date.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiCollectionProblem, ApiOutput } from '../../../shared/api/harvester-api';
import type { Lang } from '../../../shared/i18n/lang';
import type { FeatureDeps, FeatureStoreFactory } from '../../app/app-context';
import { describeFailure, type UiFailure } from '../../app/ui-failure';

export type ThisDeviceAnswer = ApiOutput<'thisDevice'>;
export type CollectedDevice = Extract<ThisDeviceAnswer, { kind: 'collected' }>;
export type CollectAnswer = ApiOutput<'collectThisDevice'>;
export type SavedCollectAnswer = Extract<CollectAnswer, { kind: 'added' | 'duplicate' | 'replaced' }>;

/** A rejected call: the connection or a bug, never an expected problem (those come back as `kind`s). */
export interface UnexpectedFailure {
  readonly kind: 'unexpected';
  readonly failure: UiFailure;
}

/** The last completed reading of this device. */
export interface DeviceReading {
  readonly answer: ThisDeviceAnswer | UnexpectedFailure;
  /** The language the service wrote problem texts in. */
  readonly lang: Lang;
  /** When it was read (ms since the epoch), and the app's ledger version then: how fresh it is. */
  readonly at: number;
  readonly ledgerVersion: number;
}

/** What the last press of "Collect this device" did. */
export interface CollectResult {
  readonly answer: CollectAnswer | UnexpectedFailure;
  readonly lang: Lang;
}

export interface CollectState {
  readonly reading: boolean;
  readonly device: DeviceReading | null;
  readonly collecting: boolean;
  readonly result: CollectResult | null;
  /** Reads this device now (ignored while reading or collecting). */
  readDevice(): Promise<void>;
  /** Reads this device unless the last reading is still good (the screen calls this on opening). */
  refreshIfStale(): Promise<void>;
  /** Collects and saves this device (ignored while reading or collecting: never two at once). */
  collect(): Promise<void>;
}

export type CollectStore = StoreApi<CollectState>;

/** A reading younger than this is shown again as it is when the screen is opened again. */
export const READ_FRESH_MS = 30_000;

export interface CollectStoreOptions {
  readonly now?: () => number;
}

export function createCollectStore(deps: FeatureDeps, options: CollectStoreOptions = {}): CollectStore {
  const { api, app } = deps;
  const now = options.now ?? Date.now;

  const isStale = (reading: DeviceReading): boolean => {
    const { ledgerVersion, lang } = app.getState();
    if (now() - reading.at >= READ_FRESH_MS) return true;
    if (reading.ledgerVersion !== ledgerVersion) return true;
    // A problem is worded in the language asked for; a new reading says it in the language now chosen.
    return reading.answer.kind !== 'collected' && reading.lang !== lang;
  };

  return createStore<CollectState>()((set, get) => ({
    reading: false,
    device: null,
    collecting: false,
    result: null,

    async readDevice() {
      if (get().reading || get().collecting) return;
      const { lang, ledgerVersion } = app.getState();
      set({ reading: true });
      const answer = await settled(() => api.thisDevice({ lang }));
      set({ reading: false, device: { answer, lang, at: now(), ledgerVersion } });
      // The technician switched language while this reading ran: a problem must be worded in the new one.
      if (isStale(get().device ?? { answer, lang, at: now(), ledgerVersion })) await get().refreshIfStale();
    },

    async refreshIfStale() {
      const { device, reading, collecting } = get();
      if (reading || collecting) return;
      if (device === null || isStale(device)) await get().readDevice();
    },

    async collect() {
      if (get().reading || get().collecting) return;
      const { lang } = app.getState();
      set({ collecting: true, result: null });
      const answer = await settled(() => api.collectThisDevice({ lang }));
      const saved = isSaved(answer);
      if (saved) app.getState().noteLedgerChanged();
      const reading = get().device;
      const shown = saved && reading?.answer.kind === 'collected' ? reading.answer : null;
      set({
        collecting: false,
        result: { answer, lang },
        // The ledger now holds exactly this hash: say so without another seconds-long reading.
        ...(saved && shown !== null
          ? {
              device: {
                answer: withLedgerStatus(shown, answer.device),
                lang: reading?.lang ?? lang,
                at: now(),
                ledgerVersion: app.getState().ledgerVersion,
              },
            }
          : {}),
      });
      // Saved, but there was no good reading to update (it had failed, or never ran): read it now.
      if (saved && shown === null) await get().readDevice();
    },
  }));
}

/** The feature store the screen uses. */
export const collectStore: FeatureStoreFactory<CollectState> = (deps) => createCollectStore(deps);

export function isSaved(answer: CollectResult['answer']): answer is SavedCollectAnswer {
  return answer.kind === 'added' || answer.kind === 'duplicate' || answer.kind === 'replaced';
}

/**
 * Problems that mean no hash can be collected on this computer as it is (a Linux or Mac laptop running the
 * browser host, a Windows without PowerShell or without the MDM bridge, a PowerShell locked down by policy):
 * the screen offers importing CSV files instead.
 */
export function cannotCollectHere(problem: ApiCollectionProblem): boolean {
  return CANNOT_COLLECT_HERE.has(problem.kind);
}

const CANNOT_COLLECT_HERE: ReadonlySet<ApiCollectionProblem['kind']> = new Set([
  'not-windows',
  'powershell-missing',
  'powershell-locked-down',
  'mdm-bridge-missing',
]);

/** The answer, or the rejection in words the technician can be told. */
async function settled<T>(call: () => Promise<T>): Promise<T | UnexpectedFailure> {
  try {
    return await call();
  } catch (error) {
    return { kind: 'unexpected', failure: describeFailure(error) };
  }
}

function withLedgerStatus(read: CollectedDevice, saved: SavedCollectAnswer['device']): CollectedDevice {
  return {
    ...read,
    ledger: { kind: 'in-ledger', deviceId: saved.id, state: saved.state, sameHardware: true },
  };
}
