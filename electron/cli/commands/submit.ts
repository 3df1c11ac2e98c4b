/**
 * `harvester submit --to graph|partner-center [--customer TENANT_ID] [--tag TAG] [--allow-custom-tag]
 * [--ledger DIR | FILES...] [--new] [--json]`: registers devices in Windows Autopilot directly.
 *
 * From the ledger (the default) the run is a journaled job: an unfinished job for the same devices, service
 * and tag (the app was killed) is resumed, and devices it already finished are not sent again. From CSV
 * files there is no ledger, so nothing is journaled.
 *
 * Progress lines (one per device state change, in the user's language) go to stderr; stdout carries the
 * summary, or with --json only `{"devices":[{"serial","state","errorCode","message"}]}`. Exit 0 when every
 * device is registered or already registered, 1 when any failed (or a row could not be sent), 2 for usage
 * errors.
 */
import { z } from 'zod';
import type { Rejection } from '../../../shared/diagnostics';
import { DEFAULT_GROUP_TAG } from '../../../shared/group-tag';
import { diagnosticMessage } from '../../../shared/i18n/diagnostic-messages';
import type { SubmissionService } from '../../../shared/ledger/ledger-events';
import { SUBMISSION_SERVICES } from '../../../shared/ledger/ledger-events';
import { problemFromDetail } from '../../../shared/ledger/submission-detail';
import type { MergedDevice } from '../../../shared/merge';
import { prepareLedgerExport } from '../../export/export-ledger';
import { mergeFiles } from '../../merge/merge-files';
import { environmentToken } from '../../submission/graph-client';
import type {
  JobChange,
  JobDeviceOutcome,
  SubmissionJobStore,
  SubmitFunction,
} from '../../submission/submission-job';
import { JobJournalHandle, memoryJobStore, runSubmissionJob } from '../../submission/submission-job';
import {
  createSubmitter,
  deviceMessage,
  failureReason,
  jobDevices,
  submissionErrorCode,
} from '../../submission/submission-runner';
import { EXIT, UsageError } from '../cli-io';
import { ledgerLocation } from '../ledger-location';
import type { CliContext } from '../main';
import { json, location } from '../output';
import { withLedger } from './ledger-errors';
import { chosenTag } from './tag';

const SubmitOptions = z.object({
  to: z.string().optional(),
  customer: z.string().optional(),
  tag: z.string().optional(),
  allowCustomTag: z.boolean().default(false),
  ledger: z.string().optional(),
  new: z.boolean().default(false),
  json: z.boolean().default(false),
  // Hidden, for tests and the bench: how fast to poll, how many devices at once.
  pollMs: z.string().optional(),
  concurrency: z.string().optional(),
});

const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function runSubmit(
  context: CliContext,
  files: readonly string[],
  raw: unknown,
): Promise<number> {
  const options = SubmitOptions.parse(raw);
  const { text, io } = context;
  if (options.to === undefined) throw new UsageError(text.submit.toMissing);
  if (!(SUBMISSION_SERVICES as readonly string[]).includes(options.to)) {
    throw new UsageError(text.submit.toUnknown({ value: options.to }));
  }
  const service = options.to as SubmissionService;
  let customerTenantId: string | undefined;
  if (service === 'partner-center') {
    if (options.customer === undefined) throw new UsageError(text.submit.customerMissing);
    if (!TENANT_ID.test(options.customer.trim())) {
      throw new UsageError(text.submit.customerInvalid({ value: options.customer }));
    }
    customerTenantId = options.customer.trim().toLowerCase();
  } else if (options.customer !== undefined) {
    throw new UsageError(text.submit.customerNotForGraph);
  }
  if (options.ledger !== undefined && files.length > 0) throw new UsageError(text.submit.ledgerAndFiles);
  const groupTag = chosenTag(context, options.tag ?? DEFAULT_GROUP_TAG, options.allowCustomTag);
  if (!io.env.HARVESTER_TOKEN?.trim()) throw new UsageError(text.submit.tokenMissing);
  const journal = new JobJournalHandle();
  let submit: SubmitFunction;
  try {
    // The shared wiring (the app's services use it too); a new rate budget for this one run.
    submit = createSubmitter(service, {
      env: io.env,
      token: environmentToken(io.env as NodeJS.ProcessEnv),
      journal,
      customerTenantId,
      groupTag,
      pollMs: positiveInt(options.pollMs),
      concurrency: positiveInt(options.concurrency),
    });
  } catch (error) {
    // The clients refuse a base URL that is not https (or loopback http), or not a URL at all.
    if (!(error instanceof RangeError || error instanceof TypeError)) throw error;
    const name = service === 'graph' ? 'HARVESTER_GRAPH_URL' : 'HARVESTER_PARTNER_CENTER_URL';
    throw new UsageError(text.submit.badUrl({ name, value: io.env[name] ?? '' }));
  }
  const run = { service, customerTenantId, groupTag, submit, journal };

  if (files.length > 0) {
    const merged = await mergeFiles({ files, tagPolicy: { kind: 'override', tag: groupTag } });
    io.stderr(text.submit.notJournaled + '\n');
    return submitDevices(context, memoryJobStore(), merged.devices, merged.rejected, run, options);
  }
  return withLedger(context, ledgerLocation(options.ledger, io.env), async (ledger) => {
    let live = ledger.list();
    const all = live.length;
    if (options.new) live = live.filter((d) => ledger.submissionOf(d.id)?.registered !== true);
    if (options.new && all > 0 && live.length === 0) {
      if (options.json) io.stdout(json({ devices: [] }));
      else io.stdout(text.submit.allRegistered + '\n');
      return EXIT.ok;
    }
    const prepared = prepareLedgerExport(
      live,
      { kind: 'ids', ids: live.map((d) => d.id) },
      { kind: 'override', tag: groupTag },
    );
    return submitDevices(context, ledger, prepared.devices, prepared.rejected, run, options);
  });
}

