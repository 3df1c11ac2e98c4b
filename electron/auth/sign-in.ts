/**
 * Signing the technician in to Microsoft Graph or Partner Center for direct submission, over MSAL for Node.
 *
 * Device code flow is the default because it works during OOBE, where neither an embedded browser nor WAM can
 * show a prompt (BRIEF §9): the screen shows the code and the URL large, with a QR code of the URL for the
 * technician's phone. The QR code holds the plain verification URL: Microsoft's device code answer has no
 * `verification_uri_complete`, and the `?otc=` prefill some tools use is undocumented, so it is not relied on.
 * Interactive sign-in (system browser, loopback redirect run by MSAL) is the option where a browser exists.
 *
 * Submitters get a `TokenSource`: silent acquisition from the cache, refreshed with the refresh token when the
 * access token is near expiry, forced to renew when the submitter comes back after a refusal. Every failure
 * is a `SignInNeededError` with a `TokenProblem` kind, never MSAL's error.
 *
 * `HARVESTER_TOKEN` in the environment supplies the bearer token and skips all of this (status `env-token`).
 * Log lines carry event names and error codes only: never tokens, codes shown to the technician, or names.
 */
import { AuthError, LogLevel, PublicClientApplication, ServerError } from '@azure/msal-node';
import type { AccountInfo, AuthenticationResult, DeviceCodeRequest, INetworkModule } from '@azure/msal-node';
import { toString as qrToString } from 'qrcode';
import type {
  RefusalReason,
  SettingsProblem,
  SignInOutcome,
  SignInService,
  TokenProblem,
} from '../../shared/i18n/sign-in-messages';
import type { TokenSource } from '../submission/graph-client';
import { fetchNetworkModule, observedNetwork } from './auth-network';
import type { ServerErrorReport } from './auth-network';
import { readSignInSettings } from './sign-in-settings';
import type { ServiceSignInSettings } from './sign-in-settings';
import type { TokenStore } from './token-store';

export type SignInStatus =
  | { readonly kind: 'env-token' }
  | { readonly kind: 'not-configured'; readonly problem: SettingsProblem }
  | { readonly kind: 'signed-out' }
  | { readonly kind: 'signed-in'; readonly username: string; readonly tenantId: string };

/** What the screen shows while the technician signs in on another device. */
export interface DeviceCodePrompt {
  readonly service: SignInService;
  readonly userCode: string;
  readonly verificationUri: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
  /** The identity platform's own sentence (English); the screen uses deviceCodeText. */
  readonly message: string;
  /** A QR code of `verificationUri`, as an SVG document; undefined if it could not be drawn. */
  readonly qrSvg: string | undefined;
}

/** Thrown by a TokenSource: the technician has to sign in (again) before submitting. */
export class SignInNeededError extends Error {
  readonly kind = 'sign-in-needed';
  constructor(
    readonly service: SignInService,
    readonly problem: TokenProblem,
  ) {
    super(`Sign-in needed for ${service}: ${problem.kind}`);
    this.name = 'SignInNeededError';
  }
}

export interface SignInOptions {
  /** `<app data>/auth.json`, read again at each call so an edited file is picked up. */
  readonly settingsFile: string;
  readonly store: TokenStore;
  readonly env?: NodeJS.ProcessEnv;
  /** The technical log. */
  readonly log?: (line: string) => void;
  /** Tests: a fake identity platform. Default: Node's fetch. */
  readonly networkClient?: INetworkModule;
  /** Tests: OpenID configuration and instance discovery as JSON, so nothing is discovered. */
  readonly authorityMetadata?: string;
  readonly cloudDiscoveryMetadata?: string;
  readonly now?: () => number;
}

interface ServiceApp {
  readonly key: string;
  readonly app: PublicClientApplication;
  readonly settings: ServiceSignInSettings;
  /** The error answers seen since the last reset (name and codes only). */
  readonly errors: ServerErrorReport[];
}

