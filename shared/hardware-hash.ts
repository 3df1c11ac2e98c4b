/**
 * Decoding and verification of the Windows Autopilot hardware hash (the "4K hash").
 *
 * Layout (BRIEF §3): `OA`, u16 LE inventory length L, records `[type u8][0][len u16 LE incl. header][value]`
 * up to L, then a 36-byte `CS` record holding SHA-256 of bytes [0, L), then zero padding. Nothing here throws
 * on hostile input: every failure is a value with a specific reason.
 */
import { decodeBase64, encodeBase64 } from './base64';

/** SHA-256 supplied by the platform: Node's crypto in the services; any implementation elsewhere. */
export type Sha256 = (data: Uint8Array) => Uint8Array;

/**
 * What the platform lends the decoder: SHA-256, and optionally a native base64 decoder that returns the
 * bytes only for canonical standard base64 (`undefined` otherwise, and the strict decoder here then names
 * the problem). Merging 100,000 hashes spends most of its time in these two.
 */
export type HashPlatform = Sha256 | PlatformAccelerators;

export interface PlatformAccelerators {
  readonly sha256: Sha256;
  readonly decodeBase64?: (text: string) => Uint8Array | undefined;
  /** The text of bytes that are all ASCII, or `undefined` when some are not (see StreamingTextDecoder). */
  readonly decodeAscii?: (bytes: Uint8Array) => string | undefined;
}

export type HashFailure =
  | { readonly kind: 'empty' }
  | { readonly kind: 'not-base64'; readonly position: number; readonly character: string }
  | { readonly kind: 'bad-base64-length'; readonly length: number }
  | { readonly kind: 'too-short'; readonly byteLength: number }
  | { readonly kind: 'bad-magic' }
  | { readonly kind: 'bad-inventory-length'; readonly inventoryLength: number; readonly byteLength: number }
  | {
      readonly kind: 'bad-record-length';
      readonly offset: number;
      readonly recordType: number;
      readonly recordLength: number;
    }
  | { readonly kind: 'truncated'; readonly byteLength: number; readonly needed: number }
  | { readonly kind: 'missing-checksum'; readonly offset: number }
  | { readonly kind: 'checksum-mismatch' }
  | { readonly kind: 'no-serial' }
  | { readonly kind: 'no-manufacturer' };

export type HashFailureKind = HashFailure['kind'];

/** One record of the inventory, kept whether or not its type is known. */
export interface HashRecord {
  readonly type: number;
  /** Byte offset of the record header within the decoded hash. */
  readonly offset: number;
  /** Length including the 4-byte header, as stored. */
  readonly length: number;
}

export interface NetworkAdapter {
  readonly medium: number;
  /** `AA:BB:CC:DD:EE:FF` */
  readonly mac: string;
}

/** What a sound hash says about its device. Strings are trimmed; absent records are `undefined`. */
export interface HashInventory {
  readonly serial: string | undefined;
  readonly manufacturer: string | undefined;
  readonly model: string | undefined;
  readonly sku: string | undefined;
  readonly family: string | undefined;
  readonly productKeyId: string | undefined;
  readonly smbiosUuid: string | undefined;
  readonly tpmVersion: string | undefined;
  /** Base64 of the TPM endorsement public key record. */
  readonly tpmEndorsementKey: string | undefined;
  readonly networkAdapters: readonly NetworkAdapter[];
  readonly diskSerials: readonly string[];
  readonly osBuild: string | undefined;
  readonly toolBuild: string | undefined;
}

export interface DecodedHardwareHash {
  /** Identity fields, decoded eagerly because every row needs them (the rest of `inventory` is lazy). */
  readonly serial: string | undefined;
  readonly manufacturer: string | undefined;
  readonly model: string | undefined;
  /** The hash bytes with the trailing zero padding cut off (it carries nothing). */
  readonly bytes: Uint8Array;
  /** Length of the full decoded buffer including padding (3,000 on every real hash seen). */
  readonly byteLength: number;
  readonly inventoryLength: number;
  readonly records: readonly HashRecord[];
  readonly inventory: HashInventory;
  /** Missing base64 padding was added; the hash verified after that. */
  readonly repadded: boolean;
}

