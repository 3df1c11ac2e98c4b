/**
 * `harvester export --ledger DIR --out DIR [--format partner-center|intune] [--tag TAG] [--allow-custom-tag]
 * [--new] [--json]`: the ledger's devices (all, or with --new only those never exported) as importer CSVs.
 */
import path from 'node:path';
import { z } from 'zod';
import type { CsvFormat } from '../../../shared/csv/csv-writer';
import { CSV_FORMATS } from '../../../shared/csv/csv-writer';
import { DEFAULT_GROUP_TAG } from '../../../shared/group-tag';
import type { TagPolicy } from '../../../shared/merge';
import type { LedgerExportReport } from '../../export/export-ledger';
import { exportFromLedger } from '../../export/export-ledger';
import { findDrive, listRemovableDrives } from '../../drives/removable-drives';
import { EXIT, UsageError } from '../cli-io';
import { ledgerLocation } from '../ledger-location';
import type { CliContext } from '../main';
import { diagnosticRows, json, jsonDiagnostic, table } from '../output';
import { withLedger } from './ledger-errors';
import { chosenTag } from './tag';

const ExportOptions = z.object({
  ledger: z.string().optional(),
  out: z.string().optional(),
  drive: z.string().optional(),
  format: z.string(),
  tag: z.string().optional(),
  allowCustomTag: z.boolean().default(false),
  new: z.boolean().default(false),
  json: z.boolean().default(false),
});

export async function runExport(context: CliContext, raw: unknown): Promise<number> {
  const options = ExportOptions.parse(raw);
  const { text } = context;
  if (!(CSV_FORMATS as readonly string[]).includes(options.format)) {
    throw new UsageError(text.formatUnknown({ value: options.format }));
  }
  const tagPolicy: TagPolicy =
    options.tag === undefined
      ? { kind: 'rows', fallback: DEFAULT_GROUP_TAG, allowCustom: options.allowCustomTag }
      : { kind: 'override', tag: chosenTag(context, options.tag, options.allowCustomTag) };
  if (options.out === undefined && options.drive === undefined) {
    throw new UsageError(text.usage.missingOption({ name: '--out' }));
  }
  let outDir = options.out ?? DRIVE_FOLDER;
  if (options.drive !== undefined) {
    const found = await folderOnDrive(context, options.drive, outDir);
    if (typeof found !== 'string') return found.exit;
    outDir = found;
  }
  return withLedger(
    context,
    ledgerLocation(options.ledger, context.io.env),
    async (ledger) => {
      const report = await exportFromLedger(ledger, {
        selection: options.new ? { kind: 'not-exported' } : { kind: 'all' },
        format: options.format as CsvFormat,
        tagPolicy,
        outDir,
      });
      if (options.json) context.io.stdout(json(exportJson(report, context)));
      else context.io.stdout(humanReport(report, context));
      if (report.failure) {
        const f = report.failure;
        context.io.stderr(
          text.writeFailed({ file: f.file, reason: text.writeAdvice[f.kind] ?? f.kind }) + '\n',
        );
        return EXIT.failed;
      }
      if (report.historyFailure) {
        context.io.stderr(text.ledger.historyFailed({ detail: report.historyFailure.message }) + '\n');
        return EXIT.failed;
      }
      return report.files.length > 0 ? EXIT.ok : EXIT.failed;
    },
    'read-write-or-read-only',
  );
}

function exportJson(report: LedgerExportReport, { lang }: CliContext) {
  return {
    devices: report.devices.map((d) => ({
      id: d.id,
      serial: d.serial,
      manufacturer: d.manufacturer,
      model: d.model,
      productId: d.productId,
      groupTag: d.groupTag,
    })),
    rejected: report.rejected.map((r) => jsonDiagnostic(r, lang)),
    warnings: report.warnings.map((w) => jsonDiagnostic(w, lang)),
    files: report.files.map((f) => ({ path: f.path, devices: f.devices })),
    ...(report.failure ? { error: report.failure } : {}),
    ...(report.historyNotRecorded ? { historyNotRecorded: true } : {}),
    ...(report.historyFailure
      ? {
          historyError: {
            kind: report.historyFailure.kind,
            file: report.historyFailure.file,
            code: report.historyFailure.code,
          },
        }
      : {}),
  };
}

function humanReport(report: LedgerExportReport, { text, lang }: CliContext): string {
  const out = [
    report.files.length > 0
      ? text.ledger.exported({ devices: report.devices.length, files: report.files.length })
      : text.ledger.nothingExported,
  ];
  const section = (title: string, rows: string[][]) => {
    if (rows.length > 0) out.push('', title, table(rows));
  };
  section(text.sections.rejected, diagnosticRows(report.rejected, lang));
  section(text.sections.warnings, diagnosticRows(report.warnings, lang));
  section(
    text.sections.written,
    report.files.map((f) => [f.path, text.writtenLine({ devices: f.devices })]),
  );
  return out.join('\n') + '\n';
}

/** The folder on the stick when --drive is given without --out. */
const DRIVE_FOLDER = 'Autopilot';

/**
 * The folder `relative` on the removable drive named by its volume serial or label, found by serial first,
 * so a stick whose drive letter changed since the last export is still found.
 */
async function folderOnDrive(
  { io, text }: CliContext,
  drive: string,
  relative: string,
): Promise<string | { exit: number }> {
  const listed = await listRemovableDrives(
    io.env.NODE_POWERSHELL ? { executable: io.env.NODE_POWERSHELL } : {},
  );
  if (listed.kind !== 'listed') {
    io.stderr(
      `harvester: ${listed.kind === 'unsupported' ? text.drives.unsupported : text.drives.failed({ reason: listed.reason })}\n`,
    );
    return { exit: EXIT.failed };
  }
  const match = findDrive(listed.drives, { volumeSerial: drive, label: drive });
  if (match.kind === 'not-found' || match.kind === 'ambiguous') {
    io.stderr(`harvester: ${text.drives[match.kind]({ drive })}\n`);
    return { exit: EXIT.failed };
  }
  return driveFolder(match.drive.letter, relative);
}

/** `E:` + `upload\\today` -> `E:\\upload\\today`; an absolute `relative` keeps only its path part. */
export function driveFolder(letter: string, relative: string): string {
  const { root } = path.win32.parse(relative);
  return path.win32.join(`${letter}\\`, relative.slice(root.length));
}
