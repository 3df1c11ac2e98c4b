/** Shared set-up for runs against the mock Partner Center: timings scaled down, never the checks. */
import { afterEach } from 'vitest';
import type { SubmitDevice, SubmissionReport } from '../../../electron/submission/graph-submitter';
import { PartnerCenterClient } from '../../../electron/submission/partner-center-client';
import type { PartnerCenterSubmitterOptions } from '../../../electron/submission/partner-center-submitter';
import { submitToPartnerCenter } from '../../../electron/submission/partner-center-submitter';
import type { MockPartnerCenter, MockPartnerCenterOptions } from '../../fakes/mock-partner-center';
import { MOCK_CUSTOMER_ID, startMockPartnerCenter } from '../../fakes/mock-partner-center';
import { FAST_POLL, FAST_RETRY, HASH, TAG, TOKEN } from './submission-fixture';

export { FAST_POLL, FAST_RETRY, HASH, TAG, TOKEN };
export const CUSTOMER = MOCK_CUSTOMER_ID;

export function device(serial: string): SubmitDevice {
  return { serial, hardwareHash: HASH, groupTag: TAG };
}

export function devices(count: number, prefix = 'PC'): SubmitDevice[] {
  return Array.from({ length: count }, (_, i) => device(`${prefix}-${String(i + 1).padStart(3, '0')}`));
}

/** Starts a mock Partner Center for one test and closes it afterwards. */
export function useMockPartnerCenter(): (options?: MockPartnerCenterOptions) => Promise<MockPartnerCenter> {
  const started: MockPartnerCenter[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((mock) => mock.close()));
  });
  return async (options = {}) => {
    const mock = await startMockPartnerCenter({ token: { current: TOKEN }, ...options });
    started.push(mock);
    return mock;
  };
}

export function submitToMock(
  mock: MockPartnerCenter,
  list: readonly SubmitDevice[],
  options: Partial<PartnerCenterSubmitterOptions> = {},
): Promise<SubmissionReport> {
  return submitToPartnerCenter(list, {
    client: new PartnerCenterClient({ baseUrl: mock.url, timeoutMs: 5_000 }),
    token: async () => TOKEN,
    customerTenantId: CUSTOMER,
    batchId: TAG,
    poll: FAST_POLL,
    retry: FAST_RETRY,
    ...options,
  });
}
