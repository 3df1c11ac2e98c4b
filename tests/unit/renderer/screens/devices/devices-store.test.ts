import { describe, expect, it } from 'vitest';
import type { ApiOutput, DeviceSummary } from '../../../../../shared/api/harvester-api';
import { createAppStore } from '../../../../../renderer/app/app-store';
import { devicesStore } from '../../../../../renderer/screens/devices/devices-store';
import { appInfoAnswer, deviceSummary, fakeApi, type FakeAnswers } from '../../../../support/fake-api';
import { memoryStorage } from '../../../../support/render-app';

function device(n: number, overrides: Partial<DeviceSummary> = {}): DeviceSummary {
  return deviceSummary({ id: `d${n}`, serial: `SERIAL${n}`, ...overrides });
}

const five = [1, 2, 3, 4, 5].map((n) => device(n));

const ledgerFailed = {
  kind: 'ledger-failed',
  failure: {
    reason: 'locked',
    file: 'E:\\AutopilotHarvester-ledger\\ledger.lock',
    message: 'Another Autopilot Harvester is using the ledger. Close it and try again.',
    detail: 'EBUSY: lock held by pid 4242',
  },
} as const;

async function setup(answers: FakeAnswers = {}, devices: readonly DeviceSummary[] = five) {
  const api = fakeApi({ appInfo: appInfoAnswer(), listDevices: { devices: [...devices] }, ...answers });
  const app = createAppStore({ api, storage: memoryStorage(), browserLang: 'en' });
  const store = devicesStore({ api, app });
  await store.getState().load();
  return { api, app, store };
}

describe('loading', () => {
  it('lists every device and shows those that are not deleted', async () => {
    const { store } = await setup({}, [device(1), device(2, { state: 'deleted' }), device(3)]);
    expect(store.getState().status).toBe('loaded');
    expect(store.getState().devices).toHaveLength(3);
    expect(store.getState().shown.map((d) => d.id)).toEqual(['d1', 'd3']);
  });

  it('makes one search text per device when the list loads', async () => {
    const { store } = await setup({}, [device(1, { manufacturer: 'ＨＰ' })]);
    expect(store.getState().searchTexts).toHaveLength(1);
    expect(store.getState().searchTexts[0]).toContain('hp');
  });

  it('records the ledger version it loaded at', async () => {
    const { app, store } = await setup();
    app.getState().noteLedgerChanged();
    await store.getState().load();
    expect(store.getState().loadedVersion).toBe(1);
  });

  it('says why the first load failed', async () => {
    const api = fakeApi({ listDevices: () => Promise.reject(new Error('boom')) });
    const app = createAppStore({ api, storage: memoryStorage(), browserLang: 'en' });
    const store = devicesStore({ api, app });
    await store.getState().load();
    expect(store.getState().status).toBe('failed');
    expect(store.getState().loadFailure?.messageKey).toBe('error.unexpectedBody');
  });

  it('keeps the list when a reload fails', async () => {
    let fail = false;
    const { store } = await setup({
      listDevices: () => (fail ? Promise.reject(new Error('gone')) : { devices: five }),
    });
    fail = true;
    await store.getState().load();
    expect(store.getState().status).toBe('loaded');
    expect(store.getState().devices).toHaveLength(5);
    expect(store.getState().loadFailure).not.toBeNull();
  });

  it('drops selected devices the reloaded list no longer has', async () => {
    let devices = five;
    const { store } = await setup({ listDevices: () => ({ devices }) });
    store.getState().toggle('d1');
    store.getState().toggle('d2');
    devices = five.filter((d) => d.id !== 'd2');
    await store.getState().load();
    expect([...store.getState().selected]).toEqual(['d1']);
  });

  it('re-applies the search and filter to a reloaded list', async () => {
    let devices = five;
    const { store } = await setup({ listDevices: () => ({ devices }) });
    store.getState().setQuery('serial5');
    devices = [...five, device(55)];
    await store.getState().load();
    expect(store.getState().shown.map((d) => d.id)).toEqual(['d5', 'd55']);
  });
});

describe('search and filter', () => {
  it('shows the devices matching the query', async () => {
    const { store } = await setup();
    store.getState().setQuery('serial3');
    expect(store.getState().shown.map((d) => d.id)).toEqual(['d3']);
  });

  it('shows deleted devices only under the deleted filter', async () => {
    const { store } = await setup({}, [device(1), device(2, { state: 'deleted' })]);
    store.getState().setFilter('deleted');
    expect(store.getState().shown.map((d) => d.id)).toEqual(['d2']);
  });

  it('clearing filters brings back every active device', async () => {
    const { store } = await setup();
    store.getState().setQuery('nothing like this');
    store.getState().setFilter('exported');
    store.getState().clearFilters();
    expect(store.getState().query).toBe('');
    expect(store.getState().filter).toBe('active');
    expect(store.getState().shown).toHaveLength(5);
  });
});

