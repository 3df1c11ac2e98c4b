import { describe, expect, it } from 'vitest';
import {
  ROWS_PER_PAGE,
  needsAttention,
  rowPage,
  showsAllRowsAtFirst,
} from '../../../../../renderer/screens/import/row-view';
import { addedRow, duplicateInLedgerRow, rejectedRow, repairedRow, replacedRow } from './import-answers';

describe('needsAttention', () => {
  it('picks rejected, repaired and replacing rows, not plain new or duplicate ones', () => {
    expect(needsAttention(rejectedRow(2, null, 'No hash'))).toBe(true);
    expect(needsAttention(repairedRow('a.csv', 3, 'X1'))).toBe(true);
    expect(needsAttention(replacedRow(4, 'X2'))).toBe(true);
    expect(needsAttention(addedRow(5, 'X3'))).toBe(false);
    expect(needsAttention(duplicateInLedgerRow(6, 'X4'))).toBe(false);
  });
});

describe('rowPage', () => {
  const many = Array.from({ length: 250 }, (_, i) =>
    i % 50 === 0 ? rejectedRow(i + 2, null, 'No hash') : addedRow(i + 2, `S${i}`),
  );

  it('shows one page of every row at a time', () => {
    const page = rowPage(many, true, 1);
    expect(page.rows).toHaveLength(ROWS_PER_PAGE);
    expect(page.rows[0]?.line).toBe(ROWS_PER_PAGE + 2);
    expect(page).toMatchObject({ page: 1, pageCount: 3, from: 101, to: 200, total: 250 });
  });

  it('keeps only the rows that need attention when not showing all', () => {
    const page = rowPage(many, false, 0);
    expect(page.rows.map((row) => row.kind)).toEqual(Array(5).fill('rejected'));
    expect(page).toMatchObject({ pageCount: 1, total: 5 });
  });

  it('clamps a page past the end to the last page', () => {
    expect(rowPage(many, true, 9)).toMatchObject({ page: 2, from: 201, to: 250 });
  });

  it('says nothing is shown when no row is kept', () => {
    expect(rowPage([addedRow(2, 'A')], false, 0)).toMatchObject({ rows: [], from: 0, to: 0, total: 0 });
  });
});

describe('showsAllRowsAtFirst', () => {
  it('shows every row of a file that fits on one page, and only problems of a longer one', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => addedRow(i + 2, `S${i}`));
    expect(showsAllRowsAtFirst(rows(ROWS_PER_PAGE))).toBe(true);
    expect(showsAllRowsAtFirst(rows(ROWS_PER_PAGE + 1))).toBe(false);
  });
});
