/**
 * The Submit screen: choose the service and sign in, the customer (Partner Center), the group tag and the
 * devices; send them, watch each one end (explained when it fails), retry only the failed ones, and look
 * back at earlier submissions.
 */
import { useEffect, useId, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { SubmissionService } from '../../../shared/api/harvester-api';
import { useAppState, useFeatureState, useFeatureStoreApi, useI18n, type I18n } from '../../app/app-context';
import { ActionButton } from '../../components/action-button';
import { ChoiceFieldset, type Choice } from '../../components/choice-list';
import { GoCollectOrImport } from '../../components/go-collect-or-import';
import { GroupTagPicker } from '../../components/group-tag-picker';
import { ScreenHeading } from '../../components/screen-heading';
import { tagRefusalText } from '../export/export-diagnostics';
import { CustomerChoice } from './customer-choice';
import { JobHistory } from './job-history';
import { JobProgress } from './job-progress';
import { SignInPanel } from './sign-in-panel';
import { serviceName } from './submit-labels';
import { countSelected, submitBlock, type SubmitSelectionKind } from './submit-request';
import { submitStoreFactory, type ActionOutcome } from './submit-store';
import './submit.css';

const SERVICES: readonly SubmissionService[] = ['graph', 'partner-center'];

export function SubmitScreen(): ReactNode {
  const i18n = useI18n();
  const store = useFeatureStoreApi(submitStoreFactory);
  const tag = useFeatureState(submitStoreFactory, (s) => s.tag);
  const service = useFeatureState(submitStoreFactory, (s) => s.service);
  const ledgerVersion = useAppState((s) => s.ledgerVersion);
  useEffect(() => {
    store.getState().start();
    return () => store.getState().stop();
  }, [store]);
  // Devices changed elsewhere (or by a finished submission): the count on the button follows.
  useEffect(() => {
    void store.getState().loadDevices();
  }, [store, ledgerVersion]);
  return (
    <div className="submit-screen">
      <ScreenHeading description={i18n.t('submit.description')}>{i18n.t('submit.title')}</ScreenHeading>
      <ServiceChoice i18n={i18n} />
      <SignInPanel />
      {service === 'partner-center' ? <CustomerChoice /> : null}
      <div className="card">
        <GroupTagPicker value={tag} onChange={store.getState().chooseTag} lang={i18n.lang} />
      </div>
      <SelectionChoice i18n={i18n} />
      {service === 'graph' ? <SyncChoice i18n={i18n} /> : null}
      <SendAction i18n={i18n} />
      <Outcome i18n={i18n} />
      <JobProgress />
      <JobHistory />
    </div>
  );
}

function ServiceChoice(props: { i18n: I18n }): ReactNode {
  const { i18n } = props;
  const store = useFeatureStoreApi(submitStoreFactory);
  const service = useFeatureState(submitStoreFactory, (s) => s.service);
  return (
    <ChoiceFieldset
      className="card submit-fieldset"
      legendClassName="submit-legend"
      legend={i18n.t('submit.service.legend')}
      name="service"
      choices={SERVICES.map((s) => ({
        value: s,
        label: i18n.t(`submit.service.${s}`),
        hint: i18n.t(`submit.service.${s}Hint`),
      }))}
      chosen={service}
      onChoose={(s) => store.getState().chooseService(s)}
    />
  );
}

function SelectionChoice(props: { i18n: I18n }): ReactNode {
  const { i18n } = props;
  const store = useFeatureStoreApi(submitStoreFactory);
  const selection = useFeatureState(submitStoreFactory, (s) => s.selection);
  const chosenIds = useFeatureState(submitStoreFactory, (s) => s.chosenIds);
  const choices: Choice<SubmitSelectionKind>[] = [];
  if (chosenIds !== null) {
    choices.push({
      value: 'ids',
      label: i18n.plural('submit.selection.ids', chosenIds.length),
      hint: i18n.t('submit.selection.idsHint'),
    });
  }
  choices.push(
    {
      value: 'not-registered',
      label: i18n.t('submit.selection.notRegistered'),
      hint: i18n.t('submit.selection.notRegisteredHint'),
    },
    { value: 'all', label: i18n.t('submit.selection.all'), hint: i18n.t('submit.selection.allHint') },
  );
  return (
    <ChoiceFieldset
      className="card submit-fieldset"
      legendClassName="submit-legend"
      legend={i18n.t('submit.selection.legend')}
      name="selection"
      choices={choices}
      chosen={selection}
      onChoose={(kind) => store.getState().chooseSelection(kind)}
    />
  );
}

/** Graph: the Autopilot sync after the job, as `harvester submit --sync` does. */
function SyncChoice(props: { i18n: I18n }): ReactNode {
  const { i18n } = props;
  const id = useId();
  const store = useFeatureStoreApi(submitStoreFactory);
  const sync = useFeatureState(submitStoreFactory, (s) => s.sync);
  return (
    <div className="card submit-sync-choice choice">
      <input
        id={id}
        type="checkbox"
        checked={sync}
        onChange={(event) => store.getState().chooseSync(event.target.checked)}
        aria-describedby={`${id}-hint`}
      />
      <div className="choice-body">
        <label htmlFor={id} className="choice-label">
          {i18n.t('submit.sync.option')}
        </label>
        <p id={`${id}-hint`} className="choice-hint">
          {i18n.t('submit.sync.optionHint')}
        </p>
      </div>
    </div>
  );
}

function SendAction(props: { i18n: I18n }): ReactNode {
  const { i18n } = props;
  const store = useFeatureStoreApi(submitStoreFactory);
  const state = useFeatureState(
    submitStoreFactory,
    useShallow((s) => ({
      service: s.service,
      selection: s.selection,
      chosenIds: s.chosenIds,
      tag: s.tag,
      customerId: s.customerId,
      customerQuery: s.customerQuery,
      sync: s.sync,
      signIn: s.signIn,
      devices: s.devices,
      sending: s.sending,
    })),
  );
  const status = state.signIn.kind === 'known' ? state.signIn.status : null;
  const count = state.devices.kind === 'listed' ? countSelected(state.devices.devices, state) : null;
  const blocked = submitBlock(state, status, count);
  const label = state.sending
    ? i18n.t('submit.action.sending')
    : count !== null && count > 0
      ? i18n.plural('submit.action.send', count)
      : i18n.t('submit.action.sendNoCount');
  return (
    <ActionButton
      className="submit-action"
      buttonClassName="btn btn-primary btn-large submit-send"
      label={label}
      busy={state.sending}
      blocked={blocked !== null ? i18n.t(`submit.action.${blocked}`) : null}
      onPress={() => void store.getState().send()}
    />
  );
}

function Outcome(props: { i18n: I18n }): ReactNode {
  const { i18n } = props;
  const outcome = useFeatureState(submitStoreFactory, (s) => s.outcome);
  if (outcome === null) return null;
  return <OutcomeView i18n={i18n} outcome={outcome} />;
}

function OutcomeView(props: { i18n: I18n; outcome: ActionOutcome }): ReactNode {
  const { i18n, outcome } = props;
  const store = useFeatureStoreApi(submitStoreFactory);
  const service = useFeatureState(submitStoreFactory, (s) => s.service);
  const selection = useFeatureState(submitStoreFactory, (s) => s.selection);
  if (outcome.kind === 'failed') {
    return (
      <div className="alert alert-error" role="alert">
        <p className="alert-title">{i18n.t('submit.outcome.failedTitle')}</p>
        <p>{i18n.t(outcome.failure.messageKey)}</p>
        <SupportDetail i18n={i18n} detail={outcome.failure.detail} />
      </div>
    );
  }
  const { answer, lang } = outcome;
  switch (answer.kind) {
    case 'tag-refused':
      return (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">{i18n.t('export.tagRefused.title')}</p>
          <p>{tagRefusalText(i18n, answer.check)}</p>
          {/* A retry sends the tag the ledger recorded for the job: say it is that one, and what to do. */}
          {outcome.kind === 'retry' ? <p>{i18n.t('submit.outcome.retryTagRefused')}</p> : null}
        </div>
      );
    case 'not-signed-in':
      return (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">{i18n.t('submit.outcome.notSignedInTitle')}</p>
          <p>{i18n.t('submit.outcome.notSignedIn', { service: serviceName(i18n, service) })}</p>
        </div>
      );
    case 'busy':
      return (
        <>
          {/* Text only in the alert; the button follows it. */}
          <div className="alert alert-warning" role="alert">
            <p className="alert-title">{i18n.t('submit.outcome.busyTitle')}</p>
            <p>{i18n.t('submit.outcome.busy')}</p>
          </div>
          <p className="submit-outcome-buttons">
            <button type="button" className="btn" onClick={() => void store.getState().showJob(answer.jobId)}>
              {i18n.t('submit.outcome.showRunning')}
            </button>
          </p>
        </>
      );
    case 'no-devices':
      return (
        <div className="alert alert-info">
          {/* Text only in the live region; the buttons follow it. */}
          <p role="status">{i18n.t(`submit.outcome.noDevices.${selection}`)}</p>
          {selection === 'all' ? (
            <p className="submit-outcome-buttons">
              <GoCollectOrImport i18n={i18n} />
            </p>
          ) : null}
        </div>
      );
    case 'bad-customer':
      return (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">{i18n.t('submit.outcome.badCustomerTitle')}</p>
          <p lang={lang}>{answer.message}</p>
        </div>
      );
    case 'ledger-failed':
      return (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">{i18n.t('submit.outcome.ledgerFailedTitle')}</p>
          <p lang={lang}>{answer.failure.message}</p>
          <p>{i18n.t('submit.outcome.ledgerFailedBody')}</p>
          <SupportDetail i18n={i18n} detail={answer.failure.detail} />
        </div>
      );
    case 'nothing-to-retry':
      return (
        <div className="alert alert-info" role="status">
          <p>{i18n.t('submit.outcome.nothingToRetry')}</p>
        </div>
      );
    case 'not-found':
      return (
        <div className="alert alert-error" role="alert">
          <p>{i18n.t('submit.outcome.jobNotFound')}</p>
        </div>
      );
  }
}

function SupportDetail(props: { i18n: I18n; detail: string }): ReactNode {
  return (
    <details className="submit-detail">
      <summary>{props.i18n.t('submit.outcome.detail')}</summary>
      <p className="mono" lang="en">
        {props.detail}
      </p>
    </details>
  );
}
