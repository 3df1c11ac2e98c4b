/**
 * Test side of the fake PowerShell (fake-powershell.mjs): its path, answers written to real files, and what
 * the fake recorded (its stdin, arguments and process id). Environment variables are stubbed per test and
 * restored afterwards, because the fake is a real child process that reads them.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, vi } from 'vitest';
import { useTempDir } from '../support/temp-dir';

/** The fake shell: an executable Node script (`#!/usr/bin/env node`), spawned directly like powershell.exe. */
export const FAKE_POWERSHELL = fileURLToPath(new URL('./fake-powershell.mjs', import.meta.url));

/** What the fake writes in place of the real command's output. */
export interface FakeAnswer {
  readonly stdout?: string;
  /** Written as one line of JSON, as the collection script prints. */
  readonly stdoutJson?: unknown;
  readonly stderr?: string;
  readonly exitCode?: number;
  /** Ends the process right after writing, with `exitCode`, as a crash does. */
  readonly crash?: boolean;
  readonly hang?: boolean;
  /** Refuses marker lines as Constrained Language Mode does (an error on stderr instead of the marker). */
  readonly refuseMarkers?: boolean;
}

/**
 * What Windows PowerShell 5.1 writes to stderr in `-Command -` mode beside a complete answer: a non-terminating
 * error record in plain text ($ErrorView NormalView), here the one a BIOS query refused by WMI gives (category
 * and error id as the CimCmdlets build them: PowerShell's CimWriteError.cs; HRESULT 0x80041003 is
 * WBEM_E_ACCESS_DENIED).
 */
export const ERROR_RECORD_TEXT =
  'Get-CimInstance : Access denied \r\n' +
  'At line:1 char:1\r\n' +
  '+ Get-CimInstance -ClassName Win32_BIOS\r\n' +
  '+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\r\n' +
  '    + CategoryInfo          : PermissionDenied: (root\\cimv2:Win32_BIOS:String) [Get-CimInstance], CimException\r\n' +
  '    + FullyQualifiedErrorId : HRESULT 0x80041003,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand';

/** The collection script's output for a healthy, elevated Lenovo laptop; override what a test needs. */
export function deviceFacts(overrides: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  return {
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
    psVersion: '5.1.26100.7705',
    osVersion: '10.0.26100.0',
    ...overrides,
  };
}

export interface FakePowerShell {
  readonly executable: string;
  /** Replays `answer` (written to a file) on the next runs. */
  answer(answer: FakeAnswer): void;
  /** Replays one of the fake's built-in recorded answers. */
  scenario(name: string): void;
  /**
   * How the fake writes (see fake-powershell.mjs): CRLF line ends as Windows PowerShell 5.1 (the default) or
   * LF as PowerShell 7 on Linux; each stream's answer in one write (the default) or one byte per write.
   */
  speak(options: {
    readonly newline?: 'crlf' | 'lf';
    readonly writes?: 'whole' | 'bytes';
    /** Keep running after stdin ends (a host that ignores the end of its input). */
    readonly stayAfterInput?: boolean;
  }): void;
  /** Everything PowerShell would have received on stdin in the last run. */
  stdin(): string;
  /** The arguments the last run was started with. */
  argv(): readonly string[];
  /** The environment the last run was started with. */
  env(): Readonly<Record<string, string>>;
  /** The process id of the last run. */
  pid(): number;
  /**
   * An executable that records its process id the moment it starts, then becomes the fake (`exec` keeps the
   * id). For tests with a timeout so short that it may fire before Node has started the fake and written its
   * own record: {@link FakePowerShell.pid} then still names the process that was started.
   */
  launcher(): string;
}

/** Sets up the fake for the tests of one file: executable bit, a record folder, env restored after each test. */
export function useFakePowerShell(): FakePowerShell {
  const temp = useTempDir('harvester-fake-ps-');
  // A checkout or copy may lose the executable bit; the wrapper spawns the file itself.
  chmodSync(FAKE_POWERSHELL, 0o755);
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  const recordDir = (): string => {
    const dir = path.join(temp.path(), 'record');
    vi.stubEnv('FAKE_POWERSHELL_RECORD', dir);
    return dir;
  };
  const recorded = (name: string): string => {
    const file = path.join(temp.path(), 'record', name);
    if (!existsSync(file)) throw new Error(`the fake recorded no ${name}: did it run?`);
    return readFileSync(file, 'utf8');
  };
  return {
    executable: FAKE_POWERSHELL,
    answer(answer) {
      const file = path.join(temp.path(), 'answer.json');
      writeFileSync(file, JSON.stringify(answer));
      recordDir();
      vi.stubEnv('FAKE_POWERSHELL_SCENARIO', '');
      vi.stubEnv('FAKE_POWERSHELL_ANSWER', file);
    },
    scenario(name) {
      recordDir();
      vi.stubEnv('FAKE_POWERSHELL_ANSWER', '');
      vi.stubEnv('FAKE_POWERSHELL_SCENARIO', name);
    },
    speak({ newline = 'crlf', writes = 'whole', stayAfterInput = false }) {
      vi.stubEnv('FAKE_POWERSHELL_NEWLINE', newline);
      vi.stubEnv('FAKE_POWERSHELL_WRITES', writes);
      vi.stubEnv('FAKE_POWERSHELL_AT_END', stayAfterInput ? 'stay' : '');
    },
    stdin: () => recorded('stdin.txt'),
    argv: () => JSON.parse(recorded('argv.json')) as string[],
    env: () => JSON.parse(recorded('env.json')) as Record<string, string>,
    pid: () => Number(recorded('pid')),
    launcher() {
      const quoted = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
      const file = path.join(temp.path(), 'launcher.sh');
      writeFileSync(
        file,
        [
          '#!/bin/sh',
          'if [ -n "$FAKE_POWERSHELL_RECORD" ]; then',
          '  mkdir -p "$FAKE_POWERSHELL_RECORD" && echo $$ > "$FAKE_POWERSHELL_RECORD/pid"',
          'fi',
          `exec ${quoted(FAKE_POWERSHELL)} "$@"`,
          '',
        ].join('\n'),
        { mode: 0o755 },
      );
      return file;
    },
  };
}

/** Whether a process id still names a live process (signal 0 only checks). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
