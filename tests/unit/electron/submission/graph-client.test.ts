import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_GRAPH_URL,
  GraphClient,
  environmentToken,
  graphBaseUrl,
} from '../../../../electron/submission/graph-client';
import type { GraphResult, ImportRequest } from '../../../../electron/submission/graph-client';
import type { MockGraph } from '../../../fakes/mock-graph';
import { OTHER_TENANT, startMockGraph } from '../../../fakes/mock-graph';

const TOKEN = 'token-secret-abc';
const HASH = 'T0FBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB';
const DEVICE: ImportRequest = {
  serialNumber: 'SN-1',
  hardwareHash: HASH,
  groupTag: 'Microsoft365Managed_Autopilot',
};

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function mock(options: Parameters<typeof startMockGraph>[0] = {}): Promise<MockGraph> {
  const graph = await startMockGraph({ token: { current: TOKEN }, ...options });
  closers.push(graph.close);
  return graph;
}

/** A server that answers every request with `answer`, for statuses and bodies the mock never sends. */
async function answering(
  answer: (req: http.IncomingMessage, res: http.ServerResponse, url: string) => void,
): Promise<string> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => answer(req, res, url));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return url;
}

function value<T>(result: GraphResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.failure)}`);
  return result.value;
}

describe('graphBaseUrl and environmentToken', () => {
  it('uses Graph unless HARVESTER_GRAPH_URL says otherwise', () => {
    expect(graphBaseUrl({})).toBe(DEFAULT_GRAPH_URL);
    expect(graphBaseUrl({ HARVESTER_GRAPH_URL: 'http://127.0.0.1:4000' })).toBe('http://127.0.0.1:4000');
  });

  it('reads HARVESTER_TOKEN at each call', async () => {
    const env: NodeJS.ProcessEnv = { HARVESTER_TOKEN: 'one' };
    const source = environmentToken(env);
    expect(await source()).toBe('one');
    env.HARVESTER_TOKEN = 'two';
    expect(await source()).toBe('two');
  });

  it('refuses plain http to anything but this machine', () => {
    expect(() => new GraphClient({ baseUrl: 'http://graph.example.com' })).toThrow(RangeError);
    expect(() => new GraphClient({ baseUrl: 'http://127.0.0.1:1' })).not.toThrow();
  });

  it('refuses plain http to localhost and [::1], which a hosts file or resolver could send elsewhere', () => {
    expect(() => new GraphClient({ baseUrl: 'http://localhost:1' })).toThrow(RangeError);
    expect(() => new GraphClient({ baseUrl: 'http://[::1]:1' })).toThrow(RangeError);
    expect(() => new GraphClient({ baseUrl: 'https://localhost:1' })).not.toThrow();
  });
});

describe('GraphClient against the mock Graph', () => {
  it('imports a device with a JSON body built from its fields', async () => {
    const graph = await mock();
    const client = new GraphClient({ baseUrl: graph.url });
    const tag = 'Tag "with" quotes\\ and, commas';
    const record = value(await client.importDevice(TOKEN, { ...DEVICE, groupTag: tag }));
    // A new record is `unknown` until the service has looked at it (deviceImportStatus).
    expect(record).toMatchObject({ serialNumber: 'SN-1', groupTag: tag, status: 'unknown' });
    expect(graph.lastImportBody('SN-1')).toEqual({
      '@odata.type': '#microsoft.graph.importedWindowsAutopilotDeviceIdentity',
      serialNumber: 'SN-1',
      hardwareIdentifier: HASH,
      groupTag: tag,
    });
  });

  it('sends product key and assigned user only when present', async () => {
    const graph = await mock();
    const client = new GraphClient({ baseUrl: graph.url });
    value(
      await client.importDevice(TOKEN, {
        ...DEVICE,
        productKey: 'PK-1',
        assignedUserPrincipalName: 'a@b.example',
      }),
    );
    expect(graph.lastImportBody('SN-1')).toMatchObject({
      productKey: 'PK-1',
      assignedUserPrincipalName: 'a@b.example',
    });
    value(await client.importDevice(TOKEN, { ...DEVICE, serialNumber: 'SN-2', productKey: '' }));
    expect(Object.keys(graph.lastImportBody('SN-2') as object)).not.toContain('productKey');
    expect(Object.keys(graph.lastImportBody('SN-2') as object)).not.toContain('assignedUserPrincipalName');
  });

  it('keeps no copy of the hash the service echoes back', async () => {
    const graph = await mock();
    const record = value(await new GraphClient({ baseUrl: graph.url }).importDevice(TOKEN, DEVICE));
    expect(JSON.stringify(record)).not.toContain(HASH);
  });

  it('reads the final state and error of a record', async () => {
    const graph = await mock({ pollsUntilFinal: 1, outcomes: { 'SN-1': [OTHER_TENANT] } });
    const client = new GraphClient({ baseUrl: graph.url });
    const created = value(await client.importDevice(TOKEN, DEVICE));
    expect(value(await client.getImported(TOKEN, created.id))).toEqual({
      id: created.id,
      serialNumber: 'SN-1',
      groupTag: DEVICE.groupTag,
      status: 'error',
      errorCode: 808,
      errorName: 'ZtdDeviceAssignedToOtherTenant',
      registrationId: undefined,
    });
  });

  it('gives the registration id of a completed import', async () => {
    const graph = await mock({ pollsUntilFinal: 1 });
    const client = new GraphClient({ baseUrl: graph.url });
    const created = value(await client.importDevice(TOKEN, DEVICE));
    expect(value(await client.getImported(TOKEN, created.id))).toMatchObject({
      status: 'complete',
      registrationId: `reg-${created.id}`,
    });
  });

  it('pages through every record by @odata.nextLink', async () => {
    const graph = await mock({ pageSize: 2 });
    for (let i = 0; i < 5; i++) graph.seedRecord(`SN-${i}`, 'pending');
    const client = new GraphClient({ baseUrl: graph.url });
    const serials: string[] = [];
    let link: string | undefined;
    let pages = 0;
    do {
      const page = value(await client.listImportedPage(TOKEN, link));
      serials.push(...page.records.map((r) => r.serialNumber));
      link = page.nextLink;
      pages++;
    } while (link !== undefined);
    expect(pages).toBe(3);
    expect(serials.sort()).toEqual(['SN-0', 'SN-1', 'SN-2', 'SN-3', 'SN-4']);
  });

  it('deletes a record, and reports not-found for one that is gone', async () => {
    const graph = await mock();
    const client = new GraphClient({ baseUrl: graph.url });
    const created = value(await client.importDevice(TOKEN, DEVICE));
    expect(await client.deleteImported(TOKEN, created.id)).toEqual({ ok: true, value: undefined });
    expect(graph.liveRecords()).toEqual([]);
    expect(await client.deleteImported(TOKEN, created.id)).toEqual({
      ok: false,
      failure: { kind: 'not-found' },
    });
  });

  it('reports 429 as throttled with the Retry-After in milliseconds', async () => {
    const graph = await mock({ writeLimit: { limit: 1, windowMs: 3_000 } });
    const client = new GraphClient({ baseUrl: graph.url });
    value(await client.importDevice(TOKEN, DEVICE));
    const second = await client.importDevice(TOKEN, { ...DEVICE, serialNumber: 'SN-2' });
    expect(second).toEqual({ ok: false, failure: { kind: 'throttled', status: 429, retryAfterMs: 3_000 } });
  });

  it('reads a Retry-After date against the response Date', async () => {
    const graph = await mock({ writeLimit: { limit: 1, windowMs: 3_000 }, retryAfterFormat: 'http-date' });
    const client = new GraphClient({ baseUrl: graph.url });
    value(await client.importDevice(TOKEN, DEVICE));
    const second = await client.importDevice(TOKEN, { ...DEVICE, serialNumber: 'SN-2' });
    if (second.ok || second.failure.kind !== 'throttled') throw new Error('expected throttled');
    // Both headers have whole seconds; the window end is rounded up, the Date down.
    expect(second.failure.retryAfterMs).toBeGreaterThanOrEqual(3_000);
    expect(second.failure.retryAfterMs).toBeLessThanOrEqual(5_000);
  });

  it('reports a refused token as unauthorized', async () => {
    const graph = await mock();
    const result = await new GraphClient({ baseUrl: graph.url }).listImportedPage('expired');
    expect(result).toEqual({ ok: false, failure: { kind: 'unauthorized' } });
  });

  it('asks the sync to start, and reads 409 and 429 as answers', async () => {
    const graph = await mock({ syncAnswers: [204, 409, 429] });
    const client = new GraphClient({ baseUrl: graph.url });
    expect(value(await client.syncAutopilot(TOKEN))).toEqual({ kind: 'started' });
    expect(value(await client.syncAutopilot(TOKEN))).toEqual({ kind: 'already-running' });
    expect(value(await client.syncAutopilot(TOKEN))).toEqual({ kind: 'too-soon', retryAfterMs: 600_000 });
  });

  it('sends the sync to beta, the only version that has it, and the imports to v1.0', async () => {
    const graph = await mock();
    const client = new GraphClient({ baseUrl: graph.url });
    value(await client.importDevice(TOKEN, DEVICE));
    value(await client.syncAutopilot(TOKEN));
    expect(graph.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /v1.0/deviceManagement/importedWindowsAutopilotDeviceIdentities 201',
      'POST /beta/deviceManagement/windowsAutopilotSettings/sync 204',
    ]);
  });

  it('is refused a sync on v1.0 by the mock, as by Graph', async () => {
    const graph = await mock();
    const answer = await fetch(`${graph.url}/v1.0/deviceManagement/windowsAutopilotSettings/sync`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(answer.status).toBe(400);
    expect(graph.syncCount()).toBe(0);
  });

  it('sends requests one after the other over the kept-alive connections of its own pool', async () => {
    const graph = await mock();
    const client = new GraphClient({ baseUrl: graph.url });
    for (let i = 0; i < 20; i++) value(await client.listImportedPage(TOKEN));
    // A connection is free again only once the end of the chunked body was read, so the next request may
    // take a second one; never one per request.
    expect(graph.connectionCount()).toBeLessThanOrEqual(2);
  });

  it('reports a dropped connection as a retryable network failure', async () => {
    const graph = await mock({ faults: { seed: 7, dropRate: 1 } });
    const result = await new GraphClient({ baseUrl: graph.url }).getImported(TOKEN, 'x');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.failure).toMatchObject({ kind: 'network', retryable: true });
  });
});

describe('GraphClient failures from other answers', () => {
  it('reports 403 as forbidden with Graph error code', async () => {
    const url = await answering((_req, res) => {
      res.writeHead(403, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'Forbidden', message: 'No permission.' } }));
    });
    expect(await new GraphClient({ baseUrl: url }).listImportedPage(TOKEN)).toEqual({
      ok: false,
      failure: { kind: 'forbidden', code: 'Forbidden' },
    });
  });

  it('reports 500 as a retryable server error and 501 as one that is not', async () => {
    let status = 500;
    const url = await answering((_req, res) => {
      res.writeHead(status);
      res.end();
    });
    const client = new GraphClient({ baseUrl: url });
    expect(await client.listImportedPage(TOKEN)).toEqual({
      ok: false,
      failure: { kind: 'server-error', status: 500, retryable: true },
    });
    status = 501;
    expect(await client.listImportedPage(TOKEN)).toEqual({
      ok: false,
      failure: { kind: 'server-error', status: 501, retryable: false },
    });
  });

  it('reports 503 with Retry-After as throttled', async () => {
    const url = await answering((_req, res) => {
      res.writeHead(503, { 'Retry-After': '2' });
      res.end();
    });
    expect(await new GraphClient({ baseUrl: url }).listImportedPage(TOKEN)).toEqual({
      ok: false,
      failure: { kind: 'throttled', status: 503, retryAfterMs: 2_000 },
    });
  });

  it('reports 400 as refused with Graph error code', async () => {
    const url = await answering((_req, res) => {
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'BadRequest', message: 'nope' } }));
    });
    expect(await new GraphClient({ baseUrl: url }).importDevice(TOKEN, DEVICE)).toEqual({
      ok: false,
      failure: { kind: 'refused', status: 400, code: 'BadRequest' },
    });
  });

  it('reports an answer of the wrong shape as bad-response naming the field', async () => {
    const url = await answering((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ value: [{ serialNumber: 'SN-1' }] }));
    });
    const result = await new GraphClient({ baseUrl: url }).listImportedPage(TOKEN);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.failure).toMatchObject({
        kind: 'bad-response',
        detail: expect.stringContaining('value.0.id'),
      });
  });

  it('reports text that is not JSON as bad-response', async () => {
    const url = await answering((_req, res) => {
      res.writeHead(200);
      res.end('<html>proxy login</html>');
    });
    expect(await new GraphClient({ baseUrl: url }).getImported(TOKEN, 'x')).toEqual({
      ok: false,
      failure: { kind: 'bad-response', status: 200, detail: 'not JSON' },
    });
  });

  it('never follows a nextLink to another host', async () => {
    const url = await answering((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ value: [], '@odata.nextLink': 'https://evil.example/v1.0/x?$skiptoken=1' }));
    });
    const client = new GraphClient({ baseUrl: url });
    expect(await client.listImportedPage(TOKEN)).toMatchObject({
      ok: false,
      failure: { kind: 'bad-response' },
    });
    expect(await client.listImportedPage(TOKEN, 'https://evil.example/v1.0/x')).toMatchObject({
      ok: false,
      failure: { kind: 'bad-response' },
    });
  });

  it('gives up on a request that takes longer than the timeout', async () => {
    const url = await answering(() => undefined);
    const result = await new GraphClient({ baseUrl: url, timeoutMs: 100 }).getImported(TOKEN, 'x');
    expect(result).toEqual({ ok: false, failure: { kind: 'network', code: 'timeout', retryable: true } });
  });

  it('reports a refused connection as a retryable network failure', async () => {
    const url = await answering(() => undefined);
    await Promise.all(closers.splice(0).map((close) => close()));
    const result = await new GraphClient({ baseUrl: url }).getImported(TOKEN, 'x');
    expect(result).toEqual({
      ok: false,
      failure: { kind: 'network', code: 'ECONNREFUSED', retryable: true },
    });
  });

  it('puts the record id into the path escaped', async () => {
    let path = '';
    const url = await answering((req, res) => {
      path = req.url ?? '';
      res.writeHead(404);
      res.end();
    });
    await new GraphClient({ baseUrl: url }).getImported(TOKEN, '../../users?x=1');
    expect(path).toBe(
      '/v1.0/deviceManagement/importedWindowsAutopilotDeviceIdentities/..%2F..%2Fusers%3Fx%3D1',
    );
  });

  it('writes neither the token nor the hash to the log, even when the service quotes them', async () => {
    const url = await answering((_req, res) => {
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'BadRequest', message: `Bad hardwareIdentifier ${HASH}` } }));
    });
    const lines: string[] = [];
    const result = await new GraphClient({ baseUrl: url, log: (line) => lines.push(line) }).importDevice(
      TOKEN,
      DEVICE,
    );
    const everything = lines.join('\n') + JSON.stringify(result);
    expect(lines.length).toBeGreaterThan(0);
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(HASH);
  });
});
