import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ForeignLine,
  appendToJournal,
  encodeJournalLine,
  journalLines,
  nodeLedgerFs,
  readJournal,
} from '../../../../electron/ledger/journal';
import type { LedgerEvent, LedgerRecord } from '../../../../shared/ledger/ledger-events';
import { buildHash } from '../../../support/hash-builder';
import { useTempDir } from '../../../support/temp-dir';

const temp = useTempDir('harvester-journal-');
const HASH = buildHash();

function added(n: number, extra: Partial<Extract<LedgerEvent, { type: 'device-added' }>> = {}): LedgerRecord {
  return {
    id: `id-${n}`,
    seq: n,
    at: '2025-11-24T10:00:00.000Z',
    event: {
      type: 'device-added',
      deviceId: `dev-${n}`,
      serial: `SN${n}`,
      manufacturer: 'LENOVO',
      model: '20XW0026JP',
      productId: '',
      groupTag: 'Microsoft365Managed_Autopilot',
      assignedUser: '',
      hash: HASH,
      fingerprint: 'f'.repeat(64),
      source: { kind: 'imported', file: 'devices.csv', line: n + 1 },
      ...extra,
    },
  };
}

function journalOf(...lines: string[]): string {
  return temp.file('journal.jsonl', lines.join(''));
}

async function read(file: string) {
  return readJournal(nodeLedgerFs, file);
}

describe('the journal format', () => {
  it('writes one record per line as JSON, a tab and 8 hex digits of checksum', () => {
    const line = encodeJournalLine(added(1));

    expect(line).toMatch(/^\{.*\}\t[0-9a-f]{8}\n$/);
    expect(line.split('\n')).toHaveLength(2);
  });

  it('reads back exactly the records it wrote', async () => {
    const records = [added(1), added(2, { serial: 'SN "quoted" \\ back' }), added(3)];
    const contents = await read(journalOf(...records.map(encodeJournalLine)));

    expect(contents.entries).toEqual(records);
    expect(contents.skipped).toEqual([]);
    expect(contents.lastSeq).toBe(3);
  });

  it('reads text that is not ASCII, such as a Japanese file name', async () => {
    const record = added(1, { source: { kind: 'imported', file: 'D:\\端末一覧.csv', line: 2 } });

    expect((await read(journalOf(encodeJournalLine(record)))).entries).toEqual([record]);
  });

  it('reads a hash with characters JSON escapes', async () => {
    const record = added(1, { hash: 'ab"c\\d/e' });

    expect((await read(journalOf(encodeJournalLine(record)))).entries).toEqual([record]);
  });

  it('takes the hash from the event even when another "hash" key comes first', async () => {
    const record: LedgerRecord = {
      id: 'x',
      seq: 1,
      at: '2025-11-24T10:00:00.000Z',
      event: {
        type: 'device-seen',
        deviceId: 'd',
        source: { kind: 'collected', computerName: 'PC', hash: 'decoy' } as never,
      },
    };
    const withLaterHash = { ...added(2), id: 'y' };
    const json = JSON.stringify({
      ...withLaterHash,
      event: { ...withLaterHash.event, decoy: { hash: 'decoy' } },
    });
    const decoyFirst = JSON.stringify({
      id: 'z',
      seq: 3,
      at: '2025-11-24T10:00:00.000Z',
      event: { decoy: { hash: 'decoy' }, ...added(3).event },
    });
    const { crc32 } = await import('node:zlib');
    const line = (text: string) => `${text}\t${crc32(text).toString(16).padStart(8, '0')}\n`;

    const contents = await read(journalOf(encodeJournalLine(record), line(json), line(decoyFirst)));

    expect(contents.entries.map((e) => (e as LedgerRecord).event)).toMatchObject([
      { type: 'device-seen' },
      { hash: HASH },
      { hash: HASH },
    ]);
  });

  it('reads a missing journal as an empty one', async () => {
    const contents = await read(path.join(temp.path(), 'none.jsonl'));

    expect(contents).toEqual({ exists: false, entries: [], skipped: [], lastSeq: 0 });
  });

  it('reads records across read chunks (a journal over 8 MB)', async () => {
    const records = Array.from({ length: 2_500 }, (_, i) => added(i + 1));
    const contents = await read(journalOf(...records.map(encodeJournalLine)));

    expect(contents.entries).toHaveLength(2_500);
    expect(contents.entries[2_499]).toEqual(records[2_499]);
    expect(contents.skipped).toEqual([]);
  });

  it('ignores empty lines and Windows line ends', async () => {
    const crlf = encodeJournalLine(added(2)).replace('\n', '\r\n');
    const contents = await read(journalOf(encodeJournalLine(added(1)), '\n\n', crlf));

    expect(contents.entries).toEqual([added(1), added(2)]);
    expect(contents.skipped).toEqual([]);
  });
});

