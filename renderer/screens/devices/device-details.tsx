/**
 * One device's hash on demand: a modal side panel with whether the hash verifies, what it contains, the
 * device's history and the hash text to copy. Focus stays inside while it is open; Escape closes it and
 * focus goes back to the row it was opened from.
 */
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import type { DeviceSummary, HashDetails, HistoryEntry } from '../../../shared/api/harvester-api';
import type { I18n } from '../../app/app-context';
import { escapeControls as shownText } from '../../../shared/control-characters';
import { CopyButton } from '../../components/copy-button';
import { TagText, isTagProblem, tagStatusLabel, tagStatusText } from '../../components/tag-status';
import { historyText, lastExportText, sourceText, deviceBadge, tagText } from './device-labels';
import type { DetailsState, FoundDetails } from './devices-store';

const TABBABLE =
  'a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), summary, [tabindex]:not([tabindex="-1"])';

export interface DeviceDetailsProps {
  readonly i18n: I18n;
  readonly details: Exclude<DetailsState, { kind: 'closed' }>;
  /** The device as the list shows it, while the details load. */
  readonly device: DeviceSummary | undefined;
  readonly onClose: () => void;
  readonly onRetry: () => void;
  /** A change to the ledger is on its way (the correction button waits). */
  readonly busy: boolean;
  /** The tag a correction just set, to say so in the panel; `null` when none was made. */
  readonly correctedTag: string | null;
  /** Sets the device's own tag to the suggested known tag (recorded in its history). */
  readonly onCorrectTag: (id: string, tag: string) => void;
}

export function DeviceDetails(props: DeviceDetailsProps): ReactNode {
  const { i18n, details, onClose } = props;
  const { t } = i18n;
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // While open, everything else in the window is inert (aria-modal alone leaves it reachable to a screen
  // reader's browse mode and the mouse). Focus moves in on opening and back to the opener's row on closing.
  const backdrop = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const madeInert = backdrop.current === null ? [] : makeOthersInert(backdrop.current);
    heading.current?.focus();
    return () => {
      for (const element of madeInert) element.removeAttribute('inert');
      const row = opener?.closest<HTMLElement>('[role="row"]') ?? opener;
      if (row?.isConnected === true) row.focus({ preventScroll: true });
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || panel.current === null) return;
    const tabbables = [...panel.current.querySelectorAll<HTMLElement>(TABBABLE)];
    const first = tabbables[0];
    const last = tabbables.at(-1);
    if (first === undefined || last === undefined) {
      event.preventDefault();
      return;
    }
    const at = tabbables.indexOf(document.activeElement as HTMLElement);
    if (event.shiftKey && at <= 0) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (at === -1 || at === tabbables.length - 1)) {
      event.preventDefault();
      first.focus();
    }
  };

  const serial = details.kind === 'found' ? details.answer.device.serial : props.device?.serial;
  return (
    <div className="device-details-backdrop" ref={backdrop} onMouseDown={onClose}>
      <div
        ref={panel}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className="device-details"
        onKeyDown={onKeyDown}
        onMouseDown={(event) => event.stopPropagation()}
      >
        <div className="device-details-header">
          <h2 id={titleId} ref={heading} tabIndex={-1} className="device-details-title">
            {t('devices.details.title')}
            {serial === undefined ? null : <span className="device-details-serial">{shownText(serial)}</span>}
          </h2>
          <button type="button" className="btn" onClick={onClose}>
            {t('action.close')}
          </button>
        </div>
        <DetailsBody {...props} />
      </div>
    </div>
  );
}

/** Sets `inert` on every element beside `element` and its ancestors up to the body; returns them. */
function makeOthersInert(element: HTMLElement): HTMLElement[] {
  const made: HTMLElement[] = [];
  for (
    let node: HTMLElement | null = element;
    node !== null && node !== document.body;
    node = node.parentElement
  ) {
    const parent: HTMLElement | null = node.parentElement;
    if (parent === null) break;
    for (const sibling of Array.from(parent.children)) {
      if (sibling === node || !(sibling instanceof HTMLElement) || sibling.hasAttribute('inert')) continue;
      sibling.setAttribute('inert', '');
      made.push(sibling);
    }
  }
  return made;
}

function DetailsBody(props: DeviceDetailsProps): ReactNode {
  const { i18n, details } = props;
  const { t } = i18n;
  switch (details.kind) {
    case 'loading':
      return (
        <p role="status" className="muted">
          {t('devices.details.loading')}
        </p>
      );
    case 'not-found':
      return (
        <div className="alert alert-warning" role="alert">
          <p>{t('devices.details.notFound')}</p>
        </div>
      );
    case 'failed':
      return (
        <div className="alert alert-error" role="alert">
          <p>{t(details.failure.messageKey)}</p>
          <button type="button" className="btn" onClick={props.onRetry}>
            {t('action.retry')}
          </button>
        </div>
      );
    case 'found':
      return (
        <FoundBody
          i18n={i18n}
          answer={details.answer}
          busy={props.busy}
          correctedTag={props.correctedTag}
          onCorrectTag={props.onCorrectTag}
        />
      );
  }
}

