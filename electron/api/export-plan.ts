/**
 * What an export from the ledger would write, worked out without writing: the same selection, verification
 * and tag choice as `exportFromLedger`, so the preview shows exactly the devices, files and rejections the
 * export will produce.
 *
 * Both go through `prepareLedgerExport` (electron/export/export-ledger.ts). The CLI's `chosenTag`
 * (electron/cli/commands/tag.ts) and the tag-policy lines of `runExport`/`runMerge` could call
 * {@link exportTagPolicy}.
 */
import type { CsvFormat, CsvPlan } from '../../shared/csv/csv-writer';
import { csvLines, planCsvFiles } from '../../shared/csv/csv-writer';
import type { Rejection, Warning } from '../../shared/diagnostics';
import type { GroupTagCheck } from '../../shared/group-tag';
import { DEFAULT_GROUP_TAG, resolveGroupTag } from '../../shared/group-tag';
import type { LedgerDevice } from '../../shared/ledger/ledger-events';
import type { TagPolicy } from '../../shared/merge';
import { tagPolicyForFormat } from '../../shared/merge';
import type { ExportSelection } from '../export/export-ledger';
import { prepareLedgerExport } from '../export/export-ledger';

export type TagPolicyChoice =
  { readonly ok: true; readonly policy: TagPolicy } | { readonly ok: false; readonly check: GroupTagCheck };

/**
 * The tag policy for a chosen tag: `null` keeps each device's own tag (the default for untagged ones);
 * a tag is used for every device only when it is known, or custom and deliberately allowed.
 */
export function exportTagPolicy(tag: string | null, allowCustomTag: boolean): TagPolicyChoice {
  if (tag === null) {
    return { ok: true, policy: { kind: 'rows', fallback: DEFAULT_GROUP_TAG, allowCustom: allowCustomTag } };
  }
  const decision = resolveGroupTag(tag, { allowCustom: allowCustomTag });
  return decision.ok
    ? { ok: true, policy: { kind: 'override', tag: decision.tag } }
    : { ok: false, check: decision.check };
}

export interface LedgerExportPlan extends CsvPlan {
  /** Devices left out: unsound hashes, tags refused by the policy, values the format cannot carry. */
  readonly rejected: readonly Rejection[];
  readonly warnings: readonly Warning[];
}

export function planLedgerExport(
  devices: readonly LedgerDevice[],
  options: { readonly selection: ExportSelection; readonly format: CsvFormat; readonly tagPolicy: TagPolicy },
): LedgerExportPlan {
  const prepared = prepareLedgerExport(
    devices,
    options.selection,
    tagPolicyForFormat(options.format, options.tagPolicy),
  );
  const plan = planCsvFiles(prepared.devices, options.format);
  return {
    files: plan.files,
    refused: plan.refused,
    rejected: [...prepared.rejected, ...plan.refused],
    warnings: prepared.warnings,
  };
}

/**
 * The first `count` lines of the plan's first file, without line ends, each hash shortened to its start and
 * end: enough to see the columns and values, never a whole hash on screen.
 */
export function previewLines(plan: CsvPlan, format: CsvFormat, count: number): string[] {
  const first = plan.files[0];
  if (first === undefined) return [];
  const lines: string[] = [];
  // A generator: only the lines shown are rendered, not a file of 1,000 hashes.
  for (const line of csvLines(first, format)) {
    const cells = line.replace(/\r\n$/, '').split(',');
    if (lines.length > 0) cells[HASH_COLUMN] = shortHash(cells[HASH_COLUMN] ?? '');
    lines.push(cells.join(','));
    if (lines.length >= count) break;
  }
  return lines;
}

/** Both importer formats put the hash third (serial, product ID, hash, ...). */
const HASH_COLUMN = 2;

function shortHash(text: string): string {
  return text.length <= 24 ? text : `${text.slice(0, 12)}…${text.slice(-8)}`;
}
