/**
 * Each screen in the state worth looking at (the Devices list with data, Import with its check result,
 * Export with its preview...), reached through the UI in either language. The accessibility checks and the
 * screenshots share these. Texts come from the renderer's own catalogues, so the set-up follows them; the
 * flow tests (import.test.ts...) are the ones that pin texts down.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { plural, translate } from '../../../renderer/i18n/i18n';
import { ALREADY_ASSIGNED, OTHER_TENANT, type MockGraphOptions } from '../../fakes/mock-graph';
import type { FakeAnswer } from '../../fakes/use-fake-powershell';
import { scriptCsv } from '../../support/temp-dir';
import type { Lang } from './browser';
import { collectedDevice } from './e2e';
import type { HarvesterUi } from './harvester-ui';
import { badHashRow, DEFAULT_TAG, HEADER_WITH_TAG, seedDevices, soundRow, writeCsv } from './fixtures';
import { deviceRows, goTo } from './screens';

export const SHOWCASE_STATES = [
  'collect',
  'devices',
  'device-details',
  'import',
  'export',
  'submit',
  'submit-progress',
  'settings',
] as const;
export type ShowcaseState = (typeof SHOWCASE_STATES)[number];

export interface Showcase {
  /** CSV files for the Import screen's check (with a rejected row and duplicates). */
  readonly importFiles: readonly string[];
  /** Where the Export screen's folder option points. */
  readonly exportFolder: string;
  /** Sets what the fake PowerShell answers next (this device, or the USB sticks). */
  readonly powershellAnswers: (answer: FakeAnswer) => void;
}

/** This device as the Collect screen reads it (the fake's default Lenovo, not in the ledger). */
export const THIS_DEVICE_ANSWER: FakeAnswer = collectedDevice();

/** Two USB sticks, as Windows lists them (the fake's recorded `drives-two` answer). */
const TWO_STICKS: FakeAnswer = {
  stdoutJson: {
    isWindows: true,
    drives: [
      {
        letter: 'E:',
        label: 'HARVESTER',
        volumeSerial: '5A1C3F20',
        freeBytes: 12_884_901_888,
        sizeBytes: 15_837_691_904,
      },
      {
        letter: 'F:',
        label: 'CAMERA',
        volumeSerial: '0E77A1B2',
        freeBytes: 1_073_741_824,
        sizeBytes: 31_914_983_424,
      },
    ],
  },
};

/** A mixed fleet: makers, tags (none, the default, a typo, a custom one), some exported, one deleted. */
const FLEET: readonly (readonly [serial: string, manufacturer: string, model: string, tag: string])[] = [
  ['PF3K8Q2M', 'LENOVO', '20XW0026JP', DEFAULT_TAG],
  ['PF3K8Q2N', 'LENOVO', '20XW0026JP', DEFAULT_TAG],
  ['5CG1457YL9', 'HP', 'HP EliteBook 840 G8 Notebook PC', ''],
  ['5CG1457YM0', 'HP', 'HP EliteBook 840 G8 Notebook PC', 'Microsoft365Manged_Autopilot'],
  ['JH7F2K3', 'Dell Inc.', 'Latitude 5420', ''],
  ['0F3A71B2C4D5', 'Microsoft Corporation', 'Surface Laptop 5', DEFAULT_TAG],
  ['R9NX20B7', 'FUJITSU', 'LIFEBOOK U9311/F', 'Site-Osaka-Laptops'],
  ['MXL2230QRT', 'HP', 'HP ProDesk 400 G7 Small Form Factor PC', ''],
];

/**
 * How the mock Graph answers the fleet's submission (`useMockGraphService(SHOWCASE_GRAPH)` in the files that
 * show the Submit screen): one device already registered here, one registered by another organisation.
 */
export const SHOWCASE_GRAPH: MockGraphOptions = {
  outcomes: { PF3K8Q2N: [ALREADY_ASSIGNED], R9NX20B7: [OTHER_TENANT] },
};

/** Devices the showcase ledger holds that are not deleted (what the Submit screen sends). */
const ACTIVE_FLEET = FLEET.length - 1;

/** Fills the ledger of `ui` and writes the CSV files the Import state uses, under `dir`. */
export async function seedShowcase(
  ui: HarvesterUi,
  dir: string,
  powershellAnswers: (answer: FakeAnswer) => void,
): Promise<Showcase> {
  const rows = FLEET.map(([serial, manufacturer, model, tag]) => [
    ...soundRow(serial, { manufacturer, model }),
    tag,
  ]);
  await seedDevices(ui, [
    { name: 'tokyo-2026-11-20.csv', csv: scriptCsv(rows.slice(0, 3), HEADER_WITH_TAG) },
  ]);
  // The first three exported once; the rest come later.
  const exported = await ui.call<{ kind: string }>('exportDevices', {
    format: 'intune',
    tag: DEFAULT_TAG,
    allowCustomTag: false,
    selection: { kind: 'all' },
    lang: 'en',
    destination: { kind: 'folder', path: path.join(dir, 'exported-before') },
  });
  if (exported.kind !== 'done') throw new Error(`seed export failed: ${JSON.stringify(exported)}`);
  await seedDevices(ui, [{ name: 'osaka-2026-11-24.csv', csv: scriptCsv(rows.slice(3), HEADER_WITH_TAG) }]);
  const { devices } = await ui.call<{ devices: { id: string; serial: string }[] }>('listDevices', {});
  const deleted = devices.find((d) => d.serial === 'MXL2230QRT')!;
  await ui.call('removeDevices', { ids: [deleted.id], lang: 'en' });

  const csvDir = path.join(dir, 'import');
  mkdirSync(csvDir, { recursive: true });
  const importFiles = [
    writeCsv(csvDir, 'nagoya-site-a.csv', [
      soundRow('PF3NGY01'),
      soundRow('PF3NGY02'),
      badHashRow('PF3NGY03'),
      soundRow('PF3NGY01', { nonce: 1 }),
      soundRow('PF3K8Q2M', { nonce: 3 }),
    ]),
    writeCsv(
      csvDir,
      'nagoya-site-b.csv',
      [
        [...soundRow('PF3NGY04'), 'Microsoft365Manged_Autopilot'],
        [...soundRow('PF3NGY05'), DEFAULT_TAG],
      ],
      HEADER_WITH_TAG,
    ),
  ];
  return { importFiles, exportFolder: path.join(dir, 'export'), powershellAnswers };
}

