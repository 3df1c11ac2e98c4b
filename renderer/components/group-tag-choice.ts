/**
 * What the group tag picker decides, as plain data: the tag a screen sends with its request, and whether it
 * may send it yet. Kept apart from the component so the rules (a near miss is never usable, a custom tag only
 * after a deliberate tick, a stale check is never trusted) are tested without a DOM.
 *
 * Pure: no React, no API calls.
 */
import type { GroupTagCheckResult } from '../../shared/api/harvester-api';
import { DEFAULT_GROUP_TAG } from '../../shared/group-tag';
import type { Lang } from '../../shared/i18n/lang';

/**
 * - `ok`: send it (a known tag, each device's own tag, or a custom tag the technician confirmed).
 * - `needs-confirmation`: a custom tag, not yet confirmed as meant.
 * - `invalid`: a near miss of a known tag or a tag that cannot be written; nothing to send.
 * - `checking`: the typed text has not been checked yet.
 */
export type GroupTagChoiceStatus = 'ok' | 'needs-confirmation' | 'invalid' | 'checking';

/** The picker's value: exactly the `tag` and `allowCustomTag` of `previewExport`/`exportDevices`. */
export interface GroupTagChoice {
  /** `null`: each device keeps its own tag (devices without one get the default tag). */
  readonly tag: string | null;
  readonly allowCustomTag: boolean;
  readonly status: GroupTagChoiceStatus;
}

/** The seed's tag, preselected (the same constant the services answer as `defaultTag`). */
export const DEFAULT_TAG_CHOICE: GroupTagChoice = Object.freeze({
  tag: DEFAULT_GROUP_TAG,
  allowCustomTag: false,
  status: 'ok',
});

/** Longest text the API takes for a tag (its schema's limit); longer is cut, and still checked as too long. */
export const MAX_TYPED_TAG = 512;

/** Which option of the picker is selected, and what was typed for "Another tag…". */
export interface GroupTagPickerState {
  readonly mode: 'known' | 'own' | 'other';
  /** The known tag selected (meaningful when `mode` is `known`). */
  readonly knownTag: string;
  readonly text: string;
  /** The last answer of `checkGroupTag`, for `checkedText` (which may no longer be `text`). */
  readonly check: GroupTagCheckResult | null;
  readonly checkedText: string | null;
  /** The language the check's descriptions are in. */
  readonly checkedLang: Lang | null;
  /** The technician ticked "I really mean this custom tag" for the current text. */
  readonly confirmed: boolean;
  /** With each device's own tag: keep custom tags too (else those devices are left out). */
  readonly keepCustomOwn: boolean;
}

/** Usable as a request's tag right now. */
export function isUsableTag(choice: GroupTagChoice): boolean {
  return choice.status === 'ok';
}

export function sameChoice(a: GroupTagChoice, b: GroupTagChoice): boolean {
  return a.tag === b.tag && a.allowCustomTag === b.allowCustomTag && a.status === b.status;
}

/** The check answers the text as it is now (an answer for an earlier text is never trusted). */
export function checkIsCurrent(state: GroupTagPickerState): boolean {
  return state.check !== null && state.checkedText === state.text;
}

/** The picker's state for a value set from outside (first render, or a screen coming back). */
export function pickerStateFromChoice(choice: GroupTagChoice): GroupTagPickerState {
  const base = {
    text: '',
    check: null,
    checkedText: null,
    checkedLang: null,
    confirmed: false,
    keepCustomOwn: false,
    knownTag: DEFAULT_GROUP_TAG,
  };
  if (choice.tag === null) return { ...base, mode: 'own', keepCustomOwn: choice.allowCustomTag };
  // Only a known tag is ok without allowCustomTag.
  if (choice.status === 'ok' && !choice.allowCustomTag)
    return { ...base, mode: 'known', knownTag: choice.tag };
  // Typed text is checked again; a confirmation carries over only for the same text.
  return { ...base, mode: 'other', text: choice.tag, confirmed: choice.allowCustomTag };
}

/** What the picker's state means for the request. */
export function choiceOf(state: GroupTagPickerState): GroupTagChoice {
  switch (state.mode) {
    case 'known':
      return { tag: state.knownTag, allowCustomTag: false, status: 'ok' };
    case 'own':
      return { tag: null, allowCustomTag: state.keepCustomOwn, status: 'ok' };
    case 'other':
      return typedChoice(state);
  }
}

function typedChoice(state: GroupTagPickerState): GroupTagChoice {
  const check = checkIsCurrent(state) ? state.check : null;
  if (check === null) return { tag: state.text, allowCustomTag: false, status: 'checking' };
  switch (check.kind) {
    case 'known':
      return { tag: check.tag, allowCustomTag: false, status: 'ok' };
    case 'custom':
      return state.confirmed
        ? { tag: check.tag, allowCustomTag: true, status: 'ok' }
        : { tag: check.tag, allowCustomTag: false, status: 'needs-confirmation' };
    case 'near-miss':
    case 'invalid':
      return { tag: state.text, allowCustomTag: false, status: 'invalid' };
  }
}

export function withKnownTag(state: GroupTagPickerState, tag: string): GroupTagPickerState {
  return { ...state, mode: 'known', knownTag: tag };
}

export function withMode(state: GroupTagPickerState, mode: 'own' | 'other'): GroupTagPickerState {
  return { ...state, mode };
}

/** Typing: a confirmation belonged to the text it was given for, so any change withdraws it. */
export function withTypedText(state: GroupTagPickerState, text: string): GroupTagPickerState {
  const cut = text.slice(0, MAX_TYPED_TAG);
  if (cut === state.text) return state;
  return { ...state, text: cut, confirmed: false };
}

/** An answer of `checkGroupTag` for `text`; ignored when the technician has typed on since. */
export function withCheck(
  state: GroupTagPickerState,
  text: string,
  lang: Lang,
  check: GroupTagCheckResult,
): GroupTagPickerState {
  if (text !== state.text) return state;
  return { ...state, check, checkedText: text, checkedLang: lang };
}

export function withKeepCustomOwn(state: GroupTagPickerState, keep: boolean): GroupTagPickerState {
  return { ...state, keepCustomOwn: keep };
}

export function withConfirmed(state: GroupTagPickerState, confirmed: boolean): GroupTagPickerState {
  return { ...state, confirmed };
}

/** "Use Microsoft365Managed_Autopilot": the near miss is replaced by the known tag it was meant to be. */
export function withSuggestion(state: GroupTagPickerState, suggestion: string): GroupTagPickerState {
  return { ...state, mode: 'known', knownTag: suggestion };
}

/** The typed text needs (another) check: it changed since the last one, or the answer is in another language. */
export function needsCheck(state: GroupTagPickerState, lang: Lang): boolean {
  return state.mode === 'other' && (!checkIsCurrent(state) || state.checkedLang !== lang);
}

/** The 1-based character position a person counts (the API gives a UTF-16 offset). */
export function humanPosition(input: string, offset: number): number {
  return [...input.slice(0, offset)].length + 1;
}

/** `U+3000`: names a character that cannot be seen (a full-width space, a control character). */
export function codePointLabel(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
