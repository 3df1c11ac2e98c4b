/**
 * Collecting this device's hardware hash: one run of the shipped collection script, its JSON checked with a
 * schema, the hash verified with the core decoder, and every failure turned into a {@link CollectionProblem}
 * the UI and CLI can explain. Raw PowerShell output and error text go to `log`, never into a problem.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { DeviceRow } from '../../shared/device';
import type { SourceRef } from '../../shared/diagnostics';
import { decodeHardwareHash, registrationBlocker } from '../../shared/hardware-hash';
import type { CollectionProblem, IdentityMismatch } from '../../shared/i18n/collection-messages';
import { compareSerial, isPlaceholderSerial } from '../../shared/serial';
import { nodeHashPlatform } from '../platform/sha256';
import { powerShellChosen, runPowerShell, type PowerShellResult } from '../powershell/powershell';
import { redactHashes } from './hash-redaction';

export type { CollectionProblem, IdentityMismatch } from '../../shared/i18n/collection-messages';

/**
 * The collection script as it sits next to this module in the source tree. The packaged app ships it as an
 * extra resource (build/README.md) and passes that copy as `scriptPath`.
 */
export const COLLECT_SCRIPT_PATH = fileURLToPath(new URL('./collect-hash.ps1', import.meta.url));

/**
 * Where a collected row comes from. `SourceRef` names a file and line for CSV rows; a collected row has no
 * file, so it carries this fixed name and line 0 (the convention for "the whole source"). The device's name
 * and the time belong to the ledger's record of the collection, not to the row.
 */
export const THIS_DEVICE_SOURCE: SourceRef = { file: 'this device', line: 0 };

/**
 * Two minutes: on a fresh device in OOBE, Windows is still busy installing and starting PowerShell plus the
 * MDM query can take tens of seconds; a healthy run takes a few.
 */
export const DEFAULT_COLLECT_TIMEOUT_MS = 120_000;

export interface CollectOptions {
  /** PowerShell to run (default: see resolvePowerShellExecutable; tests pass the fake shell). */
  readonly executable?: string;
  readonly timeoutMs?: number;
  /**
   * Receives raw output and error text for the log file; never shown to the technician as is. Every line
   * passes through redactHashes first: the log never holds a hash.
   */
  readonly log?: (line: string) => void;
  /** The collection script; default {@link COLLECT_SCRIPT_PATH}. */
  readonly scriptPath?: string;
}

export type CollectionResult =
  | {
      readonly kind: 'collected';
      /** Verified; identity (serial, manufacturer, model) from the hash; `groupTag` and `assignedUser` empty. */
      readonly row: DeviceRow;
      /** The name Windows gives the device (e.g. `DESKTOP-7Q2K9LM`), for the ledger's history. */
      readonly computerName: string;
      readonly virtualMachine: boolean;
      /** `major.minor.build.revision` of Windows, for the log and support. */
      readonly osVersion: string;
    }
  | { readonly kind: 'failed'; readonly problem: CollectionProblem };

/** The script's output. Every field is always present (see collect-hash.ps1); unknown extra fields are ignored. */
const CollectionOutputSchema = z.object({
  schema: z.literal(2),
  languageMode: z.string(),
  isWindows: z.boolean(),
  isElevated: z.boolean(),
  isWinPE: z.boolean(),
  isVirtualMachine: z.boolean(),
  computerName: z.string(),
  serial: z.string(),
  manufacturer: z.string(),
  model: z.string(),
  hash: z.string(),
  hashError: z.string(),
  hashErrorCode: z.number().int(),
  hashErrorId: z.string(),
  biosError: z.string(),
  systemError: z.string(),
  scriptError: z.string(),
  psVersion: z.string(),
  osVersion: z.string(),
});

type CollectionOutput = z.infer<typeof CollectionOutputSchema>;

/**
 * MI_Result codes of a failed hash query (CimException.NativeErrorCode; Microsoft.Management.Infrastructure
 * NativeErrorCode, the MI_Result values of mi.h).
 */
const MI_RESULT = { failed: 1, accessDenied: 2, invalidNamespace: 3, invalidClass: 5 } as const;

