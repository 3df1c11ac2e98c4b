#!/usr/bin/env node
/**
 * A stand-in for powershell.exe that speaks node-powershell's stdin/stdout protocol, for tests on machines
 * without PowerShell. node-powershell writes, per invocation, the lines
 *   [Console]::Error.WriteLine("D") / [Console]::Out.WriteLine("D") / <command> / (both markers again)
 * and waits until stdout and stderr each show the 16-character marker D twice. This fake echoes each marker
 * line on its stream, ignores the real command, and in its place replays a recorded answer:
 *
 * - FAKE_POWERSHELL_ANSWER: path of a JSON file `{ "stdout"?: string, "stdoutJson"?: any, "stderr"?: string,
 *   "exitCode"?: number, "hang"?: boolean }` (tests write answers that need a real hash there);
 * - else FAKE_POWERSHELL_SCENARIO: the name of one of the recorded answers below.
 * - FAKE_POWERSHELL_RECORD: a folder where it writes `pid`, `argv.json` and every byte of stdin (`stdin.txt`),
 *   so a test can prove what PowerShell would have been asked (no user text in the command) and that the
 *   process is gone after a timeout.
 *
 * `hang` never answers and ignores SIGTERM, the way a stuck WMI query behaves: only SIGKILL ends it.
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * @typedef {{ stdout?: string, stdoutJson?: unknown, stderr?: string, exitCode?: number, hang?: boolean }} Answer
 */

/** What the collection script printed on real devices in each situation (values made up, shapes recorded). */
const DEVICE = {
  schema: 1,
  isWindows: true,
  isElevated: true,
  isWinPE: false,
  isVirtualMachine: false,
  computerName: 'DESKTOP-7Q2K9LM',
  serial: 'PF3ABCDE',
  manufacturer: 'LENOVO',
  model: '20XW0026JP',
  productId: '',
  hash: '',
  hashError: '',
  hashErrorCode: 0,
  biosError: '',
  systemError: '',
  scriptError: '',
  psVersion: '5.1.26100.7705',
  osVersion: '10.0.26100.0',
};

const MI_RESULT_1 =
  'Microsoft.Management.Infrastructure.CimException: A general error occurred that is not covered by a more ' +
  'specific error code. (MI RESULT 1)';

/** @type {Readonly<Record<string, Answer>>} */
const SCENARIOS = {
  'not-windows': {
    stdoutJson: { ...DEVICE, isWindows: false, isElevated: false, computerName: 'build-host', serial: '' },
  },
  'not-elevated': { stdoutJson: { ...DEVICE, isElevated: false } },
  winpe: { stdoutJson: { ...DEVICE, isWinPE: true, computerName: 'MINWINPC' } },
  'mi-result-1': { stdoutJson: { ...DEVICE, hashError: MI_RESULT_1, hashErrorCode: 1 } },
  'vm-no-hash': {
    stdoutJson: {
      ...DEVICE,
      isVirtualMachine: true,
      serial: 'VMware-56 4d 2b 1c 9a 6e 0f 3d-8b 71 22 ac 5e 90 14 07',
      manufacturer: 'VMware, Inc.',
      model: 'VMware Virtual Platform',
    },
  },
  garbage: {
    stdout: 'Get-CimInstance : Invalid class\r\n+ CategoryInfo : MetadataError\r\n{"schema": 1, "isWin',
  },
  stderr: {
    stderr:
      "The term 'Get-CimInstance' is not recognized as the name of a cmdlet, function, script file, or operable program.",
  },
  exit: { stderr: 'Fatal error in PowerShell', exitCode: 3 },
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
}

const answer = loadAnswer();
if (answer.hang) process.on('SIGTERM', () => undefined);

const MARKER = /^\[Console\]::(Out|Error)\.WriteLine\("([0-9A-Za-z]{16})"\)$/;
let pending = '';
let answered = false;

process.stdin.setEncoding('utf8');
process.stdin.on('data', (/** @type {string} */ chunk) => {
  if (record) appendFileSync(path.join(record, 'stdin.txt'), chunk);
  if (answer.hang) return;
  pending += chunk;
  let newline;
  while ((newline = pending.indexOf('\n')) >= 0) {
    const line = pending.slice(0, newline).replace(/\r$/, '');
    pending = pending.slice(newline + 1);
    handleLine(line);
  }
});
// PowerShell with -NoExit keeps running until killed; so does the fake (stdin closing ends it).
process.stdin.on('end', () => process.exit(0));

/** @param {string} line */
function handleLine(line) {
  const marker = MARKER.exec(line);
  if (marker) {
    const [, stream, delimiter] = marker;
    (stream === 'Out' ? process.stdout : process.stderr).write(`${delimiter}\n`);
    // The closing Out marker ends an invocation; the next command gets the answer again.
    if (stream === 'Out' && answered) answered = false;
    return;
  }
  if (line.trim().length === 0 || answered) return;
  answered = true;
  const stdout = answer.stdoutJson === undefined ? (answer.stdout ?? '') : JSON.stringify(answer.stdoutJson);
  if (stdout.length > 0) process.stdout.write(`${stdout}\n`);
  if (answer.stderr) process.stderr.write(`${answer.stderr}\n`);
  if (answer.exitCode !== undefined) process.exit(answer.exitCode);
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
