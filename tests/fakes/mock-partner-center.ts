/**
 * A mock of the Partner Center calls the submitter makes, on 127.0.0.1 (node:http, port 0), that behaves like
 * the service where it matters for correctness:
 * - `GET /v1/customers?size=N` is paged the Partner Center way: `links.next.uri` plus an
 *   `MS-ContinuationToken` header to send with it.
 * - `POST .../deviceBatches` creates a batch (202 + Location `/customers/{id}/batchJobStatus/{trackingId}`),
 *   409 when the customer already has a batch of that name; `POST .../deviceBatches/{batchId}/devices` adds
 *   to one (404 when there is none). Each accepted upload is a job whose status moves queued -> processing ->
 *   finished | finished_with_errors over `looksUntilFinished` GETs, with a per-device errorCode chosen per
 *   serial and per upload. A serial that finished once is registered: uploading it again ends in 806.
 * - `MS-RequestId` is the idempotency key: a POST repeating the request ID of one already carried out gets the
 *   same answer again and adds nothing (`replays` counts them).
 * - A sliding-window request limit answers 429 with Retry-After; requests arriving inside that window are
 *   recorded, and one is a *violation* when its connection had already been answered 429 for the window (the
 *   same exact rule as the mock Graph: HTTP/1.1 sends on a connection only after the previous answer).
 * - Seeded random 500/503 and dropped connections, uploads carried out and then dropped before the answer
 *   (`dropAfterAccept`), and a token that expires after N requests (401 until the renewed one is used).
 * - It counts uploads per serial, so tests can assert that no device was submitted twice.
 *
 * Documented shapes it keeps to (Microsoft Learn, Partner Center REST "device deployment"):
 * - A device in an upload must be one of the documented field combinations ("Upload a list of devices to
 *   create a new batch"): hardwareHash + productKey, hardwareHash + serialNumber, all three, hardwareHash
 *   only, productKey only, serialNumber + oemManufacturerName + modelName. Any other (hash beside maker and
 *   model) is refused 400 (the exact code and words of that refusal are an assumption).
 * - `GET .../deviceBatches/{batchId}/devices` lists the devices in a batch ("Get a list of devices in a batch
 *   for the specified customer": a collection of Device: id, serialNumber, productKey, modelName,
 *   oemManufacturerName, uploadedDate...). A device is in the batch once its upload finished without error.
 * - DeviceUploadDetails: a device still processing is `in-progress` (the hyphen as in the device status
 *   docs; this app reads `in_progress` too); a finished device carries no errorCode, or the
 *   `successErrorCode` option ("0" or ""), which some answers carry for no error (assumption).
 * - `mfaRequired`: every call answered 401 with error code 900421, as Partner Center does since 2026-04-01
 *   for app+user tokens without the MFA claim (Microsoft's partner announcements of the MFA enforcement for
 *   Partner Center APIs). The body keeps Partner Center's error shape `{code, description, data, source}`;
 *   that 900421 comes in `code` there is an assumption.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { WindowArrival } from './mock-graph';
import { mulberry32, retryAfterHeader, secondsUntilRoom } from './mock-graph';

export type MockDeviceOutcome =
  | { readonly kind: 'finished' }
  | { readonly kind: 'error'; readonly errorCode: string; readonly errorDescription: string };

export const FINISHED: MockDeviceOutcome = { kind: 'finished' };
export const ALREADY_ASSIGNED: MockDeviceOutcome = {
  kind: 'error',
  errorCode: '806',
  errorDescription: 'ZtdDeviceAlreadyAssigned',
};
export const OTHER_TENANT: MockDeviceOutcome = {
  kind: 'error',
  errorCode: '808',
  errorDescription: 'ZtdDeviceAssignedToOtherTenant',
};
export const BAD_HASH: MockDeviceOutcome = {
  kind: 'error',
  errorCode: '802',
  errorDescription: 'InvalidZtdHardwareHash',
};
export const STORAGE_ERROR: MockDeviceOutcome = {
  kind: 'error',
  errorCode: '0',
  errorDescription: 'StorageError',
};

export const MOCK_CUSTOMER_ID = '47021739-3426-40bf-9601-61b4b6d7c793';

export interface MockCustomer {
  readonly id: string;
  readonly companyName: string;
  readonly domain: string;
}

export interface MockPartnerCenterOptions {
  /** Default: one customer, MOCK_CUSTOMER_ID. */
  readonly customers?: readonly MockCustomer[];
  /** Largest customer page, whatever `size` asks. Default 100. */
  readonly maxPageSize?: number;
  /** Batches that exist and are listed, per customer. */
  readonly existingBatches?: Readonly<Record<string, readonly string[]>>;
  /** Batches that exist but are not listed yet (made by another run between our list and our create). */
  readonly unlistedBatches?: Readonly<Record<string, readonly string[]>>;
  /** Serials already registered for the customer (their upload ends in 806). */
  readonly registered?: readonly string[];
  /** Status reads before an upload job is finished. Default 3 (queued, processing, finished). */
  readonly looksUntilFinished?: number;
  /** Final state per serial, one entry per upload of that serial (the last one repeats). */
  readonly outcomes?: Readonly<Record<string, readonly MockDeviceOutcome[]>>;
  /** Requests allowed per window (all requests count). Default: no limit. */
  readonly rateLimit?: { readonly limit: number; readonly windowMs: number };
  readonly retryAfterFormat?: 'seconds' | 'http-date';
  /** Seeded faults before a request is handled: 500/503 answers and dropped connections. */
  readonly faults?: { readonly seed: number; readonly serverErrorRate?: number; readonly dropRate?: number };
  /** Serials whose first upload is carried out and then answered by a dropped connection. */
  readonly dropAfterAccept?: readonly string[];
  /** The accepted token; after `expiresAfterRequests` answered requests, only `renewed` is (none if absent). */
  readonly token?: {
    readonly current: string;
    readonly expiresAfterRequests?: number;
    readonly renewed?: string;
  };
  /** Customers the partner may not act for (403). */
  readonly forbiddenCustomers?: readonly string[];
  /** Answer every call with 401 and error code 900421 (the token has no MFA claim). */
  readonly mfaRequired?: boolean;
  /** What a device that finished without error carries as errorCode; default none. */
  readonly successErrorCode?: '0' | '';
  /** How a device still processing is named. Default `in-progress`. */
  readonly inProgressStatus?: 'in-progress' | 'in_progress';
}