describe('reading a damaged journal', () => {
  it('skips a torn last line and reports it, keeping everything before it', async () => {
    const torn = encodeJournalLine(added(3)).slice(0, 1000);
    const contents = await read(journalOf(encodeJournalLine(added(1)), encodeJournalLine(added(2)), torn));

    expect(contents.entries).toEqual([added(1), added(2)]);
    expect(contents.skipped).toEqual([{ line: 3, reason: 'torn' }]);
  });

  it('reports a last line that fails its checksum as torn', async () => {
    const bad = encodeJournalLine(added(2)).replace('SN2', 'SN9');
    const contents = await read(journalOf(encodeJournalLine(added(1)), bad));

    expect(contents.skipped).toEqual([{ line: 2, reason: 'torn' }]);
  });

  it('keeps a sound last line whose newline was not written', async () => {
    const contents = await read(
      journalOf(encodeJournalLine(added(1)), encodeJournalLine(added(2)).trimEnd()),
    );

    expect(contents.entries).toEqual([added(1), added(2)]);
    expect(contents.skipped).toEqual([]);
  });

  it('skips a damaged line in the middle and reads the records after it', async () => {
    const flipped = encodeJournalLine(added(2)).replace('LENOVO', 'LENOVP');
    const contents = await read(journalOf(encodeJournalLine(added(1)), flipped, encodeJournalLine(added(3))));

    expect(contents.entries).toEqual([added(1), added(3)]);
    expect(contents.skipped).toEqual([{ line: 2, reason: 'checksum' }]);
  });

  it('skips a line without a checksum', async () => {
    const contents = await read(journalOf(`${JSON.stringify(added(1))}\n`, encodeJournalLine(added(2))));

    expect(contents.entries).toEqual([added(2)]);
    expect(contents.skipped).toEqual([{ line: 1, reason: 'checksum' }]);
  });

  it('keeps a sound line this version cannot read, as written, and reports it', async () => {
    const future = { id: 'f1', seq: 2, at: '2025-11-24T10:00:00.000Z', event: { type: 'device-submitted' } };
    const futureLine = encodeJournalLine(future as never);
    const contents = await read(
      journalOf(encodeJournalLine(added(1)), futureLine, encodeJournalLine(added(3))),
    );

    expect(contents.skipped).toEqual([{ line: 2, reason: 'schema' }]);
    expect(contents.entries[1]).toBeInstanceOf(ForeignLine);
    expect([...journalLines(contents.entries)].join('')).toBe(
      [added(1), future, added(3)].map((r) => encodeJournalLine(r as never)).join(''),
    );
  });

  it('skips a "line" too long to be a record without failing', async () => {
    const file = journalOf(encodeJournalLine(added(1)));
    appendFileSync(file, 'x'.repeat(17 << 20) + '\n');
    appendFileSync(file, encodeJournalLine(added(3)));

    const contents = await read(file);

    expect(contents.entries).toEqual([added(1), added(3)]);
    expect(contents.skipped).toEqual([{ line: 2, reason: 'checksum' }]);
  });

  it('says where a torn last line starts: the end of the last complete line', async () => {
    const sound = encodeJournalLine(added(1)) + encodeJournalLine(added(2));
    const contents = await read(journalOf(sound, encodeJournalLine(added(3)).slice(0, 1000)));

    expect(contents.tornAt).toBe(Buffer.byteLength(sound));
  });

  it('says where a torn last line starts in a journal read in several chunks', async () => {
    const sound = Array.from({ length: 2500 }, (_, i) => encodeJournalLine(added(i + 1))).join('');
    const contents = await read(journalOf(sound, '\r\n', encodeJournalLine(added(9999)).slice(0, 3000)));

    expect(contents.entries).toHaveLength(2500);
    expect(contents.tornAt).toBe(Buffer.byteLength(sound) + 2);
  });

  it('says where a torn "line" too long to be a record starts', async () => {
    const file = journalOf(encodeJournalLine(added(1)));
    appendFileSync(file, 'x'.repeat(17 << 20));

    const contents = await read(file);

    expect(contents.skipped).toEqual([{ line: 2, reason: 'torn' }]);
    expect(contents.tornAt).toBe(Buffer.byteLength(encodeJournalLine(added(1))));
  });

  it('says nothing is torn when the damage is in the middle', async () => {
    const flipped = encodeJournalLine(added(2)).replace('LENOVO', 'LENOVP');
    const contents = await read(journalOf(encodeJournalLine(added(1)), flipped, encodeJournalLine(added(3))));

    expect(contents.tornAt).toBeUndefined();
  });

  it('never throws on arbitrary bytes', async () => {
    const file = path.join(temp.path(), 'random.jsonl');
    const sound = encodeJournalLine(added(1));
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 400 }),
        fc.nat({ max: sound.length }),
        async (bytes, cut) => {
          writeFileSync(
            file,
            Buffer.concat([Buffer.from(sound.slice(0, cut)), bytes, Buffer.from(`\n${sound}`)]),
          );
          const contents = await read(file);
          expect(contents.entries.length).toBeGreaterThanOrEqual(1);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('appendToJournal', () => {
  it('starts on a fresh line after a torn one', async () => {
    const file = journalOf(encodeJournalLine(added(1)), encodeJournalLine(added(2)).slice(0, 50));

    await appendToJournal(nodeLedgerFs, file, [encodeJournalLine(added(3))]);
    const contents = await read(file);

    expect(contents.entries).toEqual([added(1), added(3)]);
    expect(contents.skipped).toEqual([{ line: 2, reason: 'checksum' }]);
  });

  it('cuts a torn last line off first when told where it starts', async () => {
    const sound = encodeJournalLine(added(1));
    const file = journalOf(sound, encodeJournalLine(added(2)).slice(0, 50));
    const { tornAt } = await read(file);

    await appendToJournal(nodeLedgerFs, file, [encodeJournalLine(added(3))], tornAt);

    expect(readFileSync(file, 'utf8')).toBe(sound + encodeJournalLine(added(3)));
  });

  it('creates the journal when there is none', async () => {
    const file = path.join(temp.path(), 'new.jsonl');

    await appendToJournal(nodeLedgerFs, file, [encodeJournalLine(added(1))]);

    expect(readFileSync(file, 'utf8')).toBe(encodeJournalLine(added(1)));
  });
});
