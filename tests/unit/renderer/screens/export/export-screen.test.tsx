// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiOutput } from '../../../../../shared/api/harvester-api';
import type { Lang } from '../../../../../shared/i18n/lang';
import { useAppState } from '../../../../../renderer/app/app-context';
import { ExportScreen } from '../../../../../renderer/screens/export/export-screen';
import { appInfoAnswer, fakeApi, type FakeAnswers } from '../../../../support/fake-api';
import { renderWithApp } from '../../../../support/render-app';

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});

const DEFAULT = 'Microsoft365Managed_Autopilot';
const STICK = { letter: 'E:', label: 'HARVEST', volumeSerial: '1A2B3C4D', freeBytes: 8e9, sizeBytes: 16e9 };
const TWIN = { letter: 'G:', label: 'HARVEST', volumeSerial: '5E6F7A8B', freeBytes: 2e9, sizeBytes: 4e9 };

const READY: ApiOutput<'previewExport'> = {
  kind: 'ready',
  devices: 2,
  files: 1,
  lines: [
    'Device Serial Number,Windows Product ID,Hardware Hash,Manufacturer name,Device model',
    '5CG1457YL8,,T0GpAQAAAAAA…AAAAAA==,HP,HP EliteBook 840 G8 Notebook PC',
  ],
  rejected: [
    {
      file: 'old.csv',
      line: 7,
      code: 'group-tag-near-miss',
      message: 'The group tag looks like a mistyped one, so this device was left out.',
      params: { serial: 'PF3ABCDE' },
    },
  ],
  warnings: [],
};

const DONE: Extract<ApiOutput<'exportDevices'>, { kind: 'done' }> = {
  kind: 'done',
  folder: 'E:\\Autopilot',
  files: [
    { path: 'E:\\Autopilot\\autopilot-partner-center-20261124-1.csv', devices: 1000 },
    { path: 'E:\\Autopilot\\autopilot-partner-center-20261124-2.csv', devices: 2 },
  ],
  devices: 1002,
  rejected: [],
  warnings: [],
  failure: null,
  historyFailure: null,
};

function knownTags(): ApiOutput<'knownGroupTags'> {
  return {
    defaultTag: DEFAULT,
    tags: [{ tag: DEFAULT, description: 'Microsoft Managed Desktop (default)', shared: false }],
  };
}

async function renderScreen(answers: FakeAnswers = {}, options: { lang?: Lang; platform?: string } = {}) {
  const api = fakeApi({
    appInfo: appInfoAnswer({ platform: options.platform ?? 'win32' }),
    knownGroupTags: knownTags,
    listDrives: { kind: 'listed', drives: [STICK] },
    previewExport: READY,
    exportDevices: DONE,
    ...answers,
  });
  const rendered = renderWithApp(<ExportScreen />, { api, lang: options.lang ?? 'en' });
  await act(async () => rendered.app.getState().loadAppInfo());
  return { ...rendered, api };
}

async function chooseStickAndExport(): Promise<void> {
  fireEvent.click(await screen.findByRole('radio', { name: 'HARVEST (E:)' }));
  const button = await screen.findByRole('button', { name: 'Export 2 devices' });
  await act(async () => fireEvent.click(button));
}

