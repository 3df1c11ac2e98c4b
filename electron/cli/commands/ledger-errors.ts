/** Opening the ledger for a command, and saying in plain words why it could not be used. */
import { LedgerError } from '../../ledger/ledger';
import type { Ledger } from '../../ledger/ledger';
import { writeFailureKind } from '../../files/atomic-write';
import { EXIT } from '../cli-io';
import type { LedgerLocation } from '../ledger-location';
import { openLedger } from '../ledger-location';
import type { CliContext } from '../main';

/**
 * `read-write-or-read-only`: for work that only reads the ledger and would like to record what it did (an
 * export): when the ledger's drive cannot be written (read-only, full, no permission), the ledger is opened
 * read-only instead and the work goes on, told by `ledger.readOnly`; stderr says why.
 */
export async function withLedger(
  context: CliContext,
  where: LedgerLocation,
  work: (ledger: Ledger) => Promise<number>,
  access: 'read-write' | 'read-only' | 'read-write-or-read-only' = 'read-write',
  /** How to open it; tests pass one over a file system that fails. */
  open: (where: LedgerLocation, readOnly: boolean) => Promise<Ledger> = openLedger,
): Promise<number> {
  let ledger: Ledger;
  try {
    ledger = await open(where, access === 'read-only');
  } catch (error) {
    if (access !== 'read-write-or-read-only' || !isUnwritableDrive(error)) return explain(context, error);
    try {
      ledger = await open(where, true);
    } catch (readError) {
      return explain(context, readError);
    }
    context.io.stderr(
      `harvester: ${context.text.ledger.readOnlyFallback({ dir: ledger.dir, detail: error.message })}\n`,
    );
  }
  try {
    for (const skipped of ledger.report.skipped) {
      context.io.stderr(
        context.text.ledger.skippedLine({ file: ledger.dir, line: skipped.line, reason: skipped.reason }) +
          '\n',
      );
    }
    return await work(ledger);
  } catch (error) {
    return explain(context, error);
  } finally {
    await ledger.close();
  }
}

/** The ledger's drive refuses writes (a write-protected or full stick, a folder without write access). */
function isUnwritableDrive(error: unknown): error is LedgerError {
  if (!(error instanceof LedgerError) || error.kind !== 'write-failed') return false;
  const kind = writeFailureKind(error.code);
  return kind === 'read-only' || kind === 'no-space' || kind === 'permission';
}

function explain({ io, text }: CliContext, error: unknown): number {
  if (!(error instanceof LedgerError)) throw error;
  io.stderr(`harvester: ${text.ledger.errors[error.kind]({ file: error.file, detail: error.message })}\n`);
  return EXIT.failed;
}
