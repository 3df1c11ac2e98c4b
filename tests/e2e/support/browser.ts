/**
 * Chromium through playwright-core (never a downloaded browser): launching, opening the app, screenshots,
 * and axe-core checks.
 */
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, RESULTS_DIR } from './paths';

export const VIEWPORT = { width: 1280, height: 800 } as const;

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30_000 });
}

/** A fresh profile (no stored language, no token in sessionStorage) at 1280×800 in an English browser. */
export async function newAppContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US', deviceScaleFactor: 1 });
  context.setDefaultTimeout(10_000);
  return context;
}

export type Lang = 'en' | 'ja';

/** The sidebar's navigation landmark, by its accessible name in each language. */
export const NAV_NAME: Readonly<Record<Lang, string>> = { en: 'Screens', ja: '画面' };

/** Opens the printed address and waits until the app frame (its navigation) is on screen. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page
    .getByRole('navigation', { name: NAV_NAME.en })
    .or(page.getByRole('navigation', { name: NAV_NAME.ja }))
    .waitFor();
}

/** Switches the language with the sidebar's buttons (日本語 / English) and waits for the page to follow. */
export async function switchLanguage(page: Page, lang: Lang): Promise<void> {
  await page.getByRole('button', { name: lang === 'ja' ? '日本語' : 'English', exact: true }).click();
  await page.waitForFunction((wanted) => document.documentElement.lang === wanted, lang);
}

/** Saves a full-window picture as test-results/screenshots/<lang>/<name>.png and returns its path. */
export async function saveScreenshot(page: Page, lang: Lang, name: string): Promise<string> {
  const dir = path.join(RESULTS_DIR, 'screenshots', lang);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false, animations: 'disabled' });
  return file;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: readonly string[];
}

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

/**
 * Runs axe-core's WCAG 2.0/2.1 A and AA rules on the page as it is. The source goes in with evaluate, which
 * the page's Content-Security-Policy (script-src 'self') does not apply to.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(axeSource);
  return page.evaluate(
    async (tags) => {
      const axe = (window as unknown as { axe: AxeApi }).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(' ')),
      }));
    },
    [...WCAG_TAGS],
  );
}

/** The part of axe's API used here (axe-core's own types are not imported into the page function). */
interface AxeApi {
  run(
    context: Document,
    options: { runOnly: { type: 'tag'; values: string[] } },
  ): Promise<{
    violations: {
      id: string;
      impact?: string | null;
      help: string;
      nodes: { target: string[] }[];
    }[];
  }>;
}

/** One line per violation: `id (impact): help — target, target`. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((v) => `${v.id} (${v.impact ?? '?'}): ${v.help} — ${v.targets.join(', ')}`)
    .join('\n');
}