export type HashDecodeResult =
  | { readonly ok: true; readonly hash: DecodedHardwareHash }
  | { readonly ok: false; readonly failure: HashFailure };

/** Record types from the public decoders (BRIEF §3). Others are kept as unknown. */
export const RECORD_NAMES: Readonly<Record<number, string>> = {
  1: 'tool and OS build',
  2: 'CPU architecture',
  3: 'CPU manufacturer',
  4: 'CPU model',
  5: 'memory',
  6: 'disk',
  7: 'disk serial',
  8: 'network adapter',
  9: 'display',
  10: 'chassis',
  11: 'TPM offline device ID',
  12: 'SMBIOS UUID',
  13: 'TPM version',
  14: 'serial number',
  15: 'firmware vendor',
  16: 'manufacturer',
  17: 'model',
  18: 'SKU',
  19: 'family',
  20: 'firmware vendor',
  21: 'board product',
  22: 'board version',
  23: 'system version',
  24: 'product key ID',
  25: 'TPM endorsement key',
  26: 'product key part number',
  28: 'disk serial (kernel)',
  29: 'GPU memory',
  30: 'GPU name',
};

const RECORD_TOOL_AND_OS = 1;
const RECORD_DISK_SERIAL = 7;
const RECORD_NETWORK = 8;
const RECORD_UUID = 12;
const RECORD_TPM_VERSION = 13;
const RECORD_SERIAL = 14;
const RECORD_MANUFACTURER = 16;
const RECORD_MODEL = 17;
const RECORD_SKU = 18;
const RECORD_FAMILY = 19;
const RECORD_PKID = 24;
const RECORD_TPM_EK = 25;
const RECORD_DISK_SERIAL_KERNEL = 28;

const HEADER_LENGTH = 4;
const CHECKSUM_RECORD_LENGTH = 36;
const utf8 = new TextDecoder('utf-8');

/**
 * Decodes and verifies a hash. Whitespace around the text is ignored; missing base64 padding is repaired
 * (and reported through `repadded`) because the hash then still proves itself by its checksum.
 */
export function decodeHardwareHash(text: string, platform: HashPlatform): HashDecodeResult {
  const sha256 = typeof platform === 'function' ? platform : platform.sha256;
  const fast = typeof platform === 'function' ? undefined : platform.decodeBase64;
  const trimmed = text.trim();
  if (trimmed.length === 0) return fail({ kind: 'empty' });
  const native = fast?.(trimmed);
  if (native) return decodeHashBytes(native, sha256);
  const base64 = decodeBase64(trimmed);
  if (!base64.ok) {
    const f = base64.failure;
    switch (f.kind) {
      case 'empty':
        return fail({ kind: 'empty' });
      case 'bad-character': {
        // Positions count in the text as the user has it, leading whitespace included.
        const leading = text.length - text.trimStart().length;
        return fail({ kind: 'not-base64', position: f.position + leading, character: f.character });
      }
      case 'bad-length':
        return fail({ kind: 'bad-base64-length', length: f.length });
    }
  }
  const result = decodeHashBytes(base64.bytes, sha256, base64.repadded);
  return result;
}

