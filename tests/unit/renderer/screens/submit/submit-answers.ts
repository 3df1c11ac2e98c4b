/** Answers of the submission calls for the Submit screen's tests (checked by fakeApi against the contract). */
import type { ApiOutput, SubmissionJobDevice } from '../../../../../shared/api/harvester-api';

export const DEFAULT_TAG = 'Microsoft365Managed_Autopilot';
export const CUSTOMER_ID = '8f2b6c1e-4d3a-4b5c-9e7f-0a1b2c3d4e5f';

export const SIGNING_IN: ApiOutput<'signInStatus'> = {
  kind: 'signing-in',
  userCode: 'F7KQ-2MXP',
  verificationUri: 'https://microsoft.com/devicelogin',
  qrSvg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><path d="M0 0h1v1H0z"/></svg>',
  // 15 minutes from when the tests load, as the service gives it.
  expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
};

export const SIGNED_IN: ApiOutput<'signInStatus'> = {
  kind: 'signed-in',
  username: 'tech@contoso.com',
  tenantId: '11111111-2222-3333-4444-555555555555',
};

export const OTHER_TENANT_MESSAGE =
  'This device is registered in another organisation’s Autopilot, so it cannot be added here. The organisation that holds it must deregister it.';

export function jobDevice(overrides: Partial<SubmissionJobDevice> = {}): SubmissionJobDevice {
  return {
    deviceId: '0123456789abcdef',
    serial: 'PF3SUB01',
    state: 'pending',
    at: '2026-11-25T01:00:00.000Z',
    errorCode: null,
    message: null,
    ...overrides,
  };
}

type Found = Extract<ApiOutput<'submissionJob'>, { kind: 'found' }>;

/** A job of two devices: `states` decides each device's state; finished when none is pending/imported. */
export function jobAnswer(
  states: readonly SubmissionJobDevice['state'][],
  overrides: {
    id?: string;
    running?: boolean;
    finished?: boolean;
    stopped?: string | null;
    sync?: Found['sync'];
  } = {},
): Found {
  const devices = states.map((state, index) =>
    jobDevice({
      deviceId: `${index}123456789abcdef`.slice(0, 16),
      serial: `PF3SUB0${index + 1}`,
      state,
      ...(state === 'failed' ? { errorCode: '808', message: OTHER_TENANT_MESSAGE } : {}),
    }),
  );
  const final = states.every((s) => s !== 'pending' && s !== 'imported');
  const finished = overrides.finished ?? final;
  return {
    kind: 'found',
    job: {
      id: overrides.id ?? 'job-1',
      service: 'graph',
      customerTenantId: null,
      groupTag: DEFAULT_TAG,
      retryOf: null,
      startedAt: '2026-11-25T01:00:00.000Z',
      finishedAt: finished ? '2026-11-25T01:01:00.000Z' : null,
      running: overrides.running ?? !finished,
      counts: {
        devices: states.length,
        pending: states.filter((s) => s === 'pending' || s === 'imported').length,
        registered: states.filter((s) => s === 'registered').length,
        alreadyRegistered: states.filter((s) => s === 'already-registered').length,
        failed: states.filter((s) => s === 'failed').length,
      },
    },
    devices,
    stopped: overrides.stopped ?? null,
    sync: overrides.sync ?? null,
  };
}
