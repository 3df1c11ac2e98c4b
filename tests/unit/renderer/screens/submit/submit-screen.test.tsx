// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiOutput } from '../../../../../shared/api/harvester-api';
import type { Lang } from '../../../../../shared/i18n/lang';
import { SubmitScreen } from '../../../../../renderer/screens/submit/submit-screen';
import { appInfoAnswer, deviceSummary, fakeApi, type FakeAnswers } from '../../../../support/fake-api';
import { renderWithApp } from '../../../../support/render-app';
import {
  CUSTOMER_ID,
  DEFAULT_TAG,
  OTHER_TENANT_MESSAGE,
  SIGNED_IN,
  SIGNING_IN,
  jobAnswer,
} from './submit-answers';

afterEach(() => {
  cleanup();
  window.localStorage.clear();
  vi.restoreAllMocks();
});

function knownTags(): ApiOutput<'knownGroupTags'> {
  return {
    defaultTag: DEFAULT_TAG,
    tags: [{ tag: DEFAULT_TAG, description: 'Microsoft Managed Desktop (default)', shared: false }],
  };
}

async function renderScreen(answers: FakeAnswers = {}, options: { lang?: Lang } = {}) {
  const api = fakeApi({
    appInfo: appInfoAnswer(),
    knownGroupTags: knownTags,
    signInStatus: { kind: 'env-token' },
    listSubmissionJobs: { jobs: [] },
    listDevices: {
      devices: [
        deviceSummary({ id: 'aaaa', serial: 'PF3SUB01' }),
        deviceSummary({ id: 'bbbb', serial: 'PF3SUB02' }),
      ],
    },
    startSubmission: { kind: 'started', jobId: 'job-1' },
    submissionJob: jobAnswer(['registered', 'failed']),
    ...answers,
  });
  const rendered = renderWithApp(<SubmitScreen />, { api, lang: options.lang ?? 'en' });
  await act(async () => rendered.app.getState().loadAppInfo());
  return { ...rendered, api };
}