/** Verifies already-decoded hash bytes (see {@link decodeHardwareHash}). */
export function decodeHashBytes(bytes: Uint8Array, sha256: Sha256, repadded = false): HashDecodeResult {
  const n = bytes.length;
  if (n < HEADER_LENGTH) return fail({ kind: 'too-short', byteLength: n });
  if (bytes[0] !== 0x4f /* O */ || bytes[1] !== 0x41 /* A */) return fail({ kind: 'bad-magic' });
  const inventoryLength = u16(bytes, 2);
  if (inventoryLength < HEADER_LENGTH) {
    return fail({ kind: 'bad-inventory-length', inventoryLength, byteLength: n });
  }
  if (inventoryLength + CHECKSUM_RECORD_LENGTH > n) {
    return fail({ kind: 'truncated', byteLength: n, needed: inventoryLength + CHECKSUM_RECORD_LENGTH });
  }

  // Walk the records once to prove the structure, picking up the three identity records on the way.
  let serialAt = -1;
  let manufacturerAt = -1;
  let modelAt = -1;
  let offset = HEADER_LENGTH;
  while (offset < inventoryLength) {
    const type = bytes[offset]!;
    if (offset + HEADER_LENGTH > inventoryLength) {
      return fail({
        kind: 'bad-record-length',
        offset,
        recordType: type,
        recordLength: inventoryLength - offset,
      });
    }
    const length = u16(bytes, offset + 2);
    if (length < HEADER_LENGTH || offset + length > inventoryLength) {
      return fail({ kind: 'bad-record-length', offset, recordType: type, recordLength: length });
    }
    if (type === RECORD_SERIAL) serialAt = offset;
    else if (type === RECORD_MANUFACTURER) manufacturerAt = offset;
    else if (type === RECORD_MODEL) modelAt = offset;
    offset += length;
  }

  if (
    bytes[inventoryLength] !== 0x43 /* C */ ||
    bytes[inventoryLength + 1] !== 0x53 /* S */ ||
    u16(bytes, inventoryLength + 2) !== CHECKSUM_RECORD_LENGTH
  ) {
    return fail({ kind: 'missing-checksum', offset: inventoryLength });
  }
  const digest = sha256(bytes.subarray(0, inventoryLength));
  const stored = inventoryLength + HEADER_LENGTH;
  for (let i = 0; i < 32; i++) {
    if (digest[i] !== bytes[stored + i]) return fail({ kind: 'checksum-mismatch' });
  }

  const used = lengthWithoutZeroTail(bytes, inventoryLength + CHECKSUM_RECORD_LENGTH);
  const start = keepBytes(bytes.subarray(0, used));
  const store = slab;
  return {
    ok: true,
    hash: new DecodedHash(
      store,
      start,
      used,
      n,
      inventoryLength,
      recordText(bytes, serialAt),
      internedText(bytes, manufacturerAt),
      internedText(bytes, modelAt),
      repadded,
    ),
  };
}

/**
 * Copies hash bytes into a shared slab. Verified hashes live as long as the merge or the ledger, and one
 * 1 MiB buffer for ~800 hashes costs the garbage collector far less than 800 small ones (a third of the
 * merge time went to GC before). A copy also never pins the caller's (possibly reused) input buffer.
 */
const SLAB_SIZE = 1 << 20;
let slab = new Uint8Array(0);
let slabUsed = 0;

/** Copies `bytes` into the current slab (starting a new one when full) and returns where they start. */
function keepBytes(bytes: Uint8Array): number {
  const n = bytes.length;
  if (n > SLAB_SIZE / 8) {
    slab = bytes.slice();
    slabUsed = SLAB_SIZE;
    return 0;
  }
  if (slabUsed + n > slab.length) {
    slab = new Uint8Array(SLAB_SIZE);
    slabUsed = 0;
  }
  const start = slabUsed;
  slab.set(bytes, start);
  // 8-byte aligned starts keep word-wise scans of the views possible.
  slabUsed += (n + 7) & ~7;
  return start;
}

/**
 * Manufacturer and model repeat across a whole batch of devices: keeping one string per distinct value
 * (rather than 100,000 copies of "LENOVO") keeps memory and GC work proportional to what is distinct.
 */
const interned = new Map<string, string>();
const MAX_INTERNED = 4096;

function internedText(bytes: Uint8Array, offset: number): string | undefined {
  const value = recordText(bytes, offset);
  if (value === undefined) return undefined;
  const known = interned.get(value);
  if (known !== undefined) return known;
  if (interned.size >= MAX_INTERNED) interned.clear();
  interned.set(value, value);
  return value;
}

