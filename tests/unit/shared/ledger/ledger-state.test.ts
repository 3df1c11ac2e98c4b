import { describe, expect, it } from 'vitest';
import { inReplayOrder, LedgerState } from '../../../../shared/ledger/ledger-events';
import type { DeviceSource, LedgerEvent, LedgerRecord } from '../../../../shared/ledger/ledger-events';

const CSV: DeviceSource = { kind: 'imported', file: 'devices.csv', line: 2 };
const HERE: DeviceSource = { kind: 'collected', computerName: 'PC-01' };

let seq = 0;
function rec(event: LedgerEvent, at = '2025-11-24T10:00:00.000Z'): LedgerRecord {
  seq++;
  return { id: `r${seq}`, seq, at, event };
}

function added(id: string, fingerprint = `fp-${id}`, source: DeviceSource = CSV): LedgerEvent {
  return {
    type: 'device-added',
    deviceId: id,
    serial: `SN-${id}`,
    manufacturer: 'LENOVO',
    model: '20XW',
    productId: '',
    groupTag: 'Microsoft365Managed_Autopilot',
    assignedUser: '',
    hash: `hash-${fingerprint}`,
    fingerprint,
    source,
  };
}

function replaced(id: string, fingerprint: string): LedgerEvent {
  return {
    type: 'device-replaced',
    deviceId: id,
    hash: `hash-${fingerprint}`,
    fingerprint,
    productId: '999',
    groupTag: 'Site-B',
    assignedUser: 'a@example.com',
    source: HERE,
  };
}

function exported(ids: string[], file = 'E:\\out.csv'): LedgerEvent {
  return { type: 'devices-exported', deviceIds: ids, file, format: 'intune', groupTag: 'Site-B' };
}

function replay(...events: LedgerEvent[]): LedgerState {
  const state = new LedgerState();
  for (const event of events) state.apply(rec(event));
  return state;
}

describe('LedgerState', () => {
  it('lists added devices in the order they were added', () => {
    const state = replay(added('b'), added('a'), added('c'));

    expect(state.devices().map((d) => d.id)).toEqual(['b', 'a', 'c']);
  });

  it('starts a device as new, with its first source and time', () => {
    const state = new LedgerState();
    state.apply({ id: 'r', seq: 1, at: '2025-11-24T09:00:00.000Z', event: added('a', 'fp', HERE) });

    expect(state.get('a')).toMatchObject({
      serial: 'SN-a',
      state: 'new',
      addedAt: '2025-11-24T09:00:00.000Z',
      source: HERE,
      exports: [],
    });
  });

  it('records a sighting in the history without changing the device', () => {
    const state = replay(added('a'));
    const before = state.get('a')!;
    state.apply(rec({ type: 'device-seen', deviceId: 'a', source: HERE }));

    const after = state.get('a')!;
    expect({ ...after, history: [] }).toEqual({ ...before, history: [] });
    expect(after.history.map((r) => r.event.type)).toEqual(['device-added', 'device-seen']);
  });

  it('keeps the later hash when the hardware was replaced', () => {
    const state = replay(added('a', 'old'), replaced('a', 'new'));

    expect(state.get('a')).toMatchObject({
      hash: 'hash-new',
      fingerprint: 'new',
      productId: '999',
      groupTag: 'Site-B',
      assignedUser: 'a@example.com',
      source: CSV,
    });
  });

  it('makes an exported device new again when its hardware is replaced', () => {
    const state = replay(added('a', 'old'), exported(['a']), replaced('a', 'new'));

    expect(state.get('a')?.state).toBe('new');
  });

  it('marks exported devices and keeps each export with its file, format, tag and time', () => {
    const state = new LedgerState();
    state.apply(rec(added('a')));
    state.apply(rec(added('b')));
    state.apply({ id: 'x', seq: 9, at: '2025-11-24T12:00:00.000Z', event: exported(['a'], 'E:\\one.csv') });

    expect(state.get('a')?.state).toBe('exported');
    expect(state.get('a')?.exports).toEqual([
      { file: 'E:\\one.csv', format: 'intune', groupTag: 'Site-B', at: '2025-11-24T12:00:00.000Z' },
    ]);
    expect(state.get('b')?.state).toBe('new');
  });

  it('hides deleted devices unless asked for them', () => {
    const state = replay(added('a'), added('b'), { type: 'devices-deleted', deviceIds: ['a'] });

    expect(state.devices().map((d) => d.id)).toEqual(['b']);
    expect(state.devices({ includeDeleted: true }).map((d) => [d.id, d.state])).toEqual([
      ['a', 'deleted'],
      ['b', 'new'],
    ]);
  });

  it('restores a deleted device to the state it had before', () => {
    const state = replay(
      added('a'),
      exported(['a']),
      { type: 'devices-deleted', deviceIds: ['a'] },
      { type: 'devices-restored', deviceIds: ['a'] },
    );

    expect(state.get('a')?.state).toBe('exported');
    expect(state.devices().map((d) => d.id)).toEqual(['a']);
  });

  it('keeps the whole history of a device in order', () => {
    const state = replay(
      added('a'),
      { type: 'device-seen', deviceId: 'a', source: HERE },
      replaced('a', 'new'),
      exported(['a', 'b']),
      { type: 'devices-deleted', deviceIds: ['a'] },
      { type: 'devices-restored', deviceIds: ['a'] },
    );

    expect(state.get('a')?.history.map((r) => r.event.type)).toEqual([
      'device-added',
      'device-seen',
      'device-replaced',
      'devices-exported',
      'devices-deleted',
      'devices-restored',
    ]);
  });

  it('ignores records about devices it does not know', () => {
    const state = replay(
      { type: 'device-seen', deviceId: 'ghost', source: HERE },
      replaced('ghost', 'x'),
      exported(['ghost']),
      { type: 'devices-deleted', deviceIds: ['ghost'] },
    );

    expect(state.devices({ includeDeleted: true })).toEqual([]);
    expect(state.get('ghost')).toBeUndefined();
  });

  it('treats a device added again as updated and brings it back if it was deleted', () => {
    const state = replay(
      added('a', 'one'),
      { type: 'devices-deleted', deviceIds: ['a'] },
      added('a', 'two', HERE),
    );

    expect(state.get('a')).toMatchObject({ state: 'new', fingerprint: 'two', source: CSV });
    expect(state.devices()).toHaveLength(1);
  });

  it('counts a device named twice in one record once', () => {
    const state = replay(added('a'), exported(['a', 'a']));

    expect(state.get('a')?.exports).toHaveLength(1);
    expect(state.get('a')?.history).toHaveLength(2);
  });

  it('never changes a device snapshot handed out earlier', () => {
    const state = replay(added('a'));
    const list = state.devices();
    const snapshot = state.get('a')!;
    state.apply(rec(exported(['a'])));

    expect(snapshot.state).toBe('new');
    expect(list[0]).toBe(snapshot);
    expect(state.get('a')?.state).toBe('exported');
  });

  // How fast is `npm run bench`'s question (ledger open of 100,000 devices); this one is whether all arrive.
  it('replays 100,000 added devices into a list of 100,000 in journal order', () => {
    const records = Array.from({ length: 100_000 }, (_, i) => rec(added(String(i))));
    const state = new LedgerState();
    for (const r of records) state.apply(r);
    const listed = state.devices();

    expect(listed).toHaveLength(100_000);
    expect(listed[0]?.id).toBe('0');
    expect(listed[99_999]?.id).toBe('99999');
  });
});

