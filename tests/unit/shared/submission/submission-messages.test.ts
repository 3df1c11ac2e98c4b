import { describe, expect, it } from 'vitest';
import { LANGS } from '../../../../shared/i18n/lang';
import {
  IMPORT_OUTCOME_KINDS,
  SUBMISSION_PROBLEM_KINDS,
  importOutcomeMessage,
  submissionProblemMessage,
  tagSetOnRegisteredMessage,
} from '../../../../shared/i18n/submission-messages';
import type { ImportOutcome } from '../../../../shared/submission/graph-errors';
import { mapImportError } from '../../../../shared/submission/graph-errors';
import type { SubmissionProblem } from '../../../../shared/submission/submission-problem';

const OUTCOMES: readonly ImportOutcome[] = [
  ...[801, 802, 803, 806, 807, 808, 809, 810, 811, 812, 813, 814, 899].map((code) =>
    mapImportError(code, undefined),
  ),
  mapImportError(0, 'StorageError'),
  mapImportError(0, 'ZtdDeviceDuplicated'),
];

const PROBLEMS: readonly SubmissionProblem[] = [
  { kind: 'token' },
  { kind: 'permission' },
  { kind: 'mfa-required' },
  { kind: 'throttled' },
  { kind: 'service-unavailable' },
  { kind: 'network' },
  { kind: 'bad-response' },
  { kind: 'refused', status: 400, code: 'BadRequest' },
  { kind: 'still-processing', waitedMs: 15 * 60_000 },
  { kind: 'record-removed' },
  { kind: 'tag-not-set', currentTag: 'Old-Tag' },
  { kind: 'tag-not-set', currentTag: '' },
  { kind: 'tag-not-set' },
];

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('submission messages', () => {
  it('says which group tag a registered device still has when the chosen one could not be set', () => {
    const en = submissionProblemMessage({ kind: 'tag-not-set', currentTag: 'Old-Tag' }, 'en');
    expect(en.title).toContain('registered, but its group tag is still Old-Tag');
    expect(en.action).toContain('Intune');
    expect(submissionProblemMessage({ kind: 'tag-not-set', currentTag: 'Old-Tag' }, 'ja').title).toContain(
      'Old-Tag',
    );
    expect(tagSetOnRegisteredMessage('Microsoft365Managed_Autopilot', 'en').action).toContain(
      'set to Microsoft365Managed_Autopilot',
    );
  });

  it('has an example here for every outcome and problem kind', () => {
    expect(new Set(OUTCOMES.map((o) => o.kind))).toEqual(new Set(IMPORT_OUTCOME_KINDS));
    expect(new Set(PROBLEMS.map((p) => p.kind))).toEqual(new Set(SUBMISSION_PROBLEM_KINDS));
  });

  it('says what happened and what to do in both languages, in words', () => {
    for (const lang of LANGS) {
      for (const outcome of OUTCOMES) {
        const message = importOutcomeMessage(outcome, lang);
        expect(message.title.length, `${lang} ${outcome.kind}`).toBeGreaterThan(20);
        expect(message.action.length, `${lang} ${outcome.kind}`).toBeGreaterThan(10);
        expect(message.title).not.toMatch(/\b8\d\d\b/);
      }
      for (const problem of PROBLEMS) {
        const message = submissionProblemMessage(problem, lang);
        expect(message.title.length, `${lang} ${problem.kind}`).toBeGreaterThan(10);
        expect(message.action.length, `${lang} ${problem.kind}`).toBeGreaterThan(10);
      }
    }
  });

  it('writes the Japanese texts in Japanese', () => {
    for (const outcome of OUTCOMES) expect(importOutcomeMessage(outcome, 'ja').title).toMatch(JAPANESE);
    for (const problem of PROBLEMS) expect(submissionProblemMessage(problem, 'ja').action).toMatch(JAPANESE);
  });

  it('puts the service code in brackets as a reference, not in the text', () => {
    const message = importOutcomeMessage(mapImportError(808, undefined), 'en');
    expect(message.reference).toBe('[808 ZtdDeviceAssignedToOtherTenant]');
    expect(message.title).not.toContain('808');
  });

  it('explains 808 by who must release the device', () => {
    const en = importOutcomeMessage(mapImportError(808, undefined), 'en');
    expect(en.title).toContain('another organisation');
    expect(en.action).toMatch(/deregister/);
    expect(en.action).toMatch(/reseller/);
    const ja = importOutcomeMessage(mapImportError(808, undefined), 'ja');
    expect(ja.action).toContain('登録を解除');
  });

  it('says 806 needs nothing done', () => {
    expect(importOutcomeMessage(mapImportError(806, undefined), 'en').action).toMatch(/^Nothing to do/);
  });

  it('passes an import error through to the outcome message', () => {
    const outcome = mapImportError(802, undefined);
    if (outcome.kind === 'already-registered') throw new Error('unexpected');
    expect(submissionProblemMessage({ kind: 'import-error', outcome }, 'en')).toEqual(
      importOutcomeMessage(outcome, 'en'),
    );
  });

  it('gives the HTTP status of a refused request as its reference', () => {
    expect(
      submissionProblemMessage({ kind: 'refused', status: 400, code: 'BadRequest' }, 'en').reference,
    ).toBe('[HTTP 400 BadRequest]');
  });

  it('says how long a device that is still processing was waited for', () => {
    expect(
      submissionProblemMessage({ kind: 'still-processing', waitedMs: 15 * 60_000 }, 'ja').title,
    ).toContain('15 分');
  });
});
