import { describe, expect, it } from 'vitest';
import type { GroupTagCheckResult } from '../../../../shared/api/harvester-api';
import {
  DEFAULT_TAG_CHOICE,
  MAX_TYPED_TAG,
  choiceOf,
  codePointLabel,
  humanPosition,
  isUsableTag,
  needsCheck,
  pickerStateFromChoice,
  withCheck,
  withConfirmed,
  withKeepCustomOwn,
  withKnownTag,
  withMode,
  withSuggestion,
  withTypedText,
  type GroupTagPickerState,
} from '../../../../renderer/components/group-tag-choice';

const custom = (tag: string): GroupTagCheckResult => ({ kind: 'custom', tag });
const nearMiss = (input: string): GroupTagCheckResult => ({
  kind: 'near-miss',
  input,
  suggestion: 'Microsoft365Managed_Autopilot',
  suggestionDescription: 'Microsoft Managed Desktop (default)',
  reasons: ['case'],
  reasonsText: 'letter case',
});

function typed(text: string): GroupTagPickerState {
  return withTypedText(withMode(pickerStateFromChoice(DEFAULT_TAG_CHOICE), 'other'), text);
}

describe('group tag choice', () => {
  it('starts on the default tag, usable as it is', () => {
    const choice = choiceOf(pickerStateFromChoice(DEFAULT_TAG_CHOICE));
    expect(choice).toEqual({ tag: 'Microsoft365Managed_Autopilot', allowCustomTag: false, status: 'ok' });
    expect(isUsableTag(choice)).toBe(true);
  });

  it('sends another known tag chosen from the list', () => {
    const state = withKnownTag(pickerStateFromChoice(DEFAULT_TAG_CHOICE), 'Microsoft365Managed_Kiosk');
    expect(choiceOf(state)).toEqual({
      tag: 'Microsoft365Managed_Kiosk',
      allowCustomTag: false,
      status: 'ok',
    });
  });

  it("keeps each device's own tag as a null tag", () => {
    const state = withMode(pickerStateFromChoice(DEFAULT_TAG_CHOICE), 'own');
    expect(choiceOf(state)).toEqual({ tag: null, allowCustomTag: false, status: 'ok' });
  });

  it("allows custom tags with each device's own tag only when asked to", () => {
    const state = withKeepCustomOwn(withMode(pickerStateFromChoice(DEFAULT_TAG_CHOICE), 'own'), true);
    expect(choiceOf(state)).toEqual({ tag: null, allowCustomTag: true, status: 'ok' });
  });

  it('is checking while the typed text has no answer yet', () => {
    expect(choiceOf(typed('Contoso')).status).toBe('checking');
  });

  it('never trusts an answer given for text typed before', () => {
    const answered = withCheck(typed('Contoso'), 'Contoso', 'en', custom('Contoso'));
    const typedOn = withTypedText(answered, 'Contoso-Sales');
    expect(choiceOf(typedOn).status).toBe('checking');
    expect(withCheck(typedOn, 'Contoso', 'en', custom('Contoso'))).toBe(typedOn);
  });

  it('needs a confirmation before a custom tag is allowed', () => {
    const checked = withCheck(typed('Contoso'), 'Contoso', 'en', custom('Contoso'));
    expect(choiceOf(checked)).toEqual({
      tag: 'Contoso',
      allowCustomTag: false,
      status: 'needs-confirmation',
    });
    expect(choiceOf(withConfirmed(checked, true))).toEqual({
      tag: 'Contoso',
      allowCustomTag: true,
      status: 'ok',
    });
  });

  it('withdraws the confirmation when the text changes', () => {
    const confirmed = withConfirmed(withCheck(typed('Contoso'), 'Contoso', 'en', custom('Contoso')), true);
    expect(withTypedText(confirmed, 'Contoso2').confirmed).toBe(false);
  });

  it('never makes a near miss usable, confirmed or not', () => {
    const checked = withCheck(typed('microsoft365managed_autopilot'), 'microsoft365managed_autopilot', 'en', {
      ...nearMiss('microsoft365managed_autopilot'),
    });
    expect(choiceOf(checked).status).toBe('invalid');
    expect(choiceOf(withConfirmed(checked, true)).status).toBe('invalid');
  });

  it('selects the known tag when the suggestion is taken', () => {
    const checked = withCheck(typed('microsoft365managed_autopilot'), 'microsoft365managed_autopilot', 'en', {
      ...nearMiss('microsoft365managed_autopilot'),
    });
    expect(choiceOf(withSuggestion(checked, 'Microsoft365Managed_Autopilot'))).toEqual(DEFAULT_TAG_CHOICE);
  });

  it('blocks a tag the check finds invalid', () => {
    const checked = withCheck(typed('a,b'), 'a,b', 'en', {
      kind: 'invalid',
      input: 'a,b',
      problem: { kind: 'bad-character', character: ',', position: 1 },
    });
    expect(choiceOf(checked)).toEqual({ tag: 'a,b', allowCustomTag: false, status: 'invalid' });
  });

  it('uses the tag as the check spells it when a typed tag is known', () => {
    const checked = withCheck(typed('Microsoft365Managed_Kiosk'), 'Microsoft365Managed_Kiosk', 'en', {
      kind: 'known',
      tag: 'Microsoft365Managed_Kiosk',
      description: 'Kiosk profile',
    });
    expect(choiceOf(checked)).toEqual({
      tag: 'Microsoft365Managed_Kiosk',
      allowCustomTag: false,
      status: 'ok',
    });
  });

  it('checks again when the language changes, for descriptions in that language', () => {
    const checked = withCheck(typed('Contoso'), 'Contoso', 'en', custom('Contoso'));
    expect(needsCheck(checked, 'en')).toBe(false);
    expect(needsCheck(checked, 'ja')).toBe(true);
  });

  it('cuts typed text at the length the API accepts', () => {
    expect(typed('x'.repeat(MAX_TYPED_TAG + 10)).text).toHaveLength(MAX_TYPED_TAG);
  });

  it('comes back to a confirmed custom tag as typed text to check again', () => {
    const state = pickerStateFromChoice({ tag: 'Contoso', allowCustomTag: true, status: 'ok' });
    expect(state).toMatchObject({ mode: 'other', text: 'Contoso', confirmed: true });
    expect(choiceOf(state).status).toBe('checking');
  });

  it('counts positions in characters a person sees, from one', () => {
    expect(humanPosition('𝐀b,c', 3)).toBe(3);
    expect(codePointLabel('\u3000')).toBe('U+3000');
  });
});