/** Length of `bytes` without its trailing zeros, but never below `min`. */
function lengthWithoutZeroTail(bytes: Uint8Array, min: number): number {
  let used = bytes.length;
  // Four bytes at a time where alignment allows: this scan is a fifth of the cost of verifying a hash.
  if (bytes.byteOffset % 4 === 0 && used % 4 === 0) {
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset, used >> 2);
    let w = words.length;
    const stop = Math.ceil(min / 4);
    while (w > stop && words[w - 1] === 0) w--;
    used = w * 4;
  }
  while (used > min && bytes[used - 1] === 0) used--;
  return used;
}

/**
 * A verified hash. Most rows only ever need serial, manufacturer and model; the full inventory and the
 * record list are decoded on first use, which keeps merging 100,000 devices fast and small.
 */
class DecodedHash implements DecodedHardwareHash {
  private cachedInventory: HashInventory | undefined;

  constructor(
    /** Where the bytes live: a slab shared with other hashes (see keepBytes). */
    private readonly store: Uint8Array,
    private readonly start: number,
    private readonly length: number,
    readonly byteLength: number,
    readonly inventoryLength: number,
    readonly serial: string | undefined,
    readonly manufacturer: string | undefined,
    readonly model: string | undefined,
    readonly repadded: boolean,
  ) {}

  /** A view made on demand: 100,000 kept views would cost the garbage collector more than they save. */
  get bytes(): Uint8Array {
    return this.store.subarray(this.start, this.start + this.length);
  }

  get records(): readonly HashRecord[] {
    return walkRecords(this.bytes, this.inventoryLength);
  }

  get inventory(): HashInventory {
    this.cachedInventory ??= readInventory(this.bytes, this.records);
    return this.cachedInventory;
  }
}

/** The records of a hash already proven sound. */
function walkRecords(bytes: Uint8Array, inventoryLength: number): HashRecord[] {
  const records: HashRecord[] = [];
  let offset = HEADER_LENGTH;
  while (offset < inventoryLength) {
    const length = u16(bytes, offset + 2);
    records.push({ type: bytes[offset]!, offset, length });
    offset += length;
  }
  return records;
}

function recordText(bytes: Uint8Array, offset: number): string | undefined {
  if (offset < 0) return undefined;
  return text(bytes.subarray(offset + HEADER_LENGTH, offset + u16(bytes, offset + 2)));
}

/** The details of a failure (position, lengths, ...) without its kind, for messages. */
export function failureDetails(failure: HashFailure): Record<string, string | number> {
  const { kind: _kind, ...details } = failure;
  return details;
}

/**
 * Why Autopilot would refuse a hash that is otherwise intact: Microsoft rejects hashes without an embedded
 * serial or manufacturer (InvalidZtdHardwareHash, 802).
 */
export function registrationBlocker(hash: DecodedHardwareHash): HashFailure | undefined {
  if (!hash.serial) return { kind: 'no-serial' };
  if (!hash.manufacturer) return { kind: 'no-manufacturer' };
  return undefined;
}

/**
 * The hardware fingerprint: every record except the tool/OS build record, which changes each time Windows
 * generates the hash. Equal fingerprints mean the same hardware (a duplicate); the same serial, maker and
 * model with a different fingerprint means something was replaced (a conflict).
 */
export function hardwareFingerprint(hash: DecodedHardwareHash, sha256: Sha256): string {
  const parts: Uint8Array[] = [];
  let total = 0;
  for (const record of hash.records) {
    if (record.type === RECORD_TOOL_AND_OS) continue;
    const part = hash.bytes.subarray(record.offset, record.offset + record.length);
    parts.push(part);
    total += part.length;
  }
  const joined = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return toHex(sha256(joined));
}

/** The hash as base64 text, exactly as Windows wrote it (padding restored). */
export function hashText(hash: DecodedHardwareHash): string {
  return encodeBase64(hash.bytes, hash.byteLength);
}

/** Rebuilds the full hash bytes (with its zero padding) from a decoded hash. */
export function fullHashBytes(hash: DecodedHardwareHash): Uint8Array {
  if (hash.bytes.length === hash.byteLength) return hash.bytes;
  const full = new Uint8Array(hash.byteLength);
  full.set(hash.bytes);
  return full;
}

