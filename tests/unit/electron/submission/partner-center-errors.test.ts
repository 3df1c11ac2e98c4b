import { describe, expect, it } from 'vitest';
import {
  partnerCenterProblemMessage,
  submissionProblemMessage,
} from '../../../../shared/i18n/submission-messages';
import {
  chunk,
  isCustomerTenantId,
  mapDeviceUploadError,
  normalizeCustomerTenantId,
} from '../../../../shared/submission/partner-center-errors';
import type { SubmissionProblem } from '../../../../shared/submission/submission-problem';

/** The import-error problem of a device error that is not "already registered". */
function deviceError(code: string, name: string): SubmissionProblem {
  const outcome = mapDeviceUploadError(code, name);
  if (outcome.kind === 'already-registered') throw new Error('not an error outcome');
  return { kind: 'import-error', outcome };
}

describe('mapDeviceUploadError', () => {
  it('reads 806 as already registered', () => {
    expect(mapDeviceUploadError('806', 'ZtdDeviceAlreadyAssigned')).toEqual({
      kind: 'already-registered',
      error: { code: 806, name: 'ZtdDeviceAlreadyAssigned' },
    });
  });

  it('reads 808 as a device another tenant must release', () => {
    expect(mapDeviceUploadError('808', 'ZtdDeviceAssignedToOtherTenant')).toMatchObject({
      kind: 'other-tenant',
      hold: 'device-assigned',
    });
  });

  it('reads a code given as a name the same as the number', () => {
    expect(mapDeviceUploadError('ZtdDeviceAlreadyAssigned', undefined)).toMatchObject({
      kind: 'already-registered',
    });
  });

  it('finds the Ztd name inside a sentence when there is no code', () => {
    expect(
      mapDeviceUploadError(undefined, 'Device upload failed: ZtdDeviceAssignedToOtherTenant (see docs)'),
    ).toMatchObject({ kind: 'other-tenant', error: { name: 'ZtdDeviceAssignedToOtherTenant' } });
  });

  it('reads StorageError with code 0 as a fault worth uploading again', () => {
    expect(mapDeviceUploadError('0', 'StorageError')).toMatchObject({ kind: 'retryable' });
  });

  it('keeps an unknown code for support and never shows a sentence as the name', () => {
    expect(mapDeviceUploadError('999', 'Something odd happened')).toEqual({
      kind: 'unknown',
      error: { code: 999, name: undefined },
    });
  });
});

describe('partnerCenterProblemMessage', () => {
  const problems: readonly SubmissionProblem[] = [
    { kind: 'token' },
    { kind: 'permission' },
    { kind: 'still-processing', waitedMs: 15 * 60_000 },
    { kind: 'refused', status: 404, code: '60003' },
    { kind: 'refused', status: 400, code: '800002' },
    { kind: 'throttled' },
    deviceError('802', 'InvalidZtdHardwareHash'),
  ];

  it('explains every problem in English and Japanese with a title and an action', () => {
    for (const problem of problems) {
      for (const lang of ['en', 'ja'] as const) {
        const message = partnerCenterProblemMessage(problem, lang);
        expect(message.title.length, `${problem.kind} ${lang}`).toBeGreaterThan(10);
        expect(message.action.length, `${problem.kind} ${lang}`).toBeGreaterThan(10);
      }
    }
  });

  it('tells a partner which role and relationship it needs instead of the Intune permission', () => {
    const en = partnerCenterProblemMessage({ kind: 'permission' }, 'en');
    expect(en.action).toContain('Admin agent');
    expect(en.action).not.toContain('DeviceManagementServiceConfig');
    expect(partnerCenterProblemMessage({ kind: 'permission' }, 'ja').action).toContain('管理エージェント');
  });

  it('explains a 404 as an unknown customer, with the code for support', () => {
    const message = partnerCenterProblemMessage({ kind: 'refused', status: 404, code: '60003' }, 'en');
    expect(message.title).toContain('customer');
    expect(message.reference).toBe('[HTTP 404 60003]');
  });

  it('explains a device error exactly as the Graph submission does', () => {
    const problem = deviceError('802', 'InvalidZtdHardwareHash');
    expect(partnerCenterProblemMessage(problem, 'ja')).toEqual(submissionProblemMessage(problem, 'ja'));
    expect(partnerCenterProblemMessage(problem, 'en').reference).toBe('[802 InvalidZtdHardwareHash]');
  });
});

describe('customer tenant IDs and chunks', () => {
  it('accepts a GUID with or without braces and refuses a domain', () => {
    expect(isCustomerTenantId('47021739-3426-40BF-9601-61b4b6d7c793')).toBe(true);
    expect(isCustomerTenantId('{47021739-3426-40bf-9601-61b4b6d7c793}')).toBe(true);
    expect(isCustomerTenantId('contoso.onmicrosoft.com')).toBe(false);
    expect(normalizeCustomerTenantId(' {47021739-3426-40BF-9601-61B4B6D7C793} ')).toBe(
      '47021739-3426-40bf-9601-61b4b6d7c793',
    );
  });

  it('splits a list into pieces of at most the given size, in order', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 3)).toEqual([]);
    expect(chunk([1, 2], 0)).toEqual([[1], [2]]);
  });
});
