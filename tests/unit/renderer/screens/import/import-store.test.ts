// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { MAX_IMPORT_FILES, type ApiOutput } from '../../../../../shared/api/harvester-api';
import { createAppStore } from '../../../../../renderer/app/app-store';
import { createImportStore, type ImportStoreDeps } from '../../../../../renderer/screens/import/import-store';
import { encodeShiftJis } from '../../../../support/shift-jis';
import { appInfoAnswer, fakeApi, type FakeAnswers } from '../../../../support/fake-api';
import { memoryStorage } from '../../../../support/render-app';
import { csvFile, mixedPreview } from './import-answers';

function setUp(
  answers: FakeAnswers,
  options: { lang?: 'en' | 'ja'; readBytes?: ImportStoreDeps['readBytes'] } = {},
) {
  const api = fakeApi({ appInfo: appInfoAnswer(), ...answers });
  const app = createAppStore({
    api,
    storage: memoryStorage(options.lang === undefined ? {} : { 'harvester.lang': options.lang }),
    browserLang: 'en',
  });
  const store = createImportStore({ api, app, readBytes: options.readBytes });
  return { api, app, store };
}

const IMPORTED: ApiOutput<'confirmImport'> = {
  kind: 'imported',
  added: 2,
  duplicates: 2,
  replaced: 1,
  deviceIds: ['0000000000000001', '0000000000000002'],
  tagsCorrected: [],
  tagCorrectionFailure: null,
};

const LOCKED = {
  reason: 'locked',
  file: 'E:\\AutopilotHarvester-ledger\\ledger.lock',
  message: 'Another Autopilot Harvester is using the ledger. Close it and try again.',
  detail: 'EEXIST: ledger.lock',
} as const;

