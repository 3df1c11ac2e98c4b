/** `harvester merge FILES... [--format partner-center|intune] [--tag TAG] [--out DIR] [--json]` */
import { z } from 'zod';
import type { CsvFormat } from '../../../shared/csv/csv-writer';
import { CSV_FORMATS } from '../../../shared/csv/csv-writer';
import { DEFAULT_GROUP_TAG } from '../../../shared/group-tag';
import { tagPolicyForFormat } from '../../../shared/merge';
import type { MergeReport } from '../../merge/merge-files';
import { mergeFiles } from '../../merge/merge-files';
import { EXIT, UsageError } from '../cli-io';
import type { CliContext } from '../main';
import { diagnosticRows, jsonDiagnostic, jsonPieces, location, tableLines, writeInPieces } from '../output';
import { chosenTag } from './tag';

const MergeOptions = z.object({
  format: z.string(),
  tag: z.string().optional(),
  allowCustomTag: z.boolean().default(false),
  out: z.string().optional(),
  json: z.boolean().default(false),
});

export async function runMerge(context: CliContext, files: readonly string[], raw: unknown): Promise<number> {
  const options = MergeOptions.parse(raw);
  const { text } = context;
  if (files.length === 0) throw new UsageError(text.noFiles);
  if (!(CSV_FORMATS as readonly string[]).includes(options.format)) {
    throw new UsageError(text.formatUnknown({ value: options.format }));
  }
  const format = options.format as CsvFormat;
  // The format decides whether row tags are carried at all (Partner Center: chosen at upload).
  const tagPolicy = tagPolicyForFormat(
    format,
    options.tag === undefined
      ? { kind: 'rows', fallback: DEFAULT_GROUP_TAG, allowCustom: options.allowCustomTag }
      : { kind: 'override', tag: chosenTag(context, options.tag, options.allowCustomTag) },
  );

  const report = await mergeFiles({
    files,
    tagPolicy,
    output: options.out === undefined ? undefined : { format, outDir: options.out },
  });

  // Written in pieces: a report of millions of rows is never one string.
  if (options.json) writeInPieces(context.io.stdout, jsonPieces(toJson(report, context)));
  else writeInPieces(context.io.stdout, humanReport(report, files.length, context));
  if (report.writeFailure) {
    const f = report.writeFailure;
    context.io.stderr(text.writeFailed({ file: f.file, reason: text.writeAdvice[f.kind] ?? f.kind }) + '\n');
    return EXIT.failed;
  }
  return report.devices.length > 0 ? EXIT.ok : EXIT.failed;
}

function toJson(report: MergeReport, { lang }: CliContext) {
  return {
    devices: report.devices.map((d) => ({
      serial: d.serial,
      manufacturer: d.manufacturer,
      model: d.model,
      productId: d.productId,
      groupTag: d.groupTag,
      sources: d.sources.map((s) => ({ file: s.file, line: s.line })),
    })),
    duplicates: report.duplicates.map((d) => ({ serial: d.serial, file: d.file, line: d.line })),
    conflicts: report.conflicts.map((c) => ({
      serial: c.serial,
      kept: { file: c.kept.file, line: c.kept.line },
      others: c.others.map((o) => ({ file: o.file, line: o.line })),
    })),
    rejected: report.rejected.map((r) => jsonDiagnostic(r, lang)),
    warnings: report.warnings.map((w) => jsonDiagnostic(w, lang)),
    files: report.files.map((f) => ({ path: f.path, devices: f.devices })),
    ...(report.omitted.length > 0 ? { omitted: report.omitted } : {}),
    ...(report.writeFailure
      ? {
          error: {
            file: report.writeFailure.file,
            kind: report.writeFailure.kind,
            code: report.writeFailure.code,
          },
        }
      : {}),
  };
}

function* humanReport(report: MergeReport, fileCount: number, { text, lang }: CliContext): Generator<string> {
  let omittedRejected = 0;
  let omittedWarnings = 0;
  for (const o of report.omitted) {
    omittedRejected += o.rejected;
    omittedWarnings += o.warnings;
  }
  yield report.devices.length > 0
    ? text.mergeSummary({
        devices: report.devices.length,
        files: fileCount,
        duplicates: report.duplicates.length,
        conflicts: report.conflicts.length,
        rejected: report.rejected.length + omittedRejected,
        warnings: report.warnings.length + omittedWarnings,
      })
    : text.nothingMerged;
  yield '\n';
  function* section(title: string, rows: string[][], more: string[] = []): Generator<string> {
    if (rows.length === 0) return;
    yield `\n${title}\n`;
    for (const line of tableLines(rows)) yield `${line}\n`;
    for (const line of more) yield `  ${line}\n`;
  }
  yield* section(
    text.sections.rejected,
    diagnosticRows(report.rejected, lang),
    report.omitted
      .filter((o) => o.rejected > 0)
      .map((o) => text.omittedRejected({ count: o.rejected, file: o.file })),
  );
  yield* section(
    text.sections.warnings,
    diagnosticRows(report.warnings, lang),
    report.omitted
      .filter((o) => o.warnings > 0)
      .map((o) => text.omittedWarnings({ count: o.warnings, file: o.file })),
  );
  yield* section(
    text.sections.duplicates,
    report.duplicates.map((d) => [location(d), d.serial]),
  );
  yield* section(
    text.sections.conflicts,
    report.conflicts.map((c) => [
      c.serial,
      text.conflictLine({ kept: location(c.kept), others: c.others.map(location).join(', ') }),
    ]),
  );
  yield* section(
    text.sections.written,
    report.files.map((f) => [f.path, text.writtenLine({ devices: f.devices })]),
  );
}