export interface RecordedPartnerCenterRequest {
  readonly method: string;
  readonly path: string;
  readonly at: number;
  readonly status: number | 'dropped';
  readonly requestId: string | undefined;
  readonly correlationId: string | undefined;
  readonly continuationToken: string | undefined;
  /** Serials in the body of an upload (never the hashes). */
  readonly serials: readonly string[];
}

export type { WindowArrival } from './mock-graph';

export interface MockPartnerCenter {
  readonly url: string;
  /** Every request in arrival order (never bodies, hashes or the token). */
  readonly requests: readonly RecordedPartnerCenterRequest[];
  readonly windowArrivals: readonly WindowArrival[];
  violations(): readonly WindowArrival[];
  /** Times `serial` was accepted into an upload job (an idempotent replay does not count). */
  uploadsOf(serial: string): number;
  uploadCounts(): ReadonlyMap<string, number>;
  /** The batches of a customer with the serials in each. */
  batches(customerId?: string): ReadonlyMap<string, readonly string[]>;
  /** POSTs answered from the idempotency record instead of being carried out again. */
  replays(): number;
  /** Batch creations carried out. */
  creates(): number;
  /** The JSON body of the last upload that carried `serial`, as received. */
  lastUploadBody(serial: string): unknown;
  throttledCount(): number;
  close(): Promise<void>;
}

interface Job {
  readonly id: string;
  readonly customerId: string;
  readonly batchId: string;
  /** `outcome` undefined: decided when the job finishes (806 for a serial registered by then). */
  readonly devices: {
    readonly serial: string;
    readonly productKey: string;
    outcome: MockDeviceOutcome | undefined;
  }[];
  looks: number;
  finished: boolean;
}

interface StoredAnswer {
  readonly status: number;
  readonly json: unknown;
  readonly headers: Record<string, string>;
}

const ROOT = '/v1';

