import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeSha256 } from '../../../electron/platform/sha256';
import type { DeviceRow } from '../../../shared/device';
import type { SourceRef } from '../../../shared/diagnostics';
import { DEFAULT_GROUP_TAG } from '../../../shared/group-tag';
import { decodeHardwareHash, hardwareFingerprint, hashText } from '../../../shared/hardware-hash';
import type { DecodedHardwareHash } from '../../../shared/hardware-hash';
import { DeviceMerger, tagPolicyForFormat } from '../../../shared/merge';
import type { MergeOutcome, TagPolicy } from '../../../shared/merge';
import { buildHash } from '../../support/hash-builder';
import type { HashSpec } from '../../support/hash-builder';

/** A key for comparing identities in the tests: serial, manufacturer and model. */
function deviceIdentity(d: {
  readonly serial: string;
  readonly manufacturer: string;
  readonly model: string;
}): string {
  return `${d.manufacturer}\u0000${d.model}\u0000${d.serial}`;
}

const FILE = 'devices.csv';
const STANDARD = 'Microsoft365Managed_Standard';
const ROWS: TagPolicy = { kind: 'rows', fallback: DEFAULT_GROUP_TAG, allowCustom: false };

function decodeOk(spec: HashSpec): DecodedHardwareHash {
  const result = decodeHardwareHash(buildHash(spec), nodeSha256);
  if (!result.ok) throw new Error(`expected a sound hash, got ${JSON.stringify(result.failure)}`);
  return result.hash;
}

interface RowOptions {
  /** The device the hash describes; serial, manufacturer and model come from it, as the reader does. */
  readonly spec?: HashSpec;
  readonly line?: number;
  readonly file?: string;
  readonly productId?: string;
  readonly groupTag?: string;
  readonly assignedUser?: string;
}

/** A verified row as the CSV reader hands it to the merger. */
function row(options: RowOptions = {}): DeviceRow {
  const hash = decodeOk(options.spec ?? {});
  return {
    serial: hash.serial ?? '',
    manufacturer: hash.manufacturer ?? '',
    model: hash.model ?? '',
    productId: options.productId ?? '',
    groupTag: options.groupTag ?? '',
    assignedUser: options.assignedUser ?? '',
    hash,
    source: { file: options.file ?? FILE, line: options.line ?? 2 },
  };
}

/** The same device's hash generated again by Windows: same hardware, different hash text. */
function again(spec: HashSpec, nonce: number): HashSpec {
  return { ...spec, nonce };
}

const REPLACED_DISK: HashSpec = { diskSerials: ['S4EWNX0R123456'] };
const REPLACED_BOARD: HashSpec = { macs: ['8C:8C:AA:99:99:01', '8C:8C:AA:99:99:02'] };

function merge(rows: readonly DeviceRow[], policy: TagPolicy = ROWS): MergeOutcome {
  const merger = new DeviceMerger(nodeSha256);
  for (const r of rows) merger.add(r);
  return merger.finish(policy);
}

function onlyDevice(outcome: MergeOutcome) {
  expect(outcome.devices).toHaveLength(1);
  return outcome.devices[0]!;
}

function at(line: number, file = FILE): SourceRef {
  return { file, line };
}

