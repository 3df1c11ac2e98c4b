/**
 * A mock of the Graph endpoints the submitter uses, on 127.0.0.1 (node:http, port 0), that behaves like the
 * service where it matters for correctness. Where each behaviour comes from:
 * - API versions: the import endpoints answer under `/v1.0` and `/beta` (both documented: Graph v1.0 and
 *   beta "importedWindowsAutopilotDeviceIdentity"); `windowsAutopilotSettings/sync` only under `/beta`
 *   (documented in graph-rest-beta alone; the beta PowerShell SDK has Sync-MgBetaDeviceManagementWindowsAutopilotSetting,
 *   v1.0 has none; WindowsAutopilotIntune's Invoke-AutopilotSync calls beta). A sync under `/v1.0` is answered
 *   400 BadRequest "Resource not found for the segment 'sync'", the OData answer to a segment the version
 *   does not have (the exact text is an assumption).
 * - States: `deviceImportStatus` is one of unknown, pending, partial, complete, error (Graph
 *   "importedWindowsAutopilotDeviceIdentityState", enum importedWindowsAutopilotDeviceIdentityImportStatus).
 *   A new record starts `unknown` and goes through `intermediate` (default unknown, pending) before its final
 *   state; WindowsAutopilotIntune's Add-AutopilotImportedDevice loop keeps polling while the status is
 *   `unknown`, which is what a record looks like right after the POST. The final state is chosen per serial
 *   and per import attempt (`complete`, 806, 808, 802, StorageError...). A record finishes after
 *   `pollsUntilFinal` looks (GETs of it), or, with `processingMs`, after that time from its creation, however
 *   often it is looked at (the service processes imports in the background; the time is an assumption,
 *   real imports take seconds to minutes). `stuck` serials never finish.
 * - A sliding-window write limit (default Intune's 100 per 20 s): the write that would exceed it is answered
 *   429 with Retry-After, and every request inside that window is answered 429 too.
 * - Requests that arrive inside a Retry-After window are recorded. One is a *violation* when
 *   - it is a write that began arriving, on any connection, `inFlightGraceMs` or more after the window's first
 *     429 was sent: the window holds for the whole app (Intune's limits are per app per tenant), so a client
 *     that honours Retry-After globally sends no write until it ends. The grace (default 100 ms) covers only
 *     writes the client had already sent when the 429 left; or
 *   - its own connection already carried a 429 of that window (HTTP/1.1 without pipelining sends a request on
 *     a connection only after the previous answer on it arrived, so that client had been told), with no
 *     timing allowance.
 * - Stricter behaviours a test turns on, each an option (see MockGraphOptions): `tenantThrottling`, 429s at
 *   random moments while many requests are in flight (Graph "throttling guidance": limits are also per
 *   tenant for all apps, so other apps' traffic throttles this one at moments it cannot see; the rate and
 *   the in-flight trigger are assumptions); `latencyMs`, answers that take time (assumption: a few tens of
 *   ms, enough for requests to overlap); `acceptDelayMs` and `backlog`, a server that accepts new
 *   connections slowly, one after the other (assumption: models a busy front end, where a burst over new
 *   connections arrives spread out); `lostCreates`, answers lost after the record was created, for random
 *   serials (the issue's observation against a stricter stand-in).
 * - Seeded random 500/503 and dropped connections (the socket destroyed without an answer), a token that
 *   expires after N requests (401 until the renewed one is used), DELETE, sync answering 204/409/429, and
 *   paging by `@odata.nextLink`.
 * - Registered devices (windowsAutopilotDeviceIdentities, GET by id): a device an import registered is listed
 *   only after a sync (any answer: 409 and 429 mean Intune syncs anyway), and only from its
 *   `registeredListing.afterSyncPolls`+1-th look on (404 before), with an empty group tag for
 *   `untaggedPolls` more looks, then with its tag. Seeded devices are listed from the start.
 * - It counts records created per serial, so tests can assert that no device was imported twice.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type MockOutcome =
  | { readonly kind: 'complete' }
  | {
      readonly kind: 'error';
      readonly code: number;
      readonly name: string;
      /** 806: the registered device the record names (`deviceRegistrationId`), when the service gives it. */
      readonly registrationId?: string;
    };

