/** The Devices screen in a real browser: the ledger's list, the search, and a device's hash details. */
import { describe, expect, it } from 'vitest';
import { switchLanguage, VIEWPORT } from './support/browser';
import { useE2e } from './support/e2e';
import { seedDevices, soundRow } from './support/fixtures';
import { E2E_SUITE_SUFFIX, HAS_CHROMIUM } from './support/paths';
import { deviceGrid, deviceRows, goTo, searchDevices } from './support/screens';
import { scriptCsv } from '../support/temp-dir';

const SERIALS = ['PF3LIST1', 'PF3LIST2', '5CG1LIST3', 'MXL9OTHER'];

describe.skipIf(!HAS_CHROMIUM)(`the device list in a browser${E2E_SUITE_SUFFIX}`, () => {
  const e2e = useE2e();

  it('lists every ledger device and narrows the list to a serial fragment typed in the search box', async () => {
    await seedDevices(e2e.ui(), [{ name: 'fleet.csv', csv: scriptCsv(SERIALS.map((s) => soundRow(s))) }]);
    const page = await e2e.openPage();
    await goTo(page, 'devices');
    await expect.poll(() => deviceRows(page).count()).toBe(SERIALS.length);
    await searchDevices(page, 'list');
    await expect.poll(() => deviceRows(page).count()).toBe(3);
    await searchDevices(page, '5cg1');
    await expect
      .poll(() => deviceRows(page).allTextContents())
      .toEqual([expect.stringContaining('5CG1LIST3')]);
    expect(await page.getByText('Showing 1 of 4 devices').isVisible()).toBe(true);
  });

  it("opens a device's hash details from its serial number: verified, with its decoded contents", async () => {
    const page = await e2e.openPage();
    await goTo(page, 'devices');
    await searchDevices(page, 'MXL9OTHER');
    await deviceRows(page).getByRole('button', { name: 'MXL9OTHER' }).click();
    const dialog = page.getByRole('dialog', { name: /Hash details/ });
    await dialog.waitFor();
    await dialog.getByText('Verified', { exact: true }).waitFor();
    expect(await dialog.textContent()).toContain('LENOVO');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('shows every column of the device list without sideways scrolling in a 1280×800 window (in Japanese, whose State labels are the widest)', async () => {
    const page = await e2e.openPage();
    await switchLanguage(page, 'ja');
    await goTo(page, 'devices', 'ja');
    await deviceRows(page, 'ja').first().waitFor();
    const grid = deviceGrid(page, 'ja');
    const { scrollWidth, clientWidth } = await grid.evaluate((g) => ({
      scrollWidth: g.scrollWidth,
      clientWidth: g.clientWidth,
    }));
    expect(
      scrollWidth,
      `the list's columns need ${scrollWidth} px; the list is ${clientWidth} px wide at ${VIEWPORT.width}×${VIEWPORT.height}`,
    ).toBeLessThanOrEqual(clientWidth);
  });
});
