/**
 * Merging verified rows from many files into one list of devices: never losing a device, never listing one
 * twice, and saying what happened to every row.
 *
 * - Same identity (serial + manufacturer + model from the hash) and same hardware fingerprint: a duplicate.
 *   The first row stays; blanks in it are filled from the duplicate.
 * - Same identity, different fingerprint (a replaced board or disk): a conflict. The later row is kept, as the
 *   newer truth, in the place the device was first seen, and the conflict is reported.
 */
import type { DeviceFields, DeviceRow } from './device';
import { isSameDevice } from './device';
import type { Rejection, SourceRef, Warning } from './diagnostics';
import type { Sha256 } from './hardware-hash';
import { hardwareFingerprint } from './hardware-hash';
import type { CsvFormat } from './csv/csv-writer';
import { CARRIES_GROUP_TAG } from './csv/csv-writer';
import { checkGroupTag, isTypingOnly } from './group-tag';

/** A device after merging, its group tag chosen. */
export interface MergedDevice extends DeviceFields {
  /** The rows this device came from: the kept row first, then its duplicates. */
  readonly sources: readonly SourceRef[];
}

export interface Duplicate {
  readonly serial: string;
  readonly file: string;
  readonly line: number;
}

export interface Conflict {
  readonly serial: string;
  readonly kept: SourceRef;
  readonly others: readonly SourceRef[];
}

/** How each device's group tag is chosen. */
export type TagPolicy =
  /** One tag for every device (the user chose it); a row carrying another tag is reported. */
  | { readonly kind: 'override'; readonly tag: string }
  /**
   * Each row keeps its own tag when it has one; rows without get `fallback`. A tag that differs from a
   * known one only by how it was typed (case, spaces, full-width, look-alikes, separators) is corrected; a
   * tag that may mean something else (a typo, a missing or extra part), an invalid tag, or a custom tag
   * without `allowCustom` leaves the device out with a reason, rather than sending it to the wrong group.
   */
  | { readonly kind: 'rows'; readonly fallback: string; readonly allowCustom: boolean }
  /**
   * The output has no group tag column (a Partner Center CSV: the group name is typed in the upload
   * dialog). Every device gets `group`, none is left out because of its row's tag, and a row whose own tag
   * differs is reported (`group-tag-not-carried`).
   */
  | { readonly kind: 'not-carried'; readonly group: string };

/**
 * The policy to use for `format`: `policy` itself for a format with a group tag column, else `not-carried`
 * with the tag the technician chose, or the default, as the group to choose at upload.
 */
export function tagPolicyForFormat(format: CsvFormat, policy: TagPolicy): TagPolicy {
  if (CARRIES_GROUP_TAG[format] || policy.kind === 'not-carried') return policy;
  return { kind: 'not-carried', group: policy.kind === 'override' ? policy.tag : policy.fallback };
}

export type AddOutcome = 'added' | 'duplicate' | 'conflict';

interface Entry {
  row: DeviceRow;
  productId: string;
  groupTag: string;
  assignedUser: string;
  /** The row the group tag was written in (a duplicate may have filled it in), for pointing at it. */
  groupTagSource: SourceRef;
  /** Rows merged into this one as duplicates; `undefined` for most devices, which never have any. */
  duplicates: SourceRef[] | undefined;
  /** Computed only when a second row of the same identity arrives: most devices never need it. */
  fingerprint: string | undefined;
}

function sourcesOf(entry: Entry): SourceRef[] {
  return entry.duplicates ? [entry.row.source, ...entry.duplicates] : [entry.row.source];
}

export class DeviceMerger {
  /**
   * Devices by serial; a serial shared by devices of different makers or models (rare) holds a list. The
   * serial string already exists in every row, so this index costs no key strings of its own.
   */
  private readonly bySerial = new Map<string, Entry | Entry[]>();
  private readonly order: Entry[] = [];
  private readonly duplicateList: Duplicate[] = [];
  private readonly conflicts = new Map<Entry, { serial: string; kept: SourceRef; others: SourceRef[] }>();
  private readonly warningList: Warning[] = [];

  constructor(private readonly sha256: Sha256) {}

  add(row: DeviceRow): AddOutcome {
    const entry = this.find(row);
    if (!entry) {
      const created: Entry = {
        row,
        productId: row.productId,
        groupTag: row.groupTag,
        assignedUser: row.assignedUser,
        groupTagSource: row.source,
        duplicates: undefined,
        fingerprint: undefined,
      };
      this.index(created);
      this.order.push(created);
      return 'added';
    }
    entry.fingerprint ??= hardwareFingerprint(entry.row.hash, this.sha256);
    const fingerprint = hardwareFingerprint(row.hash, this.sha256);
    if (fingerprint === entry.fingerprint) {
      this.duplicateList.push({ serial: row.serial, file: row.source.file, line: row.source.line });
      (entry.duplicates ??= []).push(row.source);
      entry.productId = this.fill(entry, 'productId', entry.productId, row.productId, row);
      if (entry.groupTag.length === 0 && row.groupTag.length > 0) entry.groupTagSource = row.source;
      entry.groupTag = this.fill(entry, 'groupTag', entry.groupTag, row.groupTag, row);
      entry.assignedUser = this.fill(entry, 'assignedUser', entry.assignedUser, row.assignedUser, row);
      return 'duplicate';
    }
    const conflict = this.conflicts.get(entry) ?? { serial: row.serial, kept: row.source, others: [] };
    conflict.kept = row.source;
    conflict.others.push(...sourcesOf(entry));
    this.conflicts.set(entry, conflict);
    entry.row = row;
    entry.productId = row.productId;
    entry.groupTag = row.groupTag;
    entry.assignedUser = row.assignedUser;
    entry.groupTagSource = row.source;
    entry.duplicates = undefined;
    entry.fingerprint = fingerprint;
    return 'conflict';
  }

