/**
 * The USB sticks the technician can export to, and finding the same stick again when Windows gave it another
 * drive letter (letters follow plug order, so `E:` yesterday is `F:` today).
 */
import { z } from 'zod';
import { powerShellChosen, runPowerShell } from '../powershell/powershell';

export interface RemovableDrive {
  /** `E:` */
  readonly letter: string;
  /** The volume label, possibly empty. */
  readonly label: string;
  /** The volume serial number as Windows prints it (8 hex digits); changes only when the stick is formatted. */
  readonly volumeSerial: string;
  readonly freeBytes: number;
  readonly sizeBytes: number;
}

/** Why no list: off Windows the export simply takes a folder; the other kinds say what went wrong. */
export type DriveListResult =
  | { readonly kind: 'listed'; readonly drives: readonly RemovableDrive[] }
  | { readonly kind: 'unsupported' }
  | {
      readonly kind: 'failed';
      readonly reason:
        'powershell-missing' | 'powershell-locked-down' | 'powershell-failed' | 'timeout' | 'bad-output';
    };

export interface ListDrivesOptions {
  readonly executable?: string;
  /** Default 30 s: the query is quick, but starting PowerShell on a busy machine is not. */
  readonly timeoutMs?: number;
  readonly log?: (line: string) => void;
}

/** What a session remembers of the stick it exported to. */
export interface RememberedDrive {
  readonly volumeSerial: string;
  readonly label: string;
}

export type DriveMatch =
  | { readonly kind: 'serial'; readonly drive: RemovableDrive }
  /** The serial is gone (the stick was formatted, or it is another stick with the same label). */
  | { readonly kind: 'label'; readonly drive: RemovableDrive }
  /** Several drives carry the remembered label and none the serial: let the technician choose. */
  | { readonly kind: 'ambiguous'; readonly drives: readonly RemovableDrive[] }
  | { readonly kind: 'not-found' };

export const DEFAULT_DRIVES_TIMEOUT_MS = 30_000;

/**
 * DriveType 2 is "removable disk": most USB sticks. USB hard disks and some large sticks report as fixed
 * disks (3) and are not listed; the technician can still choose any folder. Drives without media (an empty
 * card reader slot) have no size and are left out. Output is one JSON line, ASCII-escaped like the collection
 * script so a Japanese volume label survives any console code page.
 */
const LIST_DRIVES_SCRIPT = `
param()
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$onWindows = [Environment]::OSVersion.Platform -eq [PlatformID]::Win32NT
$drives = @()
if ($onWindows) {
  $drives = @(Get-CimInstance -ClassName Win32_LogicalDisk -Filter 'DriveType=2' |
    Where-Object { $null -ne $_.Size } |
    ForEach-Object {
      [ordered]@{
        letter = [string]$_.DeviceID
        label = [string]$_.VolumeName
        volumeSerial = [string]$_.VolumeSerialNumber
        freeBytes = [double]$_.FreeSpace
        sizeBytes = [double]$_.Size
      }
    })
}
$json = ConvertTo-Json -InputObject ([ordered]@{ isWindows = $onWindows; drives = $drives }) -Compress -Depth 4
$ascii = [regex]::Replace($json, '[^\\x00-\\x7F]', { param($m) '\\u{0:x4}' -f [int][char]$m.Value })
$ascii
`;

const DriveSchema = z.object({
  letter: z.string().regex(/^[A-Za-z]:$/),
  label: z.string(),
  volumeSerial: z.string(),
  freeBytes: z.number().nonnegative(),
  sizeBytes: z.number().nonnegative(),
});

const DriveListSchema = z.object({
  isWindows: z.boolean(),
  // Windows PowerShell 5.1 writes a one-element array as the element itself in some cases: accept both.
  drives: z.union([z.array(DriveSchema), DriveSchema.transform((d) => [d])]),
});

/**
 * Lists removable drives on Windows through the PowerShell wrapper. Off Windows it answers `unsupported`
 * without starting anything, unless a PowerShell was chosen explicitly (the tests' fake shell).
 */
