import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mergeFiles, readHashCsvFile } from '../../../../electron/merge/merge-files';
import type { DeviceRow } from '../../../../shared/device';
import type { Rejection, Warning } from '../../../../shared/diagnostics';
import { DEFAULT_GROUP_TAG } from '../../../../shared/group-tag';
import type { TagPolicy } from '../../../../shared/merge';
import { buildHash } from '../../../support/hash-builder';
import type { HashSpec } from '../../../support/hash-builder';
import { encodeAs } from '../../../support/text-bytes';
import type { WrittenEncoding } from '../../../support/text-bytes';

const SCRIPT_HEADER = 'Device Serial Number,Windows Product ID,Hardware Hash';
const TAG_HEADER = `${SCRIPT_HEADER},Group Tag`;
const USER_HEADER = `${TAG_HEADER},Assigned User`;
const ROWS: TagPolicy = { kind: 'rows', fallback: DEFAULT_GROUP_TAG, allowCustom: false };
/** 2026-11-24 21:30:05 local time: the file stamp `20261124-213005`. */
const NOW = new Date(2026, 10, 24, 21, 30, 5);
const STAMP = '20261124-213005';

let dir: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'merge-files-'));
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Writes a CSV of `lines` (CRLF after each, as Windows writes) into the temp folder and returns its path. */
async function csvFile(
  name: string,
  lines: readonly string[],
  encoding: WrittenEncoding = 'utf-8',
): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, encodeAs(encoding, lines.map((l) => `${l}\r\n`).join('')));
  return file;
}

/** A script-form row: serial, no product ID, the hash of `spec` (serial defaulting to `serial`). */
function scriptRow(serial: string, spec: HashSpec = {}): string {
  return `${serial},,${buildHash({ serial, ...spec })}`;
}

function serialOf(i: number): string {
  return `SN${String(i).padStart(5, '0')}`;
}

interface FileRead {
  readonly devices: DeviceRow[];
  readonly rejected: Rejection[];
  readonly warnings: Warning[];
}

async function readFile(file: string): Promise<FileRead> {
  const read: FileRead = { devices: [], rejected: [], warnings: [] };
  await readHashCsvFile(file, {
    device: (row) => void read.devices.push(row),
    rejected: (r) => void read.rejected.push(r),
    warning: (w) => void read.warnings.push(w),
  });
  return read;
}

function serials(report: { readonly devices: readonly { readonly serial: string }[] }): string[] {
  return report.devices.map((d) => d.serial);
}

describe('readHashCsvFile', () => {
  it('names each row by its file and physical line, blank lines included', async () => {
    const file = await csvFile('a.csv', [SCRIPT_HEADER, scriptRow('A1'), '', scriptRow('B1')]);

    const read = await readFile(file);

    expect(read.devices.map((d) => [d.serial, d.source])).toEqual([
      ['A1', { file, line: 2 }],
      ['B1', { file, line: 4 }],
    ]);
    expect(read.rejected).toEqual([]);
  });

  it('reads every device of a UTF-8 file larger than 1 MiB with the right line numbers', async () => {
    const lines = [
      SCRIPT_HEADER,
      ...Array.from({ length: 400 }, (_, i) => scriptRow(serialOf(i), { nonce: i })),
    ];
    const file = await csvFile('large.csv', lines);
    expect((await fs.stat(file)).size).toBeGreaterThan(1 << 20);

    const read = await readFile(file);

    expect(read.rejected).toEqual([]);
    expect(read.devices.map((d) => d.serial)).toEqual(Array.from({ length: 400 }, (_, i) => serialOf(i)));
    expect(read.devices.map((d) => d.source.line)).toEqual(Array.from({ length: 400 }, (_, i) => i + 2));
  });

  it('reads every device of a UTF-16LE file (Windows PowerShell 5.1) larger than 1 MiB', async () => {
    const lines = [SCRIPT_HEADER, ...Array.from({ length: 400 }, (_, i) => scriptRow(serialOf(i)))];
    const file = await csvFile('ps51.csv', lines, 'utf-16le-bom');
    expect((await fs.stat(file)).size).toBeGreaterThan(2 << 20);

    const read = await readFile(file);

    expect(read.rejected).toEqual([]);
    expect(read.devices.map((d) => [d.serial, d.source.line])).toEqual(
      Array.from({ length: 400 }, (_, i) => [serialOf(i), i + 2]),
    );
  });

  it('reads non-ASCII values that straddle the read boundaries of a file larger than 1 MiB', async () => {
    // Each row carries a non-ASCII user, so the 64 KiB pieces and 1 MiB reads cut through UTF-8 characters.
    const user = (i: number) => `ユーザー${i}@例え.jp`;
    const lines = [
      USER_HEADER,
      ...Array.from({ length: 400 }, (_, i) => `${scriptRow(serialOf(i))},,${user(i)}`),
    ];
    const file = await csvFile('users.csv', lines);
    expect((await fs.stat(file)).size).toBeGreaterThan(1 << 20);

    const read = await readFile(file);

    expect(read.rejected).toEqual([]);
    expect(read.warnings.filter((w) => w.code === 'text-undecodable')).toEqual([]);
    expect(read.devices.map((d) => [d.source.line, d.assignedUser])).toEqual(
      Array.from({ length: 400 }, (_, i) => [i + 2, user(i)]),
    );
  });

  it('rejects an empty file as file-empty at line 0', async () => {
    const file = await csvFile('empty.csv', []);

    const read = await readFile(file);

    expect(read.rejected).toEqual([{ file, line: 0, code: 'file-empty', params: {} }]);
  });

  it('rejects a missing file as unreadable-file at line 0', async () => {
    const file = path.join(dir, 'missing.csv');

    const read = await readFile(file);

    expect(read.devices).toEqual([]);
    expect(read.rejected).toEqual([
      { file, line: 0, code: 'unreadable-file', params: { reason: 'ENOENT', detail: undefined } },
    ]);
  });
});

