import { describe, expect, it } from 'vitest';
import { partnerCenterProblemMessage } from '../../../shared/i18n/submission-messages';
import { PartnerCenterClient } from '../../../electron/submission/partner-center-client';
import { listPartnerCustomers } from '../../../electron/submission/partner-center-submitter';
import {
  ALREADY_ASSIGNED,
  BAD_HASH,
  FINISHED,
  OTHER_TENANT,
  STORAGE_ERROR,
} from '../../fakes/mock-partner-center';
import {
  CUSTOMER,
  FAST_RETRY,
  TAG,
  TOKEN,
  device,
  devices,
  submitToMock,
  useMockPartnerCenter,
} from './partner-center-fixture';

describe('submitting to the mock Partner Center', () => {
  const mockPartnerCenter = useMockPartnerCenter();

  it('ends every device in a definite state, each uploaded once, despite faults and lost answers', async () => {
    const list = devices(30);
    const mock = await mockPartnerCenter({
      outcomes: { 'PC-001': [ALREADY_ASSIGNED], 'PC-002': [OTHER_TENANT], 'PC-003': [BAD_HASH] },
      faults: { seed: 42, serverErrorRate: 0.1, dropRate: 0.1 },
      dropAfterAccept: ['PC-011', 'PC-025'],
    });
    const report = await submitToMock(mock, list, { chunkSize: 7 });

    expect(report.stopped).toBeUndefined();
    expect(report.devices.map((d) => d.state)).toEqual([
      'already-registered',
      'failed',
      'failed',
      ...Array<string>(27).fill('registered'),
    ]);
    for (const d of list) expect(mock.uploadsOf(d.serial), d.serial).toBe(1);
    expect(mock.requests.some((r) => r.status === 'dropped')).toBe(true);
    expect(mock.requests.some((r) => r.status === 500 || r.status === 503)).toBe(true);
  });

  it('creates the batch named by the group tag when the customer has none, then adds to it', async () => {
    const mock = await mockPartnerCenter();
    const report = await submitToMock(mock, devices(5), { chunkSize: 2 });
    expect(report.devices.every((d) => d.state === 'registered')).toBe(true);
    expect(mock.creates()).toBe(1);
    const posts = mock.requests.filter((r) => r.method === 'POST' && r.status === 202).map((r) => r.path);
    expect(posts[0]).toBe(`/v1/customers/${CUSTOMER}/deviceBatches`);
    expect(posts.slice(1)).toEqual(Array(2).fill(`/v1/customers/${CUSTOMER}/deviceBatches/${TAG}/devices`));
    expect([...mock.batches().keys()]).toEqual([TAG]);
    expect(mock.batches().get(TAG)).toHaveLength(5);
  });

  it('adds to the existing batch when the customer already has one of that name', async () => {
    const mock = await mockPartnerCenter({ existingBatches: { [CUSTOMER]: [TAG] } });
    const report = await submitToMock(mock, devices(3));
    expect(report.devices.every((d) => d.state === 'registered')).toBe(true);
    expect(mock.creates()).toBe(0);
    expect(mock.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual([
      `/v1/customers/${CUSTOMER}/deviceBatches/${TAG}/devices`,
    ]);
  });

  it('adds to the batch when creating it answers that another run made it meanwhile', async () => {
    const mock = await mockPartnerCenter({ unlistedBatches: { [CUSTOMER]: [TAG] } });
    const report = await submitToMock(mock, devices(3));
    expect(report.devices.every((d) => d.state === 'registered')).toBe(true);
    expect(mock.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([409, 202]);
    for (const d of devices(3)) expect(mock.uploadsOf(d.serial)).toBe(1);
  });

  it('retries an upload whose answer was lost with the same MS-RequestId, so nothing is added twice', async () => {
    const mock = await mockPartnerCenter({ dropAfterAccept: ['PC-001'] });
    const report = await submitToMock(mock, devices(2));
    expect(report.devices.every((d) => d.state === 'registered')).toBe(true);
    const posts = mock.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.status)).toEqual(['dropped', 202]);
    expect(posts[1]!.requestId).toBe(posts[0]!.requestId);
    expect(mock.replays()).toBe(1);
    expect(mock.uploadsOf('PC-001')).toBe(1);
    expect(mock.batches().get(TAG)).toEqual(['PC-001', 'PC-002']);
  });

  it('sends one MS-CorrelationId for the whole run and a new MS-RequestId for each request', async () => {
    const mock = await mockPartnerCenter();
    await submitToMock(mock, devices(4), { chunkSize: 2, correlationId: 'run-1' });
    expect(mock.requests.length).toBeGreaterThan(4);
    expect(new Set(mock.requests.map((r) => r.correlationId))).toEqual(new Set(['run-1']));
    const ids = mock.requests.map((r) => r.requestId);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('reports 806 as already registered and registers nothing twice on a second run', async () => {
    const mock = await mockPartnerCenter();
    const list = devices(3);
    const first = await submitToMock(mock, list);
    expect(first.devices.every((d) => d.state === 'registered')).toBe(true);
    const second = await submitToMock(mock, list);
    expect(second.devices.map((d) => d.state)).toEqual(Array(3).fill('already-registered'));
    expect(second.devices[0]).toMatchObject({ outcome: { error: { code: 806 } } });
  });

  it('explains a device owned by another tenant in English and Japanese', async () => {
    const mock = await mockPartnerCenter({ outcomes: { 'PC-001': [OTHER_TENANT] } });
    const [result] = (await submitToMock(mock, [device('PC-001')])).devices;
    if (result?.state !== 'failed') throw new Error(`expected failed, got ${result?.state}`);
    expect(result.problem).toMatchObject({
      kind: 'import-error',
      outcome: { kind: 'other-tenant', hold: 'device-assigned' },
    });
    const en = partnerCenterProblemMessage(result.problem, 'en');
    expect(en.title).toContain('another organisation');
    expect(en.action).toContain('deregister');
    expect(en.reference).toBe('[808 ZtdDeviceAssignedToOtherTenant]');
    const ja = partnerCenterProblemMessage(result.problem, 'ja');
    expect(ja.title).toContain('別の組織');
    expect(ja.reference).toBe('[808 ZtdDeviceAssignedToOtherTenant]');
  });

  it('uploads again only the device the service failed on its side, and registers it', async () => {
    const mock = await mockPartnerCenter({ outcomes: { 'PC-002': [STORAGE_ERROR, FINISHED] } });
    const report = await submitToMock(mock, devices(3));
    expect(report.devices.map((d) => d.state)).toEqual(['registered', 'registered', 'registered']);
    expect(mock.uploadsOf('PC-001')).toBe(1);
    expect(mock.uploadsOf('PC-002')).toBe(2);
    expect(mock.requests.filter((r) => r.method === 'POST').map((r) => r.serials)).toEqual([
      ['PC-001', 'PC-002', 'PC-003'],
      ['PC-002'],
    ]);
  });

  it('renews the token once when it expires mid-run and finishes the run', async () => {
    const mock = await mockPartnerCenter({
      token: { current: 'first', expiresAfterRequests: 4, renewed: 'second' },
    });
    let calls = 0;
    const report = await submitToMock(mock, devices(6), {
      chunkSize: 2,
      token: async () => (++calls === 1 ? 'first' : 'second'),
    });
    expect(report.devices.every((d) => d.state === 'registered')).toBe(true);
    expect(calls).toBe(2);
    expect(mock.requests.some((r) => r.status === 401)).toBe(true);
    for (const d of devices(6)) expect(mock.uploadsOf(d.serial)).toBe(1);
  });

  it('stops with a token problem when the renewed token is refused too, every device still ending', async () => {
    const mock = await mockPartnerCenter({
      token: { current: 'first', expiresAfterRequests: 4, renewed: 'second' },
    });
    let calls = 0;
    const report = await submitToMock(mock, devices(6), {
      chunkSize: 2,
      token: async () => (++calls === 1 ? 'first' : 'not-the-renewed-one'),
    });
    expect(calls).toBe(2);
    expect(report.stopped).toEqual({ kind: 'token' });
    expect(report.devices).toHaveLength(6);
    for (const r of report.devices) expect(['registered', 'already-registered', 'failed']).toContain(r.state);
    expect(report.devices.some((d) => d.state === 'failed' && d.problem.kind === 'token')).toBe(true);
    expect(partnerCenterProblemMessage({ kind: 'token' }, 'en').action).toContain('Sign in again');
  });

  it('fails every device with the permission problem when the partner may not act for the customer', async () => {
    const mock = await mockPartnerCenter({ forbiddenCustomers: [CUSTOMER] });
    const report = await submitToMock(mock, devices(3));
    expect(report.stopped).toEqual({ kind: 'permission' });
    expect(report.devices.every((d) => d.state === 'failed' && d.problem.kind === 'permission')).toBe(true);
    expect(partnerCenterProblemMessage({ kind: 'permission' }, 'en').action).toContain('Admin agent');
  });

  it('sends the tag exactly as the batch name and the hash only in the body', async () => {
    const mock = await mockPartnerCenter();
    await submitToMock(mock, [device('PC-001')]);
    expect(mock.lastUploadBody('PC-001')).toMatchObject({
      batchId: 'Microsoft365Managed_Autopilot',
      devices: [{ serialNumber: 'PC-001', hardwareHash: expect.any(String) }],
    });
    expect(JSON.stringify(mock.requests)).not.toContain(TOKEN);
  });

  it('lists every customer across pages for the customer picker', async () => {
    const customers = Array.from({ length: 7 }, (_, i) => ({
      id: `00000000-0000-4000-8000-00000000000${i}`,
      companyName: `Customer ${i}`,
      domain: `c${i}.onmicrosoft.com`,
    }));
    const mock = await mockPartnerCenter({ customers, maxPageSize: 3 });
    const listed = await listPartnerCustomers({
      client: new PartnerCenterClient({ baseUrl: mock.url, pageSize: 3 }),
      token: async () => TOKEN,
      retry: FAST_RETRY,
    });
    if (!listed.ok) throw new Error(`expected customers, got ${listed.problem.kind}`);
    expect(listed.customers.map((c) => c.companyName)).toEqual(customers.map((c) => c.companyName));
    expect(mock.requests.map((r) => r.continuationToken !== undefined)).toEqual([false, true, true]);
  });
});
