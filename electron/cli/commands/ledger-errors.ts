/** Opening the ledger for a command, and saying in plain words why it could not be used. */
import { LedgerError } from '../../ledger/ledger';
import type { Ledger } from '../../ledger/ledger';
import { EXIT } from '../cli-io';
import type { LedgerLocation } from '../ledger-location';
import { openLedger } from '../ledger-location';
import type { CliContext } from '../main';

export async function withLedger(
  context: CliContext,
  where: LedgerLocation,
  work: (ledger: Ledger) => Promise<number>,
  access: 'read-write' | 'read-only' = 'read-write',
): Promise<number> {
  let ledger: Ledger;
  try {
    ledger = await openLedger(where, access === 'read-only');
  } catch (error) {
    return explain(context, error);
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

function explain({ io, text }: CliContext, error: unknown): number {
  if (!(error instanceof LedgerError)) throw error;
  io.stderr(`harvester: ${text.ledger.errors[error.kind]({ file: error.file, detail: error.message })}\n`);
  return EXIT.failed;
}
