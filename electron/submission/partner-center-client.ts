/**
 * The one wrapper around the Partner Center REST calls this app makes for a partner registering a customer's
 * devices (STYLE item 4), built like the Graph client: Node's own `fetch`, a timeout per request, every answer
 * parsed as `unknown` with a schema, and every expected failure returned as a `kind` union, never thrown.
 * Retrying, pacing and token renewal are the submitter's business.
 *
 * Headers (Partner Center REST headers): every request carries `MS-RequestId` and `MS-CorrelationId`. The
 * request ID makes a write idempotent: "in the case of a timeout, the retry call should include the same
 * value", so callers pass the ID of the logical request and pass it again when they retry it. The correlation
 * ID ties a run's requests together in Microsoft's traces (as the .NET SDK's scoped operations do).
 *
 * Nothing secret leaves it: the token goes only into the Authorization header, hashes only into request
 * bodies; log lines and failures carry the method, the path, the status and the service's code, and the
 * service's description only after hashes are redacted and it is cut short.
 *
 * Endpoints (under `{base}/v1`):
 * - GET  /customers?size=N                          paged: `links.next` with an `MS-ContinuationToken` header
 * - GET  /customers/{id}/deviceBatches              the customer's batches (`items[].id` is the batch name)
 * - POST /customers/{id}/deviceBatches              `{batchId, devices}` -> 202 + Location
 * - POST /customers/{id}/deviceBatches/{batchId}/devices   `[devices]` -> 202 + Location
 * - GET  /customers/{id}/deviceBatches/{batchId}/devices   the devices already in a batch ("Get a list of
 *        devices in a batch for the specified customer": `items[]` of Device, `serialNumber`...)
 * - GET  {Location} = /customers/{id}/batchJobStatus/{trackingId}    the upload's status, per device
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { redactHashes } from '../collection/hash-redaction';
import { classifyStatus } from '../../shared/submission/retry-policy';
import { assertNever, checkedBaseUrl, exchange, lostAnswer, parseBody } from './service-http';

export const DEFAULT_PARTNER_CENTER_URL = 'https://api.partnercenter.microsoft.com';

/** `HARVESTER_PARTNER_CENTER_URL` when set (tests point it at `http://127.0.0.1:PORT`), else Partner Center. */
export function partnerCenterBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.HARVESTER_PARTNER_CENTER_URL?.trim();
  return fromEnv ? fromEnv : DEFAULT_PARTNER_CENTER_URL;
}

/** The IDs of one logical request. Pass the same `requestId` again when retrying that request. */
export interface RequestIds {
  readonly requestId: string;
  readonly correlationId: string;
}

export interface Customer {
  /** The customer's tenant ID: what the device calls take. */
  readonly id: string;
  readonly companyName: string;
  readonly domain: string;
}

/** Where the next page is: a path under the service and the continuation token to send with it. */
export interface PageLink {
  readonly uri: string;
  readonly continuationToken: string | undefined;
}

export interface CustomerPage {
  readonly customers: readonly Customer[];
  readonly next: PageLink | undefined;
}

export interface DeviceBatch {
  /** The batch name: in this app, the group tag. */
  readonly id: string;
  readonly devicesCount: number | undefined;
}

/**
 * One device to upload. `hardwareHash` is the base64 text as collected. Only a documented combination of
 * fields is sent ("Upload a list of devices to create a new batch": HardwareHash + ProductKey, HardwareHash
 * + SerialNumber, HardwareHash + ProductKey + SerialNumber, HardwareHash only, ProductKey only, SerialNumber
 * + OemManufacturerName + ModelName): this app always has the hash and the serial, so it sends those and the
 * product key when known. Maker and model go only without a hash, which never happens here (so the type has
 * no place for them); Get-WindowsAutoPilotInfo -Partner likewise fills them only when it has no hash.
 */
export interface BatchDevice {
  readonly serialNumber: string;
  readonly hardwareHash: string;
  readonly productKey?: string;
}

/** A device already in a batch, as the batch's device list gives it. */
export interface BatchMember {
  readonly serialNumber: string;
  readonly productKey: string;
}

/** The answer to an upload: where its status can be read. */
export interface UploadAccepted {
  /** The Location as given (`/customers/{id}/batchJobStatus/{trackingId}`), checked to be one. */
  readonly location: string;
  readonly trackingId: string;
}

