/**
 * The submission being shown: live counts and a progress bar while it runs, every device with its state and,
 * for a failure, what happened and what to do (the service's code in small print for support); when it has
 * finished, one summary sentence and "Retry failed".
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { SubmissionJobDevice, SubmissionSync } from '../../../shared/api/harvester-api';
import { useFeatureState, useFeatureStoreApi, useI18n, type I18n } from '../../app/app-context';
import {
  deviceStateBadge,
  finishedCount,
  jobPhase,
  serviceName,
  splitSupportCode,
  summaryText,
  type JobCounts,
} from './submit-labels';
import { submitStoreFactory, type JobAnswer } from './submit-store';

export function JobProgress(): ReactNode {
  const i18n = useI18n();
  const titleId = useId();
  const job = useFeatureState(submitStoreFactory, (s) => s.job);
  const lostContact = useFeatureState(submitStoreFactory, (s) => s.jobLostContact);
  const store = useFeatureStoreApi(submitStoreFactory);
  const region = useRef<HTMLElement>(null);
  // A job newly shown (just started, or chosen in the history) takes focus, so keyboard users continue there.
  const shownId = job?.jobId ?? null;
  const seen = useRef(shownId);
  useEffect(() => {
    if (shownId !== null && shownId !== seen.current) region.current?.focus({ preventScroll: false });
    seen.current = shownId;
  }, [shownId]);
  if (job === null) return null;
  return (
    <section className="card submit-job" aria-labelledby={titleId} ref={region} tabIndex={-1}>
      <h2 id={titleId} className="submit-card-title">
        {i18n.t('submit.job.title')}
      </h2>
      {job.kind === 'loading' ? (
        <p role="status">{i18n.t('submit.job.loading')}</p>
      ) : job.kind === 'not-found' ? (
        <div className="alert alert-error" role="alert">
          <p>{i18n.t('submit.outcome.jobNotFound')}</p>
        </div>
      ) : job.kind === 'error' ? (
        <>
          {/* Text only in the alert; the button follows it. */}
          <div className="alert alert-error" role="alert">
            <p className="alert-title">{i18n.t('submit.job.loadFailed')}</p>
            <p>{i18n.t(job.failure.messageKey)}</p>
          </div>
          <p className="submit-job-actions">
            <button type="button" className="btn" onClick={() => void store.getState().showJob(job.jobId)}>
              {i18n.t('action.retry')}
            </button>
          </p>
        </>
      ) : (
        <>
          {/* In the page before it speaks: a live region added with its text is often not read out. */}
          <p role="status" className="submit-job-contact">
            {lostContact ? i18n.t('submit.job.lostContact') : ''}
          </p>
          <JobView key={job.jobId} i18n={i18n} answer={job.answer} lang={job.lang} />
        </>
      )}
    </section>
  );
}