/** A promise the test settles when it wants. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('the import store', () => {
  it('sends each file’s name and exact bytes as base64, with the app’s language', async () => {
    const { api, store } = setUp({ previewImport: mixedPreview() }, { lang: 'ja' });
    const sjis = encodeShiftJis('Device Serial Number,Group Tag\r\n5CG1,東京営業部\r\n');
    store
      .getState()
      .addFiles([csvFile('a.csv', 'Serial\r\n'), new File([Uint8Array.from(sjis)], '東京.csv')]);
    await store.getState().check();
    expect(api.previewImport).toHaveBeenCalledWith({
      files: [
        { name: 'a.csv', base64: 'U2VyaWFsDQo=' },
        { name: '東京.csv', base64: Buffer.from(sjis).toString('base64') },
      ],
      lang: 'ja',
    });
  });

  it('shows the check’s answer without saving anything', async () => {
    const preview = mixedPreview();
    const { api, store } = setUp({ previewImport: preview });
    store.getState().addFiles([csvFile('site-a.csv')]);
    await store.getState().check();
    expect(store.getState().phase).toEqual({ kind: 'previewed', preview });
    expect(api.confirmImport).not.toHaveBeenCalled();
  });

  it('adds files chosen later to the ones already chosen', () => {
    const { store } = setUp({});
    store.getState().addFiles([csvFile('a.csv')]);
    store.getState().addFiles([csvFile('b.csv')]);
    expect(store.getState().files.map((f) => f.name)).toEqual(['a.csv', 'b.csv']);
  });

  it('does not list the same file twice and says which it left out', () => {
    const { store } = setUp({});
    store.getState().addFiles([csvFile('a.csv')]);
    store.getState().addFiles([csvFile('a.csv'), csvFile('b.csv')]);
    expect(store.getState().files.map((f) => f.name)).toEqual(['a.csv', 'b.csv']);
    expect(store.getState().alreadyChosen).toEqual(['a.csv']);
  });

  it('removes a file from the list', () => {
    const { store } = setUp({});
    store.getState().addFiles([csvFile('a.csv'), csvFile('b.csv')]);
    store.getState().removeFile(store.getState().files[0]!.id);
    expect(store.getState().files.map((f) => f.name)).toEqual(['b.csv']);
  });

  it(`sends nothing when more than ${MAX_IMPORT_FILES} files are chosen`, async () => {
    const { api, store } = setUp({ previewImport: mixedPreview() });
    store.getState().addFiles(Array.from({ length: MAX_IMPORT_FILES + 1 }, (_, i) => csvFile(`f${i}.csv`)));
    await store.getState().check();
    expect(api.previewImport).not.toHaveBeenCalled();
    expect(store.getState().phase.kind).toBe('choosing');
  });

  it('reports reading progress file by file before asking the service', async () => {
    const second = deferred<Uint8Array>();
    let reads = 0;
    const readBytes = (file: Blob) =>
      ++reads === 2 ? second.promise : file.arrayBuffer().then((b) => new Uint8Array(b));
    const { store } = setUp({ previewImport: mixedPreview() }, { readBytes });
    store.getState().addFiles([csvFile('a.csv'), csvFile('b.csv')]);
    const checking = store.getState().check();
    await vi.waitFor(() => expect(store.getState().phase).toEqual({ kind: 'reading', done: 1, total: 2 }));
    second.resolve(new Uint8Array([0x41]));
    await checking;
    expect(store.getState().phase.kind).toBe('previewed');
  });

  it('names a file that could not be read and sends nothing', async () => {
    const readBytes = () => Promise.reject(new DOMException('The file was removed', 'NotReadableError'));
    const { api, store } = setUp({ previewImport: mixedPreview() }, { readBytes });
    store.getState().addFiles([csvFile('on-the-stick.csv')]);
    await store.getState().check();
    expect(api.previewImport).not.toHaveBeenCalled();
    expect(store.getState().problem).toMatchObject({ kind: 'unreadable', name: 'on-the-stick.csv' });
    expect(store.getState().files).toHaveLength(1);
  });

  it('keeps the files and gives the generic words when the check call fails', async () => {
    const { store } = setUp({
      previewImport: () => {
        throw new Error('socket hang up');
      },
    });
    store.getState().addFiles([csvFile('a.csv')]);
    await store.getState().check();
    expect(store.getState().phase.kind).toBe('choosing');
    expect(store.getState().files).toHaveLength(1);
    expect(store.getState().problem).toEqual({
      kind: 'failure',
      failure: { messageKey: 'error.unexpectedBody', detail: 'Error: socket hang up' },
    });
  });

  it('saves with the check’s previewId and the app’s language', async () => {
    const { api, store } = setUp({ previewImport: mixedPreview(), confirmImport: IMPORTED }, { lang: 'ja' });
    store.getState().addFiles([csvFile('a.csv')]);
    await store.getState().check();
    await store.getState().save();
    expect(api.confirmImport).toHaveBeenCalledWith({ previewId: 'preview-1', lang: 'ja' });
    expect(store.getState().phase).toEqual({ kind: 'imported', result: IMPORTED });
  });

  it('tells the app the ledger changed after saving', async () => {
    const { app, store } = setUp({ previewImport: mixedPreview(), confirmImport: IMPORTED });
    store.getState().addFiles([csvFile('a.csv')]);
    await store.getState().check();
    await store.getState().save();
    expect(app.getState().ledgerVersion).toBe(1);
  });

  it('asks for a new check when the service no longer has the preview', async () => {
    const { store } = setUp({ previewImport: mixedPreview(), confirmImport: { kind: 'preview-not-found' } });
    store.getState().addFiles([csvFile('a.csv')]);
    await store.getState().check();
    await store.getState().save();
    expect(store.getState().phase).toEqual({ kind: 'preview-not-found' });
  });

  it('checks the same files again after the preview was not found', async () => {
    const { api, store } = setUp({
      previewImport: mixedPreview(),
      confirmImport: { kind: 'preview-not-found' },
    });
    store.getState().addFiles([csvFile('a.csv', 'Serial\r\n')]);
    await store.getState().check();
    await store.getState().save();
    await store.getState().check();
    expect(api.previewImport).toHaveBeenCalledTimes(2);
    expect(api.previewImport.mock.calls[1]?.[0].files).toEqual([{ name: 'a.csv', base64: 'U2VyaWFsDQo=' }]);
    expect(store.getState().phase.kind).toBe('previewed');
  });

  it('keeps how many rows were saved when the ledger failed part way, and notes the change', async () => {
    const { app, store } = setUp({
      previewImport: mixedPreview(),
      confirmImport: { kind: 'ledger-failed', failure: LOCKED, saved: 500 },
    });
    store.getState().addFiles([csvFile('a.csv')]);
    await store.getState().check();
    await store.getState().save();
    expect(store.getState().phase).toEqual({ kind: 'ledger-failed', failure: LOCKED, saved: 500 });
    expect(app.getState().ledgerVersion).toBe(1);
  });

  it('does not note a ledger change when the ledger failed before saving anything', async () => {
    const { app, store } = setUp({
      previewImport: mixedPreview(),
      confirmImport: { kind: 'ledger-failed', failure: LOCKED, saved: 0 },
    });
    store.getState().addFiles([csvFile('a.csv')]);
    await store.getState().check();
    await store.getState().save();
    expect(app.getState().ledgerVersion).toBe(0);
  });

  it('keeps the check on screen when the save call itself fails', async () => {
    const { store } = setUp({
      previewImport: mixedPreview(),
      confirmImport: () => Promise.reject(new Error('connection reset')),
    });
    store.getState().addFiles([csvFile('a.csv')]);
    await store.getState().check();
    await store.getState().save();
    expect(store.getState().phase.kind).toBe('previewed');
    expect(store.getState().problem).toMatchObject({ kind: 'failure' });
  });

  it('clears the files and the check on cancel', async () => {
    const { store } = setUp({ previewImport: mixedPreview() });
    store.getState().addFiles([csvFile('a.csv')]);
    await store.getState().check();
    store.getState().reset();
    expect(store.getState().files).toEqual([]);
    expect(store.getState().phase).toEqual({ kind: 'choosing' });
  });

  it('drops a check answer that arrives after the technician cancelled', async () => {
    const answer = deferred<ApiOutput<'previewImport'>>();
    const { store } = setUp({ previewImport: () => answer.promise });
    store.getState().addFiles([csvFile('a.csv')]);
    const checking = store.getState().check();
    await vi.waitFor(() => expect(store.getState().phase.kind).toBe('checking'));
    store.getState().reset();
    answer.resolve(mixedPreview());
    await checking;
    expect(store.getState().phase).toEqual({ kind: 'choosing' });
  });

  it('goes back to the file list with the files kept to change them', async () => {
    const { store } = setUp({ previewImport: mixedPreview() });
    store.getState().addFiles([csvFile('a.csv')]);
    await store.getState().check();
    store.getState().editFiles();
    expect(store.getState().phase).toEqual({ kind: 'choosing' });
    expect(store.getState().files).toHaveLength(1);
  });
});
