import { describe, expect, it } from 'vitest';
import type { ApiOutput } from '../../../../shared/api/harvester-api';
import { LANG_STORAGE_KEY, createAppStore } from '../../../../renderer/app/app-store';
import { appInfoAnswer, fakeApi } from '../../../support/fake-api';
import { memoryStorage } from '../../../support/render-app';

function deferred<T>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const withDevices = (devices: number): ApiOutput<'appInfo'> =>
  appInfoAnswer({ ledger: { ...appInfoAnswer().ledger, devices } });

describe('the app store', () => {
  it('keeps the newest appInfo when an older answer arrives last', async () => {
    const older = deferred<ApiOutput<'appInfo'>>();
    let calls = 0;
    const api = fakeApi({ appInfo: () => (++calls === 1 ? older.promise : withDevices(5)) });
    const app = createAppStore({ api, storage: null, browserLang: 'en' });
    const first = app.getState().loadAppInfo();
    await app.getState().loadAppInfo();
    older.resolve(withDevices(4));
    await first;
    expect(app.getState().appInfo?.ledger.devices).toBe(5);
  });

  it('remembers the chosen language and starts in it next time', () => {
    const storage = memoryStorage();
    const api = fakeApi({});
    createAppStore({ api, storage, browserLang: 'en' }).getState().setLang('ja');
    expect(storage.getItem(LANG_STORAGE_KEY)).toBe('ja');
    const next = createAppStore({ api, storage, browserLang: 'en' });
    expect(next.getState().lang).toBe('ja');
    expect(next.getState().langChosen).toBe(true);
  });

  it('ignores a stored language it does not speak', () => {
    const app = createAppStore({
      api: fakeApi({}),
      storage: memoryStorage({ [LANG_STORAGE_KEY]: 'fr' }),
      browserLang: 'en',
    });
    expect(app.getState().lang).toBe('en');
    expect(app.getState().langChosen).toBe(false);
  });

  it('hands devices to Export once and opens it', () => {
    const app = createAppStore({ api: fakeApi({}), storage: null, browserLang: 'en' });
    app.getState().exportDevices(['a', 'b']);
    expect(app.getState().screen).toBe('export');
    expect(app.getState().takePendingExport()).toEqual(['a', 'b']);
    expect(app.getState().takePendingExport()).toBeNull();
  });

  it('hands devices to Submit once and opens it', () => {
    const app = createAppStore({ api: fakeApi({}), storage: null, browserLang: 'en' });
    app.getState().submitDevices(['a', 'b']);
    expect(app.getState().screen).toBe('submit');
    expect(app.getState().takePendingSubmit()).toEqual(['a', 'b']);
    expect(app.getState().takePendingSubmit()).toBeNull();
    expect(app.getState().takePendingExport()).toBeNull();
  });

  it('opens the Submit screen', () => {
    const app = createAppStore({ api: fakeApi({}), storage: null, browserLang: 'en' });
    app.getState().go('submit');
    expect(app.getState().screen).toBe('submit');
  });
});
