/**
 * The Export flow in a real browser: every device, Intune format, the tag Microsoft365Managed_Autopilot, to a
 * folder on this computer (USB sticks are listed only on Windows); then the written CSV as read from disk.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useE2e } from './support/e2e';
import { DEFAULT_TAG, HEADER_WITH_TAG, seedDevices, soundRow } from './support/fixtures';
import { E2E_SUITE_SUFFIX, HAS_CHROMIUM } from './support/paths';
import { goTo } from './support/screens';
import { scriptCsv } from '../support/temp-dir';

/** Three devices: untagged, tagged correctly, and tagged with a typo (a near miss the export must not keep). */
const SEED = scriptCsv(
  [
    [...soundRow('PF3EXP01'), ''],
    [...soundRow('PF3EXP02'), DEFAULT_TAG],
    [...soundRow('PF3EXP03'), 'Microsoft365Manged_Autopilot'],
  ],
  HEADER_WITH_TAG,
);
const SERIALS = ['PF3EXP01', 'PF3EXP02', 'PF3EXP03'];

async function chooseEverythingAsIntune(page: Page): Promise<void> {
  await page.getByRole('radio', { name: 'All devices' }).check();
  await page.getByRole('radio', { name: 'Intune' }).check();
}

async function chooseFolder(page: Page, folder: string): Promise<void> {
  await page.getByRole('radio', { name: 'A folder on this computer' }).check();
  await page.getByRole('textbox', { name: 'Folder path' }).fill(folder);
}

describe.skipIf(!HAS_CHROMIUM)(`exporting in a browser${E2E_SUITE_SUFFIX}`, () => {
  const e2e = useE2e();

  it('writes an Intune CSV with the chosen tag to a folder and shows where; the file on disk is what Intune imports', async () => {
    await seedDevices(e2e.ui(), [{ name: 'site.csv', csv: SEED }]);
    // Not Windows: no USB sticks to list, only folders.
    e2e.powershellAnswers({ stdoutJson: { isWindows: false, drives: [] } });
    const folder = path.join(e2e.dir(), 'out', 'autopilot');
    const page = await e2e.openPage();
    await goTo(page, 'export');
    await chooseEverythingAsIntune(page);
    await page.getByRole('radio', { name: DEFAULT_TAG }).check();
    await page.getByText('USB sticks can be listed only on Windows. Save to a folder instead.').waitFor();
    await chooseFolder(page, folder);

    // The preview shows the first lines before anything is written.
    const preview = page.getByLabel('CSV preview');
    await expect.poll(() => preview.textContent(), { timeout: 15_000 }).toContain(HEADER_WITH_TAG);
    expect(await page.getByText('3 devices will be written to 1 file.').isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Export 3 devices' }).click();
    await page.getByText('Exported 3 devices').waitFor({ timeout: 20_000 });
    const files = await page.getByRole('list', { name: 'Files' }).locator('code').allTextContents();
    expect(files).toHaveLength(1);
    const written = files[0]!;
    expect(path.dirname(written)).toBe(folder);
    expect(path.basename(written)).toMatch(/\.csv$/);

    const bytes = readFileSync(written);
    const text = bytes.toString('ascii');
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n').slice(0, -1);
    expect(lines[0]).toBe(HEADER_WITH_TAG);
    const rows = lines.slice(1).map((line) => line.split(','));
    expect(rows.map((r) => r[0]).sort()).toEqual(SERIALS);
    expect(rows.map((r) => r[3])).toEqual([DEFAULT_TAG, DEFAULT_TAG, DEFAULT_TAG]);
    for (const row of rows) expect(row[2]).toBe(soundRow(row[0]!)[2]);
  });

  it('refuses a mistyped tag and offers the tag that was meant', async () => {
    await seedDevices(e2e.ui(), [{ name: 'more.csv', csv: scriptCsv([soundRow('PF3EXP04')]) }]);
    const page = await e2e.openPage();
    await goTo(page, 'export');
    await page.getByRole('radio', { name: 'Another tag…' }).check();
    await page.getByRole('textbox', { name: 'Tag for every device' }).fill('Microsoft365Manged_Autopilot');
    await page.getByText(`Did you mean ${DEFAULT_TAG}?`).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: `Use ${DEFAULT_TAG}` }).click();
    await expect.poll(() => page.getByRole('radio', { name: DEFAULT_TAG }).isChecked()).toBe(true);
  });
});
