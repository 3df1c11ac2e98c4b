/**
 * An in-memory Graph for the submitter's unit tests: the same record life cycle as the mock Graph server
 * (pending, then a final state per serial and per import after a number of looks), with scripted failures
 * and a log of every call at virtual time. Answers come back as resolved promises, so a virtual clock can
 * drive a whole run.
 */
import type {
  GraphFailure,
  GraphResult,
  ImportRequest,
  ImportedRecord,
} from '../../../../electron/submission/graph-client';
import type { GraphApi } from '../../../../electron/submission/graph-submitter';

/** An error outcome may name the registered device (806 in this tenant), as `registrationId`. */
export type FakeOutcome =
  { readonly code: number; readonly name: string; readonly registrationId?: string } | 'complete';

export type CallName = 'list' | 'import' | 'get' | 'delete' | 'tag';

export interface FakeCall {
  readonly call: CallName;
  readonly at: number;
  readonly token: string;
  readonly serial?: string;
  /** The failure answered, if any. */
  readonly failure?: GraphFailure['kind'];
}

export interface FakeGraphOptions {
  readonly now: () => number;
  readonly pollsUntilFinal?: number;
  readonly outcomes?: Readonly<Record<string, readonly FakeOutcome[]>>;
  /** Tokens the fake accepts; default any. */
  readonly acceptsToken?: (token: string) => boolean;
  readonly pageSize?: number;
}

type Lost = 'lost-after-create' | 'lost-after-create-final';

function isLost(value: GraphFailure | Lost | undefined): value is Lost {
  return value === 'lost-after-create' || value === 'lost-after-create-final';
}

interface Stored {
  record: ImportedRecord;
  looks: number;
  readonly outcome: FakeOutcome;
}

export class FakeGraphApi implements GraphApi {
  readonly calls: FakeCall[] = [];
  readonly records = new Map<string, Stored>();
  readonly imports = new Map<string, number>();
  /**
   * Failures to answer instead of handling, in turn, per call name. `'lost-after-create'` creates the
   * record and then answers as a dropped connection; `'lost-after-create-final'` too, and the record has
   * already reached its final state when it is next listed (the service processed it meanwhile).
   */
  readonly script: Record<CallName, (GraphFailure | Lost)[]> = {
    list: [],
    import: [],
    get: [],
    delete: [],
    tag: [],
  };
  /** The group tag of each registered device (by registration id), as the service keeps it. */
  readonly registeredTags = new Map<string, string>();
  private nextId = 1;

  constructor(private readonly options: FakeGraphOptions) {}

  seed(
    serial: string,
    status: ImportedRecord['status'],
    error?: { code: number; name: string },
    groupTag = '',
  ): string {
    const id = `seed-${this.nextId++}`;
    if (status === 'complete') this.registeredTags.set(`reg-${id}`, groupTag);
    this.records.set(id, {
      record: {
        id,
        serialNumber: serial,
        groupTag,
        status,
        errorCode: error?.code,
        errorName: error?.name,
        registrationId: status === 'complete' ? `reg-${id}` : undefined,
      },
      looks: 0,
      outcome: error ?? 'complete',
    });
    return id;
  }

  callsOf(call: CallName): readonly FakeCall[] {
    return this.calls.filter((c) => c.call === call);
  }

  async listImportedPage(
    token: string,
    nextLink?: string,
  ): Promise<GraphResult<{ records: readonly ImportedRecord[]; nextLink: string | undefined }>> {
    const failed = this.take('list', token);
    if (failed) return failed;
    const size = this.options.pageSize ?? 100;
    const start = nextLink === undefined ? 0 : Number(nextLink);
    const all = [...this.records.values()].map((s) => s.record);
    const end = start + size;
    return {
      ok: true,
      value: { records: all.slice(start, end), nextLink: end < all.length ? String(end) : undefined },
    };
  }