describe.skipIf(process.platform === 'win32')(
  'readHashCsvFile on POSIX devices and FIFOs (none on Windows)',
  () => {
    it('refuses /dev/zero before reading it, saying it is not a regular file', async () => {
      const read = await readFile('/dev/zero');

      expect(read.rejected).toEqual([
        { file: '/dev/zero', line: 0, code: 'unreadable-file', params: { reason: 'not-a-regular-file' } },
      ]);
    });

    it('refuses a FIFO no one writes to without waiting for a writer', async () => {
      const fifo = path.join(dir, 'pipe.csv');
      execFileSync('mkfifo', [fifo]);

      const read = await readFile(fifo);

      expect(read.rejected).toEqual([
        { file: fifo, line: 0, code: 'unreadable-file', params: { reason: 'not-a-regular-file' } },
      ]);
    });
  },
);

describe('readHashCsvFile on files that are not regular files', () => {
  it('refuses a folder as not a regular file', async () => {
    const folder = path.join(dir, 'folder.csv');
    await fs.mkdir(folder);

    const read = await readFile(folder);

    expect(read.rejected).toEqual([
      { file: folder, line: 0, code: 'unreadable-file', params: { reason: 'not-a-regular-file' } },
    ]);
  });

  it('stops reading a file refused for a first line longer than 1 Mi characters', async () => {
    const file = path.join(dir, 'one-line.csv');
    // 8 MiB without a line end: refused once, at the first MiB.
    await fs.writeFile(file, Buffer.alloc(8 << 20, 0x41));

    const read = await readFile(file);

    expect(read.rejected).toEqual([
      { file, line: 0, code: 'csv-line-too-long', params: { at: 1, limit: 1 << 20, scope: 'file' } },
    ]);
  });
});

