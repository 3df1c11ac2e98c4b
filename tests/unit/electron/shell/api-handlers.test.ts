import { describe, expect, it } from 'vitest';
import { HARVESTER_API_CALLS, parseApiInput } from '../../../../shared/api/harvester-api';
import { MAX_DEVICE_ID_LENGTH, readLedgerRecord } from '../../../../shared/ledger/ledger-events';
import {
  InvalidApiInputError,
  harvesterApiHandlers,
  validatedHandlers,
  type InputParseResult,
} from '../../../../electron/shell/api-handlers';

/** Accepts `{ n: number }` only. */
function parseCount(_call: string, payload: unknown): InputParseResult {
  if (typeof payload === 'object' && payload !== null && typeof (payload as { n?: unknown }).n === 'number') {
    return { ok: true, value: { n: (payload as { n: number }).n } };
  }
  return { ok: false, issues: [{ path: 'n', message: 'Expected number' }] };
}

describe('validatedHandlers', () => {
  const seen: unknown[] = [];
  const service = {
    double: async (input: { n: number }) => {
      seen.push(input);
      return input.n * 2;
    },
    close: async () => undefined,
  };
  const handlers = validatedHandlers<'double'>(service, ['double'], parseCount);

  it('makes handlers for the listed calls only', () => {
    expect(Object.keys(handlers)).toEqual(['double']);
  });

  it('hands the service the parsed value, not the raw payload', async () => {
    seen.length = 0;
    await expect(handlers.double?.({ n: 21, smuggled: true })).resolves.toBe(42);
    expect(seen).toEqual([{ n: 21 }]);
  });

  it('rejects a payload the schema refuses, naming each failing field, without calling the service', async () => {
    seen.length = 0;
    const failure = handlers.double?.({ n: 'many' });
    await expect(failure).rejects.toBeInstanceOf(InvalidApiInputError);
    await expect(failure).rejects.toThrow('Invalid input for double: n: Expected number');
    expect(seen).toEqual([]);
  });

  it('checks real payloads with the contract schemas', async () => {
    const calls: string[] = [];
    const recorder = Object.fromEntries(
      HARVESTER_API_CALLS.map((call) => [
        call,
        async () => {
          calls.push(call);
          return null;
        },
      ]),
    ) as Record<(typeof HARVESTER_API_CALLS)[number], () => Promise<unknown>>;
    const real = validatedHandlers(recorder, HARVESTER_API_CALLS, parseApiInput);
    expect(Object.keys(real).sort()).toEqual([...HARVESTER_API_CALLS].sort());
    for (const call of HARVESTER_API_CALLS) {
      await expect(real[call]?.('not an object')).rejects.toBeInstanceOf(InvalidApiInputError);
    }
    expect(calls).toEqual([]);
  });
});

describe('harvesterApiHandlers', () => {
  function recordingService() {
    const received: [string, unknown][] = [];
    const service = Object.fromEntries(
      HARVESTER_API_CALLS.map((call) => [
        call,
        async (input: unknown) => {
          received.push([call, input]);
          return null;
        },
      ]),
    ) as unknown as Parameters<typeof harvesterApiHandlers>[0];
    return { service, received };
  }

  it('gives every contract call a handler that checks its payload before the service sees it', async () => {
    const { service, received } = recordingService();
    const handlers = harvesterApiHandlers(service);
    expect(Object.keys(handlers).sort()).toEqual([...HARVESTER_API_CALLS].sort());
    await expect(handlers.deviceDetails?.({ id: 42, lang: 'en' })).rejects.toBeInstanceOf(
      InvalidApiInputError,
    );
    expect(received).toEqual([]);
    await handlers.deviceDetails?.({ id: '0123456789abcdef', lang: 'en' });
    expect(received).toEqual([['deviceDetails', { id: '0123456789abcdef', lang: 'en' }]]);
  });

  it('takes every device id the ledger can hold and refuses one longer than the ledger would keep', async () => {
    const { service } = recordingService();
    const handlers = harvesterApiHandlers(service);
    const ledgerRecord = (deviceId: string) =>
      readLedgerRecord({
        id: 'r1',
        seq: 1,
        at: '2025-11-24T21:40:00.000Z',
        event: { type: 'device-seen', deviceId, source: { kind: 'collected', computerName: 'PC-01' } },
      });
    const longest = 'a'.repeat(MAX_DEVICE_ID_LENGTH);
    const tooLong = `${longest}a`;
    expect(ledgerRecord(longest)).toBeDefined();
    await expect(handlers.deviceDetails?.({ id: longest, lang: 'en' })).resolves.toBeNull();
    expect(ledgerRecord(tooLong)).toBeUndefined();
    await expect(handlers.deviceDetails?.({ id: tooLong, lang: 'en' })).rejects.toBeInstanceOf(
      InvalidApiInputError,
    );
  });
});