  async importDevice(token: string, device: ImportRequest): Promise<GraphResult<ImportedRecord>> {
    const scripted = this.script.import.shift();
    if (scripted !== undefined && !isLost(scripted)) {
      return this.failWith('import', token, scripted, device.serialNumber);
    }
    if (!this.accepts(token))
      return this.failWith('import', token, { kind: 'unauthorized' }, device.serialNumber);
    const count = (this.imports.get(device.serialNumber) ?? 0) + 1;
    this.imports.set(device.serialNumber, count);
    const sequence = this.options.outcomes?.[device.serialNumber] ?? ['complete'];
    const id = `rec-${this.nextId++}`;
    const record: ImportedRecord = {
      id,
      serialNumber: device.serialNumber,
      groupTag: device.groupTag,
      status: 'pending',
      errorCode: undefined,
      errorName: undefined,
      registrationId: undefined,
    };
    this.records.set(id, { record, looks: 0, outcome: sequence[Math.min(count - 1, sequence.length - 1)]! });
    if (scripted === 'lost-after-create-final') this.settle(id);
    if (isLost(scripted)) {
      return this.failWith(
        'import',
        token,
        { kind: 'network', code: 'UND_ERR_SOCKET', retryable: true },
        device.serialNumber,
      );
    }
    this.calls.push({ call: 'import', at: this.options.now(), token, serial: device.serialNumber });
    return { ok: true, value: record };
  }

  async getImported(token: string, id: string): Promise<GraphResult<ImportedRecord>> {
    const stored = this.records.get(id);
    const failed = this.take('get', token, stored?.record.serialNumber);
    if (failed) return failed;
    if (stored === undefined) return { ok: false, failure: { kind: 'not-found' } };
    stored.looks++;
    if (stored.record.status === 'pending' && stored.looks >= (this.options.pollsUntilFinal ?? 2)) {
      this.settle(id);
    }
    return { ok: true, value: stored.record };
  }

  /** The record reaches its final state. */
  private settle(id: string): void {
    const stored = this.records.get(id);
    if (stored !== undefined) {
      const outcome = stored.outcome;
      if (outcome === 'complete') this.registeredTags.set(`reg-${id}`, stored.record.groupTag);
      stored.record =
        outcome === 'complete'
          ? { ...stored.record, status: 'complete', registrationId: `reg-${id}` }
          : {
              ...stored.record,
              status: 'error',
              errorCode: outcome.code,
              errorName: outcome.name,
              registrationId: outcome.registrationId,
            };
    }
  }

  async updateDeviceProperties(
    token: string,
    registrationId: string,
    properties: { readonly groupTag: string },
  ): Promise<GraphResult<undefined>> {
    const failed = this.take('tag', token, undefined);
    if (failed) return failed;
    this.registeredTags.set(registrationId, properties.groupTag);
    return { ok: true, value: undefined };
  }

  async deleteImported(token: string, id: string): Promise<GraphResult<undefined>> {
    const failed = this.take('delete', token, this.records.get(id)?.record.serialNumber);
    if (failed) return failed;
    if (!this.records.delete(id)) return { ok: false, failure: { kind: 'not-found' } };
    return { ok: true, value: undefined };
  }

  private accepts(token: string): boolean {
    return this.options.acceptsToken?.(token) ?? true;
  }

  /** A scripted failure or a refused token, recorded; undefined when the call goes ahead (also recorded). */
  private take(
    call: Exclude<CallName, 'import'>,
    token: string,
    serial?: string,
  ): { ok: false; failure: GraphFailure } | undefined {
    const scripted = this.script[call].shift();
    if (scripted !== undefined && !isLost(scripted)) return this.failWith(call, token, scripted, serial);
    if (!this.accepts(token)) return this.failWith(call, token, { kind: 'unauthorized' }, serial);
    this.calls.push({ call, at: this.options.now(), token, ...(serial === undefined ? {} : { serial }) });
    return undefined;
  }

  private failWith(
    call: CallName,
    token: string,
    failure: GraphFailure,
    serial?: string,
  ): { ok: false; failure: GraphFailure } {
    this.calls.push({
      call,
      at: this.options.now(),
      token,
      failure: failure.kind,
      ...(serial === undefined ? {} : { serial }),
    });
    return { ok: false, failure };
  }
}
