/**
 * axe-core's WCAG 2.0/2.1 A and AA rules on every screen, in the state worth checking (with data, with a
 * check result, with a preview, a device's details open), in English and in Japanese.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations, switchLanguage, type Lang } from './support/browser';
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

const LANG_NAMES: Readonly<Record<Lang, string>> = { en: 'English', ja: 'Japanese' };

describe.skipIf(!HAS_CHROMIUM)(`accessibility (axe-core, WCAG 2 A/AA)${E2E_SUITE_SUFFIX}`, () => {
  // Submit sends the fleet to a mock Graph (started before `harvester ui`, which is given its address).
  const graph = useMockGraphService(SHOWCASE_GRAPH);
  const e2e = useE2e({ collect: THIS_DEVICE_ANSWER, env: graph.env });
  let showcase: Showcase;
  beforeAll(async () => {
    showcase = await seedShowcase(e2e.ui(), e2e.dir(), e2e.powershellAnswers);
  });

  it('reports a planted violation (an image without a text alternative): the check is not vacuous', async () => {
    const page = await e2e.openPage();
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
      document.querySelector('main')?.append(img);
    });
    const violations = await axeViolations(page);
    expect(violations.map((v) => v.id)).toContain('image-alt');
    expect(describeViolations(violations)).toMatch(/^image-alt \(critical\): .+ — img$/m);
  });

  for (const lang of ['en', 'ja'] as const) {
    for (const state of SHOWCASE_STATES) {
      it(`finds no violations on the ${state} screen in ${LANG_NAMES[lang]}`, async () => {
        const page = await e2e.openPage();
        if (lang === 'ja') await switchLanguage(page, 'ja');
        await showState(page, state, lang, showcase);
        const violations = await axeViolations(page);
        expect(
          violations,
          `axe violations on ${state} (${lang}):\n${describeViolations(violations)}`,
        ).toEqual([]);
      }, 90_000);
    }
  }
});
