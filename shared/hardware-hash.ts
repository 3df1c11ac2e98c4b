/**
 * Decoding and verification of the Windows Autopilot hardware hash (the "4K hash").
 *
 * Layout (BRIEF §3): `OA`, u16 LE inventory length L, records `[type u8][0][len u16 LE incl. header][value]`
 * up to L, then a 36-byte `CS` record holding SHA-256 of bytes [0, L), then zero padding. Nothing here throws
 * on hostile input: every failure is a value with a specific reason.
 */
import { decodeBase64, encodeBase64 } from './base64';

/** SHA-256 supplied by the platform (Node's crypto in services, a pure implementation elsewhere). */
export type Sha256 = (data: Uint8Array) => Uint8Array;

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
export function decodeHardwareHash(text: string, sha256: Sha256): HashDecodeResult {
  const trimmed = text.trim();
  if (trimmed.length === 0) return fail({ kind: 'empty' });
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
  const result = decodeHashBytes(base64.bytes, sha256);
  if (!result.ok || !base64.repadded) return result;
  return { ok: true, hash: { ...result.hash, repadded: true } };
}

/** Verifies already-decoded hash bytes (see {@link decodeHardwareHash}). */
export function decodeHashBytes(bytes: Uint8Array, sha256: Sha256): HashDecodeResult {
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

  const records: HashRecord[] = [];
  let offset = HEADER_LENGTH;
  while (offset < inventoryLength) {
    if (offset + HEADER_LENGTH > inventoryLength) {
      return fail({
        kind: 'bad-record-length',
        offset,
        recordType: bytes[offset]!,
        recordLength: inventoryLength - offset,
      });
    }
    const type = bytes[offset]!;
    const length = u16(bytes, offset + 2);
    if (length < HEADER_LENGTH || offset + length > inventoryLength) {
      return fail({ kind: 'bad-record-length', offset, recordType: type, recordLength: length });
    }
    records.push({ type, offset, length });
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

  const inventory = readInventory(bytes, records);
  let used = n;
  while (used > inventoryLength + CHECKSUM_RECORD_LENGTH && bytes[used - 1] === 0) used--;
  return {
    ok: true,
    hash: {
      bytes: bytes.slice(0, used),
      byteLength: n,
      inventoryLength,
      records,
      inventory,
      repadded: false,
    },
  };
}

/**
 * Why Autopilot would refuse a hash that is otherwise intact: Microsoft rejects hashes without an embedded
 * serial or manufacturer (InvalidZtdHardwareHash, 802).
 */
export function registrationBlocker(hash: DecodedHardwareHash): HashFailure | undefined {
  if (!hash.inventory.serial) return { kind: 'no-serial' };
  if (!hash.inventory.manufacturer) return { kind: 'no-manufacturer' };
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
  const s = utf8.decode(value.subarray(0, end)).trim();
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
