import { describe, expect, it } from 'vitest';
import type { ApiOutput } from '../../../../../shared/api/harvester-api';
import {
  collectionProblemMessage,
  type CollectionProblem,
} from '../../../../../shared/i18n/collection-messages';
import type { Lang } from '../../../../../shared/i18n/lang';
import { createAppStore } from '../../../../../renderer/app/app-store';
import {
  READ_FRESH_MS,
  cannotCollectHere,
  createCollectStore,
} from '../../../../../renderer/screens/collect/collect-store';
import { appInfoAnswer, deviceSummary, fakeApi, type FakeAnswers } from '../../../../support/fake-api';

function thisDeviceAnswer(
  overrides: Partial<Extract<ApiOutput<'thisDevice'>, { kind: 'collected' }>> = {},
): ApiOutput<'thisDevice'> {
  return {
    kind: 'collected',
    serial: '5CG1457YL8',
    manufacturer: 'HP',
    model: 'HP EliteBook 840 G8 Notebook PC',
    computerName: 'DESKTOP-1',
    virtualMachine: false,
    osVersion: '10.0.22631',
    ledger: { kind: 'not-in-ledger' },
    ...overrides,
  };
}

/** One example of each problem with details; the others need only their kind. */
const PROBLEM_EXAMPLES: Readonly<Record<string, CollectionProblem>> = {
  'powershell-locked-down': { kind: 'powershell-locked-down', languageMode: 'ConstrainedLanguage' },
  'mdm-bridge-missing': { kind: 'mdm-bridge-missing', missing: 'namespace' },
  timeout: { kind: 'timeout', timeoutMs: 120_000 },
};

type PlainProblem = Extract<
  CollectionProblem,
  { kind: 'not-windows' | 'not-elevated' | 'powershell-missing' | 'hash-access-denied' | 'mi-result-1' }
>;

function problem(
  kind: PlainProblem['kind'] | 'powershell-locked-down' | 'mdm-bridge-missing' | 'timeout',
  lang: Lang = 'en',
) {
  const full: CollectionProblem = PROBLEM_EXAMPLES[kind] ?? ({ kind } as PlainProblem);
  return { kind, ...collectionProblemMessage(full, lang) };
}

/** A promise the test settles when it wants: to look at the store while a call is under way. */
function deferred<T>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function setup(answers: FakeAnswers, options: { lang?: Lang } = {}) {
  const api = fakeApi({ appInfo: appInfoAnswer(), thisDevice: thisDeviceAnswer(), ...answers });
  const app = createAppStore({ api, storage: null, browserLang: options.lang ?? 'en' });
  let time = 1_000_000;
  const clock = { advance: (ms: number) => (time += ms) };
  const store = createCollectStore({ api, app }, { now: () => time });
  return { api, app, store, clock };
}

