import { describe, expect, it } from 'vitest';
import { DiagnosticLimit } from '../../../shared/diagnostic-limit';
import type { Rejection, Warning } from '../../../shared/diagnostics';

const rejection = (file: string, line: number): Rejection => ({
  file,
  line,
  code: 'hash-missing',
  params: {},
});
const warning = (file: string, line: number): Warning => ({
  file,
  line,
  code: 'serial-from-hash',
  params: {},
});

describe('DiagnosticLimit', () => {
  it('keeps the first diagnostics of each file and counts the rest', () => {
    const limit = new DiagnosticLimit(2);
    const kept = [1, 2, 3, 4].map((line) => limit.keepRejection(rejection('a.csv', line)));
    expect(kept).toEqual([true, true, false, false]);
    expect(limit.keepRejection(rejection('b.csv', 1))).toBe(true);
    expect(limit.omitted).toEqual([{ file: 'a.csv', rejected: 2, warnings: 0 }]);
  });

  it('says whether a diagnostic would be kept without counting it', () => {
    const limit = new DiagnosticLimit(1);
    expect(limit.wouldKeep('a.csv', 'rejection')).toBe(true);
    expect(limit.wouldKeep('a.csv', 'rejection')).toBe(true);
    expect(limit.keepRejection(rejection('a.csv', 1))).toBe(true);
    expect(limit.wouldKeep('a.csv', 'rejection')).toBe(false);
    expect(limit.wouldKeep('a.csv', 'warning')).toBe(true);
    expect(limit.wouldKeep('b.csv', 'rejection')).toBe(true);
    expect(limit.omitted).toEqual([]);
  });

  it('counts omitted diagnostics of each kind and file with the ones it dropped itself', () => {
    const limit = new DiagnosticLimit(1);
    limit.keepRejection(rejection('a.csv', 1));
    limit.keepWarning(warning('a.csv', 1));
    limit.omit('a.csv', 'rejection');
    limit.omit('a.csv', 'rejection');
    limit.keepRejection(rejection('a.csv', 4));
    limit.keepWarning(warning('a.csv', 5));
    limit.keepWarning(warning('b.csv', 1));
    limit.omit('b.csv', 'warning');
    expect(limit.omitted).toEqual([
      { file: 'a.csv', rejected: 3, warnings: 1 },
      { file: 'b.csv', rejected: 0, warnings: 1 },
    ]);
  });

  it('keeps counting each file apart when files alternate', () => {
    const limit = new DiagnosticLimit(1);
    const kept = ['a', 'b', 'a', 'b', 'a'].map((f, i) => limit.keepRejection(rejection(`${f}.csv`, i)));
    expect(kept).toEqual([true, true, false, false, false]);
    expect(limit.omitted).toEqual([
      { file: 'a.csv', rejected: 2, warnings: 0 },
      { file: 'b.csv', rejected: 1, warnings: 0 },
    ]);
  });
});
