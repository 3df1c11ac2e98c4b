import { describe, expect, it } from 'vitest';
import {
  displayWidth,
  json,
  jsonPieces,
  location,
  table,
  writeInPieces,
} from '../../../../electron/cli/output';

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

  it('aligns 150,000 rows (more than a function call can take as arguments)', () => {
    const rows = Array.from({ length: 150_000 }, (_, i) => [`bad.csv:${i + 2}`, 'hash-invalid', 'x']);
    const lines = table(rows).split('\n');
    expect(lines).toHaveLength(150_000);
    expect(lines[0]).toBe('  bad.csv:2       hash-invalid  x');
    expect(lines[149_999]).toBe('  bad.csv:150001  hash-invalid  x');
  });

  it('shows an escape sequence, a CR and a bidi override in a cell escaped, aligned by what is shown', () => {
    expect(table([['\u001b[2J', 'a\rb', 'PF3\u202eEDCBA']])).toBe('  \\x1B[2J  a\\x0Db  PF3\\u202EEDCBA');
  });
});

describe('location', () => {
  it('writes file:line, or the file alone for a whole-file problem', () => {
    expect(location({ file: 'a.csv', line: 3 })).toBe('a.csv:3');
    expect(location({ file: 'a.csv', line: 0 })).toBe('a.csv');
  });
});

describe('jsonPieces', () => {
  const report = {
    devices: [
      { serial: 'A', sources: [{ file: 'a.csv', line: 2 }] },
      { serial: 'B', sources: [] },
    ],
    duplicates: [],
    rejected: [{ file: 'a.csv', line: 3, code: 'hash-invalid', message: 'bad \u202e \u009b' }],
    error: { file: 'x', kind: 'io' },
  };

  it('gives exactly the text of json() in pieces', () => {
    expect([...jsonPieces(report)].join('')).toBe(json(report));
  });

  it('gives the same JSON value with C1 and bidi controls escaped as \\u', () => {
    const text = json(report);
    expect(text).not.toMatch(/[\u0080-\u009f\u202e]/);
    expect(text).toContain('\\u202e');
    expect(JSON.parse(text)).toEqual(report);
  });

  it('writes two million rows in pieces, none larger than a batch and a row', () => {
    const rows = Array.from({ length: 2_000_000 }, (_, i) => ({
      file: 'f.csv',
      line: i + 2,
      code: 'hash-invalid',
    }));
    let pieces = 0;
    let largest = 0;
    let total = 0;
    writeInPieces(
      (text) => {
        pieces++;
        largest = Math.max(largest, text.length);
        total += text.length;
      },
      jsonPieces({ rejected: rows }),
    );
    expect(pieces).toBeGreaterThan(1000);
    expect(largest).toBeLessThan((1 << 16) + 200);
    expect(total).toBeGreaterThan(2_000_000 * 60);
  });
});
