import { describe, expect, it } from 'vitest';
import { isOtherProcess, nodeProcessSystem } from '../../../../electron/ledger/process-identity';

describe('isOtherProcess', () => {
  it('tells a process of another boot by its Linux boot id', () => {
    expect(isOtherProcess({ bootId: 'a', startTicks: '5' }, { bootId: 'b', startTicks: '5' })).toBe(true);
  });

  it('tells a process of the same boot started at another time by its start ticks', () => {
    expect(isOtherProcess({ bootId: 'a', startTicks: '5' }, { bootId: 'a', startTicks: '9' })).toBe(true);
    expect(isOtherProcess({ bootId: 'a', startTicks: '5' }, { bootId: 'a', startTicks: '5' })).toBe(false);
  });

  it('tells another boot by the boot time where there is no boot id, allowing for uptime wobble', () => {
    const booted = '2026-11-24T08:00:00.000Z';
    expect(isOtherProcess({ bootedAt: booted }, { bootedAt: '2026-11-24T08:00:02.000Z' })).toBe(false);
    expect(isOtherProcess({ bootedAt: booted }, { bootedAt: '2026-11-24T09:15:00.000Z' })).toBe(true);
  });

  it('proves nothing from a lock without marks', () => {
    expect(isOtherProcess({}, { bootId: 'a', startTicks: '1', bootedAt: '2026-11-24T08:00:00.000Z' })).toBe(
      false,
    );
  });
});

describe.skipIf(process.platform !== 'linux')('nodeProcessSystem on Linux (/proc)', () => {
  it('reads the boot id and this process start ticks, the same each time', () => {
    const marks = nodeProcessSystem.marks(process.pid);
    expect(marks.bootId).toMatch(/^[0-9a-f-]{36}$/);
    expect(marks.startTicks).toMatch(/^\d+$/);
    expect(nodeProcessSystem.marks(process.pid)).toEqual(marks);
  });

  it('gives another start time for the parent process than for this one', () => {
    expect(nodeProcessSystem.marks(process.ppid).startTicks).not.toBe(
      nodeProcessSystem.marks(process.pid).startTicks,
    );
  });
});
