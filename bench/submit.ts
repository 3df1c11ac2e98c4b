/**
 * Submission benchmark (called from `bench/run.ts`; also runnable alone with `tsx bench/submit.ts`): 1,000
 * devices through a journaled job (a real ledger in a temp folder, the journaled Graph client, submitToGraph)
 * against the mock Graph with Intune's write limit scaled 10x down: 100 writes per 2 s, mock and budget alike.
 *
 * Prints the total time and its ratio to the rate-limit lower bound, and the number of requests sent inside
 * a Retry-After window after the client had been told (must be 0). Each device costs two writes (the import
 * and the deletion of its import record once final), so the bound counts the writes actually needed:
 * 2,000 writes at 50 per second are 40 s; the first 100 need not wait, so the strict bound is 38 s. The
 * issue's "1,000 writes / 50 per s = 20 s" counts the imports alone and is printed for reference.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ledger } from '../electron/ledger/ledger';
import { GraphClient } from '../electron/submission/graph-client';
import { submitToGraph } from '../electron/submission/graph-submitter';
import { journaledGraphApi } from '../electron/submission/journaled-graph-api';
import { JobJournalHandle, runSubmissionJob } from '../electron/submission/submission-job';
import type { JobDevice } from '../electron/submission/submission-job';
import { RateBudget, scaledLimits } from '../shared/submission/rate-budget';
import { startMockGraph } from '../tests/fakes/mock-graph';

const DEVICES = 1_000;
const WINDOW_MS = 2_000;
const WRITE_LIMIT = 100;
const GOAL_RATIO = 1.2;
const TOKEN = 'bench-token';
const HASH = 'T0FBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB';
const TAG = 'Microsoft365Managed_Autopilot';

export interface SubmitBenchResult {
  readonly seconds: number;
  readonly lowerBoundSeconds: number;
  readonly ratio: number;
  readonly violations: number;
  readonly ok: boolean;
}

/** Runs the benchmark, prints it, and returns whether it met the goal (ratio and zero violations). */
export async function runSubmitBench(): Promise<SubmitBenchResult> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'harvester-submit-bench-'));
  // The mock's imports finish on the second look, as a busy tenant's do; polling is 10x faster, like the limit.
  const graph = await startMockGraph({
    token: { current: TOKEN },
    writeLimit: { limit: WRITE_LIMIT, windowMs: WINDOW_MS },
    pollsUntilFinal: 2,
  });
  const ledger = await Ledger.open({ dir: path.join(work, 'ledger') });
  try {
    const budget = new RateBudget(scaledLimits(WINDOW_MS), Date.now);
    const journal = new JobJournalHandle();
    const client = journaledGraphApi(new GraphClient({ baseUrl: graph.url }), journal, budget);
    const devices: JobDevice[] = Array.from({ length: DEVICES }, (_, i) => {
      const serial = `BENCH-${String(i + 1).padStart(5, '0')}`;
      return { deviceId: `bench-${i + 1}`, device: { serial, hardwareHash: HASH, groupTag: TAG } };
    });
    const started = performance.now();
    const result = await runSubmissionJob(
      { service: 'graph', groupTag: TAG, devices },
      {
        store: ledger,
        journal,
        submit: (list, options) =>
          submitToGraph(list, {
            client,
            token: async () => TOKEN,
            budget,
            // Enough devices in flight to keep the write budget busy while others wait for their polls
            // (about 50 writes/s x ~1.5 s a device, halved since each device writes twice).
            concurrency: 100,
            poll: { initialDelayMs: 200, factor: 1.5, maxDelayMs: 1_500, deadlineMs: 90_000 },
            onProgress: options.onProgress,
          }),
      },
    );
    const seconds = (performance.now() - started) / 1000;
    const registered = result.devices.filter((d) => d.state === 'registered').length;
    const writes = graph.requests.filter((r) => r.method !== 'GET' && r.status !== 429).length;
    const perSecond = WRITE_LIMIT / (WINDOW_MS / 1000);
    const lowerBoundSeconds = Math.max(0, writes - WRITE_LIMIT) / perSecond;
    const ratio = seconds / lowerBoundSeconds;
    const violations = graph.violations().length;
    const twice = [...graph.importCounts().values()].filter((n) => n > 1).length;
    const ok = ratio <= GOAL_RATIO && violations === 0 && registered === DEVICES && twice === 0;
    console.log(
      `submit: ${DEVICES.toLocaleString('en-US')} devices (${registered.toLocaleString('en-US')} registered, ` +
        `${twice} imported twice) to the mock Graph at ${WRITE_LIMIT} writes per ${WINDOW_MS / 1000} s, journaled ` +
        `in a ledger, in ${seconds.toFixed(1)} s; lower bound ${lowerBoundSeconds.toFixed(1)} s for ` +
        `${writes.toLocaleString('en-US')} writes (${(writes / perSecond).toFixed(0)} s at ${perSecond}/s; imports ` +
        `alone: ${(DEVICES / perSecond).toFixed(0)} s): ${ratio.toFixed(2)}x ${ratio <= GOAL_RATIO ? 'ok' : 'MISS'} ` +
        `(goal <= ${GOAL_RATIO}x); requests inside a Retry-After window: ${violations} ` +
        `${violations === 0 ? 'ok' : 'MISS'} (429s: ${graph.throttledCount()})`,
    );
    return { seconds, lowerBoundSeconds, ratio, violations, ok };
  } finally {
    await ledger.close();
    await graph.close();
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = (await runSubmitBench()).ok ? 0 : 1;
}