describe('DeviceMerger.add', () => {
  it('adds a device it has not seen, with its own row as the only source', () => {
    const merger = new DeviceMerger(nodeSha256);
    const first = row({ spec: { serial: 'PF3ABCDE' }, productId: '3305404496774', line: 2 });

    expect(merger.add(first)).toBe('added');
    const device = onlyDevice(merger.finish(ROWS));
    expect(device).toMatchObject({
      serial: 'PF3ABCDE',
      manufacturer: 'LENOVO',
      model: '20XW0026JP',
      productId: '3305404496774',
      assignedUser: '',
      sources: [at(2)],
    });
    expect(device.hash).toBe(first.hash);
  });

  it('counts each device once in size', () => {
    const merger = new DeviceMerger(nodeSha256);
    merger.add(row({ spec: { serial: 'A1' }, line: 2 }));
    merger.add(row({ spec: again({ serial: 'A1' }, 1), line: 3 }));
    merger.add(row({ spec: { serial: 'B1' }, line: 4 }));

    expect(merger.size).toBe(2);
  });

  it('treats the same device with a different hash text as a duplicate', () => {
    const first = row({ spec: { serial: 'PF3ABCDE' }, line: 2 });
    const second = row({ spec: again({ serial: 'PF3ABCDE' }, 7), line: 5, file: 'other.csv' });
    expect(hashText(second.hash)).not.toBe(hashText(first.hash));

    const merger = new DeviceMerger(nodeSha256);
    merger.add(first);
    expect(merger.add(second)).toBe('duplicate');
    const outcome = merger.finish(ROWS);

    expect(outcome.duplicates).toEqual([{ serial: 'PF3ABCDE', file: 'other.csv', line: 5 }]);
    expect(outcome.conflicts).toEqual([]);
  });

  it("lists a duplicate in the device's sources after the kept row and keeps the first row's hash", () => {
    const first = row({ spec: { serial: 'PF3ABCDE' }, line: 2 });
    const outcome = merge([
      first,
      row({ spec: again({ serial: 'PF3ABCDE' }, 1), line: 9, file: 'b.csv' }),
      row({ spec: again({ serial: 'PF3ABCDE' }, 2), line: 4, file: 'c.csv' }),
    ]);

    const device = onlyDevice(outcome);
    expect(device.sources).toEqual([at(2), at(9, 'b.csv'), at(4, 'c.csv')]);
    expect(device.hash).toBe(first.hash);
  });

  it.each([
    ['a replaced disk', REPLACED_DISK],
    ['a replaced board (other network adapters)', REPLACED_BOARD],
  ])('treats the same identity with %s as a conflict and keeps the later row', (_name, hardware) => {
    const earlier = row({ spec: { serial: 'PF3ABCDE' }, line: 2, productId: '111' });
    const later = row({ spec: { serial: 'PF3ABCDE', ...hardware }, line: 3, productId: '222' });

    const merger = new DeviceMerger(nodeSha256);
    merger.add(earlier);
    expect(merger.add(later)).toBe('conflict');
    const outcome = merger.finish(ROWS);

    const device = onlyDevice(outcome);
    expect(device.hash).toBe(later.hash);
    expect(device.productId).toBe('222');
    expect(device.sources).toEqual([at(3)]);
    expect(outcome.conflicts).toEqual([{ serial: 'PF3ABCDE', kept: at(3), others: [at(2)] }]);
    expect(outcome.duplicates).toEqual([]);
  });

  it('keeps a conflicting device in the position it was first seen', () => {
    const outcome = merge([
      row({ spec: { serial: 'A1' }, line: 2 }),
      row({ spec: { serial: 'B1' }, line: 3 }),
      row({ spec: { serial: 'C1' }, line: 4 }),
      row({ spec: { serial: 'A1', ...REPLACED_DISK }, line: 5 }),
    ]);

    expect(outcome.devices.map((d) => d.serial)).toEqual(['A1', 'B1', 'C1']);
    expect(outcome.devices[0]!.sources).toEqual([at(5)]);
  });

  it("lists the replaced row and all of its duplicates among the conflict's others", () => {
    const outcome = merge([
      row({ spec: { serial: 'A1' }, line: 2 }),
      row({ spec: again({ serial: 'A1' }, 1), line: 3, file: 'b.csv' }),
      row({ spec: again({ serial: 'A1' }, 2), line: 4 }),
      row({ spec: { serial: 'A1', ...REPLACED_DISK }, line: 5 }),
    ]);

    expect(outcome.conflicts).toEqual([
      { serial: 'A1', kept: at(5), others: [at(2), at(3, 'b.csv'), at(4)] },
    ]);
    expect(onlyDevice(outcome).sources).toEqual([at(5)]);
  });

  it('still lists a duplicate in duplicates after the row it duplicated is replaced by a conflict', () => {
    const outcome = merge([
      row({ spec: { serial: 'A1' }, line: 2 }),
      row({ spec: again({ serial: 'A1' }, 1), line: 3 }),
      row({ spec: { serial: 'A1', ...REPLACED_DISK }, line: 4 }),
    ]);

    expect(outcome.duplicates).toEqual([{ serial: 'A1', file: FILE, line: 3 }]);
  });

  it('accumulates a third version of the hardware into the same conflict entry', () => {
    const merger = new DeviceMerger(nodeSha256);
    merger.add(row({ spec: { serial: 'A1' }, line: 2 }));
    merger.add(row({ spec: { serial: 'A1', ...REPLACED_DISK }, line: 3 }));
    merger.add(row({ spec: again({ serial: 'A1', ...REPLACED_DISK }, 1), line: 4 }));
    expect(merger.add(row({ spec: { serial: 'A1', ...REPLACED_BOARD }, line: 5 }))).toBe('conflict');
    const outcome = merger.finish(ROWS);

    expect(outcome.conflicts).toEqual([{ serial: 'A1', kept: at(5), others: [at(2), at(3), at(4)] }]);
    expect(onlyDevice(outcome).sources).toEqual([at(5)]);
  });

  it('treats the original hardware coming back after a replacement as another conflict', () => {
    const outcome = merge([
      row({ spec: { serial: 'A1' }, line: 2 }),
      row({ spec: { serial: 'A1', ...REPLACED_DISK }, line: 3 }),
      row({ spec: again({ serial: 'A1' }, 1), line: 4 }),
    ]);

    expect(outcome.conflicts).toEqual([{ serial: 'A1', kept: at(4), others: [at(2), at(3)] }]);
    expect(outcome.duplicates).toEqual([]);
  });

  it('keeps duplicates of the newer hardware in the sources after a conflict', () => {
    const outcome = merge([
      row({ spec: { serial: 'A1' }, line: 2 }),
      row({ spec: { serial: 'A1', ...REPLACED_DISK }, line: 3 }),
      row({ spec: again({ serial: 'A1', ...REPLACED_DISK }, 1), line: 4 }),
    ]);

    expect(onlyDevice(outcome).sources).toEqual([at(3), at(4)]);
    expect(outcome.conflicts).toEqual([{ serial: 'A1', kept: at(3), others: [at(2)] }]);
  });

  it("takes the later row's product ID, tag and user on a conflict, even when they are blank", () => {
    const outcome = merge([
      row({
        spec: { serial: 'A1' },
        line: 2,
        productId: '111',
        groupTag: STANDARD,
        assignedUser: 'a@contoso.com',
      }),
      row({ spec: { serial: 'A1', ...REPLACED_DISK }, line: 3 }),
    ]);

    expect(onlyDevice(outcome)).toMatchObject({
      productId: '',
      groupTag: DEFAULT_GROUP_TAG,
      assignedUser: '',
    });
  });

  it.each([
    ['manufacturer', { serial: 'A1', manufacturer: 'HP' }],
    ['model', { serial: 'A1', model: '20XW0027JP' }],
  ])('treats the same serial with a different %s as a different device', (_field, other) => {
    const merger = new DeviceMerger(nodeSha256);
    merger.add(row({ spec: { serial: 'A1' }, line: 2 }));
    expect(merger.add(row({ spec: other, line: 3 }))).toBe('added');
    const outcome = merger.finish(ROWS);

    expect(outcome.devices.map((d) => d.sources)).toEqual([[at(2)], [at(3)]]);
    expect(outcome.duplicates).toEqual([]);
    expect(outcome.conflicts).toEqual([]);
  });

  it('finds each of several devices sharing one serial when they come again', () => {
    const lenovo = { serial: 'A1' };
    const hp = { serial: 'A1', manufacturer: 'HP', model: 'EliteBook 840 G8' };
    const otherModel = { serial: 'A1', model: '20XW0027JP' };
    const merger = new DeviceMerger(nodeSha256);
    merger.add(row({ spec: lenovo, line: 2 }));
    merger.add(row({ spec: hp, line: 3 }));
    merger.add(row({ spec: otherModel, line: 4 }));

    expect(merger.add(row({ spec: again(otherModel, 1), line: 5 }))).toBe('duplicate');
    expect(merger.add(row({ spec: again(hp, 1), line: 6 }))).toBe('duplicate');
    expect(merger.add(row({ spec: { ...lenovo, ...REPLACED_DISK }, line: 7 }))).toBe('conflict');
    const outcome = merger.finish(ROWS);
    expect(outcome.devices.map((d) => [d.manufacturer, d.model, d.sources])).toEqual([
      ['LENOVO', '20XW0026JP', [at(7)]],
      ['HP', 'EliteBook 840 G8', [at(3), at(6)]],
      ['LENOVO', '20XW0027JP', [at(4), at(5)]],
    ]);
  });

  it('keeps first-seen order across many adds', () => {
    const serials = Array.from({ length: 200 }, (_, i) => `SN${String((i * 7919) % 1000).padStart(4, '0')}`);
    const merger = new DeviceMerger(nodeSha256);
    serials.forEach((serial, i) => merger.add(row({ spec: { serial }, line: i + 2 })));
    // The same devices again, in reverse: duplicates must not move anything.
    [...serials]
      .reverse()
      .forEach((serial, i) => merger.add(row({ spec: again({ serial }, 1), line: 300 + i })));

    expect(merger.finish(ROWS).devices.map((d) => d.serial)).toEqual(serials);
  });
});

