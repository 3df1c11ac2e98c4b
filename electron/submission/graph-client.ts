/**
 * The one wrapper around Microsoft Graph's Autopilot import endpoints (STYLE item 4): a fixed set of calls
 * over Node's own `fetch`, each with a timeout, each answer parsed as `unknown` with a schema before anything
 * reads it, and every expected failure returned as a `kind` union, never thrown. Retrying, pacing and token
 * renewal are the submitter's business; this module makes exactly one request per call.
 *
 * Nothing secret leaves it: the bearer token is only ever put in the Authorization header, the hash only in
 * the request body, and log lines and failures carry the method, the path, the status and Graph's error
 * code, never headers or bodies (the service's error text goes to the log only after hashes are redacted).
 *
 * Endpoints (BRIEF §6), each on the API version it is documented in (ENDPOINT_VERSIONS): the import and
 * device endpoints on v1.0 (Graph v1.0 "importedWindowsAutopilotDeviceIdentity", "windowsAutopilotDeviceIdentity"),
 * the sync on beta only: `windowsAutopilotSettings` and its `sync` action are documented under graph-rest-beta
 * alone (learn.microsoft.com/graph/api/resources/intune-enrollment-windowsautopilotsettings?view=graph-rest-beta),
 * the beta PowerShell SDK has `Sync-MgBetaDeviceManagementWindowsAutopilotSetting` and the v1.0 one has no
 * such cmdlet, and Microsoft's WindowsAutopilotIntune module (`Invoke-AutopilotSync`) and its community fork
 * call `beta/deviceManagement/windowsAutopilotSettings/sync`.
 * - GET    /deviceManagement/importedWindowsAutopilotDeviceIdentities          (paged by `@odata.nextLink`)
 * - POST   /deviceManagement/importedWindowsAutopilotDeviceIdentities          201 + the created record
 * - GET    /deviceManagement/importedWindowsAutopilotDeviceIdentities/{id}
 * - DELETE /deviceManagement/importedWindowsAutopilotDeviceIdentities/{id}     204
 * - POST   /beta/deviceManagement/windowsAutopilotSettings/sync                204, 409 running, 429 too soon
 * - GET    /deviceManagement/windowsAutopilotDeviceIdentities/{id}         the registered device (Graph v1.0
 *          "Get windowsAutopilotDeviceIdentity": `id`, `serialNumber`, `groupTag`...); 404 until it exists
 * - POST   /deviceManagement/windowsAutopilotDeviceIdentities/{id}/updateDeviceProperties   204
 *          (Graph v1.0 "windowsAutopilotDeviceIdentity: updateDeviceProperties"; body `{"groupTag": ...}`)
 *
 * The list is not filtered on the server: `$filter` is not documented for importedWindowsAutopilotDeviceIdentities,
 * and on the sibling windowsAutopilotDeviceIdentities `serialNumber eq` answers 400 and `contains()` fails for
 * serials with hyphens (msgraph-sdk-powershell #1260, #2464). The submitter lists once and matches serials here.
 */
import { z } from 'zod';
import { redactHashes } from '../collection/hash-redaction';
import { classifyStatus } from '../../shared/submission/retry-policy';
import type { Dispatcher } from 'undici';
import {
  assertNever,
  checkedBaseUrl,
  exchange,
  isLoopback,
  keptAliveDispatcher,
  lostAnswer,
  parseBody,
} from './service-http';

/** Kept here for the modules that import it from the Graph client. */
export { networkCode } from './service-http';

export const DEFAULT_GRAPH_URL = 'https://graph.microsoft.com';

/** The base URL: `HARVESTER_GRAPH_URL` when set (tests point it at `http://127.0.0.1:PORT`), else Graph. */
export function graphBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.HARVESTER_GRAPH_URL?.trim();
  return fromEnv ? fromEnv : DEFAULT_GRAPH_URL;
}

/**
 * The hosts a token from sign-in is issued for (MSAL scopes `https://graph.microsoft.com/...` and
 * `https://api.partnercenter.microsoft.com/...`). Such a token must go nowhere else.
 */
