/**
 * Where sign-in stands for the chosen service, and what to do next: the setup guide when no app
 * registration is configured, "Sign in", the device code shown large (with the address and a QR code for a
 * phone) while the technician signs in elsewhere, who is signed in and in which tenant, or why the last
 * sign-in did not finish.
 *
 * The address is text to copy or type, not a link: the desktop app opens no windows, and the technician
 * signs in on a phone or another computer anyway.
 */
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SignInStatus } from '../../../shared/api/harvester-api';
import type { Lang } from '../../../shared/i18n/lang';
import { assertNever } from '../../../shared/ledger/ledger-events';
import { useFeatureState, useFeatureStoreApi, useI18n, type I18n } from '../../app/app-context';
import { CopyButton } from '../../components/copy-button';
import type { MessageKey } from '../../i18n/messages';
import { serviceName, svgDataUrl, textBlocks, timeLeftText } from './submit-labels';
import { submitStoreFactory } from './submit-store';

export function SignInPanel(): ReactNode {
  const i18n = useI18n();
  const titleId = useId();
  const store = useFeatureStoreApi(submitStoreFactory);
  const view = useFeatureState(submitStoreFactory, (s) => s.signIn);
  const panel = useRef<HTMLElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  // The button pressed (Sign in, Cancel, Sign out) goes away with the state it belonged to: keep the focus
  // in the panel, on the new state's heading, instead of losing it to the page. Only for a change seen
  // here; opening the screen leaves the focus on the screen's title.
  const kind = view.kind === 'known' ? view.status.kind : null;
  const before = useRef(kind);
  useEffect(() => {
    const previous = before.current;
    before.current = kind;
    if (previous === null || kind === null || previous === kind) return;
    const active = document.activeElement;
    const lost = active === null || active === document.body;
    if (!lost && !(panel.current?.contains(active) ?? false)) return;
    const target =
      kind === 'signing-in' ? panel.current?.querySelector<HTMLElement>('.submit-device-code h3') : null;
    (target ?? title.current)?.focus();
  }, [kind]);
  return (
    <section className="card submit-sign-in" aria-labelledby={titleId} ref={panel}>
      <h2 id={titleId} className="submit-card-title" ref={title} tabIndex={-1}>
        {i18n.t('submit.signIn.title')}
      </h2>
      {view.kind === 'loading' ? (
        <p role="status">{i18n.t('submit.signIn.checking')}</p>
      ) : view.kind === 'error' ? (
        <>
          <div className="alert alert-error" role="alert">
            <p className="alert-title">{i18n.t('submit.signIn.checkFailed')}</p>
            <p>{i18n.t(view.failure.messageKey)}</p>
          </div>
          <button type="button" className="btn" onClick={() => void store.getState().refreshSignIn()}>
            {i18n.t('submit.signIn.checkAgain')}
          </button>
        </>
      ) : (
        <StatusView i18n={i18n} status={view.status} lang={view.lang} />
      )}
    </section>
  );
}

