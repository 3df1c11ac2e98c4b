/**
 * Serial numbers as they arrive in CSVs: placeholders firmware ships with, and the damage Excel does.
 */

/** Texts OEM firmware leaves in the SMBIOS serial when nobody set it; Autopilot cannot tell such devices apart. */
const PLACEHOLDERS = new Set(
  [
    'to be filled by o.e.m.',
    'to be filled by oem',
    'to be filled by o.e.m',
    'default string',
    'system serial number',
    'chassis serial number',
    'base board serial number',
    'serial number',
    'serialnumber',
    'system serial',
    'none',
    'n/a',
    'na',
    'not applicable',
    'not specified',
    'not available',
    'unknown',
    'invalid',
    'default',
    'empty',
    'oem',
    'o.e.m.',
    '0123456789',
    '123456789',
    '1234567890',
    '12345678',
  ].map((s) => s.replace(/\s+/g, ' ')),
);

/** True for serials that identify nothing: known OEM placeholders and runs of one repeated character. */
export function isPlaceholderSerial(serial: string): boolean {
  const s = serial.trim().toLowerCase().replace(/\s+/g, ' ');
  if (s.length === 0) return false;
  if (PLACEHOLDERS.has(s)) return true;
  // "0", "00", "00000000", "FFFFFFFF", "xxxxxxxx": one character repeated is never a real serial.
  return /^(.)\1*$/.test(s);
}

export type SerialRepair = 'case' | 'leading-zeros' | 'scientific-notation' | 'precision-lost';

export type SerialComparison =
  | { readonly kind: 'same' }
  | { readonly kind: 'repaired'; readonly how: SerialRepair }
  | { readonly kind: 'mismatch' };

/**
 * Compares the serial a CSV carries with the one the hash proves. Excel turns long digit serials into
 * `1.23457E+11` and drops leading zeros; those are repaired only when the hash's serial explains the damage
 * exactly, so a real mismatch (a hash pasted into the wrong row) is still caught.
 */
export function compareSerial(csvSerial: string, hashSerial: string): SerialComparison {
  const csv = csvSerial.trim();
  const real = hashSerial.trim();
  if (csv === real) return { kind: 'same' };
  if (csv.toLowerCase() === real.toLowerCase()) return { kind: 'repaired', how: 'case' };
  if (/^\d+$/.test(real)) {
    if (/^\d+$/.test(csv) && real.length > csv.length && stripZeros(real) === stripZeros(csv)) {
      return { kind: 'repaired', how: 'leading-zeros' };
    }
    if (matchesScientific(csv, real)) return { kind: 'repaired', how: 'scientific-notation' };
    if (/^\d+$/.test(csv) && matchesLostPrecision(stripZeros(csv), stripZeros(real))) {
      return { kind: 'repaired', how: 'precision-lost' };
    }
  }
  return { kind: 'mismatch' };
}

/**
 * True when `shown` is how Excel displays the digit string `digits` in scientific notation
 * (`1.23457E+11` for `123456789012`), compared digit by digit so no precision is lost.
 */
export function matchesScientific(shown: string, digits: string): boolean {
  const m = /^\+?(\d)(?:[.,](\d+))?[eE]\+?(\d+)$/.exec(shown.trim());
  if (!m) return false;
  const significant = stripZeros(digits);
  if (significant.length === 0) return false;
  const shownDigits = `${m[1]}${m[2] ?? ''}`;
  const mantissa = stripTrailingZeros(shownDigits);
  const exponent = Number(m[3]);
  // Excel's General format shows as many digits as fit, never trailing zeros; a display with trailing zeros
  // (a fixed `0.00000E+00` format) says exactly how many digits were kept.
  const fixed = shownDigits.length > 1 && shownDigits.endsWith('0');
  const from = fixed ? shownDigits.length : Math.max(1, mantissa.length);
  const to = fixed ? shownDigits.length : 15;
  for (let precision = from; precision <= to; precision++) {
    const rounded = roundDigits(significant, precision);
    const carried = rounded.length > precision;
    if (exponent !== significant.length - 1 + (carried ? 1 : 0)) continue;
    if (stripTrailingZeros(rounded) === mantissa) return true;
  }
  return false;
}

/**
 * Excel keeps 15 significant digits: a longer digit serial comes back with the rest as zeros
 * (`123456789012346000` for `123456789012345678`), rounded or cut off.
 */
function matchesLostPrecision(shown: string, digits: string): boolean {
  if (digits.length <= 15 || shown.length !== digits.length) return false;
  const zeros = '0'.repeat(digits.length - 15);
  const rounded = roundDigits(digits, 15);
  return (
    shown === digits.slice(0, 15) + zeros ||
    (rounded.length === 15 && shown === rounded + zeros) ||
    (rounded.length === 16 && shown === rounded + zeros.slice(1))
  );
}

function stripZeros(s: string): string {
  return s.replace(/^0+/, '');
}

function stripTrailingZeros(s: string): string {
  return s.replace(/0+$/, '');
}

/** Rounds a digit string half-up to `count` significant digits (carry may lengthen it by one). */
function roundDigits(digits: string, count: number): string {
  if (digits.length <= count) return digits;
  const kept = digits.slice(0, count).split('').map(Number);
  if (Number(digits[count]) >= 5) {
    let i = kept.length - 1;
    while (i >= 0) {
      if (kept[i]! < 9) {
        kept[i]! += 1;
        break;
      }
      kept[i] = 0;
      i--;
    }
    if (i < 0) kept.unshift(1);
  }
  return kept.join('');
}

const SAFE_SERIAL = /^[A-Za-z0-9\-_/ ]*$/;

/** Characters that make an importer fail (a dot in a serial failed a whole Intune upload, IntuneDocs #1190). */
export function riskySerialCharacters(serial: string): readonly string[] {
  if (SAFE_SERIAL.test(serial)) return [];
  const found = new Set<string>();
  for (const ch of serial) {
    if (!/[A-Za-z0-9\-_/ ]/.test(ch)) found.add(ch);
  }
  return [...found];
}
