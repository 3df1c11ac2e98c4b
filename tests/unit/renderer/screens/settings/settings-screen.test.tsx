// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiOutput } from '../../../../../shared/api/harvester-api';
import type { Lang } from '../../../../../shared/i18n/lang';
import { SettingsScreen } from '../../../../../renderer/screens/settings/settings-screen';
import { appInfoAnswer, fakeApi } from '../../../../support/fake-api';
import { renderWithApp } from '../../../../support/render-app';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

type AppInfo = ApiOutput<'appInfo'>;

function ledgerWith(overrides: Partial<AppInfo['ledger']>): AppInfo['ledger'] {
  return { ...appInfoAnswer().ledger, ...overrides };
}

/** Renders the screen and waits for the app details; `chosen: null`: the technician never chose a language. */
async function openSettings(info: AppInfo = appInfoAnswer(), chosen: Lang | null = 'en') {
  const api = fakeApi({ appInfo: info });
  const rendered = renderWithApp(<SettingsScreen />, { api, ...(chosen === null ? {} : { lang: chosen }) });
  await screen.findByText((chosen ?? info.defaultLang) === 'ja' ? '台帳' : 'Ledger');
  return { api, ...rendered };
}

function withClipboard(writeText: (text: string) => Promise<void>): void {
  vi.spyOn(navigator, 'clipboard', 'get').mockReturnValue({ writeText } as unknown as Clipboard);
}