function StatusView(props: { i18n: I18n; status: SignInStatus; lang: Lang }): ReactNode {
  const { i18n, status, lang } = props;
  const store = useFeatureStoreApi(submitStoreFactory);
  const service = useFeatureState(submitStoreFactory, (s) => s.service);
  const busy = useFeatureState(submitStoreFactory, (s) => s.signInBusy);
  const signIn = (): void => {
    if (!busy) void store.getState().startSignIn();
  };
  switch (status.kind) {
    case 'not-configured':
      return <SetupText i18n={i18n} text={status.message} lang={lang} />;
    case 'signed-out':
      return (
        <div className="submit-sign-in-row">
          <p className="submit-sign-in-state">
            {i18n.t('submit.signIn.signedOut', { service: serviceName(i18n, service) })}
          </p>
          <SignInButton i18n={i18n} busy={busy} onClick={signIn} primary />
          {/* Sign-in in the system browser, for computers that have one (not in OOBE). */}
          <BusyButton busy={busy} onPress={() => void store.getState().startSignIn('browser')}>
            {i18n.t('submit.signIn.browser')}
          </BusyButton>
        </div>
      );
    case 'waiting-for-browser':
      return (
        <div className="submit-sign-in-row">
          <p className="submit-sign-in-state">{i18n.t('submit.signIn.browserWaiting')}</p>
          <BusyButton busy={busy} onPress={() => void store.getState().cancelSignIn()}>
            {i18n.t('submit.signIn.cancel')}
          </BusyButton>
        </div>
      );
    case 'signing-in':
      return <DeviceCode i18n={i18n} status={status} />;
    case 'signed-in':
      return (
        <div className="submit-sign-in-row">
          <div className="submit-sign-in-who">
            {/* Graph registers in this tenant: a partner signed in to the home tenant sees so. */}
            <p className="submit-sign-in-state submit-signed-in">
              {status.tenantId === ''
                ? i18n.t('submit.signIn.signedIn', { username: status.username })
                : i18n.t('submit.signIn.signedInTenant', {
                    username: status.username,
                    tenantId: status.tenantId,
                  })}
            </p>
            {service === 'graph' && status.tenantId !== '' ? (
              <p className="field-hint">{i18n.t('submit.signIn.graphTenantHint')}</p>
            ) : null}
          </div>
          <BusyButton busy={busy} onPress={() => void store.getState().signOut()}>
            {i18n.t('submit.signIn.signOut')}
          </BusyButton>
        </div>
      );
    case 'env-token':
      return (
        <>
          <p className="submit-sign-in-state submit-signed-in">{i18n.t('submit.signIn.envToken')}</p>
          <p className="field-hint">{i18n.t('submit.signIn.envTokenHint')}</p>
        </>
      );
    case 'failed':
      return (
        <>
          <div className="alert alert-error" role="alert">
            <p className="alert-title">{i18n.t('submit.signIn.failedTitle')}</p>
            <p lang={lang}>{status.message}</p>
          </div>
          <SignInButton i18n={i18n} busy={busy} onClick={signIn} label={i18n.t('submit.signIn.tryAgain')} />
        </>
      );
    default:
      return assertNever(status);
  }
}

function SignInButton(props: {
  i18n: I18n;
  busy: boolean;
  onClick: () => void;
  primary?: boolean;
  label?: string;
}): ReactNode {
  const { i18n, busy } = props;
  const hintId = useId();
  return (
    <div className="submit-sign-in-action">
      {/* aria-disabled rather than disabled: the button keeps keyboard focus while the code is fetched. */}
      <button
        type="button"
        className={props.primary === true ? 'btn btn-primary btn-large' : 'btn btn-primary'}
        aria-disabled={busy || undefined}
        aria-describedby={hintId}
        onClick={props.onClick}
      >
        {busy ? i18n.t('submit.signIn.starting') : (props.label ?? i18n.t('submit.signIn.signIn'))}
      </button>
      <p id={hintId} className="field-hint">
        {i18n.t('submit.signIn.signInHint')}
      </p>
    </div>
  );
}

/** A secondary button that keeps focus while busy (aria-disabled) and ignores presses then. */
function BusyButton(props: { busy: boolean; onPress: () => void; children: ReactNode }): ReactNode {
  return (
    <button
      type="button"
      className="btn"
      aria-disabled={props.busy || undefined}
      onClick={() => {
        if (!props.busy) props.onPress();
      }}
    >
      {props.children}
    </button>
  );
}

/**
 * The setup guide the services wrote (or what is wrong with the settings file): its first paragraph as the
 * title, numbered steps as a list, the auth.json example in monospace.
 */
