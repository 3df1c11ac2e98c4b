/** Keyboard-only moves, as a technician without a mouse makes them. */
import type { Locator, Page } from 'playwright-core';

/**
 * Puts the keyboard's starting point at the top of the page, as a browser that has just loaded a page without
 * moving the focus: the next Tab reaches the first focusable element. (The app itself moves the focus to each
 * screen's title; blurring that would leave Chrome's starting point there.)
 */
export async function focusTopOfPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    const body = document.body;
    body.setAttribute('tabindex', '-1');
    body.focus();
    body.removeAttribute('tabindex');
  });
}

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus; fails after `limit` presses, naming where the
 * focus went instead.
 */
export async function tabTo(
  page: Page,
  target: Locator,
  options: { readonly limit?: number; readonly backwards?: boolean } = {},
): Promise<number> {
  const limit = options.limit ?? 25;
  const visited: string[] = [];
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
    if (await target.evaluate((element) => element === document.activeElement)) return presses;
    visited.push(
      await page.evaluate(() => {
        const e = document.activeElement;
        if (e === null) return '(nothing)';
        const name = e.getAttribute('aria-label') ?? e.textContent?.trim().slice(0, 30) ?? '';
        return `${e.tagName.toLowerCase()} "${name}"`;
      }),
    );
  }
  throw new Error(
    `${limit} Tab presses never reached the element; the focus went to: ${visited.join(' → ')}`,
  );
}
