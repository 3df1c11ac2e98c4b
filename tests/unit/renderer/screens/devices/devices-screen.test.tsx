// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiOutput, DeviceSummary } from '../../../../../shared/api/harvester-api';
import { hasControls } from '../../../../../shared/control-characters';
import { DevicesScreen } from '../../../../../renderer/screens/devices/devices-screen';
import { appInfoAnswer, deviceSummary, fakeApi, type FakeAnswers } from '../../../../support/fake-api';
import { renderWithApp } from '../../../../support/render-app';

afterEach(cleanup);

function device(n: number, overrides: Partial<DeviceSummary> = {}): DeviceSummary {
  return deviceSummary({ id: `d${n}`, serial: `SERIAL${n}`, ...overrides });
}

const three = [
  device(1, { manufacturer: 'HP', model: 'EliteBook 840 G8' }),
  device(2, {
    manufacturer: 'LENOVO',
    model: 'ThinkPad X1',
    groupTag: 'Sales',
    source: { kind: 'imported', file: 'branch.csv', line: 12 },
    state: 'exported',
    exports: [
      { file: 'AutopilotHWID.csv', format: 'intune', groupTag: 'Sales', at: '2026-11-25T10:00:00.000Z' },
    ],
  }),
  device(3, { state: 'deleted' }),
];

function renderScreen(
  answers: FakeAnswers = {},
  devices: readonly DeviceSummary[] = three,
  lang: 'en' | 'ja' = 'en',
) {
  const api = fakeApi({ appInfo: appInfoAnswer(), listDevices: { devices: [...devices] }, ...answers });
  return { api, ...renderWithApp(<DevicesScreen />, { api, lang }) };
}

const rowOf = (serial: string): HTMLElement => screen.getByText(serial).closest<HTMLElement>('[role="row"]')!;

describe('the device list', () => {
  it('shows a row per active device with its fields in words', async () => {
    renderScreen();
    const row = within(await screen.findByRole('row', { name: /SERIAL2/ }));
    expect(row.getByText('LENOVO')).toBeTruthy();
    expect(row.getByText('ThinkPad X1')).toBeTruthy();
    expect(row.getByText('Sales')).toBeTruthy();
    expect(row.getByText('Imported from branch.csv, line 12')).toBeTruthy();
    expect(row.getByText(/Nov 25, 2026.* · Intune/)).toBeTruthy();
    expect(row.getByText('Exported')).toBeTruthy();
  });

  it('says "(default)" for an untagged device, "Not yet" when never exported, and where it was collected', async () => {
    renderScreen();
    const row = within(await screen.findByRole('row', { name: /SERIAL1/ }));
    expect(row.getByText('(default)')).toBeTruthy();
    expect(row.getByText('Not yet')).toBeTruthy();
    expect(row.getByText('Collected on DESKTOP-1')).toBeTruthy();
    expect(row.getByText('New')).toBeTruthy();
  });

  it('leaves deleted devices out until the deleted filter is chosen', async () => {
    renderScreen();
    await screen.findByText('SERIAL1');
    expect(screen.queryByText('SERIAL3')).toBeNull();
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'deleted' } });
    expect(screen.getByText('SERIAL3')).toBeTruthy();
    expect(screen.queryByText('SERIAL1')).toBeNull();
  });

  it('counts what the search shows against the filter', async () => {
    renderScreen();
    await screen.findByText('Showing 2 of 2 devices');
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'lenovo' } });
    expect(screen.getByText('Showing 1 of 2 devices')).toBeTruthy();
    expect(screen.queryByText('SERIAL1')).toBeNull();
  });

  it('tells the grid how many rows it has, though only some are rendered', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => device(i));
    renderScreen({}, many);
    const grid = await screen.findByRole('grid');
    expect(grid.getAttribute('aria-rowcount')).toBe('10001');
    const rows = within(grid).getAllByRole('row');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(100);
  });

  it('has no accessibility violations axe can find', async () => {
    const { container } = renderScreen();
    await screen.findByText('SERIAL1');
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
  });
});

