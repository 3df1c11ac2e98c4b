/**
 * Writes Windows Autopilot hardware hashes (BRIEF §3) for tests and benchmarks: sound ones from a device
 * description, and deliberately broken ones named by what they break.
 *
 * Built byte by byte with one SHA-256 per hash, because the benchmark generates 100,000 devices.
 */
import { nodeSha256 } from '../../electron/platform/sha256';

/** `[major, minor, build, revision]`, e.g. `[10, 0, 26100, 7705]`. */
export type BuildNumber = readonly [major: number, minor: number, build: number, revision: number];

/** A record written as is after the known ones: for unknown types, type-30 text or a second disk record. */
export interface ExtraRecord {
  readonly type: number;
  readonly value: Uint8Array;
}

/**
 * The device a hash describes. A field left out takes the default device's value; a field set to
 * `undefined` explicitly leaves its record out (`{ serial: undefined }` is a hash without a serial record).
 */
export interface HashSpec {
  readonly serial?: string | undefined;
  readonly manufacturer?: string | undefined;
  readonly model?: string | undefined;
  readonly sku?: string | undefined;
  readonly family?: string | undefined;
  readonly productKeyId?: string | undefined;
  /** SMBIOS UUID as GUID text, `8E9E73E6-EF91-4EF4-AA74-130C5E4B0DC4`; stored byte-swapped like Windows does. */
  readonly uuid?: string | undefined;
  readonly tpmVersion?: string | undefined;
  /** TPM endorsement public key (record 25), stored as raw bytes. */
  readonly tpmEk?: Uint8Array | undefined;
  /** `AA:BB:CC:DD:EE:FF`, one network-adapter record each. */
  readonly macs?: readonly string[];
  /** One disk-serial record (type 7) each. */
  readonly diskSerials?: readonly string[];
  readonly osBuild?: BuildNumber;
  readonly toolBuild?: BuildNumber;
  readonly extraRecords?: readonly ExtraRecord[];
  /** Size of the zero-padded buffer; 3,000 on every real hash. */
  readonly bufferLength?: number;
  /**
   * Varies the tool/OS record only, the way Windows produces a different hash text for the same device each
   * time: same hardware, different base64.
   */
  readonly nonce?: number;
}

/** The default device: a plausible Lenovo laptop with two adapters, one disk and a TPM. */
export const DEFAULT_SPEC = {
  serial: 'PF3ABCDE',
  manufacturer: 'LENOVO',
  model: '20XW0026JP',
  sku: 'LENOVO_MT_20XW_BU_Think_FM_ThinkPad X1 Carbon Gen 9',
  family: 'ThinkPad X1 Carbon Gen 9',
  productKeyId: '3305404496774',
  uuid: '4C4C4544-0042-3510-8052-B4C04F563532',
  tpmVersion: "TPM-Version:2.0 -Level:0-Revision:1.38-VendorID:'STM '-Firmware:73.8.17568.6659",
  tpmEk: Uint8Array.from({ length: 256 }, (_, i) => (i * 37 + 11) & 0xff),
  macs: ['8C:8C:AA:12:34:56', '8C:8C:AA:12:34:57'],
  diskSerials: ['0025_388B_9150_1F2A.'],
  osBuild: [10, 0, 26100, 7705],
  toolBuild: [10, 0, 26100, 7705],
  extraRecords: [],
  bufferLength: 3000,
  nonce: 0,
} as const satisfies Required<HashSpec>;

const HEADER = 4;
const CHECKSUM_RECORD = 36;
const MAX_RECORD = 0xffff;

const TYPE_TOOL_AND_OS = 1;
const TYPE_DISK_SERIAL = 7;
const TYPE_NETWORK = 8;
const TYPE_UUID = 12;
const TYPE_TPM_VERSION = 13;
const TYPE_SERIAL = 14;
const TYPE_MANUFACTURER = 16;
const TYPE_MODEL = 17;
const TYPE_SKU = 18;
const TYPE_FAMILY = 19;
const TYPE_PKID = 24;
const TYPE_TPM_EK = 25;

const utf8 = new TextEncoder();

