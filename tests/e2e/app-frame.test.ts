/**
 * The app frame in a real browser through `harvester ui`: navigation, the language switch, keyboard-only use,
 * the Submit screen, and the page opened without its token.
 */
import { describe, expect, it } from 'vitest';
import { NAV_NAME, switchLanguage } from './support/browser';
import { useE2e } from './support/e2e';
import { focusTopOfPage, tabTo } from './support/keyboard';
import { goTo } from './support/screens';
import { E2E_SUITE_SUFFIX, HAS_CHROMIUM } from './support/paths';

const SCREENS = {
  en: ['Collect', 'Devices', 'Import', 'Export', 'Submit', 'Settings'],
  ja: ['収集', 'デバイス一覧', '取り込み', 'エクスポート', '登録', '設定'],
} as const;

describe.skipIf(!HAS_CHROMIUM)(`the app frame in a browser${E2E_SUITE_SUFFIX}`, () => {
  const e2e = useE2e();

  it('loads in English with every screen in the navigation and the Collect screen open', async () => {
    const page = await e2e.openPage();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    const nav = page.getByRole('navigation', { name: NAV_NAME.en });
    for (const name of SCREENS.en)
      await expect.poll(() => nav.getByRole('button', { name }).isVisible()).toBe(true);
    expect(await nav.getByRole('button', { name: 'Collect' }).getAttribute('aria-current')).toBe('page');
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Collect' }).isVisible()).toBe(true);
    expect(await page.title()).toBe('Autopilot Harvester');
  });

  it('switches to Japanese with the sidebar button: Japanese texts are shown and the page language is ja', async () => {
    const page = await e2e.openPage();
    await switchLanguage(page, 'ja');
    const nav = page.getByRole('navigation', { name: NAV_NAME.ja });
    for (const name of SCREENS.ja)
      await expect.poll(() => nav.getByRole('button', { name }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: '収集' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: '日本語' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByText('本文へ移動').count()).toBe(1);
  });

  it('switches back to English with the sidebar button', async () => {
    const page = await e2e.openPage();
    await switchLanguage(page, 'ja');
    await switchLanguage(page, 'en');
    await expect.poll(() => page.getByRole('navigation', { name: NAV_NAME.en }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('keeps the chosen language when the page is reloaded', async () => {
    const page = await e2e.openPage();
    await switchLanguage(page, 'ja');
    await page.reload();
    await page.getByRole('navigation', { name: NAV_NAME.ja }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
  });

  it('moves between screens with the keyboard only: Tab to the navigation, Enter opens the screen', async () => {
    const page = await e2e.openPage();
    const nav = page.getByRole('navigation', { name: NAV_NAME.en });
    await focusTopOfPage(page);
    await tabTo(page, nav.getByRole('button', { name: 'Devices' }));
    await page.keyboard.press('Enter');
    const heading = page.getByRole('heading', { level: 1, name: 'Devices' });
    await heading.waitFor();
    expect(await nav.getByRole('button', { name: 'Devices' }).getAttribute('aria-current')).toBe('page');
    // The new screen's title takes the focus, so the next Tab continues on that screen.
    await expect.poll(() => heading.evaluate((h) => h === document.activeElement)).toBe(true);

    await tabTo(page, nav.getByRole('button', { name: 'Settings' }), { backwards: true });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  });

  it('offers a skip link as the first Tab stop that moves the focus to the screen', async () => {
    const page = await e2e.openPage();
    await focusTopOfPage(page);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    expect(await skip.evaluate((link) => link === document.activeElement)).toBe(true);
    expect(await skip.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
  });

  it('opens the Submit screen from the navigation, in English and in Japanese', async () => {
    const page = await e2e.openPage();
    await goTo(page, 'submit');
    const nav = page.getByRole('navigation', { name: NAV_NAME.en });
    expect(await nav.getByRole('button', { name: 'Submit', exact: true }).getAttribute('aria-current')).toBe(
      'page',
    );
    expect(await page.getByRole('group', { name: 'Where to register' }).isVisible()).toBe(true);
    await page.getByRole('heading', { level: 2, name: 'Sign-in' }).waitFor();
    expect(await nav.locator('.nav-item-later').count()).toBe(0);

    await switchLanguage(page, 'ja');
    await page.getByRole('heading', { level: 1, name: '登録', exact: true }).waitFor();
    expect(await page.getByRole('group', { name: '登録先' }).isVisible()).toBe(true);
  });

  it('is served at the address harvester ui prints on a line of its own: 127.0.0.1, a port and the token', async () => {
    const lines = e2e.ui().output().split(/\r?\n/);
    expect(lines).toContain(e2e.ui().url);
    expect(e2e.ui().url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{16,}$/);
  });

  it('asks for the printed address when opened without its #token= part', async () => {
    const context = await e2e.browser().newContext({ locale: 'en-US' });
    try {
      const page = await context.newPage();
      await page.goto(e2e.ui().origin + '/');
      await page.getByRole('heading', { name: 'Open the address Autopilot Harvester printed' }).waitFor();
      expect(await page.getByRole('navigation').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