describe('DeviceMerger duplicates with other field values', () => {
  it('fills a blank product ID, group tag and assigned user from a duplicate without a warning', () => {
    const outcome = merge([
      row({ spec: { serial: 'A1' }, line: 2 }),
      row({
        spec: again({ serial: 'A1' }, 1),
        line: 3,
        productId: '3305404496774',
        groupTag: STANDARD,
        assignedUser: 'a@contoso.com',
      }),
    ]);

    expect(onlyDevice(outcome)).toMatchObject({
      productId: '3305404496774',
      groupTag: STANDARD,
      assignedUser: 'a@contoso.com',
    });
    expect(outcome.warnings).toEqual([]);
  });

  it('fills each blank field from the first duplicate that has it', () => {
    const outcome = merge([
      row({ spec: { serial: 'A1' }, line: 2, assignedUser: 'a@contoso.com' }),
      row({ spec: again({ serial: 'A1' }, 1), line: 3, productId: '111' }),
      row({ spec: again({ serial: 'A1' }, 2), line: 4, productId: '111', groupTag: STANDARD }),
    ]);

    expect(onlyDevice(outcome)).toMatchObject({
      productId: '111',
      groupTag: STANDARD,
      assignedUser: 'a@contoso.com',
    });
    expect(outcome.warnings).toEqual([]);
  });

  it('keeps the first value and warns duplicate-differs, at the duplicate, when both have different values', () => {
    const outcome = merge([
      row({
        spec: { serial: 'A1' },
        line: 2,
        productId: '111',
        groupTag: STANDARD,
        assignedUser: 'a@contoso.com',
      }),
      row({
        spec: again({ serial: 'A1' }, 1),
        line: 8,
        file: 'b.csv',
        productId: '222',
        groupTag: DEFAULT_GROUP_TAG,
        assignedUser: 'b@contoso.com',
      }),
    ]);

    expect(onlyDevice(outcome)).toMatchObject({
      productId: '111',
      groupTag: STANDARD,
      assignedUser: 'a@contoso.com',
    });
    expect(outcome.warnings).toEqual([
      {
        file: 'b.csv',
        line: 8,
        code: 'duplicate-differs',
        params: { serial: 'A1', field: 'productId', kept: '111', other: '222' },
      },
      {
        file: 'b.csv',
        line: 8,
        code: 'duplicate-differs',
        params: { serial: 'A1', field: 'groupTag', kept: STANDARD, other: DEFAULT_GROUP_TAG },
      },
      {
        file: 'b.csv',
        line: 8,
        code: 'duplicate-differs',
        params: { serial: 'A1', field: 'assignedUser', kept: 'a@contoso.com', other: 'b@contoso.com' },
      },
    ]);
  });

  it('does not warn when a duplicate repeats the kept values or leaves them blank', () => {
    const outcome = merge([
      row({
        spec: { serial: 'A1' },
        line: 2,
        productId: '111',
        groupTag: STANDARD,
        assignedUser: 'a@contoso.com',
      }),
      row({ spec: again({ serial: 'A1' }, 1), line: 3, productId: '111', groupTag: STANDARD }),
      row({ spec: again({ serial: 'A1' }, 2), line: 4 }),
    ]);

    expect(outcome.warnings).toEqual([]);
  });

  it('compares a later duplicate with a value filled in from an earlier one', () => {
    const outcome = merge([
      row({ spec: { serial: 'A1' }, line: 2 }),
      row({ spec: again({ serial: 'A1' }, 1), line: 3, productId: '111' }),
      row({ spec: again({ serial: 'A1' }, 2), line: 4, productId: '222' }),
    ]);

    expect(onlyDevice(outcome).productId).toBe('111');
    expect(outcome.warnings).toEqual([
      {
        file: FILE,
        line: 4,
        code: 'duplicate-differs',
        params: { serial: 'A1', field: 'productId', kept: '111', other: '222' },
      },
    ]);
  });
});