describe('inReplayOrder', () => {
  function at(seqNo: number, id: string, time: string, event: LedgerEvent): LedgerRecord {
    return { id, seq: seqNo, at: time, event };
  }
  const T = '2025-11-24T10:00:00.000Z';

  it('keeps records one writer numbered in increasing order as they are, without copying them', () => {
    const records = [at(1, 'a', T, added('x')), at(3, 'b', T, exported(['x']))];

    expect(inReplayOrder(records)).toBe(records);
  });

  it('orders records merged from two copies by seq, then time, then id', () => {
    const common = at(1, 'c', T, added('x'));
    const mine = at(2, 'm', '2025-11-24T11:00:00.000Z', exported(['x']));
    const theirs = at(2, 't', '2025-11-24T09:00:00.000+09:00', replaced('x', 'fp-new'));
    const tie = at(2, 'a', '2025-11-24T11:00:00.000Z', added('y'));

    expect(inReplayOrder([common, mine, theirs, tie]).map((r) => r.id)).toEqual(['c', 't', 'a', 'm']);
  });

  it('trusts seq over a clock that ran behind, so an export never comes before its add', () => {
    const add = at(5, 'add', '2025-11-24T10:00:00.000Z', added('x'));
    const slowClock = at(6, 'exp', '2025-11-24T09:00:00.000Z', exported(['x']));
    const state = new LedgerState();
    for (const r of inReplayOrder([add, slowClock])) state.apply(r);

    expect(state.get('x')?.state).toBe('exported');
  });

  it('gives the same devices for two copies holding the same records in different orders', () => {
    const common = at(1, 'c', T, added('x', 'fp-old'));
    const mine = [at(2, 'm1', T, exported(['x'])), at(3, 'm2', T, added('y'))];
    const theirs = [
      at(2, 't1', '2025-11-24T10:05:00.000Z', replaced('x', 'fp-new')),
      at(3, 't2', T, { type: 'devices-deleted', deviceIds: ['x'] }),
    ];
    const devices = (records: LedgerRecord[]) => {
      const state = new LedgerState();
      for (const r of inReplayOrder(records)) state.apply(r);
      return state.devices({ includeDeleted: true });
    };

    expect(devices([common, ...mine, ...theirs])).toEqual(devices([common, ...theirs, ...mine]));
  });
});
