/**
 * One feature's texts in both languages. English names the keys; the compiler refuses a Japanese catalogue
 * with a key missing or extra, and `tests/unit/renderer/i18n/messages.test.ts` checks placeholders match.
 *
 * Placeholders are `{name}`. Plural forms: a key ending in `.one` has a sibling ending in `.other`
 * (`plural()` picks one with Intl.PluralRules); Japanese writes both the same way.
 */
export interface FeatureMessages<K extends string> {
  readonly en: Readonly<Record<K, string>>;
  readonly ja: Readonly<Record<K, string>>;
}

export function defineMessages<const E extends Record<string, string>>(
  en: E,
  ja: { readonly [K in keyof E]: string },
): FeatureMessages<Extract<keyof E, string>> {
  return { en, ja } as FeatureMessages<Extract<keyof E, string>>;
}