describe('DeviceMerger.finish with an override tag', () => {
  const policy: TagPolicy = { kind: 'override', tag: STANDARD };

  it('gives every device the override tag', () => {
    const outcome = merge(
      [
        row({ spec: { serial: 'A1' }, line: 2 }),
        row({ spec: { serial: 'B1' }, line: 3, groupTag: 'Sales-Tokyo' }),
        row({ spec: { serial: 'C1' }, line: 4, groupTag: 'not,valid' }),
      ],
      policy,
    );

    expect(outcome.devices.map((d) => d.groupTag)).toEqual([STANDARD, STANDARD, STANDARD]);
  });

  it('warns group-tag-replaced for a row that carries another tag', () => {
    const outcome = merge([row({ spec: { serial: 'B1' }, line: 3, groupTag: DEFAULT_GROUP_TAG })], policy);

    expect(outcome.warnings).toEqual([
      {
        file: FILE,
        line: 3,
        code: 'group-tag-replaced',
        params: { serial: 'B1', from: DEFAULT_GROUP_TAG, to: STANDARD },
      },
    ]);
  });

  it('does not warn for a row without a tag or with the override tag itself', () => {
    const outcome = merge(
      [
        row({ spec: { serial: 'A1' }, line: 2 }),
        row({ spec: { serial: 'B1' }, line: 3, groupTag: STANDARD }),
      ],
      policy,
    );

    expect(outcome.warnings).toEqual([]);
  });
});

