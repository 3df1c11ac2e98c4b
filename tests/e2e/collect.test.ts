/**
 * The Collect flow in a real browser, with the fake PowerShell standing in for Windows: this device is
 * shown, "Collect this device" saves it, the Devices screen lists it, and a failure is explained.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { collectionProblemMessage } from '../../shared/i18n/collection-messages';
import { deviceFacts } from '../fakes/use-fake-powershell';
import { switchLanguage } from './support/browser';
import { collectedDevice, useE2e } from './support/e2e';
import { ledgerSerials } from './support/fixtures';
import { deviceRows, goTo } from './support/screens';
import { E2E_SUITE_SUFFIX, HAS_CHROMIUM } from './support/paths';

/** The fake's default device (deviceFacts): the hash is built for the same serial, maker and model. */
const THIS_DEVICE = { serial: 'PF3ABCDE', manufacturer: 'LENOVO', model: '20XW0026JP' } as const;

/** The value shown for a term of a description list (`<dt>term</dt><dd>value</dd>`). */
function valueOf(page: Page, term: string) {
  return page.locator(`xpath=//dt[normalize-space()="${term}"]/following-sibling::dd[1]`);
}

describe.skipIf(!HAS_CHROMIUM)(`collecting this device in a browser${E2E_SUITE_SUFFIX}`, () => {
  const e2e = useE2e({ collect: collectedDevice(THIS_DEVICE) });

  it("shows this device's serial number, manufacturer and model before anything is saved", async () => {
    e2e.powershellAnswers(collectedDevice(THIS_DEVICE));
    const page = await e2e.openPage();
    await valueOf(page, 'Serial number').getByText(THIS_DEVICE.serial).waitFor();
    expect(await valueOf(page, 'Manufacturer').textContent()).toBe(THIS_DEVICE.manufacturer);
    expect(await valueOf(page, 'Model').textContent()).toBe(THIS_DEVICE.model);
    expect(await valueOf(page, 'Computer name').textContent()).toBe('DESKTOP-7Q2K9LM');
    expect(await valueOf(page, 'Ledger').textContent()).toContain('Not in the ledger yet');
    expect(await ledgerSerials(e2e.ui())).toEqual([]);
  });

  it('saves this device with "Collect this device" and the Devices screen then lists it', async () => {
    e2e.powershellAnswers(collectedDevice(THIS_DEVICE));
    const page = await e2e.openPage();
    await valueOf(page, 'Serial number').getByText(THIS_DEVICE.serial).waitFor();
    await page.getByRole('button', { name: 'Collect this device' }).click();
    await page.getByText(`Saved. ${THIS_DEVICE.serial} is in the ledger.`).waitFor({ timeout: 20_000 });
    expect(await ledgerSerials(e2e.ui())).toEqual([THIS_DEVICE.serial]);
    expect(await page.getByText('1 device in the ledger').isVisible()).toBe(true);

    await goTo(page, 'devices');
    await deviceRows(page).first().waitFor();
    expect(await deviceRows(page).allTextContents()).toEqual([expect.stringContaining(THIS_DEVICE.serial)]);
    expect(await deviceRows(page).first().textContent()).toContain('Collected on DESKTOP-7Q2K9LM');
  });

  it('explains that administrator rights are needed when the app runs without them', async () => {
    e2e.powershellAnswers({ stdoutJson: deviceFacts({ isElevated: false }) });
    const page = await e2e.openPage();
    const expected = collectionProblemMessage({ kind: 'not-elevated' }, 'en');
    const alert = page.getByRole('alert').filter({ hasText: expected.title });
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).toContain(expected.action);
    expect(await alert.getByText('What to do').isVisible()).toBe(true);
  });

  it('explains the missing administrator rights again in Japanese once the language is switched', async () => {
    e2e.powershellAnswers({ stdoutJson: deviceFacts({ isElevated: false }) });
    const page = await e2e.openPage();
    const english = collectionProblemMessage({ kind: 'not-elevated' }, 'en');
    await page.getByRole('alert').filter({ hasText: english.title }).waitFor({ timeout: 20_000 });
    await switchLanguage(page, 'ja');
    const japanese = collectionProblemMessage({ kind: 'not-elevated' }, 'ja');
    const alert = page.getByRole('alert').filter({ hasText: japanese.title });
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.getByText('対処方法').isVisible()).toBe(true);
    expect(await alert.textContent()).toContain(japanese.action);
  });

  it('words the explanation in the language chosen while this device was still being read', async () => {
    e2e.powershellAnswers({ stdoutJson: deviceFacts({ isElevated: false }) });
    // Holds the first reading's answer until the language has been switched (a reading takes seconds on a
    // real device, so technicians do switch meanwhile).
    let release: (() => void) | undefined;
    const switched = new Promise<void>((resolve) => {
      release = resolve;
    });
    const page = await e2e.openPage((blank) =>
      blank.route('**/api/thisDevice', async (route) => {
        await switched;
        await route.continue();
      }),
    );
    await switchLanguage(page, 'ja');
    release?.();
    const japanese = collectionProblemMessage({ kind: 'not-elevated' }, 'ja');
    await page.getByRole('alert').filter({ hasText: japanese.title }).waitFor();
  });
});