function FoundBody(props: {
  i18n: I18n;
  answer: FoundDetails;
  busy: boolean;
  correctedTag: string | null;
  onCorrectTag: (id: string, tag: string) => void;
}): ReactNode {
  const { i18n, answer } = props;
  const { t } = i18n;
  const device = answer.device;
  const badge = deviceBadge(device);
  const tagProblem = isTagProblem(device.tagStatus);
  return (
    <>
      {answer.verification.kind === 'verified' ? (
        <div className="alert alert-success device-verification">
          <p className="alert-title">{t('devices.details.verified')}</p>
          <p>{t(tagProblem ? 'devices.details.verifiedTagProblem' : 'devices.details.verifiedBody')}</p>
          {answer.decoded?.repadded === true ? <p>{t('devices.details.repadded')}</p> : null}
        </div>
      ) : (
        <div className="alert alert-error device-verification">
          <p className="alert-title">{t('devices.details.verifyFailed')}</p>
          <p>{shownText(answer.verification.message)}</p>
        </div>
      )}

      {tagProblem ? (
        <TagProblem
          i18n={i18n}
          device={device}
          busy={props.busy}
          onCorrect={(tag) => props.onCorrectTag(device.id, tag)}
        />
      ) : props.correctedTag !== null && device.groupTag === props.correctedTag ? (
        <p role="status" className="device-tag-corrected">
          {t('devices.notice.tagCorrected', { tag: props.correctedTag })}
        </p>
      ) : null}

      <section className="device-details-section" aria-labelledby="device-details-device">
        <h3 id="device-details-device">{t('devices.details.device')}</h3>
        <dl className="definition-list">
          <dt>{t('devices.col.state')}</dt>
          <dd>
            <span className={badge.className}>{t(badge.label)}</span>
          </dd>
          <dt>{t('devices.col.groupTag')}</dt>
          <dd className={tagProblem ? 'device-tag device-tag-problem' : 'device-tag'}>
            {device.groupTag === '' ? tagText(i18n, '') : <TagText tag={tagText(i18n, device.groupTag)} />}
          </dd>
          <dt>{t('devices.col.source')}</dt>
          <dd>{sourceText(i18n, device.source)}</dd>
          <dt>{t('devices.col.added')}</dt>
          <dd>{i18n.dateTime(device.addedAt)}</dd>
          <dt>{t('devices.col.exported')}</dt>
          <dd>{lastExportText(i18n, device.exports)}</dd>
        </dl>
      </section>

      <section className="device-details-section" aria-labelledby="device-details-decoded">
        <h3 id="device-details-decoded">{t('devices.details.decoded')}</h3>
        {answer.decoded === null ? (
          <p className="muted">{t('devices.details.notDecodable')}</p>
        ) : (
          <DecodedFields i18n={i18n} decoded={answer.decoded} />
        )}
      </section>

      <section className="device-details-section" aria-labelledby="device-details-history">
        <h3 id="device-details-history">{t('devices.history.title')}</h3>
        <History i18n={i18n} history={answer.history} />
      </section>

      <HashText i18n={i18n} hash={answer.hash} />
    </>
  );
}

/** What is wrong with the device's own tag, and the one-click correction when a known tag was meant. */
function TagProblem(props: {
  i18n: I18n;
  device: FoundDetails['device'];
  busy: boolean;
  onCorrect: (tag: string) => void;
}): ReactNode {
  const { i18n, device } = props;
  const { t } = i18n;
  const status = device.tagStatus;
  const label = tagStatusLabel(i18n, status);
  return (
    <div className="alert alert-warning device-tag-alert">
      <p className="alert-title">
        {label}: <span className="mono device-tag">{<TagText tag={tagText(i18n, device.groupTag)} />}</span>
      </p>
      <p>{tagStatusText(i18n, status)}</p>
      {status.kind === 'near-miss' ? (
        <button
          type="button"
          className="btn btn-primary device-tag-correct"
          disabled={props.busy}
          onClick={() => props.onCorrect(status.suggestion)}
        >
          {props.busy ? t('tagStatus.correcting') : t('tagStatus.correct', { suggestion: status.suggestion })}
        </button>
      ) : null}
    </div>
  );
}

