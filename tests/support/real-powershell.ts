/**
 * The real PowerShell and Pester of this machine, for the suites that run the collection script in the real
 * engine. Both are installed by `scripts/powershell-tools.js install` (npm test and .ci/run call it); where
 * they are missing the suites are skipped and their names say why.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findPester, findPwsh } from '../../scripts/powershell-tools.js';

/** The pwsh to run, or undefined. */
export const PWSH: string | undefined = findPwsh();
/** Pester's module manifest, or undefined. */
export const PESTER: string | undefined = findPester();

export const NO_PWSH_REASON =
  'pwsh missing: run `node scripts/powershell-tools.js install` (needs the .NET SDK)';
export const NO_PESTER_REASON =
  'pwsh or Pester missing: run `node scripts/powershell-tools.js install` (needs the .NET SDK)';

/** One Pester test as Invoke-Pester -PassThru reports it. */
export interface PesterTest {
  readonly name: string;
  readonly result: string;
  readonly error: string;
}

/**
 * Runs one Pester file in a fresh pwsh and returns every test it found, with its result. Paths reach
 * PowerShell as environment variables, never as command text. Throws when Pester itself could not run.
 */
export function runPesterFile(file: string, env: Readonly<Record<string, string>> = {}): PesterTest[] {
  if (PWSH === undefined || PESTER === undefined) throw new Error(NO_PESTER_REASON);
  const runner = [
    "$ErrorActionPreference = 'Stop'",
    "$ProgressPreference = 'SilentlyContinue'",
    'Import-Module -Name $env:TEST_PESTER_MODULE',
    '$configuration = New-PesterConfiguration',
    '$configuration.Run.Path = $env:TEST_PESTER_FILE',
    '$configuration.Run.PassThru = $true',
    "$configuration.Output.Verbosity = 'None'",
    '$run = Invoke-Pester -Configuration $configuration',
    '$tests = @($run.Tests | ForEach-Object {',
    '  [ordered]@{ name = $_.ExpandedPath; result = [string]$_.Result; error = (@($_.ErrorRecord | ForEach-Object { [string]$_ }) -join [Environment]::NewLine) }',
    '})',
    "$containers = @($run.Containers | Where-Object { $_.Result -ne 'Passed' } | ForEach-Object { [string]$_.ErrorRecord })",
    '[Console]::Out.WriteLine((ConvertTo-Json -InputObject ([ordered]@{ tests = $tests; containerErrors = $containers }) -Depth 4 -Compress))',
  ].join('\n');
  // A file, not `-Command -`: that mode runs stdin line by line and breaks statements over several lines.
  const runnerFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'harvester-pester-')), 'run-pester.ps1');
  writeFileSync(runnerFile, runner);
  const result = spawnSync(PWSH, ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', runnerFile], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    // A pwsh that hangs must not hang the whole test run.
    timeout: 10 * 60_000,
    env: {
      ...process.env,
      TERM: 'dumb',
      TEST_PWSH: PWSH,
      TEST_PESTER_MODULE: PESTER,
      TEST_PESTER_FILE: file,
      ...env,
    },
  });
  rmSync(path.dirname(runnerFile), { recursive: true, force: true });
  const line = result.stdout.split('\n').find((l) => l.startsWith('{"tests"'));
  if (line === undefined) {
    throw new Error(`Pester did not report (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  const report = JSON.parse(line) as { tests: PesterTest[]; containerErrors: string[] };
  if (report.containerErrors.length > 0) {
    throw new Error(`Pester could not run ${path.basename(file)}:\n${report.containerErrors.join('\n')}`);
  }
  return report.tests;
}

/**
 * A launcher for real pwsh that runs `firstLine` before the commands it reads from stdin, as a policy or a
 * host would have set the session up (e.g. Constrained Language Mode, or Windows' `\r\n` line ends), and
 * optionally copies every byte pwsh writes to stdout into `stdoutCopy`. A POSIX shell script.
 */
export function pwshLauncher(dir: string, name: string, firstLine: string, stdoutCopy?: string): string {
  if (PWSH === undefined) throw new Error(NO_PWSH_REASON);
  const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
  const file = path.join(dir, `${name}.sh`);
  const tee = stdoutCopy === undefined ? '' : ` | tee ${quote(stdoutCopy)}`;
  writeFileSync(
    file,
    ['#!/bin/sh', `{ printf '%s\\n' ${quote(firstLine)}; cat; } | ${quote(PWSH)} "$@"${tee}`, ''].join('\n'),
    { mode: 0o755 },
  );
  return file;
}
