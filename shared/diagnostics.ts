/**
 * What reading and merging report about rows and files. Codes are stable kebab-case words: scripts and the
 * UI key on them (README lists them); the human message is rendered from `params` in the user's language.
 */

/** Reasons a row or a whole file is not merged. */
export const REJECTION_CODES = [
  'hash-invalid',
  'hash-missing',
  'serial-placeholder',
  'serial-mismatch',
  'serial-missing',
  'corporate-identifier-list',
  'not-a-hash-csv',
  'unreadable-file',
  'file-empty',
  'csv-unterminated-quote',
  'csv-extra-fields',
  'csv-line-too-long',
  'group-tag-custom',
  'group-tag-near-miss',
  'group-tag-invalid',
  'value-not-writable',
] as const;

/** Things done to a row (repairs, corrections) or noticed about it, that the user should know. */
export const WARNING_CODES = [
  'serial-repaired',
  'serial-from-hash',
  'serial-risky-characters',
  'hash-repadded',
  'header-missing',
  'columns-ignored',
  'manufacturer-from-hash',
  'model-from-hash',
  'product-id-repaired',
  'product-id-dropped',
  'group-tag-corrected',
  'group-tag-replaced',
  'group-tag-not-carried',
  'duplicate-differs',
  'text-undecodable',
] as const;

export type RejectionCode = (typeof REJECTION_CODES)[number];
export type WarningCode = (typeof WARNING_CODES)[number];
export type DiagnosticCode = RejectionCode | WarningCode;

export type DiagnosticParams = Readonly<Record<string, string | number | undefined>>;

export interface Diagnostic<C extends DiagnosticCode = DiagnosticCode> {
  readonly file: string;
  /** 1-based physical line in the input file; 0 for a whole-file problem. */
  readonly line: number;
  readonly code: C;
  readonly params: DiagnosticParams;
}

export type Rejection = Diagnostic<RejectionCode>;
export type Warning = Diagnostic<WarningCode>;

export interface SourceRef {
  readonly file: string;
  readonly line: number;
}
