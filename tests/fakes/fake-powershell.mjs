#!/usr/bin/env node
/**
 * A stand-in for powershell.exe started as `-NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass
 * -Command -`, for tests of everything around the PowerShell wrapper (the real engine is tested in
 * tests/integration/powershell/, with real pwsh). What it models, and where each behaviour comes from:
 *
 * - It reads commands from stdin, one per line, runs each as it arrives and exits when stdin ends
 *   (about_PowerShell_exe: "-Command -" reads the command from standard input; real pwsh 7.6 ends at the end
 *   of its input, as tests/integration/powershell/ relies on).
 * - Lines end with CRLF by default, as Windows PowerShell 5.1 writes them (.NET Framework's
 *   Environment.NewLine on Windows); FAKE_POWERSHELL_NEWLINE=lf gives PowerShell 7 on Linux.
 * - A quick command's whole output reaches the reader in one write per stream by default (what a pipe
 *   delivers for an answer of a few KB written at once, the case that broke child-shell's end-marker search);
 *   FAKE_POWERSHELL_WRITES=bytes writes it one byte at a time instead, so a reader that needs whole lines or
 *   whole answers per read fails.
 * - `[Console]::Out.WriteLine("X")` / `[Console]::Error.WriteLine("X")` lines print X on that stream, as
 *   PowerShell runs them (node-powershell's markers are such lines).
 * - FAKE_POWERSHELL_AT_END=stay keeps the process running after stdin ends (an assumption, not what
 *   PowerShell does: a stand-in written for node-powershell's -NoExit shell may behave so).
 * - Any other command is not run: in its place the fake replays a recorded answer (the collection script's
 *   output in each situation, with made-up values). Error text on stderr is plain text, an error record as
 *   $ErrorView NormalView prints it in 5.1; CLIXML (`#< CLIXML`) is the host's output format XML
 *   (about_PowerShell_exe, -OutputFormat), which the app never asks for.
 * - The exit code after stdin ends is the answer's `exitCode`, else 1 when the answer wrote only to stderr
 *   (the last command failed) and 0 otherwise: with -Command, PowerShell by design maps the success of the
 *   last statement ($?) to 0 or 1 (PowerShell/PowerShell issue 13501). An answer with `exitCode` and `crash: true` ends the
 *   process right after writing, as a crash does.
 * - `hang` never answers (beyond its `stderr`, written when the command arrives), ignores SIGTERM and outlives stdin, the way a stuck WMI query behaves (an
 *   assumption drawn from field reports of Get-CimInstance hanging on MDM_DevDetail_Ext01): only SIGKILL ends it.
 *
 * Configuration:
 * - FAKE_POWERSHELL_ANSWER: path of a JSON file `{ "stdout"?: string, "stdoutJson"?: any, "stderr"?: string,
 *   "exitCode"?: number, "crash"?: boolean, "hang"?: boolean }` (tests write answers that need a real hash);
 * - else FAKE_POWERSHELL_SCENARIO: the name of one of the recorded answers below.
 * - FAKE_POWERSHELL_RECORD: a folder where it writes `pid`, `argv.json`, its environment (`env.json`) and every
 *   byte of stdin (`stdin.txt`), so a test can prove what PowerShell would have been asked (no user text in
 *   the command), what it inherited, and that the process is gone after a timeout.
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * @typedef {{ stdout?: string, stdoutJson?: unknown, stderr?: string, exitCode?: number, crash?: boolean,
 *   hang?: boolean, refuseMarkers?: boolean }} Answer
 */

/** What the collection script prints on a healthy, elevated laptop (schema 2; values made up). */
const DEVICE = {
  schema: 2,
  languageMode: 'FullLanguage',
  isWindows: true,
  isElevated: true,
  isWinPE: false,
  isVirtualMachine: false,
  computerName: 'DESKTOP-7Q2K9LM',
  serial: 'PF3ABCDE',
  manufacturer: 'LENOVO',
  model: '20XW0026JP',
  hash: '',
  hashError: '',
  hashErrorCode: 0,
  hashErrorId: '',
  biosError: '',
  systemError: '',
  scriptError: '',
  psVersion: '5.1.19041.1682',
  osVersion: '10.0.19044.0',
};

