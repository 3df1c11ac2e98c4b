// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiInput, ApiOutput, ImportRow } from '../../../../../shared/api/harvester-api';
import { ImportScreen } from '../../../../../renderer/screens/import/import-screen';
import { appInfoAnswer, fakeApi, type FakeAnswers } from '../../../../support/fake-api';
import { renderWithApp } from '../../../../support/render-app';
import { addedRow, csvFile, duplicateInLedgerRow, filePreview, previewAnswer } from './import-answers';

afterEach(cleanup);

const TYPO = 'Microsoft365Managed_Autopliot';
const TAG = 'Microsoft365Managed_Autopilot';
const NEAR_MISS = {
  kind: 'near-miss',
  suggestion: TAG,
  reasons: ['typo'],
  correctable: false,
} as const;

function typoRow(line: number, serial: string): ImportRow {
  return addedRow(line, serial, { groupTag: TYPO, tagStatus: NEAR_MISS } as Partial<ImportRow>);
}

/** Three new devices with the typo, a sighting with it (its tag is not saved) and a device tagged right. */
function typoPreview(): { preview: ApiOutput<'previewImport'>; typoIds: string[] } {
  const rows = [
    typoRow(2, 'PF5TYPO11'),
    typoRow(3, 'PF5TYPO12'),
    typoRow(4, 'PF5TYPO13'),
    { ...duplicateInLedgerRow(5, 'PF5SEEN14'), groupTag: TYPO, tagStatus: NEAR_MISS } as ImportRow,
    addedRow(6, 'PF5GOOD15', { groupTag: TAG, tagStatus: { kind: 'known' } } as Partial<ImportRow>),
  ];
  const typoIds = rows.slice(0, 3).map((row) => (row.kind === 'added' ? row.deviceId : ''));
  return { preview: previewAnswer([filePreview('branch-osaka.csv', rows)]), typoIds };
}

function imported(
  tagsCorrected: readonly string[],
): Extract<ApiOutput<'confirmImport'>, { kind: 'imported' }> {
  return {
    kind: 'imported',
    added: 4,
    duplicates: 1,
    replaced: 0,
    deviceIds: [],
    tagsCorrected,
    tagCorrectionFailure: null,
  };
}

async function checked(answers: FakeAnswers, lang: 'en' | 'ja' = 'en') {
  const api = fakeApi({ appInfo: appInfoAnswer(), ...answers });
  const rendered = renderWithApp(<ImportScreen />, { api, lang });
  const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
  Object.defineProperty(input, 'files', { value: [csvFile('branch-osaka.csv')], configurable: true });
  fireEvent.change(input);
  await act(async () =>
    fireEvent.click(screen.getByRole('button', { name: lang === 'ja' ? '確認する' : 'Check files' })),
  );
  return { api, ...rendered };
}

function corrections(): HTMLElement {
  return screen.getByRole('region', { name: 'Mistyped group tags' });
}

async function save(count: number): Promise<void> {
  await act(async () =>
    fireEvent.click(screen.getByRole('button', { name: `Save ${count} devices to the ledger` })),
  );
}

function sentCorrections(api: Awaited<ReturnType<typeof checked>>['api']): ApiInput<'confirmImport'> {
  return api.confirmImport.mock.calls[0]![0];
}

