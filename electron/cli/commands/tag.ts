/** `harvester tag check TAG` and `harvester tag list`. */
import { z } from 'zod';
import type { GroupTagCheck } from '../../../shared/group-tag';
import { KNOWN_GROUP_TAGS, checkGroupTag, resolveGroupTag } from '../../../shared/group-tag';
import { reasonsText } from '../../../shared/i18n/diagnostic-messages';
import { groupTagDescription } from '../../../shared/i18n/group-tag-names';
import { EXIT, UsageError } from '../cli-io';
import type { CliContext } from '../main';
import { json, table } from '../output';

const TagOptions = z.object({ json: z.boolean().default(false) });

/** Exit 0 for a known tag; 1 for a near miss, a custom or an invalid tag. */
export function runTagCheck(context: CliContext, input: string, raw: unknown): number {
  const options = TagOptions.parse(raw);
  const check = checkGroupTag(input);
  if (options.json) context.io.stdout(json(checkJson(check)));
  else context.io.stdout(describeCheck(context, check) + '\n');
  return check.kind === 'known' ? EXIT.ok : EXIT.failed;
}

export function runTagList(context: CliContext, raw: unknown): number {
  const options = TagOptions.parse(raw);
  if (options.json) {
    context.io.stdout(
      json({ tags: KNOWN_GROUP_TAGS.map((t) => ({ tag: t.tag, profile: t.profile, shared: t.shared })) }),
    );
  } else {
    context.io.stdout(
      table(KNOWN_GROUP_TAGS.map((t) => [t.tag, groupTagDescription(t.tag, context.lang) ?? t.profile])) +
        '\n',
    );
  }
  return EXIT.ok;
}

/**
 * The tag a command may use for `--tag`: a known tag, or a custom one only with `--allow-custom-tag`.
 * Anything else is a usage error that names the intended tag.
 */
export function chosenTag(context: CliContext, input: string, allowCustom: boolean): string {
  const decision = resolveGroupTag(input, { allowCustom });
  if (decision.ok) return decision.tag;
  const check = decision.check;
  if (check.kind === 'custom') throw new UsageError(context.text.tagCustomNeedsFlag({ tag: check.tag }));
  throw new UsageError(describeCheck(context, check));
}

function describeCheck({ text, lang }: CliContext, check: GroupTagCheck): string {
  switch (check.kind) {
    case 'known':
      return text.tagKnown({ tag: check.tag, profile: groupTagDescription(check.tag, lang) ?? '' });
    case 'near-miss':
      return text.tagNearMiss({
        input: check.input,
        suggestion: check.suggestion,
        reasons: reasonsText(lang, check.reasons.join(' ')),
      });
    case 'custom':
      return text.tagCustom({ tag: check.tag });
    case 'invalid':
      return text.tagInvalid({
        input: check.input,
        problem: text.tagProblems[check.problem.kind] ?? check.problem.kind,
      });
  }
}

function checkJson(check: GroupTagCheck) {
  switch (check.kind) {
    case 'known':
      return { kind: 'known', tag: check.tag };
    case 'near-miss':
      return { kind: 'near-miss', input: check.input, suggestion: check.suggestion, reasons: check.reasons };
    case 'custom':
      return { kind: 'custom', tag: check.tag };
    case 'invalid':
      return { kind: 'invalid', input: check.input, problem: check.problem };
  }
}
