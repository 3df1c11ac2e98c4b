/** The languages the product speaks, both first-class. */
export const LANGS = ['en', 'ja'] as const;
export type Lang = (typeof LANGS)[number];

/** Picks `ja` for any Japanese locale tag (`ja`, `ja-JP`, `ja_JP.UTF-8`), otherwise English. */
export function langFromLocale(locale: string | undefined): Lang | undefined {
  if (!locale) return undefined;
  const tag = locale.trim().toLowerCase();
  if (tag.length === 0 || tag === 'c' || tag === 'posix') return undefined;
  return tag.startsWith('ja') ? 'ja' : 'en';
}