describe('selection', () => {
  it('toggles one device on and off', async () => {
    const { store } = await setup();
    store.getState().toggle('d2');
    expect([...store.getState().selected]).toEqual(['d2']);
    store.getState().toggle('d2');
    expect(store.getState().selected.size).toBe(0);
  });

  it('selects the range from the last toggled device with Shift', async () => {
    const { store } = await setup();
    store.getState().toggle('d2');
    store.getState().toggle('d4', { range: true });
    expect([...store.getState().selected].sort()).toEqual(['d2', 'd3', 'd4']);
  });

  it('selects a range upwards as well', async () => {
    const { store } = await setup();
    store.getState().toggle('d5');
    store.getState().toggle('d3', { range: true });
    expect([...store.getState().selected].sort()).toEqual(['d3', 'd4', 'd5']);
  });

  it('clears a range when the Shift+clicked device was selected', async () => {
    const { store } = await setup();
    store.getState().toggleAllShown();
    store.getState().toggle('d2');
    store.getState().toggle('d4', { range: true });
    expect([...store.getState().selected].sort()).toEqual(['d1', 'd5']);
  });

  it('ranges over the shown devices only', async () => {
    const { store } = await setup({}, [device(1), device(2, { state: 'deleted' }), device(3)]);
    store.getState().toggle('d1');
    store.getState().toggle('d3', { range: true });
    expect([...store.getState().selected].sort()).toEqual(['d1', 'd3']);
  });

  it('selects every device the filter shows, and nothing hidden', async () => {
    const { store } = await setup();
    store.getState().setQuery('serial1');
    store.getState().toggleAllShown();
    expect([...store.getState().selected]).toEqual(['d1']);
  });

  it('clears the shown devices when all of them are selected already', async () => {
    const { store } = await setup();
    store.getState().toggle('d1');
    store.getState().setQuery('serial2');
    store.getState().toggleAllShown();
    store.getState().toggleAllShown();
    expect([...store.getState().selected]).toEqual(['d1']);
  });

  it('keeps a selection across searches', async () => {
    const { store } = await setup();
    store.getState().setQuery('serial1');
    store.getState().toggle('d1');
    store.getState().setQuery('serial2');
    store.getState().toggle('d2');
    expect([...store.getState().selected].sort()).toEqual(['d1', 'd2']);
  });
});

describe('export', () => {
  it('opens Export with the selected devices that are not deleted, in list order', async () => {
    const { app, store } = await setup({}, [device(1), device(2, { state: 'deleted' }), device(3)]);
    store.getState().toggle('d3');
    store.getState().toggle('d1');
    store.getState().setFilter('deleted');
    store.getState().toggle('d2');
    store.getState().exportSelected();
    expect(app.getState().screen).toBe('export');
    expect(app.getState().pendingExportIds).toEqual(['d1', 'd3']);
  });
});

describe('submit', () => {
  it('opens Submit with the selected devices that are not deleted, in list order', async () => {
    const { app, store } = await setup({}, [device(1), device(2, { state: 'deleted' }), device(3)]);
    store.getState().toggle('d3');
    store.getState().toggle('d1');
    store.getState().setFilter('deleted');
    store.getState().toggle('d2');
    store.getState().submitSelected();
    expect(app.getState().screen).toBe('submit');
    expect(app.getState().pendingSubmitIds).toEqual(['d1', 'd3']);
    expect(app.getState().pendingExportIds).toBeNull();
  });
});