export async function startMockPartnerCenter(
  options: MockPartnerCenterOptions = {},
): Promise<MockPartnerCenter> {
  const customers = options.customers ?? [
    { id: MOCK_CUSTOMER_ID, companyName: 'Contoso', domain: 'contoso.onmicrosoft.com' },
  ];
  const maxPageSize = options.maxPageSize ?? 100;
  const looksUntilFinished = Math.max(1, options.looksUntilFinished ?? 3);
  const random = mulberry32(options.faults?.seed ?? 1);
  const dropAfterAccept = new Set(options.dropAfterAccept ?? []);
  const forbidden = new Set((options.forbiddenCustomers ?? []).map((c) => c.toLowerCase()));

  /** customer -> batch name (lower case) -> { name, serials } */
  const batches = new Map<string, Map<string, { name: string; serials: string[]; listed: boolean }>>();
  const addBatch = (customer: string, name: string, listed: boolean) => {
    const map = batches.get(customer.toLowerCase()) ?? new Map();
    batches.set(customer.toLowerCase(), map);
    map.set(name.toLowerCase(), { name, serials: [], listed });
  };
  for (const [customer, names] of Object.entries(options.existingBatches ?? {}))
    for (const name of names) addBatch(customer, name, true);
  for (const [customer, names] of Object.entries(options.unlistedBatches ?? {}))
    for (const name of names) addBatch(customer, name, false);

  const registered = new Set((options.registered ?? []).map((s) => s.toUpperCase()));
  const jobs = new Map<string, Job>();
  const uploads = new Map<string, number>();
  const bodies = new Map<string, unknown>();
  const idempotent = new Map<string, StoredAnswer>();
  const requests: RecordedPartnerCenterRequest[] = [];
  const windowArrivals: WindowArrival[] = [];
  const requestTimes: number[] = [];
  const noticeUntil = new WeakMap<Socket, number>();
  let window: { start: number; end: number } | undefined;
  let throttled = 0;
  let answered = 0;
  let replays = 0;
  let creates = 0;
  let acceptedToken = options.token?.current;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.keepAliveTimeout = 30_000;

  function handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    const at = Date.now();
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname);
    const socket = req.socket;
    const requestId = header(req, 'ms-requestid');
    const correlationId = header(req, 'ms-correlationid');
    const continuationToken = header(req, 'ms-continuationtoken');
    const serials = method === 'POST' ? serialsOf(body) : [];
    const record = (status: number | 'dropped') =>
      requests.push({ method, path, at, status, requestId, correlationId, continuationToken, serials });

    const send = (status: number, json?: unknown, headers: Record<string, string> = {}) => {
      record(status);
      if (status !== 401) answered++;
      const text = json === undefined ? '' : JSON.stringify(json);
      res.writeHead(status, { ...headers, ...(text ? { 'Content-Type': 'application/json' } : {}) });
      res.end(text);
    };
    const drop = () => {
      record('dropped');
      socket.destroy();
    };
    const error = (status: number, code: string, description: string) =>
      send(status, { code, description, data: [], source: 'PartnerFD' });

    // 1. Inside a Retry-After window.
    if (window !== undefined && at < window.end) {
      const noticed = noticeUntil.get(socket);
      windowArrivals.push({
        method,
        path,
        intoWindowMs: at - window.start,
        violation: noticed !== undefined && at < noticed,
      });
      throttle(socket, at, send);
      return;
    }

    // 2. The token.
    const auth = req.headers.authorization ?? '';
    if (acceptedToken === undefined || auth !== `Bearer ${acceptedToken}`) {
      error(401, '400', 'Access denied: the token is not valid.');
      return;
    }
    const expiry = options.token?.expiresAfterRequests;
    if (expiry !== undefined && answered + 1 > expiry && acceptedToken === options.token?.current) {
      acceptedToken = options.token?.renewed;
      error(401, '400', 'Access denied: the token has expired.');
      return;
    }

    if (options.mfaRequired === true) {
      error(
        401,
        '900421',
        'Multi-factor authentication is required for this request. Sign in again with MFA.',
      );
      return;
    }

    // 3. The request limit.
    if (options.rateLimit !== undefined) {
      const seconds = secondsUntilRoom(requestTimes, at, options.rateLimit);
      if (seconds !== undefined) {
        window = { start: at, end: at + seconds * 1000 };
        throttle(socket, at, send);
        return;
      }
      requestTimes.push(at);
    }

    // 4. Seeded faults, before anything is carried out.
    if (options.faults !== undefined) {
      const roll = random();
      const dropRate = options.faults.dropRate ?? 0;
      const errorRate = options.faults.serverErrorRate ?? 0;
      if (roll < dropRate) return drop();
      if (roll < dropRate + errorRate) {
        error(random() < 0.5 ? 500 : 503, '800003', 'Unexpected service error');
        return;
      }
    }

    // 5. Idempotency: a POST repeating a carried-out request ID gets the same answer and changes nothing.
    const idemKey = method === 'POST' && requestId ? `${path} ${requestId}` : undefined;
    if (idemKey !== undefined) {
      const stored = idempotent.get(idemKey);
      if (stored !== undefined) {
        replays++;
        send(stored.status, stored.json, stored.headers);
        return;
      }
    }
    const remember = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      if (idemKey !== undefined) idempotent.set(idemKey, { status, json, headers });
    };
    const answer = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      remember(status, json, headers);
      send(status, json, headers);
    };

    // 6. The endpoints.
    const parts = path.split('/').filter((p) => p !== '');
    if (`/${parts[0]}` !== ROOT || parts[1] !== 'customers') {
      error(404, '1000', 'Not found');
      return;
    }
    if (parts.length === 2 && method === 'GET') return listCustomers(url, continuationToken, send, error);

    const customerId = (parts[2] ?? '').toLowerCase();
    const customer = customers.find((c) => c.id.toLowerCase() === customerId);
    if (customer === undefined) {
      error(404, '60003', 'Tenant not found');
      return;
    }
    if (forbidden.has(customerId)) {
      error(403, '20002', 'The partner has no relationship with the customer.');
      return;
    }
    const customerBatches: Map<string, { name: string; serials: string[]; listed: boolean }> =
      batches.get(customerId) ?? new Map();
    batches.set(customerId, customerBatches);

    if (parts[3] === 'deviceBatches' && parts.length === 4 && method === 'GET') {
      const items = [...customerBatches.values()]
        .filter((b) => b.listed)
        .map((b) => ({
          id: b.name,
          creationDate: '2026-01-01T00:00:00Z',
          devicesCount: b.serials.length,
          devicesLink: {
            uri: `/customers/${customerId}/deviceBatches/${b.name}/devices`,
            method: 'GET',
            headers: [],
          },
          attributes: { objectType: 'DeviceBatch' },
        }));
      send(200, { totalCount: items.length, items, attributes: { objectType: 'Collection' } });
      return;
    }

    if (parts[3] === 'deviceBatches' && parts.length === 6 && parts[5] === 'devices' && method === 'GET') {
      const batch = customerBatches.get((parts[4] ?? '').toLowerCase());
      if (batch === undefined) {
        error(404, '1000', 'Device batch not found.');
        return;
      }
      const items = batch.serials.map((serial, i) => ({
        id: `device-${i + 1}`,
        serialNumber: serial,
        productKey: '',
        modelName: '',
        oemManufacturerName: '',
        policies: [],
        uploadedDate: '2026-01-01T00:00:00Z',
        allowedOperations: ['GET', 'PATCH', 'DELETE'],
        attributes: { objectType: 'Device' },
      }));
      send(200, { totalCount: items.length, items, attributes: { objectType: 'Collection' } });
      return;
    }

    if (parts[3] === 'deviceBatches' && parts.length === 4 && method === 'POST') {
      const parsed = parseCreate(body);
      if (parsed === undefined) {
        error(400, '800002', 'Invalid request input');
        return;
      }
      if (customerBatches.has(parsed.batchId.toLowerCase())) {
        answer(409, { code: '409', description: 'A device batch with this name already exists.', data: [] });
        return;
      }
      creates++;
      customerBatches.set(parsed.batchId.toLowerCase(), { name: parsed.batchId, serials: [], listed: true });
      return accept(customerId, parsed.batchId, parsed.devices, body, remember, answer, drop);
    }

    if (parts[3] === 'deviceBatches' && parts.length === 6 && parts[5] === 'devices' && method === 'POST') {
      const batch = customerBatches.get((parts[4] ?? '').toLowerCase());
      if (batch === undefined) {
        answer(404, { code: '1000', description: 'Device batch not found.', data: [] });
        return;
      }
      const devices = parseDevices(safeJson(body));
      if (devices === undefined) {
        error(400, '800002', 'Invalid request input');
        return;
      }
      return accept(customerId, batch.name, devices, body, remember, answer, drop);
    }

    if (parts[3]?.toLowerCase() === 'batchjobstatus' && parts.length === 5 && method === 'GET') {
      const job = jobs.get(parts[4] ?? '');
      if (job === undefined || job.customerId !== customerId) {
        error(404, '1000', 'Batch job not found.');
        return;
      }
      job.looks++;
      if (!job.finished && job.looks >= looksUntilFinished) finish(job);
      send(200, jobWire(job, looksUntilFinished, options));
      return;
    }

    error(400, '800002', 'Unknown request.');
  }

  function accept(
    customerId: string,
    batchId: string,
    devices: readonly { serialNumber: string; productKey: string }[],
    body: string,
    remember: (status: number, json: unknown, headers?: Record<string, string>) => void,
    answer: (status: number, json: unknown, headers?: Record<string, string>) => void,
    drop: () => void,
  ): void {
    const job: Job = {
      id: randomUUID(),
      customerId,
      batchId,
      devices: devices.map((d) => {
        const count = (uploads.get(d.serialNumber) ?? 0) + 1;
        uploads.set(d.serialNumber, count);
        bodies.set(d.serialNumber, JSON.parse(body));
        const sequence = options.outcomes?.[d.serialNumber];
        const outcome =
          sequence === undefined ? undefined : sequence[Math.min(count - 1, sequence.length - 1)];
        return { serial: d.serialNumber, productKey: d.productKey, outcome };
      }),
      looks: 0,
      finished: false,
    };
    jobs.set(job.id, job);
    const headers = { Location: `/customers/${customerId}/batchJobStatus/${job.id}` };
    // Carried out and remembered; for a listed serial the answer is then lost on the way back.
    if (devices.some((d) => dropAfterAccept.delete(d.serialNumber))) {
      remember(202, undefined, headers);
      drop();
      return;
    }
    answer(202, undefined, headers);
  }

  function finish(job: Job): void {
    job.finished = true;
    const batch = batches.get(job.customerId)?.get(job.batchId.toLowerCase());
    for (const d of job.devices) {
      const key = d.serial.toUpperCase();
      d.outcome ??= registered.has(key) ? ALREADY_ASSIGNED : FINISHED;
      if (d.outcome.kind === 'finished') {
        registered.add(key);
        batch?.serials.push(d.serial);
      }
    }
  }

  function listCustomers(
    url: URL,
    continuationToken: string | undefined,
    send: (status: number, json?: unknown, headers?: Record<string, string>) => void,
    error: (status: number, code: string, description: string) => void,
  ): void {
    const size = Math.max(1, Math.min(maxPageSize, Number(url.searchParams.get('size') ?? maxPageSize) || 1));
    let offset = 0;
    if (url.searchParams.get('seekOperation') === 'Next') {
      const decoded = continuationToken
        ? Number(Buffer.from(continuationToken, 'base64').toString('utf8'))
        : NaN;
      if (!Number.isInteger(decoded) || decoded < 0) {
        error(400, '800002', 'Missing or invalid continuation token.');
        return;
      }
      offset = decoded;
    }
    const items = customers.slice(offset, offset + size).map((c) => ({
      id: c.id,
      companyProfile: {
        tenantId: c.id,
        domain: c.domain,
        companyName: c.companyName,
        attributes: { objectType: 'CustomerCompanyProfile' },
      },
      relationshipToPartner: 'reseller',
      attributes: { objectType: 'Customer' },
    }));
    const nextOffset = offset + size;
    const links: Record<string, unknown> = {
      self: { uri: `/customers?size=${size}`, method: 'GET', headers: [] },
    };
    if (nextOffset < customers.length) {
      links.next = {
        uri: `/customers?size=${size}&seekOperation=Next`,
        method: 'GET',
        headers: [{ key: 'MS-ContinuationToken', value: Buffer.from(String(nextOffset)).toString('base64') }],
      };
    }
    send(200, { totalCount: items.length, items, links, attributes: { objectType: 'Collection' } });
  }

  function throttle(
    socket: Socket,
    at: number,
    send: (status: number, json?: unknown, headers?: Record<string, string>) => void,
  ): void {
    const end = window!.end;
    noticeUntil.set(socket, Math.max(noticeUntil.get(socket) ?? 0, end));
    throttled++;
    const retryAfter = retryAfterHeader(end, at, options.retryAfterFormat);
    const seconds = Math.max(1, Math.ceil((end - at) / 1000));
    send(
      429,
      { statusCode: 429, message: `Rate limit is exceeded. Try again in ${seconds} seconds.` },
      { 'Retry-After': retryAfter },
    );
  }

  function origin(): string {
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    url: origin(),
    requests,
    windowArrivals,
    violations: () => windowArrivals.filter((a) => a.violation),
    uploadsOf: (serial) => uploads.get(serial) ?? 0,
    uploadCounts: () => new Map(uploads),
    batches: (customerId = MOCK_CUSTOMER_ID) =>
      new Map(
        [...(batches.get(customerId.toLowerCase())?.values() ?? [])].map(
          (b) => [b.name, [...b.serials]] as const,
        ),
      ),
    replays: () => replays,
    creates: () => creates,
    lastUploadBody: (serial) => bodies.get(serial),
    throttledCount: () => throttled,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A job as Partner Center's BatchUploadDetails. */
function jobWire(
  job: Job,
  looksUntilFinished: number,
  options: MockPartnerCenterOptions,
): Record<string, unknown> {
  const status = job.finished
    ? job.devices.some((d) => d.outcome?.kind === 'error')
      ? 'finished_with_errors'
      : 'finished'
    : job.looks <= 1 && looksUntilFinished > 2
      ? 'queued'
      : 'processing';
  return {
    batchTrackingId: job.id,
    status,
    startedTime: '2026-01-01T00:00:00Z',
    ...(job.finished ? { completedTime: '2026-01-01T00:01:00Z' } : {}),
    devicesStatus: job.devices.map((d) => {
      const error = job.finished && d.outcome?.kind === 'error' ? d.outcome : undefined;
      return {
        serialNumber: d.serial,
        productKey: d.productKey,
        status: job.finished
          ? error
            ? 'finished_with_errors'
            : 'finished'
          : (options.inProgressStatus ?? 'in-progress'),
        ...(error ? { errorCode: error.errorCode, errorDescription: error.errorDescription } : {}),
        ...(job.finished && !error && options.successErrorCode !== undefined
          ? { errorCode: options.successErrorCode, errorDescription: '' }
          : {}),
        attributes: { objectType: 'DeviceUploadDetails' },
      };
    }),
    attributes: { objectType: 'BatchUploadDetails' },
  };
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function safeJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function parseDevices(json: unknown): { serialNumber: string; productKey: string }[] | undefined {
  if (!Array.isArray(json) || json.length === 0) return undefined;
  const devices: { serialNumber: string; productKey: string }[] = [];
  for (const item of json as unknown[]) {
    if (typeof item !== 'object' || item === null) return undefined;
    const d = item as Record<string, unknown>;
    if (!documentedCombination(d)) return undefined;
    // This mock follows devices by serial: a device without one (hash + product key) is refused too.
    if (typeof d.serialNumber !== 'string' || d.serialNumber === '') return undefined;
    devices.push({
      serialNumber: d.serialNumber,
      productKey: typeof d.productKey === 'string' ? d.productKey : '',
    });
  }
  return devices;
}

const DEVICE_FIELDS = ['hardwareHash', 'productKey', 'serialNumber', 'oemManufacturerName', 'modelName'];

/** The combinations of filled fields Partner Center documents for a device (see the module comment). */
const DOCUMENTED_COMBINATIONS: readonly string[] = [
  'hardwareHash,productKey',
  'hardwareHash,serialNumber',
  'hardwareHash,productKey,serialNumber',
  'hardwareHash',
  'productKey',
  'serialNumber,oemManufacturerName,modelName',
];

function documentedCombination(device: Record<string, unknown>): boolean {
  const filled = DEVICE_FIELDS.filter((f) => typeof device[f] === 'string' && device[f] !== '');
  return DOCUMENTED_COMBINATIONS.includes(filled.join(','));
}

function parseCreate(
  body: string,
): { batchId: string; devices: { serialNumber: string; productKey: string }[] } | undefined {
  const json = safeJson(body);
  if (typeof json !== 'object' || json === null) return undefined;
  const o = json as Record<string, unknown>;
  if (typeof o.batchId !== 'string' || o.batchId === '') return undefined;
  const devices = parseDevices(o.devices);
  return devices === undefined ? undefined : { batchId: o.batchId, devices };
}

/** The serials of an upload body (create or add), for the request log. */
function serialsOf(body: string): string[] {
  const json = safeJson(body);
  const list = Array.isArray(json)
    ? json
    : typeof json === 'object' && json !== null && Array.isArray((json as { devices?: unknown }).devices)
      ? (json as { devices: unknown[] }).devices
      : [];
  return (list as unknown[])
    .map((d) =>
      typeof d === 'object' && d !== null ? (d as { serialNumber?: unknown }).serialNumber : undefined,
    )
    .filter((s): s is string => typeof s === 'string');
}
