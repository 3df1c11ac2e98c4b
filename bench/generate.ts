/** Writes a hash CSV of `count` distinct generated devices, as Windows PowerShell 7 would (UTF-8, CRLF). */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { buildHash } from '../tests/support/hash-builder';

export async function writeDevicesCsv(file: string, count: number): Promise<number> {
  const out = createWriteStream(file);
  let bytes = 0;
  const write = async (text: string) => {
    bytes += text.length;
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('Device Serial Number,Windows Product ID,Hardware Hash\r\n');
  for (let i = 0; i < count; i++) {
    const serial = `BENCH${String(i).padStart(7, '0')}`;
    const hash = buildHash({
      serial,
      macs: [macFor(i)],
      diskSerials: [`DISK${i}`],
      nonce: i,
    });
    await write(`${serial},,${hash}\r\n`);
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}

function macFor(i: number): string {
  const b = [0x02, 0x00, (i >>> 24) & 255, (i >>> 16) & 255, (i >>> 8) & 255, i & 255];
  return b.map((x) => x.toString(16).padStart(2, '0')).join(':');
}