/**
 * The KB5013942 failure as the script records it: the CimException's message is MI_RESULT_FAILED's
 * description (MI_Result documentation: "A general error occurred that is not covered by a more specific
 * error code"), NativeErrorCode 1, and "MI RESULT 1" only in the error id, which the CimCmdlets build from the
 * error's MessageId (PowerShell's CimWriteError.cs). Reported on Windows 10 21H2 (build 19044) in May 2022.
 */
const MI_RESULT_1 = {
  hashError:
    'Microsoft.Management.Infrastructure.CimException: A general error occurred that is not covered by a more ' +
    'specific error code.',
  hashErrorCode: 1,
  hashErrorId: 'MI RESULT 1,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand',
};

/** An error record as Windows PowerShell 5.1 prints it on stderr ($ErrorView NormalView). */
const NOT_RECOGNIZED =
  "Get-CimInstance : The term 'Get-CimInstance' is not recognized as the name of a cmdlet, function, script " +
  'file, or operable program. Check the spelling of the name, or if a path was included, verify that the path ' +
  'is correct and try again.\n' +
  'At line:1 char:1\n' +
  '+ Get-CimInstance -ClassName Win32_BIOS\n' +
  '+ ~~~~~~~~~~~~~~~\n' +
  '    + CategoryInfo          : ObjectNotFound: (Get-CimInstance:String) [], CommandNotFoundException\n' +
  '    + FullyQualifiedErrorId : CommandNotFoundException';

/** @type {Readonly<Record<string, Answer>>} */
const SCENARIOS = {
  'not-windows': {
    stdoutJson: { ...DEVICE, isWindows: false, isElevated: false, computerName: 'build-host', serial: '' },
  },
  'not-elevated': { stdoutJson: { ...DEVICE, isElevated: false } },
  winpe: { stdoutJson: { ...DEVICE, isWinPE: true, computerName: 'MINWINPC' } },
  'mi-result-1': { stdoutJson: { ...DEVICE, ...MI_RESULT_1 } },
  'vm-no-hash': {
    stdoutJson: {
      ...DEVICE,
      isVirtualMachine: true,
      serial: 'VMware-56 4d 2b 1c 9a 6e 0f 3d-8b 71 22 ac 5e 90 14 07',
      manufacturer: 'VMware, Inc.',
      model: 'VMware Virtual Platform',
    },
  },
  /**
   * Constrained Language Mode: the marker lines are method calls, refused with this error (text as real pwsh
   * 7.6 prints it), and the app's command prints its language-mode line (see buildCommand).
   */
  'constrained-language': { stdout: 'harvester-language-mode:ConstrainedLanguage', refuseMarkers: true },
  garbage: {
    stdout: 'Get-CimInstance : Invalid class\n+ CategoryInfo : MetadataError\n{"schema": 2, "isWin',
  },
  stderr: { stderr: NOT_RECOGNIZED },
  exit: { stderr: 'Fatal error in PowerShell', exitCode: 3, crash: true },
  hang: { hang: true },
  'drives-two': {
    stdoutJson: {
      isWindows: true,
      drives: [
        {
          letter: 'E:',
          label: 'HARVESTER',
          volumeSerial: '5A1C3F20',
          freeBytes: 12_884_901_888,
          sizeBytes: 15_837_691_904,
        },
        {
          letter: 'F:',
          label: 'CAMERA',
          volumeSerial: '0E77A1B2',
          freeBytes: 1_073_741_824,
          sizeBytes: 31_914_983_424,
        },
      ],
    },
  },
  'drives-moved': {
    stdoutJson: {
      isWindows: true,
      drives: [
        {
          letter: 'G:',
          label: 'HARVESTER',
          volumeSerial: '5A1C3F20',
          freeBytes: 12_000_000_000,
          sizeBytes: 15_837_691_904,
        },
      ],
    },
  },
  'drives-none': { stdoutJson: { isWindows: true, drives: [] } },
  'drives-not-windows': { stdoutJson: { isWindows: false, drives: [] } },
};