function SetupText(props: { i18n: I18n; text: string; lang: Lang }): ReactNode {
  const [first, ...rest] = textBlocks(props.text);
  const title = first?.kind === 'paragraph' ? first.text : null;
  const blocks = title === null ? textBlocks(props.text) : rest;
  return (
    <div className="alert alert-info submit-setup">
      <p className="alert-title">{title ?? props.i18n.t('submit.signIn.notConfiguredTitle')}</p>
      <div className="submit-setup-text" lang={props.lang}>
        {blocks.map((block, index) => {
          switch (block.kind) {
            case 'code':
              return (
                <pre key={index} className="submit-code-block">
                  <code>{block.text}</code>
                </pre>
              );
            case 'steps':
              return (
                <ol key={index} className="submit-setup-steps">
                  {block.items.map((item, n) => (
                    <li key={n}>{item}</li>
                  ))}
                </ol>
              );
            case 'paragraph':
              return <p key={index}>{block.text}</p>;
          }
        })}
      </div>
    </div>
  );
}

type SigningIn = Extract<SignInStatus, { kind: 'signing-in' }>;

function DeviceCode(props: { i18n: I18n; status: SigningIn }): ReactNode {
  const { i18n, status } = props;
  const store = useFeatureStoreApi(submitStoreFactory);
  const busy = useFeatureState(submitStoreFactory, (s) => s.signInBusy);
  const titleId = useId();
  const now = useNow(1_000);
  const left = timeLeftText(i18n, status.expiresAt, now);
  // The clock re-renders this every second; the image address is made once per code.
  const qr = useMemo(() => svgDataUrl(status.qrSvg), [status.qrSvg]);
  return (
    <div className="submit-device-code" aria-labelledby={titleId} role="group">
      <h3 id={titleId} tabIndex={-1}>
        {i18n.t('submit.signIn.codeTitle')}
      </h3>
      <div className="submit-device-code-body">
        <ol className="submit-code-steps">
          <li>
            <p>{i18n.t('submit.signIn.openAddress')}</p>
            <TextWithCopy
              i18n={i18n}
              text={status.verificationUri}
              textClassName="submit-address"
              labels={{
                copy: 'submit.signIn.copyAddress',
                copied: 'submit.signIn.addressCopied',
                manual: 'submit.signIn.addressCopyManually',
              }}
            />
          </li>
          <li>
            <p>{i18n.t('submit.signIn.enterCode')}</p>
            <TextWithCopy
              i18n={i18n}
              text={status.userCode}
              textClassName="submit-user-code"
              labels={{
                copy: 'submit.signIn.copy',
                copied: 'submit.signIn.copied',
                manual: 'submit.signIn.copyManually',
              }}
            />
          </li>
          <li>
            <p>{i18n.t('submit.signIn.thenAccount')}</p>
          </li>
        </ol>
        <img
          className="submit-qr"
          src={qr}
          alt={i18n.t('submit.signIn.qrAlt', { address: status.verificationUri })}
          width={176}
          height={176}
        />
      </div>
      {/* Text only (the controls stay outside); the time left changes every second, so it is not live. */}
      <p role="status" className="submit-waiting">
        {i18n.t('submit.signIn.waiting')}
      </p>
      <p className="submit-time-left">
        {left === null ? i18n.t('submit.signIn.expired') : i18n.t('submit.signIn.timeLeft', { time: left })}
      </p>
      <BusyButton busy={busy} onPress={() => void store.getState().cancelSignIn()}>
        {i18n.t('submit.signIn.cancel')}
      </BusyButton>
    </div>
  );
}

/** The words of a Copy button and what it says after a press. */
interface CopyLabels {
  readonly copy: MessageKey;
  readonly copied: MessageKey;
  readonly manual: MessageKey;
}

/**
 * `text` large, in monospace, with a Copy button; where the clipboard is refused, the text is selected for
 * Ctrl+C instead.
 */
function TextWithCopy(props: {
  i18n: I18n;
  text: string;
  textClassName: string;
  labels: CopyLabels;
}): ReactNode {
  const { i18n, text: value, labels } = props;
  const text = useRef<HTMLElement>(null);
  return (
    <div className="submit-code-row">
      <code className={props.textClassName} ref={text} lang="en">
        {value}
      </code>
      <CopyButton
        text={value}
        shown={text}
        labels={{ copy: i18n.t(labels.copy), copied: i18n.t(labels.copied), manual: i18n.t(labels.manual) }}
      />
    </div>
  );
}

/** The time now, moving every `ms` while the component is shown. */
function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
