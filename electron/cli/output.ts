/** Small helpers for the CLI's human output: aligned columns, file:line locations, JSON. */
import { escapeControls, escapeJsonControls } from '../../shared/control-characters';
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

/**
 * Rows of cells as aligned lines, indented by two spaces; the last cell is never padded. Control characters
 * in a cell (a CSV field holding an escape sequence) are shown escaped. Loops, not `Math.max(...rows)`:
 * spreading 150,000 rows into arguments overflows the stack.
 */
export function table(rows: readonly (readonly string[])[]): string {
  return [...tableLines(rows)].join('\n');
}

/** The lines of `table`, one at a time, for output written in pieces. */
export function* tableLines(rows: readonly (readonly string[])[]): Generator<string> {
  const widths: number[] = [];
  for (const row of rows) {
    for (let c = 0; c < row.length - 1; c++) {
      const width = displayWidth(escapeControls(row[c] ?? ''));
      if (width > (widths[c] ?? 0)) widths[c] = width;
    }
  }
  for (const row of rows) {
    yield (
      '  ' +
      row
        .map((cell, c) => {
          const shown = escapeControls(cell);
          return c < row.length - 1 ? pad(shown, widths[c] ?? 0) : shown;
        })
        .join('  ')
    );
  }
}

/** Writes text pieces to `write` in batches of about 64 KiB, so no output is ever built as one string. */
export function writeInPieces(write: (text: string) => void, pieces: Iterable<string>): void {
  let batch: string[] = [];
  let size = 0;
  for (const piece of pieces) {
    batch.push(piece);
    size += piece.length;
    if (size >= 1 << 16) {
      write(batch.join(''));
      batch = [];
      size = 0;
    }
  }
  if (size > 0) write(batch.join(''));
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

/** `value` as indented JSON, with C1 and bidi controls escaped too (see `escapeJsonControls`). */
export function json(value: unknown): string {
  return escapeJsonControls(JSON.stringify(value, null, 2)) + '\n';
}

/**
 * The text of `json(value)` in pieces: an object's array fields element by element, so a report of
 * millions of rows never becomes one string (V8 caps a string at about 512 MiB, and JSON.stringify fails
 * well before on a large report). The same characters as `json(value)`.
 */
export function* jsonPieces(value: Readonly<Record<string, unknown>>): Generator<string> {
  const keys = Object.keys(value).filter((k) => value[k] !== undefined);
  if (keys.length === 0) {
    yield '{}\n';
    return;
  }
  yield '{\n';
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    const field = value[key];
    const end = k < keys.length - 1 ? ',\n' : '\n';
    if (Array.isArray(field) && field.length > 0) {
      yield `  ${JSON.stringify(key)}: [\n`;
      for (let i = 0; i < field.length; i++) {
        yield '    ' + indent(escapeJsonControls(JSON.stringify(field[i], null, 2) ?? 'null'), '    ');
        yield i < field.length - 1 ? ',\n' : '\n';
      }
      yield `  ]${end}`;
    } else {
      yield `  ${JSON.stringify(key)}: ${indent(escapeJsonControls(JSON.stringify(field, null, 2)), '  ')}${end}`;
    }
  }
  yield '}\n';
}

function indent(text: string, by: string): string {
  return text.includes('\n') ? text.replace(/\n/g, `\n${by}`) : text;
}
