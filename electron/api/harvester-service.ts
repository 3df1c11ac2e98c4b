/**
 * The services behind {@link HarvesterApi}: one object the Electron main process (over IPC) and the browser
 * host (over HTTP) both hand the UI's calls to, after checking each payload with `parseApiInput`.
 *
 * It holds the ledger open, and locked, for the app's lifetime: every change is durable before its answer,
 * and another window or command cannot write the same ledger meanwhile. Failures the technician can act on
 * come back as values in each call's `kind` union; a rejected promise means a bug.
 *
 * The Submit screen's calls (sign-in, customers, submission jobs) live in ./submission-api.ts; this file
 * composes them with the rest.
 */
import path from 'node:path';
import type {
  ApiCollectionProblem,
  ApiInput,
  ApiOutput,
  ApiRejection,
  ApiWarning,
  DeviceSummary,
  TagStatusValue,
  HarvesterApi,
  HistoryEntry,
  ImportCounts,
  ImportFilePreview,
  ImportRow,
  LedgerFailure,
} from '../../shared/api/harvester-api';
import { EXPORT_PREVIEW_LINES } from '../../shared/api/harvester-api';
import { destinationProblemMessage, writeFailureMessage } from '../../shared/api/api-messages';
import type { Diagnostic, DiagnosticCode, Rejection, Warning, WarningCode } from '../../shared/diagnostics';
import {
  DEFAULT_GROUP_TAG,
  KNOWN_GROUP_TAGS,
  checkGroupTag,
  resolveGroupTag,
  tagStatus,
} from '../../shared/group-tag';
import { hardwareFingerprint } from '../../shared/hardware-hash';
import type { CollectionProblem } from '../../shared/i18n/collection-messages';
import { collectionProblemMessage } from '../../shared/i18n/collection-messages';
import { diagnosticMessage } from '../../shared/i18n/diagnostic-messages';
import { groupTagDescription } from '../../shared/i18n/group-tag-names';
import type { Lang } from '../../shared/i18n/lang';
import type { LedgerDevice, LedgerRecord } from '../../shared/ledger/ledger-events';
import { assertNever } from '../../shared/ledger/ledger-events';
import { resolveLang } from '../cli/locale';
import { collectThisDevice } from '../collection/collect';
import { listRemovableDrives } from '../drives/removable-drives';
import { exportFromLedger } from '../export/export-ledger';
import { SignIn } from '../auth/sign-in';
import { authSettingsPath } from '../auth/sign-in-settings';
import type { SecretProtector } from '../auth/token-store';
import { TokenStore } from '../auth/token-store';
import type { DeviceSubmission } from '../ledger/ledger';
import { Ledger, LedgerError, defaultLedgerDirs, deviceIdFor } from '../ledger/ledger';
import { LOG_FILE_NAME, fileLog } from '../logging/log-file';
import { nodeSha256 } from '../platform/sha256';
import packageJson from '../../package.json' with { type: 'json' };
import { resolveExportDestination } from './export-destination';
import { exportTagPolicy, planLedgerExport, previewLines } from './export-plan';
import { groupTagCheckOf, ledgerFailure } from './api-values';
import { cliAppDataDir } from './app-data';
import { describeHash } from './hash-details';
import type { ReadCsv, RowJudgement } from './import-preview';
import { PreviewStore, judgeRows, readCsvBase64, saveImportedRows } from './import-preview';
import type { SignInPort } from './submission-api';
import { createSubmissionApi } from './submission-api';

/** Sign-in's place for the command line (the browser host): app data, no OS protector. */
function defaultAuthPlace(env: NodeJS.ProcessEnv): AuthPlace {
  const dir = cliAppDataDir(env, process.platform);
  return { settingsFile: authSettingsPath(dir), tokenDir: dir };
}