/** The hash bytes: `OA`, L, the records, the `CS` checksum record, zero padding to `bufferLength`. */
export function buildHashBytes(spec: HashSpec = {}): Uint8Array {
  // Spread so that an explicit `undefined` removes a text record; lists and numbers fall back on `??`.
  const s = {
    ...DEFAULT_SPEC,
    ...spec,
    macs: spec.macs ?? DEFAULT_SPEC.macs,
    diskSerials: spec.diskSerials ?? DEFAULT_SPEC.diskSerials,
    osBuild: spec.osBuild ?? DEFAULT_SPEC.osBuild,
    toolBuild: spec.toolBuild ?? DEFAULT_SPEC.toolBuild,
    extraRecords: spec.extraRecords ?? DEFAULT_SPEC.extraRecords,
    bufferLength: spec.bufferLength ?? DEFAULT_SPEC.bufferLength,
    nonce: spec.nonce ?? DEFAULT_SPEC.nonce,
  };
  const records: ExtraRecord[] = [
    { type: TYPE_TOOL_AND_OS, value: toolAndOsValue(s.toolBuild, s.osBuild, s.nonce) },
  ];
  for (const serial of s.diskSerials) records.push({ type: TYPE_DISK_SERIAL, value: cString(serial) });
  s.macs.forEach((mac, i) => records.push({ type: TYPE_NETWORK, value: networkValue(mac, i) }));
  if (s.uuid !== undefined) records.push({ type: TYPE_UUID, value: guidBytes(s.uuid) });
  pushText(records, TYPE_TPM_VERSION, s.tpmVersion);
  if (s.tpmEk !== undefined) records.push({ type: TYPE_TPM_EK, value: s.tpmEk });
  pushText(records, TYPE_SERIAL, s.serial);
  pushText(records, TYPE_MANUFACTURER, s.manufacturer);
  pushText(records, TYPE_MODEL, s.model);
  pushText(records, TYPE_SKU, s.sku);
  pushText(records, TYPE_FAMILY, s.family);
  pushText(records, TYPE_PKID, s.productKeyId);
  records.push(...s.extraRecords);

  let inventoryLength = HEADER;
  for (const r of records) {
    if (r.value.length + HEADER > MAX_RECORD) throw new RangeError(`record ${r.type} is too long to store`);
    inventoryLength += HEADER + r.value.length;
  }
  if (inventoryLength > MAX_RECORD) throw new RangeError(`inventory of ${inventoryLength} bytes is too long`);
  if (inventoryLength + CHECKSUM_RECORD > s.bufferLength) {
    throw new RangeError(`inventory of ${inventoryLength} bytes does not fit a ${s.bufferLength}-byte hash`);
  }

  const bytes = new Uint8Array(s.bufferLength);
  bytes[0] = 0x4f; // O
  bytes[1] = 0x41; // A
  putU16(bytes, 2, inventoryLength);
  let at = HEADER;
  for (const r of records) {
    bytes[at] = r.type;
    putU16(bytes, at + 2, HEADER + r.value.length);
    bytes.set(r.value, at + HEADER);
    at += HEADER + r.value.length;
  }
  bytes[at] = 0x43; // C
  bytes[at + 1] = 0x53; // S
  putU16(bytes, at + 2, CHECKSUM_RECORD);
  bytes.set(nodeSha256(bytes.subarray(0, inventoryLength)), at + HEADER);
  return bytes;
}

/** The hash as Windows writes it in the CSV: standard base64 of {@link buildHashBytes}. */
export function buildHash(spec: HashSpec = {}): string {
  return toBase64(buildHashBytes(spec));
}

/** A value for a type-30 style record: UTF-16LE text with a trailing NUL. */
export function utf16Value(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(`${text}\0`, 'utf16le'));
}

/** A value for a string record: UTF-8 with a trailing NUL. */
export function cString(text: string): Uint8Array {
  const encoded = utf8.encode(text);
  const value = new Uint8Array(encoded.length + 1);
  value.set(encoded);
  return value;
}

/** Where the `CS` record sits in a hash's bytes (its inventory length L). */
export function inventoryLengthOf(bytes: Uint8Array): number {
  return bytes[2]! | (bytes[3]! << 8);
}

/**
 * Broken forms of a valid hash text, each named by what it breaks. Each decodes the base64, damages the bytes
 * (or the text) and encodes again, so only the named thing is wrong.
 */