describe('selecting', () => {
  it('selects a device with its checkbox and counts the selection', async () => {
    renderScreen();
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Select SERIAL1' }));
    expect(screen.getByText('1 device selected')).toBeTruthy();
    expect(rowOf('SERIAL1').getAttribute('aria-selected')).toBe('true');
  });

  it('selects a range with Shift+click', async () => {
    const devices = [1, 2, 3, 4].map((n) => device(n));
    renderScreen({}, devices);
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Select SERIAL1' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select SERIAL3' }), { shiftKey: true });
    expect(screen.getByText('3 devices selected')).toBeTruthy();
    expect(rowOf('SERIAL4').getAttribute('aria-selected')).toBe('false');
  });

  it('the header checkbox selects every shown device and is mixed when only some are', async () => {
    renderScreen();
    const all = (await screen.findByRole('checkbox', {
      name: 'Select all shown devices',
    })) as HTMLInputElement;
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select SERIAL1' }));
    expect(all.indeterminate).toBe(true);
    fireEvent.click(all);
    expect(screen.getByText('2 devices selected')).toBeTruthy();
    expect(all.checked).toBe(true);
    expect(all.indeterminate).toBe(false);
  });

  it('Export opens the Export screen with the selection', async () => {
    const { app } = renderScreen();
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Select SERIAL2' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export 1 device' }));
    expect(app.getState().screen).toBe('export');
    expect(app.getState().pendingExportIds).toEqual(['d2']);
  });

  it('Submit opens the Submit screen with the selection', async () => {
    const { app } = renderScreen();
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Select SERIAL1' }));
    fireEvent.click(screen.getByRole('button', { name: 'Submit 1 device' }));
    expect(app.getState().screen).toBe('submit');
    expect(app.getState().pendingSubmitIds).toEqual(['d1']);
  });
});

describe('keyboard', () => {
  it('makes the first row the grid’s one Tab stop', async () => {
    renderScreen();
    await screen.findByText('SERIAL1');
    expect(rowOf('SERIAL1').tabIndex).toBe(0);
    expect(rowOf('SERIAL2').tabIndex).toBe(-1);
    expect(screen.getByRole('checkbox', { name: 'Select SERIAL1' }).tabIndex).toBe(-1);
  });

  it('moves focus to the next row with the down arrow', async () => {
    renderScreen();
    await screen.findByText('SERIAL1');
    rowOf('SERIAL1').focus();
    await act(async () => fireEvent.keyDown(rowOf('SERIAL1'), { key: 'ArrowDown' }));
    expect(document.activeElement).toBe(rowOf('SERIAL2'));
    expect(rowOf('SERIAL2').tabIndex).toBe(0);
  });

  it('selects the focused row with Space', async () => {
    renderScreen();
    await screen.findByText('SERIAL1');
    fireEvent.keyDown(rowOf('SERIAL2'), { key: ' ' });
    expect(rowOf('SERIAL2').getAttribute('aria-selected')).toBe('true');
  });

  it('opens the hash details with Enter and returns focus to the row on Escape', async () => {
    renderScreen({ deviceDetails: found(three[0]!) });
    await screen.findByText('SERIAL1');
    const row = rowOf('SERIAL1');
    row.focus();
    await act(async () => fireEvent.keyDown(row, { key: 'Enter' }));
    const dialog = await screen.findByRole('dialog', { name: /Hash details/ });
    expect(dialog.contains(document.activeElement)).toBe(true);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(rowOf('SERIAL1'));
  });
});

describe('deleting', () => {
  it('deletes the selection, shows an undo bar, and Undo restores the same devices', async () => {
    let devices = three;
    const { api, app } = renderScreen({
      listDevices: () => ({ devices }),
      removeDevices: ({ ids }) => {
        devices = devices.map((d) => (ids.includes(d.id) ? { ...d, state: 'deleted' } : d));
        return { kind: 'done', changed: [...ids], unknown: [] };
      },
      restoreDevices: ({ ids }) => ({ kind: 'done', changed: [...ids], unknown: [] }),
    });
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Select SERIAL1' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Delete 1 device' })));
    expect(await screen.findByText('1 device deleted.')).toBeTruthy();
    expect(screen.queryByText('SERIAL1')).toBeNull();
    expect(app.getState().ledgerVersion).toBe(1);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Undo' })));
    expect(api.restoreDevices).toHaveBeenCalledWith({ ids: ['d1'], lang: 'en' });
    expect(await screen.findByText('1 device restored.')).toBeTruthy();
  });

  it('moves focus to Undo when the Delete button it was on turns disabled', async () => {
    renderScreen({ removeDevices: { kind: 'done', changed: ['d1'], unknown: [] } });
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Select SERIAL1' }));
    const remove = screen.getByRole('button', { name: 'Delete 1 device' });
    remove.focus();
    await act(async () => fireEvent.click(remove));
    await screen.findByText('1 device deleted.');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Undo' }));
  });

  it('shows the ledger’s own words when it refuses the change', async () => {
    renderScreen({
      removeDevices: {
        kind: 'ledger-failed',
        failure: {
          reason: 'read-only',
          file: 'E:\\ledger\\journal.jsonl',
          message: 'The USB stick is write-protected. Slide its lock switch and try again.',
          detail: 'EROFS',
        },
      },
    });
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Select SERIAL1' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Delete 1 device' })));
    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByText('The USB stick is write-protected. Slide its lock switch and try again.'),
    ).toBeTruthy();
  });

  it('offers Restore instead of Delete on the deleted filter', async () => {
    renderScreen();
    await screen.findByText('SERIAL1');
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'deleted' } });
    expect(screen.getByRole('button', { name: 'Restore' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Delete/ })).toBeNull();
  });
});

