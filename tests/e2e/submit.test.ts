/**
 * Direct submission in a real browser, against the mock Graph on 127.0.0.1 (HARVESTER_GRAPH_URL) with the
 * token from HARVESTER_TOKEN: two devices sent, one registered and one refused with 808 (owned by another
 * tenant, explained); "Retry failed" sends only that one again (released meanwhile: registered); the device
 * list then shows both as registered.
 */
import type { Page } from 'playwright-core';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { COMPLETE, OTHER_TENANT } from '../fakes/mock-graph';
import {
  axeViolations,
  describeViolations,
  saveScreenshot,
  switchLanguage,
  type Lang,
} from './support/browser';
import { useE2e } from './support/e2e';
import { seedDevices, soundRow } from './support/fixtures';
import { useMockGraphService } from './support/mock-graph-service';
import { E2E_SUITE_SUFFIX, HAS_CHROMIUM } from './support/paths';
import { deviceRows, goTo } from './support/screens';
import { scriptCsv } from '../support/temp-dir';

const REGISTERED = 'PF3SUB01';
const OWNED_ELSEWHERE = 'PF3SUB02';

/** Finishing a submission takes the services' adaptive polling of the mock's import records. */
const FINISH_TIMEOUT = 60_000;

const DEVICE_LOGIN = 'https://microsoft.com/devicelogin';

/**
 * The page's `signInStatus` answered as a device code sign-in under way (the identity platform is not
 * reachable from the tests; the answer has the contract's shape, with a real QR code of the address).
 */
async function stubSigningIn(page: Page): Promise<void> {
  const qrSvg = await QRCode.toString(DEVICE_LOGIN, { type: 'svg', margin: 1 });
  const status = {
    kind: 'signing-in',
    userCode: 'F7KQ2MXP',
    verificationUri: DEVICE_LOGIN,
    qrSvg,
    expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
  };
  await page.route('**/api/signInStatus', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ result: status }) }),
  );
}

function devicesTable(page: Page) {
  return page.getByRole('table', { name: 'Devices of this submission' });
}

/** The job's status sentence (the region beside it says only when contact with the services is lost). */
function jobStatus(page: Page) {
  return page.locator('.submit-job .submit-job-status[role="status"]');
}

describe.skipIf(!HAS_CHROMIUM)(`submitting to Graph in a browser${E2E_SUITE_SUFFIX}`, () => {
  const mock = useMockGraphService({
    // The first import of this serial is refused as another tenant's; by the retry it has been released.
    outcomes: { [OWNED_ELSEWHERE]: [OTHER_TENANT, COMPLETE] },
  });
  const e2e = useE2e({ env: mock.env });

  it(
    'sends two devices, explains the one owned by another tenant, and retries only that one',
    async () => {
      await seedDevices(e2e.ui(), [
        { name: 'site.csv', csv: scriptCsv([soundRow(REGISTERED), soundRow(OWNED_ELSEWHERE)]) },
      ]);
      const page = await e2e.openPage();
      await goTo(page, 'submit');
      await page.getByText('Using the token from HARVESTER_TOKEN', { exact: true }).waitFor();
      expect(await page.getByRole('radio', { name: 'Microsoft Intune (Graph)' }).isChecked()).toBe(true);
      expect(await page.getByRole('radio', { name: 'Microsoft365Managed_Autopilot' }).isChecked()).toBe(true);
      expect(await page.getByRole('radio', { name: 'Devices not registered yet' }).isChecked()).toBe(true);

      await page.getByRole('button', { name: 'Send 2 devices' }).click();
      await expect
        .poll(() => jobStatus(page).textContent(), { timeout: FINISH_TIMEOUT })
        .toBe('Finished: 1 registered, 1 failed.');
      const bar = page.getByRole('progressbar', { name: 'Devices finished' });
      expect(await bar.getAttribute('aria-valuenow')).toBe('2');

      const table = devicesTable(page);
      const good = table.getByRole('row', { name: new RegExp(REGISTERED) });
      expect(await good.getByText('Registered', { exact: true }).isVisible()).toBe(true);
      const bad = table.getByRole('row', { name: new RegExp(OWNED_ELSEWHERE) });
      expect(await bad.getByText('Failed', { exact: true }).isVisible()).toBe(true);
      const explained = (await bad.textContent()) ?? '';
      expect(explained).toContain('registered in another organisation');
      expect(explained).toMatch(/808/);

      expect(mock.graph().importsOf(REGISTERED)).toBe(1);
      expect(mock.graph().importsOf(OWNED_ELSEWHERE)).toBe(1);

      await page.getByRole('button', { name: 'Retry failed (1 device)' }).click();
      await expect
        .poll(() => jobStatus(page).textContent(), { timeout: FINISH_TIMEOUT })
        .toBe('Finished: 1 registered.');
      // The retry is a job of its own, with only the failed device.
      await expect.poll(() => devicesTable(page).getByRole('row').count()).toBe(2);
      expect(
        await devicesTable(page)
          .getByRole('row', { name: new RegExp(OWNED_ELSEWHERE) })
          .count(),
      ).toBe(1);
      expect(mock.graph().importsOf(REGISTERED)).toBe(1);
      expect(mock.graph().importsOf(OWNED_ELSEWHERE)).toBe(2);

      // Both submissions are in the history, newest first.
      const history = page.getByRole('table', { name: 'Submission history' });
      await expect.poll(() => history.getByRole('row').count()).toBe(3);

      // The device list shows what the submissions did.
      await goTo(page, 'devices');
      await expect.poll(() => deviceRows(page).count()).toBe(2);
      for (const serial of [REGISTERED, OWNED_ELSEWHERE]) {
        const row = deviceRows(page).filter({ hasText: serial });
        await expect.poll(() => row.getByText('Registered', { exact: true }).count()).toBe(1);
      }
    },
    FINISH_TIMEOUT * 3,
  );

  it('has nothing left to send once every device is registered', async () => {
    const page = await e2e.openPage();
    await goTo(page, 'submit');
    await page.getByText('Using the token from HARVESTER_TOKEN', { exact: true }).waitFor();
    const send = page.getByRole('button', { name: 'Send devices' });
    await expect.poll(() => send.isDisabled()).toBe(true);
    expect(await page.getByText('No device to send with this choice.').isVisible()).toBe(true);
  });

  for (const lang of ['en', 'ja'] as const satisfies readonly Lang[]) {
    it(`shows a sign-in code large, with the address and a QR code, without axe violations (${lang})`, async () => {
      const page = await e2e.openPage(stubSigningIn);
      if (lang === 'ja') await switchLanguage(page, 'ja');
      await goTo(page, 'submit', lang);
      const code = page.getByText('F7KQ2MXP', { exact: true });
      await code.waitFor();
      const size = await code.evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
      expect(size).toBeGreaterThanOrEqual(32);
      // Text to type or copy, not a link (the desktop app opens no windows).
      expect(await page.getByText(DEVICE_LOGIN, { exact: true }).isVisible()).toBe(true);
      expect(
        await page
          .getByRole('button', { name: lang === 'en' ? 'Copy address' : 'アドレスをコピー' })
          .isVisible(),
      ).toBe(true);
      const qr = page.getByRole('img', { name: new RegExp(DEVICE_LOGIN.replace(/[./]/g, '\\$&')) });
      expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
      // Drawn (the page's Content-Security-Policy allows data: images), not empty.
      await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
      await page
        .getByText(
          lang === 'en'
            ? 'Waiting for you to sign in on your phone or another computer…'
            : 'スマートフォンまたは別のコンピューターでのサインインを待っています…',
        )
        .waitFor();
      await page
        .getByRole('heading', { level: 2, name: lang === 'en' ? 'Sign-in' : 'サインイン' })
        .evaluate((element) => element.closest('section')?.scrollIntoView({ block: 'start' }));
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      await saveScreenshot(page, lang, 'submit-sign-in');
      const violations = await axeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    });
  }
});