export const COMPLETE: MockOutcome = { kind: 'complete' };
export const ALREADY_ASSIGNED: MockOutcome = { kind: 'error', code: 806, name: 'ZtdDeviceAlreadyAssigned' };
export const OTHER_TENANT: MockOutcome = { kind: 'error', code: 808, name: 'ZtdDeviceAssignedToOtherTenant' };
export const BAD_HASH: MockOutcome = { kind: 'error', code: 802, name: 'InvalidZtdHardwareHash' };
/** StorageError comes without a documented code; the service sends 0. */
export const STORAGE_ERROR: MockOutcome = { kind: 'error', code: 0, name: 'StorageError' };

export interface MockGraphOptions {
  /** Writes allowed per window; default 100 per 20 s (Intune enrollment, per app per tenant). */
  readonly writeLimit?: { readonly limit: number; readonly windowMs: number };
  /** How Retry-After is written. Default seconds. */
  readonly retryAfterFormat?: 'seconds' | 'http-date';
  /** Looks (GETs of the record) before an import reaches its final state. Default 2. */
  readonly pollsUntilFinal?: number;
  /**
   * Instead of looks: a record is final this long after its creation ([min, max]: drawn per record from
   * the seeded random source), whatever the looks.
   */
  readonly processingMs?: number | readonly [number, number];
  /** The states a record shows before its final one, in turn (the last repeats). Default unknown, pending. */
  readonly intermediate?: readonly ('unknown' | 'pending' | 'partial')[];
  /** Serials whose records never reach a final state. */
  readonly stuck?: readonly string[];
  /** Answer delay of requests that are not refused at once ([min, max] drawn per request). Default 0. */
  readonly latencyMs?: number | readonly [number, number];
  /**
   * Tenant-wide 429s at random moments: a request that arrives while at least `minInFlight` requests
   * (itself included) are in flight is answered 429 with probability `rate`, which opens a Retry-After
   * window of `retryAfterSeconds` ([min, max] whole seconds) for every request, like the write limit does.
   */
  readonly tenantThrottling?: {
    readonly seed: number;
    readonly rate: number;
    readonly minInFlight: number;
    readonly retryAfterSeconds: readonly [number, number];
  };
  /** Each new connection is accepted this long after the previous one was (a slow, busy front end). */
  readonly acceptDelayMs?: number;
  /** The listen backlog (default Node's 511). */
  readonly backlog?: number;
  /** Random serials whose POST creates the record and then drops the connection without an answer. */
  readonly lostCreates?: { readonly seed: number; readonly rate: number };
  /**
   * Final state per serial, one entry per import of that serial (the last one repeats); default complete.
   * `[STORAGE_ERROR, COMPLETE]` fails the first import and lets the second through.
   */
  readonly outcomes?: Readonly<Record<string, readonly MockOutcome[]>>;
  /** Seeded faults before a request is handled: 500/503 answers and dropped connections. */
  readonly faults?: {
    readonly seed: number;
    readonly serverErrorRate?: number;
    readonly dropRate?: number;
  };
  /** Serials whose first POST creates the record and then drops the connection without an answer. */
  readonly dropAfterCreate?: readonly string[];
  /** The accepted token; after `expiresAfterRequests` answered requests, only `renewed` is (none if absent). */
  readonly token?: {
    readonly current: string;
    readonly expiresAfterRequests?: number;
    readonly renewed?: string;
  };
  /** Statuses sync answers in turn (the last repeats). Default 204. */
  readonly syncAnswers?: readonly number[];
  /**
   * How long after a window's first 429 a write on another connection may still arrive without counting as a
   * violation (it was already on its way). Default 100 ms.
   */
  readonly inFlightGraceMs?: number;
  /** How a registered device comes to be listed (see the module comment). Defaults 1 and 0. */
  readonly registeredListing?: { readonly afterSyncPolls?: number; readonly untaggedPolls?: number };
  /** Records per list page. Default 100. */
  readonly pageSize?: number;
  /** Answer every updateDeviceProperties with this status (a failure) instead of setting the tag. */
  readonly tagUpdateStatus?: number;
}

export type MockStatus = 'unknown' | 'pending' | 'partial' | 'complete' | 'error';

