/**
 * Every sentence the CLI prints, in English and Japanese. Diagnostics have their own catalogue in
 * shared/i18n (the app shows the same words).
 */
import type { Lang } from '../../shared/i18n/lang';

export interface CliText {
  readonly programDescription: string;
  readonly mergeDescription: string;
  readonly inspectDescription: string;
  readonly tagDescription: string;
  readonly tagCheckDescription: string;
  readonly tagListDescription: string;
  readonly options: {
    readonly format: string;
    readonly tag: string;
    readonly allowCustomTag: string;
    readonly out: string;
    readonly json: string;
    readonly lang: string;
    readonly help: string;
    readonly version: string;
  };
  readonly mergeSummary: (p: {
    devices: number;
    files: number;
    duplicates: number;
    conflicts: number;
    rejected: number;
    warnings: number;
  }) => string;
  readonly nothingMerged: string;
  readonly sections: {
    readonly rejected: string;
    readonly warnings: string;
    readonly duplicates: string;
    readonly conflicts: string;
    readonly written: string;
  };
  readonly conflictLine: (p: { kept: string; others: string }) => string;
  readonly duplicateLine: (p: { serial: string }) => string;
  readonly writtenLine: (p: { devices: number }) => string;
  /** The rejections (warnings) of a file past the first 1,000, counted but not listed. */
  readonly omittedRejected: (p: { count: number; file: string }) => string;
  readonly omittedWarnings: (p: { count: number; file: string }) => string;
  readonly writeFailed: (p: { file: string; reason: string }) => string;
  readonly writeAdvice: Readonly<Record<string, string>>;
  readonly formatUnknown: (p: { value: string }) => string;
  readonly noFiles: string;
  readonly tagNearMiss: (p: { input: string; suggestion: string; reasons: string }) => string;
  readonly tagCustomNeedsFlag: (p: { tag: string }) => string;
  readonly tagInvalid: (p: { input: string; problem: string }) => string;
  readonly tagKnown: (p: { tag: string; profile: string }) => string;
  readonly tagCustom: (p: { tag: string }) => string;
  readonly tagProblems: Readonly<Record<string, string>>;
  readonly inspect: {
    readonly sound: string;
    readonly unsound: string;
    readonly checksumVerified: string;
    readonly labels: Readonly<Record<string, string>>;
    readonly argument: (p: { index: number }) => string;
    readonly noHashes: (p: { file: string }) => string;
    readonly summary: (p: { total: number; sound: number }) => string;
  };
  readonly noDeviceInfo: string;
  readonly ledger: {
    readonly addDescription: string;
    readonly listDescription: string;
    readonly removeDescription: string;
    readonly restoreDescription: string;
    readonly exportDescription: string;
    readonly collectDescription: string;
    readonly ledgerOption: string;
    readonly newOption: string;
    readonly allOption: string;
    readonly addSummary: (p: {
      added: number;
      replaced: number;
      duplicates: number;
      rejected: number;
      dir: string;
    }) => string;
    readonly replaced: (p: { serial: string }) => string;
    readonly historyFailed: (p: { detail: string }) => string;
    /** The ledger could not be opened for writing; an export goes on without recording itself. */
    readonly readOnlyFallback: (p: { dir: string; detail: string }) => string;
    readonly listHeader: (p: { count: number; dir: string }) => string;
    readonly states: Readonly<Record<string, string>>;
    readonly exported: (p: { devices: number; files: number }) => string;
    readonly nothingExported: string;
    readonly skippedLine: (p: { file: string; line: number; reason: string }) => string;
    readonly errors: Readonly<
      Record<'locked' | 'write-failed' | 'unreadable', (p: { file: string; detail: string }) => string>
    >;
  };
  readonly drives: {
    readonly description: string;
    readonly option: string;
    readonly 'not-found': (p: { drive: string }) => string;
    readonly ambiguous: (p: { drive: string }) => string;
    readonly unsupported: string;
    readonly failed: (p: { reason: string }) => string;
    readonly none: string;
    readonly free: (p: { free: string; size: string }) => string;
  };
  readonly collect: Readonly<
    Record<
      'added' | 'duplicate' | 'replaced',
      (p: { serial: string; manufacturer: string; model: string; dir: string }) => string
    >
  >;
  readonly ui: {
    readonly description: string;
    readonly portOption: string;
    readonly noOpenOption: string;
    readonly badPort: (p: { value: string }) => string;
    readonly rendererMissing: (p: { dir: string }) => string;
    readonly portInUse: (p: { port: number }) => string;
    readonly startFailed: (p: { detail: string }) => string;
    readonly listening: string;
    readonly browserNotOpened: (p: { detail: string }) => string;
    readonly stopped: string;
  };
  readonly submit: {
    readonly description: string;
    readonly toOption: string;
    readonly customerOption: string;
    readonly tagOption: string;
    readonly newOption: string;
    readonly services: Readonly<Record<'graph' | 'partner-center', string>>;
    readonly toMissing: string;
    readonly toUnknown: (p: { value: string }) => string;
    readonly customerMissing: string;
    readonly customerInvalid: (p: { value: string }) => string;
    readonly customerNotForGraph: string;
    readonly ledgerAndFiles: string;
    /** No HARVESTER_TOKEN and no sign-in: `settingsFile` is where auth.json goes. */
    readonly tokenMissing: (p: { settingsFile: string }) => string;
    /** Sign-in is configured, but there is no terminal to show the code in. */
    readonly signInNeedsTerminal: (p: { settingsFile: string }) => string;
    /** A signed-in token would go to a base URL off Microsoft's host. */
    readonly signInUrl: (p: { name: string; value: string }) => string;
    readonly signInPrompt: (p: { service: string; uri: string; code: string; message: string }) => string;
    readonly signInWaiting: string;
    readonly signedIn: (p: { username: string }) => string;
    readonly signInFailed: (p: { reason: string }) => string;
    readonly syncOption: string;
    readonly syncNotForPartnerCenter: string;
    readonly syncNothing: string;
    readonly syncStarted: string;
    readonly syncRunning: string;
    readonly syncTooSoon: string;
    readonly syncFailed: (p: { reason: string }) => string;
    readonly syncWaiting: (p: { count: number; tag: string; minutes: number }) => string;
    readonly syncShown: (p: { serial: string; tag: string }) => string;
    readonly syncOtherTag: (p: { serial: string; tag: string; seen: string }) => string;
    readonly syncNotShown: (p: { serial: string; tag: string; minutes: number }) => string;
    readonly syncNotChecked: (p: { serial: string }) => string;
    readonly badUrl: (p: { name: string; value: string }) => string;
    readonly unavailable: (p: { service: string }) => string;
    readonly started: (p: { count: number; service: string; tag: string; job: string }) => string;
    readonly resumed: (p: { job: string; done: number; count: number; service: string }) => string;
    readonly notJournaled: string;
    readonly imported: (p: { serial: string }) => string;
    readonly registered: (p: { serial: string }) => string;
    readonly alreadyRegistered: (p: { serial: string }) => string;
    readonly failed: (p: { serial: string; reason: string }) => string;
    readonly pending: (p: { serial: string }) => string;
    readonly rejected: (p: { where: string; code: string; message: string }) => string;
    readonly summary: (p: { registered: number; already: number; failed: number }) => string;
    readonly nothingToSubmit: string;
    readonly allRegistered: string;
    readonly registeredMessage: (p: { tag: string }) => string;
    readonly deviceMissing: string;
    readonly unknownProblem: string;
  };
  readonly usage: {
    readonly missingArgument: (p: { name: string }) => string;
    readonly unknownOption: (p: { name: string }) => string;
    readonly unknownCommand: (p: { name: string }) => string;
    readonly excessArguments: string;
    readonly optionMissingArgument: (p: { name: string }) => string;
    readonly missingOption: (p: { name: string }) => string;
    readonly unknownLang: (p: { value: string }) => string;
    readonly seeHelp: string;
    /** How the arguments named in the commands' signatures are called in sentences. */
    readonly argumentNames: Readonly<Record<string, string>>;
  };
}

