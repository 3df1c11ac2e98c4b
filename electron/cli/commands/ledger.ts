/**
 * `harvester ledger add FILES... [--ledger DIR]` and `harvester ledger list [--ledger DIR] [--json]`.
 *
 * `ledger add` prints one line per row on stdout: `added SERIAL` only once the device is durable on disk,
 * `duplicate SERIAL`, or `rejected FILE:LINE CODE` (line 0 for a whole file). Scripts key on these words;
 * warnings, replaced hardware and the summary go to stderr in the user's language.
 */
import { z } from 'zod';
import type { DeviceRow } from '../../../shared/device';
import { DiagnosticLimit } from '../../../shared/diagnostic-limit';
import type { LedgerDevice } from '../../../shared/ledger/ledger-events';
import { diagnosticMessage } from '../../../shared/i18n/diagnostic-messages';
import type { Ledger } from '../../ledger/ledger';
import { readHashCsvFile } from '../../merge/read-hash-csv-file';
import { EXIT } from '../cli-io';
import { ledgerLocation } from '../ledger-location';
import type { CliContext } from '../main';
import { jsonPieces, location, tableLines, writeInPieces } from '../output';
import { withLedger } from './ledger-errors';

const AddOptions = z.object({ ledger: z.string().optional() });
const ListOptions = z.object({
  ledger: z.string().optional(),
  all: z.boolean().default(false),
  json: z.boolean().default(false),
});

/** Rows are made durable in batches: one fsync acknowledges up to this many devices. */
const BATCH = 500;

export async function runLedgerAdd(
  context: CliContext,
  files: readonly string[],
  raw: unknown,
): Promise<number> {
  const options = AddOptions.parse(raw);
  const { io, text, lang } = context;
  return withLedger(context, ledgerLocation(options.ledger, io.env), async (ledger) => {
    const counts = { added: 0, replaced: 0, duplicates: 0, rejected: 0 };
    for (const file of files) {
      const rows: DeviceRow[] = [];
      // The contract's lines as short strings, not diagnostics: a file of millions of bad rows stays small.
      const rejected: string[] = [];
      const warnings: string[] = [];
      const limit = new DiagnosticLimit();
      await readHashCsvFile(file, {
        device: (row) => void rows.push(row),
        rejected: (r) => void rejected.push(`rejected ${r.file}:${r.line} ${r.code}\n`),
        warning: (w) => {
          if (limit.keepWarning(w)) {
            warnings.push(`warning ${location(w)} ${w.code}: ${diagnosticMessage(w, lang)}\n`);
          }
        },
        // Every rejection is a line of the contract; only warnings are capped, so only they are gated.
        gate: {
          wouldKeep: (file, kind) => kind === 'rejection' || limit.wouldKeep(file, kind),
          omit: (file, kind) => limit.omit(file, kind),
        },
      });
      for (let i = 0; i < rows.length; i += BATCH) {
        const outcomes = await ledger.addRows(rows.slice(i, i + BATCH), (row) => ({
          kind: 'imported',
          file: row.source.file,
          line: row.source.line,
        }));
        // The contract's words: a replaced device (new hardware for a serial already there) is `added`: its
        // new hash is what was added; stderr says what happened.
        io.stdout(
          outcomes
            .map((o) => `${o.kind === 'duplicate' ? 'duplicate' : 'added'} ${o.device.serial}\n`)
            .join(''),
        );
        for (const o of outcomes) {
          if (o.kind === 'replaced') io.stderr(text.ledger.replaced({ serial: o.device.serial }) + '\n');
          if (o.kind === 'added') counts.added++;
          else if (o.kind === 'replaced') counts.replaced++;
          else counts.duplicates++;
        }
      }
      writeInPieces(io.stdout, rejected);
      writeInPieces(io.stderr, warnings);
      for (const o of limit.omitted)
        io.stderr(text.omittedWarnings({ count: o.warnings, file: o.file }) + '\n');
      counts.rejected += rejected.length;
    }
    io.stderr(text.ledger.addSummary({ ...counts, dir: ledger.dir }) + '\n');
    return counts.added + counts.replaced + counts.duplicates > 0 ? EXIT.ok : EXIT.failed;
  });
}

export async function runLedgerList(context: CliContext, raw: unknown): Promise<number> {
  const options = ListOptions.parse(raw);
  return withLedger(
    context,
    ledgerLocation(options.ledger, context.io.env),
    async (ledger) => {
      const devices = ledger.list({ includeDeleted: options.all });
      // Written in pieces: a ledger of 100,000s of devices is never one string.
      if (options.json) writeInPieces(context.io.stdout, jsonPieces({ devices: devices.map(deviceJson) }));
      else writeInPieces(context.io.stdout, humanList(context, ledger, devices));
      return EXIT.ok;
    },
    'read-only',
  );
}

/** A ledger device as JSON: the `ledger list` contract fields first. */
export function deviceJson(device: LedgerDevice) {
  return {
    serial: device.serial,
    manufacturer: device.manufacturer,
    model: device.model,
    groupTag: device.groupTag,
    state: device.state,
    id: device.id,
    productId: device.productId,
    assignedUser: device.assignedUser,
    addedAt: device.addedAt,
    source: device.source,
    exports: device.exports,
  };
}

function* humanList(
  { text, lang }: CliContext,
  ledger: Ledger,
  devices: readonly LedgerDevice[],
): Generator<string> {
  yield `${text.ledger.listHeader({ count: devices.length, dir: ledger.dir })}\n`;
  if (devices.length === 0) return;
  const date = new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-US', {
    dateStyle: 'short',
    timeStyle: 'short',
  });
  const rows = devices.map((d) => [
    d.serial,
    d.manufacturer,
    d.model,
    d.groupTag || '-',
    text.ledger.states[d.state] ?? d.state,
    date.format(new Date(d.addedAt)),
  ]);
  for (const line of tableLines(rows)) yield `${line}\n`;
}

const ChangeOptions = z.object({ ledger: z.string().optional() });

/**
 * `harvester ledger remove|restore SERIAL|ID... [--ledger DIR]`: removing is a recorded event, undone by
 * restore; nothing is erased. Prints `removed SERIAL` / `restored SERIAL`, or `not-found WHAT` /
 * `ambiguous WHAT` (a serial shared by devices of different makers: give the id from `ledger list --json`).
 */
export async function runLedgerChange(
  context: CliContext,
  change: 'remove' | 'restore',
  targets: readonly string[],
  raw: unknown,
): Promise<number> {
  const options = ChangeOptions.parse(raw);
  return withLedger(context, ledgerLocation(options.ledger, context.io.env), async (ledger) => {
    const devices = ledger.list({ includeDeleted: true });
    const chosen: LedgerDevice[] = [];
    const lines: string[] = [];
    for (const target of targets) {
      const matches = devices.filter((d) => d.id === target || d.serial === target);
      if (matches.length === 1) chosen.push(matches[0]!);
      else lines.push(`${matches.length === 0 ? 'not-found' : 'ambiguous'} ${target}`);
    }
    const wanted = chosen.filter((d) =>
      change === 'remove' ? d.state !== 'deleted' : d.state === 'deleted',
    );
    if (change === 'remove') await ledger.remove(wanted.map((d) => d.id));
    else await ledger.restore(wanted.map((d) => d.id));
    const word = change === 'remove' ? 'removed' : 'restored';
    context.io.stdout([...chosen.map((d) => `${word} ${d.serial}`), ...lines].map((l) => `${l}\n`).join(''));
    return lines.length === 0 ? EXIT.ok : EXIT.failed;
  });
}