export interface MockRecordView {
  readonly id: string;
  readonly serialNumber: string;
  readonly groupTag: string;
  readonly status: MockStatus;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly at: number;
  readonly status: number | 'dropped';
}

export interface WindowArrival {
  readonly method: string;
  readonly path: string;
  /** Milliseconds after the window began. */
  readonly intoWindowMs: number;
  /** A write inside the window, or a read on a connection already answered 429 for it. */
  readonly violation: boolean;
}

export interface MockGraph {
  readonly url: string;
  /** Every request in arrival order (never bodies or headers). */
  readonly requests: readonly RecordedRequest[];
  /** Requests that arrived inside a Retry-After window. */
  readonly windowArrivals: readonly WindowArrival[];
  /** Only the violations among windowArrivals. */
  violations(): readonly WindowArrival[];
  /** Records ever created for `serial` (import POSTs that succeeded). */
  importsOf(serial: string): number;
  /** Every serial with the number of records ever created for it. */
  importCounts(): ReadonlyMap<string, number>;
  /** Records that exist now. */
  liveRecords(): readonly MockRecordView[];
  /** The JSON body of the last import POST for `serial`, as received. */
  lastImportBody(serial: string): unknown;
  /**
   * Adds a record as an earlier run (or another tool) would have left it; a complete one registers its
   * device (`reg-{id}`) with `groupTag` (default '').
   */
  seedRecord(serial: string, status: MockStatus, outcome?: MockOutcome, groupTag?: string): string;
  /** Adds a registered Autopilot device (windowsAutopilotDeviceIdentities) with its group tag. */
  seedRegistered(registrationId: string, groupTag: string): void;
  /** The group tag of a registered device, by registration id; undefined when there is none. */
  registeredTag(registrationId: string): string | undefined;
  /** Syncs asked for (any answer). */
  syncCount(): number;
  /** 429 answers sent. */
  throttledCount(): number;
  /** Tenant-wide 429s sent at random moments (tenantThrottling), each opening a window. */
  tenantThrottledCount(): number;
  /** Creates whose answer was dropped after the record was made (dropAfterCreate, lostCreates). */
  lostCreateCount(): number;
  /** Connections accepted. */
  connectionCount(): number;
  /** The most requests that were in flight at once (received, not yet answered). */
  peakInFlight(): number;
  close(): Promise<void>;
}

const IMPORTED = '/deviceManagement/importedWindowsAutopilotDeviceIdentities';
const SYNC = '/beta/deviceManagement/windowsAutopilotSettings/sync';
const V1_SYNC = '/v1.0/deviceManagement/windowsAutopilotSettings/sync';
const REGISTERED_PATH = '/deviceManagement/windowsAutopilotDeviceIdentities/';
const UPDATE_PROPERTIES = '/updateDeviceProperties';

interface StoredRecord {
  readonly id: string;
  readonly serialNumber: string;
  readonly groupTag: string;
  status: MockStatus;
  looks: number;
  readonly outcome: MockOutcome;
  readonly createdAt: number;
  /** With processingMs: when it becomes final. */
  readonly finalAt: number | undefined;
  readonly stuck: boolean;
}

