import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvRecordReader, detectDelimiter } from '../../../../shared/csv/csv-records';
import type { CsvProblem, CsvRecord, Delimiter } from '../../../../shared/csv/csv-records';
import { splitAt } from '../../../support/text-bytes';

interface Read {
  readonly records: CsvRecord[];
  readonly problems: CsvProblem[];
  readonly delimiter: Delimiter | undefined;
}

function readChunks(chunks: readonly string[], delimiter?: Delimiter, maxLine?: number): Read {
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  const reader = new CsvRecordReader(
    { record: (r) => records.push(r), problem: (p) => problems.push(p) },
    delimiter,
    maxLine,
  );
  for (const chunk of chunks) reader.push(chunk);
  reader.end();
  return { records, problems, delimiter: reader.detectedDelimiter };
}

function read(text: string, delimiter?: Delimiter): Read {
  return readChunks([text], delimiter);
}

/** `[line, ...fields]` per record: compact to compare. */
function rows(result: Read): (string | number)[][] {
  return result.records.map((r) => [r.line, ...r.fields]);
}

describe('detectDelimiter', () => {
  it('picks a comma for the script’s header', () => {
    expect(detectDelimiter('Device Serial Number,Windows Product ID,Hardware Hash')).toBe(',');
  });

  it('picks a semicolon for a European Excel header', () => {
    expect(detectDelimiter('Device Serial Number;Windows Product ID;Hardware Hash')).toBe(';');
  });

  it('picks a tab for a tab-separated header', () => {
    expect(detectDelimiter('Device Serial Number\tWindows Product ID\tHardware Hash')).toBe('\t');
  });

  it('ignores separators inside quotes', () => {
    expect(detectDelimiter('"Serial, as shown";"Product ID";"Hardware Hash"')).toBe(';');
  });

  it('falls back to a comma for a single-column line', () => {
    expect(detectDelimiter('Hardware Hash')).toBe(',');
  });
});