function DecodedFields(props: { i18n: I18n; decoded: HashDetails }): ReactNode {
  const { i18n, decoded } = props;
  const { t } = i18n;
  const value = (text: string | null): ReactNode =>
    text === null || text === '' ? (
      <span className="muted">{t('devices.field.absent')}</span>
    ) : (
      shownText(text)
    );
  const list = (items: readonly string[]): ReactNode =>
    items.length === 0 ? (
      <span className="muted">{t('devices.field.none')}</span>
    ) : (
      <ul className="device-details-values">
        {items.map((item, i) => (
          <li key={i} className="mono">
            {shownText(item)}
          </li>
        ))}
      </ul>
    );
  return (
    <>
      <dl className="definition-list">
        <dt>{t('devices.col.serial')}</dt>
        <dd>{value(decoded.serial)}</dd>
        <dt>{t('devices.col.manufacturer')}</dt>
        <dd>{value(decoded.manufacturer)}</dd>
        <dt>{t('devices.col.model')}</dt>
        <dd>{value(decoded.model)}</dd>
        <dt>{t('devices.field.sku')}</dt>
        <dd>{value(decoded.sku)}</dd>
        <dt>{t('devices.field.family')}</dt>
        <dd>{value(decoded.family)}</dd>
        <dt>{t('devices.field.productKeyId')}</dt>
        <dd>{value(decoded.productKeyId)}</dd>
        <dt>{t('devices.field.smbiosUuid')}</dt>
        <dd className="mono">{value(decoded.smbiosUuid)}</dd>
        <dt>{t('devices.field.tpmVersion')}</dt>
        <dd>{value(decoded.tpmVersion)}</dd>
        <dt>{t('devices.field.tpmEndorsementKey')}</dt>
        <dd>
          {decoded.tpmEndorsementKey === null ? (
            <span className="muted">{t('devices.field.absent')}</span>
          ) : (
            t('devices.field.present')
          )}
        </dd>
        <dt>{t('devices.field.networkAdapters')}</dt>
        <dd>{list(decoded.networkAdapters.map((adapter) => adapter.mac))}</dd>
        <dt>{t('devices.field.diskSerials')}</dt>
        <dd>{list(decoded.diskSerials)}</dd>
        <dt>{t('devices.field.osBuild')}</dt>
        <dd>{value(decoded.osBuild)}</dd>
        <dt>{t('devices.field.toolBuild')}</dt>
        <dd>{value(decoded.toolBuild)}</dd>
        <dt>{t('devices.field.size')}</dt>
        <dd>
          {t('devices.field.sizeValue', { bytes: decoded.byteLength, inventory: decoded.inventoryLength })}
        </dd>
      </dl>
      <details className="device-records">
        <summary>{i18n.plural('devices.records.summary', decoded.records.length)}</summary>
        <table className="device-records-table">
          <thead>
            <tr>
              <th scope="col">{t('devices.records.type')}</th>
              <th scope="col">{t('devices.records.name')}</th>
              <th scope="col">{t('devices.records.offset')}</th>
              <th scope="col">{t('devices.records.length')}</th>
            </tr>
          </thead>
          <tbody>
            {decoded.records.map((record) => (
              <tr key={record.offset}>
                <td>{record.type}</td>
                <td lang={record.name === null ? undefined : 'en'}>
                  {record.name ?? <span className="muted">{t('devices.records.undocumented')}</span>}
                </td>
                <td>{i18n.number(record.offset)}</td>
                <td>{i18n.number(record.length)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}

function History(props: { i18n: I18n; history: readonly HistoryEntry[] }): ReactNode {
  const { i18n, history } = props;
  if (history.length === 0) return <p className="muted">{i18n.t('devices.history.empty')}</p>;
  return (
    <ol className="device-history">
      {history.map((entry, i) => {
        const text = historyText(i18n, entry);
        return (
          <li key={i}>
            <time dateTime={entry.at} className="device-history-at">
              {i18n.dateTime(entry.at)}
            </time>
            <span className="device-history-what">{text.what}</span>
            {text.detail === null ? null : <span className="device-history-detail">{text.detail}</span>}
          </li>
        );
      })}
    </ol>
  );
}

function HashText(props: { i18n: I18n; hash: string }): ReactNode {
  const { i18n, hash } = props;
  const { t } = i18n;
  const id = useId();
  const box = useRef<HTMLTextAreaElement>(null);

  return (
    <section className="device-details-section">
      <h3>
        <label htmlFor={id}>{t('devices.hash.title')}</label>
      </h3>
      <textarea id={id} ref={box} className="device-hash" readOnly value={hash} rows={6} spellCheck={false} />
      <div className="device-hash-actions">
        <CopyButton
          text={hash}
          shown={box}
          labels={{
            copy: t('devices.hash.copy'),
            copied: t('devices.hash.copied'),
            manual: t('devices.hash.copyManually'),
          }}
        />
      </div>
    </section>
  );
}
