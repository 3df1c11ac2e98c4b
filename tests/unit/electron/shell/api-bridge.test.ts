import { describe, expect, it } from 'vitest';
import { createApiBridge } from '../../../../electron/shell/api-bridge';

describe('createApiBridge', () => {
  it('makes one method per call that invokes harvester:<call> with its input', async () => {
    const sent: [string, unknown][] = [];
    const bridge = createApiBridge(['listDevices', 'collect'], async (channel, input) => {
      sent.push([channel, input]);
      return 'ok';
    });
    expect(Object.keys(bridge)).toEqual(['listDevices', 'collect']);
    await expect(bridge.listDevices?.({ q: 1 })).resolves.toBe('ok');
    await bridge.collect?.();
    expect(sent).toEqual([
      ['harvester:listDevices', { q: 1 }],
      ['harvester:collect', undefined],
    ]);
  });

  it('treats a call named like an Object.prototype member as an ordinary call', () => {
    const bridge = createApiBridge(['__proto__', 'toString'], async () => undefined);
    expect(Object.getPrototypeOf(bridge)).toBeNull();
    expect(Object.keys(bridge).sort()).toEqual(['__proto__', 'toString']);
  });

  it('cannot be changed by the page', () => {
    const bridge = createApiBridge(['listDevices'], async () => undefined) as Record<string, unknown>;
    expect(() => {
      bridge.listDevices = () => 'hijacked';
    }).toThrow(TypeError);
  });
});
