/**
 * An in-memory Partner Center for the submitter's unit tests: batches, upload jobs that finish after a number
 * of status reads with a per-serial outcome, MS-RequestId idempotency, scripted failures, and a log of every
 * call at virtual time. Answers are resolved promises, so a virtual clock can drive a whole run.
 */
import type {
  BatchDevice,
  BatchMember,
  BatchJobStatus,
  Customer,
  DeviceBatch,
  PartnerCenterFailure,
  PartnerCenterResult,
  RequestIds,
  UploadAccepted,
} from '../../../../electron/submission/partner-center-client';
import type { PartnerCenterApi } from '../../../../electron/submission/partner-center-submitter';

export type FakeOutcome = 'finished' | { readonly errorCode: string; readonly errorDescription: string };

export type FakeCallName = 'customers' | 'batches' | 'members' | 'create' | 'add' | 'status';

export interface FakeCall {
  readonly call: FakeCallName;
  readonly at: number;
  readonly token: string;
  readonly requestId: string;
  readonly correlationId: string;
  readonly serials: readonly string[];
  readonly failure?: PartnerCenterFailure['kind'] | 'lost-after-accept';
}

export interface FakePartnerCenterOptions {
  readonly now: () => number;
  readonly looksUntilFinished?: number;
  readonly outcomes?: Readonly<Record<string, readonly FakeOutcome[]>>;
  readonly batches?: readonly string[];
  /** Serials the finished status leaves out (a service answer that forgets a device). */
  readonly omitFromStatus?: readonly string[];
  readonly acceptsToken?: (token: string) => boolean;
}

interface Job {
  readonly serials: readonly string[];
  readonly outcomes: readonly FakeOutcome[];
  looks: number;
}

export class FakePartnerCenterApi implements PartnerCenterApi {
  readonly calls: FakeCall[] = [];
  readonly batches: Set<string>;
  readonly uploads = new Map<string, number>();
  /** The serials uploaded into each batch (lower-case name), as the batch's device list gives them. */
  readonly members = new Map<string, string[]>();
  /** Failures to answer instead of handling, in turn, per call. `lost-after-accept` carries out, then fails. */
  readonly script: Record<FakeCallName, (PartnerCenterFailure | 'lost-after-accept')[]> = {
    customers: [],
    batches: [],
    members: [],
    create: [],
    add: [],
    status: [],
  };
  private readonly jobs = new Map<string, Job>();
  private readonly done = new Map<string, UploadAccepted>();
  private nextId = 1;

  constructor(private readonly options: FakePartnerCenterOptions) {
    this.batches = new Set((options.batches ?? []).map((b) => b.toLowerCase()));
  }

  callsOf(call: FakeCallName): readonly FakeCall[] {
    return this.calls.filter((c) => c.call === call);
  }

  async listCustomers(token: string, ids: RequestIds): Promise<PartnerCenterResult<readonly Customer[]>> {
    const failed = this.take('customers', token, ids, []);
    if (failed) return failed;
    return { ok: true, value: [{ id: 'c-1', companyName: 'Contoso', domain: 'contoso.example' }] };
  }

  async listDeviceBatches(
    token: string,
    _customerId: string,
    ids: RequestIds,
  ): Promise<PartnerCenterResult<readonly DeviceBatch[]>> {
    const failed = this.take('batches', token, ids, []);
    if (failed) return failed;
    return { ok: true, value: [...this.batches].map((id) => ({ id, devicesCount: undefined })) };
  }

  async listBatchDevices(
    token: string,
    _customerId: string,
    batchId: string,
    ids: RequestIds,
  ): Promise<PartnerCenterResult<readonly BatchMember[]>> {
    const failed = this.take('members', token, ids, []);
    if (failed) return failed;
    const serials = this.members.get(batchId.toLowerCase()) ?? [];
    return { ok: true, value: serials.map((serialNumber) => ({ serialNumber, productKey: '' })) };
  }

  async createDeviceBatch(
    token: string,
    _customerId: string,
    batchId: string,
    devices: readonly BatchDevice[],
    ids: RequestIds,
  ): Promise<PartnerCenterResult<UploadAccepted>> {
    return this.upload('create', token, batchId, devices, ids);
  }

  async addDevicesToBatch(
    token: string,
    _customerId: string,
    batchId: string,
    devices: readonly BatchDevice[],
    ids: RequestIds,
  ): Promise<PartnerCenterResult<UploadAccepted>> {
    return this.upload('add', token, batchId, devices, ids);
  }

