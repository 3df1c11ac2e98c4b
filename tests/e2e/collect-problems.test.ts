/**
 * The Collect screen explaining what the real PowerShell can answer on a device that cannot give its hash: a
 * locked-down PowerShell, a Windows without the MDM bridge, a query refused to an administrator, the
 * KB5013942 failure. Each is shown in English and Japanese at 1280×720 and 1024×600 (a technician's small
 * laptop), saved as test-results/screenshots/<lang>/collect-<problem>-<size>.png for people to look at, and
 * must fit the window's width.
 */
import { describe, expect, it } from 'vitest';
import { collectionProblemMessage, type CollectionProblem } from '../../shared/i18n/collection-messages';
import { deviceFacts, type FakeAnswer } from '../fakes/use-fake-powershell';
import { saveScreenshot, switchLanguage } from './support/browser';
import { useE2e } from './support/e2e';
import { E2E_SUITE_SUFFIX, HAS_CHROMIUM } from './support/paths';

const CIM = 'Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand';

/** What the collection (script or command) answers in each situation, and the problem it must become. */
const CASES: readonly {
  readonly name: string;
  readonly answer: FakeAnswer;
  readonly problem: CollectionProblem;
}[] = [
  {
    name: 'locked-down',
    answer: { stdout: 'harvester-language-mode:ConstrainedLanguage' },
    problem: { kind: 'powershell-locked-down', languageMode: 'ConstrainedLanguage' },
  },
  {
    name: 'mdm-namespace-missing',
    answer: {
      stdoutJson: deviceFacts({
        hashError: 'Microsoft.Management.Infrastructure.CimException: Invalid namespace ',
        hashErrorCode: 3,
        hashErrorId: `HRESULT 0x8004100e,${CIM}`,
        osVersion: '10.0.20348.0',
      }),
    },
    problem: { kind: 'mdm-bridge-missing', missing: 'namespace' },
  },
  {
    name: 'access-denied',
    answer: {
      stdoutJson: deviceFacts({
        hashError: 'Microsoft.Management.Infrastructure.CimException: Access denied ',
        hashErrorCode: 2,
        hashErrorId: `HRESULT 0x80041003,${CIM}`,
      }),
    },
    problem: { kind: 'hash-access-denied' },
  },
  {
    name: 'kb5013942',
    answer: {
      stdoutJson: deviceFacts({
        hashError:
          'Microsoft.Management.Infrastructure.CimException: A general error occurred that is not covered by ' +
          'a more specific error code.',
        hashErrorCode: 1,
        hashErrorId: `MI RESULT 1,${CIM}`,
        osVersion: '10.0.19044.0',
      }),
    },
    problem: { kind: 'mi-result-1' },
  },
];

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1024, height: 600 },
] as const;

describe.skipIf(!HAS_CHROMIUM)(`collection problems on the Collect screen${E2E_SUITE_SUFFIX}`, () => {
  const e2e = useE2e({ collect: CASES[0]!.answer });

  for (const { name, answer, problem } of CASES) {
    for (const lang of ['en', 'ja'] as const) {
      it(`explains ${name} in ${lang} at both window sizes`, async () => {
        e2e.powershellAnswers(answer);
        const page = await e2e.openPage();
        if (lang === 'ja') await switchLanguage(page, 'ja');
        const expected = collectionProblemMessage(problem, lang);
        const alert = page.getByRole('alert').filter({ hasText: expected.title });
        await alert.waitFor({ timeout: 30_000 });
        expect(await alert.textContent()).toContain(expected.action);
        for (const size of SIZES) {
          await page.setViewportSize(size);
          await page.evaluate(() => document.fonts.ready.then(() => undefined));
          await saveScreenshot(page, lang, `collect-${name}-${size.width}x${size.height}`);
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          expect(width, `${width} px of page in a ${size.width} px window`).toBeLessThanOrEqual(size.width);
        }
      }, 90_000);
    }
  }
});