type Prepared =
  | { readonly ok: true; readonly entry: ServiceApp }
  | {
      readonly ok: false;
      readonly outcome: Extract<SignInOutcome, { kind: 'not-configured' | 'env-token' }>;
    };

interface Flow {
  cancel(): void;
}

const BROWSER_DONE =
  '<!doctype html><meta charset="utf-8"><title>Autopilot Harvester</title>' +
  '<p>Signed in. You can close this window and return to Autopilot Harvester.</p>' +
  '<p lang="ja">サインインしました。このウィンドウを閉じて Autopilot Harvester に戻ってください。</p>';
const BROWSER_FAILED =
  '<!doctype html><meta charset="utf-8"><title>Autopilot Harvester</title>' +
  '<p>Sign-in did not complete. Return to Autopilot Harvester for details.</p>' +
  '<p lang="ja">サインインは完了しませんでした。詳細は Autopilot Harvester で確認してください。</p>';

/** The sign-in service: one per app, shared by the screen, the CLI and the submitters. */
export class SignIn {
  private readonly env: NodeJS.ProcessEnv;
  private readonly log: (line: string) => void;
  private readonly now: () => number;
  private readonly network: INetworkModule;
  private readonly apps = new Map<SignInService, ServiceApp>();
  private flow: Flow | undefined;

  constructor(private readonly options: SignInOptions) {
    this.env = options.env ?? process.env;
    this.log = options.log ?? (() => undefined);
    this.now = options.now ?? Date.now;
    this.network = options.networkClient ?? fetchNetworkModule();
  }

  private envToken(): string | undefined {
    const token = this.env.HARVESTER_TOKEN?.trim();
    return token ? token : undefined;
  }

  async status(service: SignInService): Promise<SignInStatus> {
    const prepared = await this.prepare(service);
    if (!prepared.ok) return prepared.outcome;
    const account = await this.account(prepared.entry);
    return account ? signedIn(account) : { kind: 'signed-out' };
  }

  /**
   * Runs the device code flow: `onPrompt` gets the code to show, then the promise resolves when the
   * technician finished, declined, let the code expire, or `cancel()` was called.
   */
  async startDeviceCode(
    service: SignInService,
    onPrompt: (prompt: DeviceCodePrompt) => void,
  ): Promise<SignInOutcome> {
    const prepared = await this.prepare(service);
    if (!prepared.ok) return prepared.outcome;
    if (this.flow) return { kind: 'busy' };
    const { entry } = prepared;
    entry.errors.length = 0;

    let cancelled!: (outcome: SignInOutcome) => void;
    const cancellation = new Promise<SignInOutcome>((resolve) => (cancelled = resolve));
    let badPrompt = false;
    let shown: Promise<void> = Promise.resolve();
    const request: DeviceCodeRequest = {
      scopes: [...entry.settings.scopes],
      deviceCodeCallback: (response) => {
        const uri = httpsUrl(response.verificationUri);
        if (!response.userCode || !uri || !(response.expiresIn > 0)) {
          // An error answer from /devicecode reaches here with empty fields: stop before any poll.
          badPrompt = true;
          request.cancel = true;
          return;
        }
        this.log(`sign-in ${service}: device code issued`);
        const prompt = {
          service,
          userCode: response.userCode,
          verificationUri: uri,
          expiresAt: this.now() + response.expiresIn * 1000,
          message: response.message ?? '',
        };
        shown = qrSvg(uri)
          .then((svg) => onPrompt({ ...prompt, qrSvg: svg }))
          .catch(() => this.log(`sign-in ${service}: showing the code failed`));
      },
    };
    const flow: Flow = {
      cancel: () => {
        // MSAL checks the flag before each poll; the technician is answered at once.
        request.cancel = true;
        cancelled({ kind: 'cancelled' });
      },
    };
    this.flow = flow;
    const run = entry.app.acquireTokenByDeviceCode(request).then(
      async (result) => {
        await shown;
        return this.signedIn(entry, service, result);
      },
      async (error: unknown) => {
        await shown;
        if (badPrompt) return this.failure(entry, service, undefined);
        return this.failure(entry, service, error);
      },
    );
    try {
      const outcome = await Promise.race([run, cancellation]);
      if (outcome.kind === 'cancelled') this.log(`sign-in ${service}: cancelled`);
      return outcome;
    } finally {
      if (this.flow === flow) this.flow = undefined;
    }
  }