function found(
  summary: DeviceSummary,
  overrides: Partial<Extract<ApiOutput<'deviceDetails'>, { kind: 'found' }>> = {},
): ApiOutput<'deviceDetails'> {
  return {
    kind: 'found',
    device: summary,
    hash: 'T0GpAQAAAAAAAAAA',
    verification: { kind: 'verified' },
    decoded: {
      serial: summary.serial,
      manufacturer: 'HP',
      model: 'EliteBook 840 G8',
      sku: '3C6D4EA#ABJ',
      family: '103C_5336AN HP EliteBook',
      productKeyId: null,
      smbiosUuid: '4C4C4544-0042-3510-8052-B4C04F4B4E32',
      tpmVersion: '2.0',
      tpmEndorsementKey: 'AAEACwAD',
      networkAdapters: [{ medium: 0, mac: '00:1A:2B:3C:4D:5E' }],
      diskSerials: ['S4EVNX0N123456'],
      osBuild: '10.0.22631',
      toolBuild: '10.0.22621.1',
      byteLength: 4000,
      inventoryLength: 3900,
      repadded: false,
      records: [{ type: 14, name: 'serial number', offset: 28, length: 14 }],
    },
    history: [
      {
        type: 'device-added',
        at: '2026-11-24T09:05:00.000Z',
        source: { kind: 'collected', computerName: 'DESKTOP-1' },
      },
      {
        type: 'devices-exported',
        at: '2026-11-25T10:00:00.000Z',
        file: 'AutopilotHWID.csv',
        format: 'partner-center',
        groupTag: '',
      },
    ],
    ...overrides,
  };
}

