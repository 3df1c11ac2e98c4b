/**
 * The Autopilot sync after a run, against the mock Graph: the sync's answers (204, 409, 429), the wait until
 * each registered device is listed with its group tag, and a bounded end when one never is; then the same
 * through `harvester submit --sync` (run in-process through runSubmit, from CSV files).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../electron/cli/cli-io';
import { CLI_TEXT } from '../../../electron/cli/cli-text';
import { runSubmit } from '../../../electron/cli/commands/submit';
import { GraphClient } from '../../../electron/submission/graph-client';
import type { SyncDevice } from '../../../electron/submission/graph-sync';
import { syncAndWait } from '../../../electron/submission/graph-sync';
import type { PollSchedule } from '../../../shared/submission/poll-schedule';
import type { MockGraph } from '../../fakes/mock-graph';
import { buildHash } from '../../support/hash-builder';
import { scriptCsv, useTempDir } from '../../support/temp-dir';
import { TAG, TOKEN, devices, submitTo, useMockGraph } from './submission-fixture';

const SYNC_POLL: PollSchedule = { initialDelayMs: 20, factor: 1.5, maxDelayMs: 100, deadlineMs: 1_500 };

async function registered(graph: MockGraph, count: number): Promise<SyncDevice[]> {
  const report = await submitTo(graph, devices(count));
  return report.devices.map((d) => {
    if (d.state !== 'registered') throw new Error(`${d.serial}: ${d.state}`);
    return { serial: d.serial, registrationId: d.registrationId, groupTag: TAG };
  });
}

function sync(graph: MockGraph, list: readonly SyncDevice[], wait = true) {
  return syncAndWait(list, {
    client: new GraphClient({ baseUrl: graph.url, timeoutMs: 5_000 }),
    token: async () => TOKEN,
    poll: SYNC_POLL,
    wait,
  });
}

describe('the Autopilot sync against the mock Graph', () => {
  const mockGraph = useMockGraph();

  it('is started once (204), and the wait ends as soon as every device shows with its group tag', async () => {
    const graph = await mockGraph({ registeredListing: { afterSyncPolls: 2, untaggedPolls: 1 } });
    const list = await registered(graph, 3);
    const started = Date.now();
    const report = await sync(graph, list);
    expect(report.trigger).toEqual({ kind: 'started' });
    expect(report.devices).toEqual(list.map((d) => ({ serial: d.serial, state: 'shown', groupTag: TAG })));
    expect(graph.syncCount()).toBe(1);
    expect(Date.now() - started).toBeLessThan(SYNC_POLL.deadlineMs);
    expect(graph.violations()).toEqual([]);
  });

  it('takes 409 (a sync already running) and 429 (within 10 minutes of the last) as fine, and still waits', async () => {
    for (const status of [409, 429]) {
      const graph = await mockGraph({ syncAnswers: [status] });
      const list = await registered(graph, 1);
      const report = await sync(graph, list);
      expect(report.trigger).toMatchObject({ kind: status === 409 ? 'already-running' : 'too-soon' });
      expect(report.devices).toEqual([{ serial: list[0]!.serial, state: 'shown', groupTag: TAG }]);
      expect(graph.syncCount()).toBe(1);
    }
  });

  it('ends at its deadline with not-shown when a device is never listed, instead of waiting on', async () => {
    const graph = await mockGraph({ registeredListing: { afterSyncPolls: Number.POSITIVE_INFINITY } });
    const list = await registered(graph, 1);
    const started = Date.now();
    const report = await sync(graph, list);
    expect(report.devices).toEqual([{ serial: list[0]!.serial, state: 'not-shown' }]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(SYNC_POLL.deadlineMs - 50);
    expect(Date.now() - started).toBeLessThan(SYNC_POLL.deadlineMs + 2_000);
  });

  it('lists a device the import registered only after a sync (the mock behaves as the service)', async () => {
    const graph = await mockGraph({ registeredListing: { afterSyncPolls: 0 } });
    const [only] = await registered(graph, 1);
    const client = new GraphClient({ baseUrl: graph.url });
    expect(await client.getRegistered(TOKEN, only!.registrationId!)).toEqual({
      ok: false,
      failure: { kind: 'not-found' },
    });
    await client.syncAutopilot(TOKEN);
    expect(await client.getRegistered(TOKEN, only!.registrationId!)).toMatchObject({
      ok: true,
      value: { id: only!.registrationId, serialNumber: only!.serial, groupTag: TAG },
    });
  });
});

describe('harvester submit --sync', () => {
  const mockGraph = useMockGraph();
  const temp = useTempDir('harvester-submit-sync-');

  async function submit(graph: MockGraph, serials: readonly string[], extra: Record<string, unknown> = {}) {
    const file = temp.file(
      'devices.csv',
      scriptCsv(serials.map((serial) => [serial, '', buildHash({ serial })])),
    );
    let stdout = '';
    let stderr = '';
    const io: CliIo = {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      env: {
        HARVESTER_TOKEN: TOKEN,
        HARVESTER_GRAPH_URL: graph.url,
        HOME: temp.path(),
        XDG_DATA_HOME: path.join(temp.path(), 'xdg'),
      },
      isTty: false,
    };
    const code = await runSubmit({ io, lang: 'en', text: CLI_TEXT.en }, [file], {
      to: 'graph',
      pollMs: '20',
      syncWaitMs: '1500',
      ...extra,
    });
    return { code, stdout, stderr };
  }

  it('triggers the sync after registering and prints a line per device once it shows with its tag', async () => {
    const graph = await mockGraph({ pollsUntilFinal: 1, syncAnswers: [429] });
    const run = await submit(graph, ['PF0001', 'PF0002'], { sync: true });
    expect(run.code).toBe(0);
    expect(graph.syncCount()).toBe(1);
    expect(run.stderr).toContain('Intune syncs within 10 minutes');
    expect(run.stderr).toContain(`PF0001: shows in Windows Autopilot with the group tag ${TAG}`);
    expect(run.stderr).toContain(`PF0002: shows in Windows Autopilot with the group tag ${TAG}`);
  });

  it('says so, within its bound, when a device never shows, and still exits 0 (it is registered)', async () => {
    const graph = await mockGraph({
      pollsUntilFinal: 1,
      registeredListing: { afterSyncPolls: Number.POSITIVE_INFINITY },
    });
    const run = await submit(graph, ['PF0001'], { sync: true });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('PF0001: registered, but not yet listed in Windows Autopilot after 1 min');
  });

  it('does not sync without --sync, and refuses --sync for Partner Center', async () => {
    const graph = await mockGraph({ pollsUntilFinal: 1 });
    const run = await submit(graph, ['PF0001']);
    expect(run.code).toBe(0);
    expect(graph.syncCount()).toBe(0);
    await expect(
      runSubmit(
        {
          io: { stdout: () => undefined, stderr: () => undefined, env: {}, isTty: false },
          lang: 'en',
          text: CLI_TEXT.en,
        },
        [],
        { to: 'partner-center', customer: '47021739-3426-40bf-9601-61b4b6d7c793', sync: true },
      ),
    ).rejects.toThrow('--sync is for --to graph only');
  });
});
