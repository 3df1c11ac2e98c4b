/**
 * A mock Graph (tests/fakes/mock-graph.ts) for the end-to-end flows that submit: started before `harvester
 * ui` (call this before `useE2e` in the file, so its beforeAll runs first) and closed after it, with the
 * environment that points the app at it and skips sign-in.
 */
import { afterAll, beforeAll } from 'vitest';
import { startMockGraph, type MockGraph, type MockGraphOptions } from '../../fakes/mock-graph';

/** The bearer token the mock accepts, given to the app as HARVESTER_TOKEN. */
export const E2E_GRAPH_TOKEN = 'e2e-graph-token';

export interface MockGraphService {
  graph(): MockGraph;
  /** HARVESTER_TOKEN and HARVESTER_GRAPH_URL for `useE2e({ env })`. */
  env(): Readonly<Record<string, string>>;
}

export function useMockGraphService(options: MockGraphOptions = {}): MockGraphService {
  let graph: MockGraph | undefined;
  beforeAll(async () => {
    graph = await startMockGraph({ token: { current: E2E_GRAPH_TOKEN }, pollsUntilFinal: 1, ...options });
  });
  afterAll(async () => {
    await graph?.close();
  });
  return {
    graph: () => graph!,
    env: () => ({ HARVESTER_TOKEN: E2E_GRAPH_TOKEN, HARVESTER_GRAPH_URL: graph!.url }),
  };
}
