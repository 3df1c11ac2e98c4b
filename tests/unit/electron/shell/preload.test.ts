import { beforeEach, describe, expect, it, vi } from 'vitest';
import { HARVESTER_API_CALLS } from '../../../../shared/api/harvester-api';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(async (channel: string, input: unknown) => ({ channel, input })),
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api),
  },
  ipcRenderer: {
    invoke: electron.invoke,
    send: () => {
      throw new Error('the preload must not use ipcRenderer.send');
    },
    on: () => {
      throw new Error('the preload must not listen on ipcRenderer');
    },
  },
}));

describe('preload', () => {
  beforeEach(async () => {
    vi.resetModules();
    electron.exposed.clear();
    electron.invoke.mockClear();
    await import('../../../../electron/preload');
  });

  function bridge(): Record<string, unknown> {
    return electron.exposed.get('harvester') as Record<string, unknown>;
  }

  it('exposes window.harvester and nothing else', () => {
    expect([...electron.exposed.keys()]).toEqual(['harvester']);
  });

  it('offers exactly one function per API call', () => {
    expect(HARVESTER_API_CALLS.length).toBeGreaterThan(0);
    expect(Object.keys(bridge()).sort()).toEqual([...HARVESTER_API_CALLS].sort());
    for (const call of HARVESTER_API_CALLS) expect(typeof bridge()[call]).toBe('function');
  });

  it('does not hand out ipcRenderer or any way to reach it', () => {
    const api = bridge();
    expect(Object.getPrototypeOf(api)).toBeNull();
    expect(Object.isFrozen(api)).toBe(true);
    for (const value of Object.values(api)) {
      expect(value).not.toBe(electron.invoke);
      expect(Object.keys(value as object)).toEqual([]);
    }
  });

  it('sends each call on its own channel with the input as the only argument', async () => {
    const api = bridge();
    for (const call of HARVESTER_API_CALLS) {
      const method = api[call] as (input?: unknown) => Promise<unknown>;
      await expect(method({ probe: call })).resolves.toEqual({
        channel: `harvester:${call}`,
        input: { probe: call },
      });
    }
    expect(electron.invoke).toHaveBeenCalledTimes(HARVESTER_API_CALLS.length);
    for (const args of electron.invoke.mock.calls) expect(args).toHaveLength(2);
  });
});
