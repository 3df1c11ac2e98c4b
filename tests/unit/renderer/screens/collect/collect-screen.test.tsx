// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiOutput } from '../../../../../shared/api/harvester-api';
import { collectionProblemMessage } from '../../../../../shared/i18n/collection-messages';
import type { Lang } from '../../../../../shared/i18n/lang';
import { CollectScreen } from '../../../../../renderer/screens/collect/collect-screen';
import { appInfoAnswer, deviceSummary, fakeApi, type FakeAnswers } from '../../../../support/fake-api';
import { renderWithApp } from '../../../../support/render-app';

afterEach(cleanup);

type Collected = Extract<ApiOutput<'thisDevice'>, { kind: 'collected' }>;

function thisDeviceAnswer(overrides: Partial<Collected> = {}): Collected {
  return {
    kind: 'collected',
    serial: '5CG1457YL8',
    manufacturer: 'HP',
    model: 'HP EliteBook 840 G8 Notebook PC',
    computerName: 'DESKTOP-7Q2M',
    virtualMachine: false,
    osVersion: 'Windows 11 Pro 23H2 (10.0.22631)',
    ledger: { kind: 'not-in-ledger' },
    ...overrides,
  };
}

function deferred<T>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Renders the screen and waits until this device was read. */
async function openScreen(answers: FakeAnswers = {}, lang: Lang = 'en') {
  const api = fakeApi({ appInfo: appInfoAnswer(), thisDevice: thisDeviceAnswer(), ...answers });
  const rendered = renderWithApp(<CollectScreen />, { api, lang });
  await screen.findByRole('button', { name: lang === 'en' ? 'Collect this device' : 'このデバイスを収集' });
  return { api, ...rendered };
}

async function openAndRead(answers: FakeAnswers = {}, lang: Lang = 'en') {
  const opened = await openScreen(answers, lang);
  await screen.findByText(lang === 'en' ? 'Serial number' : 'シリアル番号');
  return opened;
}

async function collect(lang: Lang = 'en'): Promise<void> {
  const button = screen.getByRole('button', {
    name: lang === 'en' ? 'Collect this device' : 'このデバイスを収集',
  });
  await act(async () => fireEvent.click(button));
}

function statusWith(text: string): HTMLElement {
  const status = screen.getAllByRole('status').find((element) => element.textContent?.includes(text));
  if (status === undefined) throw new Error(`no status region says "${text}"`);
  return status;
}

