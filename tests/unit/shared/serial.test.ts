import { describe, expect, it } from 'vitest';
import {
  compareSerial,
  isPlaceholderSerial,
  matchesScientific,
  riskySerialCharacters,
} from '../../../shared/serial';

describe('isPlaceholderSerial', () => {
  it.each([
    'To be filled by O.E.M.',
    'To Be Filled By O.E.M.',
    'TO BE FILLED BY OEM',
    'to be filled by o.e.m',
    '  To  be   filled by O.E.M.  ',
    'Default string',
    'DEFAULT STRING',
    'Default\tString',
    'System Serial Number',
    'system serial number',
    'Chassis Serial Number',
    'None',
    'N/A',
    '0',
    '00',
    '000',
    '00000000',
    'FFFFFFFF',
    'ffffffff',
    'xxxxxxxx',
    '1234567890',
  ])('flags the firmware placeholder %j', (serial) => {
    expect(isPlaceholderSerial(serial)).toBe(true);
  });

  it.each(['5CG1457YL8', 'PF3ABCDE', '0123ABC', 'AB12', 'R9', '123456789012', '0012345', 'MXL1234567'])(
    'does not flag the real serial %j',
    (serial) => {
      expect(isPlaceholderSerial(serial)).toBe(false);
    },
  );

  it('does not call an empty serial a placeholder (an empty serial is a missing one)', () => {
    expect(isPlaceholderSerial('')).toBe(false);
    expect(isPlaceholderSerial('   ')).toBe(false);
  });
});

describe('compareSerial', () => {
  it('calls identical serials the same', () => {
    expect(compareSerial('PF3ABCDE', 'PF3ABCDE')).toEqual({ kind: 'same' });
  });

  it('ignores spaces around either serial', () => {
    expect(compareSerial(' PF3ABCDE ', 'PF3ABCDE  ')).toEqual({ kind: 'same' });
  });

  it('repairs a serial whose letter case was changed', () => {
    expect(compareSerial('pf3abcde', 'PF3ABCDE')).toEqual({ kind: 'repaired', how: 'case' });
  });

  it('repairs a digit serial whose leading zeros Excel removed', () => {
    expect(compareSerial('12345', '0012345')).toEqual({ kind: 'repaired', how: 'leading-zeros' });
  });

  it('repairs a 12-digit serial Excel turned into 1.23457E+11', () => {
    expect(compareSerial('1.23457E+11', '123456789012')).toEqual({
      kind: 'repaired',
      how: 'scientific-notation',
    });
  });

  it('repairs scientific notation that Excel rounded up (123456789999 shows as 1.23457E+11)', () => {
    expect(compareSerial('1.23457E+11', '123456789999')).toEqual({
      kind: 'repaired',
      how: 'scientific-notation',
    });
  });

  it('repairs scientific notation whose rounding carried into a new digit (999999999999 shows as 1E+12)', () => {
    expect(compareSerial('1E+12', '999999999999')).toEqual({ kind: 'repaired', how: 'scientific-notation' });
  });

  it('repairs scientific notation written with a decimal comma by a European Excel (1,23457E+11)', () => {
    expect(compareSerial('1,23457E+11', '123456789012')).toEqual({
      kind: 'repaired',
      how: 'scientific-notation',
    });
  });

  it('repairs scientific notation with a lower-case e', () => {
    expect(compareSerial('1.23457e+11', '123456789012')).toEqual({
      kind: 'repaired',
      how: 'scientific-notation',
    });
  });

  it('does not repair scientific notation that another serial explains (1.23457E+11 vs 123999999999)', () => {
    expect(compareSerial('1.23457E+11', '123999999999')).toEqual({ kind: 'mismatch' });
  });

  it('does not repair scientific notation whose exponent is off by one', () => {
    expect(compareSerial('1.23457E+10', '123456789012')).toEqual({ kind: 'mismatch' });
  });

  it('calls serials that differ in one letter a mismatch', () => {
    expect(compareSerial('ABC', 'ABD')).toEqual({ kind: 'mismatch' });
  });

  it('calls digit serials that differ a mismatch', () => {
    expect(compareSerial('12345', '12346')).toEqual({ kind: 'mismatch' });
  });

  it('does not explain a different digit serial as lost leading zeros', () => {
    expect(compareSerial('2345', '0012345')).toEqual({ kind: 'mismatch' });
  });

  it('does not explain a CSV serial with more leading zeros than the hash as lost zeros', () => {
    expect(compareSerial('0012345', '12345')).toEqual({ kind: 'mismatch' });
  });

  it('does not apply digit repairs to a serial that has letters', () => {
    expect(compareSerial('12345', 'A012345')).toEqual({ kind: 'mismatch' });
  });
});