export type BatchJobState = 'unknown' | 'queued' | 'processing' | 'finished' | 'finished_with_errors';

export type DeviceUploadState = 'in_progress' | 'finished' | 'finished_with_errors' | 'unknown';

export interface DeviceUploadStatus {
  readonly serialNumber: string;
  readonly productKey: string;
  readonly status: DeviceUploadState;
  readonly errorCode: string | undefined;
  /** The service's words; may be a Ztd name or a sentence. Hashes are redacted at the schema. */
  readonly errorDescription: string | undefined;
}

export interface BatchJobStatus {
  readonly trackingId: string;
  readonly status: BatchJobState;
  readonly devices: readonly DeviceUploadStatus[];
}

/** Expected failures of one request. */
export type PartnerCenterFailure =
  /** 429, or 503 with Retry-After: no request may go for `retryAfterMs` (when given). */
  | { readonly kind: 'throttled'; readonly status: number; readonly retryAfterMs: number | undefined }
  /** 401: the token expired or is not for Partner Center (scope `user_impersonation`). */
  | { readonly kind: 'unauthorized' }
  /**
   * 401 with error code 900421: the token lacks the MFA claim Partner Center requires of app+user calls
   * since 2026-04-01 (Microsoft Learn "Partner security requirements", the MFA enforcement for Partner
   * Center APIs). Not a token to renew.
   */
  | { readonly kind: 'mfa-required' }
  /** 403: the account lacks the role (admin agent), or the partner has no relationship with the customer. */
  | { readonly kind: 'forbidden'; readonly code: string | undefined }
  /** 404: the customer, the batch or the upload status is not there. */
  | { readonly kind: 'not-found'; readonly code: string | undefined }
  /** Creating a batch whose name the customer already has (409, or a 400 that says so). */
  | { readonly kind: 'batch-exists'; readonly code: string | undefined }
  /** Any other 4xx: refused as it is. `description` is redacted and cut to 300 characters. */
  | {
      readonly kind: 'bad-request';
      readonly status: number;
      readonly code: string | undefined;
      readonly description: string | undefined;
    }
  /** 5xx (and 408); `retryable` is false for those that do not pass (501...). */
  | { readonly kind: 'server-error'; readonly status: number; readonly retryable: boolean }
  /** No answer: refused, reset or dropped connection, or our timeout (`code` 'timeout'). */
  | { readonly kind: 'network'; readonly code: string | undefined; readonly retryable: boolean }
  /** An answer that does not match the documented shape. */
  | { readonly kind: 'bad-response'; readonly status: number; readonly detail: string };

export type PartnerCenterFailureKind = PartnerCenterFailure['kind'];

export type PartnerCenterResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: PartnerCenterFailure };

export interface PartnerCenterClientOptions {
  /** Default: partnerCenterBaseUrl(). */
  readonly baseUrl?: string;
  /** Per request, connection and body included. Default 60 s (uploads of many hashes are large). */
  readonly timeoutMs?: number;
  /** Customers per page. Default 100. */
  readonly pageSize?: number;
  /** Where a line per request goes (the technical log). Default: nowhere. */
  readonly log?: (line: string) => void;
  readonly now?: () => number;
}

/** Pages followed at most by a list call: a service that keeps answering `next` must not loop forever. */
const MAX_PAGES = 1_000;

// ---------------------------------------------------------------------------------------------------------
// Schemas: the documented fields this app reads. Field names are matched as documented (camelCase).

const LinkSchema = z.object({
  uri: z.string().min(1).max(4_000),
  headers: z.array(z.object({ key: z.string(), value: z.string().nullish() })).nullish(),
});

const LinksSchema = z.object({ next: LinkSchema.nullish() }).nullish();

const CustomerSchema = z
  .object({
    id: z.string().min(1).max(200),
    companyProfile: z.object({ companyName: z.string().nullish(), domain: z.string().nullish() }).nullish(),
  })
  .transform((c): Customer => ({
    id: c.id,
    companyName: c.companyProfile?.companyName ?? '',
    domain: c.companyProfile?.domain ?? '',
  }));

const CustomerPageSchema = z.object({ items: z.array(CustomerSchema), links: LinksSchema });

const DeviceBatchSchema = z
  .object({ id: z.string().min(1).max(500), devicesCount: z.number().int().nonnegative().nullish() })
  .transform((b): DeviceBatch => ({ id: b.id, devicesCount: b.devicesCount ?? undefined }));

