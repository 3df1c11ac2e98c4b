import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  BatchDevice,
  PartnerCenterResult,
  RequestIds,
} from '../../../../electron/submission/partner-center-client';
import {
  DEFAULT_PARTNER_CENTER_URL,
  PartnerCenterClient,
  parseLocation,
  partnerCenterBaseUrl,
} from '../../../../electron/submission/partner-center-client';
import type { MockPartnerCenter } from '../../../fakes/mock-partner-center';
import { MOCK_CUSTOMER_ID, OTHER_TENANT, startMockPartnerCenter } from '../../../fakes/mock-partner-center';

const TOKEN = 'token-secret-abc';
const HASH = 'T0FBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB';
const TAG = 'Microsoft365Managed_Autopilot';
const DEVICE: BatchDevice = { serialNumber: 'PC-1', hardwareHash: HASH };

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function mock(options: Parameters<typeof startMockPartnerCenter>[0] = {}): Promise<MockPartnerCenter> {
  const started = await startMockPartnerCenter({ token: { current: TOKEN }, ...options });
  closers.push(started.close);
  return started;
}

/** A server that answers every request with `answer`, for answers the mock never gives. */
async function answering(
  answer: (req: http.IncomingMessage, res: http.ServerResponse) => void,
): Promise<string> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => answer(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function value<T>(result: PartnerCenterResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.failure)}`);
  return result.value;
}

function ids(requestId: string): RequestIds {
  return { requestId, correlationId: 'corr-1' };
}

describe('partnerCenterBaseUrl and the client URL', () => {
  it('uses Partner Center unless HARVESTER_PARTNER_CENTER_URL says otherwise', () => {
    expect(partnerCenterBaseUrl({})).toBe(DEFAULT_PARTNER_CENTER_URL);
    expect(partnerCenterBaseUrl({ HARVESTER_PARTNER_CENTER_URL: 'http://127.0.0.1:4000' })).toBe(
      'http://127.0.0.1:4000',
    );
  });

  it('refuses plain http to anything but this machine', () => {
    expect(() => new PartnerCenterClient({ baseUrl: 'http://partner.example.com' })).toThrow(RangeError);
    expect(() => new PartnerCenterClient({ baseUrl: 'http://127.0.0.1:1' })).not.toThrow();
  });

  it('refuses plain http to localhost and [::1], which a hosts file or resolver could send elsewhere', () => {
    expect(() => new PartnerCenterClient({ baseUrl: 'http://localhost:1' })).toThrow(RangeError);
    expect(() => new PartnerCenterClient({ baseUrl: 'http://[::1]:1' })).toThrow(RangeError);
    expect(() => new PartnerCenterClient({ baseUrl: 'https://localhost:1' })).not.toThrow();
  });

  it('reads a Location with or without /v1 and refuses anything else', () => {
    expect(parseLocation('/customers/c-1/batchJobStatus/t-1')).toEqual({
      customerId: 'c-1',
      trackingId: 't-1',
    });
    expect(parseLocation('/v1/customers/c-1/batchjobstatus/t-1')).toEqual({
      customerId: 'c-1',
      trackingId: 't-1',
    });
    expect(parseLocation('/customers/c-1/orders/t-1')).toBeUndefined();
  });
});

describe('PartnerCenterClient against the mock Partner Center', () => {
  it('sends the given MS-RequestId and MS-CorrelationId with the bearer token', async () => {
    const pc = await mock();
    const client = new PartnerCenterClient({ baseUrl: pc.url });
    value(await client.listDeviceBatches(TOKEN, MOCK_CUSTOMER_ID, ids('req-1')));
    expect(pc.requests).toEqual([
      expect.objectContaining({ method: 'GET', status: 200, requestId: 'req-1', correlationId: 'corr-1' }),
    ]);
  });

  it('lists every customer across pages with the continuation token', async () => {
    const customers = Array.from({ length: 5 }, (_, i) => ({
      id: `00000000-0000-4000-8000-00000000000${i}`,
      companyName: `Customer ${i}`,
      domain: `c${i}.example`,
    }));
    const pc = await mock({ customers, maxPageSize: 2 });
    const client = new PartnerCenterClient({ baseUrl: pc.url, pageSize: 2 });
    const listed = value(await client.listCustomers(TOKEN, ids('req-1')));
    expect(listed).toEqual(customers);
    expect(pc.requests.map((r) => r.continuationToken === undefined)).toEqual([true, false, false]);
    // Each page is its own request under the run's correlation ID.
    expect(new Set(pc.requests.map((r) => r.requestId)).size).toBe(3);
    expect(new Set(pc.requests.map((r) => r.correlationId))).toEqual(new Set(['corr-1']));
  });

  it('creates a batch and answers with the Location of its status', async () => {
    const pc = await mock();
    const client = new PartnerCenterClient({ baseUrl: pc.url });
    const accepted = value(await client.createDeviceBatch(TOKEN, MOCK_CUSTOMER_ID, TAG, [DEVICE], ids('r')));
    expect(accepted.location).toMatch(new RegExp(`^/customers/${MOCK_CUSTOMER_ID}/batchJobStatus/`));
    expect(pc.lastUploadBody('PC-1')).toEqual({
      batchId: TAG,
      devices: [{ hardwareHash: HASH, serialNumber: 'PC-1' }],
    });
  });

  it('answers batch-exists when the customer already has a batch of that name', async () => {
    const pc = await mock({ existingBatches: { [MOCK_CUSTOMER_ID]: [TAG] } });
    const client = new PartnerCenterClient({ baseUrl: pc.url });
    const created = await client.createDeviceBatch(TOKEN, MOCK_CUSTOMER_ID, TAG, [DEVICE], ids('r'));
    expect(created).toEqual({ ok: false, failure: { kind: 'batch-exists', code: '409' } });
    value(await client.addDevicesToBatch(TOKEN, MOCK_CUSTOMER_ID, TAG, [DEVICE], ids('r2')));
    expect(pc.lastUploadBody('PC-1')).toEqual([{ hardwareHash: HASH, serialNumber: 'PC-1' }]);
  });

  it('reads an upload from queued through processing to finished_with_errors, per device', async () => {
    const pc = await mock({ outcomes: { 'PC-2': [OTHER_TENANT] } });
    const client = new PartnerCenterClient({ baseUrl: pc.url });
    const { location } = value(
      await client.createDeviceBatch(
        TOKEN,
        MOCK_CUSTOMER_ID,
        TAG,
        [DEVICE, { serialNumber: 'PC-2', hardwareHash: HASH }],
        ids('r'),
      ),
    );
    const states = [];
    for (let i = 0; i < 3; i++) states.push(value(await client.getBatchStatus(TOKEN, location)));
    expect(states.map((s) => s.status)).toEqual(['queued', 'processing', 'finished_with_errors']);
    expect(states[0]!.devices.map((d) => d.status)).toEqual(['in_progress', 'in_progress']);
    expect(states[2]!.devices).toEqual([
      {
        serialNumber: 'PC-1',
        productKey: '',
        status: 'finished',
        errorCode: undefined,
        errorDescription: undefined,
      },
      {
        serialNumber: 'PC-2',
        productKey: '',
        status: 'finished_with_errors',
        errorCode: '808',
        errorDescription: 'ZtdDeviceAssignedToOtherTenant',
      },
    ]);
  });

  it('answers unauthorized, forbidden and not-found as their kinds', async () => {
    const pc = await mock({ forbiddenCustomers: [MOCK_CUSTOMER_ID] });
    const client = new PartnerCenterClient({ baseUrl: pc.url });
    expect(await client.listDeviceBatches('wrong', MOCK_CUSTOMER_ID)).toEqual({
      ok: false,
      failure: { kind: 'unauthorized' },
    });
    expect(await client.listDeviceBatches(TOKEN, MOCK_CUSTOMER_ID)).toEqual({
      ok: false,
      failure: { kind: 'forbidden', code: '20002' },
    });
    expect(await client.listDeviceBatches(TOKEN, '00000000-0000-4000-8000-000000000009')).toEqual({
      ok: false,
      failure: { kind: 'not-found', code: '60003' },
    });
  });
});

describe('PartnerCenterClient failures from a scripted server', () => {
  it('answers 429 as throttled with the Retry-After in milliseconds', async () => {
    const url = await answering((_req, res) => {
      res.writeHead(429, { 'Retry-After': '57', 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({ statusCode: 429, message: 'Rate limit is exceeded. Try again in 57 seconds.' }),
      );
    });
    const result = await new PartnerCenterClient({ baseUrl: url }).listCustomersPage(TOKEN);
    expect(result).toEqual({ ok: false, failure: { kind: 'throttled', status: 429, retryAfterMs: 57_000 } });
  });

  it('answers a 400 as bad-request with the service code and a redacted description', async () => {
    const url = await answering((_req, res) => {
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ code: '800002', description: `Invalid request input: ${HASH}`, source: 'x' }));
    });
    const result = await new PartnerCenterClient({ baseUrl: url }).addDevicesToBatch(
      TOKEN,
      MOCK_CUSTOMER_ID,
      TAG,
      [DEVICE],
      ids('r'),
    );
    if (result.ok || result.failure.kind !== 'bad-request') throw new Error('expected bad-request');
    expect(result.failure).toMatchObject({ status: 400, code: '800002' });
    expect(result.failure.description).toContain('Invalid request input');
    expect(result.failure.description).not.toContain(HASH);
  });

  it('answers a 202 without a batchJobStatus Location as bad-response', async () => {
    const url = await answering((_req, res) => {
      res.writeHead(202, { Location: '/somewhere/else' });
      res.end();
    });
    const result = await new PartnerCenterClient({ baseUrl: url }).addDevicesToBatch(
      TOKEN,
      MOCK_CUSTOMER_ID,
      TAG,
      [DEVICE],
      ids('r'),
    );
    expect(result).toMatchObject({ ok: false, failure: { kind: 'bad-response', status: 202 } });
  });

  it('answers 5xx as a retryable server error and a dropped connection as a network failure', async () => {
    let n = 0;
    const url = await answering((req, res) => {
      if (n++ === 0) {
        res.writeHead(503);
        res.end();
      } else {
        req.socket.destroy();
      }
    });
    const client = new PartnerCenterClient({ baseUrl: url });
    expect(await client.listCustomersPage(TOKEN)).toEqual({
      ok: false,
      failure: { kind: 'server-error', status: 503, retryable: true },
    });
    const dropped = await client.listCustomersPage(TOKEN);
    expect(dropped).toMatchObject({ ok: false, failure: { kind: 'network', retryable: true } });
  });

  it('refuses to follow a next link to another host', async () => {
    const url = await answering((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          items: [],
          links: { next: { uri: 'https://evil.example/v1/customers', headers: [] } },
        }),
      );
    });
    const result = await new PartnerCenterClient({ baseUrl: url }).listCustomers(TOKEN);
    expect(result).toMatchObject({ ok: false, failure: { kind: 'bad-response' } });
  });

  it('never puts the token or a hash in its log', async () => {
    const url = await answering((_req, res) => {
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ code: '800002', description: `bad hash ${HASH}` }));
    });
    const log: string[] = [];
    await new PartnerCenterClient({ baseUrl: url, log: (line) => log.push(line) }).createDeviceBatch(
      TOKEN,
      MOCK_CUSTOMER_ID,
      TAG,
      [DEVICE],
      ids('r'),
    );
    expect(log.length).toBeGreaterThan(0);
    expect(log.join('\n')).not.toContain(TOKEN);
    expect(log.join('\n')).not.toContain(HASH);
  });
});
