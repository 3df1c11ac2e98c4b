/**
 * Why one device did not end registered after a Graph submission: the device's own import error, or a
 * failure of the requests around it that retries could not get past. Each kind has its own explanation and
 * next step (`shared/i18n/submission-messages.ts`); raw service text never travels in a problem, it goes to
 * the log.
 *
 * Pure.
 */
import type { ImportOutcome } from './graph-errors';

export type SubmissionProblem =
  /** The service processed the import and answered with an error for this device. */
  | {
      readonly kind: 'import-error';
      readonly outcome: Exclude<ImportOutcome, { readonly kind: 'already-registered' }>;
    }
  /** 401 again after a fresh token: the sign-in is no longer valid. The run stops. */
  | { readonly kind: 'token' }
  /** 403: the account or app lacks the permission. The run stops. */
  | { readonly kind: 'permission' }
  /**
   * 401 with error code 900421: Partner Center refuses app+user tokens without the MFA claim (enforced
   * since 2026-04-01). A renewed token carries the same claims, so nothing is retried: the run stops and the
   * technician must sign in again with multi-factor authentication.
   */
  | { readonly kind: 'mfa-required' }
  /** Still throttled after every retry. */
  | { readonly kind: 'throttled' }
  /** Server errors (5xx) after every retry. */
  | { readonly kind: 'service-unavailable' }
  /** The connection failed after every retry. */
  | { readonly kind: 'network' }
  /** An answer that is not what Graph documents. */
  | { readonly kind: 'bad-response' }
  /** The request was refused (4xx other than 401, 403, 404, 429); `code` is Graph's error code, if any. */
  | { readonly kind: 'refused'; readonly status: number; readonly code: string | undefined }
  /** The import had not finished when this run's deadline passed; its record is kept for the next run. */
  | { readonly kind: 'still-processing'; readonly waitedMs: number }
  /** The import record disappeared before it reached a final state (deleted by someone else). */
  | { readonly kind: 'record-removed' }
  /**
   * The device is registered, but with another group tag than the one chosen (an earlier import's, reused),
   * and setting the chosen one failed. `currentTag`: the tag it still has, when known.
   */
  | { readonly kind: 'tag-not-set'; readonly currentTag?: string };

export type SubmissionProblemKind = SubmissionProblem['kind'];

/** Problems that concern the whole run rather than one device: the run stops when one happens. */
export function stopsRun(problem: SubmissionProblem): boolean {
  return problem.kind === 'token' || problem.kind === 'permission' || problem.kind === 'mfa-required';
}
