/**
 * The group tag picker: the known tags as a list to choose from (the default preselected), each device's own
 * tag, or another tag typed by hand and checked as it is typed. A mistyped tag puts devices in no group and
 * nobody notices until they are handed out, so a near miss is never usable (the picker offers the tag that
 * was meant), and a custom tag is usable only after the technician ticks that it is meant.
 *
 * `value` is what the screen sends (`tag`, `allowCustomTag`) and whether it may yet (`status`). The picker
 * starts from it and then owns the choice, reporting every change through `onChange` (a value changed by
 * the screen afterwards is not followed: give the picker a new `key` to start it again from a value). It
 * asks the API itself (`knownGroupTags`, `checkGroupTag`), so Export and Submit use it as it is.
 */
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ApiOutput, GroupTagCheckResult } from '../../shared/api/harvester-api';
import { DEFAULT_GROUP_TAG } from '../../shared/group-tag';
import type { Lang } from '../../shared/i18n/lang';
import { i18nFor, useApi, type I18n } from '../app/app-context';
import { describeFailure, type UiFailure } from '../app/ui-failure';
import {
  MAX_TYPED_TAG,
  checkIsCurrent,
  choiceOf,
  codePointLabel,
  humanPosition,
  needsCheck,
  pickerStateFromChoice,
  sameChoice,
  withCheck,
  withConfirmed,
  withKeepCustomOwn,
  withKnownTag,
  withMode,
  withSuggestion,
  withTypedText,
  type GroupTagChoice,
  type GroupTagPickerState,
} from './group-tag-choice';
import './group-tag-picker.css';

/** How long typing must pause before the typed tag is checked. */
export const TAG_CHECK_DELAY_MS = 150;

export interface GroupTagPickerProps {
  readonly value: GroupTagChoice;
  readonly onChange: (choice: GroupTagChoice) => void;
  /** The language of the picker's texts and of the API's descriptions. */
  readonly lang: Lang;
}

type KnownTags = ApiOutput<'knownGroupTags'>;

