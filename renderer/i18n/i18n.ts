/**
 * Text and number/date formatting for the UI. Components call `useI18n()`; plain code (stores) calls
 * `translate`/`plural` with the language it was given.
 */
import type { Lang } from '../../shared/i18n/lang';
import { MESSAGES, type MessageKey } from './messages';

export type MessageParams = Readonly<Record<string, string | number>>;

/** Keys with `.one`/`.other` forms, named without the suffix. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}.other`
    ? `${Base}.one` extends MessageKey
      ? Base
      : never
    : never;
}[MessageKey];

export const LOCALES: Readonly<Record<Lang, string>> = { en: 'en-US', ja: 'ja-JP' };

/**
 * Intl formatters are costly to build and the devices grid formats every visible row on each keystroke:
 * one of each per language and option set, built on first use.
 */
const formatters = new Map<string, Intl.PluralRules | Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.PluralRules | Intl.NumberFormat | Intl.DateTimeFormat>(
  key: string,
  make: () => T,
): T {
  let formatter = formatters.get(key) as T | undefined;
  if (formatter === undefined) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}

export function translate(lang: Lang, key: MessageKey, params?: MessageParams): string {
  return fill(lang, MESSAGES[lang][key], params);
}

/** The `.one` or `.other` form for `count` (which is also available as `{count}`, formatted). */
export function plural(lang: Lang, key: PluralKey, count: number, params?: MessageParams): string {
  const form =
    cached(`plural:${lang}`, () => new Intl.PluralRules(LOCALES[lang])).select(count) === 'one'
      ? 'one'
      : 'other';
  return fill(lang, MESSAGES[lang][`${key}.${form}` as MessageKey], { count, ...params });
}

function fill(lang: Lang, text: string, params: MessageParams | undefined): string {
  if (params === undefined) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(lang, value) : value;
  });
}

export function formatNumber(lang: Lang, value: number): string {
  return cached(`number:${lang}`, () => new Intl.NumberFormat(LOCALES[lang])).format(value);
}

/** Date and time as a technician reads it: `2026/11/24 9:05` in Japanese, `Nov 24, 2026, 9:05 AM` in English. */
export function formatDateTime(lang: Lang, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return cached(
    `dateTime:${lang}`,
    () => new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'medium', timeStyle: 'short' }),
  ).format(date);
}

/** Sizes of drives and files: `14.9 GB` (decimal units, as Windows Explorer's drive bar and most sticks say). */
export function formatBytes(lang: Lang, bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const number = cached(
    `bytes:${lang}:${digits}`,
    () => new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: digits }),
  );
  return `${number.format(value)} ${units[unit]}`;
}