const en: CliText = {
  programDescription:
    'Autopilot Harvester: verify, merge and write Windows Autopilot hardware hash CSVs for Partner Center and Intune.',
  mergeDescription:
    'Read hash CSVs, verify every hash, merge the devices without duplicates, and write importer CSVs',
  inspectDescription:
    'Decode hardware hashes (CSV files or hash text) and show what they hold and whether they are sound',
  tagDescription: 'Group tags',
  tagCheckDescription: 'Say whether a group tag is a known one, or a near miss of which',
  tagListDescription: 'List the known group tags',
  options: {
    format: 'CSV format to write: partner-center or intune',
    tag: "group tag for every device (default: each row's own tag, else Microsoft365Managed_Autopilot)",
    allowCustomTag: 'accept group tags that are not known ones (in --tag or in the rows)',
    out: 'folder to write the CSV file(s) into',
    json: 'print one JSON object instead of text',
    lang: 'language of the output: en or ja (default: from the system)',
    help: 'show help for the command',
    version: 'show the version',
  },
  mergeSummary: (p) =>
    `Merged ${plural(p.devices, 'device')} from ${plural(p.files, 'file')}: ` +
    `${p.duplicates} duplicate${p.duplicates === 1 ? '' : 's'}, ${p.conflicts} conflict${p.conflicts === 1 ? '' : 's'}, ` +
    `${p.rejected} rejected, ${plural(p.warnings, 'warning')}.`,
  nothingMerged: 'Nothing could be merged.',
  sections: {
    rejected: 'Rejected',
    warnings: 'Warnings',
    duplicates: 'Duplicates (same device again, merged)',
    conflicts: 'Conflicts (same device, different hardware: the later one is kept)',
    written: 'Written',
  },
  conflictLine: (p) => `kept ${p.kept}, replaced ${p.others}`,
  duplicateLine: (p) => `same device as ${p.serial} above`,
  writtenLine: (p) => plural(p.devices, 'device'),
  omittedRejected: (p) =>
    `... and ${p.count.toLocaleString('en-US')} more rejected in ${p.file}, not listed (the first 1,000 of a file are).`,
  omittedWarnings: (p) =>
    `... and ${plural(p.count, 'more warning')} in ${p.file}, not listed (the first 1,000 of a file are).`,
  writeFailed: (p) => `Could not write ${p.file}: ${p.reason}`,
  writeAdvice: {
    'no-space': 'the disk is full. Free some space or choose another folder; earlier files are untouched.',
    'read-only':
      "the drive is read-only. Check the USB stick's write-protect switch or choose another folder.",
    'not-found': 'the folder is gone (was the USB stick pulled?). Plug it in again and retry.',
    'not-a-folder': 'a file stands where the folder should be. Choose another folder name.',
    'verify-failed':
      'the file did not read back as it was written, so it was removed: the USB stick may be failing. Try another stick.',
    permission: 'permission denied. Choose a folder you can write to.',
    io: 'the drive reported an I/O error (was the USB stick pulled?). Plug it in again and retry; earlier files are untouched.',
    unknown: 'an unexpected error occurred; earlier files are untouched.',
  },
  formatUnknown: (p) => `Unknown format "${p.value}": use partner-center or intune.`,
  noFiles: 'Give at least one CSV file.',
  tagNearMiss: (p) => `"${p.input}" is not a known group tag (${p.reasons}). Did you mean "${p.suggestion}"?`,
  tagCustomNeedsFlag: (p) =>
    `"${p.tag}" is not a known group tag. If you really mean a custom tag, add --allow-custom-tag.`,
  tagInvalid: (p) => `"${p.input}" cannot be a group tag: ${p.problem}.`,
  tagKnown: (p) => `${p.tag}: a known group tag, ${p.profile}.`,
  tagCustom: (p) =>
    `"${p.tag}" is not a known group tag; it is usable as a custom tag (with --allow-custom-tag). Make sure your dynamic groups expect exactly this text.`,

  tagProblems: {
    empty: 'it is empty',
    'too-long': 'it is too long',
    'bad-character': 'it contains a character CSV files and Graph cannot carry',
    'formula-start':
      'it starts with = + - or @, which makes spreadsheet programs run the CSV cell as a formula (CSV injection)',
  },
  inspect: {
    sound: 'sound',
    unsound: 'NOT SOUND',
    checksumVerified: 'SHA-256 verified',
    labels: {
      source: 'Source',
      checksum: 'Checksum',
      serial: 'Serial',
      manufacturer: 'Manufacturer',
      model: 'Model',
      sku: 'SKU',
      family: 'Family',
      productKeyId: 'Product key ID',
      smbiosUuid: 'SMBIOS UUID',
      tpmVersion: 'TPM',
      tpmEndorsementKey: 'TPM EK',
      macAddresses: 'MAC addresses',
      diskSerials: 'Disk serials',
      osBuild: 'OS build',
      records: 'Records',
      problem: 'Problem',
      unknownTypes: 'unknown types',
    },
    argument: (p) => `argument ${p.index}`,
    noHashes: (p) => `${p.file}: no hardware hash found.`,
    summary: (p) => `${p.sound} of ${plural(p.total, 'hash', 'hashes')} sound.`,
  },
  noDeviceInfo: '(none)',
  ledger: {
    addDescription: 'Import hash CSVs into the device ledger (each device saved to disk before it is listed)',
    listDescription: 'List the devices in the ledger',
    removeDescription: 'Remove devices (by serial or id) from the ledger; recorded, and undone by restore',
    restoreDescription: 'Bring back removed devices',
    exportDescription:
      "Write the ledger's devices as Partner Center or Intune CSVs, verified by reading them back",
    collectDescription:
      "Collect this device's hardware hash (Windows, as administrator) and save it in the ledger",
    ledgerOption:
      'ledger folder (default: HARVESTER_LEDGER, else beside the app on the USB stick, else app data)',
    newOption: 'only devices not exported before',
    allOption: 'include removed devices',
    addSummary: (p) =>
      `Ledger ${p.dir}: ${plural(p.added, 'device')} added` +
      (p.replaced > 0 ? `, ${p.replaced} with new hardware` : '') +
      `, ${p.duplicates} already there; ${p.rejected} rejected.`,
    replaced: (p) =>
      `${p.serial} was already in the ledger with other hardware (a replaced board or disk); the newer hash was recorded.`,
    historyFailed: (p) =>
      `The files above are complete and verified, but the ledger could not record the export (${p.detail}); these devices still show as not exported.`,
    readOnlyFallback: (p) =>
      `The ledger in ${p.dir} cannot be written (${p.detail}). Exporting from it read-only: the files are written and verified as usual, but this export cannot be recorded in the devices' history, so they will still show as not exported.`,
    listHeader: (p) => `${plural(p.count, 'device')} in the ledger at ${p.dir}.`,
    states: { new: 'new', exported: 'exported', deleted: 'removed' },
    exported: (p) =>
      `Exported ${plural(p.devices, 'device')} in ${plural(p.files, 'file')}, each verified by reading it back.`,
    nothingExported: 'Nothing was exported.',
    skippedLine: (p) =>
      `Note: line ${p.line} of the ledger in ${p.file} could not be read (${p.reason}) and was skipped; everything else is intact.`,
    errors: {
      locked: (p) =>
        `The ledger in ${p.file} is in use by another Autopilot Harvester. Close it, then try again. (${p.detail})`,
      'write-failed': (p) =>
        `Could not save to the ledger in ${p.file}: the disk may be full or the USB stick was pulled. Nothing already saved was lost. (${p.detail})`,
      unreadable: (p) =>
        `The ledger in ${p.file} cannot be read. Check the folder and the USB stick. (${p.detail})`,
    },
  },
  drives: {
    description: 'List the removable drives (USB sticks) to export to (Windows)',
    option: 'export to this USB stick, named by volume serial or label (found even if its letter changed)',
    'not-found': (p) =>
      `No removable drive has the serial or label "${p.drive}". Plug in the stick, or see "harvester drives".`,
    ambiguous: (p) =>
      `Several removable drives are labelled "${p.drive}". Name the stick by its volume serial ("harvester drives").`,
    unsupported: 'Listing removable drives works on Windows. Give export --out a folder instead.',
    failed: (p) =>
      `The removable drives could not be listed (${p.reason}). Give export --out a folder instead.`,
    none: 'No removable drive is plugged in. Plug in the USB stick, then run this again.',
    free: (p) => `${p.free} free of ${p.size}`,
  },
  collect: {
    added: (p) => `Saved ${p.serial} (${p.manufacturer} ${p.model}) in the ledger at ${p.dir}.`,
    duplicate: (p) =>
      `${p.serial} (${p.manufacturer} ${p.model}) is already in the ledger; nothing was added.`,
    replaced: (p) =>
      `${p.serial} (${p.manufacturer} ${p.model}) was in the ledger with other hardware (a replaced board or disk); the new hash is saved.`,
  },
  ui: {
    description: 'Open the app in the web browser (served on 127.0.0.1 from this computer only)',
    portOption: 'port to listen on (default: a free port)',
    noOpenOption: 'do not open the default browser; just print the address',
    badPort: (p) => `"${p.value}" is not a port: give a number from 0 to 65535 (0 picks a free port).`,
    rendererMissing: (p) =>
      `The app's screens are not built yet (${p.dir} has no index.html). Build them with "npm run build:renderer", then run this again.`,
    portInUse: (p) =>
      `Port ${p.port} is already in use. Give another with --port, or leave it out to pick a free one.`,
    startFailed: (p) => `The app could not be started: ${p.detail}`,
    listening:
      'Open the address above in a web browser (it holds a one-time key; keep it private). Press Ctrl+C to stop.',
    browserNotOpened: (p) =>
      `The browser could not be opened (${p.detail}); open the address above yourself.`,
    stopped: 'Stopped; the ledger is closed.',
  },
  submit: {
    description:
      'Register devices in Windows Autopilot directly (Microsoft Graph or Partner Center), journaled in the ledger and resumed after a crash',
    toOption:
      'service: graph (the customer tenant, Intune) or partner-center (a partner acting for a customer)',
    customerOption: 'the customer tenant ID (partner-center only)',
    tagOption: 'group tag for every device (default: Microsoft365Managed_Autopilot)',
    newOption: 'only devices not yet registered by an earlier submission',
    services: { graph: 'Microsoft Graph', 'partner-center': 'Partner Center' },
    toMissing: 'Give --to graph or --to partner-center.',
    toUnknown: (p) => `Unknown service "${p.value}": use graph or partner-center.`,
    customerMissing:
      "Give --customer TENANT_ID with --to partner-center: the customer's tenant ID (a GUID, shown in Partner Center under Customers).",
    customerInvalid: (p) => `"${p.value}" is not a tenant ID: give the customer's tenant ID, a GUID.`,
    customerNotForGraph:
      '--customer is for --to partner-center only; with graph the token chooses the tenant.',
    ledgerAndFiles: 'Give either --ledger DIR or CSV files, not both.',
    tokenMissing: (p) =>
      'No sign-in: set the environment variable HARVESTER_TOKEN to a bearer token for the service (for example ' +
      'HARVESTER_TOKEN=$(az account get-access-token --resource https://graph.microsoft.com --query accessToken -o tsv)), ' +
      `or configure sign-in: put your app registration's ids in ${p.settingsFile} ` +
      '({"clientId": "<app id>", "tenant": "organizations"}; see "Direct submission: sign-in" in the README) ' +
      'and run harvester submit in a terminal, which then shows a code to sign in with on a phone.',
    signInNeedsTerminal: (p) =>
      `Sign-in is configured (${p.settingsFile}), but signing in shows a code and waits for you: run harvester ` +
      'submit in a terminal, or set HARVESTER_TOKEN to a bearer token for scripts.',
    signInUrl: (p) =>
      `${p.name} is "${p.value}": a signed-in token is only ever sent to Microsoft's own service, so it is not ` +
      `sent there. Remove ${p.name}, or set HARVESTER_TOKEN to a token for that address (automation and tests).`,
    signInPrompt: (p) =>
      [
        '',
        `  Sign in to ${p.service} on your phone or another computer:`,
        '',
        `    1. Open   ${p.uri}`,
        `    2. Enter  ${p.code}`,
        '',
        ...(p.message ? [`  ${p.message}`, ''] : []),
      ].join('\n'),
    signInWaiting: 'Waiting for the sign-in to finish (Ctrl+C to stop)...',
    signedIn: (p) => `Signed in as ${p.username}. The token is kept in memory for this run only.`,
    signInFailed: (p) => `Sign-in did not complete: ${p.reason}`,
    syncOption:
      'after registering, trigger the Autopilot sync and wait (up to 10 minutes) until each device shows with its group tag',
    syncNotForPartnerCenter:
      '--sync is for --to graph only: Partner Center has no Autopilot sync to trigger.',
    syncNothing: 'Autopilot sync: no device was newly registered, so there is nothing to sync.',
    syncStarted: 'Autopilot sync started.',
    syncRunning: 'Autopilot sync: one is already running; it includes these devices.',
    syncTooSoon:
      'Autopilot sync: the last one was less than 10 minutes ago, so Microsoft refuses another. Intune syncs within 10 minutes; the devices show up then.',
    syncFailed: (p) =>
      `Autopilot sync could not be started (${p.reason}). Intune syncs within 10 minutes by itself; the devices are registered either way.`,
    syncWaiting: (p) =>
      `Waiting up to ${p.minutes} min for ${plural(p.count, 'device')} to show in Windows Autopilot with the group tag ${p.tag}...`,
    syncShown: (p) => `${p.serial}: shows in Windows Autopilot with the group tag ${p.tag}`,
    syncOtherTag: (p) =>
      `${p.serial}: shows in Windows Autopilot, but with the group tag "${p.seen}" so far, not ${p.tag}. Check it under Windows Autopilot devices in Intune in a few minutes.`,
    syncNotShown: (p) =>
      `${p.serial}: registered, but not yet listed in Windows Autopilot after ${p.minutes} min. It usually shows within minutes: check Windows Autopilot devices in Intune (group tag ${p.tag}).`,
    syncNotChecked: (p) =>
      `${p.serial}: registered; whether it shows in Windows Autopilot could not be checked (the service did not name it, or refused to say).`,
    badUrl: (p) =>
      `${p.name} is "${p.value}", which cannot be used: give an https:// address (or http://127.0.0.1:PORT for tests).`,
    unavailable: (p) =>
      `Submitting to ${p.service} is not available in this build yet. Use --to graph, or export CSV files for ${p.service} with "harvester export".`,
    started: (p) =>
      `Submitting ${plural(p.count, 'device')} to ${p.service} with the group tag ${p.tag} (job ${p.job}).`,
    resumed: (p) =>
      `Resuming the unfinished job ${p.job} to ${p.service}: ${p.done} of ${plural(p.count, 'device')} already done, not sent again.`,
    notJournaled:
      'Note: devices from CSV files are not journaled (there is no ledger), so a run stopped halfway is not resumed; sending the files again picks up imports still under way.',
    imported: (p) => `${p.serial}: sent, Microsoft is processing it`,
    registered: (p) => `${p.serial}: registered`,
    alreadyRegistered: (p) => `${p.serial}: already registered in this organisation (nothing to do)`,
    failed: (p) => `${p.serial}: failed: ${p.reason}`,
    pending: (p) => `${p.serial}: sending again`,
    rejected: (p) => `rejected ${p.where} ${p.code}: ${p.message}`,
    summary: (p) => `${p.registered} registered, ${p.already} already registered, ${p.failed} failed.`,
    nothingToSubmit: 'There are no devices to submit.',
    allRegistered: 'Every device is already registered; nothing to submit.',
    registeredMessage: (p) => `Registered in Windows Autopilot with the group tag ${p.tag}.`,
    deviceMissing:
      'This device is no longer in the ledger (removed since the job started), so it was not sent. Restore it and submit again.',
    unknownProblem:
      'This device failed for a reason this version of the app cannot explain (recorded by a newer version). Submit it again with the newer version.',
  },
  usage: {
    missingArgument: (p) => `Missing ${p.name}.`,
    unknownOption: (p) => `Unknown option ${p.name}.`,
    unknownCommand: (p) => `Unknown command ${p.name}.`,
    excessArguments: 'Too many arguments.',
    optionMissingArgument: (p) => `The option ${p.name} needs a value.`,
    missingOption: (p) => `Give ${p.name}.`,
    unknownLang: (p) => `Unknown language "${p.value}": use en or ja.`,
    seeHelp: 'Run "harvester --help" to see the commands and options.',
    argumentNames: {
      files: 'the CSV files',
      'files-or-hashes': 'a CSV file or a hash',
      tag: 'the group tag',
    },
  },
};

