/**
 * A mistyped group tag in a real browser: the import preview marks it before saving and corrects it in one
 * click for every device that carries it, the device list marks it (the whole tag shown, broken only between
 * its words, every column inside the grid), the details offer the one-click correction, and the correction
 * lands in the history. Pictures at 1280×720 and 1024×600 in English and Japanese:
 * test-results/screenshots/<lang>/tag-*-<width>.png.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations, saveScreenshot, switchLanguage } from './support/browser';
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
  en: {
    check: 'Check files',
    result: 'Check result',
    correct: `Use ${DEFAULT_TAG}`,
    label: 'Mistyped tag',
    panel: 'Mistyped group tags',
    correctAll: (n: number) => `Use ${DEFAULT_TAG} for all ${n}`,
    chosen: (n: number) => `${n} devices will be saved with ${DEFAULT_TAG}.`,
    willBe: `Will be ${DEFAULT_TAG}`,
    save: (n: number) => `Save ${n} devices to the ledger`,
    corrected: (n: number) => `Group tag corrected on ${n} devices (recorded in their history)`,
  },
  ja: {
    check: '確認する',
    result: '確認結果',
    correct: `${DEFAULT_TAG} に直す`,
    label: 'タグの打ち間違い',
    panel: 'グループ タグの打ち間違い',
    correctAll: (n: number) => `${n} 台すべてを ${DEFAULT_TAG} に直す`,
    chosen: (n: number) => `${n} 台を ${DEFAULT_TAG} として保存します。`,
    willBe: `${DEFAULT_TAG} に修正`,
    save: (n: number) => `${n} 台を台帳に保存`,
    corrected: (n: number) => `${n} 台のグループ タグを修正（履歴に記録）`,
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

/** The device grid needs no sideways scrolling and no column header ends past its right edge. */
async function everyColumnFits(page: Page): Promise<void> {
  const fit = await page.evaluate(() => {
    const grid = document.querySelector<HTMLElement>('.device-grid')!;
    const right = grid.getBoundingClientRect().right;
    const headers = [...grid.querySelectorAll<HTMLElement>('[role="columnheader"]')];
    return {
      scroll: grid.scrollWidth,
      client: grid.clientWidth,
      cut: headers.filter((h) => h.getBoundingClientRect().right > right + 0.5).map((h) => h.textContent),
    };
  });
  expect(fit.cut, 'columns past the right edge of the grid').toEqual([]);
  expect(fit.scroll, 'the grid scrolls sideways').toBeLessThanOrEqual(fit.client);
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

        // The import preview: a file with the same typo twice, a full-width tag and a right one. Serials of
        // their own per run, so every run sees new devices (a sighting's tag is not saved, so not offered).
        const run = `${lang === 'en' ? 'E' : 'J'}${size.width}`;
        const dir = mkdtempSync(path.join(os.tmpdir(), 'harvester-tags-'));
        const file = writeCsv(
          dir,
          'branch-osaka.csv',
          [
            [...soundRow(`PF5${run}A`), TYPO],
            [...soundRow(`PF5${run}B`), TYPO],
            [...soundRow(`PF5${run}C`), 'Ｍｉｃｒｏｓｏｆｔ365Ｍａｎａｇｅｄ＿Ａｕｔｏｐｉｌｏｔ'],
            [...soundRow(`PF5${run}D`), DEFAULT_TAG],
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
        expect(await badges.count()).toBe(3);
        const panel = page.getByRole('region', { name: text.panel });
        await panel.waitFor();
        await panel.evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await settle(page);
        await saveScreenshot(page, lang, `tag-import-${size.width}`);
        await noSidewaysScroll(page);

        // One click corrects both devices with the typo; the rows say what they will be saved as.
        await panel.getByRole('button', { name: text.correctAll(2) }).click();
        await panel.getByText(text.chosen(2)).waitFor();
        expect(await page.getByText(text.willBe).count()).toBe(2);
        await panel.evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await settle(page);
        await saveScreenshot(page, lang, `tag-import-corrected-${size.width}`);
        // The corrections and the rows that offer them pass axe's WCAG 2 A/AA rules.
        const violations = await axeViolations(page);
        expect(violations, describeViolations(violations)).toEqual([]);
        await page
          .locator('.import-table')
          .first()
          .evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await settle(page);
        await saveScreenshot(page, lang, `tag-import-rows-${size.width}`);
        await noSidewaysScroll(page);

        await page.getByRole('button', { name: text.save(4) }).click();
        await page.getByText(text.corrected(2)).waitFor({ timeout: 20_000 });
        await settle(page);
        await saveScreenshot(page, lang, `tag-import-saved-${size.width}`);
        const { devices } = await e2e
          .ui()
          .call<{ devices: { serial: string; groupTag: string }[] }>('listDevices', {});
        const tagOf = (serial: string) => devices.find((d) => d.serial === serial)?.groupTag;
        expect([tagOf(`PF5${run}A`), tagOf(`PF5${run}B`), tagOf(`PF5${run}D`)]).toEqual([
          DEFAULT_TAG,
          DEFAULT_TAG,
          DEFAULT_TAG,
        ]);

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
        await everyColumnFits(page);
        // The whole tag is shown, on at most two lines broken between its words: nothing cut with "…".
        const shown = await cell.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
        expect(shown.scroll, 'the tag cell hides part of the tag').toBeLessThanOrEqual(shown.client);
        // The corrected devices show the known tag, without a mark (found by search: the list is long).
        const search = page.getByRole('searchbox');
        await search.fill(`PF5${run}`);
        const correctedRow = page.getByRole('row').filter({ hasText: `PF5${run}A` });
        expect(await correctedRow.locator('.device-tag').textContent()).toBe(DEFAULT_TAG);
        expect(await correctedRow.locator('.device-tag').getAttribute('class')).not.toContain(
          'device-tag-problem',
        );
        await search.fill('');

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