export interface HarvesterServiceOptions {
  /** The ledger folder; default: `HARVESTER_LEDGER`, else beside the portable exe (mirrored), else app data. */
  readonly ledgerDir?: string;
  /** Where the ledger location, the language and `NODE_POWERSHELL` are read from. */
  readonly env: NodeJS.ProcessEnv;
  readonly now?: () => Date;
  /** The PowerShell to run (tests: the fake shell); default `NODE_POWERSHELL`, else Windows PowerShell. */
  readonly powershell?: string;
  /** The collection script; the packaged app passes its extra-resource copy (default: beside collect.ts). */
  readonly collectScriptPath?: string;
  /**
   * Sign-in for direct submission: where its settings are and where tokens are kept. Default: `auth.json` in
   * the command line's app data folder (cliAppDataDir), tokens in memory only.
   */
  readonly auth?: AuthPlace;
  /** Tests: a sign-in of their own (a fake, or one over a fake identity platform); `auth` is then unused. */
  readonly signIn?: SignInPort;
  /** Tests: the first poll delay of a submission, scaled down (default: the real schedule). */
  readonly submissionPollMs?: number;
  /** Tests: how long the Autopilot sync after a job waits for the devices (default 10 minutes). */
  readonly submissionSyncWaitMs?: number;
  /** Opens an address in the system browser, for browser sign-in; rejects when there is none. */
  readonly openExternal?: (url: string) => Promise<void>;
}

/** Where sign-in reads its settings and keeps its tokens. */
export interface AuthPlace {
  /** `auth.json` (authSettingsPath). */
  readonly settingsFile: string;
  /** The app data folder, for the encrypted token cache. */
  readonly tokenDir: string;
  /** The OS protector (Electron's safeStorage); absent: tokens are kept in memory for the run only. */
  readonly protector?: SecretProtector;
}

/**
 * The API plus `close`. Transports register it through a layer that parses each payload first
 * (`createApiHandlers` in ./api-handlers, or the shell's own); the service trusts its inputs' types.
 */
export interface HarvesterService extends HarvesterApi {
  /** Waits for pending writes and releases the ledger. Calls after this reject. */
  close(): Promise<void>;
}

/**
 * Opens (and locks) the ledger and returns the services. Rejects with a `LedgerError` when the ledger
 * cannot be opened (`locked`: another Autopilot Harvester has it; `unreadable`; `write-failed`): the shell
 * shows `error.message` (plain English naming the folder) before any screen.
 */