describe('hash details', () => {
  it('clicking a serial number shows the verification and the decoded fields', async () => {
    const { api } = renderScreen({ deviceDetails: found(three[0]!) });
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: 'SERIAL1' })));
    const dialog = await screen.findByRole('dialog', { name: /Hash details/ });
    expect(api.deviceDetails).toHaveBeenCalledWith({ id: 'd1', lang: 'en' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const d = within(dialog);
    expect(d.getByText('Verified')).toBeTruthy();
    expect(d.getByText('3C6D4EA#ABJ')).toBeTruthy();
    expect(d.getByText('4C4C4544-0042-3510-8052-B4C04F4B4E32')).toBeTruthy();
    expect(d.getByText('00:1A:2B:3C:4D:5E')).toBeTruthy();
    expect(d.getByText('S4EVNX0N123456')).toBeTruthy();
    expect(d.getByText('10.0.22631')).toBeTruthy();
    expect(d.getByText('4,000 bytes (hardware inventory 3,900 bytes)')).toBeTruthy();
    expect(d.getByText('1 record')).toBeTruthy();
  });

  it('says a field the hash lacks is not in the hash', async () => {
    renderScreen({ deviceDetails: found(three[0]!) });
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: 'SERIAL1' })));
    const dialog = await screen.findByRole('dialog');
    const term = within(dialog).getByText('Product key ID');
    expect(term.nextElementSibling?.textContent).toBe('Not in the hash');
  });

  it('shows a failed verification with the service’s message', async () => {
    renderScreen({
      deviceDetails: found(three[0]!, {
        verification: { kind: 'failed', code: 'checksum-mismatch', message: 'The checksum does not match.' },
      }),
    });
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: 'SERIAL1' })));
    const d = within(await screen.findByRole('dialog'));
    expect(d.getByText('This hash failed verification')).toBeTruthy();
    expect(d.getByText('The checksum does not match.')).toBeTruthy();
    expect(d.queryByText('Verified')).toBeNull();
  });

  it('lists the history with each kind of entry in words', async () => {
    renderScreen({ deviceDetails: found(three[0]!) });
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: 'SERIAL1' })));
    const d = within(await screen.findByRole('dialog'));
    expect(d.getByText('Added to the ledger')).toBeTruthy();
    expect(d.getAllByText('Collected on DESKTOP-1').length).toBeGreaterThan(0);
    expect(d.getByText('AutopilotHWID.csv (Partner Center, group tag (default))')).toBeTruthy();
  });

  it('shows the hash read-only and copies it to the clipboard', async () => {
    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void copied.push(text) },
    });
    renderScreen({ deviceDetails: found(three[0]!) });
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: 'SERIAL1' })));
    const d = within(await screen.findByRole('dialog'));
    const box = d.getByLabelText('Hardware hash') as HTMLTextAreaElement;
    expect(box.readOnly).toBe(true);
    expect(box.value).toBe('T0GpAQAAAAAAAAAA');
    await act(async () => fireEvent.click(d.getByRole('button', { name: 'Copy' })));
    expect(copied).toEqual(['T0GpAQAAAAAAAAAA']);
    expect(d.getByText('Copied to the clipboard.')).toBeTruthy();
  });

  it('the open dialog has no accessibility violations axe can find', async () => {
    const { container } = renderScreen({ deviceDetails: found(three[0]!) });
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: 'SERIAL1' })));
    await screen.findByText('Verified');
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
  });

  it('shows control and bidi characters from outside escaped, as the list does', async () => {
    const odd = device(7, {
      serial: 'PF\u202eABC',
      groupTag: 'Sales\u202e',
      source: { kind: 'imported', file: 'evil\u202egpj.csv', line: 3 },
    });
    const answer = found(odd) as Extract<ApiOutput<'deviceDetails'>, { kind: 'found' }>;
    renderScreen(
      {
        deviceDetails: {
          ...answer,
          decoded: {
            ...answer.decoded!,
            manufacturer: 'HP\u001b[2J',
            model: 'Elite\u2066Book',
            diskSerials: ['DISK\u0007'],
          },
          history: [{ type: 'device-added', at: '2026-11-24T09:05:00.000Z', source: odd.source }],
        },
      },
      [odd],
    );
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: 'PF\\u202EABC' })));
    const dialog = await screen.findByRole('dialog');
    const text = dialog.textContent ?? '';
    expect(hasControls(text), text).toBe(false);
    for (const shown of [
      'PF\\u202EABC',
      'Sales\\u202E',
      'HP\\x1B[2J',
      'Elite\\u2066Book',
      'DISK\\x07',
      'Imported from evil\\u202Egpj.csv, line 3',
    ]) {
      expect(text, shown).toContain(shown);
    }
  });

  it('keeps Tab inside the dialog', async () => {
    renderScreen({ deviceDetails: found(three[0]!) });
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: 'SERIAL1' })));
    const dialog = await screen.findByRole('dialog');
    const copy = within(dialog).getByRole('button', { name: 'Copy' });
    copy.focus();
    fireEvent.keyDown(copy, { key: 'Tab' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Close' }));
  });
});

