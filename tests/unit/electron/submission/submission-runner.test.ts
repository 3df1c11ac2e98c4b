import { describe, expect, it } from 'vitest';
import { JobJournalHandle } from '../../../../electron/submission/submission-job';
import {
  RateBudgets,
  createSubmitter,
  deviceMessage,
  failureReason,
  submissionErrorCode,
} from '../../../../electron/submission/submission-runner';

const TAG = 'Microsoft365Managed_Autopilot';

describe('the app\u2019s rate budgets', () => {
  it('keeps one budget per service and tenant for as long as the app runs', () => {
    const budgets = new RateBudgets(() => 0);
    const graph = budgets.for('graph', 'Tenant-A');
    expect(budgets.for('graph', 'tenant-a')).toBe(graph);
    expect(budgets.for('graph', 'tenant-b')).not.toBe(graph);
    expect(budgets.for('partner-center', 'tenant-a')).not.toBe(graph);
  });

  it('remembers a Retry-After for the next run of the same tenant', () => {
    const budgets = new RateBudgets(() => 1_000);
    budgets.for('graph', 't').block(5_000);
    expect(budgets.for('graph', 't').blockedUntil()).toBe(5_000);
    expect(budgets.for('graph', 'other').blockedUntil()).toBeLessThanOrEqual(1_000);
  });
});

describe('the submitters', () => {
  it('refuses a base URL that is not https nor loopback, and Partner Center without a customer', () => {
    const setup = {
      token: async () => 't',
      journal: new JobJournalHandle(),
      groupTag: TAG,
    };
    expect(() =>
      createSubmitter('graph', {
        ...setup,
        env: { HARVESTER_GRAPH_URL: 'http://graph.example' },
        customerTenantId: undefined,
      }),
    ).toThrow();
    expect(() =>
      createSubmitter('partner-center', { ...setup, env: {}, customerTenantId: undefined }),
    ).toThrow(RangeError);
    expect(typeof createSubmitter('graph', { ...setup, env: {}, customerTenantId: undefined })).toBe(
      'function',
    );
  });
});

describe('a journaled device in words', () => {
  const device = { service: 'graph', serial: 'PF0001', groupTag: TAG } as const;

  it('says nothing while the device is on its way', () => {
    expect(deviceMessage({ ...device, state: 'pending', detail: {} }, 'en')).toBeNull();
    expect(deviceMessage({ ...device, state: 'imported', detail: {} }, 'en')).toBeNull();
  });

  it('names the tag a device was registered with', () => {
    expect(deviceMessage({ ...device, state: 'registered', detail: {} }, 'en')).toContain(TAG);
    expect(deviceMessage({ ...device, state: 'registered', detail: {} }, 'ja')).toContain('登録しました');
  });

  it('says an already registered device now has the chosen tag only when the app set it', () => {
    const detail = { outcome: 'already-registered', errorCode: 806 };
    const kept = deviceMessage({ ...device, state: 'already-registered', detail }, 'en');
    expect(kept).toContain('existing group tag is kept');
    const set = deviceMessage(
      { ...device, state: 'already-registered', detail: { ...detail, registrationId: 'reg-1' } },
      'en',
    );
    expect(set).toContain(`group tag was set to ${TAG}`);
  });

  it('explains a registered device whose chosen tag could not be set, after a restart too', () => {
    const text = deviceMessage({ ...device, state: 'failed', detail: { problem: 'tag-not-set' } }, 'en');
    expect(text).toContain('chosen group tag could not be set');
    expect(text).toContain('Intune');
  });

  it('explains 808 with who must act, and the code for support', () => {
    const detail = {
      problem: 'import-error',
      outcome: 'other-tenant',
      hold: 'device-assigned',
      errorCode: 808,
      errorName: 'ZtdDeviceAssignedToOtherTenant',
    };
    expect(submissionErrorCode(detail)).toBe('808');
    const en = deviceMessage({ ...device, state: 'failed', detail }, 'en');
    expect(en).toContain('deregister');
    expect(en).toContain('[808 ZtdDeviceAssignedToOtherTenant]');
    expect(deviceMessage({ ...device, state: 'failed', detail }, 'ja')).toContain('別の組織');
  });

  it('words a stop for the service the devices went to', () => {
    const detail = { problem: 'permission' };
    expect(submissionErrorCode(detail)).toBe('permission');
    expect(deviceMessage({ ...device, service: 'partner-center', state: 'failed', detail }, 'en')).toContain(
      'Admin agent',
    );
    expect(failureReason('partner-center', detail, 'en')).toContain('partner account');
  });

  it('gives a general explanation for a device removed since, or a problem written by a newer version', () => {
    expect(
      deviceMessage({ ...device, state: 'failed', detail: { problem: 'device-missing' } }, 'en'),
    ).toContain('no longer in the ledger');
    expect(submissionErrorCode({ problem: 'device-missing' })).toBe('device-missing');
    expect(
      deviceMessage({ ...device, state: 'failed', detail: { problem: 'from-the-future' } }, 'en'),
    ).toContain('newer version');
  });
});
