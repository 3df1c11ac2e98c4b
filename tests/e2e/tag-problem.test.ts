/**
 * A mistyped group tag in a real browser: the import preview marks it before saving, the device list marks
 * it (the tag broken only between its words), the details offer the one-click correction, and the correction
 * lands in the history. Pictures at 1280×720 and 1024×600 in English and Japanese:
 * test-results/screenshots/<lang>/tag-*-<width>.png.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, switchLanguage } from './support/browser';
import { useE2e } from './support/e2e';
import { DEFAULT_TAG, HEADER_WITH_TAG, seedDevices, soundRow, writeCsv } from './support/fixtures';
import { E2E_SUITE_SUFFIX, HAS_CHROMIUM } from './support/paths';
import { goTo } from './support/screens';
import { scriptCsv } from '../support/temp-dir';

const TYPO = 'Microsoft365Managed_Autopliot';
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1024, height: 600 },
] as const;

const TEXT = {
  en: { check: 'Check files', result: 'Check result', correct: `Use ${DEFAULT_TAG}`, label: 'Mistyped tag' },
  ja: {
    check: '確認する',
    result: '確認結果',
    correct: `${DEFAULT_TAG} に直す`,
    label: 'タグの打ち間違い',
  },
} as const;

async function settle(page: Page): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

async function noSidewaysScroll(page: Page): Promise<void> {
  const [scroll, width] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    window.innerWidth,
  ]);
  expect(scroll, `the page is ${scroll} px wide in a ${width} px window`).toBeLessThanOrEqual(width);
}

describe.skipIf(!HAS_CHROMIUM)(`a mistyped group tag${E2E_SUITE_SUFFIX}`, () => {
  const e2e = useE2e();
  beforeAll(async () => {
    await seedDevices(e2e.ui(), [
      {
        name: 'branch-tokyo.csv',
        csv: scriptCsv(
          [
            [...soundRow('PF4TYPO01'), TYPO],
            [...soundRow('PF4CASE02'), 'microsoft365managed_autopilot'],
            [...soundRow('PF4GOOD03'), DEFAULT_TAG],
            [...soundRow('PF4SALES4'), 'Sales'],
          ],
          HEADER_WITH_TAG,
        ),
      },
    ]);
  }, 60_000);

  for (const lang of ['en', 'ja'] as const) {
    for (const size of SIZES) {
      it(`shows it in the import preview, the list and the details in ${lang} at ${size.width}×${size.height}`, async () => {
        const page = await e2e.openPage();
        await page.setViewportSize(size);
        if (lang === 'ja') await switchLanguage(page, 'ja');
        const text = TEXT[lang];

        // The import preview: a file with a typo, a full-width tag and a custom one.
        const dir = mkdtempSync(path.join(os.tmpdir(), 'harvester-tags-'));
        const file = writeCsv(
          dir,
          'branch-osaka.csv',
          [
            [...soundRow('PF5TYPO11'), TYPO],
            [...soundRow('PF5WIDE12'), 'Ｍｉｃｒｏｓｏｆｔ365Ｍａｎａｇｅｄ＿Ａｕｔｏｐｉｌｏｔ'],
            [...soundRow('PF5GOOD13'), DEFAULT_TAG],
          ],
          HEADER_WITH_TAG,
        );
        await goTo(page, 'import', lang);
        await page.locator('input[type="file"]').setInputFiles([file]);
        await page.getByText('branch-osaka.csv').first().waitFor();
        await page.getByRole('button', { name: text.check }).click();
        await page.getByRole('heading', { name: text.result }).waitFor({ timeout: 20_000 });
        const badges = page.locator('.import-tag-badge');
        await badges.first().waitFor();
        expect(await badges.count()).toBe(2);
        await badges.first().scrollIntoViewIfNeeded();
        await settle(page);
        await saveScreenshot(page, lang, `tag-import-${size.width}`);
        await noSidewaysScroll(page);

        // The device list: the typo is marked, and its tag is never cut inside a word.
        await goTo(page, 'devices', lang);
        const typoRow = page.getByRole('row').filter({ hasText: 'PF4TYPO01' });
        await typoRow.waitFor();
        const cell = typoRow.locator('.device-tag');
        expect(await cell.getAttribute('class')).toContain('device-tag-problem');
        expect(await cell.textContent()).toContain(text.label);
        await settle(page);
        await saveScreenshot(page, lang, `tag-devices-${size.width}`);
        await noSidewaysScroll(page);

        // The details: the correction offered.
        await typoRow.getByRole('button', { name: 'PF4TYPO01' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByRole('button', { name: text.correct }).waitFor();
        await settle(page);
        await saveScreenshot(page, lang, `tag-details-${size.width}`);
        await noSidewaysScroll(page);
      }, 120_000);
    }
  }

  it('corrects the tag in one click and records it in the history', async () => {
    const page = await e2e.openPage();
    await goTo(page, 'devices', 'en');
    const row = page.getByRole('row').filter({ hasText: 'PF4CASE02' });
    await row.getByRole('button', { name: 'PF4CASE02' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: TEXT.en.correct }).click();
    await dialog.getByText(`The group tag is now ${DEFAULT_TAG}`).waitFor();
    await dialog.getByText('Group tag corrected').waitFor();
    expect(await dialog.getByRole('button', { name: TEXT.en.correct }).count()).toBe(0);
    const { devices } = await e2e
      .ui()
      .call<{ devices: { serial: string; groupTag: string }[] }>('listDevices', {});
    expect(devices.find((d) => d.serial === 'PF4CASE02')?.groupTag).toBe(DEFAULT_TAG);
  }, 60_000);
});
