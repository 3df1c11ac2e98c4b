/**
 * Submission benchmark (called from `bench/run.ts`; also runnable alone with `tsx bench/submit.ts`): 150
 * devices through a journaled job (a real ledger in a temp folder, the journaled Graph client, submitToGraph
 * with Intune's real limits) against the mock Graph at the real time scale: 100 writes per 20 s, with the
 * stricter behaviours on: tenant-wide 429s at random moments while requests are in flight, answers lost
 * after the record was created, answers that take 20-80 ms, a front end that accepts new connections slowly,
 * and records that finish 1-2 s after their creation (however often they are looked at).
 *
 * The bounds: 150 imports are 100 at once and 50 once the first 20 s window has passed, then about 2 s of
 * processing: every device can be final after 22 s at the earliest (the import-only bound). Each device also
 * costs the deletion of its import record, a write too: 300 writes need two full windows, so the run can
 * end after 40 s at the earliest (the bound counting deletes).
 *
 * Prints: the time until every device is final and its ratio to the import-only bound (goal <= 1.2x), the
 * total time and its ratio to the bound counting deletes (goal <= 1.2x), the requests sent inside a
 * Retry-After window after the client had been told (goal 0) and the devices imported twice (goal 0), with
 * the 429s, lost answers and connections behind them. `BENCH_SEED` picks other random draws; `BENCH_TIMELINE=1`
 * also prints the requests the mock saw per 2 s.
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
import { INTUNE_ENROLLMENT_LIMITS, RateBudget } from '../shared/submission/rate-budget';
import { startMockGraph } from '../tests/fakes/mock-graph';

const DEVICES = 150;
const WINDOW_MS = 20_000;
const WRITE_LIMIT = 100;
const PROCESSING_MS: readonly [number, number] = [1_000, 2_000];
const GOAL_RATIO = 1.2;
/**
 * Tenant-wide 429s (an assumption: how often other apps' traffic throttles this one is not documented):
 * a request arriving while 6 or more are in flight is refused with probability 0.1, for 1-2 s.
 * `BENCH_TENANT_RATE` and `BENCH_TENANT_MIN_IN_FLIGHT` try harsher tenants.
 */
const TENANT_THROTTLING = {
  rate: Number(process.env.BENCH_TENANT_RATE ?? '0.1'),
  minInFlight: Number(process.env.BENCH_TENANT_MIN_IN_FLIGHT ?? '6'),
  retryAfterSeconds: [1, 2] as const,
};
const TOKEN = 'bench-token';
const HASH = 'T0FBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB';
const TAG = 'Microsoft365Managed_Autopilot';

export interface SubmitBenchResult {
  readonly finalSeconds: number;
  readonly finalRatio: number;
  readonly totalSeconds: number;
  readonly totalRatio: number;
  readonly violations: number;
  readonly duplicates: number;
  readonly ok: boolean;
}