export async function listRemovableDrives(options: ListDrivesOptions = {}): Promise<DriveListResult> {
  const log = options.log ?? (() => undefined);
  if (process.platform !== 'win32' && !powerShellChosen(options.executable)) return { kind: 'unsupported' };
  const result = await runPowerShell(LIST_DRIVES_SCRIPT, {
    executable: options.executable,
    timeoutMs: options.timeoutMs ?? DEFAULT_DRIVES_TIMEOUT_MS,
  });
  let listing: DriveList | undefined;
  switch (result.kind) {
    case 'not-found':
      log(`drives: PowerShell not found: ${result.executable}`);
      return { kind: 'failed', reason: 'powershell-missing' };
    case 'timeout':
      log(`drives: no answer within ${result.timeoutMs} ms`);
      if (result.stderr.length > 0) log(`drives: PowerShell wrote to stderr: ${clip(result.stderr)}`);
      return { kind: 'failed', reason: 'timeout' };
    case 'locked-down':
      log(`drives: PowerShell runs in ${result.languageMode}; the listing was not started`);
      return { kind: 'failed', reason: 'powershell-locked-down' };
    case 'cannot-start':
    case 'exited':
      log(`drives: PowerShell did not run: ${clip(result.message)}`);
      return { kind: 'failed', reason: 'powershell-failed' };
    case 'wrote-stderr':
      log(`drives: PowerShell wrote to stderr: ${clip(result.stderr)}`);
      // Progress records on stderr (Windows PowerShell 5.1) do not spoil a complete listing on stdout.
      if (result.stdout.trim().length === 0) return { kind: 'failed', reason: 'powershell-failed' };
      listing = parseListing(result.stdout, log);
      if (listing === undefined) return { kind: 'failed', reason: 'powershell-failed' };
      break;
    case 'ok':
      listing = parseListing(result.stdout, log);
      if (listing === undefined) return { kind: 'failed', reason: 'bad-output' };
      break;
  }
  if (!listing.isWindows) return { kind: 'unsupported' };
  const drives = listing.drives
    .map((d) => ({ ...d, letter: d.letter.toUpperCase() }))
    .sort((a, b) => a.letter.localeCompare(b.letter));
  return { kind: 'listed', drives };
}

type DriveList = z.infer<typeof DriveListSchema>;

function parseListing(stdout: string, log: (line: string) => void): DriveList | undefined {
  let json: unknown;
  try {
    json = JSON.parse(stdout.trim());
  } catch {
    log(`drives: output is not JSON: ${clip(stdout)}`);
    return undefined;
  }
  const parsed = DriveListSchema.safeParse(json);
  if (!parsed.success) {
    log(`drives: unexpected output: ${z.prettifyError(parsed.error)}`);
    return undefined;
  }
  return parsed.data;
}

function clip(text: string): string {
  return text.length <= 2_000 ? text : `${text.slice(0, 2_000)}... (${text.length} characters)`;
}

/**
 * Finds the remembered stick among `drives`: by volume serial first (it identifies the volume whatever its
 * letter), then by label, but only when exactly one drive carries it, since many sticks are labelled alike.
 */
export function findDrive(drives: readonly RemovableDrive[], remembered: RememberedDrive): DriveMatch {
  const serial = normaliseSerial(remembered.volumeSerial);
  if (serial.length > 0) {
    const bySerial = drives.find((d) => normaliseSerial(d.volumeSerial) === serial);
    if (bySerial) return { kind: 'serial', drive: bySerial };
  }
  const label = remembered.label.trim();
  if (label.length === 0) return { kind: 'not-found' };
  // FAT and NTFS labels are case-insensitive (FAT stores them upper-case).
  const byLabel = drives.filter((d) => d.label.trim().toUpperCase() === label.toUpperCase());
  const [only] = byLabel;
  if (only === undefined) return { kind: 'not-found' };
  return byLabel.length === 1 ? { kind: 'label', drive: only } : { kind: 'ambiguous', drives: byLabel };
}

/** `5A1C-3F20`, `5a1c3f20` and `5A1C3F20` are the same serial. */
function normaliseSerial(serial: string): string {
  return serial.replace(/[\s-]/g, '').toUpperCase();
}