describe('reading this device', () => {
  it('asks in the app’s language and keeps what the device said', async () => {
    const { api, store } = setup({}, { lang: 'ja' });
    await store.getState().readDevice();
    expect(api.thisDevice).toHaveBeenCalledWith({ lang: 'ja' });
    expect(store.getState().device?.answer).toMatchObject({ kind: 'collected', serial: '5CG1457YL8' });
  });

  it('is marked as reading until the answer arrives', async () => {
    const answer = deferred<ApiOutput<'thisDevice'>>();
    const { store } = setup({ thisDevice: () => answer.promise });
    const reading = store.getState().readDevice();
    expect(store.getState().reading).toBe(true);
    answer.resolve(thisDeviceAnswer());
    await reading;
    expect(store.getState().reading).toBe(false);
  });

  it('does not read again when the screen reopens within 30 seconds', async () => {
    const { api, store, clock } = setup({});
    await store.getState().refreshIfStale();
    clock.advance(READ_FRESH_MS - 1);
    await store.getState().refreshIfStale();
    expect(api.thisDevice).toHaveBeenCalledTimes(1);
  });

  it('reads again when the screen reopens after 30 seconds', async () => {
    const { api, store, clock } = setup({});
    await store.getState().refreshIfStale();
    clock.advance(READ_FRESH_MS);
    await store.getState().refreshIfStale();
    expect(api.thisDevice).toHaveBeenCalledTimes(2);
  });

  it('reads again when another screen changed the ledger since the last reading', async () => {
    const { api, app, store } = setup({});
    await store.getState().refreshIfStale();
    app.getState().noteLedgerChanged();
    await store.getState().refreshIfStale();
    expect(api.thisDevice).toHaveBeenCalledTimes(2);
  });

  it('reads a failure again in the newly chosen language, so the problem is worded in it', async () => {
    const { api, app, store } = setup({
      thisDevice: ({ lang }) => ({ kind: 'failed', problem: problem('not-elevated', lang) }),
    });
    await store.getState().refreshIfStale();
    app.getState().setLang('ja');
    await store.getState().refreshIfStale();
    expect(api.thisDevice).toHaveBeenLastCalledWith({ lang: 'ja' });
    expect(store.getState().device?.lang).toBe('ja');
  });

  it('reads a failure again when the language changed while the reading was under way', async () => {
    const first = deferred<ApiOutput<'thisDevice'>>();
    let calls = 0;
    const { api, app, store } = setup({
      thisDevice: ({ lang }) => {
        calls += 1;
        return calls === 1 ? first.promise : { kind: 'failed', problem: problem('not-elevated', lang) };
      },
    });
    const reading = store.getState().refreshIfStale();
    app.getState().setLang('ja');
    // The screen asks again on the language change, but a reading is under way: that request is dropped.
    await store.getState().refreshIfStale();
    first.resolve({ kind: 'failed', problem: problem('not-elevated', 'en') });
    await reading;
    expect(api.thisDevice).toHaveBeenLastCalledWith({ lang: 'ja' });
    expect(store.getState().device?.lang).toBe('ja');
    expect(store.getState().reading).toBe(false);
  });

  it('does not read a good reading again just because the language changed', async () => {
    const { api, app, store } = setup({});
    await store.getState().refreshIfStale();
    app.getState().setLang('ja');
    await store.getState().refreshIfStale();
    expect(api.thisDevice).toHaveBeenCalledTimes(1);
  });

  it('turns a rejected call into words for the technician instead of throwing', async () => {
    const { store } = setup({ thisDevice: () => Promise.reject(new Error('socket closed')) });
    await store.getState().readDevice();
    expect(store.getState().device?.answer).toMatchObject({
      kind: 'unexpected',
      failure: { messageKey: 'error.unexpectedBody' },
    });
  });
});

