import * as fs from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  WriteError,
  errorCode,
  writeFailureKind,
  writeFileAtomic,
} from '../../../../electron/files/atomic-write';
import type { AtomicFs, WriteFailureKind } from '../../../../electron/files/atomic-write';

let dir: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atomic-write-'));
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function target(name = 'devices.csv'): string {
  return path.join(dir, name);
}

/** An error as Node's fs raises it: message, `code`, `syscall`, `path`. */
function fsError(code: string, syscall: string, file: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: simulated failure, ${syscall} '${file}'`);
  error.code = code;
  error.syscall = syscall;
  error.path = file;
  return error;
}

/** Where the injected file system fails, with the error code it fails with. */
interface Faults {
  readonly open?: string;
  /** `writeFile` on the handle (string and byte data); half the data reaches the disk first. */
  readonly writeFile?: string;
  /** `write` on the handle (iterable data), after `writesBefore` successful writes. */
  readonly write?: string;
  readonly writesBefore?: number;
  readonly sync?: string;
  readonly rename?: string;
  readonly unlink?: string;
}

interface Recorder {
  readonly opened: { file: string; flags: string }[];
  readonly closed: string[];
}

/**
 * The real `fs/promises`, with failures injected where a full disk or a pulled stick would fail. Data that
 * a failing write would have written in part is written in part, so the temp file really holds something.
 */
function faultyFs(faults: Faults, recorder: Recorder = { opened: [], closed: [] }): AtomicFs {
  return {
    async open(file, flags) {
      recorder.opened.push({ file, flags });
      if (faults.open) throw fsError(faults.open, 'open', file);
      return failingHandle(await fs.open(file, flags), file, faults, recorder);
    },
    async rename(from, to) {
      if (faults.rename) throw fsError(faults.rename, 'rename', from);
      await fs.rename(from, to);
    },
    async unlink(file) {
      if (faults.unlink) throw fsError(faults.unlink, 'unlink', file);
      await fs.unlink(file);
    },
  };
}

function failingHandle(handle: FileHandle, file: string, faults: Faults, recorder: Recorder): FileHandle {
  let writes = 0;
  const overrides: Partial<Record<keyof FileHandle, unknown>> = {
    async writeFile(data: string | Uint8Array) {
      if (!faults.writeFile) return handle.writeFile(data);
      await handle.writeFile(data.slice(0, Math.floor(data.length / 2)));
      throw fsError(faults.writeFile, 'write', file);
    },
    async write(data: string) {
      if (faults.write && writes >= (faults.writesBefore ?? 0)) throw fsError(faults.write, 'write', file);
      writes++;
      return handle.write(data);
    },
    async sync() {
      if (faults.sync) throw fsError(faults.sync, 'fsync', file);
      return handle.sync();
    },
    async close() {
      recorder.closed.push(file);
      return handle.close();
    },
  };
  return new Proxy(handle, {
    get(real, property) {
      if (typeof property === 'string' && property in overrides)
        return overrides[property as keyof FileHandle];
      const value: unknown = Reflect.get(real, property, real);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(real) : value;
    },
  });
}

/** `count` CSV-like lines of about 100 characters: 3,000 of them are about 300 KiB. */
function* manyLines(count: number): Generator<string> {
  for (let i = 0; i < count; i++) {
    yield `SN${String(i).padStart(6, '0')},${'T0Gx'.repeat(22)},line ${String(i).padStart(6, '0')}\r\n`;
  }
}

async function rejection(promise: Promise<unknown>): Promise<WriteError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WriteError);
  return error as WriteError;
}

describe('writeFileAtomic', () => {
  it('writes a string as UTF-8', async () => {
    await writeFileAtomic(target(), 'Serial,Tag\r\nPF3ABCDE,Grüße 日本\r\n');

    expect(await fs.readFile(target(), 'utf8')).toBe('Serial,Tag\r\nPF3ABCDE,Grüße 日本\r\n');
  });

  it('writes a Uint8Array byte for byte', async () => {
    const bytes = Uint8Array.from({ length: 512 }, (_, i) => (i * 31) & 0xff);

    await writeFileAtomic(target('hash.bin'), bytes);

    expect(new Uint8Array(await fs.readFile(target('hash.bin')))).toEqual(bytes);
  });

  it('writes an iterable of strings in order', async () => {
    await writeFileAtomic(target(), ['Device Serial Number\r\n', 'PF3ABCDE\r\n', 'PF3ABCDF\r\n']);

    expect(await fs.readFile(target(), 'utf8')).toBe('Device Serial Number\r\nPF3ABCDE\r\nPF3ABCDF\r\n');
  });

  it('writes a large iterable over 256 KiB completely and in order', async () => {
    const expected = [...manyLines(3000)].join('');
    expect(expected.length).toBeGreaterThan(256 * 1024);

    await writeFileAtomic(target(), manyLines(3000));

    expect(await fs.readFile(target(), 'utf8')).toBe(expected);
  });

  it('writes non-ASCII pieces of an iterable as UTF-8', async () => {
    const pieces = ['ユーザー\r\n', 'Grüße\r\n', '😀\r\n'];

    await writeFileAtomic(target(), pieces);

    expect(await fs.readFile(target(), 'utf8')).toBe(pieces.join(''));
  });

  it('writes an empty iterable as an empty file', async () => {
    await writeFileAtomic(target(), []);

    expect(await fs.readFile(target(), 'utf8')).toBe('');
  });

  it('replaces a longer existing file completely', async () => {
    await fs.writeFile(target(), 'an older and much longer export that must not leave a tail behind');

    await writeFileAtomic(target(), 'new');

    expect(await fs.readFile(target(), 'utf8')).toBe('new');
  });

  it('leaves no temp file behind on success', async () => {
    await writeFileAtomic(target(), 'first');
    await writeFileAtomic(target(), manyLines(3000));
    await writeFileAtomic(target('other.csv'), new Uint8Array([1, 2, 3]));

    expect((await fs.readdir(dir)).sort()).toEqual(['devices.csv', 'other.csv']);
  });

  it('creates a new hidden temp file beside the target and renames it over the target', async () => {
    const recorder: Recorder = { opened: [], closed: [] };

    await writeFileAtomic(target(), 'data', faultyFs({}, recorder));

    expect(recorder.opened).toHaveLength(1);
    const temp = recorder.opened[0]!;
    expect(path.dirname(temp.file)).toBe(dir);
    expect(path.basename(temp.file)).toMatch(/^\.devices\.csv\.[0-9a-f]{12}\.tmp$/);
    expect(temp.flags).toBe('wx');
    expect(recorder.closed).toEqual([temp.file]);
  });

  it('gives not-found when the folder does not exist, and creates nothing', async () => {
    const file = path.join(dir, 'missing', 'devices.csv');

    const error = await rejection(writeFileAtomic(file, 'data'));

    expect(error).toMatchObject({ kind: 'not-found', file, code: 'ENOENT' });
    expect(await fs.readdir(dir)).toEqual([]);
  });
});

describe('writeFileAtomic when the file system fails', () => {
  const OLD = 'Device Serial Number\r\nOLD0001\r\n';

  const cases: readonly {
    readonly name: string;
    readonly faults: Faults;
    readonly data: () => string | Uint8Array | Iterable<string>;
    readonly kind: WriteFailureKind;
    readonly code: string;
  }[] = [
    {
      name: 'open fails with ENOSPC',
      faults: { open: 'ENOSPC' },
      data: () => 'new',
      kind: 'no-space',
      code: 'ENOSPC',
    },
    {
      name: 'open fails with EROFS',
      faults: { open: 'EROFS' },
      data: () => 'new',
      kind: 'read-only',
      code: 'EROFS',
    },
    {
      name: 'open fails with EACCES',
      faults: { open: 'EACCES' },
      data: () => 'new',
      kind: 'permission',
      code: 'EACCES',
    },
    {
      name: 'writing a string fails with EIO',
      faults: { writeFile: 'EIO' },
      data: () => 'new content',
      kind: 'io',
      code: 'EIO',
    },
    {
      name: 'writing bytes fails with ENOSPC',
      faults: { writeFile: 'ENOSPC' },
      data: () => new Uint8Array(4096).fill(0x41),
      kind: 'no-space',
      code: 'ENOSPC',
    },
    {
      name: 'the second batch of a large iterable fails with ENOSPC',
      faults: { write: 'ENOSPC', writesBefore: 1 },
      data: () => manyLines(6000),
      kind: 'no-space',
      code: 'ENOSPC',
    },
    {
      name: 'the first write of an iterable fails with EIO',
      faults: { write: 'EIO' },
      data: () => ['a\r\n', 'b\r\n'],
      kind: 'io',
      code: 'EIO',
    },
    { name: 'sync fails with EIO', faults: { sync: 'EIO' }, data: () => 'new', kind: 'io', code: 'EIO' },
    {
      name: 'sync fails with ENOSPC',
      faults: { sync: 'ENOSPC' },
      data: () => manyLines(10),
      kind: 'no-space',
      code: 'ENOSPC',
    },
    {
      name: 'rename fails with EXDEV',
      faults: { rename: 'EXDEV' },
      data: () => 'new',
      kind: 'unknown',
      code: 'EXDEV',
    },
    { name: 'rename fails with EIO', faults: { rename: 'EIO' }, data: () => 'new', kind: 'io', code: 'EIO' },
  ];

  it.each(cases)('keeps the earlier file intact when $name', async ({ faults, data }) => {
    await fs.writeFile(target(), OLD);

    await rejection(writeFileAtomic(target(), data(), faultyFs(faults)));

    expect(await fs.readFile(target(), 'utf8')).toBe(OLD);
  });

  it.each(cases)('leaves no temp file and no open handle when $name', async ({ faults, data }) => {
    await fs.writeFile(target(), OLD);
    const recorder: Recorder = { opened: [], closed: [] };

    await rejection(writeFileAtomic(target(), data(), faultyFs(faults, recorder)));

    expect(await fs.readdir(dir)).toEqual(['devices.csv']);
    // A handle that was opened is closed again (Windows could not delete the temp file otherwise).
    if (!faults.open) expect(recorder.closed).toContain(recorder.opened[0]!.file);
  });

  it.each(cases)('throws a WriteError of kind $kind naming the target when $name', async (c) => {
    const error = await rejection(writeFileAtomic(target(), c.data(), faultyFs(c.faults)));

    expect(error).toMatchObject({ name: 'WriteError', kind: c.kind, file: target(), code: c.code });
    expect(errorCode(error.cause)).toBe(c.code);
    expect(error.message).toContain(target());
  });

  it('never puts a short-written file in place of the earlier one', async () => {
    // write(2) may write fewer bytes than asked (a disk filling up does this before it fails with ENOSPC);
    // FileHandle.write then resolves with the smaller bytesWritten and it is up to the caller to go on.
    await fs.writeFile(target(), OLD);
    const shortWrites: AtomicFs = {
      ...faultyFs({}),
      async open(file, flags) {
        const handle = await fs.open(file, flags);
        return new Proxy(handle, {
          get(real, property) {
            if (property === 'write') {
              // Writes at most half of what is asked each time (at least one byte), string or buffer.
              return async (data: string | Uint8Array, offset?: number, length?: number) => {
                const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
                const from = typeof data === 'string' ? 0 : (offset ?? 0);
                const asked = typeof data === 'string' ? bytes.length : (length ?? bytes.length - from);
                const part = bytes.subarray(from, from + Math.max(1, Math.floor(asked / 2)));
                const { bytesWritten } = await real.write(part);
                return { bytesWritten, buffer: data };
              };
            }
            const value: unknown = Reflect.get(real, property, real);
            return typeof value === 'function'
              ? (value as (...args: unknown[]) => unknown).bind(real)
              : value;
          },
        });
      },
    };
    const expected = ['Device Serial Number\r\n', 'PF3ABCDE\r\n'];

    await writeFileAtomic(target(), expected, shortWrites).catch(() => undefined);

    expect([OLD, expected.join('')]).toContain(await fs.readFile(target(), 'utf8'));
  });

  it('reports the first failure even when removing the temp file fails too', async () => {
    await fs.writeFile(target(), OLD);

    const error = await rejection(
      writeFileAtomic(target(), 'new', faultyFs({ rename: 'EIO', unlink: 'EACCES' })),
    );

    expect(error).toMatchObject({ kind: 'io', code: 'EIO' });
    expect(await fs.readFile(target(), 'utf8')).toBe(OLD);
  });

  it('keeps the earlier file intact when the data source itself throws, with kind unknown', async () => {
    await fs.writeFile(target(), OLD);
    function* failing(): Generator<string> {
      yield 'Device Serial Number\r\n';
      throw new Error('device cannot be written');
    }

    const error = await rejection(writeFileAtomic(target(), failing()));

    expect(error).toMatchObject({ kind: 'unknown', file: target(), code: undefined });
    expect(await fs.readFile(target(), 'utf8')).toBe(OLD);
    expect(await fs.readdir(dir)).toEqual(['devices.csv']);
  });
});

describe('writeFailureKind', () => {
  it.each([
    ['ENOSPC', 'no-space'],
    ['EDQUOT', 'no-space'],
    ['EROFS', 'read-only'],
    ['ENOENT', 'not-found'],
    ['ENOTDIR', 'not-a-folder'],
    ['EACCES', 'permission'],
    ['EPERM', 'permission'],
    ['EIO', 'io'],
    ['ENXIO', 'io'],
    ['ENODEV', 'io'],
    ['EXDEV', 'unknown'],
    ['EBUSY', 'unknown'],
    [undefined, 'unknown'],
  ] as const)('maps %s to %s', (code, kind) => {
    expect(writeFailureKind(code)).toBe(kind);
  });
});

describe('errorCode', () => {
  it('reads the code of a Node error', () => {
    expect(errorCode(fsError('ENOSPC', 'write', 'x'))).toBe('ENOSPC');
  });

  it.each([
    ['a plain Error', new Error('boom')],
    ['a number code', Object.assign(new Error('boom'), { code: 5 })],
    ['a string', 'ENOSPC'],
    ['null', null],
    ['undefined', undefined],
  ])('gives undefined for %s', (_name, error) => {
    expect(errorCode(error)).toBeUndefined();
  });
});
