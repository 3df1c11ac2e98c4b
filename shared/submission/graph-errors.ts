/**
 * What Intune's answer to one imported device means for the technician. The import record's
 * `state.deviceErrorCode` (801-814) and `state.deviceErrorName` (`ZtdDeviceAssignedToOtherTenant`,
 * `StorageError`, ...) are mapped to a small `kind` union, each kind with its own explanation and next step
 * in `shared/i18n/submission-messages.ts`. The code and name travel along only so support can be given them
 * in brackets; nobody is expected to read them.
 *
 * Pure: shared/ runs in the renderer too.
 */

/** The service's own words for the error, kept for support. Either part may be missing. */
export interface ImportErrorCode {
  readonly code: number | undefined;
  readonly name: string | undefined;
}

/** Whose hold on the device stops the import (808, 810 and 811 differ only in this). */
export type OtherTenantHold =
  /** 808 ZtdDeviceAssignedToOtherTenant: the device is registered in another organisation's Autopilot. */
  | 'device-assigned'
  /** 810 ZtdProfileAssignedToOtherTenant: another organisation's deployment profile is assigned to it. */
  | 'profile-assigned'
  /** 811 ZtdDeviceRegisteredByOtherTenant: another organisation (often a reseller) registered it. */
  | 'registered-by-other';

export type ImportOutcome =
  /** 806: already registered in this tenant. Treated as done: the device will get its profile. */
  | { readonly kind: 'already-registered'; readonly error: ImportErrorCode }
  /** StorageError and its like: a fault inside the service; the same import later usually succeeds. */
  | { readonly kind: 'retryable'; readonly error: ImportErrorCode }
  /** 802: the hash was refused; collect it again on the device. */
  | { readonly kind: 'fix-hash'; readonly error: ImportErrorCode }
  /** 808, 810, 811: another organisation holds the device and must release it. */
  | { readonly kind: 'other-tenant'; readonly hold: OtherTenantHold; readonly error: ImportErrorCode }
  /** 801: the service could not read the import record (a value it refuses, usually in the serial). */
  | { readonly kind: 'invalid-record'; readonly error: ImportErrorCode }
  /** 803: neither a serial number nor a product key reached the service. */
  | { readonly kind: 'missing-serial'; readonly error: ImportErrorCode }
  /** ZtdDeviceDuplicated: the same device was being imported twice at the same time. */
  | { readonly kind: 'duplicated'; readonly error: ImportErrorCode }
  /** 813: the hash matches more than one registered device. */
  | { readonly kind: 'not-unique'; readonly error: ImportErrorCode }
  /** 807, 809, 812: the service lost track of the device or its profile during the import. */
  | { readonly kind: 'not-found'; readonly error: ImportErrorCode }
  /** 814: the device is already registered in Microsoft Entra ID in a way that blocks Autopilot. */
  | { readonly kind: 'entra-registered'; readonly error: ImportErrorCode }
  /** A code this app does not know (Microsoft adds codes): reported with the code for support. */
  | { readonly kind: 'unknown'; readonly error: ImportErrorCode };

export type ImportOutcomeKind = ImportOutcome['kind'];

type Classification =
  | { readonly kind: Exclude<ImportOutcomeKind, 'other-tenant'> }
  | { readonly kind: 'other-tenant'; readonly hold: OtherTenantHold };

/** BRIEF §6: the documented codes with their names, so a code without a name (or the reverse) still maps. */
const BY_CODE: ReadonlyMap<number, { readonly name: string; readonly classification: Classification }> =
  new Map([
    [801, { name: 'InvalidZtdRequestBody', classification: { kind: 'invalid-record' } }],
    [802, { name: 'InvalidZtdHardwareHash', classification: { kind: 'fix-hash' } }],
    [803, { name: 'MissingZtdSerialNumberAndProductKey', classification: { kind: 'missing-serial' } }],
    [806, { name: 'ZtdDeviceAlreadyAssigned', classification: { kind: 'already-registered' } }],
    [807, { name: 'ZtdDeviceIsNotRegistered', classification: { kind: 'not-found' } }],
    [
      808,
      {
        name: 'ZtdDeviceAssignedToOtherTenant',
        classification: { kind: 'other-tenant', hold: 'device-assigned' },
      },
    ],
    [809, { name: 'ZtdProfileIsNotRegistered', classification: { kind: 'not-found' } }],
    [
      810,
      {
        name: 'ZtdProfileAssignedToOtherTenant',
        classification: { kind: 'other-tenant', hold: 'profile-assigned' },
      },
    ],
    [
      811,
      {
        name: 'ZtdDeviceRegisteredByOtherTenant',
        classification: { kind: 'other-tenant', hold: 'registered-by-other' },
      },
    ],
    [812, { name: 'ZtdDeviceNotFound', classification: { kind: 'not-found' } }],
    [813, { name: 'ZtdDeviceIsNotUnique', classification: { kind: 'not-unique' } }],
    [814, { name: 'ZtdDeviceAlreadyAadRegistered', classification: { kind: 'entra-registered' } }],
  ]);

/** Names that come without a documented code. Compared case-insensitively: the service is not consistent. */
const BY_NAME: ReadonlyMap<string, Classification> = new Map([
  ...[...BY_CODE.values()].map((entry) => [entry.name.toLowerCase(), entry.classification] as const),
  ['ztddeviceduplicated', { kind: 'duplicated' }],
  ['storageerror', { kind: 'retryable' }],
  // Names the service uses for faults of its own; the same import later succeeds.
  ['internalerror', { kind: 'retryable' }],
  ['internalservererror', { kind: 'retryable' }],
  ['serviceunavailable', { kind: 'retryable' }],
]);

/**
 * The outcome of an import record in state `error`. The code wins over the name when both are known (codes
 * are documented, names have varied); 0 and missing values mean "not given". Never throws: an unknown
 * answer is an `unknown` outcome that carries whatever the service said.
 */
export function mapImportError(
  code: number | null | undefined,
  name: string | null | undefined,
): ImportOutcome {
  const error: ImportErrorCode = {
    code: typeof code === 'number' && code !== 0 && Number.isFinite(code) ? code : undefined,
    name:
      typeof name === 'string' && name.trim() !== '' && name.trim().toLowerCase() !== 'none'
        ? name.trim()
        : undefined,
  };
  const byCode = error.code === undefined ? undefined : BY_CODE.get(error.code);
  const classification =
    byCode?.classification ??
    (error.name === undefined ? undefined : BY_NAME.get(error.name.toLowerCase())) ??
    ({ kind: 'unknown' } as const);
  const named: ImportErrorCode = { code: error.code, name: error.name ?? byCode?.name };
  return classification.kind === 'other-tenant'
    ? { kind: 'other-tenant', hold: classification.hold, error: named }
    : { kind: classification.kind, error: named };
}

/** True when the device counts as registered in this tenant although the import itself reported an error. */
export function countsAsRegistered(outcome: ImportOutcome): boolean {
  return outcome.kind === 'already-registered';
}

/** True when importing the same device again later is the right answer (a fault inside the service). */
export function isRetryableOutcome(outcome: ImportOutcome): boolean {
  return outcome.kind === 'retryable';
}

/**
 * The service's code and name in brackets, for support: `[808 ZtdDeviceAssignedToOtherTenant]`. Empty when
 * the service said nothing.
 */
export function importErrorReference(error: ImportErrorCode): string {
  const parts = [error.code === undefined ? undefined : String(error.code), error.name].filter(
    (part): part is string => part !== undefined,
  );
  return parts.length === 0 ? '' : `[${parts.join(' ')}]`;
}