describe('reading this device', () => {
  it('says calmly that it is reading, in a polite status region, until the answer comes', async () => {
    const answer = deferred<ApiOutput<'thisDevice'>>();
    renderWithApp(<CollectScreen />, {
      api: fakeApi({ appInfo: appInfoAnswer(), thisDevice: () => answer.promise }),
      lang: 'en',
    });
    const status = statusWith('Reading this device…');
    expect(status.getAttribute('aria-live')).toBe('polite');
    await act(async () => answer.resolve(thisDeviceAnswer()));
    expect(screen.queryByText(/Reading this device/)).toBeNull();
  });

  it('shows the serial number, manufacturer, model, computer name and Windows version it read', async () => {
    await openAndRead();
    const facts = screen.getByText('Serial number').closest('dl')!;
    const text = facts.textContent ?? '';
    for (const expected of [
      'Serial number5CG1457YL8',
      'ManufacturerHP',
      'ModelHP EliteBook 840 G8 Notebook PC',
      'Computer nameDESKTOP-7Q2M',
      'Windows versionWindows 11 Pro 23H2 (10.0.22631)',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('says "Not reported" rather than leaving a fact blank', async () => {
    await openAndRead({ thisDevice: thisDeviceAnswer({ computerName: '' }) });
    expect(screen.getByText('Not reported')).toBeTruthy();
  });

  it.each([
    [{ kind: 'not-in-ledger' } as const, ['Not in the ledger yet']],
    [
      { kind: 'in-ledger', deviceId: '0123456789abcdef', state: 'exported', sameHardware: true } as const,
      ['Already in the ledger', 'Already exported.'],
    ],
    [
      { kind: 'in-ledger', deviceId: '0123456789abcdef', state: 'new', sameHardware: false } as const,
      [
        'In the ledger with different hardware',
        'The board or disk was probably replaced. Collecting again keeps the new hardware hash.',
      ],
    ],
  ])('words the ledger status %j for the technician', async (ledger, texts) => {
    await openAndRead({ thisDevice: thisDeviceAnswer({ ledger }) });
    for (const text of texts) expect(screen.getByText(text)).toBeTruthy();
  });

  it('warns that a virtual machine may give no hardware hash', async () => {
    await openAndRead({ thisDevice: thisDeviceAnswer({ virtualMachine: true }) });
    expect(screen.getByText(/This is a virtual machine\./)).toBeTruthy();
  });

  it('reads the device again when the technician asks', async () => {
    const { api } = await openAndRead();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Read again' })));
    expect(api.thisDevice).toHaveBeenCalledTimes(2);
  });

  it('shows why reading failed and what to do, as an alert', async () => {
    const problem = {
      kind: 'not-elevated' as const,
      ...collectionProblemMessage({ kind: 'not-elevated' }, 'en'),
    };
    await openScreen({ thisDevice: { kind: 'failed', problem } });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText(problem.title)).toBeTruthy();
    expect(within(alert).getByText(problem.action)).toBeTruthy();
  });
});

describe('when this computer cannot collect', () => {
  const notWindows = {
    kind: 'failed' as const,
    problem: { kind: 'not-windows' as const, ...collectionProblemMessage({ kind: 'not-windows' }, 'en') },
  };

  it('says why and suggests importing CSV files instead', async () => {
    const api = fakeApi({ appInfo: appInfoAnswer({ platform: 'linux' }), thisDevice: notWindows });
    const { app } = renderWithApp(<CollectScreen />, { api, lang: 'en' });
    expect(await screen.findByText(notWindows.problem.title)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Import CSV files' }));
    expect(app.getState().screen).toBe('import');
  });

  it('does not offer a Collect button that could only fail', async () => {
    renderWithApp(<CollectScreen />, {
      api: fakeApi({ appInfo: appInfoAnswer(), thisDevice: notWindows }),
      lang: 'en',
    });
    await screen.findByRole('button', { name: 'Import CSV files' });
    expect(screen.queryByRole('button', { name: 'Collect this device' })).toBeNull();
  });
});

describe('the Collect button', () => {
  it('is a large, named button the keyboard reaches', async () => {
    await openAndRead();
    const button = screen.getByRole('button', { name: 'Collect this device' });
    expect(button.tagName).toBe('BUTTON');
    expect(button.className).toContain('btn-large');
    expect(button.hasAttribute('disabled')).toBe(false);
    expect(button.tabIndex).toBe(0);
    button.focus();
    expect(document.activeElement).toBe(button);
  });

  it('stays focused but inactive, saying it is collecting, while it works', async () => {
    const answer = deferred<ApiOutput<'collectThisDevice'>>();
    const { api } = await openAndRead({ collectThisDevice: () => answer.promise });
    const button = screen.getByRole('button', { name: 'Collect this device' });
    button.focus();
    await collect();
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.textContent).toBe('Collecting…');
    expect(statusWith('Collecting this device…')).toBeTruthy();
    fireEvent.click(button);
    expect(api.collectThisDevice).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe(button);
    await act(async () => answer.resolve({ kind: 'added', device: deviceSummary() }));
  });
});

describe('what collecting did', () => {
  it('says an added device is saved, in the status region', async () => {
    await openAndRead({ collectThisDevice: { kind: 'added', device: deviceSummary() } });
    await collect();
    expect(statusWith('Saved. 5CG1457YL8 is in the ledger.')).toBeTruthy();
  });

  it('names the device once, even when the model repeats the maker', async () => {
    await openAndRead({ collectThisDevice: { kind: 'added', device: deviceSummary() } });
    await collect();
    expect(screen.getByText('HP EliteBook 840 G8 Notebook PC is ready to export.')).toBeTruthy();
  });

  it('puts the maker before a model that does not name it', async () => {
    await openAndRead({
      collectThisDevice: {
        kind: 'added',
        device: deviceSummary({ manufacturer: 'LENOVO', model: '20XW004QJP' }),
      },
    });
    await collect();
    expect(screen.getByText('LENOVO 20XW004QJP is ready to export.')).toBeTruthy();
  });

  it('shows the device as in the ledger once it is saved', async () => {
    await openAndRead({ collectThisDevice: { kind: 'added', device: deviceSummary() } });
    await collect();
    expect(screen.getByText('Already in the ledger')).toBeTruthy();
    expect(screen.queryByText('Not in the ledger yet')).toBeNull();
  });

  it('reassures that a duplicate changed nothing', async () => {
    await openAndRead({
      collectThisDevice: { kind: 'duplicate', device: deviceSummary({ state: 'exported' }) },
    });
    await collect();
    expect(screen.getByText('5CG1457YL8 is already in the ledger. Nothing changed.')).toBeTruthy();
    expect(screen.getByText(/already been exported\. Nothing more to do/)).toBeTruthy();
  });

  it('explains that a replaced device keeps the new hash and goes in the next export', async () => {
    await openAndRead({ collectThisDevice: { kind: 'replaced', device: deviceSummary() } });
    await collect();
    expect(screen.getByText('Saved the new hardware hash for 5CG1457YL8.')).toBeTruthy();
    expect(screen.getByText(/The new hash is kept.*the next export includes it/)).toBeTruthy();
  });

  it('shows a collection problem’s title and, set apart, what to do, as an alert', async () => {
    const problem = {
      kind: 'mi-result-1' as const,
      ...collectionProblemMessage({ kind: 'mi-result-1' }, 'en'),
    };
    await openAndRead({ collectThisDevice: { kind: 'failed', problem } });
    await collect();
    const alert = screen.getByRole('alert');
    expect(alert.className).toContain('alert-error');
    expect(within(alert).getByText(problem.title).className).toContain('alert-title');
    expect(within(alert).getByText('What to do')).toBeTruthy();
    expect(within(alert).getByText(problem.action)).toBeTruthy();
  });

  it('shows a ledger failure with its file, and that nothing was lost', async () => {
    const failure = {
      reason: 'locked' as const,
      file: 'E:\\AutopilotHarvester-ledger\\ledger.lock',
      message: 'The ledger is in use by another Autopilot Harvester window.',
      detail: 'EBUSY: resource busy or locked',
    };
    await openAndRead({ collectThisDevice: { kind: 'ledger-failed', failure } });
    await collect();
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText('Could not save to the ledger.')).toBeTruthy();
    expect(within(alert).getByText(failure.message)).toBeTruthy();
    expect(within(alert).getByText(`File: ${failure.file}`)).toBeTruthy();
    expect(within(alert).getByText('Nothing already in the ledger was lost.')).toBeTruthy();
  });

  it('offers no next steps after a failure', async () => {
    const problem = {
      kind: 'timeout' as const,
      ...collectionProblemMessage({ kind: 'timeout', timeoutMs: 60_000 }, 'en'),
    };
    await openAndRead({ collectThisDevice: { kind: 'failed', problem } });
    await collect();
    expect(screen.queryByRole('button', { name: 'Export to USB' })).toBeNull();
  });

  it.each([
    ['Export to USB', 'export'],
    ['See all devices', 'devices'],
  ] as const)('offers "%s" after a success, which opens the %s screen', async (name, target) => {
    const { app } = await openAndRead({ collectThisDevice: { kind: 'added', device: deviceSummary() } });
    await collect();
    fireEvent.click(screen.getByRole('button', { name }));
    expect(app.getState().screen).toBe(target);
  });
});

describe('in Japanese', () => {
  it('labels the device facts the way a Japanese technician reads them', async () => {
    await openAndRead({}, 'ja');
    for (const label of ['シリアル番号', 'メーカー', 'モデル', 'コンピューター名', '台帳']) {
      expect(screen.getByText(label)).toBeTruthy();
    }
    expect(screen.getByText('台帳に未登録')).toBeTruthy();
  });

  it('says an added device is saved', async () => {
    await openAndRead({ collectThisDevice: { kind: 'added', device: deviceSummary() } }, 'ja');
    await collect('ja');
    expect(statusWith('保存しました。5CG1457YL8 を台帳に登録しました。')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'USB にエクスポート' })).toBeTruthy();
  });
});