describe('mergeFiles', () => {
  it('merges two files into devices in first-seen order with sources naming each file and line', async () => {
    const a = await csvFile('a.csv', [SCRIPT_HEADER, scriptRow('A1'), scriptRow('B1')]);
    const b = await csvFile('b.csv', [SCRIPT_HEADER, '', scriptRow('C1'), scriptRow('A1', { nonce: 1 })]);

    const report = await mergeFiles({ files: [a, b], tagPolicy: ROWS });

    expect(report.devices.map((d) => [d.serial, d.sources])).toEqual([
      [
        'A1',
        [
          { file: a, line: 2 },
          { file: b, line: 4 },
        ],
      ],
      ['B1', [{ file: a, line: 3 }]],
      ['C1', [{ file: b, line: 3 }]],
    ]);
    expect(report.duplicates).toEqual([{ serial: 'A1', file: b, line: 4 }]);
    expect(report.conflicts).toEqual([]);
    expect(report.rejected).toEqual([]);
    expect(report.files).toEqual([]);
    expect(report.writeFailure).toBeUndefined();
  });

  it('reports a conflict across files, keeping the later file', async () => {
    const a = await csvFile('a.csv', [SCRIPT_HEADER, scriptRow('A1')]);
    const b = await csvFile('b.csv', [SCRIPT_HEADER, scriptRow('A1', { diskSerials: ['NEWDISK01'] })]);

    const report = await mergeFiles({ files: [a, b], tagPolicy: ROWS });

    expect(report.conflicts).toEqual([
      { serial: 'A1', kept: { file: b, line: 2 }, others: [{ file: a, line: 2 }] },
    ]);
    expect(report.devices[0]!.hash.inventory.diskSerials).toEqual(['NEWDISK01']);
  });

  it('rejects a missing file as unreadable-file and still merges the other files', async () => {
    const a = await csvFile('a.csv', [SCRIPT_HEADER, scriptRow('A1')]);
    const missing = path.join(dir, 'missing.csv');
    const c = await csvFile('c.csv', [SCRIPT_HEADER, scriptRow('C1')]);

    const report = await mergeFiles({ files: [a, missing, c], tagPolicy: ROWS });

    expect(serials(report)).toEqual(['A1', 'C1']);
    expect(report.rejected).toEqual([
      { file: missing, line: 0, code: 'unreadable-file', params: { reason: 'ENOENT', detail: undefined } },
    ]);
  });

  it('rejects a directory given as a file as unreadable-file and still merges the other files', async () => {
    const folder = path.join(dir, 'folder.csv');
    await fs.mkdir(folder);
    const a = await csvFile('a.csv', [SCRIPT_HEADER, scriptRow('A1')]);

    const report = await mergeFiles({ files: [folder, a], tagPolicy: ROWS });

    expect(serials(report)).toEqual(['A1']);
    expect(report.rejected.map((r) => [r.file, r.line, r.code])).toEqual([[folder, 0, 'unreadable-file']]);
  });

  it('passes the reader warnings on before the merge warnings', async () => {
    const a = await csvFile('a.csv', [
      TAG_HEADER,
      `${scriptRow('A1')},microsoft365managed_kiosk`,
      `,,${buildHash({ serial: 'B1' })},`,
    ]);

    const report = await mergeFiles({ files: [a], tagPolicy: ROWS });

    expect(report.warnings.map((w) => `${w.code}@${w.line}`)).toEqual([
      'serial-from-hash@3',
      'group-tag-corrected@2',
    ]);
    expect(report.devices.map((d) => d.groupTag)).toEqual(['Microsoft365Managed_Kiosk', DEFAULT_GROUP_TAG]);
  });
});