describe('the Export screen', () => {
  it('keeps the export button disabled until a destination is chosen', async () => {
    await renderScreen();
    const button = await screen.findByRole<HTMLButtonElement>('button', { name: 'Export 2 devices' });
    expect(button.disabled).toBe(true);
    expect(screen.getByText('Choose where to save the files.')).toBeTruthy();
    fireEvent.click(await screen.findByRole('radio', { name: 'HARVEST (E:)' }));
    expect(button.disabled).toBe(false);
  });

  it('previews the count, the first CSV lines and the devices left out', async () => {
    await renderScreen();
    expect(await screen.findByText('2 devices will be written to 1 file.')).toBeTruthy();
    const csv = screen.getByLabelText('CSV preview');
    expect(csv.tagName).toBe('PRE');
    expect(csv.textContent).toContain('5CG1457YL8,,T0GpAQAAAAAA…AAAAAA==,HP');
    expect(screen.getByText('1 device left out')).toBeTruthy();
    expect(screen.getByText('PF3ABCDE')).toBeTruthy();
    expect(screen.getByText(/this device was left out/)).toBeTruthy();
  });

  it('offers all devices when everything was exported already', async () => {
    const { api } = await renderScreen({
      previewExport: (input) =>
        input.selection.kind === 'all' ? READY : { ...READY, devices: 0, files: 0, lines: [], rejected: [] },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Export all devices instead' }));
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'All devices' }).checked).toBe(true);
    await waitFor(() => expect(api.previewExport.mock.calls.at(-1)?.[0].selection).toEqual({ kind: 'all' }));
  });

  it('shows the devices handed over by another screen as the chosen selection', async () => {
    const api = fakeApi({
      knownGroupTags: knownTags,
      listDrives: { kind: 'listed', drives: [STICK] },
      previewExport: READY,
    });
    function ExportWhenOpen(): ReactNode {
      return useAppState((state) => state.screen) === 'export' ? <ExportScreen /> : null;
    }
    const { app } = renderWithApp(<ExportWhenOpen />, { api, lang: 'en' });
    act(() => app.getState().exportDevices(['aaaa000000000001', 'aaaa000000000002']));
    const ids = await screen.findByRole<HTMLInputElement>('radio', { name: 'The 2 chosen devices' });
    expect(ids.checked).toBe(true);
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Devices not exported yet' }).checked).toBe(
      false,
    );
    await waitFor(() =>
      expect(api.previewExport.mock.calls.at(-1)?.[0].selection).toEqual({
        kind: 'ids',
        ids: ['aaaa000000000001', 'aaaa000000000002'],
      }),
    );
  });

  it('lists every file written, with its path and device count, after the export', async () => {
    await renderScreen();
    await chooseStickAndExport();
    const result = await screen.findByText('Exported 1,002 devices');
    const alert = result.closest('.alert') as HTMLElement;
    expect(within(alert).getByText('E:\\Autopilot')).toBeTruthy();
    expect(within(alert).getByText('E:\\Autopilot\\autopilot-partner-center-20261124-1.csv').tagName).toBe(
      'CODE',
    );
    expect(within(alert).getByText('E:\\Autopilot\\autopilot-partner-center-20261124-2.csv')).toBeTruthy();
    expect(within(alert).getByText(/1,000 devices/)).toBeTruthy();
  });

  it('gives the exact tag to type as the group name in Partner Center', async () => {
    await renderScreen();
    await chooseStickAndExport();
    await screen.findByText('Exported 1,002 devices');
    expect(
      screen.getByText("In Partner Center's upload dialog, type this tag as the group name:"),
    ).toBeTruthy();
  });

  it('says where writing stopped, as an alert, with the files that are complete', async () => {
    await renderScreen({
      exportDevices: {
        ...DONE,
        files: [DONE.files[0]!],
        devices: 1000,
        failure: {
          kind: 'no-space',
          file: 'E:\\Autopilot\\autopilot-partner-center-20261124-2.csv',
          code: 'ENOSPC',
          message: 'The drive is full. Free some space or choose another folder.',
        },
      },
    });
    await chooseStickAndExport();
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Writing stopped')).toBeTruthy();
    expect(
      within(alert).getByText('The drive is full. Free some space or choose another folder.'),
    ).toBeTruthy();
    expect(screen.getByText('These files are complete:')).toBeTruthy();
    expect(screen.getByText('E:\\Autopilot\\autopilot-partner-center-20261124-1.csv')).toBeTruthy();
  });

  it('says the files are good when only the ledger could not record the export', async () => {
    await renderScreen({
      exportDevices: {
        ...DONE,
        historyFailure: {
          reason: 'write-failed',
          file: 'E:\\ledger\\journal.jsonl',
          message: 'Could not save to the ledger.',
          detail: 'EIO',
        },
      },
    });
    await chooseStickAndExport();
    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByText('The files are fine, but the ledger could not record the export'),
    ).toBeTruthy();
    expect(screen.getByText('E:\\Autopilot\\autopilot-partner-center-20261124-2.csv')).toBeTruthy();
  });

  it('lets the technician pick one of several sticks with the same label, and exports there', async () => {
    let calls = 0;
    const { api } = await renderScreen({
      exportDevices: () =>
        ++calls === 1
          ? {
              kind: 'destination-unavailable',
              problem: { kind: 'drive-ambiguous', drives: [STICK, TWIN] },
              message: 'Several USB sticks carry this label. Choose the one to write to from the list.',
            }
          : { ...DONE, folder: 'G:\\Autopilot' },
    });
    await chooseStickAndExport();
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText(/Several USB sticks carry this label/)).toBeTruthy();
    await act(async () =>
      fireEvent.click(within(alert).getByRole('button', { name: 'Export to HARVEST (G:)' })),
    );
    expect(api.exportDevices.mock.calls[1]?.[0].destination).toMatchObject({ volumeSerial: '5E6F7A8B' });
    expect(await screen.findByText('G:\\Autopilot')).toBeTruthy();
  });

  it('offers only a folder, with a POSIX example, where sticks cannot be listed', async () => {
    await renderScreen({ listDrives: { kind: 'unsupported' } }, { platform: 'linux' });
    expect(
      await screen.findByText('USB sticks can be listed only on Windows. Save to a folder instead.'),
    ).toBeTruthy();
    const input = await screen.findByLabelText('Folder path');
    expect(screen.getByText('A full path, for example /home/me/autopilot')).toBeTruthy();
    fireEvent.change(input, { target: { value: 'exports' } });
    expect(screen.getByText('This is not a full path. Type it like /home/me/autopilot.')).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
  });

  it('speaks Japanese to a Japanese technician', async () => {
    await renderScreen({}, { lang: 'ja' });
    expect(screen.getByRole('heading', { level: 1, name: 'エクスポート' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'エクスポートする対象' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: '未エクスポートのデバイス' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'すべてのデバイス' })).toBeTruthy();
    expect(screen.getByRole('group', { name: '形式' })).toBeTruthy();
    expect(screen.getByRole('group', { name: '保存先' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'このコンピューターのフォルダー' })).toBeTruthy();
    expect(await screen.findByText('2 台のデバイスを 1 個のファイルに書き出します。')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'プレビュー' })).toBeTruthy();
    fireEvent.click(await screen.findByRole('radio', { name: 'HARVEST (E:)' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '2 台をエクスポート' })));
    expect(await screen.findByText('1,002 台をエクスポートしました')).toBeTruthy();
  });

  it('lists the drives and previews once when it opens, though StrictMode runs its effects twice', async () => {
    const { api } = await renderScreen();
    expect(await screen.findByText('2 devices will be written to 1 file.')).toBeTruthy();
    expect(api.listDrives).toHaveBeenCalledTimes(1);
    expect(api.previewExport).toHaveBeenCalledTimes(1);
  });

  it('moves focus to a new result', async () => {
    await renderScreen();
    await chooseStickAndExport();
    await screen.findByText('Exported 1,002 devices');
    expect(document.activeElement?.classList.contains('export-result')).toBe(true);
  });

  it('puts the last result away when a choice changes', async () => {
    await renderScreen();
    await chooseStickAndExport();
    expect(await screen.findByText('Exported 1,002 devices')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: 'All devices' }));
    expect(screen.queryByText('Exported 1,002 devices')).toBeNull();
  });

  it('leaves focus on the screen heading when it opens again with the last result', async () => {
    const api = fakeApi({
      appInfo: appInfoAnswer({ platform: 'win32' }),
      knownGroupTags: knownTags,
      listDrives: { kind: 'listed', drives: [STICK] },
      previewExport: READY,
      exportDevices: DONE,
    });
    function ExportWhenOpen(): ReactNode {
      return useAppState((state) => state.screen) === 'export' ? <ExportScreen /> : null;
    }
    const { app } = renderWithApp(<ExportWhenOpen />, { api, lang: 'en' });
    await act(async () => app.getState().loadAppInfo());
    act(() => app.getState().go('export'));
    await chooseStickAndExport();
    await screen.findByText('Exported 1,002 devices');
    act(() => app.getState().go('collect'));
    act(() => app.getState().go('export'));
    expect(await screen.findByText('Exported 1,002 devices')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Export' }));
  });

  it('selects the tag and says to press Ctrl+C when the clipboard refuses to copy it', async () => {
    const clipboard = Object.getOwnPropertyDescriptor(navigator, 'clipboard');
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: () => Promise.reject(new Error('NotAllowedError')) },
    });
    try {
      await renderScreen();
      await chooseStickAndExport();
      await screen.findByText('Exported 1,002 devices');
      await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy' })));
      expect(await screen.findByText('The tag is selected: press Ctrl+C to copy it.')).toBeTruthy();
      expect(window.getSelection()?.toString()).toBe(DEFAULT);
    } finally {
      if (clipboard === undefined) Reflect.deleteProperty(navigator, 'clipboard');
      else Object.defineProperty(navigator, 'clipboard', clipboard);
    }
  });

  it('writes the line of a device left out, and a file’s device count, with each language’s punctuation', async () => {
    await renderScreen();
    const where = (await screen.findByText('PF3ABCDE')).closest('.export-diagnostic-where');
    expect(where?.textContent).toBe('PF3ABCDE · old.csv (line 7)');
    cleanup();
    await renderScreen({}, { lang: 'ja' });
    const whereJa = (await screen.findByText('PF3ABCDE')).closest('.export-diagnostic-where');
    expect(whereJa?.textContent).toBe('PF3ABCDE・old.csv（7 行目）');
    fireEvent.click(await screen.findByRole('radio', { name: 'HARVEST (E:)' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '2 台をエクスポート' })));
    const file = await screen.findByText('E:\\Autopilot\\autopilot-partner-center-20261124-1.csv');
    expect(file.closest('li')?.textContent).toBe(
      'E:\\Autopilot\\autopilot-partner-center-20261124-1.csv（1,000 台のデバイス）',
    );
  });

  it('marks the services’ words in a result with the language of the export after a switch', async () => {
    const { app } = await renderScreen({ exportDevices: { ...DONE, rejected: READY.rejected } });
    await chooseStickAndExport();
    await screen.findByText('Exported 1,002 devices');
    await act(async () => app.getState().setLang('ja'));
    expect(await screen.findByText('1,002 台をエクスポートしました')).toBeTruthy();
    const result = document.querySelector('.export-result') as HTMLElement;
    expect(
      within(result)
        .getByText(/this device was left out/)
        .getAttribute('lang'),
    ).toBe('en');
  });
});
