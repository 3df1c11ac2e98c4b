/**
 * Submission facts in words, shared by the progress and the history: the service's name, a device's state
 * badge, the counts as one sentence ("18 registered, 1 already registered, 1 failed"), and the time left of
 * a sign-in code. Pure (no React).
 */
import type {
  SubmissionJobDevice,
  SubmissionJobSummary,
  SubmissionService,
} from '../../../shared/api/harvester-api';
import { assertNever } from '../../../shared/ledger/ledger-events';
import type { I18n } from '../../app/app-context';
import type { MessageKey } from '../../i18n/messages';

export function serviceName(i18n: I18n, service: SubmissionService): string {
  return i18n.t(`submit.serviceName.${service}`);
}

export interface Badge {
  readonly label: MessageKey;
  readonly className: string;
}

export function deviceStateBadge(state: SubmissionJobDevice['state']): Badge {
  switch (state) {
    case 'pending':
      return { label: 'submit.state.pending', className: 'badge badge-muted' };
    case 'imported':
      return { label: 'submit.state.imported', className: 'badge badge-new' };
    case 'registered':
      return { label: 'submit.state.registered', className: 'badge badge-success' };
    case 'already-registered':
      return { label: 'submit.state.already-registered', className: 'badge badge-success' };
    case 'failed':
      return { label: 'submit.state.failed', className: 'badge badge-danger' };
    default:
      return assertNever(state);
  }
}

export type JobCounts = SubmissionJobSummary['counts'];

/** Devices that reached a final state. */
export function finishedCount(counts: JobCounts): number {
  return counts.registered + counts.alreadyRegistered + counts.failed;
}

/** "18 registered, 1 already registered, 1 failed": the counts that are not zero, in this order. */
export function summaryText(i18n: I18n, counts: JobCounts): string {
  const parts: string[] = [];
  if (counts.registered > 0) parts.push(i18n.plural('submit.job.summary.registered', counts.registered));
  if (counts.alreadyRegistered > 0)
    parts.push(i18n.plural('submit.job.summary.alreadyRegistered', counts.alreadyRegistered));
  if (counts.failed > 0) parts.push(i18n.plural('submit.job.summary.failed', counts.failed));
  if (counts.pending > 0) parts.push(i18n.plural('submit.job.summary.pending', counts.pending));
  if (parts.length === 0) return i18n.plural('submit.job.summary.registered', 0);
  return parts.join(i18n.t('submit.job.summary.separator'));
}

/**
 * The services end a failure's explanation with the code in brackets (`… [808 ZtdDeviceAssignedToOther
 * Tenant]`): the words are for the technician, the code goes under them in small print, for support.
 */
export function splitSupportCode(
  message: string | null,
  errorCode: string | null,
): { text: string | null; code: string | null } {
  if (message === null) return { text: null, code: errorCode };
  const bracket = /^([\s\S]*?)\s*\[([^\]]+)\]\s*$/.exec(message);
  if (bracket !== null && (errorCode === null || bracket[2]!.includes(errorCode))) {
    return { text: bracket[1]!, code: bracket[2]! };
  }
  return { text: message, code: errorCode };
}

export type JobPhase = 'running' | 'finished' | 'interrupted';

/** Finished, running now, or unfinished without running (the app stopped): resume it. */
export function jobPhase(job: Pick<SubmissionJobSummary, 'running' | 'finishedAt'>): JobPhase {
  if (job.finishedAt !== null) return 'finished';
  return job.running ? 'running' : 'interrupted';
}

/** "14 min 32 s" / "14 分 32 秒"; `null` once the time is up. */
export function timeLeftText(i18n: I18n, expiresAt: string, now: number): string | null {
  const end = new Date(expiresAt).getTime();
  if (Number.isNaN(end)) return null;
  const seconds = Math.floor((end - now) / 1000);
  if (seconds <= 0) return null;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return i18n.t('submit.signIn.seconds', { seconds: rest });
  return i18n.t('submit.signIn.minutesSeconds', { minutes, seconds: rest });
}

/**
 * A text as blocks: paragraphs (line breaks kept), numbered steps (a paragraph whose every line starts with
 * `1.`, `2.`...: `items` without the numbers) and code blocks (a JSON example such as auth.json).
 */
export type TextBlock =
  | { readonly kind: 'paragraph' | 'code'; readonly text: string }
  | { readonly kind: 'steps'; readonly text: string; readonly items: readonly string[] };

/**
 * The setup guide the services send is plain text: paragraphs separated by blank lines, with an example
 * `auth.json` among them. Lines from one starting with `{` to the one closing it are code.
 */
export function textBlocks(text: string): readonly TextBlock[] {
  const blocks: TextBlock[] = [];
  let lines: string[] = [];
  let kind: 'paragraph' | 'code' = 'paragraph';
  let depth = 0;
  const flush = (): void => {
    const body = kind === 'code' ? lines.join('\n') : lines.join('\n').trim();
    const steps = lines.map((line) => /^\s*\d+[.)]\s+(.*)$/.exec(line)?.[1]);
    if (body.trim() !== '') {
      blocks.push(
        kind === 'paragraph' && steps.every((step) => step !== undefined)
          ? { kind: 'steps', text: body, items: steps as string[] }
          : { kind, text: body },
      );
    }
    lines = [];
    kind = 'paragraph';
  };
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (kind === 'code') {
      lines.push(line);
      depth += count(trimmed, '{') - count(trimmed, '}');
      if (depth <= 0) flush();
      continue;
    }
    if (trimmed.startsWith('{')) {
      flush();
      kind = 'code';
      lines.push(line);
      depth = count(trimmed, '{') - count(trimmed, '}');
      if (depth <= 0) flush();
      continue;
    }
    if (trimmed === '') {
      flush();
      continue;
    }
    lines.push(line);
  }
  flush();
  return blocks;
}

function count(text: string, character: string): number {
  return text.split(character).length - 1;
}

/** The QR code's SVG markup as an image address: shown by `<img>`, so no markup enters the page. */
export function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}