export const SIGN_IN_TOKEN_HOSTS: Readonly<Record<'graph' | 'partner-center', string>> = Object.freeze({
  graph: 'graph.microsoft.com',
  'partner-center': 'api.partnercenter.microsoft.com',
});

/**
 * When `HARVESTER_GRAPH_URL` / `HARVESTER_PARTNER_CENTER_URL` points `service` anywhere but https on the host
 * its signed-in token is for: that variable's name and value (then only `HARVESTER_TOKEN` may be used, as in
 * automation). Undefined when the default, or the same host, is used, and for `http://127.0.0.1:PORT` (the
 * mocks of the tests): a token sent there does not leave the machine.
 */
export function signInUrlProblem(
  service: 'graph' | 'partner-center',
  env: Readonly<Record<string, string | undefined>>,
): { readonly name: string; readonly value: string } | undefined {
  const name = service === 'graph' ? 'HARVESTER_GRAPH_URL' : 'HARVESTER_PARTNER_CENTER_URL';
  const value = env[name]?.trim();
  if (!value) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' && isLoopback(url.hostname)) return undefined;
    const sameHost = url.protocol === 'https:' && url.hostname.toLowerCase() === SIGN_IN_TOKEN_HOSTS[service];
    return sameHost && url.port === '' ? undefined : { name, value };
  } catch {
    return { name, value };
  }
}

/** Where the bearer token comes from. Called again only when Graph refuses the current one. */
export type TokenSource = () => Promise<string>;

/** For automation and tests: `HARVESTER_TOKEN`, read at each call so a renewed value is picked up. */
export function environmentToken(env: NodeJS.ProcessEnv = process.env): TokenSource {
  return async () => {
    const token = env.HARVESTER_TOKEN?.trim();
    if (!token) throw new Error('HARVESTER_TOKEN is not set');
    return token;
  };
}

export type ImportStatus = 'unknown' | 'pending' | 'partial' | 'complete' | 'error';

/** An import record as this app uses it. The hash Graph echoes back is dropped at the schema. */
export interface ImportedRecord {
  readonly id: string;
  readonly serialNumber: string;
  readonly groupTag: string;
  readonly status: ImportStatus;
  readonly errorCode: number | undefined;
  readonly errorName: string | undefined;
  /** On `complete`: the id of the `windowsAutopilotDeviceIdentities` record. */
  readonly registrationId: string | undefined;
}

/** One device to import. `hardwareHash` is the base64 text as collected. */
export interface ImportRequest {
  readonly serialNumber: string;
  readonly hardwareHash: string;
  /** Already resolved by resolveGroupTag; sent as it is. */
  readonly groupTag: string;
  readonly productKey?: string;
  readonly assignedUserPrincipalName?: string;
}

export interface ImportedPage {
  readonly records: readonly ImportedRecord[];
  /** The next page's URL, checked to be on the same service; undefined on the last page. */
  readonly nextLink: string | undefined;
}

/** A registered Autopilot device (windowsAutopilotDeviceIdentity) as this app reads it. */
export interface RegisteredDevice {
  readonly id: string;
  readonly serialNumber: string;
  readonly groupTag: string;
}

export type SyncResult =
  | { readonly kind: 'started' }
  /** 409: a sync is already running; its result covers the new devices too. */
  | { readonly kind: 'already-running' }
  /** 429: the last sync was less than 10 minutes ago. Not a reason to slow down imports. */
  | { readonly kind: 'too-soon'; readonly retryAfterMs: number | undefined };

/** Expected failures of one request. */
export type GraphFailure =
  /** 429, or 503 with Retry-After: the app must wait `retryAfterMs` (when given) before any request. */
  | { readonly kind: 'throttled'; readonly status: number; readonly retryAfterMs: number | undefined }
  /** 401: the token expired or is not for Graph. */
  | { readonly kind: 'unauthorized' }
  /** 403: the account or app lacks DeviceManagementServiceConfig.ReadWrite.All. */
  | { readonly kind: 'forbidden'; readonly code: string | undefined }
  | { readonly kind: 'not-found' }
  /** 5xx (and 408): a passing fault; `retryable` is false for those that do not pass (501...). */
  | { readonly kind: 'server-error'; readonly status: number; readonly retryable: boolean }
  /** No answer: connection refused, reset or dropped, or the request timed out (`code` 'timeout'). */
  | { readonly kind: 'network'; readonly code: string | undefined; readonly retryable: boolean }
  /** An answer that does not match the documented shape. `detail` names the failing fields. */
  | { readonly kind: 'bad-response'; readonly status: number; readonly detail: string }
  /** Any other 4xx: the request was refused as it is. */
  | { readonly kind: 'refused'; readonly status: number; readonly code: string | undefined };

