import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiInput, ApiOutput } from '../../../../../shared/api/harvester-api';
import { createAppStore, type AppStore } from '../../../../../renderer/app/app-store';
import { createExportStore, type ExportStore } from '../../../../../renderer/screens/export/export-store';
import { LAST_DRIVE_STORAGE_KEY } from '../../../../../renderer/screens/export/remembered-drive';
import { appInfoAnswer, fakeApi, type FakeAnswers, type FakeApi } from '../../../../support/fake-api';
import { memoryStorage } from '../../../../support/render-app';

const DEFAULT = 'Microsoft365Managed_Autopilot';
const DELAY = 250;

const STICK = { letter: 'E:', label: 'HARVEST', volumeSerial: '1A2B3C4D', freeBytes: 8e9, sizeBytes: 16e9 };
const OTHER_STICK = {
  letter: 'F:',
  label: 'BACKUP',
  volumeSerial: '99887766',
  freeBytes: 1e9,
  sizeBytes: 4e9,
};

const READY: ApiOutput<'previewExport'> = {
  kind: 'ready',
  devices: 2,
  files: 1,
  lines: ['Device Serial Number,Windows Product ID,Hardware Hash,Manufacturer name,Device model'],
  rejected: [],
  warnings: [],
};

function done(overrides: Partial<Extract<ApiOutput<'exportDevices'>, { kind: 'done' }>> = {}) {
  return {
    kind: 'done' as const,
    folder: 'E:\\Autopilot',
    files: [{ path: 'E:\\Autopilot\\autopilot-partner-center-1.csv', devices: 2 }],
    devices: 2,
    rejected: [],
    warnings: [],
    failure: null,
    historyFailure: null,
    ...overrides,
  };
}

interface Setup {
  readonly api: FakeApi;
  readonly app: AppStore;
  readonly store: ExportStore;
  readonly storage: Pick<Storage, 'getItem' | 'setItem'>;
}

async function setup(
  answers: FakeAnswers = {},
  options: { stored?: Record<string, string>; start?: boolean } = {},
): Promise<Setup> {
  const api = fakeApi({
    appInfo: appInfoAnswer({ platform: 'win32' }),
    listDrives: { kind: 'listed', drives: [STICK, OTHER_STICK] },
    previewExport: READY,
    exportDevices: done(),
    ...answers,
  });
  const app = createAppStore({ api, storage: memoryStorage({ 'harvester.lang': 'en' }), browserLang: 'en' });
  await app.getState().loadAppInfo();
  const storage = memoryStorage(options.stored ?? {});
  const store = createExportStore({ api, app, storage, previewDelayMs: DELAY });
  if (options.start ?? true) {
    store.getState().start();
    await settle();
  }
  return { api, app, store, storage };
}

/** Lets pending promises (and timers already due) run. */
async function settle(ms = 0): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
}