describe('mergeFiles with output', () => {
  it('writes a Partner Center file named by format and stamp into an outDir it creates', async () => {
    const a = await csvFile('a.csv', [SCRIPT_HEADER, scriptRow('A1'), scriptRow('B1')]);
    const outDir = path.join(dir, 'upload', 'today');

    const report = await mergeFiles({
      files: [a],
      tagPolicy: ROWS,
      output: { format: 'partner-center', outDir, now: NOW },
    });

    const written = path.join(outDir, `autopilot-partner-center-${STAMP}.csv`);
    expect(report.files).toEqual([{ path: written, devices: 2 }]);
    expect(await fs.readdir(outDir)).toEqual([path.basename(written)]);
    expect(report.writeFailure).toBeUndefined();
  });

  it('writes a Partner Center file that reads back to the same devices', async () => {
    const a = await csvFile('a.csv', [
      SCRIPT_HEADER,
      scriptRow('A1'),
      scriptRow('B1', { model: '20XW0027JP' }),
    ]);
    const outDir = path.join(dir, 'out');

    const report = await mergeFiles({
      files: [a],
      tagPolicy: ROWS,
      output: { format: 'partner-center', outDir, now: NOW },
    });
    const back = await readFile(report.files[0]!.path);

    expect(back.rejected).toEqual([]);
    expect(back.warnings).toEqual([]);
    expect(back.devices.map((d) => [d.serial, d.manufacturer, d.model])).toEqual([
      ['A1', 'LENOVO', '20XW0026JP'],
      ['B1', 'LENOVO', '20XW0027JP'],
    ]);
  });

  it('writes an Intune file with each group tag that reads back to the same devices', async () => {
    const a = await csvFile('a.csv', [
      TAG_HEADER,
      `${scriptRow('A1')},Microsoft365Managed_Standard`,
      `${scriptRow('B1')},`,
    ]);
    const outDir = path.join(dir, 'out');

    const report = await mergeFiles({
      files: [a],
      tagPolicy: ROWS,
      output: { format: 'intune', outDir, now: NOW },
    });

    const written = path.join(outDir, `autopilot-intune-${STAMP}.csv`);
    expect(report.files).toEqual([{ path: written, devices: 2 }]);
    const back = await readFile(written);
    expect(back.devices.map((d) => [d.serial, d.groupTag])).toEqual([
      ['A1', 'Microsoft365Managed_Standard'],
      ['B1', DEFAULT_GROUP_TAG],
    ]);
  });

  it('does not overwrite an export made earlier in the same second', async () => {
    const a = await csvFile('a.csv', [SCRIPT_HEADER, scriptRow('A1')]);
    const b = await csvFile('b.csv', [SCRIPT_HEADER, scriptRow('B1')]);
    const outDir = path.join(dir, 'out');
    const output = { format: 'partner-center', outDir, now: NOW } as const;

    const first = await mergeFiles({ files: [a], tagPolicy: ROWS, output });
    const firstText = await fs.readFile(first.files[0]!.path, 'utf8');
    const second = await mergeFiles({ files: [b], tagPolicy: ROWS, output });

    expect(second.files).toHaveLength(1);
    expect(second.files[0]!.path).not.toBe(first.files[0]!.path);
    expect(await fs.readFile(first.files[0]!.path, 'utf8')).toBe(firstText);
    expect(serials(await readFile(first.files[0]!.path))).toEqual(['A1']);
    expect(serials(await readFile(second.files[0]!.path))).toEqual(['B1']);
  });

  it('does not let two exports started in the same second write the same file', async () => {
    const a = await csvFile('a.csv', [SCRIPT_HEADER, scriptRow('A1')]);
    const b = await csvFile('b.csv', [SCRIPT_HEADER, scriptRow('B1')]);
    const outDir = path.join(dir, 'out');
    const output = { format: 'partner-center', outDir, now: NOW } as const;

    const [first, second] = await Promise.all([
      mergeFiles({ files: [a], tagPolicy: ROWS, output }),
      mergeFiles({ files: [b], tagPolicy: ROWS, output }),
    ]);

    expect(second.files[0]!.path).not.toBe(first.files[0]!.path);
    expect((await fs.readdir(outDir)).sort()).toHaveLength(2);
  });

  it('splits 1,001 devices into two Partner Center files of 1,000 and 1', async () => {
    const lines = [SCRIPT_HEADER, ...Array.from({ length: 1001 }, (_, i) => scriptRow(serialOf(i)))];
    const a = await csvFile('many.csv', lines);
    const outDir = path.join(dir, 'out');

    const report = await mergeFiles({
      files: [a],
      tagPolicy: ROWS,
      output: { format: 'partner-center', outDir, now: NOW },
    });

    expect(report.files).toEqual([
      { path: path.join(outDir, `autopilot-partner-center-${STAMP}-part-1-of-2.csv`), devices: 1000 },
      { path: path.join(outDir, `autopilot-partner-center-${STAMP}-part-2-of-2.csv`), devices: 1 },
    ]);
    const first = await readFile(report.files[0]!.path);
    const second = await readFile(report.files[1]!.path);
    expect([...serials(first), ...serials(second)]).toEqual(
      Array.from({ length: 1001 }, (_, i) => serialOf(i)),
    );
  });

  it('refuses a device the format cannot carry with value-not-writable and writes the others', async () => {
    const a = await csvFile('a.csv', [SCRIPT_HEADER, scriptRow('A1'), scriptRow('AB.12'), scriptRow('C1')]);
    const outDir = path.join(dir, 'out');

    const report = await mergeFiles({
      files: [a],
      tagPolicy: ROWS,
      output: { format: 'intune', outDir, now: NOW },
    });

    // The devices reported are the ones the files carry.
    expect(serials(report)).toEqual(['A1', 'C1']);
    expect(report.rejected).toEqual([
      {
        file: a,
        line: 3,
        code: 'value-not-writable',
        params: {
          serial: 'AB.12',
          format: 'intune',
          field: 'serial',
          value: 'AB.12',
          reason: 'intune-serial-dot',
        },
      },
    ]);
    expect(report.files.map((f) => f.devices)).toEqual([2]);
    expect(serials(await readFile(report.files[0]!.path))).toEqual(['A1', 'C1']);
  });

  it('writes no file and creates no folder when the format can carry no device', async () => {
    const a = await csvFile('a.csv', [SCRIPT_HEADER, scriptRow('AB.12')]);
    const outDir = path.join(dir, 'out');

    const report = await mergeFiles({
      files: [a],
      tagPolicy: ROWS,
      output: { format: 'intune', outDir, now: NOW },
    });

    expect(report.files).toEqual([]);
    expect(report.rejected.map((r) => r.code)).toEqual(['value-not-writable']);
    await expect(fs.stat(outDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reports a failure to create outDir in writeFailure and still reports the devices', async () => {
    const a = await csvFile('a.csv', [SCRIPT_HEADER, scriptRow('A1'), scriptRow('B1')]);
    const blocker = path.join(dir, 'not-a-folder');
    await fs.writeFile(blocker, 'a regular file');
    const outDir = path.join(blocker, 'out');

    const report = await mergeFiles({
      files: [a],
      tagPolicy: ROWS,
      output: { format: 'partner-center', outDir, now: NOW },
    });

    expect(serials(report)).toEqual(['A1', 'B1']);
    expect(report.files).toEqual([]);
    expect(report.writeFailure).toEqual({ file: outDir, kind: 'not-a-folder', code: 'ENOTDIR' });
  });
});
