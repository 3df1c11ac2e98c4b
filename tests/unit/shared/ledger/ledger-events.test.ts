import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LedgerRecordSchema, readLedgerRecord } from '../../../../shared/ledger/ledger-events';
import type { LedgerEvent, LedgerRecord } from '../../../../shared/ledger/ledger-events';

const AT = '2025-11-24T21:40:00.000Z';
const IMPORTED = { kind: 'imported', file: 'C:\\stick\\devices.csv', line: 2 } as const;

const EVENTS: readonly LedgerEvent[] = [
  {
    type: 'device-added',
    deviceId: '0123456789abcdef',
    serial: 'PF3ABCDE',
    manufacturer: 'LENOVO',
    model: '20XW0026JP',
    productId: '3305404496774',
    groupTag: 'Microsoft365Managed_Autopilot',
    assignedUser: '',
    hash: 'T0E=',
    fingerprint: 'ab'.repeat(32),
    source: IMPORTED,
  },
  { type: 'device-seen', deviceId: '0123456789abcdef', source: { kind: 'collected', computerName: 'PC-01' } },
  {
    type: 'device-replaced',
    deviceId: '0123456789abcdef',
    hash: 'T0E=',
    fingerprint: 'cd'.repeat(32),
    productId: '',
    groupTag: '',
    assignedUser: 'user@example.com',
    source: IMPORTED,
  },
  {
    type: 'devices-exported',
    deviceIds: ['0123456789abcdef'],
    file: 'E:\\AutopilotHashes.csv',
    format: 'partner-center',
    groupTag: 'Microsoft365Managed_Autopilot',
  },
  { type: 'devices-deleted', deviceIds: ['0123456789abcdef'] },
  { type: 'devices-restored', deviceIds: ['0123456789abcdef'] },
];

function record(event: LedgerEvent, seq = 1): LedgerRecord {
  return { id: `id-${seq}`, seq, at: AT, event };
}

describe('readLedgerRecord', () => {
  it.each(EVENTS.map((e) => [e.type, e] as const))('reads a %s record as the schema does', (_type, event) => {
    const value = JSON.parse(JSON.stringify(record(event))) as unknown;

    expect(readLedgerRecord(value)).toEqual(record(event));
    expect(LedgerRecordSchema.safeParse(value).success).toBe(true);
  });

  it('rejects an event type this version does not know', () => {
    const value = { id: 'x', seq: 1, at: AT, event: { type: 'device-submitted', deviceId: 'a' } };

    expect(readLedgerRecord(value)).toBeUndefined();
  });

  it('rejects a record whose time is not ISO 8601', () => {
    expect(readLedgerRecord({ ...record(EVENTS[1]!), at: 'yesterday' })).toBeUndefined();
  });

  it('rejects an imported source with a fractional line number', () => {
    const event = { ...EVENTS[1]!, source: { kind: 'imported', file: 'a.csv', line: 2.5 } };

    expect(readLedgerRecord({ ...record(EVENTS[1]!), event })).toBeUndefined();
  });

  it('rejects an export in a format the CSV writer does not know', () => {
    const event = { ...EVENTS[3]!, format: 'excel' };

    expect(readLedgerRecord({ ...record(EVENTS[3]!), event })).toBeUndefined();
  });

  it('never throws on hostile values', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (value) => {
        expect(() => readLedgerRecord(value)).not.toThrow();
      }),
    );
  });

  it('accepts exactly what the schema accepts, for records with damaged fields', () => {
    const field = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.constant(null),
      fc.constant(undefined),
      fc.constantFrom('device-added', 'device-seen', 'device-replaced', 'collected', 'imported', AT),
      fc.record(
        {
          kind: fc.constantFrom('collected', 'imported', 'x'),
          computerName: fc.string(),
          file: fc.string(),
          line: fc.integer({ min: -2, max: 5 }),
        },
        { requiredKeys: ['kind'] },
      ),
    );
    const base = fc.constantFrom(
      ...EVENTS.slice(0, 3).map((e) => JSON.parse(JSON.stringify(record(e))) as Record<string, unknown>),
    );
    const eventKey = fc.constantFrom(
      'type',
      'deviceId',
      'serial',
      'manufacturer',
      'model',
      'productId',
      'groupTag',
      'assignedUser',
      'hash',
      'fingerprint',
      'source',
    );
    const damaged = fc
      .tuple(base, fc.constantFrom('id', 'seq', 'at', 'event'), eventKey, field)
      .map(([r, top, key, value]) => {
        const copy = JSON.parse(JSON.stringify(r)) as Record<string, unknown> & {
          event: Record<string, unknown>;
        };
        if (top === 'event') copy.event[key] = value;
        else copy[top] = value;
        return copy;
      });
    fc.assert(
      fc.property(damaged, (value) => {
        expect(readLedgerRecord(value) !== undefined).toBe(LedgerRecordSchema.safeParse(value).success);
      }),
      { numRuns: 2000 },
    );
  });
});
