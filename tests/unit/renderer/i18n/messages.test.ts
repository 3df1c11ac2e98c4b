import { describe, expect, it } from 'vitest';
import { FEATURE_CATALOGS, MESSAGES } from '../../../../renderer/i18n/messages';
import { formatBytes, formatDateTime, plural, translate } from '../../../../renderer/i18n/i18n';

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('UI message catalogues', () => {
  const catalogs = Object.entries(FEATURE_CATALOGS);

  it.each(catalogs)('the %s catalogue has the same keys in Japanese and English', (_name, catalog) => {
    expect(Object.keys(catalog.ja).sort()).toEqual(Object.keys(catalog.en).sort());
  });

  it.each(catalogs)(
    'every %s text is written in both languages and names the same placeholders',
    (_n, catalog) => {
      for (const [key, en] of Object.entries(catalog.en)) {
        const ja = (catalog.ja as Record<string, string>)[key] ?? '';
        expect(en.trim(), `en ${key}`).not.toBe('');
        expect(ja.trim(), `ja ${key}`).not.toBe('');
        expect(placeholders(ja), `placeholders of ${key}`).toEqual(placeholders(en));
      }
    },
  );

  it('no key is defined by two features (a merged catalogue would silently drop one)', () => {
    const seen = new Map<string, string>();
    for (const [feature, catalog] of catalogs) {
      for (const key of Object.keys(catalog.en)) {
        expect(seen.get(key), `${key} in ${feature}`).toBeUndefined();
        seen.set(key, feature);
      }
    }
  });

  it('every plural key has both its one and other forms', () => {
    const ones = Object.keys(MESSAGES.en).filter((key) => key.endsWith('.one'));
    expect(ones.length).toBeGreaterThan(0);
    for (const key of ones) expect(MESSAGES.en).toHaveProperty([key.replace(/\.one$/, '.other')]);
  });

  it('Japanese texts use Japanese punctuation, not an English sentence end', () => {
    for (const [key, ja] of Object.entries(MESSAGES.ja)) {
      expect(ja, key).not.toMatch(/[a-z]\.\s*$/);
    }
  });
});

describe('translate and formatting', () => {
  it('fills placeholders and formats numbers in the language', () => {
    expect(plural('en', 'ledger.devices', 1)).toBe('1 device in the ledger');
    expect(plural('en', 'ledger.devices', 12345)).toBe('12,345 devices in the ledger');
    expect(plural('ja', 'ledger.devices', 12345)).toBe('台帳に 12,345 台');
  });

  it('leaves an unknown placeholder visible rather than dropping it', () => {
    expect(translate('en', 'ledger.devices.other', { other: 'x' })).toBe('{count} devices in the ledger');
  });

  it('writes dates the way each language reads them', () => {
    // Midday UTC is 24 November in every time zone from UTC-11 to UTC+11.
    const iso = '2026-11-24T12:00:00.000Z';
    expect(formatDateTime('ja', iso)).toMatch(/2026\/11\/24/);
    expect(formatDateTime('en', iso)).toMatch(/Nov 24, 2026/);
    expect(formatDateTime('en', 'not a date')).toBe('not a date');
  });

  it('writes sizes in decimal units', () => {
    expect(formatBytes('en', 15_938_355_200)).toBe('15.9 GB');
    expect(formatBytes('en', 512)).toBe('512 B');
  });
});