  /**
   * Sign-in in the system browser (`openBrowser` opens the URL; Electron: `shell.openExternal`). MSAL listens
   * on a loopback port for the redirect; the app registration needs the redirect URI `http://localhost`.
   * `cancel()` answers at once, but MSAL's loopback listener stays until the browser returns or the app exits.
   */
  async signInInteractive(
    service: SignInService,
    openBrowser: (url: string) => Promise<void>,
  ): Promise<SignInOutcome> {
    const prepared = await this.prepare(service);
    if (!prepared.ok) return prepared.outcome;
    if (this.flow) return { kind: 'busy' };
    const { entry } = prepared;
    entry.errors.length = 0;
    let cancelled!: (outcome: SignInOutcome) => void;
    const cancellation = new Promise<SignInOutcome>((resolve) => (cancelled = resolve));
    const flow: Flow = { cancel: () => cancelled({ kind: 'cancelled' }) };
    this.flow = flow;
    this.log(`sign-in ${service}: browser sign-in started`);
    let noBrowser = false;
    const run = entry.app
      .acquireTokenInteractive({
        scopes: [...entry.settings.scopes],
        openBrowser: async (url) => {
          try {
            await openBrowser(url);
          } catch (error) {
            noBrowser = true;
            throw error;
          }
        },
        successTemplate: BROWSER_DONE,
        errorTemplate: BROWSER_FAILED,
      })
      .then(
        (result) => this.signedIn(entry, service, result),
        (error: unknown): SignInOutcome => {
          if (!noBrowser) return this.failure(entry, service, error);
          this.log(`sign-in ${service}: no browser`);
          return { kind: 'no-browser' };
        },
      );
    try {
      return await Promise.race([run, cancellation]);
    } finally {
      if (this.flow === flow) this.flow = undefined;
    }
  }

  /** Stops the sign-in in progress, if any; its promise resolves `cancelled`. */
  cancel(): void {
    this.flow?.cancel();
  }

  /**
   * The bearer token for a submitter. The first call takes the cached token (renewed silently when near
   * expiry); a later call means the service refused the last one (TokenSource's contract), so a token equal
   * to the last is renewed with the refresh token instead of handed out again.
   */
  tokenSource(service: SignInService): TokenSource {
    let last: string | undefined;
    return async () => {
      const fromEnv = this.envToken();
      if (fromEnv) return fromEnv;
      const token = await this.silentToken(service, last);
      last = token;
      return token;
    };
  }

  /** Removes every account and token, in memory and on disk. */
  async signOut(): Promise<void> {
    this.cancel();
    for (const [service, entry] of this.apps) {
      try {
        const accounts = await entry.app.getTokenCache().getAllAccounts();
        for (const account of accounts) await entry.app.getTokenCache().removeAccount(account);
      } catch {
        this.log(`sign-in ${service}: sign-out could not read the cache`);
      }
    }
    this.apps.clear();
    await this.options.store.clear();
    this.log('sign-in: signed out');
  }

  // -------------------------------------------------------------------------------------------------------

