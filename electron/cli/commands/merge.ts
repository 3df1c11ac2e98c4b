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
import { diagnosticRows, json, jsonDiagnostic, location, table } from '../output';
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

  if (options.json) context.io.stdout(json(toJson(report, context)));
  else context.io.stdout(humanReport(report, files.length, context));
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

function humanReport(report: MergeReport, fileCount: number, { text, lang }: CliContext): string {
  const out: string[] = [];
  out.push(
    report.devices.length > 0
      ? text.mergeSummary({
          devices: report.devices.length,
          files: fileCount,
          duplicates: report.duplicates.length,
          conflicts: report.conflicts.length,
          rejected: report.rejected.length,
          warnings: report.warnings.length,
        })
      : text.nothingMerged,
  );
  const section = (title: string, rows: string[][]) => {
    if (rows.length > 0) out.push('', title, table(rows));
  };
  section(text.sections.rejected, diagnosticRows(report.rejected, lang));
  section(text.sections.warnings, diagnosticRows(report.warnings, lang));
  section(
    text.sections.duplicates,
    report.duplicates.map((d) => [location(d), d.serial]),
  );
  section(
    text.sections.conflicts,
    report.conflicts.map((c) => [
      c.serial,
      text.conflictLine({ kept: location(c.kept), others: c.others.map(location).join(', ') }),
    ]),
  );
  section(
    text.sections.written,
    report.files.map((f) => [f.path, text.writtenLine({ devices: f.devices })]),
  );
  return out.join('\n') + '\n';
}
