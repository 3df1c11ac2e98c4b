/**
 * The set-up every end-to-end test file shares: a renderer built from the current sources, `harvester ui`
 * on a fresh temporary ledger with the fake PowerShell, and chromium. Per test: a fresh browser profile and
 * page, with a picture of the window saved when the test fails. Everything started is stopped in afterAll.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { deviceFacts, type FakeAnswer } from '../../fakes/use-fake-powershell';
import { buildHash, type HashSpec } from '../../support/hash-builder';
import { launchChromium, newAppContext, openApp } from './browser';
import { startHarvesterUi, type HarvesterUi } from './harvester-ui';
import { RESULTS_DIR } from './paths';
import { builtRenderer } from './renderer-build';

export interface E2e {
  /** The running `harvester ui`. */
  ui(): HarvesterUi;
  browser(): Browser;
  /** This file's temporary folder (the ledger is `ledger/` in it). */
  dir(): string;
  ledgerDir(): string;
  /**
   * A fresh profile and page on the app, its frame loaded (closed after the test). `beforeOpen` runs on the
   * blank page first (to route requests, for instance).
   */
  openPage(beforeOpen?: (page: Page) => Promise<unknown>): Promise<Page>;
  /** What the next collection finds (the fake PowerShell reads it when it starts). */
  powershellAnswers(answer: FakeAnswer): void;
}

/** The collection script's answer for a healthy device whose hash is built from `spec`. */
export function collectedDevice(spec: HashSpec = {}, facts: Record<string, unknown> = {}): FakeAnswer {
  return { stdoutJson: deviceFacts({ hash: buildHash(spec), ...facts }) };
}

export interface E2eOptions {
  readonly lang?: 'en' | 'ja';
  readonly collect?: FakeAnswer;
  /**
   * More environment for `harvester ui`, asked when it starts (after the file's earlier beforeAll hooks, so a
   * mock service started there can give its address).
   */
  readonly env?: () => Readonly<Record<string, string>>;
}

export function useE2e(options: E2eOptions = {}): E2e {
  let dir: string | undefined;
  let ui: HarvesterUi | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];
  const answerFile = () => path.join(dir!, 'powershell-answer.json');
  const answer = (value: FakeAnswer) => writeFileSync(answerFile(), JSON.stringify(value));

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'harvester-e2e-'));
    mkdirSync(path.join(dir, 'ledger'));
    answer(options.collect ?? { stdoutJson: deviceFacts({ isElevated: false }) });
    const [rendererDir, launched] = await Promise.all([builtRenderer(), launchChromium()]);
    browser = launched;
    ui = await startHarvesterUi({
      ledgerDir: path.join(dir, 'ledger'),
      rendererDir,
      lang: options.lang ?? 'en',
      powershellAnswerFile: answerFile(),
      ...(options.env === undefined ? {} : { env: options.env() }),
    });
  }, 90_000);

  afterEach(async (context) => {
    const failed = context.task.result?.state === 'fail';
    const page = pages.at(-1);
    if (failed && page !== undefined && !page.isClosed()) {
      const failures = path.join(RESULTS_DIR, 'e2e-failures');
      mkdirSync(failures, { recursive: true });
      const name = context.task.name.replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 100);
      await page.screenshot({ path: path.join(failures, `${name}.png`) }).catch(() => undefined);
    }
    pages.length = 0;
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    if (ui !== undefined) {
      const code = await ui.stop();
      // The contract: `harvester ui` ends cleanly on SIGTERM (the ledger released, nothing half-written).
      expect(code, `harvester ui exit code on SIGTERM; output:\n${ui.output()}`).toBe(0);
    }
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  return {
    ui: () => ui!,
    browser: () => browser!,
    dir: () => dir!,
    ledgerDir: () => path.join(dir!, 'ledger'),
    async openPage(beforeOpen) {
      const context = await newAppContext(browser!);
      contexts.push(context);
      const page = await context.newPage();
      pages.push(page);
      await beforeOpen?.(page);
      await openApp(page, ui!.url);
      return page;
    },
    powershellAnswers: answer,
  };
}
