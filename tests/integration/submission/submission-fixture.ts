/** Shared set-up for the submitter's runs against the mock Graph: timings scaled down, never the checks. */
import { afterEach } from 'vitest';
import { GraphClient } from '../../../electron/submission/graph-client';
import type {
  GraphSubmitterOptions,
  SubmitDevice,
  SubmissionReport,
} from '../../../electron/submission/graph-submitter';
import { submitToGraph } from '../../../electron/submission/graph-submitter';
import type { PollSchedule } from '../../../shared/submission/poll-schedule';
import type { RetryPolicy } from '../../../shared/submission/retry-policy';
import type { MockGraph, MockGraphOptions } from '../../fakes/mock-graph';
import { startMockGraph } from '../../fakes/mock-graph';

export const TOKEN = 'token-1';
export const HASH = 'T0FBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB';
export const TAG = 'Microsoft365Managed_Autopilot';

/** Polling 100x faster than the real schedule, with a deadline far beyond what the mock needs. */
export const FAST_POLL: PollSchedule = {
  initialDelayMs: 20,
  factor: 1.5,
  maxDelayMs: 100,
  deadlineMs: 20_000,
};
export const FAST_RETRY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 20, maxDelayMs: 200 };

export function device(serial: string): SubmitDevice {
  return { serial, hardwareHash: HASH, groupTag: TAG };
}

export function devices(count: number, prefix = 'SN'): SubmitDevice[] {
  return Array.from({ length: count }, (_, i) => device(`${prefix}-${String(i + 1).padStart(3, '0')}`));
}

/** Starts a mock Graph for one test and closes it afterwards. */
export function useMockGraph(): (options?: MockGraphOptions) => Promise<MockGraph> {
  const started: MockGraph[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((graph) => graph.close()));
  });
  return async (options = {}) => {
    const graph = await startMockGraph({ token: { current: TOKEN }, ...options });
    started.push(graph);
    return graph;
  };
}

export function submitTo(
  graph: MockGraph,
  list: readonly SubmitDevice[],
  options: Partial<GraphSubmitterOptions> = {},
): Promise<SubmissionReport> {
  return submitToGraph(list, {
    client: new GraphClient({ baseUrl: graph.url, timeoutMs: 5_000 }),
    token: async () => TOKEN,
    poll: FAST_POLL,
    retry: FAST_RETRY,
    concurrency: 16,
    ...options,
  });
}