export async function startMockGraph(options: MockGraphOptions = {}): Promise<MockGraph> {
  const writeLimit = options.writeLimit ?? { limit: 100, windowMs: 20_000 };
  const pollsUntilFinal = options.pollsUntilFinal ?? 2;
  const pageSize = options.pageSize ?? 100;
  const random = mulberry32(options.faults?.seed ?? 1);
  const timing = mulberry32((options.faults?.seed ?? 1) + 7);
  const tenantRandom = mulberry32(options.tenantThrottling?.seed ?? 1);
  const lostRandom = mulberry32(options.lostCreates?.seed ?? 1);
  const dropAfterCreate = new Set(options.dropAfterCreate ?? []);
  const stuck = new Set(options.stuck ?? []);
  const intermediate = options.intermediate ?? ['unknown', 'pending'];
  let inFlight = 0;
  let tenantThrottled = 0;
  let lostCreates = 0;
  let connections = 0;
  let peak = 0;

  const records = new Map<string, StoredRecord>();
  const created = new Map<string, number>();
  const bodies = new Map<string, unknown>();
  const requests: RecordedRequest[] = [];
  const windowArrivals: WindowArrival[] = [];
  const writeTimes: number[] = [];
  const noticeUntil = new WeakMap<Socket, number>();
  /** `noticedAt`: when the window's first 429 was sent. */
  let window: { start: number; end: number; noticedAt: number } | undefined;
  const inFlightGraceMs = options.inFlightGraceMs ?? 100;
  let throttled = 0;
  let answered = 0;
  let syncCalls = 0;
  let acceptedToken = options.token?.current;
  /** Registered Autopilot devices: registration id -> group tag. */
  const registered = new Map<string, string>();
  const registeredSerials = new Map<string, string>();
  /** Devices registered by an import here, not yet (or just) listed: looks since the sync. */
  const listing = new Map<string, { synced: boolean; looks: number }>();
  const afterSyncPolls = options.registeredListing?.afterSyncPolls ?? 1;
  const untaggedPolls = options.registeredListing?.untaggedPolls ?? 0;

  const server = http.createServer((req, res) => {
    // When the request line and headers arrived: a client that sent it then had not yet waited for the body.
    const startedAt = Date.now();
    inFlight++;
    peak = Math.max(peak, inFlight);
    let counted = true;
    const settle = () => {
      if (!counted) return;
      counted = false;
      inFlight--;
    };
    res.on('finish', settle);
    res.on('close', settle);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8'), startedAt));
  });
  server.keepAliveTimeout = 30_000;
  // A slow front end: each new connection is let through `acceptDelayMs` after the previous one, and its
  // bytes wait until then (the request is "arriving" only once it is read).
  let acceptFreeAt = 0;
  server.on('connection', (socket: Socket) => {
    connections++;
    const delay = options.acceptDelayMs ?? 0;
    if (delay <= 0) return;
    const now = Date.now();
    acceptFreeAt = Math.max(acceptFreeAt, now) + delay;
    socket.pause();
    setTimeout(() => socket.resume(), acceptFreeAt - now);
  });

  function handle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: string,
    startedAt: number,
  ): void {
    const at = Date.now();
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const socket = req.socket;
    const record = (status: number | 'dropped') => requests.push({ method, path, at, status });

    const reply = (status: number, json?: unknown, headers: Record<string, string> = {}) => {
      record(status);
      if (status !== 401) answered++;
      const text = json === undefined ? '' : JSON.stringify(json);
      res.writeHead(status, { ...headers, ...(text ? { 'Content-Type': 'application/json' } : {}) });
      res.end(text);
    };
    // Refusals (429) go at once; other answers after the service's latency.
    const delay = draw(options.latencyMs, timing);
    const send = (status: number, json?: unknown, headers: Record<string, string> = {}) => {
      if (delay <= 0 || status === 429) reply(status, json, headers);
      else setTimeout(() => reply(status, json, headers), delay);
    };
    const drop = () => {
      const go = () => {
        record('dropped');
        socket.destroy();
      };
      if (delay <= 0) go();
      else setTimeout(go, delay);
    };

    // 1. Inside a Retry-After window: record, and answer 429 again with the time that is left.
    if (window !== undefined && at < window.end) {
      const noticed = noticeUntil.get(socket);
      windowArrivals.push({
        method,
        path,
        intoWindowMs: at - window.start,
        violation:
          (noticed !== undefined && at < noticed) ||
          (method !== 'GET' && startedAt - window.noticedAt >= inFlightGraceMs),
      });
      throttle(socket, at, send);
      return;
    }

    // 2. The token.
    const auth = req.headers.authorization ?? '';
    if (acceptedToken === undefined || auth !== `Bearer ${acceptedToken}`) {
      send(401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token has expired.' } });
      return;
    }
    const expiry = options.token?.expiresAfterRequests;
    if (expiry !== undefined && answered + 1 > expiry && acceptedToken === options.token?.current) {
      acceptedToken = options.token?.renewed;
      send(401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token has expired.' } });
      return;
    }

    // 3. Tenant-wide throttling at random moments, while many requests are in flight.
    const tenant = options.tenantThrottling;
    if (tenant !== undefined && inFlight >= tenant.minInFlight && tenantRandom() < tenant.rate) {
      const [min, max] = tenant.retryAfterSeconds;
      const seconds = min + Math.floor(tenantRandom() * (max - min + 1));
      window = { start: at, end: at + seconds * 1000, noticedAt: Date.now() };
      tenantThrottled++;
      throttle(socket, at, send);
      return;
    }

    // 4. The write limit (sync is a write too).
    const isWrite = method !== 'GET';
    if (isWrite) {
      const seconds = secondsUntilRoom(writeTimes, at, writeLimit);
      if (seconds !== undefined) {
        window = { start: at, end: at + seconds * 1000, noticedAt: Date.now() };
        throttle(socket, at, send);
        return;
      }
      writeTimes.push(at);
    }

    // 5. Seeded faults.
    if (options.faults !== undefined) {
      const roll = random();
      const dropRate = options.faults.dropRate ?? 0;
      const errorRate = options.faults.serverErrorRate ?? 0;
      if (roll < dropRate) return drop();
      if (roll < dropRate + errorRate) {
        send(random() < 0.5 ? 500 : 503, { error: { code: 'InternalServerError', message: 'Transient.' } });
        return;
      }
    }

    // 6. The endpoints, under the versions that have them.
    if (path === V1_SYNC && method === 'POST') {
      send(400, { error: { code: 'BadRequest', message: "Resource not found for the segment 'sync'." } });
      return;
    }
    const version = path.startsWith('/v1.0/') ? '/v1.0' : path.startsWith('/beta/') ? '/beta' : undefined;
    const BASE = `${version ?? '/none'}${IMPORTED}`;
    const REGISTERED = `${version ?? '/none'}${REGISTERED_PATH}`;
    for (const stored of records.values()) advance(stored, at);
    if (path === SYNC && method === 'POST') {
      const answers = options.syncAnswers ?? [204];
      const status = answers[Math.min(syncCalls++, answers.length - 1)]!;
      for (const entry of listing.values()) entry.synced = true;
      send(
        status,
        status === 204 ? undefined : { error: { code: status === 409 ? 'Conflict' : 'TooManyRequests' } },
        status === 429 ? { 'Retry-After': '600' } : {},
      );
      return;
    }
    if (path === BASE && method === 'GET') {
      const skip = Number(url.searchParams.get('$skiptoken') ?? '0');
      const all = [...records.values()];
      const page = all.slice(skip, skip + pageSize).map((r) => wire(r));
      const next =
        skip + pageSize < all.length ? `${origin()}${BASE}?$skiptoken=${skip + pageSize}` : undefined;
      send(200, { value: page, ...(next ? { '@odata.nextLink': next } : {}) });
      return;
    }
    if (path === BASE && method === 'POST') {
      const parsed = parseImport(body);
      if (parsed === undefined) {
        send(400, { error: { code: 'BadRequest', message: 'Invalid import body.' } });
        return;
      }
      const count = (created.get(parsed.serialNumber) ?? 0) + 1;
      created.set(parsed.serialNumber, count);
      bodies.set(parsed.serialNumber, JSON.parse(body));
      const sequence = options.outcomes?.[parsed.serialNumber] ?? [COMPLETE];
      const processing = options.processingMs;
      const stored: StoredRecord = {
        id: randomUUID(),
        serialNumber: parsed.serialNumber,
        groupTag: parsed.groupTag,
        status: intermediate[0] ?? 'unknown',
        looks: 0,
        outcome: sequence[Math.min(count - 1, sequence.length - 1)] ?? COMPLETE,
        createdAt: at,
        finalAt: processing === undefined ? undefined : at + draw(processing, timing),
        stuck: stuck.has(parsed.serialNumber),
      };
      records.set(stored.id, stored);
      const lost =
        dropAfterCreate.delete(parsed.serialNumber) ||
        (options.lostCreates !== undefined && lostRandom() < options.lostCreates.rate);
      if (lost) {
        lostCreates++;
        return drop();
      }
      send(201, wire(stored, parsed.hardwareIdentifier));
      return;
    }
    if (path.startsWith(REGISTERED) && !path.slice(REGISTERED.length).includes('/') && method === 'GET') {
      const id = decodeURIComponent(path.slice(REGISTERED.length));
      const tag = registered.get(id);
      const entry = listing.get(id);
      if (entry !== undefined && entry.synced) entry.looks++;
      if (tag === undefined || (entry !== undefined && (!entry.synced || entry.looks <= afterSyncPolls))) {
        send(404, { error: { code: 'ResourceNotFound', message: 'Not found.' } });
        return;
      }
      const untagged = entry !== undefined && entry.looks <= afterSyncPolls + untaggedPolls;
      send(200, {
        '@odata.type': '#microsoft.graph.windowsAutopilotDeviceIdentity',
        id,
        serialNumber: registeredSerials.get(id) ?? '',
        groupTag: untagged ? '' : tag,
      });
      return;
    }
    if (path.startsWith(REGISTERED) && path.endsWith(UPDATE_PROPERTIES) && method === 'POST') {
      const id = decodeURIComponent(path.slice(REGISTERED.length, -UPDATE_PROPERTIES.length));
      if (options.tagUpdateStatus !== undefined) {
        send(options.tagUpdateStatus, { error: { code: 'BadRequest', message: 'Refused.' } });
        return;
      }
      if (!registered.has(id)) {
        send(404, { error: { code: 'ResourceNotFound', message: 'Not found.' } });
        return;
      }
      const groupTag = parseGroupTag(body);
      if (groupTag === undefined) {
        send(400, { error: { code: 'BadRequest', message: 'Invalid body.' } });
        return;
      }
      registered.set(id, groupTag);
      send(204);
      return;
    }
    const match = path.startsWith(`${BASE}/`) ? decodeURIComponent(path.slice(BASE.length + 1)) : undefined;
    if (match !== undefined) {
      const stored = records.get(match);
      if (stored === undefined) {
        send(404, { error: { code: 'ResourceNotFound', message: 'Not found.' } });
        return;
      }
      if (method === 'GET') {
        stored.looks++;
        advance(stored, at);
        send(200, wire(stored));
        return;
      }
      if (method === 'DELETE') {
        records.delete(match);
        send(204);
        return;
      }
    }
    send(400, { error: { code: 'BadRequest', message: 'Unknown request.' } });
  }

  /** Moves a record on: by its looks, or by time with processingMs. */
  function advance(stored: StoredRecord, at: number): void {
    if (stored.status === 'complete' || stored.status === 'error' || stored.stuck) return;
    const final = stored.finalAt !== undefined ? at >= stored.finalAt : stored.looks >= pollsUntilFinal;
    if (!final) {
      // By looks: each look shows the next intermediate state. By time: the processing time is shared
      // evenly among them.
      const span = (stored.finalAt ?? 0) - stored.createdAt;
      const step =
        stored.finalAt !== undefined
          ? Math.floor(((at - stored.createdAt) / Math.max(1, span)) * intermediate.length)
          : stored.looks;
      if (stored.looks > 0 || stored.finalAt !== undefined) {
        stored.status = intermediate[Math.max(0, Math.min(step, intermediate.length - 1))] ?? 'unknown';
      }
      return;
    }
    stored.status = stored.outcome.kind === 'complete' ? 'complete' : 'error';
    if (stored.status === 'complete') {
      registered.set(`reg-${stored.id}`, stored.groupTag);
      registeredSerials.set(`reg-${stored.id}`, stored.serialNumber);
      listing.set(`reg-${stored.id}`, { synced: false, looks: 0 });
    }
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
    send(
      429,
      { error: { code: 'TooManyRequests', message: 'Too many requests.' } },
      { 'Retry-After': retryAfter },
    );
  }

  function origin(): string {
    const address = server.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', options.backlog ?? 511, resolve));

  return {
    url: origin(),
    requests,
    windowArrivals,
    violations: () => windowArrivals.filter((a) => a.violation),
    importsOf: (serial) => created.get(serial) ?? 0,
    importCounts: () => new Map(created),
    liveRecords: () =>
      [...records.values()].map((r) => ({
        id: r.id,
        serialNumber: r.serialNumber,
        groupTag: r.groupTag,
        status: r.status,
      })),
    lastImportBody: (serial) => bodies.get(serial),
    seedRecord: (serial, status, outcome = COMPLETE, groupTag = '') => {
      const id = randomUUID();
      records.set(id, {
        id,
        serialNumber: serial,
        groupTag,
        status,
        looks: 0,
        outcome,
        createdAt: Date.now(),
        finalAt: undefined,
        stuck: false,
      });
      if (status === 'complete') {
        registered.set(`reg-${id}`, groupTag);
        registeredSerials.set(`reg-${id}`, serial);
      }
      return id;
    },
    seedRegistered: (registrationId, groupTag) => {
      registered.set(registrationId, groupTag);
    },
    registeredTag: (registrationId) => registered.get(registrationId),
    syncCount: () => syncCalls,
    throttledCount: () => throttled,
    tenantThrottledCount: () => tenantThrottled,
    lostCreateCount: () => lostCreates,
    connectionCount: () => connections,
    peakInFlight: () => peak,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function parseImport(
  body: string,
): { serialNumber: string; groupTag: string; hardwareIdentifier: string } | undefined {
  try {
    const json: unknown = JSON.parse(body);
    if (typeof json !== 'object' || json === null) return undefined;
    const o = json as Record<string, unknown>;
    if (o['@odata.type'] !== '#microsoft.graph.importedWindowsAutopilotDeviceIdentity') return undefined;
    if (typeof o.serialNumber !== 'string' || o.serialNumber === '') return undefined;
    if (typeof o.hardwareIdentifier !== 'string' || o.hardwareIdentifier === '') return undefined;
    if (o.groupTag !== undefined && typeof o.groupTag !== 'string') return undefined;
    return {
      serialNumber: o.serialNumber,
      groupTag: typeof o.groupTag === 'string' ? o.groupTag : '',
      hardwareIdentifier: o.hardwareIdentifier,
    };
  } catch {
    return undefined;
  }
}

/** The groupTag of an updateDeviceProperties body; undefined when the body is not that. */
function parseGroupTag(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null || !('groupTag' in parsed)) return undefined;
    return typeof parsed.groupTag === 'string' ? parsed.groupTag : undefined;
  } catch {
    return undefined;
  }
}

/** A record as Graph returns it (the hash echoed only in the POST answer, as the service does). */
function wire(stored: StoredRecord, hardwareIdentifier?: string): Record<string, unknown> {
  const final = stored.status === 'complete' || stored.status === 'error';
  const error = final && stored.outcome.kind === 'error' ? stored.outcome : undefined;
  return {
    '@odata.type': '#microsoft.graph.importedWindowsAutopilotDeviceIdentity',
    id: stored.id,
    groupTag: stored.groupTag,
    serialNumber: stored.serialNumber,
    productKey: '',
    importId: '',
    hardwareIdentifier: hardwareIdentifier ?? null,
    assignedUserPrincipalName: '',
    state: {
      '@odata.type': 'microsoft.graph.importedWindowsAutopilotDeviceIdentityState',
      deviceImportStatus: stored.status,
      deviceRegistrationId: stored.status === 'complete' ? `reg-${stored.id}` : (error?.registrationId ?? ''),
      deviceErrorCode: error?.code ?? 0,
      deviceErrorName: error?.name ?? '',
    },
  };
}

/** A number, or one drawn from [min, max] with `random`. */
function draw(value: number | readonly [number, number] | undefined, random: () => number): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  return value[0] + random() * (value[1] - value[0]);
}

/**
 * A sliding window of request times (oldest first), pruned to `limit.windowMs` before `at`: undefined when
 * another request fits, else the whole seconds (at least 1) until the oldest leaves the window.
 */
export function secondsUntilRoom(
  times: number[],
  at: number,
  limit: { readonly limit: number; readonly windowMs: number },
): number | undefined {
  while (times.length > 0 && times[0]! <= at - limit.windowMs) times.shift();
  if (times.length < limit.limit) return undefined;
  return Math.max(1, Math.ceil((times[0]! + limit.windowMs - at) / 1000));
}

/** The Retry-After value for a window ending at `end`, sent at `at`: whole seconds, or an HTTP date. */
export function retryAfterHeader(
  end: number,
  at: number,
  format: 'seconds' | 'http-date' | undefined,
): string {
  return format === 'http-date'
    ? // Rounded up to the next whole second: a date rounded down would end the wait too early.
      new Date(Math.ceil(end / 1000) * 1000).toUTCString()
    : String(Math.max(1, Math.ceil((end - at) / 1000)));
}

/** A small seeded PRNG (mulberry32): the same seed gives the same faults in the same order. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