export async function createHarvesterService(options: HarvesterServiceOptions): Promise<HarvesterService> {
  const { env } = options;
  const now = options.now ?? (() => new Date());
  const dirs =
    options.ledgerDir !== undefined && options.ledgerDir.length > 0
      ? { primary: options.ledgerDir, mirror: undefined }
      : defaultLedgerDirs(env, process.platform);
  const ledger = await Ledger.open({
    dir: dirs.primary,
    ...(dirs.mirror !== undefined ? { mirrorDir: dirs.mirror } : {}),
    now,
  });
  // Raw PowerShell output is for the log beside the ledger, never the screen (as the CLI does).
  const log = fileLog(ledger.dir, now);
  const executable = options.powershell ?? (env.NODE_POWERSHELL || undefined);
  const powershell = executable !== undefined ? { executable } : {};
  const collection = {
    ...powershell,
    ...(options.collectScriptPath !== undefined ? { scriptPath: options.collectScriptPath } : {}),
    log,
  };
  const previews = new PreviewStore(now);
  const defaultLang = resolveLang(undefined, env);
  const auth = options.auth ?? defaultAuthPlace(env);
  const signIn =
    options.signIn ??
    new SignIn({
      settingsFile: auth.settingsFile,
      store: new TokenStore({
        dir: auth.tokenDir,
        ...(auth.protector !== undefined ? { protector: auth.protector } : {}),
        log,
      }),
      env,
      log,
    });
  const submission = createSubmissionApi({
    ledger,
    signIn,
    settingsFile: auth.settingsFile,
    env,
    log,
    ...(options.submissionPollMs !== undefined ? { pollMs: options.submissionPollMs } : {}),
    ...(options.submissionSyncWaitMs !== undefined ? { syncWaitMs: options.submissionSyncWaitMs } : {}),
    ...(options.openExternal !== undefined ? { openExternal: options.openExternal } : {}),
  });
  const summaryOf = (device: LedgerDevice): DeviceSummary =>
    deviceSummary(device, ledger.submissionOf(device.id));

  const ledgerFailed = (error: unknown, lang: Lang): LedgerFailure => {
    // Anything but a LedgerError is a bug, not something to explain.
    if (!(error instanceof LedgerError)) throw error;
    return ledgerFailure(error, ledger.dir, lang);
  };

  const api: HarvesterApi = {
    signInStatus: submission.signInStatus,
    startSignIn: submission.startSignIn,
    cancelSignIn: submission.cancelSignIn,
    signOut: submission.signOut,
    listCustomers: submission.listCustomers,
    startSubmission: submission.startSubmission,
    submissionJob: submission.submissionJob,
    listSubmissionJobs: submission.listSubmissionJobs,
    retrySubmission: submission.retrySubmission,

    async appInfo() {
      const report = ledger.report;
      return {
        version: packageJson.version,
        platform: process.platform,
        electron: process.versions.electron !== undefined,
        defaultLang,
        ledger: {
          dir: ledger.dir,
          mirror: report.mirror ? { dir: report.mirror.dir, status: report.mirror.status } : null,
          devices: ledger.list().length,
          skippedLines: report.skipped.length,
          recoveredStaleLock: report.recoveredStaleLock,
        },
        logDir: ledger.dir,
        logFile: path.join(ledger.dir, LOG_FILE_NAME),
      };
    },

    async thisDevice({ lang }) {
      const result = await collectThisDevice(collection);
      if (result.kind === 'failed') return { kind: 'failed', problem: problemOf(result.problem, lang) };
      const { row } = result;
      const deviceId = deviceIdFor(row);
      const known = ledger.get(deviceId);
      return {
        kind: 'collected',
        serial: row.serial,
        manufacturer: row.manufacturer,
        model: row.model,
        computerName: result.computerName,
        virtualMachine: result.virtualMachine,
        osVersion: result.osVersion,
        ledger:
          known === undefined
            ? { kind: 'not-in-ledger' }
            : {
                kind: 'in-ledger',
                deviceId,
                state: known.state,
                sameHardware: known.fingerprint === hardwareFingerprint(row.hash, nodeSha256),
              },
      };
    },

    async collectThisDevice({ lang }) {
      const result = await collectThisDevice(collection);
      if (result.kind === 'failed') return { kind: 'failed', problem: problemOf(result.problem, lang) };
      try {
        const [outcome] = await ledger.addRows([result.row], () => ({
          kind: 'collected',
          computerName: result.computerName,
        }));
        return { kind: outcome!.kind, device: summaryOf(outcome!.device) };
      } catch (error) {
        return { kind: 'ledger-failed', failure: ledgerFailed(error, lang) };
      }
    },

    async listDevices() {
      return { devices: ledger.list({ includeDeleted: true }).map(summaryOf) };
    },

    async deviceDetails({ id, lang }) {
      const device = ledger.get(id);
      if (device === undefined) return { kind: 'not-found', id };
      const described = describeHash(device.hash, lang);
      return {
        kind: 'found',
        device: summaryOf(device),
        hash: device.hash,
        verification: described.verification,
        decoded: described.decoded ?? null,
        history: device.history.map(historyEntryOf),
      };
    },

    async removeDevices({ ids, lang }) {
      return changeDevices(ids, lang, 'remove');
    },

    async restoreDevices({ ids, lang }) {
      return changeDevices(ids, lang, 'restore');
    },

    async setGroupTag({ ids, tag, lang }) {
      // Only a known tag: this is the one-click correction of a mistyped one, not a way to invent tags.
      const decision = resolveGroupTag(tag, { allowCustom: false });
      if (!decision.ok) return { kind: 'tag-refused', check: groupTagCheckOf(decision.check, lang) };
      const unique = [...new Set(ids)];
      const unknown = unique.filter((id) => ledger.get(id) === undefined);
      try {
        const changed = await ledger.setGroupTag(
          unique.filter((id) => ledger.get(id) !== undefined),
          decision.tag,
        );
        return { kind: 'done', changed, unknown };
      } catch (error) {
        return { kind: 'ledger-failed', failure: ledgerFailed(error, lang) };
      }
    },

    async previewImport({ files, lang }) {
      const read: ReadCsv[] = [];
      for (const file of files) read.push(await readCsvBase64(file.name, file.base64));
      const rows = read.flatMap((file) => file.rows);
      const judgements = judgeRows(ledger, rows);
      let next = 0;
      const previewed = read.map((file) => {
        const judged = judgements.slice(next, next + file.rows.length);
        next += file.rows.length;
        return previewFile(file, judged, lang);
      });
      const stored = previews.put(rows);
      return {
        previewId: stored.id,
        expiresAt: stored.expiresAt.toISOString(),
        files: previewed,
        totals: sumCounts(previewed.map((f) => f.counts)),
      };
    },

    async confirmImport({ previewId, tagCorrections = [], lang }) {
      // The corrections are checked before anything is saved: a refused one leaves the preview to fix it in.
      const corrections: { deviceIds: readonly string[]; from: string; tag: string }[] = [];
      for (const correction of tagCorrections) {
        const decision = resolveGroupTag(correction.tag, { allowCustom: false });
        if (!decision.ok) return { kind: 'tag-refused', check: groupTagCheckOf(decision.check, lang) };
        corrections.push({ deviceIds: correction.deviceIds, from: correction.from, tag: decision.tag });
      }
      const rows = previews.take(previewId);
      if (rows === undefined) return { kind: 'preview-not-found' };
      const saved = await saveImportedRows(ledger, rows);
      if (!saved.ok) {
        return {
          kind: 'ledger-failed',
          failure: ledgerFailed(saved.error, lang),
          saved: saved.outcomes.length,
        };
      }
      const count = (kind: string) => saved.outcomes.filter((o) => o.kind === kind).length;
      const deviceIds = [...new Set(saved.outcomes.map((o) => o.device.id))];
      const corrected = await correctTags(corrections, new Set(deviceIds));
      return {
        kind: 'imported',
        added: count('added'),
        duplicates: count('duplicate'),
        replaced: count('replaced'),
        deviceIds,
        tagsCorrected: corrected.changed,
        tagCorrectionFailure: corrected.error === null ? null : ledgerFailed(corrected.error, lang),
      };
    },

    async checkGroupTag({ tag, lang }) {
      return groupTagCheckOf(checkGroupTag(tag), lang);
    },

    async knownGroupTags({ lang }) {
      return {
        defaultTag: DEFAULT_GROUP_TAG,
        tags: KNOWN_GROUP_TAGS.map((t) => ({
          tag: t.tag,
          description: groupTagDescription(t.tag, lang) ?? t.profile,
          shared: t.shared,
        })),
      };
    },

    async listDrives() {
      const result = await listRemovableDrives({ ...powershell, log });
      switch (result.kind) {
        case 'listed':
          return { kind: 'listed', drives: result.drives.map((d) => ({ ...d })) };
        case 'unsupported':
          return { kind: 'unsupported' };
        case 'failed':
          return { kind: 'failed', reason: result.reason };
      }
    },

    async previewExport({ format, tag, allowCustomTag, selection, lang }) {
      const policy = exportTagPolicy(tag, allowCustomTag);
      if (!policy.ok) return { kind: 'tag-refused', check: groupTagCheckOf(policy.check, lang) };
      const plan = planLedgerExport(ledger.list(), { selection, format, tagPolicy: policy.policy });
      return {
        kind: 'ready',
        devices: plan.files.reduce((sum, file) => sum + file.length, 0),
        files: plan.files.length,
        lines: previewLines(plan, format, EXPORT_PREVIEW_LINES),
        rejected: plan.rejected.map((r) => rejectionOf(r, lang)),
        warnings: plan.warnings.map((w) => warningOf(w, lang)),
      };
    },

    async exportDevices({ format, tag, allowCustomTag, selection, destination, lang }) {
      const policy = exportTagPolicy(tag, allowCustomTag);
      if (!policy.ok) return { kind: 'tag-refused', check: groupTagCheckOf(policy.check, lang) };
      const where = await resolveExportDestination(destination, { ...powershell, log });
      if (!where.ok) {
        return {
          kind: 'destination-unavailable',
          problem: where.problem,
          message: destinationProblemMessage(where.problem.kind, lang),
        };
      }
      const report = await exportFromLedger(ledger, {
        selection,
        format,
        tagPolicy: policy.policy,
        outDir: where.folder,
        now: now(),
      });
      const failure = report.failure;
      return {
        kind: 'done',
        folder: where.folder,
        files: report.files.map((f) => ({ path: f.path, devices: f.devices })),
        devices: report.devices.length,
        rejected: report.rejected.map((r) => rejectionOf(r, lang)),
        warnings: report.warnings.map((w) => warningOf(w, lang)),
        failure: failure
          ? {
              kind: failure.kind,
              file: failure.file,
              code: failure.code ?? null,
              message: writeFailureMessage(failure.kind, lang),
            }
          : null,
        historyFailure: report.historyFailure ? ledgerFailed(report.historyFailure, lang) : null,
      };
    },
  };

  /**
   * The import preview's corrections, applied to the devices just saved whose tag is still the one the rows
   * carried (a sighting of a device already in the ledger keeps the ledger's tag, which is not touched).
   * Each is a `setGroupTag`, so the history shows the tag as read and the correction.
   */
  async function correctTags(
    corrections: readonly { deviceIds: readonly string[]; from: string; tag: string }[],
    saved: ReadonlySet<string>,
  ): Promise<{ changed: string[]; error: unknown }> {
    const changed: string[] = [];
    try {
      for (const correction of corrections) {
        const ids = correction.deviceIds.filter((id) => {
          const device = saved.has(id) ? ledger.get(id) : undefined;
          return device !== undefined && device.state !== 'deleted' && device.groupTag === correction.from;
        });
        if (ids.length > 0) changed.push(...(await ledger.setGroupTag(ids, correction.tag)));
      }
    } catch (error) {
      return { changed, error };
    }
    return { changed: [...new Set(changed)], error: null };
  }

  /** Deletes or restores the ids the ledger knows; the others are named back, not a reason to fail. */
  async function changeDevices(
    ids: readonly string[],
    lang: Lang,
    change: 'remove' | 'restore',
  ): Promise<ApiOutput<'removeDevices'>> {
    const unique = [...new Set(ids)];
    const known = unique.map((id) => ledger.get(id)).filter((d): d is LedgerDevice => d !== undefined);
    const unknown = unique.filter((id) => ledger.get(id) === undefined);
    const changed = known
      .filter((d) => (change === 'remove' ? d.state !== 'deleted' : d.state === 'deleted'))
      .map((d) => d.id);
    try {
      if (change === 'remove') await ledger.remove(changed);
      else await ledger.restore(changed);
    } catch (error) {
      return { kind: 'ledger-failed', failure: ledgerFailed(error, lang) };
    }
    return { kind: 'done', changed, unknown };
  }

  return {
    ...api,
    async close() {
      previews.clear();
      // A running submission stops first (its last write lands), so the ledger closes with nothing pending.
      await submission.close();
      await ledger.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// From service values to the contract's plain data

function tagStatusOf(tag: string): TagStatusValue {
  const status = tagStatus(tag);
  switch (status.kind) {
    case 'near-miss':
      return { ...status, reasons: [...status.reasons] };
    case 'invalid':
      return { kind: 'invalid', problem: { ...status.problem } };
    default:
      return status;
  }
}

function deviceSummary(device: LedgerDevice, submission: DeviceSubmission | undefined): DeviceSummary {
  return {
    id: device.id,
    serial: device.serial,
    manufacturer: device.manufacturer,
    model: device.model,
    productId: device.productId,
    groupTag: device.groupTag,
    tagStatus: tagStatusOf(device.groupTag),
    assignedUser: device.assignedUser,
    state: device.state,
    addedAt: device.addedAt,
    source:
      device.source.kind === 'collected'
        ? { kind: 'collected', computerName: device.source.computerName }
        : { kind: 'imported', file: device.source.file, line: device.source.line },
    exports: device.exports.map((e) => ({ file: e.file, format: e.format, groupTag: e.groupTag, at: e.at })),
    submission: submission
      ? {
          service: submission.service,
          state: submission.state,
          at: submission.at,
          registered: submission.registered,
        }
      : null,
  };
}

function historyEntryOf(record: LedgerRecord): HistoryEntry {
  const { event, at } = record;
  switch (event.type) {
    case 'device-added':
    case 'device-seen':
    case 'device-replaced':
      return { type: event.type, at, source: event.source };
    case 'devices-exported':
      return { type: event.type, at, file: event.file, format: event.format, groupTag: event.groupTag };
    case 'group-tag-set':
      return { type: event.type, at, groupTag: event.groupTag, from: event.from };
    case 'devices-deleted':
    case 'devices-restored':
      return { type: event.type, at };
    default:
      return assertNever(event);
  }
}

function problemOf(problem: CollectionProblem, lang: Lang): ApiCollectionProblem {
  const { title, action } = collectionProblemMessage(problem, lang);
  return { kind: problem.kind, title, action };
}

function plainParams(d: Diagnostic<DiagnosticCode>): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(d.params)) if (value !== undefined) params[key] = value;
  return params;
}

function rejectionOf(r: Rejection, lang: Lang): ApiRejection {
  return {
    file: r.file,
    line: r.line,
    code: r.code,
    message: diagnosticMessage(r, lang),
    params: plainParams(r),
  };
}

function warningOf(w: Warning, lang: Lang): ApiWarning {
  return {
    file: w.file,
    line: w.line,
    code: w.code,
    message: diagnosticMessage(w, lang),
    params: plainParams(w),
  };
}

/** Warnings about the file as a whole, not the row on whose line they were noticed. */
const FILE_WARNINGS: ReadonlySet<WarningCode> = new Set(['header-missing', 'columns-ignored']);

/** One file of an import preview: every row in line order, with its judgement and its own warnings. */
function previewFile(file: ReadCsv, judged: readonly RowJudgement[], lang: Lang): ImportFilePreview {
  const rowWarnings = new Map<number, Warning[]>();
  const notes: Warning[] = [];
  for (const w of file.warnings) {
    if (FILE_WARNINGS.has(w.code) || w.line === 0) notes.push(w);
    else rowWarnings.set(w.line, [...(rowWarnings.get(w.line) ?? []), w]);
  }
  const rows: ImportRow[] = [];
  file.rows.forEach((row, index) => {
    const judgement = judged[index]!;
    const line = row.source.line;
    const warnings = (rowWarnings.get(line) ?? []).map((w) => warningOf(w, lang));
    rowWarnings.delete(line);
    rows.push({
      ...judgement,
      line,
      serial: row.serial,
      manufacturer: row.manufacturer,
      model: row.model,
      groupTag: row.groupTag,
      tagStatus: tagStatusOf(row.groupTag),
      warnings,
    });
  });
  const fileProblems: ApiRejection[] = [];
  for (const r of file.rejected) {
    if (r.line === 0) {
      fileProblems.push(rejectionOf(r, lang));
      continue;
    }
    const serial = r.params.serial;
    rows.push({
      kind: 'rejected',
      line: r.line,
      code: r.code,
      message: diagnosticMessage(r, lang),
      serial: typeof serial === 'string' && serial.length > 0 ? serial : null,
    });
  }
  // Warnings on a rejected row (undecodable text, say) stay visible with the file.
  for (const left of rowWarnings.values()) notes.push(...left);
  const counts = countRows(rows);
  // Rows past the kept rejections are counted, not listed (see readCsvBase64).
  counts.rows += file.omitted.rejected;
  counts.rejected += file.omitted.rejected;
  const listed = listedRows(rows);
  return {
    name: file.name,
    rows: listed,
    omittedRows: counts.rows - listed.length,
    fileProblems,
    notes: notes.map((w) => warningOf(w, lang)),
    counts,
  };
}

/** Rows listed per file in a preview; the counts cover them all. */
export const PREVIEW_ROWS_PER_FILE = 2000;

/** At most `PREVIEW_ROWS_PER_FILE` rows, those that need a look first, in line order. */
function listedRows(rows: ImportRow[]): ImportRow[] {
  if (rows.length > PREVIEW_ROWS_PER_FILE) {
    const needsLook = (row: ImportRow) =>
      row.kind === 'rejected' || row.kind === 'replaced' || row.warnings.length > 0;
    const first = rows.filter(needsLook);
    const rest = rows.filter((row) => !needsLook(row));
    rows = [...first, ...rest].slice(0, PREVIEW_ROWS_PER_FILE);
  }
  return rows.sort((a, b) => a.line - b.line);
}

function countRows(rows: readonly ImportRow[]): {
  -readonly [K in keyof ImportCounts]: ImportCounts[K];
} {
  const counts = { rows: rows.length, added: 0, duplicates: 0, replaced: 0, rejected: 0, repaired: 0 };
  for (const row of rows) {
    switch (row.kind) {
      case 'added':
        counts.added++;
        break;
      case 'duplicate-in-ledger':
      case 'duplicate-in-batch':
        counts.duplicates++;
        break;
      case 'replaced':
        counts.replaced++;
        break;
      case 'rejected':
        counts.rejected++;
        break;
      default:
        assertNever(row);
    }
    if (row.kind !== 'rejected' && row.warnings.length > 0) counts.repaired++;
  }
  return counts;
}

function sumCounts(all: readonly ImportCounts[]): ImportCounts {
  const total = { rows: 0, added: 0, duplicates: 0, replaced: 0, rejected: 0, repaired: 0 };
  for (const c of all) {
    total.rows += c.rows;
    total.added += c.added;
    total.duplicates += c.duplicates;
    total.replaced += c.replaced;
    total.rejected += c.rejected;
    total.repaired += c.repaired;
  }
  return total;
}

/** The input of a call, for callers that build payloads in code (tests, the HTTP host's fixtures). */
export type ServiceInput<K extends keyof HarvesterApi> = ApiInput<K>;