/** The error id the CimCmdlets give MI_RESULT_FAILED: "MI RESULT 1,...GetCimInstanceCommand". */
const MI_RESULT_1_ID = /^MI RESULT 1\b/i;

/**
 * WMI's HRESULTs in an error id ("HRESULT 0x80041003,...") for a failure that came without a code: WBEM_E_ACCESS_DENIED,
 * WBEM_E_INVALID_NAMESPACE, WBEM_E_INVALID_CLASS (WMI Error Constants) are MI_Result 2, 3 and 5.
 */
const WBEM_ERROR_CODES: Readonly<Record<string, number>> = {
  '0x80041003': MI_RESULT.accessDenied,
  '0x8004100e': MI_RESULT.invalidNamespace,
  '0x80041010': MI_RESULT.invalidClass,
};

/**
 * The Windows 10 builds update KB5013942 (May 2022) was released for, whose hash query then failed with
 * MI_RESULT_FAILED: 2004, 20H2, 21H1 and 21H2 (the 1904x builds share one servicing branch).
 */
const KB5013942_BUILDS = { from: 19041, to: 19044 } as const;

/** Log output is cut here (after hashes are redacted): enough to diagnose, without filling the log. */
const LOG_LIMIT = 2_000;

/**
 * Collects this device in one PowerShell run (process start is slow in OOBE), with the pre-checks (Windows,
 * administrator rights, WinPE, virtual machine) answered by the same run. Never throws for a device or
 * PowerShell problem; throws only when the collection script itself cannot be read (a broken install).
 */
export async function collectThisDevice(options: CollectOptions = {}): Promise<CollectionResult> {
  const sink = options.log ?? (() => undefined);
  // Here rather than at each call: a path added later cannot forget it.
  const log = (line: string): void => sink(redactHashes(line));
  if (process.platform !== 'win32' && !powerShellChosen(options.executable)) {
    log(`collect: not on Windows (platform ${process.platform}); PowerShell not started`);
    return failed({ kind: 'not-windows' });
  }
  const script = await readScript(options.scriptPath ?? COLLECT_SCRIPT_PATH);
  const timeoutMs = options.timeoutMs ?? DEFAULT_COLLECT_TIMEOUT_MS;
  const started = Date.now();
  const result = await runPowerShell(script, { executable: options.executable, timeoutMs });
  log(`collect: PowerShell ${result.kind} after ${Date.now() - started} ms`);

  const answer = scriptAnswer(result, log);
  if (!answer.ok) return failed(answer.problem);
  logFacts(answer.output, log);
  return judge(answer.output, log);
}

type ScriptAnswer =
  | { readonly ok: true; readonly output: CollectionOutput }
  | { readonly ok: false; readonly problem: CollectionProblem };

/** Turns what PowerShell did into the script's checked output, or the problem that stopped it. */
function scriptAnswer(result: PowerShellResult, log: (line: string) => void): ScriptAnswer {
  switch (result.kind) {
    case 'ok': {
      const output = parseOutput(result.stdout, log);
      return output === undefined ? problem({ kind: 'bad-output' }) : { ok: true, output };
    }
    case 'wrote-stderr': {
      log(`collect: PowerShell wrote to stderr: ${clip(result.stderr)}`);
      // Windows PowerShell 5.1 writes progress records to stderr on healthy runs: a complete answer on stdout
      // still counts. Without one, the stderr text is why, and the script did not get to say anything else.
      if (result.stdout.trim().length === 0) return problem({ kind: 'powershell-failed' });
      const output = parseOutput(result.stdout, log);
      return output === undefined ? problem({ kind: 'powershell-failed' }) : { ok: true, output };
    }
    case 'not-found':
      log(`collect: PowerShell not found: ${result.executable}`);
      return problem({ kind: 'powershell-missing' });
    case 'timeout':
      log(`collect: no answer within ${result.timeoutMs} ms; the PowerShell process was killed`);
      // What PowerShell said before it went quiet is usually the only clue to why.
      if (result.stderr.length > 0) log(`collect: PowerShell wrote to stderr: ${clip(result.stderr)}`);
      if (result.stdout.length > 0) log(`collect: PowerShell wrote to stdout: ${clip(result.stdout)}`);
      return problem({ kind: 'timeout', timeoutMs: result.timeoutMs });
    case 'locked-down':
      log(`collect: PowerShell runs in ${result.languageMode}; the collection script was not started`);
      if (result.stderr.length > 0) log(`collect: PowerShell wrote to stderr: ${clip(result.stderr)}`);
      return problem({ kind: 'powershell-locked-down', languageMode: result.languageMode });
    case 'cannot-start':
      log(`collect: cannot start ${result.executable}: ${result.code ?? ''} ${result.message}`);
      return problem({ kind: 'powershell-failed' });
    case 'exited':
      log(
        `collect: PowerShell ended early (code ${result.exitCode}, signal ${result.signal}): ${clip(result.message)}`,
      );
      return problem({ kind: 'powershell-failed' });
  }
}

