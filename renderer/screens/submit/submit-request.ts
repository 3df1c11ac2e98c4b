/**
 * From what the technician chose on the Submit screen to the exact `startSubmission` request, and why the
 * send button cannot be pressed yet. Pure, so every request shape is tested without a DOM.
 */
import type {
  ApiInput,
  DeviceSummary,
  SignInStatus,
  SubmissionSelection,
  SubmissionService,
} from '../../../shared/api/harvester-api';
import type { Lang } from '../../../shared/i18n/lang';
import type { GroupTagChoice } from '../../components/group-tag-choice';

export type SubmitSelectionKind = SubmissionSelection['kind'];
export type SubmitRequest = ApiInput<'startSubmission'>;

/** What the request is made from (the store's fields of the same names). */
export interface SubmitChoices {
  readonly service: SubmissionService;
  readonly selection: SubmitSelectionKind;
  /** Devices handed over by another screen; `null` when none were. */
  readonly chosenIds: readonly string[] | null;
  readonly tag: GroupTagChoice;
  /** The customer chosen from the partner's list (Partner Center). */
  readonly customerId: string | null;
  /** What is typed in the customer box: a search, or a tenant ID. */
  readonly customerQuery: string;
  /** Graph: trigger the Autopilot sync after the job and wait for the devices (CLI `--sync`). */
  readonly sync: boolean;
}

/** A tenant ID as Partner Center takes it: a GUID, 8-4-4-4-12 hexadecimal digits. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isTenantId(text: string): boolean {
  return GUID.test(text.trim());
}

/**
 * Typed text that is meant as a tenant ID but is not one (only hexadecimal digits and hyphens, long enough
 * to be more than the start of a search), so the screen can say what is wrong with it.
 */
export function looksLikeBadTenantId(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length >= 8 && /^[0-9a-f-]+$/i.test(trimmed) && !isTenantId(trimmed);
}

/** The customer tenant the request names: a typed tenant ID wins over one chosen in the list. */
export function customerTenantOf(
  choices: Pick<SubmitChoices, 'customerId' | 'customerQuery'>,
): string | null {
  if (isTenantId(choices.customerQuery)) return choices.customerQuery.trim().toLowerCase();
  return choices.customerId;
}

export function selectionOf(choices: Pick<SubmitChoices, 'selection' | 'chosenIds'>): SubmissionSelection {
  if (choices.selection === 'ids' && choices.chosenIds !== null && choices.chosenIds.length > 0) {
    return { kind: 'ids', ids: [...choices.chosenIds] };
  }
  return choices.selection === 'all' ? { kind: 'all' } : { kind: 'not-registered' };
}

/** Why the send button cannot be pressed, or `null` when it can. */
export type SubmitBlock = 'needSignIn' | 'needTag' | 'needOneTag' | 'needCustomer' | 'nothing';

/** Signed in, or a token from the environment: the services can send. */
export function canSend(status: SignInStatus | null): boolean {
  return status !== null && (status.kind === 'signed-in' || status.kind === 'env-token');
}

export function submitBlock(
  choices: SubmitChoices,
  status: SignInStatus | null,
  count: number | null,
): SubmitBlock | null {
  if (!canSend(status)) return 'needSignIn';
  if (choices.tag.status !== 'ok') return 'needTag';
  // The picker can keep each device's own tag; a submission sends one tag for all of them.
  if (choices.tag.tag === null) return 'needOneTag';
  if (choices.service === 'partner-center' && customerTenantOf(choices) === null) return 'needCustomer';
  if (count === 0) return 'nothing';
  return null;
}

/** `null` while something is missing (see {@link submitBlock}, which says what). */
export function submitRequestOf(
  choices: SubmitChoices,
  status: SignInStatus | null,
  lang: Lang,
): SubmitRequest | null {
  if (submitBlock(choices, status, null) !== null || choices.tag.tag === null) return null;
  return {
    service: choices.service,
    customerTenantId: choices.service === 'partner-center' ? customerTenantOf(choices) : null,
    tag: choices.tag.tag,
    allowCustomTag: choices.tag.allowCustomTag,
    selection: selectionOf(choices),
    // Partner Center has no Autopilot sync to trigger.
    sync: choices.service === 'graph' && choices.sync,
    lang,
  };
}

/** How many devices the selection names, worked out from the ledger's list (deleted devices never count). */
export function countSelected(
  devices: readonly DeviceSummary[],
  choices: Pick<SubmitChoices, 'selection' | 'chosenIds'>,
): number {
  const selection = selectionOf(choices);
  switch (selection.kind) {
    case 'all':
      return devices.filter((d) => d.state !== 'deleted').length;
    case 'not-registered':
      return devices.filter((d) => d.state !== 'deleted' && d.submission?.registered !== true).length;
    case 'ids': {
      const ids = new Set(selection.ids);
      return devices.filter((d) => d.state !== 'deleted' && ids.has(d.id)).length;
    }
  }
}
