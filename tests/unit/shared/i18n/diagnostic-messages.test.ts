import { describe, expect, it } from 'vitest';
import { REJECTION_CODES, WARNING_CODES } from '../../../../shared/diagnostics';
import type { DiagnosticCode, DiagnosticParams } from '../../../../shared/diagnostics';
import type { HashFailureKind } from '../../../../shared/hardware-hash';
import {
  HASH_FAILURE_TEXTS,
  diagnosticMessage,
  hashFailureText,
} from '../../../../shared/i18n/diagnostic-messages';
import { LANGS } from '../../../../shared/i18n/lang';

/** Hiragana, katakana or kanji. */
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

interface Sample {
  /** Params as the code's producer gives them. */
  readonly params: DiagnosticParams;
  /** Values the message must show the technician. */
  readonly shows: readonly string[];
}

/** One realistic diagnostic per code; `satisfies` makes the compiler refuse a code left out. */
const SAMPLES = {
  'hash-invalid': { params: { serial: 'PF3ABCDE', reason: 'checksum-mismatch' }, shows: ['PF3ABCDE'] },
  'hash-missing': { params: { serial: 'PF3ABCDE' }, shows: ['PF3ABCDE'] },
  'serial-placeholder': { params: { serial: 'Default string' }, shows: ['Default string'] },
  'serial-mismatch': {
    params: { serial: 'PF3ZZZZZ', hashSerial: 'PF3ABCDE' },
    shows: ['PF3ZZZZZ', 'PF3ABCDE'],
  },
  'serial-missing': { params: {}, shows: [] },
  'corporate-identifier-list': { params: {}, shows: [] },
  'not-a-hash-csv': {
    params: { reason: 'unknown-header', header: 'Name,Email,Department' },
    shows: ['Name,Email,Department'],
  },
  'unreadable-file': {
    params: { reason: 'EACCES', detail: 'permission denied' },
    shows: ['EACCES', 'permission denied'],
  },
  'file-empty': { params: {}, shows: [] },
  'csv-unterminated-quote': { params: {}, shows: [] },
  'value-not-writable': {
    params: {
      serial: 'PF3.ABCDE',
      format: 'intune',
      field: 'serial',
      value: 'PF3.ABCDE',
      reason: 'intune-serial-dot',
    },
    shows: ['PF3.ABCDE', 'intune'],
  },
  'serial-repaired': {
    params: { from: '1.23457E+11', serial: '123456789012', how: 'scientific-notation' },
    shows: ['1.23457E+11', '123456789012'],
  },
  'serial-from-hash': { params: { serial: 'PF3ABCDE' }, shows: ['PF3ABCDE'] },
  'serial-risky-characters': { params: { serial: 'PF3.ABCDE', characters: '.' }, shows: ['PF3.ABCDE'] },
  'hash-repadded': { params: { serial: 'PF3ABCDE' }, shows: ['PF3ABCDE'] },
  'header-missing': { params: {}, shows: [] },
  'columns-ignored': { params: { columns: 'Notes, Asset Tag' }, shows: ['Notes, Asset Tag'] },
  'manufacturer-from-hash': {
    params: { serial: 'PF3ABCDE', from: 'Lenovo', to: 'LENOVO' },
    shows: ['Lenovo', 'LENOVO'],
  },
  'model-from-hash': {
    params: { serial: 'PF3ABCDE', from: 'ThinkPad X1', to: '20XW0026JP' },
    shows: ['ThinkPad X1', '20XW0026JP'],
  },
  'product-id-repaired': {
    params: { serial: 'PF3ABCDE', from: '3.3054E+12', to: '3305404496774' },
    shows: ['3.3054E+12', '3305404496774'],
  },
  'product-id-dropped': { params: { serial: 'PF3ABCDE', value: 'N/A' }, shows: ['N/A'] },
  'group-tag-corrected': {
    params: {
      serial: 'PF3ABCDE',
      from: 'Microsoft365Managed_autopilot',
      to: 'Microsoft365Managed_Autopilot',
    },
    shows: ['Microsoft365Managed_autopilot', 'Microsoft365Managed_Autopilot'],
  },
  'group-tag-custom': { params: { serial: 'PF3ABCDE', tag: 'Sales-Tokyo' }, shows: ['Sales-Tokyo'] },
  'group-tag-invalid': {
    params: { serial: 'PF3ABCDE', tag: 'Bad,Tag', problem: 'bad-character', character: ',' },
    shows: ['Bad,Tag', ','],
  },
  'group-tag-near-miss': {
    params: {
      serial: 'PF3ABCDE',
      tag: 'Microsoft365Manged_Autopilot',
      suggestion: 'Microsoft365Managed_Autopilot',
      reasons: 'typo',
    },
    shows: ['Microsoft365Manged_Autopilot', 'Microsoft365Managed_Autopilot'],
  },
  'csv-extra-fields': { params: { count: 5, columns: 4 }, shows: ['5', '4'] },
  'csv-line-too-long': { params: { at: 7, limit: 1048576 }, shows: ['7'] },
  'group-tag-replaced': {
    params: { serial: 'PF3ABCDE', from: 'Sales-Tokyo', to: 'Microsoft365Managed_Kiosk' },
    shows: ['Sales-Tokyo', 'Microsoft365Managed_Kiosk'],
  },
  'group-tag-not-carried': {
    params: { serial: 'PF3ABCDE', tag: 'Sales', group: 'Microsoft365Managed_Autopilot' },
    shows: ['Sales', 'Microsoft365Managed_Autopilot'],
  },
  'duplicate-differs': {
    params: { serial: 'PF3ABCDE', field: 'groupTag', kept: 'Sales-Tokyo', other: 'Sales-Osaka' },
    shows: ['Sales-Tokyo', 'Sales-Osaka'],
  },
  'text-undecodable': { params: {}, shows: [] },
} as const satisfies Record<DiagnosticCode, Sample>;

