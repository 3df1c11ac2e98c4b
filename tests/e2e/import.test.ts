/**
 * The Import flow in a real browser: choose CSV files, check them, read what happens to each row (new,
 * duplicate, rejected with its reason), save, and find the devices on the Devices screen.
 */
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useE2e } from './support/e2e';
import {
  badHashRow,
  DEFAULT_TAG,
  HEADER_WITH_TAG,
  ledgerSerials,
  seedDevices,
  soundRow,
  writeCsv,
} from './support/fixtures';
import { deviceRows, goTo, searchDevices } from './support/screens';
import { E2E_SUITE_SUFFIX, HAS_CHROMIUM, HAS_REAL_SAMPLE, REAL_SAMPLE } from './support/paths';
import { scriptCsv } from '../support/temp-dir';

async function openImport(page: Page): Promise<void> {
  await goTo(page, 'import');
}

async function chooseAndCheck(page: Page, files: readonly string[]): Promise<void> {
  // The file input by its label (the section around it carries the same name, hence the `input` filter).
  await page
    .getByLabel('CSV files to import', { exact: true })
    .and(page.locator('input[type="file"]'))
    .setInputFiles([...files]);
  for (const file of files) await page.getByText(path.basename(file), { exact: false }).first().waitFor();
  await page.getByRole('button', { name: 'Check files' }).click();
  await page.getByRole('heading', { name: 'Check result' }).waitFor({ timeout: 20_000 });
}

/** The table of one file's rows, whichever of its two captions it has (rows needing a look, or all). */
function rowsOf(page: Page, file: string) {
  return page.getByRole('table', { name: new RegExp(`^Rows of ${file.replace('.', '\\.')}`) });
}

/** A file's part of the check result: a disclosure headed by the file's name (a button in a heading). */
function fileSection(page: Page, file: string) {
  return page.locator('.import-file').filter({ has: page.locator('.import-file-name', { hasText: file }) });
}

/** Opens a file's part of the result and ticks "Show all rows" when only the rows needing a look are shown. */
async function showAllRows(page: Page, file: string): Promise<void> {
  const section = fileSection(page, file);
  const toggle = section.locator('.import-file-toggle[aria-expanded="false"]');
  if ((await toggle.count()) > 0) await toggle.click();
  const showAll = section.getByRole('checkbox', { name: /^Show all rows/ });
  if ((await showAll.count()) > 0) await showAll.check();
  await page.getByRole('table', { name: `Rows of ${file}` }).waitFor();
}

/** A table row by the serial number it shows. */
function rowWith(page: Page, file: string, serial: string, nth = 0) {
  return rowsOf(page, file).getByRole('row').filter({ hasText: serial }).nth(nth);
}