function problem(found: CollectionProblem): ScriptAnswer {
  return { ok: false, problem: found };
}

function parseOutput(stdout: string, log: (line: string) => void): CollectionOutput | undefined {
  let json: unknown;
  try {
    json = JSON.parse(stdout.trim());
  } catch {
    log(`collect: output is not JSON: ${clip(stdout)}`);
    return undefined;
  }
  const parsed = CollectionOutputSchema.safeParse(json);
  if (!parsed.success) {
    log(`collect: output does not match the script's format: ${z.prettifyError(parsed.error)}`);
    log(`collect: output: ${clip(stdout)}`);
    return undefined;
  }
  return parsed.data;
}

/** Decides, in the order a technician can act on them, what the facts mean. */
function judge(facts: CollectionOutput, log: (line: string) => void): CollectionResult {
  if (facts.languageMode !== 'FullLanguage')
    return failed({ kind: 'powershell-locked-down', languageMode: facts.languageMode });
  if (facts.scriptError.length > 0) return failed({ kind: 'powershell-failed' });
  if (!facts.isWindows) return failed({ kind: 'not-windows' });
  if (facts.isWinPE) return failed({ kind: 'winpe' });
  if (!facts.isElevated) return failed({ kind: 'not-elevated' });
  if (facts.hashError.length > 0) return failed(hashQueryProblem(facts));
  if (facts.hash.length === 0) return failed({ kind: 'no-hash', virtualMachine: facts.isVirtualMachine });

  const decoded = decodeHardwareHash(facts.hash, nodeHashPlatform);
  if (!decoded.ok) {
    log(`collect: the hash does not verify: ${decoded.failure.kind}`);
    return failed({ kind: 'hash-invalid', failure: decoded.failure });
  }
  const hash = decoded.hash;
  const blocker = registrationBlocker(hash);
  if (blocker !== undefined) {
    log(`collect: the hash cannot be registered: ${blocker.kind}`);
    return failed({ kind: 'hash-invalid', failure: blocker });
  }
  // registrationBlocker guarantees both.
  const serial = hash.serial ?? '';
  const manufacturer = hash.manufacturer ?? '';
  if (isPlaceholderSerial(serial)) return failed({ kind: 'serial-placeholder', serial });
  const mismatches = identityMismatches(serial, manufacturer, facts);
  if (mismatches.length > 0) return failed({ kind: 'identity-mismatch', mismatches });
  if (hash.repadded) log('collect: Windows returned the hash without base64 padding; repaired');

  const row: DeviceRow = {
    serial,
    manufacturer,
    // As for CSV rows: the hash's model, else what Windows reports.
    model: hash.model ?? facts.model,
    // Empty, as Get-WindowsAutoPilotInfo leaves it ("Getting the PKID is generally problematic for anyone other
    // than OEMs"): the importers accept a row without it, and a CSV's own value stays in the ledger.
    productId: '',
    groupTag: '',
    assignedUser: '',
    hash,
    source: THIS_DEVICE_SOURCE,
  };
  log(`collect: collected ${serial} (${manufacturer} ${row.model}) on ${facts.computerName}`);
  return {
    kind: 'collected',
    row,
    computerName: facts.computerName,
    virtualMachine: facts.isVirtualMachine,
    osVersion: facts.osVersion,
  };
}

/**
 * Where the hash and Windows disagree on serial or manufacturer. A value Windows could not read (empty) is
 * not a disagreement: the hash proves itself by its checksum. Case is not a disagreement either: firmware
 * tables and WMI spell the same maker `LENOVO` and `Lenovo`, and serials follow the core's rule
 * (compareSerial: the same, or the same but for case). Any other difference is a hash from another device.
 */