  /** The entry of the same physical device (see isSameDevice). */
  private find(row: DeviceRow): Entry | undefined {
    const found = this.bySerial.get(row.serial);
    if (found === undefined) return undefined;
    // Plain loops, no closures: this runs once per row.
    if (!Array.isArray(found)) return isSameDevice(found.row, row) ? found : undefined;
    for (const entry of found) if (isSameDevice(entry.row, row)) return entry;
    return undefined;
  }

  private index(entry: Entry): void {
    const serial = entry.row.serial;
    const found = this.bySerial.get(serial);
    if (found === undefined) this.bySerial.set(serial, entry);
    else if (Array.isArray(found)) found.push(entry);
    else this.bySerial.set(serial, [found, entry]);
  }

  get size(): number {
    return this.order.length;
  }

  /**
   * The merged devices in first-seen order with their group tags chosen by `policy`, and everything that
   * was noticed on the way (duplicates that disagree, tags corrected or replaced).
   */
  finish(policy: TagPolicy): MergeOutcome {
    const tagWarnings: Warning[] = [];
    const rejected: Rejection[] = [];
    const devices: MergedDevice[] = [];
    for (const entry of this.order) {
      const tag = chooseTag(entry, policy, tagWarnings);
      if (typeof tag !== 'string') {
        rejected.push(tag);
        continue;
      }
      const { row } = entry;
      devices.push({
        serial: row.serial,
        manufacturer: row.manufacturer,
        model: row.model,
        productId: entry.productId,
        groupTag: tag,
        assignedUser: entry.assignedUser,
        hash: row.hash,
        sources: sourcesOf(entry),
      });
    }
    return {
      devices,
      // Copies: the outcome must not change if more rows are added after it was taken.
      duplicates: [...this.duplicateList],
      conflicts: [...this.conflicts.values()].map((c) => ({
        serial: c.serial,
        kept: c.kept,
        others: [...c.others],
      })),
      rejected,
      warnings: [...this.warningList, ...tagWarnings],
    };
  }

  /** Fills a blank field from a duplicate; when both have different values the first one stays, reported. */
  private fill(entry: Entry, field: string, kept: string, other: string, row: DeviceRow): string {
    if (kept.length === 0) return other;
    if (other.length > 0 && other !== kept) {
      this.warningList.push(
        warning('duplicate-differs', row.source, { serial: entry.row.serial, field, kept, other }),
      );
    }
    return kept;
  }
}

export interface MergeOutcome {
  readonly devices: readonly MergedDevice[];
  readonly duplicates: readonly Duplicate[];
  readonly conflicts: readonly Conflict[];
  /** Devices left out because of their group tag (see TagPolicy). */
  readonly rejected: readonly Rejection[];
  readonly warnings: readonly Warning[];
}

function chooseTag(entry: Entry, policy: TagPolicy, warnings: Warning[]): string | Rejection {
  const own = entry.groupTag;
  const source = entry.groupTagSource;
  const serial = entry.row.serial;
  if (policy.kind === 'not-carried') {
    if (own.length > 0 && own !== policy.group) {
      warnings.push(warning('group-tag-not-carried', source, { serial, tag: own, group: policy.group }));
    }
    return policy.group;
  }
  if (policy.kind === 'override') {
    if (own.length > 0 && own !== policy.tag) {
      warnings.push(warning('group-tag-replaced', source, { serial, from: own, to: policy.tag }));
    }
    return policy.tag;
  }
  if (own.length === 0) return policy.fallback;
  const check = checkGroupTag(own);
  switch (check.kind) {
    case 'known':
      return own;
    case 'near-miss':
      if (isTypingOnly(check.reasons)) {
        warnings.push(warning('group-tag-corrected', source, { serial, from: own, to: check.suggestion }));
        return check.suggestion;
      }
      return rejection('group-tag-near-miss', source, {
        serial,
        tag: own,
        suggestion: check.suggestion,
        reasons: check.reasons.join(' '),
      });
    case 'custom':
      return policy.allowCustom ? own : rejection('group-tag-custom', source, { serial, tag: own });
    case 'invalid':
      return rejection('group-tag-invalid', source, {
        serial,
        tag: own,
        problem: check.problem.kind,
        character:
          check.problem.kind === 'bad-character' || check.problem.kind === 'formula-start'
            ? check.problem.character
            : undefined,
      });
  }
}

function rejection(code: Rejection['code'], source: SourceRef, params: Rejection['params']): Rejection {
  return { file: source.file, line: source.line, code, params };
}

function warning(code: Warning['code'], source: SourceRef, params: Warning['params']): Warning {
  return { file: source.file, line: source.line, code, params };
}