async function submitDevices(
  context: CliContext,
  store: SubmissionJobStore,
  devices: readonly MergedDevice[],
  rejected: readonly Rejection[],
  run: {
    readonly service: SubmissionService;
    readonly customerTenantId: string | undefined;
    readonly groupTag: string;
    readonly submit: SubmitFunction;
    readonly journal: JobJournalHandle;
  },
  options: { readonly json: boolean },
): Promise<number> {
  const { text, io, lang } = context;
  for (const r of rejected) {
    io.stderr(
      text.submit.rejected({ where: location(r), code: r.code, message: diagnosticMessage(r, lang) }) + '\n',
    );
  }
  if (devices.length === 0) {
    if (options.json) io.stdout(json({ devices: [] }));
    else io.stdout(text.submit.nothingToSubmit + '\n');
    return EXIT.failed;
  }
  const serviceName = text.submit.services[run.service];
  const result = await runSubmissionJob(
    {
      service: run.service,
      ...(run.customerTenantId !== undefined ? { customerTenantId: run.customerTenantId } : {}),
      groupTag: run.groupTag,
      devices: jobDevices(devices, run.groupTag),
    },
    {
      store,
      submit: run.submit,
      journal: run.journal,
      onStart: (job, resumed) => {
        const count = job.devices.length;
        const done = job.devices.filter((d) => d.state !== 'pending' && d.state !== 'imported').length;
        io.stderr(
          (resumed
            ? text.submit.resumed({ job: job.id, done, count, service: serviceName })
            : text.submit.started({ count, service: serviceName, tag: run.groupTag, job: job.id })) + '\n',
        );
      },
      onChange: (change) => io.stderr(progressLine(context, change, run.service) + '\n'),
    },
  );
  const outcomes = result.devices.map((d) => deviceOutcome(context, d, run.service, run.groupTag));
  if (options.json) io.stdout(json({ devices: outcomes }));
  else io.stdout(humanSummary(context, outcomes));
  const failed = outcomes.some((o) => o.state === 'failed');
  return failed || rejected.length > 0 ? EXIT.failed : EXIT.ok;
}

interface DeviceJson {
  readonly serial: string;
  readonly state: 'registered' | 'already-registered' | 'failed';
  readonly errorCode: string | null;
  readonly message: string;
}

function deviceOutcome(
  { lang }: CliContext,
  d: JobDeviceOutcome,
  service: SubmissionService,
  groupTag: string,
): DeviceJson {
  return {
    serial: d.serial,
    state: d.state,
    errorCode: d.state === 'registered' ? null : submissionErrorCode(d.detail),
    message:
      deviceMessage({ service, serial: d.serial, state: d.state, detail: d.detail, groupTag }, lang) ?? '',
  };
}

function progressLine(context: CliContext, change: JobChange, service: SubmissionService): string {
  const { text, lang } = context;
  const serial = change.serial;
  switch (change.state) {
    case 'pending':
      return text.submit.pending({ serial });
    case 'imported':
      return text.submit.imported({ serial });
    case 'registered':
      return text.submit.registered({ serial });
    case 'already-registered':
      return text.submit.alreadyRegistered({ serial });
    case 'failed': {
      const problem = problemFromDetail(change.detail);
      const reason = failureReason(service, change.detail, lang);
      const code = submissionErrorCode(change.detail);
      return text.submit.failed({
        serial,
        reason: code && problem?.kind === 'import-error' ? `${reason} [${code}]` : reason,
      });
    }
  }
}

function humanSummary({ text }: CliContext, outcomes: readonly DeviceJson[]): string {
  const count = (state: DeviceJson['state']) => outcomes.filter((o) => o.state === state).length;
  const lines = [
    text.submit.summary({
      registered: count('registered'),
      already: count('already-registered'),
      failed: count('failed'),
    }),
  ];
  for (const o of outcomes) if (o.state === 'failed') lines.push(`  ${o.serial}  ${o.message}`);
  return lines.join('\n') + '\n';
}

function positiveInt(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