describe('DeviceMerger.finish with row tags', () => {
  it('keeps a known tag without a warning', () => {
    const outcome = merge([row({ spec: { serial: 'A1' }, groupTag: STANDARD })]);

    expect(onlyDevice(outcome).groupTag).toBe(STANDARD);
    expect(outcome.warnings).toEqual([]);
  });

  it('gives a row without a tag the fallback, without a warning', () => {
    const outcome = merge([row({ spec: { serial: 'A1' } })], {
      kind: 'rows',
      fallback: STANDARD,
      allowCustom: false,
    });

    expect(onlyDevice(outcome).groupTag).toBe(STANDARD);
    expect(outcome.warnings).toEqual([]);
  });

  it('corrects a near miss of a known tag and warns group-tag-corrected', () => {
    const outcome = merge(
      [row({ spec: { serial: 'A1' }, line: 4, groupTag: 'microsoft365managed_autopilot' })],
      { kind: 'rows', fallback: STANDARD, allowCustom: false },
    );

    expect(onlyDevice(outcome).groupTag).toBe(DEFAULT_GROUP_TAG);
    expect(outcome.warnings).toEqual([
      {
        file: FILE,
        line: 4,
        code: 'group-tag-corrected',
        params: { serial: 'A1', from: 'microsoft365managed_autopilot', to: DEFAULT_GROUP_TAG },
      },
    ]);
  });

  it('leaves out a device whose custom tag was not allowed, with group-tag-custom', () => {
    const outcome = merge([row({ spec: { serial: 'A1' }, line: 4, groupTag: 'Sales-Tokyo' })]);

    expect(outcome.devices).toEqual([]);
    expect(outcome.rejected).toEqual([
      { file: FILE, line: 4, code: 'group-tag-custom', params: { serial: 'A1', tag: 'Sales-Tokyo' } },
    ]);
  });

  it('keeps a custom tag without a word when custom tags are allowed', () => {
    const outcome = merge([row({ spec: { serial: 'A1' }, line: 4, groupTag: 'Sales-Tokyo' })], {
      kind: 'rows',
      fallback: STANDARD,
      allowCustom: true,
    });

    expect(onlyDevice(outcome).groupTag).toBe('Sales-Tokyo');
    expect(outcome.warnings).toEqual([]);
    expect(outcome.rejected).toEqual([]);
  });

  it('leaves out a device whose tag may mean another tag, naming the suggestion, instead of guessing', () => {
    const outcome = merge([
      row({ spec: { serial: 'A1' }, line: 4, groupTag: 'Microsoft365Manged_Autopilot' }),
    ]);

    expect(outcome.devices).toEqual([]);
    expect(outcome.rejected).toEqual([
      {
        file: FILE,
        line: 4,
        code: 'group-tag-near-miss',
        params: {
          serial: 'A1',
          tag: 'Microsoft365Manged_Autopilot',
          suggestion: DEFAULT_GROUP_TAG,
          reasons: 'typo',
        },
      },
    ]);
  });

  it('leaves out a device whose tag cannot be used, with group-tag-invalid and the problem', () => {
    const outcome = merge([row({ spec: { serial: 'A1' }, line: 4, groupTag: 'Sales,Tokyo' })], {
      kind: 'rows',
      fallback: STANDARD,
      allowCustom: true,
    });

    expect(outcome.devices).toEqual([]);
    expect(outcome.rejected).toEqual([
      {
        file: FILE,
        line: 4,
        code: 'group-tag-invalid',
        params: { serial: 'A1', tag: 'Sales,Tokyo', problem: 'bad-character', character: ',' },
      },
    ]);
  });

  it('keeps every device for a format without a tag column and warns group-tag-not-carried for row tags', () => {
    const outcome = merge(
      [
        row({ spec: { serial: 'A1' }, line: 2, groupTag: 'Sales' }),
        row({ spec: { serial: 'B1' }, line: 3, groupTag: 'Microsoft365Managed_Autopliot' }),
        row({ spec: { serial: 'C1' }, line: 4, groupTag: 'Sales,Tokyo' }),
        row({ spec: { serial: 'D1' }, line: 5, groupTag: DEFAULT_GROUP_TAG }),
        row({ spec: { serial: 'E1' }, line: 6 }),
      ],
      tagPolicyForFormat('partner-center', ROWS),
    );

    expect([
      outcome.devices.map((d) => `${d.serial}:${d.groupTag}`),
      outcome.rejected,
      outcome.warnings.map((w) => [w.code, w.line, w.params.tag, w.params.group]),
    ]).toEqual([
      ['A1', 'B1', 'C1', 'D1', 'E1'].map((serial) => `${serial}:${DEFAULT_GROUP_TAG}`),
      [],
      [
        ['group-tag-not-carried', 2, 'Sales', DEFAULT_GROUP_TAG],
        ['group-tag-not-carried', 3, 'Microsoft365Managed_Autopliot', DEFAULT_GROUP_TAG],
        ['group-tag-not-carried', 4, 'Sales,Tokyo', DEFAULT_GROUP_TAG],
      ],
    ]);
  });

  it('names the chosen tag as the group to pick at upload for a format without a tag column', () => {
    const policy = tagPolicyForFormat('partner-center', { kind: 'override', tag: STANDARD });
    const outcome = merge([row({ spec: { serial: 'A1' }, line: 2, groupTag: 'Sales' })], policy);

    expect([policy, outcome.warnings.map((w) => w.params.group)]).toEqual([
      { kind: 'not-carried', group: STANDARD },
      [STANDARD],
    ]);
  });

  it('keeps the policy as it is for the Intune format, which has a Group Tag column', () => {
    expect(tagPolicyForFormat('intune', ROWS)).toBe(ROWS);
  });

  it('puts tag warnings after the duplicate warnings, in device order', () => {
    const outcome = merge([
      row({ spec: { serial: 'A1' }, line: 2, groupTag: 'microsoft365managed_standard', productId: '1' }),
      row({ spec: { serial: 'B1' }, line: 3, groupTag: 'microsoft365managed_kiosk' }),
      row({ spec: again({ serial: 'A1' }, 1), line: 4, productId: '2' }),
    ]);

    expect(outcome.warnings.map((w) => `${w.code}@${w.line}`)).toEqual([
      'duplicate-differs@4',
      'group-tag-corrected@2',
      'group-tag-corrected@3',
    ]);
  });

  it('reports a tag filled in from a duplicate at the duplicate row that carries it', () => {
    // The kept row (line 2) has no Group Tag; the near miss is on line 3. A warning that names line 2 sends
    // the technician to a row with an empty tag cell.
    const outcome = merge([
      row({ spec: { serial: 'A1' }, line: 2 }),
      row({ spec: again({ serial: 'A1' }, 1), line: 3, groupTag: 'microsoft365managed_autopilot' }),
    ]);

    expect(outcome.warnings).toEqual([
      {
        file: FILE,
        line: 3,
        code: 'group-tag-corrected',
        params: { serial: 'A1', from: 'microsoft365managed_autopilot', to: DEFAULT_GROUP_TAG },
      },
    ]);
  });
});