function JobView(props: { i18n: I18n; answer: JobAnswer; lang: string }): ReactNode {
  const { i18n, answer } = props;
  const { job } = answer;
  const store = useFeatureStoreApi(submitStoreFactory);
  const sending = useFeatureState(submitStoreFactory, (s) => s.sending);
  const phase = jobPhase(job);
  const done = finishedCount(job.counts);
  const progress = i18n.plural('submit.job.progress', job.counts.devices, { done });
  const summary = summaryText(i18n, job.counts);
  // While it runs, the sentence moves at most every few seconds (a screen reader would otherwise read every
  // poll); the counts and the bar below move with every answer. The end is said at once.
  const statusText = useCalmText(
    phase === 'running'
      ? i18n.t('submit.job.sending', { progress })
      : phase === 'finished'
        ? i18n.t('submit.job.finished', { summary })
        : i18n.t('submit.job.interrupted', { summary }),
    phase !== 'running',
  );
  const retryJob = (): void => {
    if (!sending) void store.getState().retry(job.id);
  };
  return (
    <>
      <p className="submit-job-about">
        {i18n.t('submit.job.about', {
          date: i18n.dateTime(job.startedAt),
          service: serviceName(i18n, job.service),
          tag: job.groupTag,
        })}
        {job.customerTenantId !== null ? (
          <>
            {' · '}
            {i18n.t('submit.job.customer', { id: job.customerTenantId })}
          </>
        ) : null}
      </p>
      {/* Text only; the buttons are outside the live region. */}
      <p role="status" className="submit-job-status">
        {statusText}
      </p>
      <div
        className="submit-progress"
        role="progressbar"
        aria-label={i18n.t('submit.job.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={job.counts.devices}
        aria-valuenow={done}
        aria-valuetext={progress}
      >
        {/* Registered (either way) in green, failed in red: what the counts below say, at a glance. */}
        <div
          className="submit-progress-bar"
          style={{ width: share(job.counts.registered + job.counts.alreadyRegistered, job.counts.devices) }}
        />
        <div
          className="submit-progress-bar is-failed"
          style={{ width: share(job.counts.failed, job.counts.devices) }}
        />
      </div>
      <Counts i18n={i18n} counts={job.counts} />
      {answer.stopped !== null ? (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">{i18n.t('submit.job.stoppedTitle')}</p>
          <p lang={props.lang}>{answer.stopped}</p>
        </div>
      ) : null}
      {phase === 'finished' && job.counts.failed > 0 ? (
        <div className="alert alert-warning" role="alert">
          <p>{i18n.plural('submit.job.failedNote', job.counts.failed)}</p>
        </div>
      ) : null}
      {phase === 'finished' && job.counts.failed > 0 ? (
        <p className="submit-job-actions">
          <button
            type="button"
            className="btn btn-primary"
            aria-disabled={sending || undefined}
            onClick={retryJob}
          >
            {i18n.plural('submit.job.retryFailed', job.counts.failed)}
          </button>
        </p>
      ) : null}
      {phase === 'interrupted' ? (
        <p className="submit-job-actions">
          <button
            type="button"
            className="btn btn-primary"
            aria-disabled={sending || undefined}
            onClick={retryJob}
          >
            {i18n.t('submit.job.resume')}
          </button>
        </p>
      ) : null}
      {answer.sync !== null ? <SyncView i18n={i18n} sync={answer.sync} tag={job.groupTag} /> : null}
      <DeviceTable i18n={i18n} devices={answer.devices} lang={props.lang} />
    </>
  );
}

/** The Autopilot sync after the job: how the request went, then each registered device as it shows up. */
function SyncView(props: { i18n: I18n; sync: SubmissionSync; tag: string }): ReactNode {
  const { i18n, sync, tag } = props;
  const titleId = useId();
  const shown = sync.devices.filter((d) => d.state === 'shown').length;
  const status =
    sync.phase === 'waiting-for-job'
      ? i18n.t('submit.sync.afterJob')
      : sync.phase === 'requesting'
        ? i18n.t('submit.sync.requesting')
        : sync.trigger === 'nothing'
          ? i18n.t('submit.sync.nothing')
          : `${sync.trigger !== null ? i18n.t(`submit.sync.trigger.${sync.trigger}`) : ''} ${
              sync.phase === 'waiting'
                ? i18n.t('submit.sync.waiting', {
                    shown,
                    count: sync.devices.length,
                    tag,
                    minutes: sync.waitMinutes,
                  })
                : i18n.t('submit.sync.done', { shown, count: sync.devices.length, tag })
            }`.trim();
  const calm = useCalmText(status, sync.phase === 'done');
  return (
    <section className="submit-sync" aria-labelledby={titleId}>
      <h3 id={titleId} className="submit-sync-title">
        {i18n.t('submit.sync.title')}
      </h3>
      <p role="status" className="submit-sync-status">
        {calm}
      </p>
      {sync.devices.length > 0 ? (
        <ul className="submit-sync-devices">
          {sync.devices.map((d) => (
            <li key={d.serial} className={`submit-sync-device is-${d.state}`}>
              <span className="submit-serial">{d.serial}</span>
              <span>
                {d.state === 'other-tag'
                  ? i18n.t('submit.sync.device.other-tag', { seen: d.seenTag ?? '', tag })
                  : d.state === 'not-shown'
                    ? i18n.t('submit.sync.device.not-shown', { minutes: sync.waitMinutes })
                    : i18n.t(`submit.sync.device.${d.state}`, { tag })}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function DeviceMessage(props: { device: SubmissionJobDevice; lang: string }): ReactNode {
  const { device } = props;
  const i18n = useI18n();
  const { text, code } = splitSupportCode(device.message, device.errorCode);
  const routine = device.state === 'registered' || device.state === 'pending';
  return (
    <>
      {text !== null ? (
        <span className={routine ? 'submit-device-message muted' : 'submit-device-message'} lang={props.lang}>
          {text}
        </span>
      ) : null}
      {code !== null ? (
        <span className="submit-error-code">{i18n.t('submit.job.code', { code })}</span>
      ) : null}
    </>
  );
}

/** How often a running job's status sentence may change. */
export const STATUS_SENTENCE_MS = 5_000;

/** `text`, changing at most every {@link STATUS_SENTENCE_MS} unless `now` is set. */
function useCalmText(text: string, now: boolean): string {
  const [shown, setShown] = useState(text);
  /** When the sentence last changed (from when it was first shown). */
  const last = useRef(0);
  useEffect(() => {
    last.current = Date.now();
  }, []);
  useEffect(() => {
    if (text === shown) return;
    const wait = now ? 0 : Math.max(0, last.current + STATUS_SENTENCE_MS - Date.now());
    const timer = setTimeout(() => {
      last.current = Date.now();
      setShown(text);
    }, wait);
    return () => clearTimeout(timer);
  }, [text, shown, now]);
  return shown;
}

function share(part: number, whole: number): string {
  return `${whole === 0 ? 0 : (part / whole) * 100}%`;
}

function Counts(props: { i18n: I18n; counts: JobCounts }): ReactNode {
  const { i18n, counts } = props;
  const items: { key: string; label: string; value: number; className: string }[] = [
    {
      key: 'registered',
      label: i18n.t('submit.job.count.registered'),
      value: counts.registered,
      className: 'is-success',
    },
    {
      key: 'already',
      label: i18n.t('submit.job.count.alreadyRegistered'),
      value: counts.alreadyRegistered,
      className: 'is-success',
    },
    {
      key: 'failed',
      label: i18n.t('submit.job.count.failed'),
      value: counts.failed,
      className: counts.failed > 0 ? 'is-danger' : '',
    },
    { key: 'pending', label: i18n.t('submit.job.count.notFinished'), value: counts.pending, className: '' },
  ];
  return (
    <dl className="submit-counts">
      {items.map((item) => (
        <div key={item.key} className={`submit-count ${item.className}`}>
          <dt>{item.label}</dt>
          <dd>{i18n.number(item.value)}</dd>
        </div>
      ))}
    </dl>
  );
}

function DeviceTable(props: {
  i18n: I18n;
  devices: readonly SubmissionJobDevice[];
  lang: string;
}): ReactNode {
  const { i18n, devices } = props;
  const captionId = useId();
  if (devices.length === 0) return null;
  return (
    <div className="submit-table-wrap">
      <table className="submit-table" aria-labelledby={captionId}>
        <caption id={captionId} className="submit-caption">
          {i18n.t('submit.job.devices')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{i18n.t('submit.job.col.serial')}</th>
            <th scope="col">{i18n.t('submit.job.col.state')}</th>
            <th scope="col">{i18n.t('submit.job.col.message')}</th>
          </tr>
        </thead>
        <tbody>
          {devices.map((device) => {
            const badge = deviceStateBadge(device.state);
            return (
              <tr key={device.deviceId} className={device.state === 'failed' ? 'is-failed' : undefined}>
                <th scope="row" className="submit-serial">
                  {device.serial}
                </th>
                <td>
                  <span className={badge.className}>{i18n.t(badge.label)}</span>
                </td>
                <td>
                  <DeviceMessage device={device} lang={props.lang} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