  async getBatchStatus(
    token: string,
    location: string,
    ids: RequestIds,
  ): Promise<PartnerCenterResult<BatchJobStatus>> {
    const failed = this.take('status', token, ids, []);
    if (failed) return failed;
    const trackingId = location.split('/').pop() ?? '';
    const job = this.jobs.get(trackingId);
    if (job === undefined) return { ok: false, failure: { kind: 'not-found', code: '1000' } };
    job.looks++;
    const finished = job.looks >= (this.options.looksUntilFinished ?? 2);
    const omit = new Set(this.options.omitFromStatus ?? []);
    return {
      ok: true,
      value: {
        trackingId,
        status: !finished
          ? 'processing'
          : job.outcomes.some((o) => o !== 'finished')
            ? 'finished_with_errors'
            : 'finished',
        devices: job.serials
          .map((serial, i) => ({ serial, outcome: job.outcomes[i]! }))
          .filter(({ serial }) => !finished || !omit.has(serial))
          .map(({ serial, outcome }) => ({
            serialNumber: serial,
            productKey: '',
            status: !finished ? 'in_progress' : outcome === 'finished' ? 'finished' : 'finished_with_errors',
            errorCode: finished && outcome !== 'finished' ? outcome.errorCode : undefined,
            errorDescription: finished && outcome !== 'finished' ? outcome.errorDescription : undefined,
          })),
      },
    };
  }

  private upload(
    call: 'create' | 'add',
    token: string,
    batchId: string,
    devices: readonly BatchDevice[],
    ids: RequestIds,
  ): PartnerCenterResult<UploadAccepted> {
    const serials = devices.map((d) => d.serialNumber);
    const scripted = this.script[call].shift();
    if (scripted !== undefined && scripted !== 'lost-after-accept') {
      return this.failWith(call, token, ids, serials, scripted);
    }
    if (!this.accepts(token)) return this.failWith(call, token, ids, serials, { kind: 'unauthorized' });
    const replay = this.done.get(ids.requestId);
    if (replay === undefined) {
      if (call === 'create' && this.batches.has(batchId.toLowerCase())) {
        return this.failWith(call, token, ids, serials, { kind: 'batch-exists', code: '409' });
      }
      if (call === 'add' && !this.batches.has(batchId.toLowerCase())) {
        return this.failWith(call, token, ids, serials, { kind: 'not-found', code: '1000' });
      }
      this.batches.add(batchId.toLowerCase());
      this.members.set(batchId.toLowerCase(), [
        ...(this.members.get(batchId.toLowerCase()) ?? []),
        ...serials,
      ]);
      const trackingId = `job-${this.nextId++}`;
      this.jobs.set(trackingId, {
        serials,
        outcomes: serials.map((serial) => {
          const count = (this.uploads.get(serial) ?? 0) + 1;
          this.uploads.set(serial, count);
          const sequence = this.options.outcomes?.[serial] ?? ['finished'];
          return sequence[Math.min(count - 1, sequence.length - 1)]!;
        }),
        looks: 0,
      });
      this.done.set(ids.requestId, { location: `/customers/c-1/batchJobStatus/${trackingId}`, trackingId });
    }
    if (scripted === 'lost-after-accept') {
      this.calls.push({ call, at: this.options.now(), token, ...ids, serials, failure: 'lost-after-accept' });
      return { ok: false, failure: { kind: 'network', code: 'UND_ERR_SOCKET', retryable: true } };
    }
    this.calls.push({ call, at: this.options.now(), token, ...ids, serials });
    return { ok: true, value: this.done.get(ids.requestId)! };
  }

  private accepts(token: string): boolean {
    return this.options.acceptsToken?.(token) ?? true;
  }

  private take(
    call: FakeCallName,
    token: string,
    ids: RequestIds,
    serials: readonly string[],
  ): { ok: false; failure: PartnerCenterFailure } | undefined {
    const scripted = this.script[call].shift();
    if (scripted !== undefined && scripted !== 'lost-after-accept') {
      return this.failWith(call, token, ids, serials, scripted);
    }
    if (!this.accepts(token)) return this.failWith(call, token, ids, serials, { kind: 'unauthorized' });
    this.calls.push({ call, at: this.options.now(), token, ...ids, serials });
    return undefined;
  }

  private failWith(
    call: FakeCallName,
    token: string,
    ids: RequestIds,
    serials: readonly string[],
    failure: PartnerCenterFailure,
  ): { ok: false; failure: PartnerCenterFailure } {
    this.calls.push({ call, at: this.options.now(), token, ...ids, serials, failure: failure.kind });
    return { ok: false, failure };
  }
}
