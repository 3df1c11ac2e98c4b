import { describe, expect, it } from 'vitest';
import { readCsvBase64 } from '../../../../electron/api/import-preview';
import { nodeHashPlatform } from '../../../../electron/platform/sha256';
import { buildHash } from '../../../support/hash-builder';
import { plainDevice, readHashCsv } from '../../../support/read-hash-csv';
import { encodeAs } from '../../../support/text-bytes';
import type { WrittenEncoding } from '../../../support/text-bytes';

const HEADER = 'Device Serial Number,Windows Product ID,Hardware Hash,Group Tag';

/** Rows of hashes (each longer than a piece the base64 is decoded in), bad rows and Japanese tags. */
function file(encoding: WrittenEncoding, extra = ''): Uint8Array {
  const lines = [HEADER];
  for (let i = 0; i < 6; i++) {
    const serial = `PF3P${i}`;
    lines.push(`${serial},,${buildHash({ serial, nonce: i })},東京営業部${i}`, `BAD${i},,x,`);
  }
  return encodeAs(encoding, lines.map((l) => `${l}\r\n`).join('') + extra);
}

describe('readCsvBase64', () => {
  for (const encoding of ['utf-8', 'utf-8-bom', 'utf-16le-bom', 'shift_jis'] as const) {
    it(`reads a ${encoding} file sent as base64 as the reader reads its bytes`, async () => {
      // One, two and no padding characters: the last piece is decoded short.
      for (const extra of ['', 'z', 'zz']) {
        const bytes = file(encoding, extra);
        const whole = readHashCsv(bytes, undefined, 'devices.csv', nodeHashPlatform);
        const read = await readCsvBase64('devices.csv', Buffer.from(bytes).toString('base64'));
        expect(read.rows.map(plainDevice)).toEqual(whole.devices.map(plainDevice));
        expect(read.rejected).toEqual(whole.rejections);
        expect(read.warnings).toEqual(whole.warnings);
        expect(read.rows.map((r) => r.groupTag)).toEqual([0, 1, 2, 3, 4, 5].map((i) => `東京営業部${i}`));
      }
    });
  }

  it('keeps the first 1,000 rejections of a file and counts the rest exactly', async () => {
    const lines = [HEADER, ...Array.from({ length: 2500 }, (_, i) => `B${i},,x`)];
    const base64 = Buffer.from(lines.join('\n')).toString('base64');
    const read = await readCsvBase64('bad.csv', base64);
    expect(read.rejected).toHaveLength(1000);
    expect(read.rejected.at(-1)).toMatchObject({
      line: 1001,
      code: 'hash-invalid',
      params: { serial: 'B999' },
    });
    expect(read.omitted).toEqual({ rejected: 1500, warnings: 0 });
  });

  it('reads an empty file as empty', async () => {
    const read = await readCsvBase64('empty.csv', '');
    expect(read.rejected.map((r) => r.code)).toEqual(['file-empty']);
  });
});