describe('delete and undo', () => {
  const done = (changed: string[]): ApiOutput<'removeDevices'> => ({ kind: 'done', changed, unknown: [] });

  it('deletes the selected devices by id in the current language', async () => {
    const { api, app, store } = await setup({ removeDevices: done(['d1', 'd3']) });
    app.getState().setLang('ja');
    store.getState().toggle('d1');
    store.getState().toggle('d3');
    await store.getState().deleteSelected();
    expect(api.removeDevices).toHaveBeenCalledWith({ ids: ['d1', 'd3'], lang: 'ja' });
  });

  it('offers undo for the devices the delete changed and clears the selection', async () => {
    const { store } = await setup({ removeDevices: done(['d1']) });
    store.getState().toggle('d1');
    await store.getState().deleteSelected();
    expect(store.getState().notice).toEqual({ kind: 'deleted', ids: ['d1'] });
    expect(store.getState().selected.size).toBe(0);
  });

  it('notes the ledger change and reloads after deleting', async () => {
    const { api, app, store } = await setup({ removeDevices: done(['d1']) });
    store.getState().toggle('d1');
    await store.getState().deleteSelected();
    expect(app.getState().ledgerVersion).toBe(1);
    expect(api.listDevices).toHaveBeenCalledTimes(2);
    expect(store.getState().loadedVersion).toBe(1);
  });

  it('undo restores exactly the deleted devices and notes the change', async () => {
    const { api, app, store } = await setup({
      removeDevices: done(['d2', 'd4']),
      restoreDevices: { kind: 'done', changed: ['d2', 'd4'], unknown: [] },
    });
    store.getState().toggle('d2');
    store.getState().toggle('d4');
    await store.getState().deleteSelected();
    await store.getState().undoDelete();
    expect(api.restoreDevices).toHaveBeenCalledWith({ ids: ['d2', 'd4'], lang: 'en' });
    expect(store.getState().notice).toEqual({ kind: 'restored', count: 2 });
    expect(app.getState().ledgerVersion).toBe(2);
  });

  it('a second delete replaces the undo of the first', async () => {
    let call = 0;
    const { store } = await setup({ removeDevices: () => done([call++ === 0 ? 'd1' : 'd2']) });
    store.getState().toggle('d1');
    await store.getState().deleteSelected();
    store.getState().toggle('d2');
    await store.getState().deleteSelected();
    expect(store.getState().notice).toEqual({ kind: 'deleted', ids: ['d2'] });
  });

  it('does not call the API when no deletable device is selected', async () => {
    const { api, store } = await setup({}, [device(1, { state: 'deleted' })]);
    store.getState().setFilter('deleted');
    store.getState().toggle('d1');
    await store.getState().deleteSelected();
    expect(api.removeDevices).not.toHaveBeenCalled();
  });

  it('keeps the selection and reports the ledger failure when the delete is refused', async () => {
    const { app, store } = await setup({ removeDevices: ledgerFailed });
    store.getState().toggle('d1');
    await store.getState().deleteSelected();
    expect(store.getState().problem).toEqual({ kind: 'ledger-failed', failure: ledgerFailed.failure });
    expect([...store.getState().selected]).toEqual(['d1']);
    expect(store.getState().notice).toBeNull();
    expect(app.getState().ledgerVersion).toBe(0);
  });

  it('keeps the undo bar when the undo is refused, so it can be tried again', async () => {
    const { store } = await setup({ removeDevices: done(['d1']), restoreDevices: ledgerFailed });
    store.getState().toggle('d1');
    await store.getState().deleteSelected();
    await store.getState().undoDelete();
    expect(store.getState().notice).toEqual({ kind: 'deleted', ids: ['d1'] });
    expect(store.getState().problem?.kind).toBe('ledger-failed');
  });

  it('a rejected call becomes a problem to show, and the store is no longer busy', async () => {
    const { store } = await setup({ removeDevices: () => Promise.reject(new Error('pipe closed')) });
    store.getState().toggle('d1');
    await store.getState().deleteSelected();
    expect(store.getState().problem).toMatchObject({ kind: 'failed' });
    expect(store.getState().busy).toBe(false);
  });

  it('says nothing changed when every selected device was deleted already elsewhere', async () => {
    const { app, store } = await setup({ removeDevices: done([]) });
    store.getState().toggle('d1');
    await store.getState().deleteSelected();
    expect(store.getState().notice).toEqual({ kind: 'unchanged' });
    expect(app.getState().ledgerVersion).toBe(0);
  });
});

describe('restore', () => {
  it('restores the selected deleted devices and notes the change', async () => {
    const { api, app, store } = await setup(
      { restoreDevices: { kind: 'done', changed: ['d2'], unknown: [] } },
      [device(1), device(2, { state: 'deleted' })],
    );
    store.getState().setFilter('deleted');
    store.getState().toggle('d2');
    store.getState().setFilter('active');
    store.getState().toggle('d1');
    await store.getState().restoreSelected();
    expect(api.restoreDevices).toHaveBeenCalledWith({ ids: ['d2'], lang: 'en' });
    expect(store.getState().notice).toEqual({ kind: 'restored', count: 1 });
    expect(store.getState().selected.size).toBe(0);
    expect(app.getState().ledgerVersion).toBe(1);
  });
});

describe('hash details', () => {
  const found = (id: string): ApiOutput<'deviceDetails'> => ({
    kind: 'found',
    device: device(1, { id }),
    hash: 'T0GpAQAA',
    verification: { kind: 'verified' },
    decoded: null,
    history: [],
  });

  it('asks for the device in the current language and keeps the answer', async () => {
    const { api, app, store } = await setup({ deviceDetails: ({ id }) => found(id) });
    app.getState().setLang('ja');
    await store.getState().openDetails('d1');
    expect(api.deviceDetails).toHaveBeenCalledWith({ id: 'd1', lang: 'ja' });
    expect(store.getState().details).toMatchObject({ kind: 'found', id: 'd1' });
  });

  it('ignores an answer that arrives after the panel was closed', async () => {
    let answer: (value: ApiOutput<'deviceDetails'>) => void = () => {};
    const { store } = await setup({ deviceDetails: () => new Promise((resolve) => (answer = resolve)) });
    const opening = store.getState().openDetails('d1');
    store.getState().closeDetails();
    answer(found('d1'));
    await opening;
    expect(store.getState().details).toEqual({ kind: 'closed' });
  });

  it('reloads the list when the device is no longer in the ledger', async () => {
    const { api, store } = await setup({ deviceDetails: { kind: 'not-found', id: 'd1' } });
    await store.getState().openDetails('d1');
    expect(store.getState().details).toEqual({ kind: 'not-found', id: 'd1' });
    expect(api.listDevices).toHaveBeenCalledTimes(2);
  });
});