describe('the Submit screen: sign-in', () => {
  it('shows the code, the address and the QR code large while signing in, and a Copy button', async () => {
    await renderScreen({ signInStatus: SIGNING_IN });
    const code = await screen.findByText('F7KQ-2MXP');
    expect(code.tagName).toBe('CODE');
    expect(code.className).toContain('submit-user-code');
    expect(screen.getByText('https://microsoft.com/devicelogin').className).toContain('submit-address');
    const qr = screen.getByRole('img', { name: 'QR code of the address https://microsoft.com/devicelogin' });
    const src = qr.getAttribute('src') ?? '';
    expect(src.startsWith('data:image/svg+xml;base64,')).toBe(true);
    expect(atob(src.slice('data:image/svg+xml;base64,'.length))).toBe(
      SIGNING_IN.kind === 'signing-in' ? SIGNING_IN.qrSvg : '',
    );
    // The markup never enters the page as markup.
    expect(document.querySelector('svg')).toBeNull();
    expect(screen.getByRole('button', { name: 'Copy code' })).toBeTruthy();
    expect(
      screen.getByText('Waiting for you to sign in on your phone or another computer…').getAttribute('role'),
    ).toBe('status');
    expect(screen.getByText(/^The code is valid for \d+ min \d+ s more\.$/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Cancel sign-in' })).toBeTruthy();
    // Nothing can be sent before signing in.
    const send = screen.getByRole('button', { name: 'Send 2 devices' }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    expect(screen.getByText('Sign in first (above).')).toBeTruthy();
  });

  it('shows the address as text to copy, not a link the desktop app could not open', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.spyOn(navigator, 'clipboard', 'get').mockReturnValue({ writeText } as unknown as Clipboard);
    await renderScreen({ signInStatus: SIGNING_IN });
    const address = await screen.findByText('https://microsoft.com/devicelogin');
    expect(screen.queryByRole('link')).toBeNull();
    expect(address.closest('a')).toBeNull();
    expect(address.tagName).toBe('CODE');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy address' })));
    expect(writeText).toHaveBeenCalledWith('https://microsoft.com/devicelogin');
    expect(screen.getByText('Address copied.').getAttribute('role')).toBe('status');
    // The code's button copies the code, and says so on its own.
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy code' })));
    expect(writeText).toHaveBeenLastCalledWith('F7KQ-2MXP');
    expect(screen.getByText('Code copied.')).toBeTruthy();
  });

  it('selects the address and says to press Ctrl+C when the clipboard refuses it', async () => {
    const writeText = vi.fn(async () => {
      throw new Error('NotAllowedError');
    });
    vi.spyOn(navigator, 'clipboard', 'get').mockReturnValue({ writeText } as unknown as Clipboard);
    await renderScreen({ signInStatus: SIGNING_IN });
    await screen.findByText('https://microsoft.com/devicelogin');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy address' })));
    expect(await screen.findByText('The address is selected: press Ctrl+C to copy it.')).toBeTruthy();
    expect(window.getSelection()?.toString()).toBe('https://microsoft.com/devicelogin');
  });

  it('starts the sign-in from the Sign in button', async () => {
    const { api } = await renderScreen({ signInStatus: { kind: 'signed-out' }, startSignIn: SIGNING_IN });
    expect(await screen.findByText('You are not signed in to Intune.')).toBeTruthy();
    const signIn = screen.getByRole('button', { name: 'Sign in' });
    signIn.focus();
    await act(async () => fireEvent.click(signIn));
    expect(api.startSignIn).toHaveBeenCalledWith({ service: 'graph', method: 'device-code', lang: 'en' });
    expect(await screen.findByText('F7KQ-2MXP')).toBeTruthy();
    // The pressed button is gone: the focus goes to what to do next, not to the page.
    await waitFor(() =>
      expect(document.activeElement?.textContent).toBe('Sign in on your phone or another computer'),
    );
  });

  it('offers sign-in in the browser and says to finish it there', async () => {
    let started = false;
    const { api } = await renderScreen({
      signInStatus: () => (started ? { kind: 'waiting-for-browser' } : { kind: 'signed-out' }),
      startSignIn: () => {
        started = true;
        return { kind: 'waiting-for-browser' };
      },
      cancelSignIn: { kind: 'done' },
    });
    const browser = await screen.findByRole('button', { name: 'Sign in in the browser instead' });
    await act(async () => fireEvent.click(browser));
    expect(api.startSignIn).toHaveBeenCalledWith({ service: 'graph', method: 'browser', lang: 'en' });
    expect(await screen.findByText(/Finish signing in in the browser window that opened/)).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Cancel sign-in' })));
    expect(api.cancelSignIn).toHaveBeenCalledWith({ service: 'graph' });
  });

  it('shows the setup guide with the auth.json example in monospace when sign-in is not configured', async () => {
    const message =
      'Sign-in needs an app registration from your organisation\n\n1. Register the app.\n2. Write the IDs into auth.json, as in the example:\n\n{\n  "clientId": "00000000-0000-0000-0000-000000000000",\n  "tenant": "contoso.onmicrosoft.com"\n}';
    await renderScreen({ signInStatus: { kind: 'not-configured', message } });
    // The guide's first paragraph is its title.
    const title = await screen.findByText('Sign-in needs an app registration from your organisation');
    expect(title.className).toContain('alert-title');
    const code = document.querySelector('pre.submit-code-block code');
    expect(code?.textContent).toContain('"clientId": "00000000-0000-0000-0000-000000000000"');
    expect(screen.getByText('Write the IDs into auth.json, as in the example:').tagName).toBe('LI');
  });

  it('says who is signed in and in which tenant Intune registers, and offers to sign out', async () => {
    const { api } = await renderScreen({ signInStatus: SIGNED_IN, signOut: { kind: 'done' } });
    expect(
      await screen.findByText('Signed in as tech@contoso.com (tenant 11111111-2222-3333-4444-555555555555)'),
    ).toBeTruthy();
    expect(screen.getByText(/^Intune registers the devices in this tenant\./)).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sign out' })));
    expect(api.signOut).toHaveBeenCalledWith({ service: 'graph' });
  });

  it('explains a sign-in that did not finish and offers to try again', async () => {
    const { api } = await renderScreen({
      signInStatus: { kind: 'failed', message: 'The code expired before anyone signed in with it.' },
      startSignIn: SIGNING_IN,
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Sign-in did not finish');
    expect(alert.textContent).toContain('The code expired before anyone signed in with it.');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Try again' })));
    expect(api.startSignIn).toHaveBeenCalledTimes(1);
  });

  it('says the token comes from HARVESTER_TOKEN', async () => {
    await renderScreen();
    expect(await screen.findByText('Using the token from HARVESTER_TOKEN')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sign in' })).toBeNull();
  });
});

describe('the Submit screen: sending and progress', () => {
  it('sends, then shows the counts, the progress bar, every device and the explained failure', async () => {
    const { api, app } = await renderScreen();
    const send = await screen.findByRole('button', { name: 'Send 2 devices' });
    await waitFor(() => expect((send as HTMLButtonElement).disabled).toBe(false));
    const before = app.getState().ledgerVersion;
    await act(async () => fireEvent.click(send));
    expect(api.startSubmission).toHaveBeenCalledWith({
      service: 'graph',
      customerTenantId: null,
      tag: DEFAULT_TAG,
      allowCustomTag: false,
      selection: { kind: 'not-registered' },
      sync: false,
      lang: 'en',
    });
    expect(await screen.findByText('Finished: 1 registered, 1 failed.')).toBeTruthy();
    expect(app.getState().ledgerVersion).toBeGreaterThan(before);
    const bar = screen.getByRole('progressbar', { name: 'Devices finished' });
    expect(bar.getAttribute('aria-valuenow')).toBe('2');
    expect(bar.getAttribute('aria-valuemax')).toBe('2');
    const table = screen.getByRole('table', { name: 'Devices of this submission' });
    const failed = within(table).getByRole('row', { name: /PF3SUB02/ });
    expect(within(failed).getByText('Failed')).toBeTruthy();
    expect(within(failed).getByText(OTHER_TENANT_MESSAGE)).toBeTruthy();
    expect(within(failed).getByText('Code for support: 808')).toBeTruthy();
    expect(screen.getByText(/1 device could not be registered/).closest('[role="alert"]')).not.toBeNull();
  });

  it('offers the Autopilot sync for Intune, sends it with the job, and shows each device as it shows up', async () => {
    const { api } = await renderScreen({
      submissionJob: jobAnswer(['registered', 'registered'], {
        running: true,
        sync: {
          phase: 'waiting',
          trigger: 'started',
          waitMinutes: 10,
          devices: [
            { serial: 'PF3SUB01', state: 'shown', seenTag: null },
            { serial: 'PF3SUB02', state: 'other-tag', seenTag: 'Old' },
          ],
        },
      }),
    });
    const option = await screen.findByRole('checkbox', {
      name: 'Then sync Windows Autopilot and check each device',
    });
    await act(async () => fireEvent.click(option));
    const send = await screen.findByRole('button', { name: 'Send 2 devices' });
    await waitFor(() => expect((send as HTMLButtonElement).disabled).toBe(false));
    await act(async () => fireEvent.click(send));
    expect(api.startSubmission).toHaveBeenCalledWith(
      expect.objectContaining({ service: 'graph', sync: true }),
    );
    const sync = await screen.findByRole('region', { name: 'Autopilot sync' });
    expect(
      within(sync).getByText(
        'Sync started. 1 of 2 show in Windows Autopilot with the group tag Microsoft365Managed_Autopilot so far (waiting up to 10 min).',
      ),
    ).toBeTruthy();
    expect(within(sync).getByText(`Shows with the group tag ${DEFAULT_TAG}`)).toBeTruthy();
    expect(within(sync).getByText(`Shows with the group tag Old so far, not ${DEFAULT_TAG}`)).toBeTruthy();
  });

  it('offers no Autopilot sync for Partner Center', async () => {
    await renderScreen();
    await screen.findByRole('checkbox', { name: 'Then sync Windows Autopilot and check each device' });
    await act(async () => fireEvent.click(screen.getByRole('radio', { name: 'Partner Center' })));
    expect(screen.queryByRole('checkbox', { name: /sync Windows Autopilot/ })).toBeNull();
  });

  it('retries only the failed devices with Retry failed', async () => {
    const { api } = await renderScreen({
      listSubmissionJobs: { jobs: [jobAnswer(['registered', 'failed']).job] },
      retrySubmission: { kind: 'started', jobId: 'job-2' },
      submissionJob: ({ jobId }) =>
        jobId === 'job-1' ? jobAnswer(['registered', 'failed']) : jobAnswer(['registered'], { id: 'job-2' }),
    });
    const show = await screen.findByRole('button', { name: 'Show devices' });
    await act(async () => fireEvent.click(show));
    const retry = await screen.findByRole('button', { name: 'Retry failed (1 device)' });
    await act(async () => fireEvent.click(retry));
    expect(api.retrySubmission).toHaveBeenCalledWith({ jobId: 'job-1', lang: 'en' });
    expect(await screen.findByText('Finished: 1 registered.')).toBeTruthy();
  });

  it('shows a running job as it goes: counts and the bar at its value', async () => {
    await renderScreen({
      listSubmissionJobs: { jobs: [jobAnswer(['registered', 'pending']).job] },
      submissionJob: jobAnswer(['registered', 'pending']),
    });
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: 'Show devices' })));
    expect(await screen.findByText('Sending: 1 of 2 devices finished.')).toBeTruthy();
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('1');
    expect(screen.queryByRole('button', { name: /Retry failed/ })).toBeNull();
  });

  it('says contact with the background service was lost while it retries, keeping the last progress shown', async () => {
    let down = false;
    await renderScreen({
      listSubmissionJobs: { jobs: [jobAnswer(['registered', 'pending']).job] },
      submissionJob: () => {
        if (down) throw new Error('The app’s background service is not answering.');
        return jobAnswer(['registered', 'pending']);
      },
    });
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: 'Show devices' })));
    expect(await screen.findByText('Sending: 1 of 2 devices finished.')).toBeTruthy();
    down = true;
    const lost = await screen.findByText(
      'Lost contact with the background service, retrying…',
      {},
      { timeout: 3_000 },
    );
    expect(lost.getAttribute('role')).toBe('status');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('1');
    down = false;
    await waitFor(
      () => expect(screen.queryByText('Lost contact with the background service, retrying…')).toBeNull(),
      { timeout: 3_000 },
    );
  }, 10_000);

  it('moves the spoken status of a running job calmly while the counts follow every answer', async () => {
    let asked = 0;
    await renderScreen({
      listSubmissionJobs: { jobs: [jobAnswer(['registered', 'pending', 'pending']).job] },
      submissionJob: () =>
        asked++ === 0
          ? jobAnswer(['registered', 'pending', 'pending'])
          : jobAnswer(['registered', 'registered', 'pending']),
    });
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: 'Show devices' })));
    const status = await screen.findByText('Sending: 1 of 3 devices finished.');
    expect(status.getAttribute('role')).toBe('status');
    // The next answer (a second later) moves the bar and the counts at once ...
    await waitFor(() => expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('2'), {
      timeout: 3_000,
    });
    // ... and the sentence a few seconds later.
    expect(status.textContent).toBe('Sending: 1 of 3 devices finished.');
    await waitFor(() => expect(status.textContent).toBe('Sending: 2 of 3 devices finished.'), {
      timeout: 7_000,
    });
  }, 15_000);

  it('explains a refused tag, another running submission, and a sign-in that ended', async () => {
    let answer: ApiOutput<'startSubmission'> = {
      kind: 'tag-refused',
      check: { kind: 'custom', tag: 'Site-Osaka' },
    };
    await renderScreen({ startSubmission: () => answer, signInStatus: { kind: 'env-token' } });
    const send = await screen.findByRole('button', { name: 'Send 2 devices' });
    await waitFor(() => expect((send as HTMLButtonElement).disabled).toBe(false));
    await act(async () => fireEvent.click(send));
    expect((await screen.findByRole('alert')).textContent).toContain('This group tag cannot be used');

    answer = { kind: 'busy', jobId: 'job-0' };
    await act(async () => fireEvent.click(send));
    const busy = await screen.findByRole('alert');
    expect(busy.textContent).toContain('Another submission is still running');
    // Text only in the alert; the button right after it.
    const show = screen.getByRole('button', { name: 'Show the running submission' });
    expect(busy.contains(show)).toBe(false);
    expect(busy.nextElementSibling?.contains(show)).toBe(true);

    answer = { kind: 'bad-customer', message: 'No relationship with this customer.' };
    await act(async () => fireEvent.click(send));
    expect((await screen.findByRole('alert')).textContent).toContain('No relationship with this customer.');
  });

  it('keeps the alerts text-only when the job, the history or the customers cannot be loaded, the buttons right after', async () => {
    const fail = () => {
      throw new Error('socket hang up');
    };
    await renderScreen({
      signInStatus: SIGNED_IN,
      listSubmissionJobs: fail,
      submissionJob: fail,
      listCustomers: fail,
      startSubmission: { kind: 'started', jobId: 'job-1' },
    });
    await act(async () => fireEvent.click(await screen.findByRole('radio', { name: 'Partner Center' })));
    await waitFor(() => expect(screen.getAllByRole('alert').length).toBeGreaterThanOrEqual(2));
    await act(async () =>
      fireEvent.click(await screen.findByRole('radio', { name: 'Microsoft Intune (Graph)' })),
    );
    const send = screen.getByRole('button', { name: 'Send 2 devices' }) as HTMLButtonElement;
    await waitFor(() => expect(send.disabled).toBe(false));
    await act(async () => fireEvent.click(send));
    await screen.findByText('The submission could not be loaded.');
    await act(async () => fireEvent.click(screen.getByRole('radio', { name: 'Partner Center' })));
    await screen.findByText('The customer list could not be loaded.');
    const alerts = screen.getAllByRole('alert');
    expect(alerts.map((alert) => alert.querySelector('.alert-title')?.textContent).sort()).toEqual([
      'The customer list could not be loaded.',
      'The history could not be loaded.',
      'The submission could not be loaded.',
    ]);
    for (const alert of alerts) {
      expect(within(alert).queryAllByRole('button')).toEqual([]);
      expect(within(alert.nextElementSibling as HTMLElement).getAllByRole('button').length).toBe(1);
    }
  });

  it('explains a retry refused because of the tag the ledger recorded for the job', async () => {
    await renderScreen({
      listSubmissionJobs: { jobs: [jobAnswer(['registered', 'failed']).job] },
      retrySubmission: { kind: 'tag-refused', check: { kind: 'custom', tag: 'Site-Osaka' } },
    });
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: 'Show devices' })));
    await act(async () =>
      fireEvent.click(await screen.findByRole('button', { name: 'Retry failed (1 device)' })),
    );
    const alert = await screen.findByText(/The group tag recorded for this submission cannot be used/);
    const region = alert.closest('[role="alert"]');
    expect(region?.textContent).toContain('This group tag cannot be used');
    expect(region?.textContent).toContain('Site-Osaka');
  });

  it('lists the history newest first, with an interrupted job to resume', async () => {
    const interrupted = jobAnswer(['registered', 'pending'], { id: 'job-3', running: false }).job;
    const finished = jobAnswer(['registered', 'failed']).job;
    const { api } = await renderScreen({
      listSubmissionJobs: { jobs: [interrupted, finished] },
      retrySubmission: { kind: 'started', jobId: 'job-3' },
      submissionJob: jobAnswer(['registered', 'pending'], { id: 'job-3' }),
    });
    const history = await screen.findByRole('table', { name: 'Submission history' });
    const rows = within(history).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('Interrupted')).toBeTruthy();
    expect(within(rows[0]!).getByText('1 registered, 1 not finished')).toBeTruthy();
    expect(within(rows[1]!).getByText('Finished')).toBeTruthy();
    await act(async () => fireEvent.click(within(rows[0]!).getByRole('button', { name: 'Resume' })));
    expect(api.retrySubmission).toHaveBeenCalledWith({ jobId: 'job-3', lang: 'en' });
  });
});