const ja: CliText = {
  programDescription:
    'Autopilot Harvester: Windows Autopilot のハードウェア ハッシュ CSV を検証・統合し、Partner Center / Intune 用の CSV を書き出します。',
  mergeDescription:
    'ハッシュ CSV を読み、すべてのハッシュを検証し、重複なく統合して取り込み用 CSV を書き出します',
  inspectDescription:
    'ハードウェア ハッシュ（CSV ファイルまたはハッシュ文字列）を解読し、中身と正しさを表示します',
  tagDescription: 'グループ タグ',
  tagCheckDescription: 'グループ タグが既知のものか、どれの打ち間違いかを調べます',
  tagListDescription: '既知のグループ タグを一覧します',
  options: {
    format: '書き出す CSV の形式: partner-center または intune',
    tag: '全端末に付けるグループ タグ（既定: 各行のタグ、なければ Microsoft365Managed_Autopilot）',
    allowCustomTag: '既知でないグループ タグ（--tag や各行のタグ）を意図して使う',
    out: 'CSV を書き出すフォルダー',
    json: 'テキストの代わりに JSON を 1 つ出力する',
    lang: '表示言語: en または ja（既定: システムの設定）',
    help: 'コマンドのヘルプを表示する',
    version: 'バージョンを表示する',
  },
  mergeSummary: (p) =>
    `${p.files} 個のファイルから ${p.devices} 台を統合しました（重複 ${p.duplicates}、競合 ${p.conflicts}、除外 ${p.rejected}、警告 ${p.warnings}）。`,
  nothingMerged: '統合できる端末がありませんでした。',
  sections: {
    rejected: '除外した行',
    warnings: '警告',
    duplicates: '重複（同じ端末のため 1 台にまとめました）',
    conflicts: '競合（同じ端末でハードウェアが異なるため、後のものを使います）',
    written: '書き出したファイル',
  },
  conflictLine: (p) => `${p.kept} を使用、${p.others} を置き換え`,
  duplicateLine: (p) => `上の ${p.serial} と同じ端末`,
  writtenLine: (p) => `${p.devices} 台`,
  omittedRejected: (p) =>
    `…ほかに ${p.file} で ${p.count.toLocaleString('ja-JP')} 行を除外しました（1 ファイルにつき最初の 1,000 行だけを表示しています）。`,
  omittedWarnings: (p) =>
    `…ほかに ${p.file} で警告が ${p.count.toLocaleString('ja-JP')} 件あります（1 ファイルにつき最初の 1,000 件だけを表示しています）。`,
  writeFailed: (p) => `${p.file} を書き込めませんでした: ${p.reason}`,
  writeAdvice: {
    'no-space':
      'ディスクがいっぱいです。空きを作るか別のフォルダーを選んでください。以前のファイルはそのままです。',
    'read-only':
      'ドライブが読み取り専用です。USB メモリーの書き込み保護スイッチを確認するか、別のフォルダーを選んでください。',
    'not-found':
      'フォルダーが見つかりません（USB メモリーが抜けましたか）。差し直してもう一度実行してください。',
    permission: 'アクセスが拒否されました。書き込めるフォルダーを選んでください。',
    io: 'ドライブが入出力エラーを返しました（USB メモリーが抜けましたか）。差し直してもう一度実行してください。以前のファイルはそのままです。',
    unknown: '予期しないエラーが起きました。以前のファイルはそのままです。',
  },
  formatUnknown: (p) => `形式「${p.value}」は使えません。partner-center か intune を指定してください。`,
  noFiles: 'CSV ファイルを 1 つ以上指定してください。',
  tagNearMiss: (p) =>
    `「${p.input}」は既知のグループ タグではありません（${p.reasons}）。「${p.suggestion}」ではありませんか？`,
  tagCustomNeedsFlag: (p) =>
    `「${p.tag}」は既知のグループ タグではありません。独自のタグを使う場合は --allow-custom-tag を付けてください。`,
  tagInvalid: (p) => `「${p.input}」はグループ タグに使えません: ${p.problem}。`,
  tagKnown: (p) => `${p.tag}: 既知のグループ タグです。${p.profile}。`,
  tagCustom: (p) =>
    `「${p.tag}」は既知のグループ タグではありません。独自のタグとしては使えます（--allow-custom-tag が必要）。動的グループの条件と完全に一致するか確認してください。`,

  tagProblems: {
    empty: '空です',
    'too-long': '長すぎます',
    'bad-character': 'CSV や Graph で扱えない文字が含まれています',
    'formula-start':
      '= + - @ のどれかで始まっています。表計算ソフトが CSV のセルを数式として実行します（CSV インジェクション）',
  },
  inspect: {
    sound: '正常',
    unsound: '異常',
    checksumVerified: 'SHA-256 で検証済み',
    labels: {
      source: '出典',
      checksum: 'チェックサム',
      serial: 'シリアル番号',
      manufacturer: 'メーカー',
      model: 'モデル',
      sku: 'SKU',
      family: 'ファミリー',
      productKeyId: 'プロダクト キー ID',
      smbiosUuid: 'SMBIOS UUID',
      tpmVersion: 'TPM',
      tpmEndorsementKey: 'TPM EK',
      macAddresses: 'MAC アドレス',
      diskSerials: 'ディスクのシリアル',
      osBuild: 'OS ビルド',
      records: 'レコード',
      problem: '問題',
      unknownTypes: '未知の種類',
    },
    argument: (p) => `引数 ${p.index}`,
    noHashes: (p) => `${p.file}: ハードウェア ハッシュが見つかりません。`,
    summary: (p) => `${p.total} 件中 ${p.sound} 件が正常です。`,
  },
  noDeviceInfo: '（なし）',
  ledger: {
    addDescription: 'ハッシュ CSV を端末台帳に取り込みます（ディスクに保存してから表示します）',
    listDescription: '台帳の端末を一覧します',
    removeDescription: '台帳から端末を削除します（シリアルか ID で指定。記録として残り、restore で戻せます）',
    restoreDescription: '削除した端末を戻します',
    exportDescription: '台帳の端末を Partner Center / Intune 用 CSV に書き出し、読み直して確認します',
    collectDescription: 'この端末のハードウェア ハッシュを取得し（Windows、管理者）、台帳に保存します',
    ledgerOption:
      '台帳のフォルダー（既定: HARVESTER_LEDGER、なければ USB メモリー上のアプリの隣、なければアプリ データ）',
    newOption: 'まだ書き出していない端末だけ',
    allOption: '削除した端末も含める',
    addSummary: (p) =>
      `台帳（${p.dir}）: 追加 ${p.added} 台` +
      (p.replaced > 0 ? `、ハードウェア交換 ${p.replaced} 台` : '') +
      `、登録済み ${p.duplicates} 台、除外 ${p.rejected} 行。`,
    replaced: (p) =>
      `${p.serial} は別のハードウェア（交換されたボードやディスク）で台帳にありました。新しいハッシュを記録しました。`,
    historyFailed: (p) =>
      `上のファイルは完全で確認済みですが、台帳に出力の記録を残せませんでした（${p.detail}）。これらの端末は未出力のままと表示されます。`,
    readOnlyFallback: (p) =>
      `${p.dir} の台帳に書き込めません（${p.detail}）。読み取り専用で出力します。ファイルはいつもどおり書き出して確認しますが、この出力は端末の履歴に記録できないため、未出力のままと表示されます。`,
    listHeader: (p) => `台帳（${p.dir}）に ${p.count} 台あります。`,
    states: { new: '未出力', exported: '出力済み', deleted: '削除済み' },
    exported: (p) => `${p.devices} 台を ${p.files} 個のファイルに書き出し、読み直して確認しました。`,
    nothingExported: '書き出した端末はありません。',
    skippedLine: (p) =>
      `注意: ${p.file} の台帳の ${p.line} 行目は読めなかったため（${p.reason}）飛ばしました。ほかの記録はそのままです。`,
    errors: {
      locked: (p) =>
        `${p.file} の台帳は別の Autopilot Harvester が使用中です。そちらを閉じてからやり直してください。（${p.detail}）`,
      'write-failed': (p) =>
        `${p.file} の台帳に保存できませんでした。ディスクがいっぱいか、USB メモリーが抜けた可能性があります。保存済みの記録は失われていません。（${p.detail}）`,
      unreadable: (p) =>
        `${p.file} の台帳を読めません。フォルダーと USB メモリーを確認してください。（${p.detail}）`,
    },
  },
  drives: {
    description: '書き出し先のリムーバブル ドライブ（USB メモリー）を一覧します（Windows）',
    option:
      'この USB メモリーに書き出す（ボリューム シリアルかラベルで指定。ドライブ文字が変わっても見つけます）',
    'not-found': (p) =>
      `シリアルまたはラベルが「${p.drive}」のリムーバブル ドライブはありません。USB メモリーを差すか、"harvester drives" で確認してください。`,
    ambiguous: (p) =>
      `ラベルが「${p.drive}」のリムーバブル ドライブが複数あります。ボリューム シリアルで指定してください（"harvester drives"）。`,
    unsupported:
      'リムーバブル ドライブの一覧は Windows でだけ使えます。export の --out にフォルダーを指定してください。',
    failed: (p) =>
      `リムーバブル ドライブを一覧できませんでした（${p.reason}）。export の --out にフォルダーを指定してください。`,
    none: 'リムーバブル ドライブが差さっていません。USB メモリーを差してから、もう一度実行してください。',
    free: (p) => `空き ${p.free} / ${p.size}`,
  },
  collect: {
    added: (p) => `${p.serial}（${p.manufacturer} ${p.model}）を台帳（${p.dir}）に保存しました。`,
    duplicate: (p) =>
      `${p.serial}（${p.manufacturer} ${p.model}）はすでに台帳にあります。追加はしていません。`,
    replaced: (p) =>
      `${p.serial}（${p.manufacturer} ${p.model}）は別のハードウェア（交換されたボードやディスク）で台帳にありました。新しいハッシュを保存しました。`,
  },
  ui: {
    description: 'アプリを Web ブラウザーで開きます（127.0.0.1 で、このコンピューターからだけ使えます）',
    portOption: '待ち受けるポート（既定: 空いているポート）',
    noOpenOption: '既定のブラウザーを開かず、アドレスの表示だけにします',
    badPort: (p) =>
      `「${p.value}」はポート番号ではありません。0 から 65535 の数を指定してください（0 は空いているポート）。`,
    rendererMissing: (p) =>
      `アプリの画面がまだビルドされていません（${p.dir} に index.html がありません）。"npm run build:renderer" でビルドしてから、もう一度実行してください。`,
    portInUse: (p) =>
      `ポート ${p.port} はすでに使われています。--port で別のポートを指定するか、指定せずに空いているポートを使ってください。`,
    startFailed: (p) => `アプリを起動できませんでした: ${p.detail}`,
    listening:
      '上のアドレスを Web ブラウザーで開いてください（一回限りの鍵を含むので、人に渡さないでください）。Ctrl+C で終了します。',
    browserNotOpened: (p) =>
      `ブラウザーを開けませんでした（${p.detail}）。上のアドレスを手で開いてください。`,
    stopped: '終了しました。台帳は閉じてあります。',
  },
  submit: {
    description:
      'デバイスを Windows Autopilot に直接登録します（Microsoft Graph またはパートナー センター）。台帳に記録し、中断しても再開できます',
    toOption: '送信先: graph（顧客テナントの Intune）または partner-center（パートナーが顧客の代わりに登録）',
    customerOption: '顧客のテナント ID（partner-center のみ）',
    tagOption: '全デバイスに付けるグループ タグ（既定: Microsoft365Managed_Autopilot）',
    newOption: 'これまでの送信でまだ登録されていないデバイスだけ',
    services: { graph: 'Microsoft Graph', 'partner-center': 'パートナー センター' },
    toMissing: '--to graph か --to partner-center を指定してください。',
    toUnknown: (p) => `送信先「${p.value}」は使えません。graph か partner-center を指定してください。`,
    customerMissing:
      '--to partner-center では --customer に顧客のテナント ID（GUID。パートナー センターの［顧客］で確認できます）を指定してください。',
    customerInvalid: (p) =>
      `「${p.value}」はテナント ID ではありません。顧客のテナント ID（GUID）を指定してください。`,
    customerNotForGraph:
      '--customer は --to partner-center のときだけ使います。graph ではトークンがテナントを決めます。',
    ledgerAndFiles: '--ledger DIR か CSV ファイルのどちらか一方を指定してください。',
    tokenMissing: (p) =>
      'サインインしていません。環境変数 HARVESTER_TOKEN に送信先サービスのベアラー トークンを設定してください（例: ' +
      'HARVESTER_TOKEN=$(az account get-access-token --resource https://graph.microsoft.com --query accessToken -o tsv)）。' +
      `または、サインインを設定してください: アプリ登録の ID を ${p.settingsFile} に書き` +
      '（{"clientId": "<アプリ ID>", "tenant": "organizations"}。README の「Direct submission: sign-in」を参照）、' +
      'ターミナルで harvester submit を実行すると、スマートフォンでサインインするためのコードが表示されます。',
    signInNeedsTerminal: (p) =>
      `サインインは設定されています（${p.settingsFile}）が、サインインではコードを表示して完了を待つため、` +
      'ターミナルで harvester submit を実行してください。スクリプトでは HARVESTER_TOKEN にベアラー トークンを設定してください。',
    signInUrl: (p) =>
      `${p.name} が「${p.value}」に設定されています。サインインで得たトークンは Microsoft のサービスにしか送らないため、` +
      `ここには送りません。${p.name} を削除するか、自動化やテストではそのアドレス用のトークンを HARVESTER_TOKEN に設定してください。`,
    signInPrompt: (p) =>
      [
        '',
        `  スマートフォンまたは別のコンピューターで ${p.service} にサインインしてください:`,
        '',
        `    1. 開く      ${p.uri}`,
        `    2. コード    ${p.code}`,
        '',
        ...(p.message ? [`  ${p.message}`, ''] : []),
      ].join('\n'),
    signInWaiting: 'サインインの完了を待っています（中止するには Ctrl+C）...',
    signedIn: (p) => `${p.username} としてサインインしました。トークンはこの実行の間だけメモリに保持します。`,
    signInFailed: (p) => `サインインは完了しませんでした: ${p.reason}`,
    syncOption:
      '登録後に Autopilot の同期を開始し、各デバイスがグループ タグ付きで表示されるまで待ちます（最大 10 分）',
    syncNotForPartnerCenter:
      '--sync は --to graph のときだけ使えます。Partner Center には開始できる Autopilot の同期がありません。',
    syncNothing: 'Autopilot の同期: 新たに登録したデバイスがないため、同期は不要です。',
    syncStarted: 'Autopilot の同期を開始しました。',
    syncRunning: 'Autopilot の同期: すでに実行中です。これらのデバイスも含まれます。',
    syncTooSoon:
      'Autopilot の同期: 前回から 10 分たっていないため、Microsoft は新しい同期を受け付けません。Intune は 10 分以内に同期するので、その時点でデバイスが表示されます。',
    syncFailed: (p) =>
      `Autopilot の同期を開始できませんでした（${p.reason}）。Intune は 10 分以内に自動で同期します。どちらの場合もデバイスは登録済みです。`,
    syncWaiting: (p) =>
      `${p.count} 台がグループ タグ ${p.tag} 付きで Windows Autopilot に表示されるまで、最大 ${p.minutes} 分待ちます...`,
    syncShown: (p) => `${p.serial}: グループ タグ ${p.tag} 付きで Windows Autopilot に表示されました`,
    syncOtherTag: (p) =>
      `${p.serial}: Windows Autopilot に表示されましたが、グループ タグは今のところ ${p.tag} ではなく「${p.seen}」です。数分後に Intune の Windows Autopilot デバイスで確認してください。`,
    syncNotShown: (p) =>
      `${p.serial}: 登録済みですが、${p.minutes} 分たっても Windows Autopilot に表示されていません。通常は数分で表示されます。Intune の Windows Autopilot デバイスで確認してください（グループ タグ ${p.tag}）。`,
    syncNotChecked: (p) =>
      `${p.serial}: 登録済みです。Windows Autopilot に表示されたかは確認できませんでした（サービスがデバイスを示さなかったか、回答を拒否しました）。`,
    badUrl: (p) =>
      `${p.name} の値「${p.value}」は使えません。https:// のアドレス（テストでは http://127.0.0.1:PORT）を指定してください。`,
    unavailable: (p) =>
      `このビルドでは ${p.service} への送信はまだ使えません。--to graph を使うか、"harvester export" で ${p.service} 用の CSV を書き出してください。`,
    started: (p) => `${p.count} 台を ${p.service} にグループ タグ ${p.tag} で送信します（ジョブ ${p.job}）。`,
    resumed: (p) =>
      `${p.service} への未完了のジョブ ${p.job} を再開します。${p.count} 台中 ${p.done} 台は完了済みのため送信しません。`,
    notJournaled:
      '注意: CSV ファイルから送るデバイスは台帳に記録されないため、途中で止まっても再開されません。もう一度送ると、処理中の取り込みを引き継ぎます。',
    imported: (p) => `${p.serial}: 送信しました。Microsoft で処理中です`,
    registered: (p) => `${p.serial}: 登録しました`,
    alreadyRegistered: (p) => `${p.serial}: この組織に登録済みです（作業は不要です）`,
    failed: (p) => `${p.serial}: 失敗しました: ${p.reason}`,
    pending: (p) => `${p.serial}: もう一度送信します`,
    rejected: (p) => `rejected ${p.where} ${p.code}: ${p.message}`,
    summary: (p) => `登録 ${p.registered} 台、登録済み ${p.already} 台、失敗 ${p.failed} 台。`,
    nothingToSubmit: '送信するデバイスがありません。',
    allRegistered: 'すべてのデバイスが登録済みです。送信するものはありません。',
    registeredMessage: (p) => `グループ タグ ${p.tag} で Windows Autopilot に登録しました。`,
    deviceMissing:
      'このデバイスはジョブの開始後に台帳から削除されたため、送信しませんでした。元に戻してから、もう一度送信してください。',
    unknownProblem:
      'このデバイスは、このバージョンのアプリでは説明できない理由で失敗しました（新しいバージョンが記録したもの）。新しいバージョンでもう一度送信してください。',
  },
  usage: {
    missingArgument: (p) => `${p.name}を指定してください。`,
    unknownOption: (p) => `${p.name} というオプションはありません。`,
    unknownCommand: (p) => `${p.name} というコマンドはありません。`,
    excessArguments: '引数が多すぎます。',
    optionMissingArgument: (p) => `オプション ${p.name} には値が必要です。`,
    missingOption: (p) => `${p.name} を指定してください。`,
    unknownLang: (p) => `言語「${p.value}」は使えません。en か ja を指定してください。`,
    seeHelp: 'コマンドとオプションは "harvester --help" で確認できます。',
    argumentNames: {
      files: 'CSV ファイル',
      'files-or-hashes': 'CSV ファイルかハッシュ',
      tag: 'グループ タグ',
    },
  },
};

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

export const CLI_TEXT: Readonly<Record<Lang, CliText>> = { en, ja };