function lastPreview(api: FakeApi): ApiInput<'previewExport'> | undefined {
  return api.previewExport.mock.calls.at(-1)?.[0];
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the export store: preview requests', () => {
  it('previews devices not exported yet, for Partner Center, with the default tag, as the screen opens', async () => {
    const { api, store } = await setup();
    expect(api.previewExport).toHaveBeenCalledTimes(1);
    expect(lastPreview(api)).toEqual({
      format: 'partner-center',
      tag: DEFAULT,
      allowCustomTag: false,
      selection: { kind: 'not-exported' },
      lang: 'en',
    });
    expect(store.getState().preview).toEqual({ kind: 'shown', answer: READY, updating: false });
  });

  it('previews all devices once the choice rests', async () => {
    const { api, store } = await setup();
    store.getState().chooseSelection('all');
    await settle(DELAY - 1);
    expect(api.previewExport).toHaveBeenCalledTimes(1);
    await settle(1);
    expect(api.previewExport).toHaveBeenCalledTimes(2);
    expect(lastPreview(api)?.selection).toEqual({ kind: 'all' });
  });

  it('asks once for several quick changes, with the last of them', async () => {
    const { api, store } = await setup();
    store.getState().chooseFormat('intune');
    store.getState().chooseSelection('all');
    store.getState().chooseTag({ tag: 'Microsoft365Managed_Kiosk', allowCustomTag: false, status: 'ok' });
    await settle(DELAY);
    expect(api.previewExport).toHaveBeenCalledTimes(2);
    expect(lastPreview(api)).toMatchObject({
      format: 'intune',
      selection: { kind: 'all' },
      tag: 'Microsoft365Managed_Kiosk',
    });
  });

  it('previews the Intune format when chosen', async () => {
    const { api, store } = await setup();
    store.getState().chooseFormat('intune');
    await settle(DELAY);
    expect(lastPreview(api)?.format).toBe('intune');
  });

  it('previews with a null tag when devices keep their own tags', async () => {
    const { api, store } = await setup();
    store.getState().chooseTag({ tag: null, allowCustomTag: false, status: 'ok' });
    await settle(DELAY);
    expect(lastPreview(api)).toMatchObject({ tag: null, allowCustomTag: false });
  });

  it('sends allowCustomTag only with a confirmed custom tag', async () => {
    const { api, store } = await setup();
    store.getState().chooseTag({ tag: 'Contoso-Sales', allowCustomTag: true, status: 'ok' });
    await settle(DELAY);
    expect(lastPreview(api)).toMatchObject({ tag: 'Contoso-Sales', allowCustomTag: true });
  });

  it('does not preview while a custom tag waits for its confirmation', async () => {
    const { api, store } = await setup();
    store.getState().chooseTag({ tag: 'Contoso-Sales', allowCustomTag: false, status: 'needs-confirmation' });
    await settle(DELAY * 4);
    expect(api.previewExport).toHaveBeenCalledTimes(1);
    expect(store.getState().preview).toEqual({ kind: 'waiting-for-tag', status: 'needs-confirmation' });
  });

  it('keeps the last preview, marked as updating, while a typed tag is checked', async () => {
    const { store } = await setup();
    store.getState().chooseTag({ tag: 'Contoso', allowCustomTag: false, status: 'checking' });
    expect(store.getState().preview).toEqual({ kind: 'shown', answer: READY, updating: true });
  });

  it('shows only the answer to the latest request when an older one comes back last', async () => {
    const slow: ApiOutput<'previewExport'> = { ...READY, devices: 111 };
    const fast: ApiOutput<'previewExport'> = { ...READY, devices: 222 };
    let resolveSlow: (value: ApiOutput<'previewExport'>) => void = () => undefined;
    const { store } = await setup({
      previewExport: (input) =>
        input.format === 'intune'
          ? new Promise<ApiOutput<'previewExport'>>((resolve) => (resolveSlow = resolve))
          : fast,
    });
    store.getState().chooseFormat('intune');
    await settle(DELAY);
    store.getState().chooseFormat('partner-center');
    await settle(DELAY);
    resolveSlow(slow);
    await settle();
    const preview = store.getState().preview;
    expect(preview.kind === 'shown' && preview.answer.kind === 'ready' && preview.answer.devices).toBe(222);
  });

  it('previews again in the new language when the technician switches it', async () => {
    const { api, app } = await setup();
    app.getState().setLang('ja');
    await settle();
    expect(lastPreview(api)?.lang).toBe('ja');
  });

  it('shows a failed preview call as a failure the technician can retry', async () => {
    const { store } = await setup({
      previewExport: () => Promise.reject(new Error('boom')),
    });
    expect(store.getState().preview).toMatchObject({
      kind: 'failed',
      failure: { messageKey: 'error.unexpectedBody' },
    });
  });
});

describe('the export store: devices handed over by another screen', () => {
  it('takes the handed-over devices as its selection when the screen opens', async () => {
    const { api, app, store } = await setup({}, { start: false });
    app.getState().exportDevices(['aaaa000000000001', 'aaaa000000000002']);
    store.getState().start();
    await settle();
    expect(app.getState().pendingExportIds).toBeNull();
    expect(store.getState().selection).toBe('ids');
    expect(lastPreview(api)?.selection).toEqual({
      kind: 'ids',
      ids: ['aaaa000000000001', 'aaaa000000000002'],
    });
  });

  it('can switch from the handed-over devices to the others and back', async () => {
    const { api, app, store } = await setup({}, { start: false });
    app.getState().exportDevices(['aaaa000000000001']);
    store.getState().start();
    await settle();
    store.getState().chooseSelection('not-exported');
    await settle(DELAY);
    expect(lastPreview(api)?.selection).toEqual({ kind: 'not-exported' });
    store.getState().chooseSelection('ids');
    await settle(DELAY);
    expect(lastPreview(api)?.selection).toEqual({ kind: 'ids', ids: ['aaaa000000000001'] });
  });

  it('keeps its selection when the screen opens again with nothing handed over', async () => {
    const { app, store } = await setup({}, { start: false });
    app.getState().exportDevices(['aaaa000000000001']);
    store.getState().start();
    store.getState().start();
    await settle();
    expect(store.getState().selection).toBe('ids');
    expect(store.getState().chosenIds).toEqual(['aaaa000000000001']);
  });

  it('offers no handed-over selection when nothing was handed over', async () => {
    const { store } = await setup();
    store.getState().chooseSelection('ids');
    expect(store.getState().selection).toBe('not-exported');
  });
});