const record = process.env.FAKE_POWERSHELL_RECORD;
if (record) {
  mkdirSync(record, { recursive: true });
  writeFileSync(path.join(record, 'pid'), String(process.pid));
  writeFileSync(path.join(record, 'argv.json'), JSON.stringify(process.argv.slice(2)));
  writeFileSync(path.join(record, 'stdin.txt'), '');
  writeFileSync(path.join(record, 'env.json'), JSON.stringify(process.env));
}

const answer = loadAnswer();
const newline = process.env.FAKE_POWERSHELL_NEWLINE === 'lf' ? '\n' : '\r\n';
const byteByByte = process.env.FAKE_POWERSHELL_WRITES === 'bytes';
const stayAfterInput = process.env.FAKE_POWERSHELL_AT_END === 'stay';
if (answer.hang) {
  process.on('SIGTERM', () => undefined);
  // Outlive stdin: a stuck query does not notice that its input closed.
  setInterval(() => undefined, 60_000);
}

const MARKER = /^\[Console\]::(Out|Error)\.WriteLine\("([^"]*)"\)$/;
let pending = '';
let lastFailed = false;
let complained = false;

process.stdin.setEncoding('utf8');
process.stdin.on('data', (/** @type {string} */ chunk) => {
  if (record) appendFileSync(path.join(record, 'stdin.txt'), chunk);
  if (answer.hang) {
    // A query that hangs may have complained first (stderr is then the only clue).
    if (answer.stderr && !complained) write(process.stderr, lines(answer.stderr));
    complained = true;
    return;
  }
  pending += chunk;
  let end;
  while ((end = pending.indexOf('\n')) >= 0) {
    const line = pending.slice(0, end).replace(/\r$/, '');
    pending = pending.slice(end + 1);
    run(line);
  }
});
process.stdin.on('end', () => {
  if (answer.hang) return;
  if (stayAfterInput) {
    // Keeps running, as a host that ignores the end of its input would: only a kill ends it.
    setInterval(() => undefined, 60_000);
    return;
  }
  if (pending.length > 0) run(pending.replace(/\r$/, ''));
  process.exitCode = answer.exitCode ?? (lastFailed ? 1 : 0);
});

/** @param {string} line */
function run(line) {
  const marker = MARKER.exec(line);
  if (marker && answer.refuseMarkers) {
    write(
      process.stderr,
      lines(
        'InvalidOperation: Cannot invoke method. Method invocation is supported only on core types in this language mode.',
      ),
    );
    lastFailed = true;
    return;
  }
  if (marker) {
    const [, stream, text] = marker;
    write(stream === 'Out' ? process.stdout : process.stderr, `${text}${newline}`);
    lastFailed = false;
    return;
  }
  if (line.trim().length === 0) return;
  const stdout = answer.stdoutJson === undefined ? (answer.stdout ?? '') : JSON.stringify(answer.stdoutJson);
  if (stdout.length > 0) write(process.stdout, lines(stdout));
  if (answer.stderr) write(process.stderr, lines(answer.stderr));
  lastFailed = stdout.length === 0 && Boolean(answer.stderr);
  if (answer.crash) process.exit(answer.exitCode ?? 1);
}

/** The text with this PowerShell's line ends, each line ended. @param {string} text */
function lines(text) {
  return `${text.replace(/\r?\n/g, newline)}${newline}`;
}

/** @param {NodeJS.WriteStream} stream @param {string} text */
function write(stream, text) {
  if (!byteByByte) {
    stream.write(text);
    return;
  }
  for (const byte of Buffer.from(text, 'utf8')) stream.write(Buffer.of(byte));
}

/** @returns {Answer} */
function loadAnswer() {
  const file = process.env.FAKE_POWERSHELL_ANSWER;
  if (file) return JSON.parse(readFileSync(file, 'utf8'));
  const name = process.env.FAKE_POWERSHELL_SCENARIO ?? '';
  const known = SCENARIOS[name];
  if (!known) {
    process.stderr.write(`fake-powershell: unknown scenario "${name}"\n`);
    process.exit(2);
  }
  return known;
}