describe('the Submit screen: Partner Center', () => {
  it('lists the customers to search and choose, and checks a typed tenant ID', async () => {
    const { api } = await renderScreen({
      signInStatus: SIGNED_IN,
      listCustomers: {
        kind: 'listed',
        customers: [
          { id: CUSTOMER_ID, name: 'Contoso Ltd', domain: 'contoso.onmicrosoft.com' },
          { id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', name: 'Fabrikam', domain: 'fabrikam.com' },
        ],
      },
    });
    await act(async () => fireEvent.click(await screen.findByRole('radio', { name: 'Partner Center' })));
    const list = await screen.findByRole('list', { name: 'Customers' });
    expect(within(list).getAllByRole('radio')).toHaveLength(2);
    const search = screen.getByRole('searchbox', { name: 'Find the customer, or paste its tenant ID' });
    fireEvent.change(search, { target: { value: 'fabri' } });
    expect(within(list).getAllByRole('radio')).toHaveLength(1);
    expect(screen.getByText('Choose the customer, or paste its tenant ID.')).toBeTruthy();

    fireEvent.change(search, { target: { value: '8f2b6c1e-4d3a-4b5c' } });
    expect(screen.getByText(/This is not a complete tenant ID/)).toBeTruthy();
    expect(search.getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(search, { target: { value: CUSTOMER_ID } });
    expect(screen.getByText(`The tenant ID ${CUSTOMER_ID} of Contoso Ltd will be used.`)).toBeTruthy();
    const send = screen.getByRole('button', { name: 'Send 2 devices' }) as HTMLButtonElement;
    expect(send.disabled).toBe(false);
    await act(async () => fireEvent.click(send));
    expect(api.startSubmission).toHaveBeenCalledWith(
      expect.objectContaining({ service: 'partner-center', customerTenantId: CUSTOMER_ID }),
    );
  });
});

describe('the Submit screen in Japanese', () => {
  it('shows the sign-in code in Japanese words', async () => {
    await renderScreen({ signInStatus: SIGNING_IN }, { lang: 'ja' });
    expect(await screen.findByRole('heading', { level: 1, name: '登録' })).toBeTruthy();
    expect(screen.getByText('コードを入力：')).toBeTruthy();
    expect(screen.getByText('F7KQ-2MXP')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'サインインをキャンセル' })).toBeTruthy();
    expect(
      screen.getByText('スマートフォンまたは別のコンピューターでのサインインを待っています…'),
    ).toBeTruthy();
    expect(screen.getByText(/^コードの有効期限まで残り \d+ 分 \d+ 秒です。$/)).toBeTruthy();
  });

  it('sums a finished job up the way a Japanese technician reads it', async () => {
    await renderScreen(
      { listSubmissionJobs: { jobs: [jobAnswer(['registered', 'already-registered', 'failed']).job] } },
      { lang: 'ja' },
    );
    const history = await screen.findByRole('table', { name: '送信履歴' });
    expect(within(history).getByText('登録済み 1 台、すでに登録済み 1 台、失敗 1 台')).toBeTruthy();
    expect(within(history).getByText('完了')).toBeTruthy();
    await act(async () => fireEvent.click(within(history).getByRole('button', { name: 'デバイスを表示' })));
    expect(await screen.findByRole('button', { name: '失敗したデバイスを再送信（1 台）' })).toBeTruthy();
  });

  it('counts the devices still processing as 未完了, and names the customer お客様', async () => {
    const running = jobAnswer(['registered', 'imported', 'pending']);
    const answer = {
      ...running,
      job: { ...running.job, service: 'partner-center' as const, customerTenantId: CUSTOMER_ID },
    };
    await renderScreen({ listSubmissionJobs: { jobs: [answer.job] }, submissionJob: answer }, { lang: 'ja' });
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: 'デバイスを表示' })));
    const counts = await screen.findByText('未完了');
    expect(counts.nextElementSibling?.textContent).toBe('2');
    expect(screen.queryByText('待機中', { selector: 'dt' })).toBeNull();
    expect(screen.getByText(`お客様のテナント ${CUSTOMER_ID}`, { exact: false })).toBeTruthy();
  });
});