describe('CsvRecordReader', () => {
  it('splits comma-separated records and reports the comma', () => {
    const result = read('a,b,c\n1,2,3\n');
    expect([result.delimiter, rows(result)]).toEqual([
      ',',
      [
        [1, 'a', 'b', 'c'],
        [2, '1', '2', '3'],
      ],
    ]);
  });

  it('splits semicolon-separated records, keeping commas inside fields', () => {
    const result = read('a;b;c\n1,5;2;3\n');
    expect([result.delimiter, rows(result)]).toEqual([
      ';',
      [
        [1, 'a', 'b', 'c'],
        [2, '1,5', '2', '3'],
      ],
    ]);
  });

  it('splits tab-separated records', () => {
    const result = read('a\tb\n1\t2\n');
    expect([result.delimiter, rows(result)]).toEqual([
      '\t',
      [
        [1, 'a', 'b'],
        [2, '1', '2'],
      ],
    ]);
  });

  it('uses the delimiter it is given instead of detecting one', () => {
    expect(rows(read('a;b,c\n', ','))).toEqual([[1, 'a;b', 'c']]);
  });

  it('keeps a comma inside a quoted field', () => {
    expect(rows(read('a,b\n"x,y",z\n'))).toEqual([
      [1, 'a', 'b'],
      [2, 'x,y', 'z'],
    ]);
  });

  it('turns a doubled quote inside a quoted field into one quote', () => {
    expect(rows(read('a,b\n"say ""hi""",z\n'))).toEqual([
      [1, 'a', 'b'],
      [2, 'say "hi"', 'z'],
    ]);
  });

  it('reads an empty quoted field as empty', () => {
    expect(rows(read('a,b,c\n"","",x\n'))).toEqual([
      [1, 'a', 'b', 'c'],
      [2, '', '', 'x'],
    ]);
  });

  it('tolerates spaces before an opening quote', () => {
    expect(rows(read('a,b\nx, "y,z"\n'))).toEqual([
      [1, 'a', 'b'],
      [2, 'x', 'y,z'],
    ]);
  });

  it('keeps text between a closing quote and the delimiter', () => {
    expect(rows(read('a,b\n"ab"cd,e\n'))).toEqual([
      [1, 'a', 'b'],
      [2, 'abcd', 'e'],
    ]);
  });

  it('reads a quoted field spanning lines as one record at the line where it starts', () => {
    const result = read('h1,h2\n"line one\nline two",x\n');
    expect(rows(result)).toEqual([
      [1, 'h1', 'h2'],
      [2, 'line one\nline two', 'x'],
    ]);
  });

  it('keeps the CRLF inside a quoted field that spans lines', () => {
    expect(read('h1,h2\r\n"one\r\ntwo",x\r\n').records[1]?.fields).toEqual(['one\r\ntwo', 'x']);
  });

  it('keeps counting physical lines after a record that spans lines', () => {
    const result = read('h1,h2\n"one\ntwo\nthree",x\nnext,y\nlast,z\n');
    expect(result.records.map((r) => r.line)).toEqual([1, 2, 5, 6]);
  });

  it.each([
    ['CRLF', '\r\n'],
    ['LF', '\n'],
    ['bare CR', '\r'],
  ])('ends lines at %s', (_name, eol) => {
    expect(rows(read(['a,b', '1,2', '3,4'].join(eol) + eol))).toEqual([
      [1, 'a', 'b'],
      [2, '1', '2'],
      [3, '3', '4'],
    ]);
  });

  it('counts lines right when CRLF, LF and bare CR are mixed in one file', () => {
    expect(read('a,b\r\n1,2\n3,4\r5,6\r\n').records.map((r) => r.line)).toEqual([1, 2, 3, 4]);
  });

  it('treats a CRLF split across two chunks as one line end', () => {
    expect(rows(readChunks(['a,b\r', '\n1,2\r\n']))).toEqual([
      [1, 'a', 'b'],
      [2, '1', '2'],
    ]);
  });

  it('ends a line at a bare CR that ends a chunk when the next chunk does not start with LF', () => {
    expect(rows(readChunks(['a,b\r', '1,2\r']))).toEqual([
      [1, 'a', 'b'],
      [2, '1', '2'],
    ]);
  });

  it('reads a last line that has no line end', () => {
    expect(rows(read('a,b\n1,2'))).toEqual([
      [1, 'a', 'b'],
      [2, '1', '2'],
    ]);
  });

  it('counts blank lines as lines', () => {
    expect(read('a,b\n\n\r\n1,2\n').records.map((r) => r.line)).toEqual([1, 2, 3, 4]);
  });

  it('reports blank lines before the header without letting them decide the delimiter', () => {
    const result = read('\n\na;b\n1;2\n');
    expect([result.delimiter, rows(result)]).toEqual([
      ';',
      [
        [1, ''],
        [2, ''],
        [3, 'a', 'b'],
        [4, '1', '2'],
      ],
    ]);
  });

  it('passes a #TYPE line through as one field and detects the delimiter from the header after it', () => {
    const result = read('#TYPE System.Management.Automation.PSCustomObject, x\n"a";"b"\n');
    expect([result.delimiter, rows(result)]).toEqual([
      ';',
      [
        [1, '#TYPE System.Management.Automation.PSCustomObject, x'],
        [2, 'a', 'b'],
      ],
    ]);
  });

  it('reports an unterminated quote with the line where it opens', () => {
    expect(read('h1,h2\nok,1\n"open,2\nmore\n').problems).toEqual([{ kind: 'unterminated-quote', line: 3 }]);
  });

  it('still delivers the records before an unterminated quote', () => {
    expect(rows(read('h1,h2\nok,1\n"open,2\nmore\n'))).toEqual([
      [1, 'h1', 'h2'],
      [2, 'ok', '1'],
    ]);
  });

  it('reads an empty input as no records and no problems', () => {
    expect(read('')).toEqual({ records: [], problems: [], delimiter: undefined });
  });

  it('gives identical records for a realistic file cut at every position', () => {
    const text =
      '#TYPE System.Management.Automation.PSCustomObject\r\n"Device Serial Number","Hardware Hash"\r\n' +
      '"PF3ABCDE","T0FBQQ=="\r\n"multi\r\nline","x""y"\n\r,,\r\nlast,"open';
    const whole = read(text);
    for (let i = 0; i <= text.length; i++) {
      expect(readChunks(splitAt(text, [i])), `cut at ${i}`).toEqual(whole);
    }
    expect(readChunks(text.split(''))).toEqual(whole);
  });

  it('gives identical records and problems however the text is chunked (property)', () => {
    const csvText = fc
      .array(fc.constantFrom('a', 'b', '1', ' ', ',', ';', '\t', '"', '""', '\r', '\n', '\r\n', '#', 'ü'), {
        maxLength: 60,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(csvText, fc.array(fc.nat({ max: 80 }), { maxLength: 8 }), (text, cuts) => {
        expect(readChunks(splitAt(text, cuts))).toEqual(read(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('CsvRecordReader on lines without quotes', () => {
  /** What the reader must give for quote-free lines: each line split at the separator of the header. */
  function reference(lines: readonly string[]): (string | number)[][] {
    const out: (string | number)[][] = [];
    let delimiter: Delimiter | undefined;
    lines.forEach((line, i) => {
      if (delimiter === undefined && (line.trim().length === 0 || line.startsWith('#'))) {
        out.push([i + 1, line]);
        return;
      }
      delimiter ??= detectDelimiter(line);
      out.push([i + 1, ...line.split(delimiter)]);
    });
    return out;
  }

  it('cuts each line into the fields a split at the separator gives, however it is chunked (property)', () => {
    const line = fc
      .array(fc.constantFrom('a', '1', ' ', ',', ';', '\t', 'ü', '#', ',,'), { maxLength: 12 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 10 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.array(fc.nat({ max: 120 }), { maxLength: 6 }),
        (lines, eol, cuts) => {
          const text = lines.join(eol);
          // A last empty line is the end of the one before it, not a line.
          const expected = reference(lines.at(-1) === '' ? lines.slice(0, -1) : lines);
          expect(rows(readChunks(splitAt(text, cuts)))).toEqual(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads a file without any separator as one field per line', () => {
    expect(rows(read('serial\nA\nB\n'))).toEqual([
      [1, 'serial'],
      [2, 'A'],
      [3, 'B'],
    ]);
  });

  it('reads quote-free lines after a quoted field that spans lines', () => {
    expect(rows(read('a,b\n"x\ny",1\nc,d\n'))).toEqual([
      [1, 'a', 'b'],
      [2, 'x\ny', '1'],
      [4, 'c', 'd'],
    ]);
  });
});

describe('CsvRecordReader with a stray quote', () => {
  it('reports the row whose quote never closes and still reads the rows after it', () => {
    const result = read('a,b,c\n1,2,"three\n4,5,6\n7,8,9\n');
    expect(result.problems).toEqual([{ kind: 'unterminated-quote', line: 2 }]);
    expect(rows(result)).toEqual([
      [1, 'a', 'b', 'c'],
      [3, '4', '5', '6'],
      [4, '7', '8', '9'],
    ]);
  });

  it('still reads the quoted rows Export-Csv writes after a stray quote', () => {
    const result = read('"a","b","c"\n"1","2","three\n"4","5","6"\n');
    expect(result.problems).toEqual([{ kind: 'unterminated-quote', line: 2 }]);
    expect(rows(result)).toEqual([
      [1, 'a', 'b', 'c'],
      [3, '4', '5', '6'],
    ]);
  });

  it('gives up on a field held open over more than eight lines and reads those lines as rows', () => {
    const tail = Array.from({ length: 10 }, (_, i) => `x${i}`).join('\n');
    const result = read(`a,b\n1,"open\n${tail}\n`);
    expect(result.problems).toEqual([{ kind: 'unterminated-quote', line: 2 }]);
    expect(result.records.map((r) => r.line)).toEqual([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });
});

describe('CsvRecordReader with an over-long line', () => {
  it('reports a line longer than the limit with its line number and reads the lines after it', () => {
    const result = readChunks(['a,b\n1,2\n', 'x'.repeat(30), '\n3,4\n'], undefined, 16);
    expect(result.problems).toEqual([{ kind: 'line-too-long', line: 3, limit: 16 }]);
    expect(rows(result)).toEqual([
      [1, 'a', 'b'],
      [2, '1', '2'],
      [4, '3', '4'],
    ]);
  });

  it('accepts a line exactly as long as the limit', () => {
    const result = readChunks(['a\n', 'y'.repeat(10), 'y'.repeat(6), '\n'], undefined, 16);
    expect(result.problems).toEqual([]);
    expect(rows(result)).toEqual([
      [1, 'a'],
      [2, 'y'.repeat(16)],
    ]);
  });

  it('reports a line that never ends once, however many chunks it comes in', () => {
    const chunks = Array.from({ length: 1000 }, () => 'z'.repeat(100));
    const result = readChunks(chunks, undefined, 1024);
    expect(result.problems).toEqual([{ kind: 'line-too-long', line: 1, limit: 1024 }]);
    expect(result.records).toEqual([]);
  });

  it('keeps a too-long line from joining a quoted field left open above it', () => {
    const result = readChunks(['a,b\n1,"open\n', 'q'.repeat(40), '\n5,6\n'], undefined, 16);
    expect(result.problems).toEqual([
      { kind: 'unterminated-quote', line: 2 },
      { kind: 'line-too-long', line: 3, limit: 16 },
    ]);
    expect(rows(result)).toEqual([
      [1, 'a', 'b'],
      [4, '5', '6'],
    ]);
  });

  it('gives identical records and problems however text with long lines is chunked (property)', () => {
    const csvText = fc
      .array(fc.constantFrom('a', ',', '"', '\r', '\n', '\r\n', 'long-piece-of-text'), { maxLength: 40 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(csvText, fc.array(fc.nat({ max: 200 }), { maxLength: 8 }), (text, cuts) => {
        expect(readChunks(splitAt(text, cuts), undefined, 24)).toEqual(readChunks([text], undefined, 24));
      }),
      { numRuns: 2000 },
    );
  });
});