describe('the Import preview: mistyped group tags corrected before saving', () => {
  it('names each mistyped tag once with the devices saving would write it for', async () => {
    const { preview } = typoPreview();
    await checked({ previewImport: preview });
    const region = corrections();
    // Three new devices; the sighting keeps the ledger's tag and is not counted.
    expect(region.textContent).toContain(`“${TYPO}” on 3 devices`);
    expect(within(region).getByRole('button', { name: `Use ${TAG} for all 3` })).toBeTruthy();
  });

  it('shows no correction panel when no row carries a mistyped tag', async () => {
    await checked({ previewImport: previewAnswer([filePreview('a.csv', [addedRow(2, 'PF5GOOD15')])]) });
    expect(screen.queryByRole('region', { name: 'Mistyped group tags' })).toBeNull();
  });

  it('corrects every device with the tag in one click, sent with the save and reported after it', async () => {
    const { preview, typoIds } = typoPreview();
    const { api } = await checked({ previewImport: preview, confirmImport: imported(typoIds) });
    fireEvent.click(within(corrections()).getByRole('button', { name: `Use ${TAG} for all 3` }));
    expect(within(corrections()).getByText(`3 devices will be saved with ${TAG}.`)).toBeTruthy();
    expect(screen.getAllByText(`Will be ${TAG}`)).toHaveLength(3);
    expect(screen.getByText(/The group tags of 3 devices are corrected as they are saved\./)).toBeTruthy();
    await save(4);
    expect(sentCorrections(api).tagCorrections).toEqual([{ deviceIds: typoIds, from: TYPO, tag: TAG }]);
    expect(screen.getByText('Group tag corrected on 3 devices (recorded in their history)')).toBeTruthy();
  });

  it('corrects one device from its row, and the panel then offers the rest', async () => {
    const { preview, typoIds } = typoPreview();
    const { api } = await checked({ previewImport: preview, confirmImport: imported([typoIds[1]!]) });
    fireEvent.click(screen.getByRole('button', { name: `Use ${TAG} for PF5TYPO12` }));
    expect(within(corrections()).getByText(`1 device will be saved with ${TAG}.`)).toBeTruthy();
    expect(within(corrections()).getByRole('button', { name: `Use ${TAG} for all 3` })).toBeTruthy();
    await save(4);
    expect(sentCorrections(api).tagCorrections).toEqual([{ deviceIds: [typoIds[1]], from: TYPO, tag: TAG }]);
    expect(screen.getByText('Group tag corrected on 1 device (recorded in its history)')).toBeTruthy();
  });

  it('saves the tag as typed again after "Keep as typed"', async () => {
    const { preview } = typoPreview();
    const { api } = await checked({ previewImport: preview, confirmImport: imported([]) });
    fireEvent.click(within(corrections()).getByRole('button', { name: `Use ${TAG} for all 3` }));
    fireEvent.click(screen.getByRole('button', { name: 'Keep as typed for PF5TYPO11' }));
    expect(within(corrections()).getByText(`2 devices will be saved with ${TAG}.`)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: `Keep all as typed: “${TYPO}” on every device` }));
    expect(screen.queryByText(/will be saved with/)).toBeNull();
    await save(4);
    expect(sentCorrections(api)).not.toHaveProperty('tagCorrections');
  });

  it('offers no correction on a sighting, whose tag is not saved', async () => {
    const { preview } = typoPreview();
    await checked({ previewImport: preview });
    const row = screen.getByRole('row', { name: /PF5SEEN14/ });
    expect(within(row).queryByRole('button')).toBeNull();
    expect(row.textContent).toContain('the device keeps the tag it is saved with');
  });

  it('keeps the check and its choices when the services refuse a correction', async () => {
    const { preview } = typoPreview();
    await checked({
      previewImport: preview,
      confirmImport: {
        kind: 'tag-refused',
        check: { kind: 'custom', tag: 'Sales' },
      },
    });
    fireEvent.click(within(corrections()).getByRole('button', { name: `Use ${TAG} for all 3` }));
    await save(4);
    expect(screen.getByRole('alert').textContent).toContain('The tag correction was refused');
    expect(within(corrections()).getByText(`3 devices will be saved with ${TAG}.`)).toBeTruthy();
  });

  it('says the devices are saved when only the corrections could not be', async () => {
    const { preview } = typoPreview();
    await checked({
      previewImport: preview,
      confirmImport: {
        ...imported([]),
        tagCorrectionFailure: {
          reason: 'write-failed',
          file: 'E:\\ledger\\journal.jsonl',
          message: 'The USB stick is full.',
          detail: 'ENOSPC',
        },
      },
    });
    fireEvent.click(within(corrections()).getByRole('button', { name: `Use ${TAG} for all 3` }));
    await save(4);
    expect(screen.getByRole('alert').textContent).toContain(
      'The devices are saved, but their tag corrections could not be: The USB stick is full.',
    );
  });

  it('offers the correction in Japanese', async () => {
    const { preview } = typoPreview();
    await checked({ previewImport: preview }, 'ja');
    const region = screen.getByRole('region', { name: 'グループ タグの打ち間違い' });
    expect(region.textContent).toContain(`「${TYPO}」の端末 3 台`);
    fireEvent.click(within(region).getByRole('button', { name: `3 台すべてを ${TAG} に直す` }));
    expect(within(region).getByText(`3 台を ${TAG} として保存します。`)).toBeTruthy();
    expect(screen.getAllByText(`${TAG} に修正`)).toHaveLength(3);
  });
});