describe('matchesScientific', () => {
  it('accepts the shorter display of a narrow column (1.2346E+11 for 123456789012)', () => {
    expect(matchesScientific('1.2346E+11', '123456789012')).toBe(true);
  });

  it('accepts a display whose trailing zeros Excel dropped (1.2E+11 for 120000000000)', () => {
    expect(matchesScientific('1.2E+11', '120000000000')).toBe(true);
  });

  it('accepts explicit trailing zeros when the digits really round to them (1.20000E+11 for 120000000000)', () => {
    expect(matchesScientific('1.20000E+11', '120000000000')).toBe(true);
  });

  it('refuses a display whose shown trailing zeros fix a precision the digits do not round to (1.00000E+11 for 123456789012)', () => {
    // Six digits are shown, so the value rounded to six digits must be 100000; 123456789012 shows as 1.23457E+11.
    expect(matchesScientific('1.00000E+11', '123456789012')).toBe(false);
  });

  it('refuses text that is not scientific notation', () => {
    expect(matchesScientific('123456789012', '123456789012')).toBe(false);
    expect(matchesScientific('1.2.3E+11', '123456789012')).toBe(false);
  });

  it('refuses digits that are all zeros', () => {
    expect(matchesScientific('0E+00', '0000')).toBe(false);
  });
});

describe('riskySerialCharacters', () => {
  it('finds nothing in a serial of letters, digits, dashes, underscores, slashes and spaces', () => {
    expect(riskySerialCharacters('AB-12_C/D E')).toEqual([]);
  });

  it('flags a dot, which failed a whole Intune upload', () => {
    expect(riskySerialCharacters('PF3.ABC')).toEqual(['.']);
  });

  it('flags a comma', () => {
    expect(riskySerialCharacters('PF3,ABC')).toEqual([',']);
  });

  it('flags non-ASCII characters, full-width ones included', () => {
    expect(riskySerialCharacters('PF3é＃')).toEqual(['é', '＃']);
  });

  it('lists each risky character once however often it occurs', () => {
    expect(riskySerialCharacters('A.B.C.D')).toEqual(['.']);
  });
});

describe('compareSerial on serials longer than Excel keeps', () => {
  it('repairs a long digit serial whose digits after the fifteenth Excel rounded to zeros', () => {
    expect(compareSerial('123456789012346000', '123456789012345678')).toEqual({
      kind: 'repaired',
      how: 'precision-lost',
    });
  });

  it('repairs a long digit serial whose digits after the fifteenth were cut to zeros', () => {
    expect(compareSerial('123456789012345000', '123456789012345678')).toEqual({
      kind: 'repaired',
      how: 'precision-lost',
    });
  });

  it('does not repair zeros that the real serial does not explain', () => {
    expect(compareSerial('123456789012999000', '123456789012345678')).toEqual({ kind: 'mismatch' });
  });

  it('does not treat a serial of fifteen digits or fewer as cut', () => {
    expect(compareSerial('123456789012000', '123456789012345')).toEqual({ kind: 'mismatch' });
  });
});
