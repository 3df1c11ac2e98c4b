/** Getting around the app as a technician does: the navigation, and the Devices screen's search. */
import type { Locator, Page } from 'playwright-core';
import { NAV_NAME, type Lang } from './browser';

export const SCREEN_IDS = ['collect', 'devices', 'import', 'export', 'submit', 'settings'] as const;
export type ScreenId = (typeof SCREEN_IDS)[number];

/** The navigation's label of each screen, which is also the screen's title (renderer/i18n/catalog). */
export const SCREEN_NAMES: Readonly<Record<Lang, Readonly<Record<ScreenId, string>>>> = {
  en: {
    collect: 'Collect',
    devices: 'Devices',
    import: 'Import',
    export: 'Export',
    submit: 'Submit',
    settings: 'Settings',
  },
  ja: {
    collect: '収集',
    devices: 'デバイス一覧',
    import: '取り込み',
    export: 'エクスポート',
    submit: '登録',
    settings: '設定',
  },
};

/** Opens a screen from the navigation and waits for its title. */
export async function goTo(page: Page, screen: ScreenId, lang: Lang = 'en'): Promise<void> {
  const name = SCREEN_NAMES[lang][screen];
  await page
    .getByRole('navigation', { name: NAV_NAME[lang] })
    .getByRole('button', { name, exact: true })
    .click();
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
}

/** The Devices screen's list (a grid named "Device list"). */
export function deviceGrid(page: Page, lang: Lang = 'en'): Locator {
  return page.getByRole('grid', { name: lang === 'en' ? 'Device list' : 'デバイス一覧' });
}

/** Rows of the device list that show a device (not the header row). */
export function deviceRows(page: Page, lang: Lang = 'en'): Locator {
  return deviceGrid(page, lang)
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell') });
}

/** Types into the Devices screen's search box, found by its label. */
export async function searchDevices(page: Page, text: string, lang: Lang = 'en'): Promise<void> {
  await page.getByLabel(lang === 'en' ? 'Search' : '検索', { exact: true }).fill(text);
}
