/**
 * Pictures of every screen at 1280×800 in English and Japanese, for people to look at:
 * test-results/screenshots/<lang>/<screen>.png. Each test also checks that the screen fits the window's
 * width (no sideways scrolling at the size of a technician's laptop).
 */
import { statSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, switchLanguage, VIEWPORT } from './support/browser';
import { useE2e } from './support/e2e';
import { E2E_SUITE_SUFFIX, HAS_CHROMIUM } from './support/paths';
import { useMockGraphService } from './support/mock-graph-service';
import {
  SHOWCASE_GRAPH,
  SHOWCASE_STATES,
  seedShowcase,
  showState,
  THIS_DEVICE_ANSWER,
  type Showcase,
} from './support/showcase';

describe.skipIf(!HAS_CHROMIUM)(`screenshots at 1280×800${E2E_SUITE_SUFFIX}`, () => {
  // Submit sends the fleet to a mock Graph (started before `harvester ui`, which is given its address).
  const graph = useMockGraphService(SHOWCASE_GRAPH);
  const e2e = useE2e({ collect: THIS_DEVICE_ANSWER, env: graph.env });
  let showcase: Showcase;
  beforeAll(async () => {
    showcase = await seedShowcase(e2e.ui(), e2e.dir(), e2e.powershellAnswers);
  });

  for (const lang of ['en', 'ja'] as const) {
    for (const state of SHOWCASE_STATES) {
      it(`shows the ${state} screen in ${lang} within the window's width and saves its picture`, async () => {
        const page = await e2e.openPage();
        if (lang === 'ja') await switchLanguage(page, 'ja');
        await showState(page, state, lang, showcase);
        // Let fonts and the last layout settle before the picture.
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        const file = await saveScreenshot(page, lang, state);
        expect(statSync(file).size).toBeGreaterThan(10_000);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width, `the page is ${width} px wide in a ${VIEWPORT.width} px window`).toBeLessThanOrEqual(
          VIEWPORT.width,
        );
      }, 90_000);
    }
  }
});
