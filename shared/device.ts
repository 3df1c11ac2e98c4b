/**
 * The device as the core knows it: one verified row of a hash CSV.
 */
import type { SourceRef } from './diagnostics';
import type { DecodedHardwareHash } from './hardware-hash';

/** What the core knows of a device, whether one row of a CSV or the merge of several. */
export interface DeviceFields {
  /** The serial the hash proves (trimmed). */
  readonly serial: string;
  readonly manufacturer: string;
  /** From the hash; from the CSV only when the hash has no model record; may be empty. */
  readonly model: string;
  /** Windows Product ID (PKID) digits, or empty. */
  readonly productId: string;
  readonly groupTag: string;
  readonly assignedUser: string;
  readonly hash: DecodedHardwareHash;
}

/** One verified row of a hash CSV. Its `groupTag` is the row's own, as written (not yet checked), or empty. */
export interface DeviceRow extends DeviceFields {
  readonly source: SourceRef;
}

/**
 * Whether two rows are the same physical device: same serial, manufacturer and model as decoded from the
 * hash. Never the hash text, which Windows generates anew each time.
 */
export function isSameDevice(
  a: { readonly serial: string; readonly manufacturer: string; readonly model: string },
  b: { readonly serial: string; readonly manufacturer: string; readonly model: string },
): boolean {
  return a.serial === b.serial && a.manufacturer === b.manufacturer && a.model === b.model;
}

/**
 * A copy of a string that does not keep the text it was sliced from alive. V8 represents `slice()` results
 * as views into the parent string, so a 12-character serial kept from a 1 MB chunk would pin the chunk.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