describe('collecting this device', () => {
  it.each(['added', 'duplicate', 'replaced'] as const)(
    'tells the app the ledger changed when the device was %s',
    async (kind) => {
      const { app, store } = setup({ collectThisDevice: { kind, device: deviceSummary() } });
      await store.getState().collect();
      expect(app.getState().ledgerVersion).toBe(1);
      expect(store.getState().result?.answer.kind).toBe(kind);
    },
  );

  it('shows the device as in the ledger afterwards without reading it again', async () => {
    const { api, store } = setup({
      collectThisDevice: { kind: 'added', device: deviceSummary({ id: 'aaaabbbbccccdddd' }) },
    });
    await store.getState().readDevice();
    await store.getState().collect();
    expect(api.thisDevice).toHaveBeenCalledTimes(1);
    expect(store.getState().device?.answer).toMatchObject({
      ledger: { kind: 'in-ledger', deviceId: 'aaaabbbbccccdddd', state: 'new', sameHardware: true },
    });
  });

  it('does not count its own save as a reason to read again on reopening', async () => {
    const { api, store } = setup({ collectThisDevice: { kind: 'replaced', device: deviceSummary() } });
    await store.getState().readDevice();
    await store.getState().collect();
    await store.getState().refreshIfStale();
    expect(api.thisDevice).toHaveBeenCalledTimes(1);
  });

  it('reads the device after saving when the earlier reading had failed', async () => {
    let reads = 0;
    const { store } = setup({
      thisDevice: () =>
        ++reads === 1 ? { kind: 'failed', problem: problem('not-elevated') } : thisDeviceAnswer(),
      collectThisDevice: { kind: 'added', device: deviceSummary() },
    });
    await store.getState().readDevice();
    await store.getState().collect();
    expect(store.getState().device?.answer.kind).toBe('collected');
  });

  it('keeps the problem and leaves the ledger version alone when collection failed', async () => {
    const { app, store } = setup({
      collectThisDevice: { kind: 'failed', problem: problem('not-elevated') },
    });
    await store.getState().collect();
    expect(app.getState().ledgerVersion).toBe(0);
    expect(store.getState().result?.answer).toMatchObject({
      kind: 'failed',
      problem: { kind: 'not-elevated' },
    });
  });

  it('keeps the ledger failure and leaves the ledger version alone when saving failed', async () => {
    const failure = {
      reason: 'locked' as const,
      file: 'E:\\AutopilotHarvester-ledger\\ledger.lock',
      message: 'The ledger is in use by another window.',
      detail: 'EBUSY',
    };
    const { app, store } = setup({ collectThisDevice: { kind: 'ledger-failed', failure } });
    await store.getState().collect();
    expect(app.getState().ledgerVersion).toBe(0);
    expect(store.getState().result?.answer).toEqual({ kind: 'ledger-failed', failure });
  });

  it('remembers the language the result was worded in', async () => {
    const { store } = setup(
      { collectThisDevice: { kind: 'failed', problem: problem('not-elevated', 'ja') } },
      { lang: 'ja' },
    );
    await store.getState().collect();
    expect(store.getState().result?.lang).toBe('ja');
  });

  it('turns a rejected collect call into words for the technician', async () => {
    const { store } = setup({ collectThisDevice: () => Promise.reject(new Error('socket closed')) });
    await store.getState().collect();
    expect(store.getState().result?.answer.kind).toBe('unexpected');
    expect(store.getState().collecting).toBe(false);
  });

  it('never starts a second collection while one runs', async () => {
    const answer = deferred<ApiOutput<'collectThisDevice'>>();
    const { api, store } = setup({ collectThisDevice: () => answer.promise });
    const first = store.getState().collect();
    const second = store.getState().collect();
    answer.resolve({ kind: 'added', device: deviceSummary() });
    await Promise.all([first, second]);
    expect(api.collectThisDevice).toHaveBeenCalledTimes(1);
  });

  it('does not collect while the device is still being read', async () => {
    const reading = deferred<ApiOutput<'thisDevice'>>();
    const { api, store } = setup({
      thisDevice: () => reading.promise,
      collectThisDevice: { kind: 'added', device: deviceSummary() },
    });
    const read = store.getState().readDevice();
    await store.getState().collect();
    reading.resolve(thisDeviceAnswer());
    await read;
    expect(api.collectThisDevice).not.toHaveBeenCalled();
  });

  it('clears the previous result when a new collection starts', async () => {
    const second = deferred<ApiOutput<'collectThisDevice'>>();
    let calls = 0;
    const { store } = setup({
      collectThisDevice: () =>
        ++calls === 1 ? { kind: 'failed', problem: problem('not-elevated') } : second.promise,
    });
    await store.getState().collect();
    const running = store.getState().collect();
    expect(store.getState().result).toBeNull();
    second.resolve({ kind: 'added', device: deviceSummary() });
    await running;
  });
});

describe('which problems mean this computer cannot collect at all', () => {
  it.each(['not-windows', 'powershell-missing', 'powershell-locked-down', 'mdm-bridge-missing'] as const)(
    'treats %s as a reason to import files instead',
    (kind) => {
      expect(cannotCollectHere(problem(kind))).toBe(true);
    },
  );

  it.each(['not-elevated', 'hash-access-denied', 'mi-result-1', 'timeout'] as const)(
    'treats %s as fixable on this computer',
    (kind) => {
      expect(cannotCollectHere(problem(kind))).toBe(false);
    },
  );
});