describe('DeviceMerger.finish called again', () => {
  function mergerWithEverything(): DeviceMerger {
    const merger = new DeviceMerger(nodeSha256);
    merger.add(
      row({ spec: { serial: 'A1' }, line: 2, productId: '1', groupTag: 'microsoft365managed_kiosk' }),
    );
    merger.add(row({ spec: again({ serial: 'A1' }, 1), line: 3, productId: '2' }));
    merger.add(row({ spec: { serial: 'B1' }, line: 4, groupTag: 'Sales-Tokyo' }));
    merger.add(row({ spec: { serial: 'B1', ...REPLACED_DISK }, line: 5, groupTag: 'Sales-Tokyo' }));
    return merger;
  }

  it('gives an equal outcome, without repeating any warning', () => {
    const merger = mergerWithEverything();
    const first = merger.finish(ROWS);
    const second = merger.finish(ROWS);

    expect(second).toEqual(first);
    expect(second.warnings.map((w) => w.code)).toEqual(['duplicate-differs', 'group-tag-corrected']);
    expect(second.rejected.map((r) => r.code)).toEqual(['group-tag-custom']);
  });

  it('chooses tags anew for the policy of each call and leaves the earlier outcome as it was', () => {
    const merger = mergerWithEverything();
    const rows = merger.finish(ROWS);
    const override = merger.finish({ kind: 'override', tag: STANDARD });

    expect(override.devices.map((d) => d.groupTag)).toEqual([STANDARD, STANDARD]);
    expect(override.warnings.map((w) => w.code)).toEqual([
      'duplicate-differs',
      'group-tag-replaced',
      'group-tag-replaced',
    ]);
    expect(rows.devices.map((d) => d.groupTag)).toEqual(['Microsoft365Managed_Kiosk']);
  });
});