describe('language', () => {
  it('offers Japanese and English as a radio group named Language', async () => {
    await openSettings();
    const group = screen.getByRole('group', { name: 'Language' });
    expect(within(group).getAllByRole('radio')).toHaveLength(2);
    expect(within(group).getByRole('radio', { name: '日本語' })).toBeTruthy();
    expect(within(group).getByRole('radio', { name: 'English' })).toBeTruthy();
  });

  it('switches the whole app to Japanese when Japanese is selected', async () => {
    const { app } = await openSettings();
    await act(async () => fireEvent.click(screen.getByRole('radio', { name: '日本語' })));
    expect(app.getState().lang).toBe('ja');
    expect(app.getState().langChosen).toBe(true);
    expect(screen.getByRole('heading', { level: 1, name: '設定' })).toBeTruthy();
    expect((screen.getByRole('radio', { name: '日本語' }) as HTMLInputElement).checked).toBe(true);
  });

  it('follows the language of the computer until the technician chooses', async () => {
    await openSettings(appInfoAnswer({ defaultLang: 'ja' }), null);
    expect((screen.getByRole('radio', { name: '日本語' }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText('選ぶまでは、このコンピューターの言語設定に合わせて表示します。')).toBeTruthy();
  });
});

describe('the ledger', () => {
  it('shows where the ledger is and how many devices it holds', async () => {
    await openSettings(appInfoAnswer({ ledger: ledgerWith({ dir: 'E:\\Ledger', devices: 1234 }) }));
    expect(screen.getByText('E:\\Ledger')).toBeTruthy();
    expect(screen.getByText('1,234 devices')).toBeTruthy();
  });

  it('copies the ledger location to the clipboard and says so', async () => {
    const writeText = vi.fn(async () => undefined);
    withClipboard(writeText);
    await openSettings(appInfoAnswer({ ledger: ledgerWith({ dir: 'E:\\Ledger' }) }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy ledger location' })));
    expect(writeText).toHaveBeenCalledWith('E:\\Ledger');
    expect(screen.getByText('Copied.').getAttribute('role')).toBe('status');
  });

  it('tells the technician to select and copy by hand when the clipboard refuses', async () => {
    withClipboard(() => Promise.reject(new DOMException('Denied', 'NotAllowedError')));
    await openSettings();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy ledger location' })));
    expect(screen.getByText('Could not copy automatically. Select the text and press Ctrl+C.')).toBeTruthy();
  });

  it('says there is no copy on this computer when the ledger is not mirrored', async () => {
    await openSettings();
    expect(screen.getByText(/^None\. A copy is kept on this computer only/)).toBeTruthy();
  });

  it.each([
    ['in-sync', 'In sync', 'It holds the same devices as the ledger.'],
    ['repaired', 'Brought up to date', /one copy was missing devices the other had/],
    ['unavailable', 'Not available', /The ledger itself is complete/],
    ['diverged', 'Not in sync', /The ledger now holds all of them, but the copy could not be updated/],
  ] as const)('words the mirror status %s with what it means', async (status, badge, meaning) => {
    await openSettings(
      appInfoAnswer({ ledger: ledgerWith({ mirror: { dir: 'C:\\Users\\tech\\AppData\\ledger', status } }) }),
    );
    expect(screen.getByText('C:\\Users\\tech\\AppData\\ledger')).toBeTruthy();
    expect(screen.getByText(badge)).toBeTruthy();
    expect(screen.getByText(meaning)).toBeTruthy();
  });

  it('warns in plain words when damaged lines were left out', async () => {
    await openSettings(appInfoAnswer({ ledger: ledgerWith({ skippedLines: 2 }) }));
    const warning = screen.getByText(/^2 damaged lines in the ledger file were left out/);
    expect(warning.textContent).toContain('Everything else in the ledger is intact.');
    expect(warning.closest('.alert')?.className).toContain('alert-warning');
  });

  it('says nothing about damaged lines when there were none', async () => {
    await openSettings();
    expect(screen.queryByText(/damaged line/)).toBeNull();
  });

  it('says a lock left by a crashed run was cleared and nothing was lost', async () => {
    await openSettings(appInfoAnswer({ ledger: ledgerWith({ recoveredStaleLock: true }) }));
    expect(screen.getByText(/ended unexpectedly\. The mark was cleared; nothing was lost\./)).toBeTruthy();
  });
});

describe('about', () => {
  it('shows the version, the platform in words and that it runs as the desktop app', async () => {
    await openSettings(appInfoAnswer({ version: '1.4.2', platform: 'darwin', electron: true }));
    const about = screen.getByRole('region', { name: 'About' });
    expect(within(about).getByText('1.4.2')).toBeTruthy();
    expect(within(about).getByText('macOS')).toBeTruthy();
    expect(within(about).getByText('Desktop app')).toBeTruthy();
  });

  it('says when it runs in a web browser', async () => {
    await openSettings(appInfoAnswer({ electron: false, platform: 'win32' }));
    expect(screen.getByText('In a web browser')).toBeTruthy();
    expect(screen.getByText('Windows')).toBeTruthy();
  });

  it('shows the log folder and file with copy buttons and that the log holds no hashes', async () => {
    await openSettings(appInfoAnswer({ logDir: 'E:\\Logs', logFile: 'E:\\Logs\\harvester.log' }));
    expect(screen.getByText('E:\\Logs\\harvester.log')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy log folder' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy log file path' })).toBeTruthy();
    expect(screen.getByText(/It never contains hardware hashes\./)).toBeTruthy();
  });
});

describe('while the details load or fail', () => {
  it('says it is loading until the details arrive', () => {
    renderWithApp(<SettingsScreen />, {
      api: fakeApi({ appInfo: () => new Promise<AppInfo>(() => undefined) }),
      lang: 'en',
    });
    expect(screen.getByText('Loading the ledger and app details…')).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'English' })).toBeTruthy();
  });

  it('shows an alert with a retry when the details could not be loaded', async () => {
    let reachable = false;
    const api = fakeApi({
      appInfo: () => (reachable ? appInfoAnswer() : Promise.reject(new Error('socket closed'))),
    });
    renderWithApp(<SettingsScreen />, { api, lang: 'en' });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Could not load the ledger and app details.')).toBeTruthy();
    reachable = true;
    await act(async () => fireEvent.click(within(alert).getByRole('button', { name: 'Try again' })));
    expect(await screen.findByText('Ledger')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('on opening', () => {
  it('asks for the app details once, though StrictMode runs its effects twice', async () => {
    const { api } = await openSettings();
    expect(api.appInfo).toHaveBeenCalledTimes(1);
  });
});