describe('a mistyped group tag', () => {
  const typo = device(4, { groupTag: 'Microsoft365Managed_Autopliot' });

  it('is marked in the list, broken only between the words of the tag', async () => {
    renderScreen({}, [typo]);
    const row = await screen.findByRole('row', { name: /SERIAL4/ });
    const cell = row.querySelector<HTMLElement>('.device-tag')!;
    expect([
      cell.classList.contains('device-tag-problem'),
      cell.textContent,
      cell.querySelectorAll('wbr').length,
      cell.title.includes('Microsoft365Managed_Autopilot'),
    ]).toEqual([true, '⚠ Microsoft365Managed_Autopliot (Mistyped tag)', 2, true]);
  });

  it('does not say the device can simply be registered, and corrects the tag in one click', async () => {
    const corrected = { ...typo, groupTag: 'Microsoft365Managed_Autopilot', tagStatus: { kind: 'known' } };
    let tag = 'Microsoft365Managed_Autopliot';
    const { api } = renderScreen({
      listDevices: () => ({ devices: [tag === typo.groupTag ? typo : (corrected as DeviceSummary)] }),
      deviceDetails: () => found(tag === typo.groupTag ? typo : (corrected as DeviceSummary)),
      setGroupTag: (input) => {
        tag = input.tag;
        return { kind: 'done', changed: [...input.ids], unknown: [] };
      },
    });
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: 'SERIAL4' })));
    const d = within(await screen.findByRole('dialog'));
    expect(d.queryByText(/Microsoft will accept it/)).toBeNull();
    expect(
      d.getByText(/Looks like a mistyped “Microsoft365Managed_Autopilot” \(a typing mistake\)/),
    ).toBeTruthy();
    await act(async () =>
      fireEvent.click(d.getByRole('button', { name: 'Use Microsoft365Managed_Autopilot' })),
    );
    expect(api.setGroupTag).toHaveBeenCalledWith({
      ids: ['d4'],
      tag: 'Microsoft365Managed_Autopilot',
      lang: 'en',
    });
    expect(await d.findByText(/The group tag is now Microsoft365Managed_Autopilot/)).toBeTruthy();
    expect(d.queryByRole('button', { name: /^Use / })).toBeNull();
  });

  it('offers no correction for a custom tag, only what it means', async () => {
    const custom = device(5, { groupTag: 'Sales' });
    renderScreen({ deviceDetails: found(custom) }, [custom]);
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: 'SERIAL5' })));
    const d = within(await screen.findByRole('dialog'));
    expect([
      d.queryByRole('button', { name: /^Use / }),
      d.getAllByText(/Not a known group tag/).length,
    ]).toEqual([null, 1]);
  });

  it('says it in Japanese', async () => {
    renderScreen({ deviceDetails: found(typo) }, [typo], 'ja');
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: 'SERIAL4' })));
    const d = within(await screen.findByRole('dialog'));
    expect(d.getByRole('button', { name: 'Microsoft365Managed_Autopilot に直す' })).toBeTruthy();
    expect(d.getByText(/打ち間違いのようです（打ち間違い）/)).toBeTruthy();
  });
});

describe('empty states', () => {
  it('explains an empty ledger and leads to Collect and Import', async () => {
    const { app } = renderScreen({}, []);
    expect(await screen.findByRole('heading', { name: 'No devices yet' })).toBeTruthy();
    expect(screen.queryByRole('grid')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Import CSV files' }));
    expect(app.getState().screen).toBe('import');
  });

  it('offers to clear the filters when nothing matches', async () => {
    renderScreen();
    await screen.findByText('SERIAL1');
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'no such device' } });
    expect(screen.getByRole('heading', { name: 'No devices match' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(screen.getByText('SERIAL1')).toBeTruthy();
  });

  it('says every device is deleted rather than that nothing matches', async () => {
    renderScreen({}, [device(1, { state: 'deleted' })]);
    expect(
      await screen.findByRole('heading', { name: 'Every device in the ledger is deleted' }),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show deleted devices' }));
    expect(screen.getByText('SERIAL1')).toBeTruthy();
  });

  it('says so while loading', async () => {
    renderScreen({ listDevices: () => new Promise(() => {}) });
    expect(screen.getByText('Loading devices…')).toBeTruthy();
  });

  it('explains a failed load and tries again on request', async () => {
    let fail = true;
    const { api } = renderScreen({
      listDevices: () => (fail ? Promise.reject(new Error('socket hang up')) : { devices: [...three] }),
    });
    expect(await screen.findByText('The device list could not be loaded')).toBeTruthy();
    fail = false;
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Try again' })));
    expect(await screen.findByText('SERIAL1')).toBeTruthy();
    expect(api.listDevices).toHaveBeenCalledTimes(2);
  });
});

describe('reloading', () => {
  it('reloads when another screen changed the ledger', async () => {
    let devices = three;
    const { app } = renderScreen({ listDevices: () => ({ devices }) });
    await screen.findByText('SERIAL1');
    devices = [...three, device(9)];
    await act(async () => app.getState().noteLedgerChanged());
    expect(await screen.findByText('SERIAL9')).toBeTruthy();
  });

  it('loads once, not twice, after its own delete', async () => {
    const { api } = renderScreen({ removeDevices: { kind: 'done', changed: ['d1'], unknown: [] } });
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Select SERIAL1' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Delete 1 device' })));
    await screen.findByText('1 device deleted.');
    expect(api.listDevices).toHaveBeenCalledTimes(2);
  });
});

