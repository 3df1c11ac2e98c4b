/**
 * Service values as the contract's plain data, for more than one service module: a group tag check with its
 * descriptions, and a ledger failure in plain words.
 */
import type { GroupTagCheckResult, LedgerFailure } from '../../shared/api/harvester-api';
import { ledgerFailureMessage } from '../../shared/api/api-messages';
import type { GroupTagCheck } from '../../shared/group-tag';
import { reasonsText } from '../../shared/i18n/diagnostic-messages';
import { groupTagDescription } from '../../shared/i18n/group-tag-names';
import type { Lang } from '../../shared/i18n/lang';
import { assertNever } from '../../shared/ledger/ledger-events';
import { READ_ONLY_LEDGER } from '../ledger/ledger';
import type { LedgerError } from '../ledger/ledger';

export function ledgerFailure(error: LedgerError, dir: string, lang: Lang): LedgerFailure {
  const reason = error.code === READ_ONLY_LEDGER ? 'read-only' : error.kind;
  return {
    reason,
    file: error.file,
    message: ledgerFailureMessage(reason, dir, lang),
    detail: error.message,
  };
}

export function groupTagCheckOf(check: GroupTagCheck, lang: Lang): GroupTagCheckResult {
  switch (check.kind) {
    case 'known':
      return { kind: 'known', tag: check.tag, description: groupTagDescription(check.tag, lang) ?? '' };
    case 'near-miss':
      return {
        kind: 'near-miss',
        input: check.input,
        suggestion: check.suggestion,
        suggestionDescription: groupTagDescription(check.suggestion, lang) ?? '',
        reasons: [...check.reasons],
        reasonsText: reasonsText(lang, check.reasons.join(' ')),
      };
    case 'custom':
      return { kind: 'custom', tag: check.tag };
    case 'invalid':
      return { kind: 'invalid', input: check.input, problem: { ...check.problem } };
    default:
      return assertNever(check);
  }
}