function readInventory(bytes: Uint8Array, records: readonly HashRecord[]): HashInventory {
  let serial: string | undefined;
  let manufacturer: string | undefined;
  let model: string | undefined;
  let sku: string | undefined;
  let family: string | undefined;
  let productKeyId: string | undefined;
  let smbiosUuid: string | undefined;
  let tpmVersion: string | undefined;
  let tpmEndorsementKey: string | undefined;
  let osBuild: string | undefined;
  let toolBuild: string | undefined;
  const networkAdapters: NetworkAdapter[] = [];
  const diskSerials: string[] = [];

  for (const record of records) {
    const value = bytes.subarray(record.offset + HEADER_LENGTH, record.offset + record.length);
    switch (record.type) {
      case RECORD_SERIAL:
        serial = text(value);
        break;
      case RECORD_MANUFACTURER:
        manufacturer = text(value);
        break;
      case RECORD_MODEL:
        model = text(value);
        break;
      case RECORD_SKU:
        sku = text(value);
        break;
      case RECORD_FAMILY:
        family = text(value);
        break;
      case RECORD_PKID:
        productKeyId = text(value);
        break;
      case RECORD_TPM_VERSION:
        tpmVersion = text(value);
        break;
      case RECORD_TPM_EK:
        tpmEndorsementKey = value.length > 0 ? encodeBase64(value) : undefined;
        break;
      case RECORD_UUID:
        if (value.length === 16) smbiosUuid = guid(value);
        break;
      case RECORD_NETWORK:
        if (value.length >= 10) {
          networkAdapters.push({ medium: value[0]!, mac: mac(value.subarray(4, 10)) });
        }
        break;
      case RECORD_DISK_SERIAL:
      case RECORD_DISK_SERIAL_KERNEL: {
        const s = text(value);
        if (s && !diskSerials.includes(s)) diskSerials.push(s);
        break;
      }
      case RECORD_TOOL_AND_OS:
        if (value.length >= 16) {
          toolBuild = version(value, 0);
          osBuild = version(value, 8);
        }
        break;
      default:
        break;
    }
  }
  return {
    serial,
    manufacturer,
    model,
    sku,
    family,
    productKeyId,
    smbiosUuid,
    tpmVersion,
    tpmEndorsementKey,
    networkAdapters,
    diskSerials,
    osBuild,
    toolBuild,
  };
}

function fail(failure: HashFailure): HashDecodeResult {
  return { ok: false, failure };
}

function u16(bytes: Uint8Array, at: number): number {
  return bytes[at]! | (bytes[at + 1]! << 8);
}

/** A NUL-terminated UTF-8 string record, trimmed; empty becomes `undefined`. */
function text(value: Uint8Array): string | undefined {
  let end = value.indexOf(0);
  if (end < 0) end = value.length;
  // Short ASCII (nearly every SMBIOS string) is built directly: a TextDecoder call costs more than the work.
  let ascii = end <= 256;
  for (let i = 0; ascii && i < end; i++) if (value[i]! > 0x7f) ascii = false;
  let s = ascii
    ? String.fromCharCode.apply(null, value.subarray(0, end) as unknown as number[])
    : utf8.decode(value.subarray(0, end));
  s = s.trim();
  return s.length > 0 ? s : undefined;
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += hex2(b);
  return s;
}

function mac(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => hex2(b).toUpperCase()).join(':');
}

/** SMBIOS UUIDs are stored as a little-endian GUID (the first three groups byte-swapped). */
function guid(b: Uint8Array): string {
  const order = [3, 2, 1, 0, -1, 5, 4, -1, 7, 6, -1, 8, 9, -1, 10, 11, 12, 13, 14, 15];
  return order
    .map((i) => (i < 0 ? '-' : hex2(b[i]!)))
    .join('')
    .toUpperCase();
}

/** `[minor u16][major u16][revision u16][build u16]` as `major.minor.build.revision`. */
function version(b: Uint8Array, at: number): string {
  return `${u16(b, at + 2)}.${u16(b, at)}.${u16(b, at + 6)}.${u16(b, at + 4)}`;
}
