/**
 * After a Graph run that registered devices: asks Windows Autopilot to sync once, then (optionally) waits until
 * each registered device is listed in `windowsAutopilotDeviceIdentities` with the group tag it was sent with.
 *
 * - The sync (BRIEF §6) answers 204 (started), 409 (one is already running: it covers these devices too) or
 *   429 (the last one was less than 10 minutes ago: Intune syncs within 10 minutes anyway). None of these is a
 *   failure, and none is retried: a second sync within 10 minutes is refused by design. Only a passing fault
 *   (no answer, 5xx, 503 with Retry-After) is tried again, a bounded number of times.
 * - The wait GETs each device by the registration id the import record named (Graph v1.0 "Get
 *   windowsAutopilotDeviceIdentity"; 404 while Autopilot does not list it yet), on the adaptive schedule of
 *   shared/submission/poll-schedule.ts (never a fixed 30 s), and ends at the schedule's deadline with a
 *   definite result per device: `shown`, `other-tag` (listed, but with another tag so far), `not-shown`, or
 *   `not-checked` (no registration id, or the service refused to say).
 * - A 429 while waiting is honoured before the next request (Retry-After, else backoff); a 401 renews the
 *   token once per request.
 *
 * Nothing here changes a device's registration: whatever the wait finds, the devices stay registered.
 */
import type { PollSchedule } from '../../shared/submission/poll-schedule';
import { nextPoll } from '../../shared/submission/poll-schedule';
import type { RetryPolicy } from '../../shared/submission/retry-policy';
import { DEFAULT_RETRY_POLICY, backoffDelay } from '../../shared/submission/retry-policy';
import type {
  GraphClient,
  GraphFailure,
  GraphResult,
  RegisteredDevice,
  SyncResult,
  TokenSource,
} from './graph-client';
import type { Clock } from './graph-submitter';
import { systemClock } from './graph-submitter';

export type GraphSyncApi = Pick<GraphClient, 'syncAutopilot' | 'getRegistered'>;

/** A device the run registered. */
export interface SyncDevice {
  readonly serial: string;
  /** The windowsAutopilotDeviceIdentities id the import record named; undefined when it named none. */
  readonly registrationId: string | undefined;
  /** The tag it was sent with (compared exactly). */
  readonly groupTag: string;
}

/** How the sync request went. */
export type SyncTrigger = SyncResult | { readonly kind: 'failed'; readonly failure: GraphFailure };

export type SyncDeviceResult =
  | { readonly serial: string; readonly state: 'shown'; readonly groupTag: string }
  /** Listed by the deadline, but with another group tag than the one sent (`groupTag`: the one seen). */
  | { readonly serial: string; readonly state: 'other-tag'; readonly groupTag: string }
  /** Not listed by the deadline. */
  | { readonly serial: string; readonly state: 'not-shown' }
  /** No registration id to look for, or the service refused to answer (permission...). */
  | { readonly serial: string; readonly state: 'not-checked' };

export type SyncProgress =
  | { readonly kind: 'sync'; readonly trigger: SyncTrigger }
  | { readonly kind: 'waiting'; readonly count: number; readonly deadlineMs: number }
  | { readonly kind: 'device'; readonly result: SyncDeviceResult };

export interface SyncReport {
  /** Undefined when no device was registered (nothing was asked). */
  readonly trigger: SyncTrigger | undefined;
  /** Empty when not waiting. In input order. */
  readonly devices: readonly SyncDeviceResult[];
}

/**
 * Looks start after 5 s and grow to 30 s between looks; the wait ends after 10 minutes, the time Intune's own
 * sync takes at most.
 */
export const SYNC_WAIT_SCHEDULE: PollSchedule = Object.freeze({
  initialDelayMs: 5_000,
  factor: 1.5,
  maxDelayMs: 30_000,
  deadlineMs: 10 * 60_000,
});

export interface GraphSyncOptions {
  readonly client: GraphSyncApi;
  readonly token: TokenSource;
  /** Wait for the devices to be listed with their tag. Default true. */
  readonly wait?: boolean;
  /** Default SYNC_WAIT_SCHEDULE. */
  readonly poll?: PollSchedule;
  /** Retries of the sync request itself and backoff for throttling without Retry-After. */
  readonly retry?: RetryPolicy;
  readonly clock?: Clock;
  readonly signal?: AbortSignal;
  readonly random?: () => number;
  readonly onProgress?: (progress: SyncProgress) => void;
  readonly log?: (line: string) => void;
}

/** Syncs once when `devices` is not empty, then waits for them (see the module comment). Never throws for a
 * failure of the service; a TokenSource that throws ends the wait with every remaining device `not-checked`. */
export async function syncAndWait(
  devices: readonly SyncDevice[],
  options: GraphSyncOptions,
): Promise<SyncReport> {
  if (devices.length === 0) return { trigger: undefined, devices: [] };
  const run = new SyncRun(options);
  const trigger = await run.trigger();
  options.onProgress?.({ kind: 'sync', trigger });
  if (options.wait === false) return { trigger, devices: [] };
  return { trigger, devices: await run.waitFor(devices) };
}

