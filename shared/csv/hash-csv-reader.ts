/**
 * Reads a hardware-hash CSV of any form technicians bring (BRIEF §4) into verified device rows, one
 * diagnostic per problem with file and line. One bad row never stops the others.
 */
import type { DeviceRow } from '../device';
import { detach } from '../device';
import type { DiagnosticGate } from '../diagnostic-limit';
import type { DiagnosticParams, Rejection, RejectionCode, Warning, WarningCode } from '../diagnostics';
import type { HashDecodeResult, HashFailure, HashPlatform } from '../hardware-hash';
import { decodeHardwareHash, failureDetails, registrationBlocker } from '../hardware-hash';
import { compareSerial, isPlaceholderSerial, matchesScientific, riskySerialCharacters } from '../serial';
import type { CsvProblem, CsvRecord } from './csv-records';
import { CsvRecordReader } from './csv-records';
import { SIGNATURE_LENGTH, StreamingTextDecoder, fileSignature } from './text-decoding';

export interface HashCsvSink {
  device(row: DeviceRow): void;
  rejected(rejection: Rejection): void;
  warning(warning: Warning): void;
  /** Every row's hash as decoded, before any other check (for `inspect`, which shows unsound hashes too). */
  hash?(line: number, result: HashDecodeResult): void;
  /**
   * Asked before a row's rejection or warning is built: one it says would not be kept is only counted
   * there (`rejected`/`warning` are not called for it), so rows past a per-file cap stay cheap.
   */
  readonly gate?: DiagnosticGate;
}

export type Column = 'serial' | 'productId' | 'hash' | 'groupTag' | 'assignedUser' | 'manufacturer' | 'model';

/** Header names seen in the wild, compared lower-case with spaces, dashes and underscores removed. */
const HEADER_ALIASES: Readonly<Record<string, Column>> = {
  deviceserialnumber: 'serial',
  serialnumber: 'serial',
  serial: 'serial',
  serialno: 'serial',
  windowsproductid: 'productId',
  productid: 'productId',
  productkeyid: 'productId',
  pkid: 'productId',
  hardwarehash: 'hash',
  hash: 'hash',
  hardwareidentifier: 'hash',
  devicehardwaredata: 'hash',
  grouptag: 'groupTag',
  assigneduser: 'assignedUser',
  assigneduserprincipalname: 'assignedUser',
  manufacturername: 'manufacturer',
  manufacturer: 'manufacturer',
  oemmanufacturername: 'manufacturer',
  devicemodel: 'model',
  model: 'model',
  modelname: 'model',
};

/** The script's column order, assumed when a file has rows but lost its header line. */
const SCRIPT_COLUMNS: readonly (Column | undefined)[] = [
  'serial',
  'productId',
  'hash',
  'groupTag',
  'assignedUser',
];

type ColumnMap = Partial<Record<Column, number>>;

type State =
  | { readonly kind: 'header' }
  | { readonly kind: 'rows'; readonly columns: ColumnMap; readonly width: number }
  | { readonly kind: 'refused' };

export class HashCsvReader {
  private readonly text: StreamingTextDecoder;
  private readonly records: CsvRecordReader;
  private state: State = { kind: 'header' };
  /** The first bytes, until there are enough to check the file's signature; then `undefined`. */
  private head: Uint8Array | undefined = new Uint8Array(0);
  private sawContent = false;
  private rowCount = 0;

  constructor(
    private readonly file: string,
    private readonly platform: HashPlatform,
    private readonly sink: HashCsvSink,
  ) {
    this.text = new StreamingTextDecoder(typeof platform === 'function' ? undefined : platform.decodeAscii);
    this.records = new CsvRecordReader({
      record: (r) => this.onRecord(r),
      problem: (p) => this.onProblem(p),
    });
  }

  /** Number of data rows seen (devices + rejected), excluding blank rows. */
  get rows(): number {
    return this.rowCount;
  }