const DeviceBatchPageSchema = z.object({ items: z.array(DeviceBatchSchema), links: LinksSchema });

const BatchMemberSchema = z
  .object({ serialNumber: z.string().nullish(), productKey: z.string().nullish() })
  .transform((d): BatchMember => ({ serialNumber: d.serialNumber ?? '', productKey: d.productKey ?? '' }));

const BatchMemberPageSchema = z.object({ items: z.array(BatchMemberSchema), links: LinksSchema });

const BATCH_STATES: readonly BatchJobState[] = [
  'unknown',
  'queued',
  'processing',
  'finished',
  'finished_with_errors',
];

const DeviceStatusSchema = z
  .object({
    serialNumber: z.string().nullish(),
    productKey: z.string().nullish(),
    status: z.string().nullish(),
    // Documented as a string; a number is read the same.
    errorCode: z.union([z.string(), z.number()]).nullish(),
    errorDescription: z.string().nullish(),
  })
  .transform((d): DeviceUploadStatus => ({
    serialNumber: d.serialNumber ?? '',
    productKey: d.productKey ?? '',
    status: deviceState(d.status),
    errorCode:
      d.errorCode === null || d.errorCode === undefined || String(d.errorCode).trim() === ''
        ? undefined
        : String(d.errorCode).trim().slice(0, 100),
    errorDescription: d.errorDescription ? redactHashes(d.errorDescription).slice(0, 300) : undefined,
  }));

const BatchStatusSchema = z
  .object({
    batchTrackingId: z.string().nullish(),
    // An enum that may grow: a value this app does not know is treated as not final.
    status: z.string(),
    devicesStatus: z.array(DeviceStatusSchema).nullish(),
  })
  .transform((s): Omit<BatchJobStatus, 'trackingId'> & { readonly trackingId: string | undefined } => ({
    trackingId: s.batchTrackingId ?? undefined,
    status: (BATCH_STATES as readonly string[]).includes(s.status.toLowerCase())
      ? (s.status.toLowerCase() as BatchJobState)
      : 'unknown',
    devices: s.devicesStatus ?? [],
  }));

/** Partner Center's error body (`code`, `description`), or the gateway's (`statusCode`, `message`). */
const ErrorBodySchema = z.object({
  code: z.union([z.string(), z.number()]).nullish(),
  description: z.string().nullish(),
  message: z.string().nullish(),
  // The shape of the 900421 refusal is not documented; an OAuth-style `{error: {code, message}}` is read too.
  error: z
    .object({ code: z.union([z.string(), z.number()]).nullish(), message: z.string().nullish() })
    .nullish(),
});

function deviceState(status: string | null | undefined): DeviceUploadState {
  const s = (status ?? '').toLowerCase().replace(/-/g, '_');
  return s === 'in_progress' || s === 'finished' || s === 'finished_with_errors' ? s : 'unknown';
}

/** Partner Center's error code for an app+user token without the MFA claim (with HTTP 401). */
export const MFA_REQUIRED_CODE = '900421';

