/**
 * Every submission from this ledger, newest first: when, where to, which tag, how it went, and its state.
 * One is shown with its devices above; an interrupted one can be resumed, a finished one with failures
 * retried.
 */
import { useId, type ReactNode } from 'react';
import { useFeatureState, useFeatureStoreApi, useI18n } from '../../app/app-context';
import { jobPhase, serviceName, summaryText, type JobPhase } from './submit-labels';
import { submitStoreFactory } from './submit-store';

const PHASE_BADGE: Readonly<Record<JobPhase, string>> = {
  finished: 'badge badge-success',
  running: 'badge badge-new',
  interrupted: 'badge badge-warning',
};

export function JobHistory(): ReactNode {
  const i18n = useI18n();
  const titleId = useId();
  const store = useFeatureStoreApi(submitStoreFactory);
  const jobs = useFeatureState(submitStoreFactory, (s) => s.jobs);
  const shown = useFeatureState(submitStoreFactory, (s) => s.job?.jobId ?? null);
  const sending = useFeatureState(submitStoreFactory, (s) => s.sending);
  return (
    <section className="card submit-history" aria-labelledby={titleId}>
      <h2 id={titleId} className="submit-card-title">
        {i18n.t('submit.history.title')}
      </h2>
      {jobs.kind === 'loading' ? (
        <p role="status">{i18n.t('submit.history.loading')}</p>
      ) : jobs.kind === 'error' ? (
        <>
          {/* Text only in the alert; the button follows it. */}
          <div className="alert alert-error" role="alert">
            <p className="alert-title">{i18n.t('submit.history.loadFailed')}</p>
            <p>{i18n.t(jobs.failure.messageKey)}</p>
          </div>
          <p className="submit-outcome-buttons">
            <button type="button" className="btn" onClick={() => void store.getState().loadJobs()}>
              {i18n.t('action.retry')}
            </button>
          </p>
        </>
      ) : jobs.jobs.length === 0 ? (
        <p className="muted">{i18n.t('submit.history.empty')}</p>
      ) : (
        <div className="submit-table-wrap">
          <table className="submit-table" aria-labelledby={titleId}>
            <thead>
              <tr>
                <th scope="col">{i18n.t('submit.history.col.started')}</th>
                <th scope="col">{i18n.t('submit.history.col.service')}</th>
                <th scope="col">{i18n.t('submit.history.col.tag')}</th>
                <th scope="col">{i18n.t('submit.history.col.devices')}</th>
                <th scope="col">{i18n.t('submit.history.col.state')}</th>
                <th scope="col">{i18n.t('submit.history.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {jobs.jobs.map((job) => {
                const phase = jobPhase(job);
                const current = job.id === shown;
                return (
                  <tr
                    key={job.id}
                    aria-current={current || undefined}
                    className={current ? 'is-current' : undefined}
                  >
                    <th scope="row" className="submit-history-date">
                      {i18n.dateTime(job.startedAt)}
                    </th>
                    <td>
                      {serviceName(i18n, job.service)}
                      {job.customerTenantId !== null ? (
                        <span className="submit-history-customer mono">{job.customerTenantId}</span>
                      ) : null}
                    </td>
                    <td className="tag-text submit-history-tag">{job.groupTag}</td>
                    <td>{summaryText(i18n, job.counts)}</td>
                    <td>
                      <span className={PHASE_BADGE[phase]}>{i18n.t(`submit.history.state.${phase}`)}</span>
                    </td>
                    <td className="submit-history-actions">
                      <button
                        type="button"
                        className="btn"
                        aria-pressed={current}
                        onClick={() => void store.getState().showJob(job.id)}
                      >
                        {i18n.t('submit.history.show')}
                      </button>
                      {phase === 'interrupted' ? (
                        <button
                          type="button"
                          className="btn"
                          aria-disabled={sending || undefined}
                          onClick={() => {
                            if (!sending) void store.getState().retry(job.id);
                          }}
                        >
                          {i18n.t('submit.job.resume')}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