export function GroupTagPicker(props: GroupTagPickerProps): ReactNode {
  const { value, onChange, lang } = props;
  const api = useApi();
  const i18n = useMemo(() => i18nFor(lang), [lang]);
  const id = useId();
  const fieldset = useRef<HTMLFieldSetElement>(null);
  const focusTag = useRef<string | null>(null);

  const [ui, setUi] = useState<GroupTagPickerState>(() => pickerStateFromChoice(value));

  // Every change of the choice is reported once, in the order the picker's states were rendered.
  const onChangeRef = useRef(onChange);
  const reported = useRef<GroupTagChoice>(value);
  useEffect(() => {
    onChangeRef.current = onChange;
  });
  const { tag, allowCustomTag, status } = choiceOf(ui);
  useEffect(() => {
    const next: GroupTagChoice = { tag, allowCustomTag, status };
    if (sameChoice(next, reported.current)) return;
    reported.current = next;
    onChangeRef.current(next);
  }, [tag, allowCustomTag, status]);

  // The known tags, with descriptions in the language.
  const [known, setKnown] = useState<KnownTags | null>(null);
  const [knownFailure, setKnownFailure] = useState<UiFailure | null>(null);
  const [knownAttempt, setKnownAttempt] = useState(0);
  // One request per language and attempt: StrictMode runs this effect twice on mount, and the second run
  // takes the first one's answer instead of asking again.
  const knownRequest = useRef<{ key: string; answer: Promise<KnownTags> } | null>(null);
  useEffect(() => {
    let live = true;
    const key = `${lang}:${knownAttempt}`;
    if (knownRequest.current?.key !== key) {
      knownRequest.current = { key, answer: api.knownGroupTags({ lang }) };
    }
    knownRequest.current.answer.then(
      (answer) => {
        if (!live) return;
        setKnown(answer);
        setKnownFailure(null);
      },
      (error: unknown) => {
        if (live) setKnownFailure(describeFailure(error));
      },
    );
    return () => {
      live = false;
    };
  }, [api, lang, knownAttempt]);

  // The typed tag, checked once typing pauses; an answer for an older text is dropped.
  const [checkFailure, setCheckFailure] = useState<UiFailure | null>(null);
  const [checkAttempt, setCheckAttempt] = useState(0);
  const wantsCheck = needsCheck(ui, lang);
  const typed = ui.text;
  useEffect(() => {
    if (!wantsCheck) return;
    let live = true;
    const timer = setTimeout(() => {
      api.checkGroupTag({ tag: typed, lang }).then(
        (check) => {
          if (!live) return;
          setCheckFailure(null);
          setUi((state) => withCheck(state, typed, lang, check));
        },
        (error: unknown) => {
          if (live) setCheckFailure(describeFailure(error));
        },
      );
    }, TAG_CHECK_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, lang, wantsCheck, typed, checkAttempt]);

  // After "Use <suggestion>" the text field goes away: keyboard focus lands on the tag now selected.
  useEffect(() => {
    const wanted = focusTag.current;
    if (wanted === null || known === null) return;
    const radio = [
      ...(fieldset.current?.querySelectorAll<HTMLInputElement>('input[type="radio"]') ?? []),
    ].find((input) => input.value === wanted);
    if (radio !== undefined) {
      focusTag.current = null;
      radio.focus();
    }
  });

  const tags = known === null ? [] : orderedTags(known);
  const name = `${id}-tag`;
  const inputId = `${id}-typed`;
  const inputHintId = `${id}-typed-hint`;
  const feedbackId = `${id}-typed-feedback`;
  const ownHintId = `${id}-own-hint`;
  const otherHintId = `${id}-other-hint`;
  const check = checkIsCurrent(ui) ? ui.check : null;
  const typedRefused = check !== null && (check.kind === 'near-miss' || check.kind === 'invalid');

  return (
    <fieldset className="tag-picker" ref={fieldset}>
      <legend className="tag-picker-legend">{i18n.t('export.tagPicker.legend')}</legend>
      <p className="field-hint">{i18n.t('export.tagPicker.intro')}</p>
      {knownFailure !== null && known === null ? (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">{i18n.t('export.tagPicker.loadFailed')}</p>
          <p>{i18n.t(knownFailure.messageKey)}</p>
          <button type="button" className="btn" onClick={() => setKnownAttempt((n) => n + 1)}>
            {i18n.t('action.retry')}
          </button>
        </div>
      ) : null}
      {known === null && knownFailure === null ? (
        <p className="muted" role="status">
          {i18n.t('export.tagPicker.loading')}
        </p>
      ) : null}
      <ul className="choice-list">
        {tags.map((option) => {
          const optionId = `${id}-known-${option.tag}`;
          return (
            <li key={option.tag} className="choice">
              <input
                type="radio"
                id={optionId}
                name={name}
                value={option.tag}
                checked={ui.mode === 'known' && ui.knownTag === option.tag}
                onChange={() => setUi((state) => withKnownTag(state, option.tag))}
                aria-describedby={`${optionId}-hint`}
              />
              <div className="choice-body">
                <label htmlFor={optionId} className="choice-label">
                  <code className="tag-text">{option.tag}</code>
                </label>
                <p id={`${optionId}-hint`} className="choice-hint">
                  {option.description}
                </p>
              </div>
            </li>
          );
        })}
        <li className="choice">
          <input
            type="radio"
            id={`${id}-own`}
            name={name}
            checked={ui.mode === 'own'}
            onChange={() => setUi((state) => withMode(state, 'own'))}
            aria-describedby={ownHintId}
          />
          <div className="choice-body">
            <label htmlFor={`${id}-own`} className="choice-label">
              {i18n.t('export.tagPicker.own')}
            </label>
            <p id={ownHintId} className="choice-hint">
              {i18n.t('export.tagPicker.ownHint', { tag: known?.defaultTag ?? DEFAULT_GROUP_TAG })}
            </p>
            {ui.mode === 'own' ? (
              <label className="choice-check">
                <input
                  type="checkbox"
                  checked={ui.keepCustomOwn}
                  onChange={(event) => {
                    const keep = event.currentTarget.checked;
                    setUi((state) => withKeepCustomOwn(state, keep));
                  }}
                />
                <span>{i18n.t('export.tagPicker.ownKeepCustom')}</span>
              </label>
            ) : null}
          </div>
        </li>
        <li className="choice">
          <input
            type="radio"
            id={`${id}-other`}
            name={name}
            checked={ui.mode === 'other'}
            onChange={() => setUi((state) => withMode(state, 'other'))}
            aria-describedby={otherHintId}
          />
          <div className="choice-body">
            <label htmlFor={`${id}-other`} className="choice-label">
              {i18n.t('export.tagPicker.other')}
            </label>
            <p id={otherHintId} className="choice-hint">
              {i18n.t('export.tagPicker.otherHint')}
            </p>
            {ui.mode === 'other' ? (
              <div className="tag-typed">
                <div className="field">
                  <label htmlFor={inputId}>{i18n.t('export.tagPicker.input')}</label>
                  <input
                    type="text"
                    id={inputId}
                    className="tag-input mono"
                    value={ui.text}
                    maxLength={MAX_TYPED_TAG}
                    spellCheck={false}
                    autoComplete="off"
                    autoCapitalize="off"
                    aria-invalid={typedRefused}
                    aria-describedby={`${inputHintId} ${feedbackId}`}
                    onChange={(event) => {
                      const text = event.currentTarget.value;
                      setCheckFailure(null);
                      setUi((state) => withTypedText(state, text));
                    }}
                  />
                  <span id={inputHintId} className="field-hint">
                    {i18n.t('export.tagPicker.inputHint')}
                  </span>
                </div>
                <TagFeedback
                  statusId={feedbackId}
                  i18n={i18n}
                  ui={ui}
                  check={check}
                  failure={checkFailure}
                  onRetry={() => {
                    setCheckFailure(null);
                    setCheckAttempt((n) => n + 1);
                  }}
                  onUseSuggestion={(suggestion) => {
                    focusTag.current = suggestion;
                    setUi((state) => withSuggestion(state, suggestion));
                  }}
                  onConfirm={(confirmed) => setUi((state) => withConfirmed(state, confirmed))}
                />
              </div>
            ) : null}
          </div>
        </li>
      </ul>
    </fieldset>
  );
}

interface TagFeedbackProps {
  i18n: I18n;
  ui: GroupTagPickerState;
  check: GroupTagCheckResult | null;
  failure: UiFailure | null;
  onRetry: () => void;
  onUseSuggestion: (suggestion: string) => void;
  onConfirm: (confirmed: boolean) => void;
}

/** What the check said: the text in a live region (always there while typing), the controls after it. */
function TagFeedback(props: TagFeedbackProps & { statusId: string }): ReactNode {
  const parts = tagFeedback(props);
  return (
    <div className={parts.tone === null ? 'tag-feedback' : `tag-feedback alert ${parts.tone}`}>
      <div id={props.statusId} role="status">
        {parts.text}
      </div>
      {parts.controls}
    </div>
  );
}

interface TagFeedbackParts {
  /** The alert's look, or `null` for plain text. */
  readonly tone: 'alert-error' | 'alert-warning' | null;
  /** Text only: it is the live region (a region announcing controls is read badly, or not at all). */
  readonly text: ReactNode;
  /** Buttons and checkboxes that go with the text, outside the live region. */
  readonly controls: ReactNode;
}

function tagFeedback(props: TagFeedbackProps): TagFeedbackParts {
  const { i18n, ui, check, failure } = props;
  if (failure !== null) {
    return {
      tone: 'alert-error',
      text: (
        <>
          <p className="alert-title">{i18n.t('export.tagPicker.checkFailed')}</p>
          <p>{i18n.t(failure.messageKey)}</p>
        </>
      ),
      controls: (
        <button type="button" className="btn" onClick={props.onRetry}>
          {i18n.t('action.retry')}
        </button>
      ),
    };
  }
  const plain = (text: ReactNode): TagFeedbackParts => ({ tone: null, text, controls: null });
  if (check === null) {
    return plain(
      ui.text.length === 0 ? null : <p className="muted">{i18n.t('export.tagPicker.checking')}</p>,
    );
  }
  switch (check.kind) {
    case 'known':
      return plain(
        <p className="tag-feedback-ok">
          <span aria-hidden="true">✓ </span>
          {i18n.t('export.tagPicker.known', { description: check.description })}
        </p>,
      );
    case 'near-miss':
      return {
        tone: 'alert-warning',
        text: (
          <>
            <p className="alert-title">
              {i18n.t('export.tagPicker.nearMissTitle', { suggestion: check.suggestion })}
            </p>
            <p>{i18n.t('export.tagPicker.nearMissReasons', { reasons: check.reasonsText })}</p>
            <p>{i18n.t('export.tagPicker.nearMissWhy')}</p>
          </>
        ),
        controls: (
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => props.onUseSuggestion(check.suggestion)}
          >
            {i18n.t('export.tagPicker.useSuggestion', { suggestion: check.suggestion })}
          </button>
        ),
      };
    case 'custom':
      return {
        tone: 'alert-warning',
        text: (
          <>
            <p className="alert-title">{i18n.t('export.tagPicker.customTitle', { tag: check.tag })}</p>
            <p>{i18n.t('export.tagPicker.customBody')}</p>
          </>
        ),
        controls: (
          <label className="choice-check">
            <input
              type="checkbox"
              checked={ui.confirmed}
              onChange={(event) => props.onConfirm(event.currentTarget.checked)}
            />
            <span>{i18n.t('export.tagPicker.confirmCustom')}</span>
          </label>
        ),
      };
    case 'invalid': {
      const problem = check.problem;
      switch (problem.kind) {
        case 'empty':
          return plain(<p className="muted">{i18n.t('export.tagPicker.empty')}</p>);
        case 'too-long':
          return plain(
            <p className="tag-feedback-error">{i18n.t('export.tagPicker.tooLong', { max: problem.max })}</p>,
          );
        case 'bad-character':
          return plain(
            <p className="tag-feedback-error">
              {i18n.t('export.tagPicker.badCharacter', {
                character: problem.character,
                code: codePointLabel(problem.character),
                position: humanPosition(check.input, problem.position),
              })}
            </p>,
          );
        case 'formula-start':
          return plain(
            <p className="tag-feedback-error">
              {i18n.t('export.tagPicker.formulaStart', { character: problem.character })}
            </p>,
          );
      }
    }
  }
}

/** Default first (the API already answers so; a list built from another order must still start with it). */
function orderedTags(known: KnownTags): KnownTags['tags'] {
  const first = known.tags.filter((t) => t.tag === known.defaultTag);
  return [...first, ...known.tags.filter((t) => t.tag !== known.defaultTag)];
}