  push(bytes: Uint8Array): void {
    if (this.state.kind === 'refused') return;
    if (this.head !== undefined) {
      // Hold the first bytes until the file's signature can be seen (chunks may be tiny).
      // A copy: the caller may reuse its buffer once push returns.
      this.head = concatBytes(this.head, bytes, true);
      if (this.head.length < SIGNATURE_LENGTH) return;
      bytes = this.head;
      this.head = undefined;
      const signature = fileSignature(bytes);
      if (signature !== 'text') {
        this.refuse('not-a-hash-csv', { reason: signature });
        return;
      }
    }
    this.records.push(this.text.decode(bytes));
  }

  end(): void {
    if (this.state.kind === 'refused') return;
    if (this.head !== undefined && this.head.length > 0) this.records.push(this.text.decode(this.head));
    this.head = undefined;
    this.records.push(this.text.end());
    this.records.end();
    if (this.state.kind === 'header') {
      if (this.sawContent) this.refuse('not-a-hash-csv', { reason: 'no-header' });
      else this.refuse('file-empty', {});
    }
  }

  /** The file was refused as a whole: nothing more of it is read (the caller may stop pushing). */
  get refused(): boolean {
    return this.state.kind === 'refused';
  }

  private onProblem(problem: CsvProblem): void {
    if (this.state.kind === 'refused') return;
    this.sawContent = true;
    if (problem.kind === 'line-too-long') {
      // Before the header: no CSV begins with a megabyte-long line (a binary file, or text without line
      // ends), so the whole file is refused and not read on. After it: that row alone is left out.
      if (this.state.kind === 'header') {
        this.refuse('csv-line-too-long', { at: problem.line, limit: problem.limit, scope: 'file' });
        return;
      }
      this.rowCount++;
      if (this.keeps('rejection')) {
        this.reject('csv-line-too-long', problem.line, { at: problem.line, limit: problem.limit });
      }
      return;
    }
    this.rowCount++;
    if (this.keeps('rejection')) this.reject('csv-unterminated-quote', problem.line, {});
  }

  private onRecord(record: CsvRecord): void {
    const state = this.state;
    if (state.kind === 'refused') return;
    if (isBlank(record.fields)) return;
    if (state.kind === 'header') {
      this.sawContent = true;
      this.onHeader(record);
      return;
    }
    this.rowCount++;
    this.onRow(record, state.columns, state.width);
  }

  private onHeader(record: CsvRecord): void {
    const first = record.fields[0]!.trim();
    // `Export-Csv` without -NoTypeInformation writes `#TYPE System.Management.Automation.PSCustomObject`.
    if (first.startsWith('#')) return;
    const columns: ColumnMap = {};
    const ignored: string[] = [];
    record.fields.forEach((name, index) => {
      const key = name
        .trim()
        .toLowerCase()
        .replace(/[\s_-]+/g, '');
      const column = HEADER_ALIASES[key];
      if (column !== undefined && columns[column] === undefined) columns[column] = index;
      else if (name.trim().length > 0) ignored.push(name.trim());
    });
    const isCorporateList =
      record.fields.length === 3 &&
      columns.hash === undefined &&
      columns.productId === undefined &&
      columns.serial !== undefined &&
      columns.manufacturer !== undefined &&
      columns.model !== undefined;
    if (isCorporateList) {
      // Autopilot device preparation's corporate identifier list, saved with a header line.
      this.refuse('corporate-identifier-list', {});
      return;
    }
    if (columns.hash !== undefined || columns.serial !== undefined) {
      if (ignored.length > 0) this.warn('columns-ignored', record.line, { columns: ignored.join(', ') });
      this.state = { kind: 'rows', columns, width: record.fields.length };
      return;
    }
    // Control characters (other than tab) or undecodable bytes in the first line: binary data, which can
    // split into any number of "fields" (three would look like a corporate identifier list).
    if (BINARY_TEXT.test(record.fields.join(','))) {
      this.refuse('not-a-hash-csv', { reason: 'binary' });
      return;
    }
    // No header. Rows of the script's form that lost their header line are still usable.
    const third = record.fields[2]?.trim() ?? '';
    if (looksLikeHash(third)) {
      const scriptColumns: ColumnMap = {};
      SCRIPT_COLUMNS.forEach((column, index) => {
        if (column) scriptColumns[column] = index;
      });
      this.warn('header-missing', record.line, {});
      this.state = { kind: 'rows', columns: scriptColumns, width: SCRIPT_COLUMNS.length };
      this.rowCount++;
      this.onRow(record, scriptColumns, SCRIPT_COLUMNS.length);
      return;
    }
    if (record.fields.length === 3 && !record.fields.some((f) => looksLikeHash(f.trim()))) {
      // Autopilot device preparation's corporate identifier list: `Manufacturer,Model,Serial`, no header.
      this.refuse('corporate-identifier-list', {});
      return;
    }
    this.refuse('not-a-hash-csv', {
      reason: 'unknown-header',
      header: record.fields.join(',').slice(0, 120),
    });
  }