/** Brings the page (the app open, in `lang`) to `state`, waiting for what makes the state. */
export async function showState(
  page: Page,
  state: ShowcaseState,
  lang: Lang,
  showcase: Showcase,
): Promise<void> {
  const t = (key: Parameters<typeof translate>[1]) => translate(lang, key);
  switch (state) {
    case 'collect':
      showcase.powershellAnswers(THIS_DEVICE_ANSWER);
      await goTo(page, 'collect', lang);
      await page.getByRole('button', { name: t('collect.device.readAgain') }).click();
      await page
        .locator(`xpath=//dt[normalize-space()="${t('collect.device.serial')}"]/following-sibling::dd[1]`)
        .getByText('PF3ABCDE')
        .waitFor({ timeout: 20_000 });
      // The earlier reading stays on screen while the new one runs: wait for the new one to finish.
      await page.getByText(t('collect.device.reading')).waitFor({ state: 'hidden', timeout: 20_000 });
      return;
    case 'devices':
      await goTo(page, 'devices', lang);
      await deviceRows(page, lang).first().waitFor();
      return;
    case 'device-details': {
      await goTo(page, 'devices', lang);
      await deviceRows(page, lang).getByRole('button', { name: 'PF3K8Q2M' }).click();
      const dialog = page.getByRole('dialog', { name: new RegExp(t('devices.details.title')) });
      await dialog.getByText(t('devices.details.verified'), { exact: true }).waitFor();
      return;
    }
    case 'import':
      await goTo(page, 'import', lang);
      await page
        .getByLabel(t('import.drop.inputLabel'), { exact: true })
        .and(page.locator('input[type="file"]'))
        .setInputFiles([...showcase.importFiles]);
      await page.getByRole('button', { name: t('import.files.check') }).click();
      await page.getByRole('heading', { name: t('import.preview.heading') }).waitFor({ timeout: 20_000 });
      return;
    case 'export': {
      // As on Windows: the USB sticks are listed (the folder option is chosen all the same).
      showcase.powershellAnswers(TWO_STICKS);
      await goTo(page, 'export', lang);
      await page.getByText('HARVESTER', { exact: false }).first().waitFor();
      await page.getByRole('radio', { name: t('export.selection.all') }).check();
      await page.getByRole('radio', { name: t('export.format.intune') }).check();
      await page.getByRole('radio', { name: DEFAULT_TAG }).check();
      await page.getByRole('radio', { name: t('export.destination.folder') }).check();
      await page
        .getByRole('textbox', { name: t('export.destination.folderPath') })
        .fill(showcase.exportFolder);
      const lines = page.getByLabel(t('export.preview.linesLabel'));
      await lines.getByText(HEADER_WITH_TAG, { exact: false }).waitFor({ timeout: 15_000 });
      await lines.scrollIntoViewIfNeeded();
      return;
    }
    case 'submit':
    case 'submit-progress': {
      await goTo(page, 'submit', lang);
      await page.getByText(t('submit.signIn.envToken'), { exact: true }).waitFor({ timeout: 15_000 });
      const history = page.getByRole('table', { name: t('submit.history.title') });
      await history.or(page.getByText(t('submit.history.empty'), { exact: true })).waitFor();
      if ((await history.count()) === 0) {
        // The first visit sends the fleet; later ones show that submission again from the history.
        await page.getByRole('button', { name: plural(lang, 'submit.action.send', ACTIVE_FLEET) }).click();
      } else {
        await history
          .getByRole('button', { name: t('submit.history.show') })
          .first()
          .click();
      }
      const retry = page.getByRole('button', { name: plural(lang, 'submit.job.retryFailed', 1) });
      await retry.waitFor({ timeout: 60_000 });
      // The picture: the top of the screen, or the progress at the top of the window.
      if (state === 'submit-progress') {
        await page
          .getByRole('heading', { level: 2, name: t('submit.job.title') })
          .evaluate((element) => element.scrollIntoView({ block: 'start' }));
      } else {
        await page.locator('main').evaluate((main) => main.scrollTo(0, 0));
      }
      return;
    }
    case 'settings':
      await goTo(page, 'settings', lang);
      await page.getByText(t('settings.ledger.location'), { exact: true }).first().waitFor();
      return;
  }
}