describe('DeviceMerger accounting (property)', () => {
  /** A small pool so that sequences hit duplicates, conflicts and shared serials often. */
  const IDENTITIES: readonly HashSpec[] = [
    { serial: 'A1' },
    { serial: 'A1', model: '20XW0027JP' },
    { serial: 'A1', manufacturer: 'HP', model: 'EliteBook 840 G8' },
    { serial: 'B2' },
    { serial: 'C3', manufacturer: 'Dell Inc.', model: 'Latitude 7440' },
  ];
  const HARDWARE: readonly HashSpec[] = [{}, REPLACED_DISK, REPLACED_BOARD];
  const NONCES = 3;

  /** Decoded once: [identity][hardware][nonce]. */
  const HASHES = IDENTITIES.map((identity) =>
    HARDWARE.map((hardware) =>
      Array.from({ length: NONCES }, (_, nonce) => decodeOk({ ...identity, ...hardware, nonce })),
    ),
  );

  const pick = fc.record({
    identity: fc.nat(IDENTITIES.length - 1),
    hardware: fc.nat(HARDWARE.length - 1),
    nonce: fc.nat(NONCES - 1),
    file: fc.constantFrom('a.csv', 'b.csv'),
  });

  function rowsOf(picks: readonly { identity: number; hardware: number; nonce: number; file: string }[]) {
    return picks.map((p, i): DeviceRow & { readonly pick: typeof p } => {
      const hash = HASHES[p.identity]![p.hardware]![p.nonce]!;
      return {
        serial: hash.serial ?? '',
        manufacturer: hash.manufacturer ?? '',
        model: hash.model ?? '',
        productId: '',
        groupTag: '',
        assignedUser: '',
        hash,
        source: { file: p.file, line: i + 2 },
        pick: p,
      };
    });
  }

  const key = (s: SourceRef) => `${s.file}:${s.line}`;

  it('accounts for every row exactly once and lists each identity once, in first-seen order', () => {
    fc.assert(
      fc.property(fc.array(pick, { maxLength: 40 }), (picks) => {
        const rows = rowsOf(picks);
        const merger = new DeviceMerger(nodeSha256);
        const outcomes = rows.map((r) => merger.add(r));
        const outcome = merger.finish(ROWS);

        // Each row is the kept row of a device, one of its duplicates, or among a conflict's replaced rows.
        const accounted = [
          ...outcome.devices.flatMap((d) => d.sources),
          ...outcome.conflicts.flatMap((c) => c.others),
        ].map(key);
        expect([...accounted].sort()).toEqual(rows.map((r) => key(r.source)).sort());

        const identities = outcome.devices.map(deviceIdentity);
        expect(new Set(identities).size).toBe(identities.length);
        expect(identities).toEqual([...new Set(rows.map(deviceIdentity))]);

        expect(outcome.duplicates).toHaveLength(outcomes.filter((o) => o === 'duplicate').length);
        expect(outcome.devices).toHaveLength(outcomes.filter((o) => o === 'added').length);
        expect(merger.size).toBe(outcome.devices.length);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the latest hardware of each device and names its kept row in its conflict', () => {
    fc.assert(
      fc.property(fc.array(pick, { maxLength: 40 }), (picks) => {
        const rows = rowsOf(picks);
        const merger = new DeviceMerger(nodeSha256);
        for (const r of rows) merger.add(r);
        const outcome = merger.finish(ROWS);

        const byLine = new Map(rows.map((r) => [key(r.source), r]));
        for (const device of outcome.devices) {
          const last = rows.filter((r) => deviceIdentity(r) === deviceIdentity(device)).at(-1)!;
          const kept = byLine.get(key(device.sources[0]!))!;
          // The kept row carries the latest hardware, and every source of the device has that hardware.
          expect(kept.hash).toBe(device.hash);
          for (const source of device.sources) {
            expect(byLine.get(key(source))!.pick.hardware).toBe(last.pick.hardware);
          }
          expect(hardwareFingerprint(device.hash, nodeSha256)).toBe(
            hardwareFingerprint(last.hash, nodeSha256),
          );
        }
        for (const conflict of outcome.conflicts) {
          const device = outcome.devices.find((d) => key(d.sources[0]!) === key(conflict.kept));
          expect(device?.serial).toBe(conflict.serial);
          expect(conflict.others.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