describe('the export store: destination', () => {
  it('preselects the stick remembered from last time when it is plugged in', async () => {
    const { store } = await setup(
      {},
      { stored: { [LAST_DRIVE_STORAGE_KEY]: JSON.stringify({ volumeSerial: '99887766', label: 'BACKUP' }) } },
    );
    expect(store.getState().destination).toEqual({
      kind: 'drive',
      volumeSerial: '99887766',
      label: 'BACKUP',
    });
  });

  it('preselects nothing when the remembered stick is not plugged in', async () => {
    const { store } = await setup(
      {},
      {
        stored: { [LAST_DRIVE_STORAGE_KEY]: JSON.stringify({ volumeSerial: '00000000', label: 'HARVEST' }) },
      },
    );
    expect(store.getState().destination).toBeNull();
  });

  it('remembers the chosen stick by volume serial and label', async () => {
    const { store, storage } = await setup();
    store.getState().chooseDrive(STICK);
    expect(JSON.parse(storage.getItem(LAST_DRIVE_STORAGE_KEY) ?? 'null')).toEqual({
      volumeSerial: '1A2B3C4D',
      label: 'HARVEST',
    });
  });

  it('offers only a folder where sticks cannot be listed (not Windows)', async () => {
    const { store } = await setup({ listDrives: { kind: 'unsupported' } });
    expect(store.getState().drives).toEqual({ kind: 'unsupported' });
    expect(store.getState().destination).toEqual({ kind: 'folder' });
  });

  it('falls back to a folder when Windows could not list the sticks', async () => {
    const { store } = await setup({ listDrives: { kind: 'failed', reason: 'timeout' } });
    expect(store.getState().drives).toEqual({ kind: 'failed', reason: 'timeout' });
    expect(store.getState().destination).toEqual({ kind: 'folder' });
  });

  it('drops a chosen stick that is gone after a refresh', async () => {
    let drives = [STICK, OTHER_STICK];
    const { store } = await setup({ listDrives: () => ({ kind: 'listed', drives }) });
    store.getState().chooseDrive(STICK);
    drives = [OTHER_STICK];
    await store.getState().refreshDrives();
    expect(store.getState().destination).toBeNull();
  });
});

describe('the export store: exporting', () => {
  it('exports to the chosen stick, found by volume serial, into the folder named on it', async () => {
    const { api, store } = await setup();
    store.getState().chooseDrive(STICK);
    await store.getState().exportNow();
    expect(api.exportDevices).toHaveBeenCalledWith({
      format: 'partner-center',
      tag: DEFAULT,
      allowCustomTag: false,
      selection: { kind: 'not-exported' },
      lang: 'en',
      destination: { kind: 'drive', volumeSerial: '1A2B3C4D', label: 'HARVEST', folder: 'Autopilot' },
    });
  });

  it('exports to a folder on this computer given as a full path', async () => {
    const { api, store } = await setup();
    store.getState().chooseFolder();
    store.getState().setFolderPath('  C:\\Exports\\Contoso ');
    store.getState().chooseFormat('intune');
    await store.getState().exportNow();
    expect(api.exportDevices.mock.calls[0]?.[0]).toMatchObject({
      format: 'intune',
      destination: { kind: 'folder', path: 'C:\\Exports\\Contoso' },
    });
  });

  it('does not export to a folder that is not a full path', async () => {
    const { api, store } = await setup();
    store.getState().chooseFolder();
    store.getState().setFolderPath('Exports');
    await store.getState().exportNow();
    expect(api.exportDevices).not.toHaveBeenCalled();
  });

  it('does not export while the tag is not usable', async () => {
    const { api, store } = await setup();
    store.getState().chooseDrive(STICK);
    store
      .getState()
      .chooseTag({ tag: 'microsoft365managed_autopilot', allowCustomTag: false, status: 'invalid' });
    await store.getState().exportNow();
    expect(api.exportDevices).not.toHaveBeenCalled();
  });

  it('tells the app the ledger changed once the export is done, and previews what is left', async () => {
    const { api, app, store } = await setup();
    store.getState().chooseDrive(STICK);
    const before = app.getState().ledgerVersion;
    await store.getState().exportNow();
    await settle();
    expect(app.getState().ledgerVersion).toBe(before + 1);
    expect(api.previewExport).toHaveBeenCalledTimes(2);
    expect(store.getState().outcome).toMatchObject({ kind: 'answered', answer: { kind: 'done' } });
  });

  it('does not tell the app the ledger changed when the destination was unavailable', async () => {
    const { app, store } = await setup({
      exportDevices: {
        kind: 'destination-unavailable',
        problem: { kind: 'drive-ambiguous', drives: [STICK] },
        message: 'Several USB sticks carry this label.',
      },
    });
    store.getState().chooseDrive(STICK);
    const before = app.getState().ledgerVersion;
    await store.getState().exportNow();
    expect(app.getState().ledgerVersion).toBe(before);
  });

  it('exports to the stick the technician picks among those an ambiguous answer named', async () => {
    const twin = { ...STICK, letter: 'G:', volumeSerial: '5E6F7A8B' };
    let calls = 0;
    const { api, store, storage } = await setup({
      exportDevices: () =>
        ++calls === 1
          ? {
              kind: 'destination-unavailable',
              problem: { kind: 'drive-ambiguous', drives: [STICK, twin] },
              message: 'Several USB sticks carry this label.',
            }
          : done({ folder: 'G:\\Autopilot' }),
    });
    store.getState().chooseDrive(STICK);
    await store.getState().exportNow();
    expect(store.getState().outcome).toMatchObject({
      answer: { kind: 'destination-unavailable', problem: { kind: 'drive-ambiguous' } },
    });

    await store.getState().exportToDrive(twin);
    expect(api.exportDevices.mock.calls[1]?.[0].destination).toEqual({
      kind: 'drive',
      volumeSerial: '5E6F7A8B',
      label: 'HARVEST',
      folder: 'Autopilot',
    });
    expect(JSON.parse(storage.getItem(LAST_DRIVE_STORAGE_KEY) ?? 'null')).toMatchObject({
      volumeSerial: '5E6F7A8B',
    });
    expect(store.getState().outcome).toMatchObject({ answer: { kind: 'done', folder: 'G:\\Autopilot' } });
  });

  it('looks for the sticks again when the chosen one was not found', async () => {
    const { api, store } = await setup({
      exportDevices: {
        kind: 'destination-unavailable',
        problem: { kind: 'drive-not-found' },
        message: 'The USB stick is not plugged in.',
      },
    });
    store.getState().chooseDrive(STICK);
    expect(api.listDrives).toHaveBeenCalledTimes(1);
    await store.getState().exportNow();
    await settle();
    expect(api.listDrives).toHaveBeenCalledTimes(2);
  });

  it('keeps a rejected export call as a failure to show', async () => {
    const { store } = await setup({ exportDevices: () => Promise.reject(new Error('boom')) });
    store.getState().chooseDrive(STICK);
    await store.getState().exportNow();
    expect(store.getState().outcome).toMatchObject({ kind: 'failed' });
    expect(store.getState().exporting).toBe(false);
  });
});

