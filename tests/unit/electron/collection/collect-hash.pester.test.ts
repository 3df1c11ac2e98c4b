/**
 * The Pester tests of the collection script (collect-hash.Tests.ps1), run in real pwsh. Pester runs once when
 * this file is collected; each of its tests becomes a test here, so a failing scenario is named in the
 * report and the counts include them.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COLLECT_SCRIPT_PATH } from '../../../../electron/collection/collect';
import {
  NO_PESTER_REASON,
  PESTER,
  PWSH,
  runPesterFile,
  type PesterTest,
} from '../../../support/real-powershell';

const PESTER_FILE = fileURLToPath(new URL('./collect-hash.Tests.ps1', import.meta.url));
const available = PWSH !== undefined && PESTER !== undefined;
const tests: readonly PesterTest[] = available
  ? runPesterFile(PESTER_FILE, { COLLECT_HASH_SCRIPT: COLLECT_SCRIPT_PATH })
  : [];

describe.skipIf(!available)(
  `collect-hash.ps1 under Pester in real pwsh${available ? '' : ` (skipped: ${NO_PESTER_REASON})`}`,
  () => {
    it('runs every scenario of the Pester file', () => {
      const names = tests.map((t) => t.name).join('\n');
      for (const scenario of [
        'parses without errors',
        'healthy, elevated device',
        'several BIOS objects',
        'Japanese manufacturer and model',
        'Hyper-V gives none',
        'without administrator rights',
        'Windows PE',
        'KB5013942',
        'code 2 (access denied)',
        'code 3 (invalid namespace',
        'code 5 (invalid class)',
        'Constrained Language Mode',
      ]) {
        expect(names).toContain(scenario);
      }
    });

    it.each(tests.map((t) => [t.name, t] as const))('Pester: %s', (_, test) => {
      expect(test.result, test.error).toBe('Passed');
    });
  },
);