  private onRow(record: CsvRecord, columns: ColumnMap, width: number): void {
    const line = record.line;
    // More values than columns: a value with the separator in it was split, and the columns after it hold
    // the wrong values (a tag cut in two). Excel's trailing empty cells are fine.
    const used = usedWidth(record.fields);
    if (used > width) {
      if (this.keeps('rejection')) this.reject('csv-extra-fields', line, { count: used, columns: width });
      return;
    }
    const csvSerial = cell(record, columns, 'serial');
    const hashText = cell(record, columns, 'hash');
    if (this.text.replacedCharacters && record.fields.some((f) => f.includes('\uFFFD'))) {
      this.warn('text-undecodable', line, {});
    }
    // Past the gate's cap a rejected row is only counted: its parameters are never built.
    if (hashText.length === 0) {
      if (this.keeps('rejection')) this.reject('hash-missing', line, { serial: csvSerial });
      return;
    }
    const decoded = decodeHardwareHash(hashText, this.platform);
    this.sink.hash?.(line, decoded);
    if (!decoded.ok) {
      if (this.keeps('rejection')) {
        this.reject('hash-invalid', line, { serial: csvSerial, ...failureParams(decoded.failure) });
      }
      return;
    }
    const hash = decoded.hash;
    const blocker = registrationBlocker(hash);
    if (blocker) {
      if (!this.keeps('rejection')) return;
      if (blocker.kind === 'no-serial' && csvSerial.length === 0) this.reject('serial-missing', line, {});
      else this.reject('hash-invalid', line, { serial: csvSerial, ...failureParams(blocker) });
      return;
    }
    const hashSerial = hash.serial!;
    const comparison = csvSerial.length === 0 ? undefined : compareSerial(csvSerial, hashSerial);
    // The CSV's serial counts as a placeholder only when the hash does not explain it: Excel turns a real
    // `0012345678` into `12345678`, which is also a firmware placeholder.
    const csvExplained = comparison !== undefined && comparison.kind !== 'mismatch';
    for (const serial of csvExplained ? [hashSerial] : [hashSerial, csvSerial]) {
      if (isPlaceholderSerial(serial)) {
        if (this.keeps('rejection')) this.reject('serial-placeholder', line, { serial });
        return;
      }
    }
    const warnings: [WarningCode, DiagnosticParams][] = [];
    if (hash.repadded) warnings.push(['hash-repadded', { serial: hashSerial }]);
    if (comparison === undefined) {
      warnings.push(['serial-from-hash', { serial: hashSerial }]);
    } else {
      if (comparison.kind === 'mismatch') {
        if (this.keeps('rejection')) this.reject('serial-mismatch', line, { serial: csvSerial, hashSerial });
        return;
      }
      if (comparison.kind === 'repaired') {
        warnings.push(['serial-repaired', { from: csvSerial, serial: hashSerial, how: comparison.how }]);
      }
    }
    const risky = riskySerialCharacters(hashSerial);
    if (risky.length > 0) {
      warnings.push(['serial-risky-characters', { serial: hashSerial, characters: risky.join(' ') }]);
    }

    const manufacturer = hash.manufacturer!;
    const csvManufacturer = cell(record, columns, 'manufacturer');
    if (csvManufacturer.length > 0 && csvManufacturer !== manufacturer) {
      warnings.push([
        'manufacturer-from-hash',
        { serial: hashSerial, from: csvManufacturer, to: manufacturer },
      ]);
    }
    const csvModel = cell(record, columns, 'model');
    const model = hash.model ?? detach(csvModel);
    if (hash.model !== undefined && csvModel.length > 0 && csvModel !== hash.model) {
      warnings.push(['model-from-hash', { serial: hashSerial, from: csvModel, to: hash.model }]);
    }

    const productId = this.productId(
      cell(record, columns, 'productId'),
      () => hash.inventory.productKeyId,
      hashSerial,
      warnings,
    );
    for (const [code, params] of warnings) this.warn(code, line, params);
    this.sink.device({
      serial: hashSerial,
      manufacturer,
      model,
      productId,
      groupTag: detach(cell(record, columns, 'groupTag')),
      assignedUser: detach(cell(record, columns, 'assignedUser')),
      hash,
      source: { file: this.file, line },
    });
  }

