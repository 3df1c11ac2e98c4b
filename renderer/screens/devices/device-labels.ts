/**
 * A device's fields in words, shared by the list and the details panel, so a state or a source reads the
 * same in both.
 */
import { escapeControls } from '../../../shared/control-characters';
import type { DeviceSummary, HistoryEntry } from '../../../shared/api/harvester-api';
import type { CsvFormat } from '../../../shared/csv/csv-writer';
import { assertNever } from '../../../shared/ledger/ledger-events';
import type { I18n } from '../../app/app-context';
import type { MessageKey } from '../../i18n/messages';
import type { DeviceState } from './device-filter';

export interface StateBadge {
  readonly label: MessageKey;
  readonly className: string;
}

/** The ledger state's badge (new, exported, deleted); see {@link deviceBadge} for what a list shows. */
export function stateBadge(state: DeviceState): StateBadge {
  switch (state) {
    case 'new':
      return { label: 'devices.state.new', className: 'badge badge-new' };
    case 'exported':
      return { label: 'devices.state.exported', className: 'badge badge-success' };
    case 'deleted':
      return { label: 'devices.state.deleted', className: 'badge badge-muted' };
    default:
      return assertNever(state);
  }
}

/**
 * What the State column shows: a direct submission says more than new/exported (being sent, registered,
 * or failed), except for a deleted device. A device some job registered stays registered even when a later
 * job failed for it.
 */
export function deviceBadge(device: Pick<DeviceSummary, 'state' | 'submission'>): StateBadge {
  const submission = device.submission;
  if (device.state === 'deleted' || submission === null) return stateBadge(device.state);
  switch (submission.state) {
    case 'pending':
    case 'imported':
      return { label: 'devices.state.sending', className: 'badge badge-new' };
    case 'registered':
    case 'already-registered':
      return { label: 'devices.state.registered', className: 'badge badge-success' };
    case 'failed':
      return submission.registered
        ? { label: 'devices.state.registered', className: 'badge badge-success' }
        : { label: 'devices.state.submitFailed', className: 'badge badge-danger' };
    default:
      return assertNever(submission.state);
  }
}

export function formatName(i18n: I18n, format: CsvFormat): string {
  switch (format) {
    case 'partner-center':
      return i18n.t('devices.format.partnerCenter');
    case 'intune':
      return i18n.t('devices.format.intune');
    default:
      return assertNever(format);
  }
}

/** "Collected on DESKTOP-1" / "Imported from devices.csv, line 12". */
export function sourceText(i18n: I18n, source: DeviceSummary['source']): string {
  switch (source.kind) {
    // A computer or file name comes from outside: its control and bidi characters are shown escaped.
    case 'collected':
      return i18n.t('devices.source.collected', { computer: escapeControls(source.computerName) });
    case 'imported':
      return i18n.t('devices.source.imported', { file: escapeControls(source.file), line: source.line });
    default:
      return assertNever(source);
  }
}

/** An empty tag means the default tag is used on export. */
export function tagText(i18n: I18n, tag: string): string {
  // Control and bidi characters shown escaped: a U+202E in a tag must not turn the text around.
  return tag === '' ? i18n.t('devices.tag.default') : escapeControls(tag);
}

/** The last export: date and format, or "Not yet". */
export function lastExportText(i18n: I18n, exports: DeviceSummary['exports']): string {
  const last = exports.at(-1);
  if (last === undefined) return i18n.t('devices.exported.never');
  return i18n.t('devices.exported.at', {
    date: i18n.dateTime(last.at),
    format: formatName(i18n, last.format),
  });
}

export interface HistoryText {
  readonly what: string;
  readonly detail: string | null;
}

/** One history entry in words: what happened and, where there is one, from where or to which file. */
export function historyText(i18n: I18n, entry: HistoryEntry): HistoryText {
  switch (entry.type) {
    case 'device-added':
      return { what: i18n.t('devices.history.added'), detail: sourceText(i18n, entry.source) };
    case 'device-seen':
      return { what: i18n.t('devices.history.seen'), detail: sourceText(i18n, entry.source) };
    case 'device-replaced':
      return { what: i18n.t('devices.history.replaced'), detail: sourceText(i18n, entry.source) };
    case 'devices-exported':
      return {
        what: i18n.t('devices.history.exported'),
        detail: i18n.t('devices.history.exportDetail', {
          file: escapeControls(entry.file),
          format: formatName(i18n, entry.format),
          tag: tagText(i18n, entry.groupTag),
        }),
      };
    case 'group-tag-set':
      return {
        what: i18n.t('devices.history.tagSet'),
        detail: i18n.t('devices.history.tagSetDetail', {
          from: tagText(i18n, entry.from),
          to: tagText(i18n, entry.groupTag),
        }),
      };
    case 'devices-deleted':
      return { what: i18n.t('devices.history.deleted'), detail: null };
    case 'devices-restored':
      return { what: i18n.t('devices.history.restored'), detail: null };
    default:
      return assertNever(entry);
  }
}