export const corrupt = {
  /** Same layout, wrong SHA-256: `checksum-mismatch`. */
  flipChecksumByte(b64: string): string {
    return patch(b64, (b) => flipBits(b, inventoryLengthOf(b) + HEADER, 0xff));
  },
  /** Changes the last inventory byte (a string's NUL) without re-signing: `checksum-mismatch`. */
  flipInventoryByte(b64: string): string {
    return patch(b64, (b) => flipBits(b, inventoryLengthOf(b) - 1, 0x20));
  },
  /** Keeps only the first `bytes` bytes: `too-short` below 4, `truncated` before the end of the checksum. */
  truncate(b64: string, bytes: number): string {
    return toBase64(fromBase64(b64).subarray(0, bytes));
  },
  /** `XA` instead of `OA`: `bad-magic`. */
  badMagic(b64: string): string {
    return patch(b64, (b) => {
      b[0] = 0x58;
    });
  },
  /** L smaller than the 4-byte header: `bad-inventory-length`. */
  badInventoryLength(b64: string): string {
    return patch(b64, (b) => putU16(b, 2, 2));
  },
  /** First record claims a length shorter than its own header: `bad-record-length` at offset 4. */
  badRecordLength(b64: string): string {
    return patch(b64, (b) => putU16(b, HEADER + 2, 2));
  },
  /** First record claims to run past L: `bad-record-length` at offset 4. */
  recordPastInventory(b64: string): string {
    return patch(b64, (b) => putU16(b, HEADER + 2, inventoryLengthOf(b)));
  },
  /** Zeroes the 36-byte `CS` record: `missing-checksum`. */
  removeChecksum(b64: string): string {
    return patch(b64, (b) => {
      const at = inventoryLengthOf(b);
      b.fill(0, at, at + CHECKSUM_RECORD);
    });
  },
  /** A non-zero byte in the padding after the checksum, which nothing covers: still verifies. */
  dirtyPadding(b64: string): string {
    return patch(b64, (b) => {
      b[b.length - 1] = 0x01;
    });
  },
  /** Drops the trailing `=` the way a paste often does (the hash must not be a multiple of 3 bytes long). */
  dropPadding(b64: string): string {
    return b64.replace(/=+$/, '');
  },
  /** Puts `text` at character `position` of the base64 text. */
  insertText(b64: string, position: number, text: string): string {
    return b64.slice(0, position) + text + b64.slice(position);
  },
} as const;

function pushText(records: ExtraRecord[], type: number, text: string | undefined): void {
  if (text !== undefined) records.push({ type, value: cString(text) });
}

/**
 * `[tool: minor, major, revision, build][OS: same][OS type, architecture, 6 bytes of per-run data]`, 24 bytes as
 * on the real sample; the nonce goes into the per-run bytes.
 */
function toolAndOsValue(tool: BuildNumber, os: BuildNumber, nonce: number): Uint8Array {
  const value = new Uint8Array(24);
  putVersion(value, 0, tool);
  putVersion(value, 8, os);
  value[16] = 0x9e;
  value[17] = 0x59;
  value[18] = nonce & 0xff;
  value[19] = (nonce >>> 8) & 0xff;
  value[20] = (nonce >>> 16) & 0xff;
  value[21] = (nonce >>> 24) & 0xff;
  value[22] = 0x09;
  value[23] = 0x09;
  return value;
}

function putVersion(b: Uint8Array, at: number, [major, minor, build, revision]: BuildNumber): void {
  putU16(b, at, minor);
  putU16(b, at + 2, major);
  putU16(b, at + 4, revision);
  putU16(b, at + 6, build);
}

/** `[medium u8][3 bytes][MAC 6 bytes][2 bytes]`: medium 0x0a (Wi-Fi) first, then 0x09 (Ethernet). */
function networkValue(mac: string, index: number): Uint8Array {
  const hex = mac.replace(/[:-]/g, '');
  if (!/^[0-9a-fA-F]{12}$/.test(hex)) throw new Error(`not a MAC address: ${mac}`);
  const value = new Uint8Array(12);
  value[0] = index === 0 ? 0x0a : 0x09;
  for (let i = 0; i < 6; i++) value[4 + i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  value[10] = 0x08;
  return value;
}

/** GUID text to its Windows byte order: the first three groups little-endian, the rest as written. */
function guidBytes(text: string): Uint8Array {
  const hex = text.replace(/[{}-]/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`not a GUID: ${text}`);
  const order = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15];
  const value = new Uint8Array(16);
  order.forEach((from, to) => {
    value[to] = parseInt(hex.slice(from * 2, from * 2 + 2), 16);
  });
  return value;
}

/** XORs one byte with `mask`, the way a single damaged byte is simulated. */
export function flipBits(bytes: Uint8Array, at: number, mask: number): void {
  bytes[at] = (bytes[at] ?? 0) ^ mask;
}

function putU16(b: Uint8Array, at: number, n: number): void {
  b[at] = n & 0xff;
  b[at + 1] = (n >>> 8) & 0xff;
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64');
}

function fromBase64(b64: string): Uint8Array {
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

function patch(b64: string, damage: (bytes: Uint8Array) => void): string {
  const bytes = fromBase64(b64);
  damage(bytes);
  return toBase64(bytes);
}
