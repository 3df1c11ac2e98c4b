/**
 * Which rows of a checked file the table shows, a page at a time: a file of 11,000 devices shows the rows
 * that need a look first and renders at most one page, so the window stays responsive.
 */
import type { ImportRow } from '../../../shared/api/harvester-api';
import { isTagProblem } from '../../components/tag-status';

/** Rows rendered at once. */
export const ROWS_PER_PAGE = 100;

/**
 * A row the technician should look at before saving: left out, repaired, replacing a device's hardware, or
 * carrying a mistyped, custom or unusable group tag.
 */
export function needsAttention(row: ImportRow): boolean {
  if (row.kind === 'rejected' || row.kind === 'replaced') return true;
  return row.warnings.length > 0 || isTagProblem(row.tagStatus);
}

/** Files that fit on one page show every row; longer ones start with the rows that need a look. */
export function showsAllRowsAtFirst(rows: readonly ImportRow[]): boolean {
  return rows.length <= ROWS_PER_PAGE;
}

export interface RowPage {
  readonly rows: readonly ImportRow[];
  /** 0-based page, clamped to the pages there are. */
  readonly page: number;
  readonly pageCount: number;
  /** 1-based positions of the first and last row shown in `total`; `from` is 0 when nothing is shown. */
  readonly from: number;
  readonly to: number;
  readonly total: number;
}

/** One page of the rows the filter keeps. */
export function rowPage(all: readonly ImportRow[], showAll: boolean, page: number): RowPage {
  const kept = showAll ? all : all.filter(needsAttention);
  const pageCount = Math.max(1, Math.ceil(kept.length / ROWS_PER_PAGE));
  const clamped = Math.min(Math.max(0, page), pageCount - 1);
  const start = clamped * ROWS_PER_PAGE;
  const rows = kept.slice(start, start + ROWS_PER_PAGE);
  return {
    rows,
    page: clamped,
    pageCount,
    from: rows.length === 0 ? 0 : start + 1,
    to: start + rows.length,
    total: kept.length,
  };
}