  private async prepare(service: SignInService): Promise<Prepared> {
    if (this.envToken()) return { ok: false, outcome: { kind: 'env-token' } };
    const read = await readSignInSettings(this.options.settingsFile);
    if (read.kind === 'not-configured') {
      if (read.problem.kind !== 'missing') this.log(`sign-in: settings refused (${read.problem.kind})`);
      return { ok: false, outcome: read };
    }
    const settings = read.settings[service];
    const key = `${settings.clientId}|${settings.authority}`;
    const existing = this.apps.get(service);
    if (existing?.key === key) return { ok: true, entry: existing };
    const errors: ServerErrorReport[] = [];
    const app = new PublicClientApplication({
      auth: {
        clientId: settings.clientId,
        authority: settings.authority,
        ...(this.options.authorityMetadata ? { authorityMetadata: this.options.authorityMetadata } : {}),
        ...(this.options.cloudDiscoveryMetadata
          ? { cloudDiscoveryMetadata: this.options.cloudDiscoveryMetadata }
          : {}),
      },
      cache: { cachePlugin: this.options.store.plugin(service) },
      system: {
        networkClient: observedNetwork(this.network, (report) => {
          errors.push(report);
          this.log(
            `sign-in ${service}: ${report.endpoint} answered ${report.error} ${codesText(report.codes)}`,
          );
        }),
        // MSAL's own lines may quote server descriptions; the log keeps event names and codes only.
        loggerOptions: {
          loggerCallback: () => undefined,
          piiLoggingEnabled: false,
          logLevel: LogLevel.Error,
        },
      },
    });
    const entry: ServiceApp = { key, settings, app, errors };
    this.apps.set(service, entry);
    return { ok: true, entry };
  }

  private async account(entry: ServiceApp): Promise<AccountInfo | undefined> {
    const accounts = await entry.app.getTokenCache().getAllAccounts();
    return accounts[0];
  }

  /** Keeps only the account just signed in, so status and tokens always mean that one. */
  private async signedIn(
    entry: ServiceApp,
    service: SignInService,
    result: AuthenticationResult | null,
  ): Promise<SignInOutcome> {
    const account = result?.account;
    if (!result || !account) return this.failure(entry, service, undefined);
    const cache = entry.app.getTokenCache();
    for (const other of await cache.getAllAccounts()) {
      if (other.homeAccountId !== account.homeAccountId) await cache.removeAccount(other);
    }
    this.log(`sign-in ${service}: signed in`);
    return signedIn(account);
  }

  private failure(entry: ServiceApp, service: SignInService, error: unknown): SignInOutcome {
    const outcome = classifySignInError(error, entry.errors);
    this.log(`sign-in ${service}: ended ${outcome.kind}${errorCodeSuffix(error)}`);
    return outcome;
  }

  private async silentToken(service: SignInService, refused: string | undefined): Promise<string> {
    const prepared = await this.prepare(service);
    if (!prepared.ok) {
      if (prepared.outcome.kind === 'env-token') return this.envToken() ?? '';
      throw new SignInNeededError(service, { kind: 'not-configured' });
    }
    const { entry } = prepared;
    const account = await this.account(entry);
    if (!account) throw new SignInNeededError(service, { kind: 'signed-out' });
    entry.errors.length = 0;
    try {
      let result = await entry.app.acquireTokenSilent({ account, scopes: [...entry.settings.scopes] });
      if (refused !== undefined && result.accessToken === refused) {
        this.log(`token ${service}: renewing a refused token`);
        result = await entry.app.acquireTokenSilent({
          account,
          scopes: [...entry.settings.scopes],
          forceRefresh: true,
        });
      }
      if (!result.accessToken)
        throw new SignInNeededError(service, { kind: 'session-expired', reference: '' });
      return result.accessToken;
    } catch (error) {
      if (error instanceof SignInNeededError) throw error;
      const problem = classifyTokenError(error, entry.errors);
      this.log(`token ${service}: failed ${problem.kind}${errorCodeSuffix(error)}`);
      throw new SignInNeededError(service, problem);
    }
  }
}

function signedIn(account: AccountInfo): Extract<SignInOutcome, { kind: 'signed-in' }> {
  return { kind: 'signed-in', username: account.username, tenantId: account.tenantId };
}

function httpsUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' ? value : undefined;
  } catch {
    return undefined;
  }
}

async function qrSvg(uri: string): Promise<string | undefined> {
  try {
    return await qrToString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  } catch {
    return undefined;
  }
}

function codesText(codes: readonly number[]): string {
  return codes.length > 0 ? `[${codes.map((c) => `AADSTS${c}`).join(' ')}]` : '';
}

/** The MSAL error code (never its message) for the log. */
function errorCodeSuffix(error: unknown): string {
  if (error instanceof AuthError && error.errorCode) return ` (${error.errorCode.slice(0, 60)})`;
  return '';
}

const REFUSAL_CODES: ReadonlyArray<readonly [RefusalReason, readonly number[]]> = [
  ['public-client-flows-disabled', [7000218]],
  ['app-not-found', [700016]],
  ['tenant-not-found', [90002, 900023]],
  ['consent-needed', [65001, 90094, 500011]],
  ['wrong-account', [50020, 50034]],
  ['blocked-by-policy', [53000, 53001, 53002, 53003, 53004]],
];

function refusalReason(codes: readonly number[]): RefusalReason {
  for (const [reason, known] of REFUSAL_CODES) if (codes.some((c) => known.includes(c))) return reason;
  return 'other';
}

function reference(error: string | undefined, codes: readonly number[]): string {
  const parts = [...codes.slice(0, 2).map((c) => `AADSTS${c}`), ...(error ? [error] : [])];
  return parts.length > 0 ? `[${parts.join(' ')}]` : '';
}

/** The OAuth error name MSAL reports: for polling errors it is the whole message of `post_request_failed`. */
function oauthError(error: unknown): string | undefined {
  if (!(error instanceof AuthError)) return undefined;
  if (error instanceof ServerError) return error.errorCode;
  if (error.errorCode === 'post_request_failed') return error.errorMessage.trim().split(/\s/)[0];
  return error.errorCode;
}

/** Turns what MSAL threw, with the error answers seen, into the technician's outcome. */
export function classifySignInError(error: unknown, seen: readonly ServerErrorReport[]): SignInOutcome {
  const last = seen.at(-1);
  const code = error instanceof AuthError ? error.errorCode : undefined;
  const name = last?.error ?? oauthError(error);
  if (code === 'device_code_polling_cancelled' && !last) return { kind: 'cancelled' };
  if (code === 'device_code_expired' || code === 'user_timeout_reached' || name === 'expired_token')
    return { kind: 'expired' };
  if (name === 'authorization_declined' || name === 'access_denied' || last?.codes.includes(65004))
    return { kind: 'declined' };
  if (!last && (code === 'network_error' || code === 'no_network_connectivity')) return { kind: 'network' };
  const codes = last?.codes ?? serverCodes(error);
  return { kind: 'refused', reason: refusalReason(codes), reference: reference(name, codes) };
}

/** Turns a failed silent acquisition into the problem the technician reads. */
export function classifyTokenError(error: unknown, seen: readonly ServerErrorReport[]): TokenProblem {
  const last = seen.at(-1);
  const code = error instanceof AuthError ? error.errorCode : undefined;
  if (!last && (code === 'network_error' || code === 'no_network_connectivity')) return { kind: 'network' };
  const codes = last?.codes ?? serverCodes(error);
  const name = last?.error ?? oauthError(error);
  const reason = refusalReason(codes);
  if (reason !== 'other' && reason !== 'wrong-account')
    return { kind: 'refused', reason, reference: reference(name, codes) };
  return { kind: 'session-expired', reference: reference(name, codes) };
}

function serverCodes(error: unknown): number[] {
  if (error instanceof ServerError && error.errorNo) {
    const n = Number(error.errorNo);
    return Number.isInteger(n) ? [n] : [];
  }
  return [];
}
