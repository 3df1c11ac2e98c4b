/** `harvester inspect FILES|HASH... [--json]`: what each hash holds and whether it is sound. */
import { stat } from 'node:fs/promises';
import { z } from 'zod';
import type { Diagnostic } from '../../../shared/diagnostics';
import type { DecodedHardwareHash, HashDecodeResult, HashFailure } from '../../../shared/hardware-hash';
import {
  RECORD_NAMES,
  decodeHardwareHash,
  failureDetails,
  registrationBlocker,
} from '../../../shared/hardware-hash';
import { hashFailureText } from '../../../shared/i18n/diagnostic-messages';
import { readHashCsvFile } from '../../merge/merge-files';
import { nodeHashPlatform } from '../../platform/sha256';
import { EXIT } from '../cli-io';
import type { CliContext } from '../main';
import { diagnosticRows, json, jsonDiagnostic, location, table } from '../output';

const InspectOptions = z.object({ json: z.boolean().default(false) });

type Origin = { readonly file: string; readonly line: number } | { readonly argument: number };

interface Inspected {
  readonly origin: Origin;
  readonly hash: DecodedHardwareHash | undefined;
  readonly failure: HashFailure | undefined;
}

export async function runInspect(
  context: CliContext,
  inputs: readonly string[],
  raw: unknown,
): Promise<number> {
  const options = InspectOptions.parse(raw);
  const inspected: Inspected[] = [];
  const rejected: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  for (const [index, input] of inputs.entries()) {
    const kind = await pathKind(input);
    if (kind === 'directory') {
      rejected.push({ file: input, line: 0, code: 'unreadable-file', params: { reason: 'EISDIR' } });
    } else if (kind === 'file') {
      await readHashCsvFile(input, {
        device: () => undefined,
        rejected: (r) => {
          // hash-invalid is shown with the hash itself; other row problems are listed separately.
          if (r.code !== 'hash-invalid') rejected.push(r);
        },
        warning: (w) => void warnings.push(w),
        hash: (line, result) => inspected.push(fromResult({ file: input, line }, result)),
      });
    } else if (looksLikePath(input)) {
      rejected.push({ file: input, line: 0, code: 'unreadable-file', params: { reason: 'ENOENT' } });
    } else {
      inspected.push(fromResult({ argument: index + 1 }, decodeHardwareHash(input, nodeHashPlatform)));
    }
  }
  const sound = inspected.filter((i) => !i.failure).length;
  if (options.json) {
    context.io.stdout(
      json({
        hashes: inspected.map((i) => inspectedJson(i, context)),
        rejected: rejected.map((r) => jsonDiagnostic(r, context.lang)),
        warnings: warnings.map((w) => jsonDiagnostic(w, context.lang)),
      }),
    );
  } else {
    context.io.stdout(humanReport(context, inspected, rejected, warnings, sound));
  }
  const allSound = inspected.length > 0 && sound === inspected.length;
  return allSound && !rejected.some((r) => r.line === 0) ? EXIT.ok : EXIT.failed;
}

function fromResult(origin: Origin, result: HashDecodeResult): Inspected {
  if (!result.ok) return { origin, hash: undefined, failure: result.failure };
  return { origin, hash: result.hash, failure: registrationBlocker(result.hash) };
}

async function pathKind(input: string): Promise<'file' | 'directory' | 'none'> {
  return stat(input).then(
    (s) => (s.isDirectory() ? 'directory' : 'file'),
    () => 'none' as const,
  );
}

/** A hash is never this short and never has a path separator or a `.csv` ending. */
function looksLikePath(input: string): boolean {
  return /[\\/]|\.csv$/i.test(input) && input.length < 1024;
}

function originText(origin: Origin, { text }: CliContext): string {
  return 'argument' in origin ? text.inspect.argument({ index: origin.argument }) : location(origin);
}