class SyncRun {
  private readonly clock: Clock;
  private readonly schedule: PollSchedule;
  private readonly retry: RetryPolicy;
  private readonly random: () => number;
  private readonly log: (line: string) => void;
  private token: string | undefined;

  constructor(private readonly options: GraphSyncOptions) {
    this.clock = options.clock ?? systemClock;
    this.schedule = options.poll ?? SYNC_WAIT_SCHEDULE;
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.random = options.random ?? Math.random;
    this.log = options.log ?? (() => undefined);
  }

  private get stopped(): boolean {
    return this.options.signal?.aborted === true;
  }

  private sleep(ms: number): Promise<void> {
    return this.clock.sleep(ms, this.options.signal);
  }

  /** One request with the current token, renewed once when it is refused. */
  private async call<T>(request: (token: string) => Promise<GraphResult<T>>): Promise<GraphResult<T>> {
    this.token ??= await this.options.token();
    const first = await request(this.token);
    if (first.ok || first.failure.kind !== 'unauthorized') return first;
    this.token = await this.options.token();
    return request(this.token);
  }

  async trigger(): Promise<SyncTrigger> {
    for (let attempt = 1; ; attempt++) {
      let result: GraphResult<SyncResult>;
      try {
        result = await this.call((token) => this.options.client.syncAutopilot(token));
      } catch {
        this.log('autopilot sync: no token');
        return { kind: 'failed', failure: { kind: 'unauthorized' } };
      }
      if (result.ok) {
        this.log(`autopilot sync: ${result.value.kind}`);
        return result.value;
      }
      const failure = result.failure;
      if (!passing(failure) || attempt >= this.retry.maxAttempts || this.stopped) {
        this.log(`autopilot sync: failed (${failure.kind})`);
        return { kind: 'failed', failure };
      }
      await this.sleep(this.waitAfter(failure, attempt));
    }
  }

  async waitFor(devices: readonly SyncDevice[]): Promise<SyncDeviceResult[]> {
    const results = new Map<SyncDevice, SyncDeviceResult>();
    const seen = new Map<SyncDevice, string>();
    const settle = (device: SyncDevice, result: SyncDeviceResult) => {
      results.set(device, result);
      this.options.onProgress?.({ kind: 'device', result });
    };
    for (const device of devices) {
      if (device.registrationId === undefined)
        settle(device, { serial: device.serial, state: 'not-checked' });
    }
    let pending = devices.filter((d) => !results.has(d));
    if (pending.length > 0) {
      this.options.onProgress?.({
        kind: 'waiting',
        count: pending.length,
        deadlineMs: this.schedule.deadlineMs,
      });
    }
    const started = this.clock.now();
    let throttles = 0;
    for (let poll = 0; pending.length > 0 && !this.stopped; poll++) {
      const step = nextPoll(poll, started, this.clock.now(), this.schedule);
      if (step.kind === 'deadline') break;
      await this.sleep(step.delayMs);
      if (this.stopped) break;
      for (const device of pending) {
        let look: GraphResult<RegisteredDevice>;
        try {
          look = await this.call((token) => this.options.client.getRegistered(token, device.registrationId!));
        } catch {
          this.log('autopilot wait: no token');
          for (const d of pending) if (!results.has(d)) settle(d, { serial: d.serial, state: 'not-checked' });
          break;
        }
        if (look.ok) {
          seen.set(device, look.value.groupTag);
          if (look.value.groupTag === device.groupTag) {
            settle(device, { serial: device.serial, state: 'shown', groupTag: look.value.groupTag });
          }
          continue;
        }
        const failure = look.failure;
        if (failure.kind === 'not-found') continue;
        if (failure.kind === 'throttled') {
          // Nothing more until the window is over; the rest of this round waits for the next one.
          await this.sleep(this.waitAfter(failure, ++throttles));
          break;
        }
        if (!passing(failure)) {
          this.log(`autopilot wait ${device.serial}: ${failure.kind}`);
          settle(device, { serial: device.serial, state: 'not-checked' });
        }
      }
      pending = pending.filter((d) => !results.has(d));
    }
    for (const device of pending) {
      const tag = seen.get(device);
      settle(
        device,
        tag === undefined
          ? { serial: device.serial, state: 'not-shown' }
          : { serial: device.serial, state: 'other-tag', groupTag: tag },
      );
    }
    return devices.map((d) => results.get(d)!);
  }

  private waitAfter(failure: GraphFailure, attempt: number): number {
    const given = failure.kind === 'throttled' ? failure.retryAfterMs : undefined;
    return given ?? backoffDelay(attempt, this.retry, this.random);
  }
}

/** A failure that may pass: worth asking again. */
function passing(failure: GraphFailure): boolean {
  switch (failure.kind) {
    case 'throttled':
      return true;
    case 'server-error':
    case 'network':
      return failure.retryable;
    default:
      return false;
  }
}
