// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../../renderer/app/app';
import { appInfoAnswer, fakeApi } from '../../../support/fake-api';
import { renderWithApp } from '../../../support/render-app';

afterEach(cleanup);

describe('the app frame', () => {
  it('starts in the OS language the services report until the technician chooses', async () => {
    const api = fakeApi({ appInfo: appInfoAnswer({ defaultLang: 'ja' }) });
    renderWithApp(<App />, { api });
    expect(await screen.findByRole('navigation', { name: '画面' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('ja');
  });

  it('keeps a chosen language over the OS default', async () => {
    const api = fakeApi({
      appInfo: appInfoAnswer({ defaultLang: 'ja', ledger: { ...appInfoAnswer().ledger, devices: 3 } }),
    });
    renderWithApp(<App />, { api, lang: 'en' });
    expect(await screen.findByText('3 devices in the ledger')).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Screens' })).toBeTruthy();
  });

  it('switches language from the sidebar', async () => {
    const api = fakeApi({ appInfo: appInfoAnswer() });
    const { app } = renderWithApp(<App />, { api, lang: 'en' });
    await screen.findByText('0 devices in the ledger');
    fireEvent.click(screen.getByRole('button', { name: '日本語' }));
    expect(app.getState().lang).toBe('ja');
    expect(screen.getByRole('button', { name: 'デバイス一覧' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '日本語' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('marks the current screen and moves to another on click', async () => {
    const api = fakeApi({ appInfo: appInfoAnswer() });
    const { app } = renderWithApp(<App />, { api, lang: 'en' });
    await screen.findByText('0 devices in the ledger');
    expect(screen.getByRole('button', { name: 'Collect' }).getAttribute('aria-current')).toBe('page');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Settings' })));
    expect(app.getState().screen).toBe('settings');
    expect(screen.getByRole('button', { name: 'Settings' }).getAttribute('aria-current')).toBe('page');
  });

  it('opens the Submit screen from the navigation', async () => {
    const api = fakeApi({
      appInfo: appInfoAnswer(),
      signInStatus: { kind: 'env-token' },
      listSubmissionJobs: { jobs: [] },
      listDevices: { devices: [] },
      knownGroupTags: { defaultTag: 'Microsoft365Managed_Autopilot', tags: [] },
    });
    const { app } = renderWithApp(<App />, { api, lang: 'en' });
    await screen.findByText('0 devices in the ledger');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Submit' })));
    expect(app.getState().screen).toBe('submit');
    expect(screen.getByRole('button', { name: 'Submit' }).getAttribute('aria-current')).toBe('page');
    expect(await screen.findByRole('heading', { level: 1, name: 'Submit' })).toBeTruthy();
    expect(await screen.findByText('Using the token from HARVESTER_TOKEN')).toBeTruthy();
  });

  it('asks for the app details once on start, though StrictMode runs its effects twice', async () => {
    const api = fakeApi({ appInfo: appInfoAnswer() });
    renderWithApp(<App />, { api, lang: 'en' });
    await screen.findByText('0 devices in the ledger');
    expect(api.appInfo).toHaveBeenCalledTimes(1);
  });

  it('shows every screen as a button, none of them disabled', async () => {
    const api = fakeApi({ appInfo: appInfoAnswer() });
    renderWithApp(<App />, { api, lang: 'en' });
    await screen.findByText('0 devices in the ledger');
    const nav = screen.getByRole('navigation', { name: 'Screens' });
    expect(nav.querySelector('[aria-disabled]')).toBeNull();
    const names = [...nav.querySelectorAll('button')].map((b) => b.textContent);
    expect(names).toEqual(['Collect', 'Devices', 'Import', 'Export', 'Submit', 'Settings']);
  });

  it('ignores a file dropped outside a drop zone, on any screen', async () => {
    const api = fakeApi({ appInfo: appInfoAnswer() });
    renderWithApp(<App />, { api, lang: 'en' });
    await screen.findByText('0 devices in the ledger');
    for (const type of ['dragover', 'drop']) {
      const event = new Event(type, { bubbles: true, cancelable: true });
      Object.defineProperty(event, 'dataTransfer', { value: { types: ['Files'], dropEffect: 'copy' } });
      screen.getByRole('navigation', { name: 'Screens' }).dispatchEvent(event);
      expect(event.defaultPrevented, type).toBe(true);
    }
  });

  it('lets text dragged inside the page behave as usual', async () => {
    const api = fakeApi({ appInfo: appInfoAnswer() });
    renderWithApp(<App />, { api, lang: 'en' });
    await screen.findByText('0 devices in the ledger');
    const event = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(event, 'dataTransfer', { value: { types: ['text/plain'] } });
    screen.getByRole('navigation', { name: 'Screens' }).dispatchEvent(event);
    expect(event.defaultPrevented).toBe(false);
  });
});
