/**
 * Between a submitter's answer for one device and what the journal keeps of it (`SubmissionDeviceDetail`):
 * flat, schema-checked fields that survive a restart, from which the same explanation can be given again
 * (a resumed job reports the devices an earlier run finished, in the technician's words).
 *
 * Pure: the renderer shows job history too.
 */
import type { ImportOutcome, ImportOutcomeKind, OtherTenantHold } from '../submission/graph-errors';
import type { SubmissionProblem, SubmissionProblemKind } from '../submission/submission-problem';
import type { SubmissionDeviceDetail } from './ledger-events';

/** The journal's fields for an import outcome (806, 808, StorageError...). */
export function outcomeDetail(outcome: ImportOutcome): SubmissionDeviceDetail {
  return {
    outcome: outcome.kind,
    ...(outcome.kind === 'other-tenant' ? { hold: outcome.hold } : {}),
    ...(outcome.error.code !== undefined ? { errorCode: outcome.error.code } : {}),
    ...(outcome.error.name !== undefined ? { errorName: outcome.error.name } : {}),
  };
}

/** The journal's fields for why a device failed. */
export function problemDetail(problem: SubmissionProblem): SubmissionDeviceDetail {
  switch (problem.kind) {
    case 'import-error':
      return { problem: problem.kind, ...outcomeDetail(problem.outcome) };
    case 'refused':
      return {
        problem: problem.kind,
        httpStatus: problem.status,
        ...(problem.code !== undefined ? { serviceCode: problem.code } : {}),
      };
    case 'still-processing':
      return { problem: problem.kind, waitedMs: problem.waitedMs };
    default:
      return { problem: problem.kind };
  }
}

const OUTCOME_KINDS: ReadonlySet<string> = new Set<ImportOutcomeKind>([
  'already-registered',
  'retryable',
  'fix-hash',
  'other-tenant',
  'invalid-record',
  'missing-serial',
  'duplicated',
  'not-unique',
  'not-found',
  'entra-registered',
  'unknown',
]);

const HOLDS: ReadonlySet<string> = new Set<OtherTenantHold>([
  'device-assigned',
  'profile-assigned',
  'registered-by-other',
]);

const SIMPLE_PROBLEMS: ReadonlySet<string> = new Set<SubmissionProblemKind>([
  'token',
  'permission',
  'mfa-required',
  'throttled',
  'service-unavailable',
  'network',
  'bad-response',
  'record-removed',
  'tag-not-set',
]);

/** The import outcome the journal recorded, or undefined when it holds none this version knows. */
export function outcomeFromDetail(detail: SubmissionDeviceDetail): ImportOutcome | undefined {
  const kind = detail.outcome;
  if (kind === undefined || !OUTCOME_KINDS.has(kind)) return undefined;
  const error = { code: detail.errorCode, name: detail.errorName };
  if (kind === 'other-tenant') {
    if (detail.hold === undefined || !HOLDS.has(detail.hold)) return undefined;
    return { kind, hold: detail.hold as OtherTenantHold, error };
  }
  return { kind: kind as Exclude<ImportOutcomeKind, 'other-tenant'>, error };
}

/**
 * The problem a failed device's record describes, or undefined when the record holds a kind this version
 * does not know (written by a newer one): the caller then gives a general explanation, never a wrong one.
 */
export function problemFromDetail(detail: SubmissionDeviceDetail): SubmissionProblem | undefined {
  const kind = detail.problem;
  if (kind === undefined) return undefined;
  if (SIMPLE_PROBLEMS.has(kind)) return { kind } as SubmissionProblem;
  switch (kind) {
    case 'import-error': {
      const outcome = outcomeFromDetail(detail);
      if (outcome === undefined || outcome.kind === 'already-registered') return undefined;
      return { kind, outcome };
    }
    case 'refused':
      return detail.httpStatus === undefined
        ? undefined
        : { kind, status: detail.httpStatus, code: detail.serviceCode };
    case 'still-processing':
      return { kind, waitedMs: detail.waitedMs ?? 0 };
    default:
      return undefined;
  }
}
