/**
 * A device's own group tag and what it means (`tagStatus` from the services), shown the same way in the
 * import preview, the device list and the device details: a mistyped tag is visible where the device is,
 * not only when an export leaves it out.
 */
import { Fragment, type ReactNode } from 'react';
import type { TagStatusValue } from '../../shared/api/harvester-api';
import { escapeControls } from '../../shared/control-characters';
import { reasonsText } from '../../shared/i18n/diagnostic-messages';
import { assertNever } from '../../shared/ledger/ledger-events';
import type { I18n } from '../app/app-context';

/** A tag whose status asks the technician to look: mistyped, unknown or unusable. */
export function isTagProblem(status: TagStatusValue): boolean {
  return status.kind === 'near-miss' || status.kind === 'custom' || status.kind === 'invalid';
}

/**
 * Where a tag may break across lines: after `_`, `-`, `.`, `/` (and their full-width forms), between the
 * words of a CamelCase name and after a number that ends a word (`Microsoft365` `Managed_` `Autopliot`,
 * `microsoft365` `managed_` `autopilot`), never inside a word, so a typo stays readable in a narrow cell.
 */
export function tagSegments(tag: string): string[] {
  return tag
    .split(/(?<=[_\-./\uff3f\uff0d\uff0e\uff0f])|(?<=[\p{Ll}\p{Nd}])(?=\p{Lu})|(?<=\p{Nd})(?=\p{Ll})/u)
    .filter((part) => part.length > 0);
}

/** The tag with line-break opportunities only between its words (see {@link tagSegments}). */
export function TagText(props: { readonly tag: string }): ReactNode {
  const parts = tagSegments(props.tag);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 ? <wbr /> : null}
          {part}
        </Fragment>
      ))}
    </>
  );
}

/** One sentence on what the tag means for registering the device; `null` for a known tag or none. */
export function tagStatusText(i18n: I18n, status: TagStatusValue): string | null {
  switch (status.kind) {
    case 'none':
    case 'known':
      return null;
    case 'near-miss':
      return i18n.t(status.correctable ? 'tagStatus.nearMissCorrectable' : 'tagStatus.nearMiss', {
        suggestion: status.suggestion,
        reasons: reasonsText(i18n.lang, status.reasons.join(' ')),
      });
    case 'custom':
      return i18n.t('tagStatus.custom');
    case 'invalid':
      switch (status.problem.kind) {
        case 'empty':
          return i18n.t('tagStatus.invalid.empty');
        case 'too-long':
          return i18n.t('tagStatus.invalid.tooLong', { max: status.problem.max });
        case 'bad-character':
          // The character itself may be a control or bidi character: shown escaped, never raw.
          return i18n.t('tagStatus.invalid.badCharacter', {
            character: escapeControls(status.problem.character),
          });
        case 'formula-start':
          return i18n.t('tagStatus.invalid.formulaStart', {
            character: escapeControls(status.problem.character),
          });
        default:
          return assertNever(status.problem);
      }
    default:
      return assertNever(status);
  }
}

/** The short label beside the tag in a list: what kind of problem, in two or three words. */
export function tagStatusLabel(i18n: I18n, status: TagStatusValue): string | null {
  switch (status.kind) {
    case 'none':
    case 'known':
      return null;
    case 'near-miss':
      return i18n.t('tagStatus.label.nearMiss');
    case 'custom':
      return i18n.t('tagStatus.label.custom');
    case 'invalid':
      return i18n.t('tagStatus.label.invalid');
    default:
      return assertNever(status);
  }
}
