/**
 * The app's PowerShell wrapper and collection against the real engine: pwsh 7 as it is (LF line ends), pwsh with
 * its console NewLine forced to "\r\n" (what Windows PowerShell 5.1 writes), and pwsh in Constrained Language
 * Mode (what a WDAC or AppLocker policy imposes). Off Windows the collection script finds no Windows to ask,
 * so a correct run ends in `not-windows`: what these tests prove is that the command the app builds runs in
 * real PowerShell, that its answer comes back whole and at once whatever the line ends, and that a locked-down
 * PowerShell is named, never waited out.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { collectThisDevice, COLLECT_SCRIPT_PATH } from '../../../electron/collection/collect';
import { listRemovableDrives } from '../../../electron/drives/removable-drives';
import { runPowerShell } from '../../../electron/powershell/powershell';
import { NO_PWSH_REASON, PWSH, pwshLauncher } from '../../support/real-powershell';
import { useTempDir } from '../../support/temp-dir';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const posix = process.platform !== 'win32';
const available = PWSH !== undefined && posix;
const reason = posix ? NO_PWSH_REASON : 'on Windows, tests/windows runs Windows PowerShell itself';

/** Forces Windows' line end on both console writers before the app's command runs. */
const CRLF_FIRST_LINE = '[Console]::Out.NewLine = "`r`n"; [Console]::Error.NewLine = "`r`n"';
/** Puts the session into Constrained Language Mode, as a WDAC policy does for untrusted input. */
const CLM_FIRST_LINE = '$ExecutionContext.SessionState.LanguageMode = "ConstrainedLanguage"';

/** Generous: pwsh takes seconds to start on a busy 2-core machine. Not a speed check (that is npm run bench). */
const TIMEOUT_MS = 60_000;