function identityMismatches(
  serial: string,
  manufacturer: string,
  facts: CollectionOutput,
): IdentityMismatch[] {
  const mismatches: IdentityMismatch[] = [];
  const windowsSerial = facts.serial.trim();
  if (windowsSerial.length > 0 && !sameSerial(windowsSerial, serial)) {
    mismatches.push({ field: 'serial', fromHash: serial, fromWindows: windowsSerial });
  }
  const windowsManufacturer = facts.manufacturer.trim();
  if (windowsManufacturer.length > 0 && !sameManufacturer(windowsManufacturer, manufacturer)) {
    mismatches.push({ field: 'manufacturer', fromHash: manufacturer, fromWindows: windowsManufacturer });
  }
  return mismatches;
}

/**
 * Only a case difference is forgiven; compareSerial's Excel repairs (lost leading zeros, scientific notation)
 * describe damage done to CSV text, which WMI's answer never went through.
 */
function sameSerial(fromWindows: string, fromHash: string): boolean {
  const comparison = compareSerial(fromWindows, fromHash);
  return comparison.kind === 'same' || (comparison.kind === 'repaired' && comparison.how === 'case');
}

function sameManufacturer(fromWindows: string, fromHash: string): boolean {
  return fromWindows.trim().toLowerCase() === fromHash.trim().toLowerCase();
}

/**
 * What a failed hash query means, by its MI_Result code (NativeErrorCode) and error id, never by its message:
 * the message is localised ("A general error occurred that is not covered by a more specific error code." on
 * English Windows).
 */
function hashQueryProblem(facts: CollectionOutput): CollectionProblem {
  const hresult = /^HRESULT (0x[0-9a-f]{8})\b/i.exec(facts.hashErrorId)?.[1]?.toLowerCase();
  const code = facts.hashErrorCode !== 0 ? facts.hashErrorCode : (WBEM_ERROR_CODES[hresult ?? ''] ?? 0);
  const failedGenerally = code === MI_RESULT.failed || (code === 0 && MI_RESULT_1_ID.test(facts.hashErrorId));
  if (failedGenerally && isKb5013942Build(facts.osVersion)) return { kind: 'mi-result-1' };
  if (code === MI_RESULT.accessDenied) return { kind: 'hash-access-denied' };
  if (code === MI_RESULT.invalidNamespace) return { kind: 'mdm-bridge-missing', missing: 'namespace' };
  if (code === MI_RESULT.invalidClass) return { kind: 'mdm-bridge-missing', missing: 'class' };
  // Virtual machines often have no MDM hash provider at all; say so rather than "query failed".
  if (facts.isVirtualMachine) return { kind: 'no-hash', virtualMachine: true };
  return { kind: 'hash-query-failed' };
}

/** `10.0.BUILD.REVISION` of Windows 10 between 19041 and 19044. */
function isKb5013942Build(osVersion: string): boolean {
  const match = /^10\.0\.(\d+)(?:\.|$)/.exec(osVersion.trim());
  if (match === null) return false;
  const build = Number(match[1]);
  return build >= KB5013942_BUILDS.from && build <= KB5013942_BUILDS.to;
}

function logFacts(facts: CollectionOutput, log: (line: string) => void): void {
  // Everything except the hash itself, which is sensitive and long.
  const { hash, ...rest } = facts;
  log(`collect: facts ${JSON.stringify({ ...rest, hashLength: hash.length })}`);
}

async function readScript(file: string): Promise<string> {
  try {
    // A BOM (an editor may add one) would become part of the first command.
    return (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    throw new Error(
      `The collection script is missing or unreadable (${file}): the app is not installed completely`,
      {
        cause: error,
      },
    );
  }
}

function failed(problem: CollectionProblem): CollectionResult {
  return { kind: 'failed', problem };
}

/** Redacts before cutting, so a hash cut in half cannot slip past the redaction as two shorter pieces. */
function clip(raw: string): string {
  const text = redactHashes(raw);
  return text.length <= LOG_LIMIT ? text : `${text.slice(0, LOG_LIMIT)}... (${text.length} characters)`;
}
