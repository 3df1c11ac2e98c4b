import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeJournalLine } from '../../../../electron/ledger/journal';
import { JOURNAL_FILE, Ledger, LedgerError } from '../../../../electron/ledger/ledger';
import type { SubmissionStart } from '../../../../electron/ledger/ledger';
import { useTempDir } from '../../../support/temp-dir';
import { deviceRows, imported } from './device-rows';
import { faultyFs } from './faulty-fs';

const temp = useTempDir('harvester-ledger-submission-');
const open: Ledger[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close().catch(() => undefined)));
});

async function openLedger(options: Partial<Parameters<typeof Ledger.open>[0]> = {}): Promise<Ledger> {
  const ledger = await Ledger.open({ dir: path.join(temp.path(), 'ledger'), ...options });
  open.push(ledger);
  return ledger;
}

async function reopen(ledger: Ledger): Promise<Ledger> {
  await ledger.close();
  return openLedger({ dir: ledger.dir });
}

function journal(ledger: Ledger): string {
  return path.join(ledger.dir, JOURNAL_FILE);
}

async function withDevices(count = 3): Promise<{ ledger: Ledger; ids: string[] }> {
  const ledger = await openLedger();
  const outcomes = await ledger.addRows(deviceRows('SUB', count), imported);
  return { ledger, ids: outcomes.map((o) => o.device.id) };
}

function start(ids: readonly string[], jobId = 'job-1'): SubmissionStart {
  return {
    jobId,
    service: 'graph',
    groupTag: 'Microsoft365Managed_Autopilot',
    devices: ids.map((id, i) => ({ deviceId: id, serial: `SUB${String(i + 1).padStart(4, '0')}` })),
    correlationId: 'corr-1',
  };
}

describe('submission jobs in the ledger', () => {
  it('opens a ledger written before submission jobs existed, with no jobs', async () => {
    const { ledger } = await withDevices();
    const again = await reopen(ledger);
    expect(again.submissionJobs()).toEqual([]);
    expect(again.list()).toHaveLength(3);
    expect(again.report.skipped).toEqual([]);
  });

  it('keeps a job, its device states and its end across a reopen', async () => {
    const { ledger, ids } = await withDevices();
    await ledger.startSubmission(start(ids));
    await ledger.recordSubmissionStates([
      { jobId: 'job-1', deviceId: ids[0]!, state: 'registered', detail: { registrationId: 'reg-1' } },
      {
        jobId: 'job-1',
        deviceId: ids[1]!,
        state: 'failed',
        detail: { problem: 'network', importId: undefined },
      },
    ]);
    await ledger.finishSubmission('job-1');

    const again = await reopen(ledger);
    const job = again.submissionJob('job-1')!;
    expect(job.finishedAt).toBeDefined();
    expect(job.devices.map((d) => [d.state, d.detail])).toEqual([
      ['registered', { registrationId: 'reg-1' }],
      ['failed', { problem: 'network' }],
      ['pending', {}],
    ]);
    expect(again.submissionOf(ids[0]!)).toMatchObject({ state: 'registered', registered: true });
  });

  it('writes a batch of state changes with one append', async () => {
    const { ledger, ids } = await withDevices();
    await ledger.startSubmission(start(ids));
    const before = readFileSync(journal(ledger), 'utf8').split('\n').length;
    await ledger.recordSubmissionStates(
      ids.map((id) => ({ jobId: 'job-1', deviceId: id, state: 'imported' as const })),
    );
    expect(readFileSync(journal(ledger), 'utf8').split('\n').length).toBe(before + 3);
  });

  it('refuses a state for a job it does not know, writing nothing', async () => {
    const { ledger, ids } = await withDevices();
    const size = readFileSync(journal(ledger)).length;
    await expect(
      ledger.recordSubmissionStates([{ jobId: 'nope', deviceId: ids[0]!, state: 'registered' }]),
    ).rejects.toBeInstanceOf(RangeError);
    await expect(ledger.startSubmission(start(ids))).resolves.toBeDefined();
    await expect(ledger.startSubmission(start(ids))).rejects.toBeInstanceOf(RangeError);
    expect(readFileSync(journal(ledger)).length).toBeGreaterThan(size);
  });

  it('keeps a job whose last state change was torn by a crash, without that change, and appends cleanly after it', async () => {
    const { ledger, ids } = await withDevices();
    await ledger.startSubmission(start(ids));
    await ledger.recordSubmissionStates([{ jobId: 'job-1', deviceId: ids[0]!, state: 'registered' }]);
    await ledger.close();
    // The next change was being written when the process died: half a line.
    const torn = encodeJournalLine({
      id: 'torn',
      seq: 99,
      at: '2025-11-24T10:00:00.000Z',
      event: { type: 'submission-device', jobId: 'job-1', deviceId: ids[1]!, state: 'registered' },
    });
    appendFileSync(path.join(ledger.dir, JOURNAL_FILE), torn.slice(0, torn.length / 2));

    const again = await openLedger({ dir: ledger.dir });
    expect(again.report.skipped).toEqual([expect.objectContaining({ reason: 'torn' })]);
    const job = again.submissionJob('job-1')!;
    expect(job.finishedAt).toBeUndefined();
    expect(job.devices.map((d) => d.state)).toEqual(['registered', 'pending', 'pending']);

    await again.recordSubmissionStates([
      { jobId: 'job-1', deviceId: ids[1]!, state: 'failed', detail: { problem: 'token' } },
    ]);
    await again.finishSubmission('job-1');
    const third = await reopen(again);
    expect(third.report.skipped).toEqual([]);
    expect(third.submissionJob('job-1')?.devices.map((d) => d.state)).toEqual([
      'registered',
      'failed',
      'pending',
    ]);
  });

  it('keeps an event from a newer version as it is and goes on', async () => {
    const { ledger, ids } = await withDevices();
    await ledger.startSubmission(start(ids));
    await ledger.close();
    appendFileSync(
      path.join(ledger.dir, JOURNAL_FILE),
      encodeJournalLine({
        id: 'future',
        seq: 50,
        at: '2025-11-24T10:00:00.000Z',
        event: { type: 'submission-paused', jobId: 'job-1' } as never,
      }),
    );
    const again = await openLedger({ dir: ledger.dir });
    expect(again.report.skipped).toEqual([expect.objectContaining({ reason: 'schema' })]);
    expect(again.submissionJob('job-1')?.finishedAt).toBeUndefined();
    await again.finishSubmission('job-1');
    await again.compact();
    expect(readFileSync(journal(again), 'utf8')).toContain('submission-paused');
  });

  it('acknowledges nothing when the write fails', async () => {
    const fs = faultyFs();
    const ledger = await openLedger({ fs });
    const [row] = deviceRows('SUB', 1);
    const [outcome] = await ledger.addRows([row!], imported);
    await ledger.startSubmission(start([outcome!.device.id]));
    fs.faults.target = JOURNAL_FILE;
    fs.faults.write = 'ENOSPC';
    await expect(
      ledger.recordSubmissionStates([{ jobId: 'job-1', deviceId: outcome!.device.id, state: 'registered' }]),
    ).rejects.toBeInstanceOf(LedgerError);
    expect(ledger.submissionJob('job-1')?.devices[0]?.state).toBe('pending');
    fs.faults.write = undefined;
    const again = await reopen(ledger);
    expect(again.submissionJob('job-1')?.devices[0]?.state).toBe('pending');
  });
});