function inspectedJson(item: Inspected, { lang }: CliContext) {
  const inv = item.hash?.inventory;
  return {
    source:
      'argument' in item.origin
        ? { argument: item.origin.argument }
        : { file: item.origin.file, line: item.origin.line },
    sound: item.failure === undefined,
    problem: item.failure
      ? {
          code: item.failure.kind,
          message: hashFailureText(item.failure.kind, failureDetails(item.failure), lang),
        }
      : null,
    serial: inv?.serial ?? null,
    manufacturer: inv?.manufacturer ?? null,
    model: inv?.model ?? null,
    sku: inv?.sku ?? null,
    family: inv?.family ?? null,
    productKeyId: inv?.productKeyId ?? null,
    smbiosUuid: inv?.smbiosUuid ?? null,
    tpmVersion: inv?.tpmVersion ?? null,
    tpmEndorsementKey: inv?.tpmEndorsementKey ?? null,
    macAddresses: inv?.networkAdapters.map((a) => a.mac) ?? [],
    diskSerials: inv?.diskSerials ?? [],
    osBuild: inv?.osBuild ?? null,
    toolBuild: inv?.toolBuild ?? null,
    byteLength: item.hash?.byteLength ?? null,
    inventoryLength: item.hash?.inventoryLength ?? null,
    repadded: item.hash?.repadded ?? false,
    records:
      item.hash?.records.map((r) => ({
        type: r.type,
        name: RECORD_NAMES[r.type] ?? null,
        offset: r.offset,
        length: r.length,
      })) ?? [],
  };
}

function humanReport(
  context: CliContext,
  inspected: readonly Inspected[],
  rejected: readonly Diagnostic[],
  warnings: readonly Diagnostic[],
  sound: number,
): string {
  const { text, lang } = context;
  const labels = text.inspect.labels;
  const blocks: string[] = [];
  for (const item of inspected) {
    const inv = item.hash?.inventory;
    const status = item.failure ? text.inspect.unsound : text.inspect.sound;
    const head = [
      originText(item.origin, context),
      inv?.serial ?? '',
      inv?.manufacturer ?? '',
      inv?.model ?? '',
      status,
    ]
      .filter((s) => s.length > 0)
      .join('  ');
    const rows: string[][] = [];
    const add = (label: string, value: string | undefined) => {
      if (value !== undefined && value.length > 0) rows.push([label, value]);
    };
    if (item.failure)
      add(labels.problem!, hashFailureText(item.failure.kind, failureDetails(item.failure), lang));
    if (inv) {
      add(labels.checksum!, text.inspect.checksumVerified);
      add(labels.sku!, inv.sku);
      add(labels.family!, inv.family);
      add(labels.productKeyId!, inv.productKeyId);
      add(labels.smbiosUuid!, inv.smbiosUuid);
      add(labels.tpmVersion!, inv.tpmVersion);
      add(
        labels.tpmEndorsementKey!,
        inv.tpmEndorsementKey ? `${inv.tpmEndorsementKey.slice(0, 24)}…` : undefined,
      );
      add(labels.macAddresses!, inv.networkAdapters.map((a) => a.mac).join(', '));
      add(labels.diskSerials!, inv.diskSerials.join(', '));
      add(labels.osBuild!, inv.osBuild);
      const unknown = [
        ...new Set(item.hash!.records.filter((r) => !(r.type in RECORD_NAMES)).map((r) => r.type)),
      ];
      add(
        labels.records!,
        `${item.hash!.records.length}` +
          (unknown.length > 0 ? ` (${labels.unknownTypes}: ${unknown.join(', ')})` : ''),
      );
    }
    blocks.push(rows.length > 0 ? `${head}\n${table(rows)}` : head);
  }
  const files = [...new Set(rejected.filter((r) => r.line === 0).map((r) => r.file))];
  const out = [...blocks];
  if (rejected.length > 0) out.push(`${text.sections.rejected}\n${table(diagnosticRows(rejected, lang))}`);
  if (warnings.length > 0) out.push(`${text.sections.warnings}\n${table(diagnosticRows(warnings, lang))}`);
  if (inspected.length > 0 || files.length === 0)
    out.push(text.inspect.summary({ total: inspected.length, sound }));
  return out.join('\n\n') + '\n';
}
