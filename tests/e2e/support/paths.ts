/** Where the end-to-end tests find the repository, the browser and the real sample CSV. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Debian's chromium (CI installs it with apt); the tests never download a browser. */
export const CHROMIUM = process.env.HARVESTER_E2E_CHROMIUM ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);

/** The reason the e2e suites carry in their name when they cannot run here. */
export const E2E_SUITE_SUFFIX = HAS_CHROMIUM
  ? ''
  : ` (skipped: no browser at ${CHROMIUM}; CI installs chromium with apt)`;

/** A real public hash CSV kept outside the repository (see its README); tests skip with a reason without it. */
export const REAL_SAMPLE = path.resolve(REPO_ROOT, '../shared/fixtures/real/hp-elitebook-840-g8.csv');
export const HAS_REAL_SAMPLE = existsSync(REAL_SAMPLE);

/** Screenshots and failure pictures (test-results/ is gitignored). */
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');