/** Runs the benchmark, prints it, and returns whether it met the goals. */
export async function runSubmitBench(seed = 1): Promise<SubmitBenchResult> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'harvester-submit-bench-'));
  const graph = await startMockGraph({
    token: { current: TOKEN },
    writeLimit: { limit: WRITE_LIMIT, windowMs: WINDOW_MS },
    processingMs: PROCESSING_MS,
    latencyMs: [20, 80],
    acceptDelayMs: 30,
    backlog: 8,
    tenantThrottling: { seed, ...TENANT_THROTTLING },
    lostCreates: { seed: seed + 1, rate: 0.05 },
    faults: { seed: seed + 2 },
  });
  const ledger = await Ledger.open({ dir: path.join(work, 'ledger') });
  try {
    const budget = new RateBudget(INTUNE_ENROLLMENT_LIMITS, Date.now);
    const journal = new JobJournalHandle();
    const client = journaledGraphApi(new GraphClient({ baseUrl: graph.url }), journal, budget);
    const devices: JobDevice[] = Array.from({ length: DEVICES }, (_, i) => {
      const serial = `BENCH-${String(i + 1).padStart(5, '0')}`;
      return { deviceId: `bench-${i + 1}`, device: { serial, hardwareHash: HASH, groupTag: TAG } };
    });
    const started = performance.now();
    let lastFinal = started;
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
            // The real poll schedule: first look after 2 s, growing by half up to 15 s.
            onProgress: (serial, progress) => {
              if (progress.kind === 'finished') lastFinal = performance.now();
              options.onProgress(serial, progress);
            },
            ownImportIds: options.ownImportIds,
          }),
      },
    );
    const totalSeconds = (performance.now() - started) / 1000;
    const finalSeconds = (lastFinal - started) / 1000;
    const registered = result.devices.filter((d) => d.state === 'registered').length;
    const finalBound = Math.floor((DEVICES - 1) / WRITE_LIMIT) * (WINDOW_MS / 1000) + PROCESSING_MS[1] / 1000;
    const totalBound = Math.floor((2 * DEVICES - 1) / WRITE_LIMIT) * (WINDOW_MS / 1000);
    const finalRatio = finalSeconds / finalBound;
    const totalRatio = totalSeconds / totalBound;
    const violations = graph.violations().length;
    const duplicates = [...graph.importCounts().values()].filter((n) => n > 1).length;
    const left = graph.liveRecords().length;
    const right = registered === DEVICES && left === 0;
    const ok =
      right && finalRatio <= GOAL_RATIO && totalRatio <= GOAL_RATIO && violations === 0 && duplicates === 0;
    const mark = (good: boolean) => (good ? 'ok  ' : 'MISS');
    console.log(
      `submit: ${DEVICES} devices to the mock Graph at ${WRITE_LIMIT} writes per ${WINDOW_MS / 1000} s ` +
        `(tenant 429s at p=${TENANT_THROTTLING.rate} with >= ${TENANT_THROTTLING.minInFlight} in flight, ` +
        `lost answers, slow accept on), journaled in a ledger`,
    );
    console.log(
      `  ${mark(right)} devices right           ${registered}/${DEVICES} registered, ${left} import records left`,
    );
    console.log(
      `  ${mark(finalRatio <= GOAL_RATIO)} every device final      ${finalSeconds.toFixed(1)} s, ` +
        `${finalRatio.toFixed(2)}x the import-only bound of ${finalBound} s (goal <= ${GOAL_RATIO}x)`,
    );
    console.log(
      `  ${mark(totalRatio <= GOAL_RATIO)} whole run              ${totalSeconds.toFixed(1)} s, ` +
        `${totalRatio.toFixed(2)}x the bound counting deletes of ${totalBound} s (goal <= ${GOAL_RATIO}x)`,
    );
    console.log(
      `  ${mark(violations === 0)} in Retry-After windows ${violations} requests (goal 0; ` +
        `${graph.throttledCount()} 429s, ${graph.tenantThrottledCount()} of them tenant-wide at random)`,
    );
    console.log(
      `  ${mark(duplicates === 0)} imported twice         ${duplicates} devices (goal 0; ` +
        `${graph.lostCreateCount()} answers lost after the record was created)`,
    );
    console.log(
      `       connections opened     ${graph.connectionCount()} (${graph.requests.length} requests)`,
    );
    if (process.env.BENCH_TIMELINE) {
      const t0 = graph.requests[0]?.at ?? 0;
      const buckets = new Map<string, number>();
      for (const r of graph.requests) {
        const key = `${String(Math.floor((r.at - t0) / 2000) * 2).padStart(2, '0')}s ${r.method} ${r.status}`;
        buckets.set(key, (buckets.get(key) ?? 0) + 1);
      }
      for (const [k, n] of [...buckets].sort()) console.log(`    ${k}: ${n}`);
    }
    return { finalSeconds, finalRatio, totalSeconds, totalRatio, violations, duplicates, ok };
  } finally {
    await ledger.close();
    await graph.close();
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const seed = Number(process.env.BENCH_SEED ?? '1');
  process.exitCode = (await runSubmitBench(seed)).ok ? 0 : 1;
}
