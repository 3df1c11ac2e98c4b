/** Small helpers for the CLI's human output: aligned columns, file:line locations, JSON. */
import type { Diagnostic } from '../../shared/diagnostics';
import type { SourceRef } from '../../shared/diagnostics';
import { diagnosticMessage } from '../../shared/i18n/diagnostic-messages';
import type { Lang } from '../../shared/i18n/lang';

export function location(source: SourceRef): string {
  return source.line > 0 ? `${source.file}:${source.line}` : source.file;
}

/** Display width: East Asian wide characters take two terminal columns. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    width += isWide(code) ? 2 : 1;
  }
  return width;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6)
  );
}

export function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Rows of cells as aligned lines, indented by two spaces; the last cell is never padded. */
export function table(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '';
  const columns = Math.max(...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, c) =>
    Math.max(...rows.map((r) => (c < r.length - 1 ? displayWidth(r[c] ?? '') : 0))),
  );
  return rows
    .map((row) => '  ' + row.map((cell, c) => (c < row.length - 1 ? pad(cell, widths[c]!) : cell)).join('  '))
    .join('\n');
}

export interface JsonDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly code: string;
  readonly message: string;
}

export function jsonDiagnostic(d: Diagnostic, lang: Lang): JsonDiagnostic {
  return { file: d.file, line: d.line, code: d.code, message: diagnosticMessage(d, lang) };
}

export function diagnosticRows(list: readonly Diagnostic[], lang: Lang): string[][] {
  return list.map((d) => [location(d), d.code, diagnosticMessage(d, lang)]);
}

export function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
