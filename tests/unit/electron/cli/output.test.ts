import { describe, expect, it } from 'vitest';
import { displayWidth, location, table } from '../../../../electron/cli/output';

describe('displayWidth', () => {
  it('counts Japanese characters as two terminal columns', () => {
    expect(displayWidth('除外した行')).toBe(10);
    expect(displayWidth('abc')).toBe(3);
  });
});

describe('table', () => {
  it('aligns every column but the last, with Japanese text taking two columns a character', () => {
    expect(
      table([
        ['a.csv:2', 'serial-placeholder', 'one'],
        ['長い.csv:10', 'hash-invalid', 'two'],
      ]),
    ).toBe('  a.csv:2      serial-placeholder  one\n  長い.csv:10  hash-invalid        two');
  });

  it('prints nothing for no rows', () => {
    expect(table([])).toBe('');
  });
});

describe('location', () => {
  it('writes file:line, or the file alone for a whole-file problem', () => {
    expect(location({ file: 'a.csv', line: 3 })).toBe('a.csv:3');
    expect(location({ file: 'a.csv', line: 0 })).toBe('a.csv');
  });
});