describe.skipIf(!available)(
  `the PowerShell wrapper in real pwsh${available ? '' : ` (skipped: ${reason})`}`,
  { timeout: 2 * TIMEOUT_MS },
  () => {
    const temp = useTempDir('harvester-real-ps-');

    /** pwsh as it is, or pwsh whose session was set up by `firstLine` first. */
    const shells = () => [
      { name: 'pwsh as it is (LF)', executable: PWSH ?? '' },
      {
        name: 'pwsh with NewLine forced to CRLF',
        executable: pwshLauncher(temp.path(), 'crlf', CRLF_FIRST_LINE),
      },
    ];

    it('hands a hostile parameter to the script intact, as data', async () => {
      const tag = `Microsoft365Managed_Autopilot'; Write-Output INJECTED; '$(Write-Output ALSO)"`;
      const result = await runPowerShell('param($Tag, $Count) "$Tag|$($Count + 1)"', {
        executable: PWSH,
        timeoutMs: TIMEOUT_MS,
        parameters: { Tag: tag, Count: 41 },
      });
      expect(result).toEqual({ kind: 'ok', stdout: `${tag}|42`, stderr: '' });
    });

    it('never loads a module a user planted in their own module folder', async () => {
      // pwsh's user module folder on Linux is $XDG_DATA_HOME/powershell/Modules (about_PSModulePath); Windows
      // PowerShell's is Documents\WindowsPowerShell\Modules. Both are writable without elevation.
      const data = path.join(temp.path(), 'user-data');
      for (const module of ['CimCmdlets', 'Microsoft.PowerShell.Utility']) {
        const folder = path.join(data, 'powershell', 'Modules', module);
        mkdirSync(folder, { recursive: true });
        writeFileSync(
          path.join(folder, `${module}.psm1`),
          "function Get-CimInstance { 'PLANTED' }\nfunction ConvertFrom-Json { [pscustomobject]@{ Tag = 'PLANTED' } }\n",
        );
      }
      vi.stubEnv('XDG_DATA_HOME', data);
      const result = await runPowerShell(
        "param($Tag) $Tag; try { Get-CimInstance -ClassName Win32_BIOS } catch { 'no CIM cmdlets here' }",
        { executable: PWSH, timeoutMs: TIMEOUT_MS, parameters: { Tag: 'from the app' } },
      );
      vi.unstubAllEnvs();
      expect(result.kind === 'ok' || result.kind === 'wrote-stderr').toBe(true);
      if (result.kind !== 'ok' && result.kind !== 'wrote-stderr') return;
      expect(result.stdout).not.toContain('PLANTED');
      expect(result.stdout.split('\n')[0]).toBe('from the app');
    });

    it('brings Japanese text back unchanged', async () => {
      const text = 'パナソニック コネクト株式会社 レッツノート';
      const result = await runPowerShell('param($Text) $Text', {
        executable: PWSH,
        timeoutMs: TIMEOUT_MS,
        parameters: { Text: text },
      });
      expect(result).toMatchObject({ kind: 'ok', stdout: text });
    });

    it('reports a script that throws as wrote-stderr with PowerShell words, not as a timeout', async () => {
      const result = await runPowerShell("throw 'the query failed'", {
        executable: PWSH,
        timeoutMs: TIMEOUT_MS,
      });
      expect(result.kind).toBe('wrote-stderr');
      expect(result.kind === 'wrote-stderr' && result.stderr).toContain('the query failed');
    });

    it('runs the shipped collection script and reads its answer as not-windows, with pwsh 7 facts', async () => {
      const log: string[] = [];
      const result = await collectThisDevice({
        executable: PWSH,
        timeoutMs: TIMEOUT_MS,
        log: (line) => log.push(line),
      });
      expect(result, log.join('\n')).toEqual({ kind: 'failed', problem: { kind: 'not-windows' } });
      const facts = log.find((line) => line.startsWith('collect: facts '));
      expect(facts).toBeDefined();
      const parsed = JSON.parse(facts!.slice('collect: facts '.length)) as Record<string, unknown>;
      expect(parsed).toMatchObject({ schema: 2, languageMode: 'FullLanguage', isWindows: false });
      expect(parsed.psVersion).toMatch(/^7\./);
    });

    it('gets the answer of the collection script written with CRLF line ends, and it arrived as CRLF', async () => {
      const copy = path.join(temp.path(), 'stdout-bytes.txt');
      const executable = pwshLauncher(temp.path(), 'crlf-copy', CRLF_FIRST_LINE, copy);
      const log: string[] = [];
      const result = await collectThisDevice({ executable, timeoutMs: TIMEOUT_MS, log: (l) => log.push(l) });
      expect(result, log.join('\n')).toEqual({ kind: 'failed', problem: { kind: 'not-windows' } });
      const raw = readFileSync(copy, 'latin1');
      // The opening marker, the script's one line, the closing marker: every line ended by CRLF.
      expect(raw).toMatch(/^([0-9A-Za-z]{16})\r\n\{"schema":2,[^\r\n]*\}\r\n\1\r\n$/);
    });

    it.each(['LF', 'CRLF'])('lists no removable drives off Windows (%s)', async (ends) => {
      const shell = shells().find((s) => s.name.includes(ends === 'LF' ? 'as it is' : 'CRLF'))!;
      expect(await listRemovableDrives({ executable: shell.executable, timeoutMs: TIMEOUT_MS })).toEqual({
        kind: 'unsupported',
      });
    });

    it('names Constrained Language Mode instead of waiting for the time-out', async () => {
      const executable = pwshLauncher(temp.path(), 'clm', CLM_FIRST_LINE);
      const log: string[] = [];
      const result = await collectThisDevice({ executable, timeoutMs: TIMEOUT_MS, log: (l) => log.push(l) });
      expect(result, log.join('\n')).toEqual({
        kind: 'failed',
        problem: { kind: 'powershell-locked-down', languageMode: 'ConstrainedLanguage' },
      });
    });

    it('says the drives cannot be listed because PowerShell is locked down', async () => {
      const executable = pwshLauncher(temp.path(), 'clm-drives', CLM_FIRST_LINE);
      expect(await listRemovableDrives({ executable, timeoutMs: TIMEOUT_MS })).toEqual({
        kind: 'failed',
        reason: 'powershell-locked-down',
      });
    });

    it.each([
      ['collect', ['collect', '--json']],
      ['drives', ['drives', '--json']],
    ])(
      'harvester %s --json answers through NODE_POWERSHELL=pwsh speaking CRLF, not with a time-out',
      async (_, args) => {
        const executable = pwshLauncher(temp.path(), 'crlf-cli', CRLF_FIRST_LINE);
        const run = await runCli(args, {
          NODE_POWERSHELL: executable,
          HARVESTER_LEDGER: path.join(temp.path(), 'ledger'),
          HARVESTER_LANG: 'en',
        });
        expect(run.stdout).not.toMatch(/did not answer within|timeout/i);
        const answer = JSON.parse(run.stdout) as Record<string, unknown>;
        if (args[0] === 'collect') {
          expect(answer).toMatchObject({ result: 'failed', problem: { kind: 'not-windows' } });
        } else {
          expect(answer).toEqual({ drives: [], problem: 'unsupported' });
        }
      },
    );

    it('sends the collection script itself, not some other text', () => {
      expect(readFileSync(COLLECT_SCRIPT_PATH, 'utf8')).toContain('MDM_DevDetail_Ext01');
    });
  },
);

/** Runs the CLI as a process (bin/harvester.js) with `env` added, and returns what it printed. */
function runCli(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/harvester.js'), ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