export type GraphFailureKind = GraphFailure['kind'];

export type GraphResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: GraphFailure };

export interface GraphClientOptions {
  /** Default: graphBaseUrl(). */
  readonly baseUrl?: string;
  /**
   * The version of the import and device endpoints: default `v1.0`, where they are documented (they are the
   * same in `beta`). The sync is always sent to `beta`, the only version that has it.
   */
  readonly apiVersion?: GraphApiVersion;
  /** The connection pool; default one of its own (keptAliveDispatcher). */
  readonly dispatcher?: Dispatcher;
  /** Per request, connection and body included. Default 30 s. */
  readonly timeoutMs?: number;
  /** Where a line per request goes (the technical log). Default: nowhere. */
  readonly log?: (line: string) => void;
  /** For Retry-After dates when the response has no Date header. */
  readonly now?: () => number;
}

export type GraphApiVersion = 'v1.0' | 'beta';

/** The sync is documented in beta only (see the module comment), whatever version the imports use. */
export const SYNC_API_VERSION: GraphApiVersion = 'beta';

const IMPORTED = 'deviceManagement/importedWindowsAutopilotDeviceIdentities';
const SYNC = 'deviceManagement/windowsAutopilotSettings/sync';
const REGISTERED = 'deviceManagement/windowsAutopilotDeviceIdentities';

// ---------------------------------------------------------------------------------------------------------
// Schemas: the documented fields this app reads; everything else (the echoed hash included) is dropped.

const KNOWN_STATUSES: readonly ImportStatus[] = ['unknown', 'pending', 'partial', 'complete', 'error'];

const StateSchema = z.object({
  // Graph enums grow (`unknownFutureValue`); a value this app does not know is treated as not final.
  deviceImportStatus: z
    .string()
    .nullish()
    .transform((s): ImportStatus => {
      const lower = (s ?? '').toLowerCase();
      return (KNOWN_STATUSES as readonly string[]).includes(lower) ? (lower as ImportStatus) : 'unknown';
    }),
  deviceRegistrationId: z.string().nullish(),
  deviceErrorCode: z.number().int().nullish(),
  deviceErrorName: z.string().nullish(),
});

const RecordSchema = z
  .object({
    id: z.string().min(1).max(200),
    serialNumber: z.string().nullish(),
    groupTag: z.string().nullish(),
    state: StateSchema.nullish(),
  })
  .transform((r): ImportedRecord => ({
    id: r.id,
    serialNumber: r.serialNumber ?? '',
    groupTag: r.groupTag ?? '',
    status: r.state?.deviceImportStatus ?? 'unknown',
    errorCode: r.state?.deviceErrorCode ?? undefined,
    errorName: r.state?.deviceErrorName || undefined,
    registrationId: r.state?.deviceRegistrationId || undefined,
  }));

const RegisteredSchema = z
  .object({
    id: z.string().min(1).max(200),
    serialNumber: z.string().nullish(),
    groupTag: z.string().nullish(),
  })
  .transform((r): RegisteredDevice => ({
    id: r.id,
    serialNumber: r.serialNumber ?? '',
    groupTag: r.groupTag ?? '',
  }));

const PageSchema = z.object({
  value: z.array(RecordSchema),
  '@odata.nextLink': z.string().nullish(),
});

const ErrorBodySchema = z.object({
  error: z.object({ code: z.string().max(200).optional(), message: z.string().optional() }),
});

// ---------------------------------------------------------------------------------------------------------