describe('in Japanese', () => {
  it('labels the columns and states the way a Japanese technician reads them', async () => {
    renderScreen({}, three, 'ja');
    await screen.findByText('SERIAL1');
    for (const header of [
      'シリアル番号',
      'メーカー',
      'モデル',
      'グループ タグ',
      '取得元',
      '追加日時',
      '最終エクスポート',
      '状態',
    ]) {
      expect(screen.getByRole('columnheader', { name: header })).toBeTruthy();
    }
    expect(screen.getByText('DESKTOP-1 で収集')).toBeTruthy();
    expect(screen.getByText('branch.csv（12 行目）から取り込み')).toBeTruthy();
    expect(screen.getByText('2 台中 2 台を表示')).toBeTruthy();
    expect(within(rowOf('SERIAL1')).getByText('新規')).toBeTruthy();
  });

  it('offers undo as 元に戻す after deleting', async () => {
    renderScreen({ removeDevices: { kind: 'done', changed: ['d1'], unknown: [] } }, three, 'ja');
    fireEvent.click(await screen.findByRole('checkbox', { name: 'SERIAL1 を選択' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '1 台を削除' })));
    expect(await screen.findByText('1 台を削除しました。')).toBeTruthy();
    expect(screen.getByRole('button', { name: '元に戻す' })).toBeTruthy();
  });
});

describe('selection actions name how many devices they act on', () => {
  it('counts selected devices the search hides in the Delete and Export buttons, and says they are hidden', async () => {
    renderScreen();
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Select SERIAL1' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select SERIAL2' }));
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'SERIAL2' } });
    expect(screen.getByRole('button', { name: 'Delete 2 devices' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Export 2 devices' })).toBeTruthy();
    expect(screen.getByText('(1 hidden by the search or filter)')).toBeTruthy();
  });

  it('says the count in Japanese', async () => {
    renderScreen({}, three, 'ja');
    fireEvent.click(await screen.findByRole('checkbox', { name: 'SERIAL1 を選択' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'SERIAL2 を選択' }));
    expect(screen.getByRole('button', { name: '2 台を削除' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '2 台をエクスポート' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '2 台を登録' })).toBeTruthy();
  });

  it('counts the deleted devices in Restore', async () => {
    renderScreen();
    await screen.findByText('SERIAL1');
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'deleted' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select SERIAL3' }));
    expect(screen.getByRole('button', { name: 'Restore 1 device' })).toBeTruthy();
  });
});

describe('the live regions hold text only', () => {
  it('announces a delete in a status region that does not contain Undo or Dismiss', async () => {
    renderScreen({ removeDevices: { kind: 'done', changed: ['d1'], unknown: [] } });
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Select SERIAL1' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Delete 1 device' })));
    const status = (await screen.findByText('1 device deleted.')).closest('[role="status"]')!;
    expect(status).toBeTruthy();
    expect(within(status as HTMLElement).queryByRole('button')).toBeNull();
    expect(screen.getByRole('button', { name: 'Undo' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Dismiss' })).toBeTruthy();
  });
});

describe('hash details as a modal', () => {
  it('makes the rest of the window inert while open, and not after closing', async () => {
    const api = fakeApi({
      appInfo: appInfoAnswer(),
      listDevices: { devices: [...three] },
      deviceDetails: found(three[0]!),
    });
    renderWithApp(
      <>
        <aside className="app-sidebar">
          <button type="button">Navigation</button>
        </aside>
        <main>
          <DevicesScreen />
        </main>
      </>,
      { api, lang: 'en' },
    );
    const sidebar = document.querySelector('.app-sidebar')!;
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: 'SERIAL1' })));
    const dialog = await screen.findByRole('dialog', { name: /Hash details/ });
    expect(sidebar.hasAttribute('inert')).toBe(true);
    expect(screen.getByRole('heading', { level: 1, hidden: true }).closest('[inert]')).not.toBeNull();
    expect(dialog.closest('[inert]')).toBeNull();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.querySelectorAll('[inert]')).toHaveLength(0);
  });

  it('asks for the details again when the language changes, and shows the new words', async () => {
    const { api, app } = renderScreen({
      deviceDetails: ({ lang }) =>
        found(three[0]!, {
          verification: {
            kind: 'failed',
            code: 'empty',
            message: lang === 'ja' ? 'チェックサムが一致しません。' : 'The checksum does not match.',
          },
        }),
    });
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: 'SERIAL1' })));
    expect(await screen.findByText('The checksum does not match.')).toBeTruthy();
    await act(async () => app.getState().setLang('ja'));
    expect(await screen.findByText('チェックサムが一致しません。')).toBeTruthy();
    expect(api.deviceDetails).toHaveBeenLastCalledWith({ id: 'd1', lang: 'ja' });
  });
});
