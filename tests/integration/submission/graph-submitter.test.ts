import { describe, expect, it } from 'vitest';
import { submissionProblemMessage } from '../../../shared/i18n/submission-messages';
import { ALREADY_ASSIGNED, BAD_HASH, COMPLETE, OTHER_TENANT, STORAGE_ERROR } from '../../fakes/mock-graph';
import { FAST_POLL, TAG, TOKEN, device, devices, submitTo, useMockGraph } from './submission-fixture';

describe('submitting to the mock Graph', () => {
  const mockGraph = useMockGraph();

  it('ends every device in a definite state, each imported once, with no record left behind', async () => {
    const list = devices(24);
    const graph = await mockGraph({
      pollsUntilFinal: 3,
      outcomes: {
        'SN-001': [ALREADY_ASSIGNED],
        'SN-002': [OTHER_TENANT],
        'SN-003': [BAD_HASH],
      },
      faults: { seed: 42, serverErrorRate: 0.05, dropRate: 0.05 },
      dropAfterCreate: ['SN-010', 'SN-011'],
    });
    const report = await submitTo(graph, list);

    expect(report.stopped).toBeUndefined();
    expect(report.devices.map((d) => d.state)).toEqual([
      'already-registered',
      'failed',
      'failed',
      ...Array<string>(21).fill('registered'),
    ]);
    for (const d of list) expect(graph.importsOf(d.serial), d.serial).toBe(1);
    expect(graph.liveRecords()).toEqual([]);
  });

  it('counts 806 as already registered', async () => {
    const graph = await mockGraph({ outcomes: { 'SN-001': [ALREADY_ASSIGNED] } });
    const [result] = (await submitTo(graph, [device('SN-001')])).devices;
    expect(result).toMatchObject({
      state: 'already-registered',
      outcome: { kind: 'already-registered', error: { code: 806 } },
    });
  });

  it('fails 808 with the explanation of who must release the device', async () => {
    const graph = await mockGraph({ outcomes: { 'SN-001': [OTHER_TENANT] } });
    const [result] = (await submitTo(graph, [device('SN-001')])).devices;
    if (result?.state !== 'failed') throw new Error(`expected failed, got ${result?.state}`);
    expect(result.problem).toMatchObject({
      kind: 'import-error',
      outcome: { kind: 'other-tenant', hold: 'device-assigned' },
    });
    const message = submissionProblemMessage(result.problem, 'en');
    expect(message.title).toContain('another organisation');
    expect(message.action).toContain('deregister');
    expect(message.reference).toBe('[808 ZtdDeviceAssignedToOtherTenant]');
  });

  it('imports again after a StorageError and registers the device', async () => {
    const graph = await mockGraph({ outcomes: { 'SN-001': [STORAGE_ERROR, COMPLETE] } });
    const [result] = (await submitTo(graph, [device('SN-001')])).devices;
    expect(result?.state).toBe('registered');
    expect(graph.importsOf('SN-001')).toBe(2);
    expect(graph.liveRecords()).toEqual([]);
  });

  it('recovers from frequent 500/503 answers and dropped connections', async () => {
    const list = devices(12);
    const graph = await mockGraph({ faults: { seed: 7, serverErrorRate: 0.15, dropRate: 0.1 } });
    const report = await submitTo(graph, list);
    expect(report.devices.every((d) => d.state === 'registered')).toBe(true);
    expect(graph.requests.some((r) => r.status === 'dropped')).toBe(true);
    expect(graph.requests.some((r) => r.status === 500 || r.status === 503)).toBe(true);
    for (const d of list) expect(graph.importsOf(d.serial)).toBe(1);
  });

  it('does not import again when the answer to an import was lost after the record was made', async () => {
    const graph = await mockGraph({ dropAfterCreate: ['SN-001'] });
    const [result] = (await submitTo(graph, [device('SN-001')])).devices;
    expect(result?.state).toBe('registered');
    expect(graph.importsOf('SN-001')).toBe(1);
  });

  it('reuses the records a stopped run left, so a repeated run imports nothing twice', async () => {
    const list = devices(6);
    const graph = await mockGraph({ pollsUntilFinal: 8 });
    const first = await submitTo(graph, list, { poll: { ...FAST_POLL, deadlineMs: 60 } });
    expect(first.devices.every((d) => d.state === 'failed' && d.problem.kind === 'still-processing')).toBe(
      true,
    );
    expect(graph.liveRecords()).toHaveLength(6);

    const second = await submitTo(graph, list);
    expect(second.devices.every((d) => d.state === 'registered')).toBe(true);
    for (const d of list) expect(graph.importsOf(d.serial)).toBe(1);
    expect(graph.liveRecords()).toEqual([]);
  });

  it('renews the token once when it expires mid-run and finishes the run', async () => {
    const graph = await mockGraph({
      token: { current: 'first', expiresAfterRequests: 10, renewed: 'second' },
    });
    let calls = 0;
    const report = await submitTo(graph, devices(6), {
      token: async () => (++calls === 1 ? 'first' : 'second'),
    });
    expect(report.devices.every((d) => d.state === 'registered')).toBe(true);
    expect(calls).toBe(2);
    expect(graph.requests.some((r) => r.status === 401)).toBe(true);
  });

  it('stops with a token problem when the renewed token is refused too', async () => {
    const graph = await mockGraph({
      token: { current: 'first', expiresAfterRequests: 10, renewed: 'second' },
    });
    let calls = 0;
    const list = devices(6);
    const report = await submitTo(graph, list, {
      token: async () => (++calls === 1 ? 'first' : 'not-the-renewed-one'),
    });
    expect(calls).toBe(2);
    expect(report.stopped).toEqual({ kind: 'token' });
    expect(report.devices).toHaveLength(6);
    for (const result of report.devices) {
      expect(['registered', 'already-registered', 'failed']).toContain(result.state);
    }
    expect(report.devices.some((d) => d.state === 'failed' && d.problem.kind === 'token')).toBe(true);
    expect(submissionProblemMessage({ kind: 'token' }, 'en').action).toContain('Sign in again');
  });

  it('leaves the import records of other serials alone', async () => {
    const graph = await mockGraph();
    graph.seedRecord('SOMEONE-ELSE', 'complete');
    await submitTo(graph, devices(3));
    expect(graph.liveRecords().map((r) => r.serialNumber)).toEqual(['SOMEONE-ELSE']);
  });

  it('sends the token only in the Authorization header and the tag exactly', async () => {
    const graph = await mockGraph();
    await submitTo(graph, [device('SN-001')]);
    expect(graph.lastImportBody('SN-001')).toMatchObject({ groupTag: 'Microsoft365Managed_Autopilot' });
    expect(JSON.stringify(graph.requests)).not.toContain(TOKEN);
  });

  it('sets the chosen group tag on a registered device whose reused record has another tag', async () => {
    const graph = await mockGraph();
    const seeded = graph.seedRecord('SN-001', 'complete', COMPLETE, 'Old-Tag');
    const [result] = (await submitTo(graph, [device('SN-001')])).devices;
    expect(result).toMatchObject({ state: 'registered', registrationId: `reg-${seeded}` });
    expect(graph.registeredTag(`reg-${seeded}`)).toBe(TAG);
    expect(graph.importsOf('SN-001')).toBe(0);
  });

  it('fails a registered device whose group tag the service would not change, naming the tag it still has', async () => {
    const graph = await mockGraph({ tagUpdateStatus: 400 });
    const seeded = graph.seedRecord('SN-001', 'complete', COMPLETE, 'Old-Tag');
    const [result] = (await submitTo(graph, [device('SN-001')])).devices;
    expect(result).toMatchObject({
      state: 'failed',
      problem: { kind: 'tag-not-set', currentTag: 'Old-Tag' },
    });
    expect(graph.registeredTag(`reg-${seeded}`)).toBe('Old-Tag');
    if (result?.state !== 'failed') throw new Error('not failed');
    expect(submissionProblemMessage(result.problem, 'en').title).toContain('group tag is still Old-Tag');
  });

  it('sets the chosen group tag on a device already registered here (806) when the record names it', async () => {
    const graph = await mockGraph({
      outcomes: {
        'SN-001': [
          { kind: 'error', code: 806, name: 'ZtdDeviceAlreadyAssigned', registrationId: 'reg-existing' },
        ],
      },
    });
    graph.seedRegistered('reg-existing', 'Old-Tag');
    const [result] = (await submitTo(graph, [device('SN-001')])).devices;
    expect(result).toMatchObject({ state: 'already-registered', registrationId: 'reg-existing' });
    expect(graph.registeredTag('reg-existing')).toBe(TAG);
  });

  it("leaves another tool's finished record of the same serial in the tenant", async () => {
    const graph = await mockGraph();
    const foreign = graph.seedRecord('SN-001', 'error', OTHER_TENANT);
    const [result] = (await submitTo(graph, [device('SN-001')])).devices;
    expect(result?.state).toBe('registered');
    expect(graph.liveRecords().map((r) => r.id)).toEqual([foreign]);
  });
});