describe.skipIf(!HAS_CHROMIUM)(`importing CSV files in a browser${E2E_SUITE_SUFFIX}`, () => {
  const e2e = useE2e();

  it('checks chosen files and shows per row: new, duplicate, rejected with its reason; then saves and the devices are listed', async () => {
    const ui = e2e.ui();
    // A device saved earlier: the import finds it again.
    await seedDevices(ui, [{ name: 'earlier.csv', csv: scriptCsv([soundRow('PF3ZZZZ9')]) }]);
    const dir = mkdtempSync(path.join(e2e.dir(), 'csv-'));
    const siteA = writeCsv(dir, 'site-a.csv', [
      soundRow('PF3AAAA1'),
      soundRow('PF3BBBB2'),
      badHashRow('PF3CCCC3'),
      // The same device again, collected a second time (Windows writes a new hash text each time).
      soundRow('PF3AAAA1', { nonce: 1 }),
    ]);
    const siteB = writeCsv(
      dir,
      'site-b.csv',
      [
        [...soundRow('PF3DDDD4'), 'Microsoft365Manged_Autopilot'],
        [...soundRow('PF3ZZZZ9', { nonce: 2 }), DEFAULT_TAG],
      ],
      HEADER_WITH_TAG,
    );

    const page = await e2e.openPage();
    await openImport(page);
    await chooseAndCheck(page, [siteA, siteB]);
    expect(await page.getByText('Nothing has been saved yet.').isVisible()).toBe(true);
    expect(await ledgerSerials(ui)).toEqual(['PF3ZZZZ9']);

    // The rejected row needs a look: it is shown with its reason without asking.
    const rejected = rowWith(page, 'site-a.csv', 'PF3CCCC3');
    await rejected.waitFor();
    expect(await rejected.textContent()).toContain('Rejected');
    expect(await rejected.textContent()).toMatch(/checksum does not match/);

    await showAllRows(page, 'site-a.csv');
    expect(await rowWith(page, 'site-a.csv', 'PF3AAAA1').textContent()).toContain('New');
    expect(await rowWith(page, 'site-a.csv', 'PF3BBBB2').textContent()).toContain('New');
    const repeated = await rowWith(page, 'site-a.csv', 'PF3AAAA1', 1).textContent();
    expect(repeated).toContain('Duplicate in these files');
    expect(repeated).toContain('Same as site-a.csv, line 2.');

    await showAllRows(page, 'site-b.csv');
    expect(await rowWith(page, 'site-b.csv', 'PF3DDDD4').textContent()).toContain('New');
    expect(await rowWith(page, 'site-b.csv', 'PF3ZZZZ9').textContent()).toContain('Already in ledger');

    await page.getByRole('button', { name: 'Save 3 devices to the ledger' }).click();
    await page.getByRole('heading', { name: 'Saved to the ledger' }).waitFor({ timeout: 20_000 });
    expect(await page.getByText('3 new devices').isVisible()).toBe(true);
    expect((await ledgerSerials(ui)).sort()).toEqual(['PF3AAAA1', 'PF3BBBB2', 'PF3DDDD4', 'PF3ZZZZ9']);

    await page.getByRole('button', { name: 'See devices' }).click();
    await page.getByRole('heading', { level: 1, name: 'Devices' }).waitFor();
    await deviceRows(page).first().waitFor();
    expect(await deviceRows(page).count()).toBe(4);
    await searchDevices(page, 'PF3DDDD4');
    await expect
      .poll(() => deviceRows(page).allTextContents())
      .toEqual([expect.stringContaining('PF3DDDD4')]);
  });

  it.skipIf(!HAS_REAL_SAMPLE)(
    `imports the real HP EliteBook sample (UTF-16LE, from Get-WindowsAutoPilotInfo) as a new device${
      HAS_REAL_SAMPLE
        ? ''
        : ` (skipped: ${REAL_SAMPLE} is absent; it is public third-party data kept outside the repository)`
    }`,
    async () => {
      const page = await e2e.openPage();
      await openImport(page);
      await chooseAndCheck(page, [REAL_SAMPLE]);
      await showAllRows(page, path.basename(REAL_SAMPLE));
      const row = rowWith(page, path.basename(REAL_SAMPLE), '5CG1457YL8');
      expect(await row.textContent()).toContain('New');
      expect(await row.textContent()).toContain('HP EliteBook 840 G8');
      await page.getByRole('button', { name: 'Save 1 device to the ledger' }).click();
      await page.getByRole('heading', { name: 'Saved to the ledger' }).waitFor({ timeout: 20_000 });
      expect(await ledgerSerials(e2e.ui())).toContain('5CG1457YL8');
    },
  );

  it('refuses a file that is not a hash CSV and says why, with nothing to save', async () => {
    const dir = mkdtempSync(path.join(e2e.dir(), 'notes-'));
    const notes = writeCsv(dir, 'notes.csv', [['1', '2']], 'hello,world');
    const page = await e2e.openPage();
    await openImport(page);
    await chooseAndCheck(page, [notes]);
    expect(await page.getByText('This file was not read').isVisible()).toBe(true);
    expect(await page.getByText('Nothing to save', { exact: true }).isVisible()).toBe(true);
    expect(
      await page.getByText('This is not a hardware hash CSV', { exact: false }).first().isVisible(),
    ).toBe(true);
  });
});