/** Every failure kind with the params the decoder gives it; `satisfies` refuses a kind left out. */
const FAILURES = {
  empty: {},
  'not-base64': { position: 100, character: '!' },
  'bad-base64-length': { length: 3999 },
  'too-short': { byteLength: 2 },
  'bad-magic': {},
  'bad-inventory-length': { inventoryLength: 2, byteLength: 3000 },
  'bad-record-length': { offset: 4, recordType: 1, recordLength: 2 },
  truncated: { byteLength: 600, needed: 631 },
  'missing-checksum': { offset: 595 },
  'checksum-mismatch': {},
  'no-serial': {},
  'no-manufacturer': {},
} as const satisfies Record<HashFailureKind, DiagnosticParams>;

const ALL_CODES: readonly DiagnosticCode[] = [...REJECTION_CODES, ...WARNING_CODES];

function message(code: DiagnosticCode, lang: (typeof LANGS)[number]): string {
  return diagnosticMessage({ code, params: SAMPLES[code].params }, lang);
}

describe('diagnosticMessage', () => {
  it.each(ALL_CODES)('renders a non-empty English message for %s', (code) => {
    expect(message(code, 'en').trim().length).toBeGreaterThan(0);
  });

  it.each(ALL_CODES)('renders a non-empty Japanese message for %s', (code) => {
    expect(message(code, 'ja').trim().length).toBeGreaterThan(0);
  });

  it.each(ALL_CODES)('writes the Japanese message for %s in Japanese', (code) => {
    expect(message(code, 'ja')).toMatch(JAPANESE);
  });

  it.each(ALL_CODES)('writes different English and Japanese messages for %s', (code) => {
    expect(message(code, 'en')).not.toBe(message(code, 'ja'));
  });

  it.each(ALL_CODES.flatMap((code) => LANGS.map((lang) => [code, lang] as const)))(
    'shows the values it is given in the %s message (%s)',
    (code, lang) => {
      const text = message(code, lang);
      const missing = SAMPLES[code].shows.filter((value) => !text.includes(value));
      expect(missing).toEqual([]);
    },
  );

  it.each(ALL_CODES.flatMap((code) => LANGS.map((lang) => [code, lang] as const)))(
    'never prints undefined, NaN or an empty quotation in the %s message (%s)',
    (code, lang) => {
      expect(message(code, lang)).not.toMatch(/undefined|NaN|""|「」/);
    },
  );

  it.each(['xlsx', 'xls', 'no-header'])(
    'explains a not-a-hash-csv file refused for %s with its own text in both languages',
    (reason) => {
      const texts = LANGS.map((lang) =>
        diagnosticMessage({ code: 'not-a-hash-csv', params: { reason } }, lang),
      );
      expect(texts.filter((t) => /""|「」/.test(t))).toEqual([]);
    },
  );

  it('names the Excel format of an .xlsx file', () => {
    expect(diagnosticMessage({ code: 'not-a-hash-csv', params: { reason: 'xlsx' } }, 'en')).toContain(
      '.xlsx',
    );
  });

  it.each(LANGS)('explains why a hash is invalid with the failure’s own text (%s)', (lang) => {
    const text = diagnosticMessage(
      {
        code: 'hash-invalid',
        params: { serial: 'PF3ABCDE', reason: 'truncated', byteLength: 600, needed: 631 },
      },
      lang,
    );
    expect([text.includes('600'), text.includes('631')]).toEqual([true, true]);
  });

  it.each(LANGS)('names each way a serial was repaired instead of the code (%s)', (lang) => {
    const hows = ['case', 'leading-zeros', 'scientific-notation'];
    const texts = hows.map((how) =>
      diagnosticMessage({ code: 'serial-repaired', params: { from: 'a', serial: 'A', how } }, lang),
    );
    // The fallback shows the bare code in parentheses: `(case)`, `（case）`.
    expect(texts.filter((t, i) => new RegExp(`[(（]${hows[i]!}[)）]`).test(t))).toEqual([]);
  });

  it.each([
    'separator',
    'quote',
    'line-break',
    'control',
    'non-ascii',
    'intune-serial-dot',
    'serial-character',
    'formula-start',
  ])('says why a value is not writable (%s) instead of a generic text', (reason) => {
    const en = diagnosticMessage(
      {
        code: 'value-not-writable',
        params: { serial: 'S1', format: 'intune', field: 'serial', value: 'S1', reason },
      },
      'en',
    );
    expect(en).not.toContain('cannot be written.');
  });

  it.each(LANGS)('names the character of a serial that is refused, and what to do, in %s', (lang) => {
    const text = diagnosticMessage(
      {
        code: 'value-not-writable',
        params: {
          serial: 'AB;12',
          format: 'partner-center',
          field: 'serial',
          value: 'AB;12',
          reason: 'serial-character',
          character: ';',
        },
      },
      lang,
    );
    expect([text.includes(lang === 'ja' ? '「;」' : '";"'), text.includes('SMBIOS')]).toEqual([true, true]);
  });

  it('names the field of a value that is not writable in words, not as a property name', () => {
    const texts = LANGS.map((lang) =>
      diagnosticMessage(
        {
          code: 'value-not-writable',
          params: { serial: 'S1', format: 'intune', field: 'groupTag', value: 'テスト', reason: 'non-ascii' },
        },
        lang,
      ),
    );
    expect(texts.filter((t) => t.includes('groupTag'))).toEqual([]);
  });
});

describe('hash failure texts', () => {
  it('have a text for every HashFailure kind', () => {
    expect(Object.keys(HASH_FAILURE_TEXTS).sort()).toEqual(Object.keys(FAILURES).sort());
  });

  it.each(
    Object.entries(FAILURES).flatMap(([kind, params]) => LANGS.map((lang) => [kind, lang, params] as const)),
  )('explain %s in words in %s, not with the code', (kind, lang, params) => {
    const text = hashFailureText(kind, params, lang);
    expect([text.trim().length > 0, text === kind, /undefined|NaN/.test(text)]).toEqual([true, false, false]);
  });

  it.each(Object.keys(FAILURES))('explain %s in Japanese characters', (kind) => {
    expect(hashFailureText(kind, FAILURES[kind as HashFailureKind], 'ja')).toMatch(JAPANESE);
  });

  it('give the 1-based position of a character that is not base64', () => {
    expect(hashFailureText('not-base64', { position: 100, character: '!' }, 'en')).toContain('101');
  });

  it('fall back to the reason itself for a reason they do not know', () => {
    expect(hashFailureText('something-new', {}, 'en')).toBe('something-new');
  });
});