describe.skipIf(!HAS_CHROMIUM)(`the Autopilot sync after sending, in a browser${E2E_SUITE_SUFFIX}`, () => {
  // A registered device is listed at the first look after the sync.
  const mock = useMockGraphService({ registeredListing: { afterSyncPolls: 0 } });
  const e2e = useE2e({ env: mock.env });

  it(
    'syncs Windows Autopilot when asked, and shows each device with its group tag; fits 1280×720 and 1024×600 in both languages',
    async () => {
      await seedDevices(e2e.ui(), [
        { name: 'site.csv', csv: scriptCsv([soundRow(REGISTERED), soundRow(OWNED_ELSEWHERE)]) },
      ]);
      const page = await e2e.openPage();
      await goTo(page, 'submit');
      await page.getByText('Using the token from HARVESTER_TOKEN', { exact: true }).waitFor();
      const option = page.getByRole('checkbox', {
        name: 'Then sync Windows Autopilot and check each device',
      });
      expect(await option.isChecked()).toBe(false);
      await option.check();
      await page.getByRole('button', { name: 'Send 2 devices' }).click();
      const sync = page.getByRole('region', { name: 'Autopilot sync' });
      await expect
        .poll(() => sync.locator('.submit-sync-status').textContent(), { timeout: FINISH_TIMEOUT })
        .toBe(
          'Sync started. 2 of 2 show in Windows Autopilot with the group tag Microsoft365Managed_Autopilot.',
        );
      for (const serial of [REGISTERED, OWNED_ELSEWHERE]) {
        const line = sync.getByRole('listitem').filter({ hasText: serial });
        expect(await line.textContent()).toContain('Shows with the group tag Microsoft365Managed_Autopilot');
      }
      expect(mock.graph().syncCount()).toBe(1);
      expect(
        mock.graph().requests.some((r) => r.path === '/beta/deviceManagement/windowsAutopilotSettings/sync'),
      ).toBe(true);
      expect(describeViolations(await axeViolations(page))).toBe('');

      for (const lang of ['en', 'ja'] as const satisfies readonly Lang[]) {
        if (lang === 'ja') await switchLanguage(page, 'ja');
        for (const size of [
          { width: 1280, height: 720 },
          { width: 1024, height: 600 },
        ]) {
          await page.setViewportSize(size);
          await page.evaluate(() => document.fonts.ready.then(() => undefined));
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          expect(
            width,
            `${lang}: the page is ${width} px wide in a ${size.width} px window`,
          ).toBeLessThanOrEqual(size.width);
          await saveScreenshot(page, lang, `submit-sync-${size.width}x${size.height}`);
          // By class: the region's name follows the language.
          await page.locator('.submit-sync').scrollIntoViewIfNeeded();
          await saveScreenshot(page, lang, `submit-sync-progress-${size.width}x${size.height}`);
          await page.getByRole('checkbox').first().scrollIntoViewIfNeeded();
          await saveScreenshot(page, lang, `submit-sync-option-${size.width}x${size.height}`);
        }
      }
      expect(describeViolations(await axeViolations(page))).toBe('');
    },
    FINISH_TIMEOUT * 2,
  );
});
