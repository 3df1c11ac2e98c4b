// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_IMPORT_FILES, type ApiOutput } from '../../../../../shared/api/harvester-api';
import { ImportScreen } from '../../../../../renderer/screens/import/import-screen';
import { appInfoAnswer, fakeApi, type FakeAnswers } from '../../../../support/fake-api';
import { renderWithApp } from '../../../../support/render-app';
import {
  addedRow,
  csvFile,
  filePreview,
  mixedPreview,
  previewAnswer,
  rejectedRow,
  workbookPreview,
} from './import-answers';

afterEach(cleanup);

function renderImport(answers: FakeAnswers, lang: 'en' | 'ja' = 'en') {
  const api = fakeApi({ appInfo: appInfoAnswer(), ...answers });
  return { api, ...renderWithApp(<ImportScreen />, { api, lang }) };
}

/** What the file picker hands over when the technician chooses files. */
function choose(files: readonly File[]): void {
  const input = document.querySelector<HTMLInputElement>('input[type="file"]');
  if (input === null) throw new Error('no file input');
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  fireEvent.change(input);
}

async function chooseAndCheck(files: readonly File[], label = 'Check files'): Promise<void> {
  choose(files);
  await act(async () => fireEvent.click(screen.getByRole('button', { name: label })));
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

describe('the Import screen: choosing files', () => {
  it('has a real button that opens a picker for several CSV files', () => {
    renderImport({});
    expect(screen.getByRole('button', { name: 'Choose files…' })).toBeTruthy();
    const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
    expect(input.multiple).toBe(true);
    expect(input.accept).toBe('.csv,text/csv');
  });

  it('lists chosen files with their size and a remove button each', () => {
    renderImport({});
    choose([csvFile('site-a.csv', 'x'.repeat(2500)), csvFile('site-b.csv')]);
    const list = screen.getByRole('list');
    expect(within(list).getByText('site-a.csv')).toBeTruthy();
    expect(within(list).getByText('2.5 KB')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remove site-b.csv from the list' })).toBeTruthy();
  });

  it('removes a file when its remove button is pressed', () => {
    renderImport({});
    choose([csvFile('site-a.csv'), csvFile('site-b.csv')]);
    fireEvent.click(screen.getByRole('button', { name: 'Remove site-a.csv from the list' }));
    expect(screen.queryByText('site-a.csv')).toBeNull();
    expect(screen.getByText('site-b.csv')).toBeTruthy();
  });

  it('takes files dropped on the drop zone', () => {
    renderImport({});
    const zone = screen.getByTestId('import-drop-zone');
    fireEvent.drop(zone, { dataTransfer: { files: [csvFile('dropped.csv')], types: ['Files'] } });
    expect(screen.getByText('dropped.csv')).toBeTruthy();
  });

  it('highlights the drop zone while files are dragged over it', () => {
    renderImport({});
    const zone = screen.getByTestId('import-drop-zone');
    fireEvent.dragEnter(zone, { dataTransfer: { files: [], types: ['Files'] } });
    expect(zone.className).toContain('is-over');
    fireEvent.dragLeave(zone, { dataTransfer: { files: [], types: ['Files'] } });
    expect(zone.className).not.toContain('is-over');
  });

  it('explains the limit and disables checking when too many files are chosen', () => {
    renderImport({});
    choose(Array.from({ length: MAX_IMPORT_FILES + 1 }, (_, i) => csvFile(`f${i}.csv`)));
    expect(screen.getByRole('alert').textContent).toContain(
      `You chose ${MAX_IMPORT_FILES + 1} files; one check takes at most ${MAX_IMPORT_FILES}.`,
    );
    expect(screen.getByRole('alert').textContent).toContain('import the rest in another round');
    expect((screen.getByRole('button', { name: 'Check files' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('disables checking until a file is chosen', () => {
    renderImport({});
    expect((screen.getByRole('button', { name: 'Check files' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('announces progress in a status region while the files are checked', async () => {
    let answer!: (value: ApiOutput<'previewImport'>) => void;
    renderImport({ previewImport: () => new Promise((resolve) => (answer = resolve)) });
    await chooseAndCheck([csvFile('a.csv'), csvFile('b.csv')]);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Checking 2 files…'));
    await act(async () => answer(mixedPreview()));
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('names a file that could not be read and says what to do', async () => {
    const api = renderImport({ previewImport: mixedPreview() }).api;
    const gone = csvFile('on-the-stick.csv');
    Object.defineProperty(gone, 'arrayBuffer', {
      value: () => Promise.reject(new DOMException('The file was removed', 'NotReadableError')),
    });
    await chooseAndCheck([gone]);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not read on-the-stick.csv.');
    expect(alert.textContent).toContain('choose it again');
    expect(api.previewImport).not.toHaveBeenCalled();
  });

  it('shows the app’s generic words in an alert when the check call fails', async () => {
    renderImport({ previewImport: () => Promise.reject(new Error('socket hang up')) });
    await chooseAndCheck([csvFile('a.csv')]);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Something went wrong');
    expect(alert.textContent).toContain('Nothing already saved was lost');
  });
});

describe('the Import screen: the check’s answer', () => {
  it('moves keyboard focus to the result once the check answers', async () => {
    renderImport({ previewImport: mixedPreview() });
    await chooseAndCheck([csvFile('site-a.csv')]);
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Check result' }));
  });

  it('says plainly that nothing has been saved yet', async () => {
    renderImport({ previewImport: mixedPreview() });
    await chooseAndCheck([csvFile('site-a.csv')]);
    expect(screen.getByText('Nothing has been saved yet.')).toBeTruthy();
  });

  it('shows the totals of all files', async () => {
    renderImport({ previewImport: mixedPreview() });
    await chooseAndCheck([csvFile('site-a.csv')]);
    const totals = Object.fromEntries(
      Array.from(document.querySelectorAll('.import-totals > div')).map((tile) => [
        tile.querySelector('dt')?.textContent,
        tile.querySelector('dd')?.textContent,
      ]),
    );
    expect(totals).toEqual({
      'Rows read': '6',
      New: '2',
      Duplicates: '2',
      'Replaced hardware': '1',
      Repaired: '1',
      Rejected: '1',
    });
  });

  it('shows each row’s result with its reason', async () => {
    renderImport({ previewImport: mixedPreview() });
    await chooseAndCheck([csvFile('site-a.csv')]);
    const table = screen.getByRole('table', { name: 'Rows of site-a.csv' });
    const rowOf = (line: string) =>
      within(table)
        .getAllByRole('row')
        .find((row) => row.querySelector('td')?.textContent === line)!;
    expect(within(rowOf('2')).getByText('New')).toBeTruthy();
    expect(within(rowOf('3')).getByText('Repaired')).toBeTruthy();
    expect(rowOf('3').textContent).toContain('was damaged (trailing space)');
    expect(within(rowOf('4')).getByText('Already in ledger')).toBeTruthy();
    expect(within(rowOf('5')).getByText('Duplicate in these files')).toBeTruthy();
    expect(rowOf('5').textContent).toContain('Same as site-a.csv, line 2.');
    expect(within(rowOf('6')).getByText('Replaces hardware')).toBeTruthy();
    expect(within(rowOf('7')).getByText('Rejected')).toBeTruthy();
    expect(rowOf('7').textContent).toContain('is a firmware placeholder');
  });

  it('labels the table columns with headers', async () => {
    renderImport({ previewImport: mixedPreview() });
    await chooseAndCheck([csvFile('site-a.csv')]);
    const headers = screen.getAllByRole('columnheader').map((th) => th.textContent);
    expect(headers).toEqual(['Line', 'Serial number', 'Manufacturer', 'Model', 'Result', 'Details']);
  });

  it('shows why a whole file was refused', async () => {
    renderImport({
      previewImport: previewAnswer([
        workbookPreview('devices.xlsx'),
        filePreview('ok.csv', [addedRow(2, 'A1')]),
      ]),
    });
    await chooseAndCheck([csvFile('devices.xlsx'), csvFile('ok.csv')]);
    const problem = screen.getByText('This file was not read').closest('.alert')!;
    expect(problem.className).toContain('alert-error');
    expect(problem.textContent).toContain('save it as "CSV (Comma delimited)"');
    expect(screen.getByText('Not read')).toBeTruthy();
  });

  it('shows notes about a file with the line they concern', async () => {
    const file = filePreview('old.csv', [addedRow(2, 'A1')], {
      notes: [
        {
          file: 'old.csv',
          line: 0,
          code: 'header-missing',
          message: 'The file has no header line; the columns were read in the collection script’s order.',
          params: {},
        },
        {
          file: 'old.csv',
          line: 9,
          code: 'text-undecodable',
          message: 'Some characters in this row could not be decoded.',
          params: {},
        },
      ],
    });
    renderImport({ previewImport: previewAnswer([file]) });
    await chooseAndCheck([csvFile('old.csv')]);
    expect(screen.getByText(/The file has no header line/)).toBeTruthy();
    expect(
      screen.getByText(
        (_, element) =>
          element?.tagName === 'LI' &&
          element.textContent === 'Line 9: Some characters in this row could not be decoded.',
      ),
    ).toBeTruthy();
  });

  it('counts the devices the save button would add or replace', async () => {
    renderImport({ previewImport: mixedPreview() });
    await chooseAndCheck([csvFile('site-a.csv')]);
    expect(screen.getByRole('button', { name: 'Save 3 devices to the ledger' })).toBeTruthy();
  });

  it('disables saving when every row was rejected', async () => {
    renderImport({
      previewImport: previewAnswer([filePreview('bad.csv', [rejectedRow(2, null, 'No hash.')])]),
    });
    await chooseAndCheck([csvFile('bad.csv')]);
    const save = screen.getByRole('button', { name: 'Nothing to save' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
  });

  it('starts a long file with the rows that need a look, and shows all on request a page at a time', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) =>
      i === 700 ? rejectedRow(i + 2, 'Default string', 'Placeholder serial.') : addedRow(i + 2, `SER${i}`),
    );
    renderImport({ previewImport: previewAnswer([filePreview('big.csv', rows)]) });
    await chooseAndCheck([csvFile('big.csv')]);
    const problems = screen.getByRole('table', { name: /that need a look/ });
    expect(within(problems).getAllByRole('row')).toHaveLength(2);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Show all rows (1,500)' }));
    const all = screen.getByRole('table', { name: 'Rows of big.csv' });
    expect(within(all).getAllByRole('row')).toHaveLength(101);
    expect(screen.getByText('Rows 1–100 of 1,500')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByText('Rows 101–200 of 1,500')).toBeTruthy();
  });

  it('clears everything on Cancel', async () => {
    renderImport({ previewImport: mixedPreview() });
    await chooseAndCheck([csvFile('site-a.csv')]);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByText('Nothing has been saved yet.')).toBeNull();
    expect(screen.getByText('No files chosen yet.')).toBeTruthy();
  });
});

describe('the Import screen: saving', () => {
  it('reports what was saved and opens Export with those devices', async () => {
    const { app } = renderImport({ previewImport: mixedPreview(), confirmImport: IMPORTED });
    await chooseAndCheck([csvFile('site-a.csv')]);
    await act(async () =>
      fireEvent.click(screen.getByRole('button', { name: 'Save 3 devices to the ledger' })),
    );
    expect(screen.getByRole('heading', { name: 'Saved to the ledger' })).toBeTruthy();
    expect(screen.getByText('2 new devices')).toBeTruthy();
    expect(screen.getByText('1 device with replaced hardware')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Export these devices' }));
    expect(app.getState().screen).toBe('export');
    expect(app.getState().pendingExportIds).toEqual(IMPORTED.kind === 'imported' ? IMPORTED.deviceIds : []);
  });

  it('opens the device list from the saved result', async () => {
    const { app } = renderImport({ previewImport: mixedPreview(), confirmImport: IMPORTED });
    await chooseAndCheck([csvFile('site-a.csv')]);
    await act(async () =>
      fireEvent.click(screen.getByRole('button', { name: 'Save 3 devices to the ledger' })),
    );
    fireEvent.click(screen.getByRole('button', { name: 'See devices' }));
    expect(app.getState().screen).toBe('devices');
  });

  it('checks the same files again when the preview was no longer there', async () => {
    const { api } = renderImport({
      previewImport: mixedPreview(),
      confirmImport: { kind: 'preview-not-found' },
    });
    await chooseAndCheck([csvFile('site-a.csv')]);
    await act(async () =>
      fireEvent.click(screen.getByRole('button', { name: 'Save 3 devices to the ledger' })),
    );
    expect(screen.getByRole('heading', { name: 'This check can no longer be saved' })).toBeTruthy();
    await act(async () =>
      fireEvent.click(screen.getByRole('button', { name: 'Check the same files again' })),
    );
    expect(api.previewImport).toHaveBeenCalledTimes(2);
    expect(screen.getByText('Nothing has been saved yet.')).toBeTruthy();
  });

  it('says why saving stopped, how much was saved, and that importing again is safe', async () => {
    renderImport({
      previewImport: mixedPreview(),
      confirmImport: {
        kind: 'ledger-failed',
        failure: {
          reason: 'write-failed',
          file: 'E:\\AutopilotHarvester-ledger\\journal.jsonl',
          message: 'The ledger could not be written: the USB stick is full.',
          detail: 'ENOSPC: no space left on device',
        },
        saved: 500,
      },
    });
    await chooseAndCheck([csvFile('site-a.csv')]);
    await act(async () =>
      fireEvent.click(screen.getByRole('button', { name: 'Save 3 devices to the ledger' })),
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('the USB stick is full');
    expect(alert.textContent).toContain('500 rows were saved before it stopped.');
    expect(alert.textContent).toContain('Importing the same files again is safe');
  });
});

describe('the Import screen in Japanese', () => {
  it('shows the check’s answer in Japanese', async () => {
    renderImport({ previewImport: mixedPreview() }, 'ja');
    expect(screen.getByText('CSV ファイルをここにドロップ')).toBeTruthy();
    await chooseAndCheck([csvFile('site-a.csv')], '確認する');
    expect(screen.getByText('まだ何も保存されていません。')).toBeTruthy();
    expect(screen.getByRole('button', { name: '3 台を台帳に保存' })).toBeTruthy();
    const table = screen.getByRole('table', { name: 'site-a.csv の行' });
    expect(within(table).getByText('除外')).toBeTruthy();
    expect(within(table).getByText('修復済み')).toBeTruthy();
    expect(within(table).getByText('site-a.csv の 2 行目と同じです。')).toBeTruthy();
  });
});

describe('the Import screen: while checking', () => {
  it('keeps focus on Check files while the files are checked, and Cancel stops the check', async () => {
    let answer!: (value: ApiOutput<'previewImport'>) => void;
    renderImport({ previewImport: () => new Promise((resolve) => (answer = resolve)) });
    choose([csvFile('a.csv')]);
    const check = screen.getByRole<HTMLButtonElement>('button', { name: 'Check files' });
    check.focus();
    await act(async () => fireEvent.click(check));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Checking 1 file…'));
    expect(check.disabled).toBe(false);
    expect(check.getAttribute('aria-disabled')).toBe('true');
    expect(document.activeElement).toBe(check);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Cancel' })));
    expect(screen.queryByText('a.csv')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Chosen files' }));
    await act(async () => answer(mixedPreview()));
    expect(screen.queryByText('Nothing has been saved yet.')).toBeNull();
  });
});

describe('the Import screen: each checked file', () => {
  it('is headed by a heading that holds its disclosure button', async () => {
    renderImport({
      previewImport: previewAnswer([
        filePreview('a.csv', [addedRow(2, 'A1')]),
        filePreview('b.csv', [addedRow(2, 'B1')]),
      ]),
    });
    await chooseAndCheck([csvFile('a.csv'), csvFile('b.csv')]);
    const heading = screen.getByRole('heading', { level: 3, name: /^a\.csv/ });
    const toggle = within(heading).getByRole('button');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('table', { name: 'Rows of a.csv' })).toBeNull();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('table', { name: 'Rows of a.csv' })).toBeTruthy();
    expect(document.querySelector('summary')).toBeNull();
  });

  it('joins its counts with the language’s separator', async () => {
    renderImport({ previewImport: mixedPreview() }, 'ja');
    await chooseAndCheck([csvFile('site-a.csv')], '確認する');
    const heading = screen.getByRole('heading', { level: 3, name: /^site-a\.csv/ });
    expect(heading.querySelector('.import-file-counts')?.textContent).toBe(
      '6 行・新規 2・重複 2・ハードウェア交換 1・修復済み 1・除外 1',
    );
  });
});

describe('the Import screen after a language switch', () => {
  const reason = (lang: string): string =>
    lang === 'ja' ? 'シリアル番号が仮の値です。' : 'The serial number is a placeholder.';

  it('marks the services’ reasons with the language of the check and offers to check again', async () => {
    const { api, app } = renderImport({
      previewImport: ({ lang }) =>
        previewAnswer([filePreview('a.csv', [rejectedRow(2, 'Default string', reason(lang))])]),
    });
    await chooseAndCheck([csvFile('a.csv')]);
    expect(screen.getByText(reason('en')).getAttribute('lang')).toBe('en');
    expect(screen.queryByRole('button', { name: 'Check again' })).toBeNull();

    await act(async () => app.getState().setLang('ja'));
    expect(screen.getByText(reason('en')).getAttribute('lang')).toBe('en');
    expect(
      screen.getByText(
        '英語で確認したため、下の理由は英語で表示されています。日本語で表示するには、もう一度確認してください。',
      ),
    ).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'もう一度確認' })));
    await waitFor(() => expect(screen.getByText(reason('ja')).getAttribute('lang')).toBe('ja'));
    expect(api.previewImport).toHaveBeenLastCalledWith(expect.objectContaining({ lang: 'ja' }));
    expect(screen.queryByRole('button', { name: 'もう一度確認' })).toBeNull();
  });
});