describe('the export store: starting and the outcome', () => {
  it('asks for the drives and the preview once when started twice in a row, as StrictMode does', async () => {
    const { api, store } = await setup({}, { start: false });
    store.getState().start();
    store.getState().start();
    await settle();
    expect(api.listDrives).toHaveBeenCalledTimes(1);
    expect(api.previewExport).toHaveBeenCalledTimes(1);
  });

  it('asks again when started after the first start finished (the screen opened again)', async () => {
    const { api, store } = await setup();
    store.getState().start();
    await settle();
    expect(api.listDrives).toHaveBeenCalledTimes(2);
    expect(api.previewExport).toHaveBeenCalledTimes(2);
  });

  it('clears the outcome when the selection, format, tag or destination changes', async () => {
    const { store } = await setup();
    const exported = async (): Promise<void> => {
      store.getState().chooseDrive(STICK);
      await store.getState().exportNow();
      expect(store.getState().outcome).not.toBeNull();
    };
    await exported();
    store.getState().chooseSelection('all');
    expect(store.getState().outcome).toBeNull();
    await exported();
    store.getState().chooseFormat('intune');
    expect(store.getState().outcome).toBeNull();
    await exported();
    store.getState().chooseTag({ tag: 'Microsoft365Managed_Kiosk', allowCustomTag: false, status: 'ok' });
    expect(store.getState().outcome).toBeNull();
    await exported();
    store.getState().chooseDrive(OTHER_STICK);
    expect(store.getState().outcome).toBeNull();
    await exported();
    store.getState().setDriveFolder('Elsewhere');
    expect(store.getState().outcome).toBeNull();
    await exported();
    store.getState().chooseFolder();
    expect(store.getState().outcome).toBeNull();
    store.getState().setFolderPath('D:\\Exports');
    await store.getState().exportNow();
    expect(store.getState().outcome).not.toBeNull();
    store.getState().setFolderPath('D:\\Other');
    expect(store.getState().outcome).toBeNull();
  });

  it('keeps the outcome when a choice is made again unchanged', async () => {
    const { store } = await setup();
    store.getState().chooseDrive(STICK);
    await store.getState().exportNow();
    store.getState().chooseDrive(STICK);
    store.getState().chooseSelection('not-exported');
    store.getState().chooseFormat('partner-center');
    expect(store.getState().outcome).not.toBeNull();
  });
});