  /** Keeps a product ID only when it is the digits an importer accepts; Excel damage is repaired from the hash. */
  private productId(
    value: string,
    pkid: () => string | undefined,
    serial: string,
    warnings: [WarningCode, DiagnosticParams][],
  ): string {
    if (value.length === 0) return '';
    const fromHash = pkid();
    if (/^\d{1,20}$/.test(value)) {
      if (
        fromHash !== undefined &&
        fromHash !== value &&
        fromHash.endsWith(value) &&
        /^0+$/.test(fromHash.slice(0, -value.length))
      ) {
        warnings.push(['product-id-repaired', { serial, from: value, to: fromHash }]);
        return fromHash;
      }
      return detach(value);
    }
    if (fromHash !== undefined && /^\d+$/.test(fromHash) && matchesScientific(value, fromHash)) {
      warnings.push(['product-id-repaired', { serial, from: value, to: fromHash }]);
      return fromHash;
    }
    warnings.push(['product-id-dropped', { serial, value: detach(value) }]);
    return '';
  }

  /**
   * Whether the sink still keeps a diagnostic of this kind from this file. When not, it is counted as
   * omitted here and the caller builds nothing: a file of millions of bad rows costs its reading.
   */
  private keeps(kind: 'rejection' | 'warning'): boolean {
    const gate = this.sink.gate;
    if (gate === undefined || gate.wouldKeep(this.file, kind)) return true;
    gate.omit(this.file, kind);
    return false;
  }

  /** A whole-file refusal is never gated: it says why nothing of the file was read. */
  private refuse(code: RejectionCode, params: DiagnosticParams): void {
    this.state = { kind: 'refused' };
    this.sink.rejected({ file: this.file, line: 0, code, params });
  }

  private reject(code: RejectionCode, line: number, params: DiagnosticParams): void {
    this.sink.rejected({ file: this.file, line, code, params: detachParams(params) });
  }

  private warn(code: WarningCode, line: number, params: DiagnosticParams): void {
    if (!this.keeps('warning')) return;
    this.sink.warning({ file: this.file, line, code, params: detachParams(params) });
  }
}

/** C0 controls but tab, CR and LF; DEL; the replacement character of undecodable bytes. */
// eslint-disable-next-line no-control-regex
const BINARY_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/;

function cell(record: CsvRecord, columns: ColumnMap, column: Column): string {
  const index = columns[column];
  return index === undefined ? '' : (record.fields[index]?.trim() ?? '');
}

/** Number of fields up to the last non-empty one. */
function usedWidth(fields: readonly string[]): number {
  let used = fields.length;
  while (used > 0 && fields[used - 1]!.trim().length === 0) used--;
  return used;
}

function isBlank(fields: readonly string[]): boolean {
  for (const f of fields) if (f.trim().length > 0) return false;
  return true;
}

/** A hash starts with `T0` (base64 of `OA`) and is long; nothing else in these files is. */
function looksLikeHash(value: string): boolean {
  return value.length >= 64 && value.startsWith('T0') && /^[A-Za-z0-9+/=]+$/.test(value.slice(0, 64));
}

function failureParams(failure: HashFailure): DiagnosticParams {
  return { reason: failure.kind, ...failureDetails(failure) };
}

function detachParams(params: DiagnosticParams): DiagnosticParams {
  const out: Record<string, string | number | undefined> = {};
  for (const [key, value] of Object.entries(params))
    out[key] = typeof value === 'string' ? detach(value) : value;
  return out;
}

function concatBytes(a: Uint8Array, b: Uint8Array, copy = false): Uint8Array {
  if (a.length === 0) return copy ? b.slice() : b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
