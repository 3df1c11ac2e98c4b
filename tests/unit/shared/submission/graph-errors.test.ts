import { describe, expect, it } from 'vitest';
import {
  countsAsRegistered,
  importErrorReference,
  isRetryableOutcome,
  mapImportError,
} from '../../../../shared/submission/graph-errors';

describe('mapImportError', () => {
  it('treats 806 as already registered in this tenant', () => {
    const outcome = mapImportError(806, 'ZtdDeviceAlreadyAssigned');
    expect(outcome).toEqual({
      kind: 'already-registered',
      error: { code: 806, name: 'ZtdDeviceAlreadyAssigned' },
    });
    expect(countsAsRegistered(outcome)).toBe(true);
  });

  it('asks for a new hash on 802', () => {
    expect(mapImportError(802, 'InvalidZtdHardwareHash').kind).toBe('fix-hash');
  });

  it('tells which kind of hold another tenant has for 808, 810 and 811', () => {
    expect(mapImportError(808, undefined)).toMatchObject({ kind: 'other-tenant', hold: 'device-assigned' });
    expect(mapImportError(810, undefined)).toMatchObject({ kind: 'other-tenant', hold: 'profile-assigned' });
    expect(mapImportError(811, undefined)).toMatchObject({
      kind: 'other-tenant',
      hold: 'registered-by-other',
    });
  });

  it('maps every documented code from 801 to 814 to a kind other than unknown', () => {
    for (const code of [801, 802, 803, 806, 807, 808, 809, 810, 811, 812, 813, 814]) {
      expect(mapImportError(code, undefined).kind, String(code)).not.toBe('unknown');
    }
  });

  it('fills in the documented name when the service sends only the code', () => {
    expect(mapImportError(808, '').error).toEqual({ code: 808, name: 'ZtdDeviceAssignedToOtherTenant' });
  });

  it('maps by name when the code is 0 or missing', () => {
    expect(mapImportError(0, 'ZtdDeviceAssignedToOtherTenant')).toMatchObject({ kind: 'other-tenant' });
    expect(mapImportError(null, 'ZtdDeviceDuplicated').kind).toBe('duplicated');
  });

  it('reads names without regard to case', () => {
    expect(mapImportError(undefined, 'storageerror').kind).toBe('retryable');
  });

  it('treats StorageError as retryable and 808 as not', () => {
    expect(isRetryableOutcome(mapImportError(0, 'StorageError'))).toBe(true);
    expect(isRetryableOutcome(mapImportError(808, undefined))).toBe(false);
  });

  it('prefers the documented code when code and name disagree', () => {
    expect(mapImportError(806, 'StorageError').kind).toBe('already-registered');
  });

  it('keeps an unknown code and name for support', () => {
    expect(mapImportError(899, 'ZtdSomethingNew')).toEqual({
      kind: 'unknown',
      error: { code: 899, name: 'ZtdSomethingNew' },
    });
  });

  it('answers unknown with nothing to show when the service says nothing', () => {
    expect(mapImportError(0, 'None')).toEqual({
      kind: 'unknown',
      error: { code: undefined, name: undefined },
    });
  });
});

describe('importErrorReference', () => {
  it('puts code and name in brackets', () => {
    expect(importErrorReference({ code: 808, name: 'ZtdDeviceAssignedToOtherTenant' })).toBe(
      '[808 ZtdDeviceAssignedToOtherTenant]',
    );
  });

  it('shows the name alone when there is no code', () => {
    expect(importErrorReference({ code: undefined, name: 'StorageError' })).toBe('[StorageError]');
  });

  it('is empty when there is nothing to show', () => {
    expect(importErrorReference({ code: undefined, name: undefined })).toBe('');
  });
});