export class GraphClient {
  private readonly origin: string;
  private readonly root: string;
  /** The root the sync is sent to (beta). */
  private readonly syncRoot: string;
  private readonly dispatcher: Dispatcher;
  private readonly timeoutMs: number;
  private readonly log: (line: string) => void;
  private readonly now: () => number;

  constructor(options: GraphClientOptions = {}) {
    const base = checkedBaseUrl(options.baseUrl ?? graphBaseUrl(), 'Graph');
    this.origin = base.origin;
    const prefix = `${base.origin}${base.pathname.replace(/\/+$/, '')}`;
    this.root = `${prefix}/${options.apiVersion ?? 'v1.0'}/`;
    this.syncRoot = `${prefix}/${SYNC_API_VERSION}/`;
    this.dispatcher = options.dispatcher ?? keptAliveDispatcher();
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.log = options.log ?? (() => undefined);
    this.now = options.now ?? Date.now;
  }

  /** One page of the tenant's import records; pass the previous page's `nextLink` for the next. */
  async listImportedPage(token: string, nextLink?: string): Promise<GraphResult<ImportedPage>> {
    let url = this.root + IMPORTED;
    if (nextLink !== undefined) {
      // The token goes only to the service it was meant for, whatever a response says.
      if (!this.sameService(nextLink)) {
        return fail({ kind: 'bad-response', status: 200, detail: 'nextLink points to another host' });
      }
      url = nextLink;
    }
    const response = await this.send('GET', url, token);
    if (!response.ok) return response;
    const parsed = parseBody(PageSchema, response.value);
    if (!parsed.ok) return parsed;
    const link = parsed.value['@odata.nextLink'] ?? undefined;
    if (link !== undefined && !this.sameService(link)) {
      return fail({ kind: 'bad-response', status: 200, detail: 'nextLink points to another host' });
    }
    return { ok: true, value: { records: parsed.value.value, nextLink: link } };
  }

  /**
   * Creates the import record for one device. The body is built by JSON.stringify from named fields, so a
   * quote or backslash in any value stays a character of that value.
   */
  async importDevice(token: string, device: ImportRequest): Promise<GraphResult<ImportedRecord>> {
    const body: Record<string, string> = {
      '@odata.type': '#microsoft.graph.importedWindowsAutopilotDeviceIdentity',
      serialNumber: device.serialNumber,
      hardwareIdentifier: device.hardwareHash,
    };
    if (device.groupTag !== '') body.groupTag = device.groupTag;
    if (device.productKey) body.productKey = device.productKey;
    if (device.assignedUserPrincipalName) body.assignedUserPrincipalName = device.assignedUserPrincipalName;
    const response = await this.send('POST', this.root + IMPORTED, token, JSON.stringify(body));
    if (!response.ok) return response;
    return parseBody(RecordSchema, response.value);
  }

  async getImported(token: string, id: string): Promise<GraphResult<ImportedRecord>> {
    const response = await this.send('GET', this.recordUrl(id), token);
    if (!response.ok) return response;
    return parseBody(RecordSchema, response.value);
  }

  async deleteImported(token: string, id: string): Promise<GraphResult<undefined>> {
    const response = await this.send('DELETE', this.recordUrl(id), token);
    return response.ok ? { ok: true, value: undefined } : response;
  }

  /**
   * Sets the group tag of a registered Autopilot device (`registrationId`: the windowsAutopilotDeviceIdentities
   * id an import record names). The body is built by JSON.stringify, like an import's.
   */
  async updateDeviceProperties(
    token: string,
    registrationId: string,
    properties: { readonly groupTag: string },
  ): Promise<GraphResult<undefined>> {
    const url = `${this.root}${REGISTERED}/${encodeURIComponent(registrationId)}/updateDeviceProperties`;
    const response = await this.send('POST', url, token, JSON.stringify({ groupTag: properties.groupTag }));
    return response.ok ? { ok: true, value: undefined } : response;
  }

  /** The registered Autopilot device `registrationId` names; `not-found` while Autopilot does not list it. */
  async getRegistered(token: string, registrationId: string): Promise<GraphResult<RegisteredDevice>> {
    const response = await this.send(
      'GET',
      `${this.root}${REGISTERED}/${encodeURIComponent(registrationId)}`,
      token,
    );
    if (!response.ok) return response;
    return parseBody(RegisteredSchema, response.value);
  }

