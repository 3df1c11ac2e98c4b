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
  readonly hang?: boolean;
}

/**
 * What Windows PowerShell 5.1 writes to stderr on a healthy run when it reports progress, e.g. the first time
 * it loads modules on a fresh device (recorded; one record of the "Preparing modules for first use." kind).
 */
export const PROGRESS_RECORDS_CLIXML =
  '#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">' +
  '<Obj S="progress" RefId="0"><TN RefId="0"><T>System.Management.Automation.PSCustomObject</T>' +
  '<T>System.Object</T></TN><MS><I64 N="SourceId">1</I64><PR N="Record"><AV>Preparing modules for first use.</AV>' +
  '<AI>0</AI><Nil /><PI>-1</PI><PC>-1</PC><T>Completed</T><SR>-1</SR><SD> </SD></PR></MS></Obj></Objs>';

/** The collection script's output for a healthy, elevated Lenovo laptop; override what a test needs. */
export function deviceFacts(overrides: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  return {
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
    ...overrides,
  };
}

export interface FakePowerShell {
  readonly executable: string;
  /** Replays `answer` (written to a file) on the next runs. */
  answer(answer: FakeAnswer): void;
  /** Replays one of the fake's built-in recorded answers. */
  scenario(name: string): void;
  /** Everything PowerShell would have received on stdin in the last run. */
  stdin(): string;
  /** The arguments the last run was started with. */
  argv(): readonly string[];
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
  // A checkout or copy may lose the executable bit; node-powershell spawns the file itself.
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
    stdin: () => recorded('stdin.txt'),
    argv: () => JSON.parse(recorded('argv.json')) as string[],
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
