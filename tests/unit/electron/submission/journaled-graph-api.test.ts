import { describe, expect, it } from 'vitest';
import type { GraphApi } from '../../../../electron/submission/graph-submitter';
import { submitToGraph } from '../../../../electron/submission/graph-submitter';
import { journaledGraphApi } from '../../../../electron/submission/journaled-graph-api';
import {
  JobJournalHandle,
  memoryJobStore,
  runSubmissionJob,
} from '../../../../electron/submission/submission-job';
import { INTUNE_ENROLLMENT_LIMITS, RateBudget } from '../../../../shared/submission/rate-budget';
import type { FakeOutcome } from './fake-graph-api';
import { FakeGraphApi } from './fake-graph-api';
import { virtualClock } from './virtual-clock';

const TAG = 'Microsoft365Managed_Autopilot';

/** Runs one journaled job against the fake Graph; notes the journaled state of each serial at its delete. */
async function journaledRun(outcomes: Record<string, readonly FakeOutcome[]>) {
  const clock = virtualClock(1_000_000);
  const fake = new FakeGraphApi({ now: clock.now, outcomes });
  const store = memoryJobStore();
  const journal = new JobJournalHandle();
  const budget = new RateBudget(INTUNE_ENROLLMENT_LIMITS, clock.now);
  const atDelete = new Map<string, (string | undefined)[]>();
  const watched: GraphApi = {
    listImportedPage: (token, link) => fake.listImportedPage(token, link),
    importDevice: (token, request) => fake.importDevice(token, request),
    getImported: (token, id) => fake.getImported(token, id),
    updateDeviceProperties: (token, id, properties) => fake.updateDeviceProperties(token, id, properties),
    deleteImported: (token, id) => {
      const serial = fake.records.get(id)?.record.serialNumber;
      const journaled = store.submissionJobs()[0]?.devices.find((d) => d.serial === serial);
      if (serial !== undefined) atDelete.set(serial, [...(atDelete.get(serial) ?? []), journaled?.state]);
      return fake.deleteImported(token, id);
    },
  };
  const client = journaledGraphApi(watched, journal, budget, clock.now);
  const serials = Object.keys(outcomes);
  const run = await clock.run(
    runSubmissionJob(
      {
        service: 'graph',
        groupTag: TAG,
        devices: serials.map((serial) => ({
          deviceId: `id-${serial}`,
          device: { serial, hardwareHash: 'T0E=', groupTag: TAG },
        })),
      },
      {
        store,
        journal,
        submit: (devices, options) =>
          submitToGraph(devices, {
            client,
            token: async () => 'token',
            clock,
            budget,
            random: () => 0.5,
            onProgress: options.onProgress,
            ownImportIds: options.ownImportIds,
          }),
      },
    ),
  );
  return { run, store, fake, atDelete };
}

describe('a journaled Graph job', () => {
  it('has the final state of an error record on disk before the record is deleted', async () => {
    const { run, atDelete } = await journaledRun({
      'SN-806': [{ code: 806, name: 'ZtdDeviceAlreadyAssigned' }],
      'SN-808': [{ code: 808, name: 'ZtdDeviceAssignedToOtherTenant' }],
      'SN-OK': ['complete'],
    });
    expect(atDelete.get('SN-806')).toEqual(['already-registered']);
    expect(atDelete.get('SN-808')).toEqual(['failed']);
    expect(atDelete.get('SN-OK')).toEqual(['registered']);
    expect(run.devices.map((d) => d.state)).toEqual(['already-registered', 'failed', 'registered']);
  });

  it('keeps a StorageError device unfinished in the journal while its record is deleted to import again', async () => {
    const { run, atDelete, fake } = await journaledRun({
      'SN-1': [{ code: 0, name: 'StorageError' }, 'complete'],
    });
    expect(atDelete.get('SN-1')).toEqual(['imported', 'registered']);
    expect(fake.imports.get('SN-1')).toBe(2);
    expect(run.devices[0]?.state).toBe('registered');
  });

  it('journals the import record id and the registration id of each device', async () => {
    const { store } = await journaledRun({ 'SN-1': ['complete'], 'SN-2': [{ code: 802, name: 'X' }] });
    const [first, second] = store.submissionJobs()[0]!.devices;
    expect(first?.detail).toMatchObject({ importId: 'rec-1', registrationId: 'reg-rec-1' });
    expect(second?.detail).toMatchObject({ importId: 'rec-2', problem: 'import-error' });
  });
});