  /** Asks Autopilot to sync now, so new devices show up with their group tag within minutes. */
  async syncAutopilot(token: string): Promise<GraphResult<SyncResult>> {
    const response = await this.send('POST', this.syncRoot + SYNC, token, undefined, [409, 429]);
    if (!response.ok) return response;
    switch (response.value.status) {
      case 409:
        return { ok: true, value: { kind: 'already-running' } };
      case 429:
        return { ok: true, value: { kind: 'too-soon', retryAfterMs: response.value.retryAfterMs } };
      default:
        return { ok: true, value: { kind: 'started' } };
    }
  }

  private recordUrl(id: string): string {
    return `${this.root}${IMPORTED}/${encodeURIComponent(id)}`;
  }

  private sameService(link: string): boolean {
    try {
      const url = new URL(link);
      return url.origin === this.origin && url.href.startsWith(this.root);
    } catch {
      return false;
    }
  }

  /**
   * One request. Statuses in `expected` come back as answers (sync's 409 and 429); other non-2xx statuses as
   * failures. The body is read whole here, so a connection dropped mid-body is a network failure too.
   */
  private async send(
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    token: string,
    body?: string,
    expected: readonly number[] = [],
  ): Promise<GraphResult<RawAnswer>> {
    const started = this.now();
    const path = new URL(url).pathname;
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const answer = await exchange(url, { method, headers, body }, this.timeoutMs, this.now, this.dispatcher);
    if (!answer.ok) {
      const { status, code, retryable } = answer;
      this.log(
        `graph ${method} ${path} -> ${lostAnswer(status)} (${code ?? 'unknown'}, ${this.now() - started} ms)`,
      );
      return fail({ kind: 'network', code, retryable });
    }
    const { status, text, retryAfterMs } = answer;
    this.log(`graph ${method} ${path} -> ${status} (${this.now() - started} ms)`);
    if ((status >= 200 && status < 300) || expected.includes(status)) {
      return { ok: true, value: { status, text, retryAfterMs } };
    }
    return fail(this.failureFor(status, text, retryAfterMs, method, path));
  }

  private failureFor(
    status: number,
    text: string,
    retryAfterMs: number | undefined,
    method: string,
    path: string,
  ): GraphFailure {
    const error = graphError(text);
    if (error.message !== undefined) {
      // The service's own words are for support only, and may quote what was sent.
      this.log(
        `graph ${method} ${path} error ${error.code ?? '?'}: ${redactHashes(error.message).slice(0, 500)}`,
      );
    }
    if (status === 503 && retryAfterMs !== undefined) return { kind: 'throttled', status, retryAfterMs };
    const statusClass = classifyStatus(status);
    switch (statusClass) {
      case 'token':
        return { kind: 'unauthorized' };
      case 'permission':
        return { kind: 'forbidden', code: error.code };
      case 'not-found':
        return { kind: 'not-found' };
      case 'retry':
        return status === 429
          ? { kind: 'throttled', status, retryAfterMs }
          : { kind: 'server-error', status, retryable: true };
      case 'refused':
        return status >= 500
          ? { kind: 'server-error', status, retryable: false }
          : { kind: 'refused', status, code: error.code };
      default:
        return assertNever(statusClass);
    }
  }
}

interface RawAnswer {
  readonly status: number;
  readonly text: string;
  readonly retryAfterMs: number | undefined;
}

function graphError(text: string): {
  readonly code: string | undefined;
  readonly message: string | undefined;
} {
  try {
    const parsed = ErrorBodySchema.safeParse(JSON.parse(text));
    if (parsed.success) {
      const code = parsed.data.error.code;
      return { code: code && /^[\w.-]+$/.test(code) ? code : undefined, message: parsed.data.error.message };
    }
  } catch {
    // Not JSON: nothing to report but the status.
  }
  return { code: undefined, message: undefined };
}

function fail(failure: GraphFailure): { readonly ok: false; readonly failure: GraphFailure } {
  return { ok: false, failure };
}