const TRACKING_LOCATION = /^\/(?:v1\/)?customers\/([^/?#]+)\/batchJobStatus\/([^/?#]+)$/i;

// ---------------------------------------------------------------------------------------------------------

export class PartnerCenterClient {
  private readonly origin: string;
  /** `{base}/v1`, without a trailing slash. */
  private readonly root: string;
  private readonly timeoutMs: number;
  private readonly pageSize: number;
  private readonly log: (line: string) => void;
  private readonly now: () => number;

  constructor(options: PartnerCenterClientOptions = {}) {
    const base = checkedBaseUrl(options.baseUrl ?? partnerCenterBaseUrl(), 'Partner Center');
    this.origin = base.origin;
    this.root = `${base.origin}${base.pathname.replace(/\/+$/, '')}/v1`;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.pageSize = Math.max(1, Math.min(500, options.pageSize ?? 100));
    this.log = options.log ?? (() => undefined);
    this.now = options.now ?? Date.now;
  }

  /** One page of the partner's customers; pass the previous page's `next` for the one after it. */
  async listCustomersPage(
    token: string,
    next?: PageLink,
    ids: RequestIds = this.freshIds(),
  ): Promise<PartnerCenterResult<CustomerPage>> {
    const page = await this.page(token, `/customers?size=${this.pageSize}`, next, ids, CustomerPageSchema);
    if (!page.ok) return page;
    return { ok: true, value: { customers: page.value.items, next: page.value.next } };
  }

  /**
   * Every customer, all pages. One attempt per page: a failure returns it (the caller retries the whole
   * list, which only reads). Each page is its own request with its own request ID.
   */
  async listCustomers(
    token: string,
    ids: RequestIds = this.freshIds(),
  ): Promise<PartnerCenterResult<readonly Customer[]>> {
    return this.allPages(ids, async (next, pageIds) => {
      const page = await this.listCustomersPage(token, next, pageIds);
      return page.ok ? { ok: true, value: { items: page.value.customers, next: page.value.next } } : page;
    });
  }

  /** The customer's device batches, all pages. */
  async listDeviceBatches(
    token: string,
    customerId: string,
    ids: RequestIds = this.freshIds(),
  ): Promise<PartnerCenterResult<readonly DeviceBatch[]>> {
    const first = `/customers/${encodeURIComponent(customerId)}/deviceBatches`;
    return this.allPages(ids, (next, pageIds) =>
      this.page(token, first, next, pageIds, DeviceBatchPageSchema),
    );
  }

  /** The devices already in the customer's batch `batchId` (all pages). */
  async listBatchDevices(
    token: string,
    customerId: string,
    batchId: string,
    ids: RequestIds = this.freshIds(),
  ): Promise<PartnerCenterResult<readonly BatchMember[]>> {
    const first =
      `/customers/${encodeURIComponent(customerId)}` +
      `/deviceBatches/${encodeURIComponent(batchId)}/devices`;
    return this.allPages(ids, (next, pageIds) =>
      this.page(token, first, next, pageIds, BatchMemberPageSchema),
    );
  }

  /**
   * Every item of a paged list, up to MAX_PAGES pages. The first page goes under `ids`, each further page
   * under fresh IDs of its own; the first failure is returned.
   */
  private async allPages<I>(
    ids: RequestIds,
    fetchPage: (
      next: PageLink | undefined,
      ids: RequestIds,
    ) => Promise<PartnerCenterResult<{ readonly items: readonly I[]; readonly next: PageLink | undefined }>>,
  ): Promise<PartnerCenterResult<readonly I[]>> {
    const all: I[] = [];
    let next: PageLink | undefined;
    for (let n = 0; n < MAX_PAGES; n++) {
      const page = await fetchPage(next, n === 0 ? ids : this.freshIds(ids));
      if (!page.ok) return page;
      all.push(...page.value.items);
      next = page.value.next;
      if (next === undefined) return { ok: true, value: all };
    }
    return fail({ kind: 'bad-response', status: 200, detail: `more than ${MAX_PAGES} pages` });
  }

  /**
   * Creates the batch `batchId` with its first devices. A customer that already has a batch of that name
   * answers `batch-exists`: add to it instead. Send the same `ids.requestId` when retrying.
   */
  async createDeviceBatch(
    token: string,
    customerId: string,
    batchId: string,
    devices: readonly BatchDevice[],
    ids: RequestIds,
  ): Promise<PartnerCenterResult<UploadAccepted>> {
    const body = JSON.stringify({ batchId, devices: devices.map(deviceBody) });
    const url = `${this.root}/customers/${encodeURIComponent(customerId)}/deviceBatches`;
    const answer = await this.send('POST', url, token, ids, body, undefined, 'create');
    return answer.ok ? this.accepted(answer.value) : answer;
  }

  /** Adds devices to the existing batch `batchId`. Send the same `ids.requestId` when retrying. */
  async addDevicesToBatch(
    token: string,
    customerId: string,
    batchId: string,
    devices: readonly BatchDevice[],
    ids: RequestIds,
  ): Promise<PartnerCenterResult<UploadAccepted>> {
    const body = JSON.stringify(devices.map(deviceBody));
    const url =
      `${this.root}/customers/${encodeURIComponent(customerId)}` +
      `/deviceBatches/${encodeURIComponent(batchId)}/devices`;
    const answer = await this.send('POST', url, token, ids, body);
    return answer.ok ? this.accepted(answer.value) : answer;
  }

  /** The status of an upload, from the Location its POST answered with. */
  async getBatchStatus(
    token: string,
    location: string,
    ids: RequestIds = this.freshIds(),
  ): Promise<PartnerCenterResult<BatchJobStatus>> {
    const tracking = parseLocation(location);
    if (tracking === undefined) {
      return fail({ kind: 'bad-response', status: 0, detail: 'Location is not a batchJobStatus path' });
    }
    const url =
      `${this.root}/customers/${encodeURIComponent(tracking.customerId)}` +
      `/batchJobStatus/${encodeURIComponent(tracking.trackingId)}`;
    const answer = await this.send('GET', url, token, ids);
    if (!answer.ok) return answer;
    const parsed = parseBody(BatchStatusSchema, answer.value);
    if (!parsed.ok) return parsed;
    return {
      ok: true,
      value: { ...parsed.value, trackingId: parsed.value.trackingId ?? tracking.trackingId },
    };
  }

  /** A new request ID under the same correlation ID (or a new one of both). */
  freshIds(ids?: RequestIds): RequestIds {
    return { requestId: randomUUID(), correlationId: ids?.correlationId ?? randomUUID() };
  }

  // -------------------------------------------------------------------------------------------------------

  private async page<T extends { readonly links?: z.infer<typeof LinksSchema> }>(
    token: string,
    firstPath: string,
    next: PageLink | undefined,
    ids: RequestIds,
    schema: z.ZodType<T>,
  ): Promise<PartnerCenterResult<T & { readonly next: PageLink | undefined }>> {
    let url = this.root + firstPath;
    if (next !== undefined) {
      const resolved = this.resolveLink(next.uri);
      if (resolved === undefined) {
        return fail({ kind: 'bad-response', status: 200, detail: 'next link points elsewhere' });
      }
      url = resolved;
    }
    const answer = await this.send('GET', url, token, ids, undefined, next?.continuationToken);
    if (!answer.ok) return answer;
    const parsed = parseBody(schema, answer.value);
    if (!parsed.ok) return parsed;
    const link = parsed.value.links?.next ?? undefined;
    let nextLink: PageLink | undefined;
    if (link !== undefined) {
      if (this.resolveLink(link.uri) === undefined) {
        return fail({ kind: 'bad-response', status: 200, detail: 'next link points elsewhere' });
      }
      const tokenHeader = link.headers?.find((h) => h.key.toLowerCase() === 'ms-continuationtoken');
      nextLink = { uri: link.uri, continuationToken: tokenHeader?.value ?? undefined };
    }
    return { ok: true, value: { ...parsed.value, next: nextLink } };
  }

  /**
   * A link from an answer as a URL on this service: `/customers?...` (relative to /v1, as Partner Center
   * writes them), `/v1/customers?...`, or an absolute URL under the same root. Anything else: undefined, so
   * the token never goes to another host.
   */
  private resolveLink(uri: string): string | undefined {
    try {
      if (/^https?:/i.test(uri)) {
        const url = new URL(uri);
        return url.origin === this.origin && url.href.startsWith(`${this.root}/`) ? url.href : undefined;
      }
      if (!uri.startsWith('/') || uri.startsWith('//')) return undefined;
      const rootPath = new URL(this.root).pathname;
      const path = uri.toLowerCase().startsWith('/v1/') ? uri.slice(3) : uri;
      const url = new URL(`${rootPath}${path}`, this.origin);
      return url.origin === this.origin ? url.href : undefined;
    } catch {
      return undefined;
    }
  }

  private accepted(answer: RawAnswer): PartnerCenterResult<UploadAccepted> {
    const location = answer.location;
    const tracking = location === undefined ? undefined : parseLocation(location);
    if (location === undefined || tracking === undefined) {
      return fail({ kind: 'bad-response', status: answer.status, detail: 'no batchJobStatus Location' });
    }
    return { ok: true, value: { location, trackingId: tracking.trackingId } };
  }

  /**
   * One request. The body is read whole here, so a connection dropped mid-body is a network failure too.
   * `purpose: 'create'` reads a 409 (or a 400 that says "already exists") as `batch-exists`.
   */
  private async send(
    method: 'GET' | 'POST',
    url: string,
    token: string,
    ids: RequestIds,
    body?: string,
    continuationToken?: string,
    purpose?: 'create',
  ): Promise<PartnerCenterResult<RawAnswer>> {
    const started = this.now();
    const path = new URL(url).pathname;
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      'MS-RequestId': ids.requestId,
      'MS-CorrelationId': ids.correlationId,
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (continuationToken !== undefined) headers['MS-ContinuationToken'] = continuationToken;
    const answer = await exchange(url, { method, headers, body }, this.timeoutMs, this.now);
    if (!answer.ok) {
      const { status, code, retryable } = answer;
      this.log(
        `partner-center ${method} ${path} -> ${lostAnswer(status)} ` +
          `(${code ?? 'unknown'}, request ${ids.requestId}, ${this.now() - started} ms)`,
      );
      return fail({ kind: 'network', code, retryable });
    }
    const { status, text, retryAfterMs } = answer;
    this.log(
      `partner-center ${method} ${path} -> ${status} (request ${ids.requestId}, ${this.now() - started} ms)`,
    );
    if (status >= 200 && status < 300) {
      return {
        ok: true,
        value: { status, text, location: answer.headers.get('location') ?? undefined },
      };
    }
    return fail(this.failureFor(status, text, retryAfterMs, method, path, purpose));
  }

  private failureFor(
    status: number,
    text: string,
    retryAfterMs: number | undefined,
    method: string,
    path: string,
    purpose: 'create' | undefined,
  ): PartnerCenterFailure {
    const error = serviceError(text);
    if (error.description !== undefined) {
      this.log(`partner-center ${method} ${path} error ${error.code ?? '?'}: ${error.description}`);
    }
    if (status === 503 && retryAfterMs !== undefined) return { kind: 'throttled', status, retryAfterMs };
    if (
      purpose === 'create' &&
      (status === 409 || (status === 400 && /already exists/i.test(error.description ?? '')))
    ) {
      return { kind: 'batch-exists', code: error.code };
    }
    if (status === 401 && error.code === MFA_REQUIRED_CODE) return { kind: 'mfa-required' };
    const statusClass = classifyStatus(status);
    switch (statusClass) {
      case 'token':
        return { kind: 'unauthorized' };
      case 'permission':
        return { kind: 'forbidden', code: error.code };
      case 'not-found':
        return { kind: 'not-found', code: error.code };
      case 'retry':
        return status === 429
          ? { kind: 'throttled', status, retryAfterMs }
          : { kind: 'server-error', status, retryable: true };
      case 'refused':
        return status >= 500
          ? { kind: 'server-error', status, retryable: false }
          : { kind: 'bad-request', status, code: error.code, description: error.description };
      default:
        return assertNever(statusClass);
    }
  }
}

interface RawAnswer {
  readonly status: number;
  readonly text: string;
  readonly location: string | undefined;
}

function deviceBody(device: BatchDevice): Record<string, string> {
  const body: Record<string, string> = {
    hardwareHash: device.hardwareHash,
    serialNumber: device.serialNumber,
  };
  if (device.productKey) body.productKey = device.productKey;
  return body;
}

/** The customer and tracking IDs of a Location, or undefined when it is not a batchJobStatus path. */
export function parseLocation(
  location: string,
): { readonly customerId: string; readonly trackingId: string } | undefined {
  let path = location.trim();
  if (/^https?:/i.test(path)) {
    try {
      path = new URL(path).pathname;
    } catch {
      return undefined;
    }
  }
  const match = TRACKING_LOCATION.exec(path);
  if (!match) return undefined;
  try {
    return { customerId: decodeURIComponent(match[1]!), trackingId: decodeURIComponent(match[2]!) };
  } catch {
    return undefined;
  }
}

/** The service's code and description, redacted and cut short; both undefined when the body is not one. */
function serviceError(text: string): {
  readonly code: string | undefined;
  readonly description: string | undefined;
} {
  try {
    const parsed = ErrorBodySchema.safeParse(JSON.parse(text));
    if (parsed.success) {
      const raw = parsed.data.code ?? parsed.data.error?.code;
      const code = raw === null || raw === undefined ? '' : String(raw);
      const words = parsed.data.description ?? parsed.data.message ?? parsed.data.error?.message ?? undefined;
      return {
        code: /^[\w.-]{1,100}$/.test(code) ? code : undefined,
        description: words ? redactHashes(words).slice(0, 300) : undefined,
      };
    }
  } catch {
    // Not JSON: nothing to report but the status.
  }
  return { code: undefined, description: undefined };
}

function fail(failure: PartnerCenterFailure): { readonly ok: false; readonly failure: PartnerCenterFailure } {
  return { ok: false, failure };
}
