/**
 * The real collection on a real Windows device, through Windows PowerShell 5.1 and WMI: what the fake shell
 * of the unit tests cannot prove. Strict on purpose: a script that breaks on PowerShell 5.1 must fail here,
 * so only answers this particular machine can explain are accepted. Run it twice for full coverage: from an
 * elevated prompt (a collected row) and from a normal one (`not-elevated`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { COLLECT_SCRIPT_PATH, collectThisDevice } from '../../electron/collection/collect';
import {
  POWERSHELL_ARGUMENTS,
  buildCommand,
  resolvePowerShellExecutable,
  runPowerShell,
  stdinFor,
  windowsFolder,
} from '../../electron/powershell/powershell';
import { listRemovableDrives } from '../../electron/drives/removable-drives';
import { isSameDevice } from '../../shared/device';
import { hashText } from '../../shared/hardware-hash';
import type { CollectionProblem } from '../../shared/i18n/collection-messages';

const onWindows = process.platform === 'win32';

/**
 * Whether this process runs elevated, asked of Windows without PowerShell so the answer does not share a bug
 * with the script under test. An elevated token carries the High (or System) mandatory label; its SID is the
 * same in every display language. `net session` would also tell, but fails when the Server service is off.
 */
function runsElevated(): boolean {
  const root = process.env.SystemRoot ?? 'C:\\Windows';
  const groups = execFileSync(path.win32.join(root, 'System32', 'whoami.exe'), ['/groups', '/fo', 'csv'], {
    encoding: 'latin1',
    windowsHide: true,
  });
  return /S-1-16-(12288|16384)\b/.test(groups);
}

const elevated = onWindows && runsElevated();

/**
 * The failures that say something about this machine rather than about the app: a virtual machine without
 * a hash provider, the KB5013942 failure of the hash query, firmware that carries no serial number.
 */
function isHardwareProblem(problem: CollectionProblem): boolean {
  switch (problem.kind) {
    case 'no-hash':
      return problem.virtualMachine;
    case 'mi-result-1':
    case 'serial-placeholder':
      return true;
    default:
      return false;
  }
}

describe.skipIf(!onWindows)(
  `collection on this device (Windows only: needs the real PowerShell and WMI; skipped on ${process.platform})`,
  () => {
    // The real Windows PowerShell, never a stand-in a shell variable points at.
    beforeEach(() => {
      vi.stubEnv('NODE_POWERSHELL', '');
      return () => vi.unstubAllEnvs();
    });

    it('runs Windows PowerShell 5.1 by its System32 (or Sysnative) path', () => {
      expect(resolvePowerShellExecutable()).toMatch(
        /^[A-Z]:\\[^\\]+\\(System32|Sysnative)\\WindowsPowerShell\\v1\.0\\powershell\.exe$/i,
      );
    });

    it('finds the Windows folder through the kernel link, where the registry says Windows is', () => {
      // Not the fallback: the kernel's \SystemRoot link must resolve on a real Windows.
      const linked = realpathSync.native('\\\\?\\GLOBALROOT\\SystemRoot').replace(/^\\\\\?\\/, '');
      const reg = execFileSync(
        path.win32.join(windowsFolder(), 'System32', 'reg.exe'),
        ['query', 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion', '/v', 'SystemRoot'],
        { encoding: 'latin1', windowsHide: true },
      );
      const registered = /SystemRoot\s+REG_SZ\s+(.+)/.exec(reg)?.[1]?.trim() ?? '';
      expect(linked.toLowerCase()).toBe(registered.toLowerCase());
      expect(windowsFolder().toLowerCase()).toBe(registered.toLowerCase());
    });

    it(
      'writes the raw answer as marker, one ASCII line, marker, each ended by CRLF',
      { timeout: 150_000 },
      () => {
        const marker = 'Harvester0Marker';
        const script = readFileSync(COLLECT_SCRIPT_PATH, 'utf8');
        const run = spawnSync(resolvePowerShellExecutable(), POWERSHELL_ARGUMENTS, {
          input: stdinFor(buildCommand(script, {}), marker),
          windowsHide: true,
          timeout: 120_000,
        });
        const raw = run.stdout.toString('latin1');
        expect(raw).toMatch(new RegExp(`^${marker}\\r\\n[\\x20-\\x7e]+\\r\\n${marker}\\r\\n$`));
      },
    );

    it(
      'answers with one pure-ASCII line of the collection script, from Windows PowerShell 5.1',
      { timeout: 150_000 },
      async () => {
        const script = readFileSync(COLLECT_SCRIPT_PATH, 'utf8');
        const result = await runPowerShell(script, { timeoutMs: 120_000 });
        expect(result.kind, JSON.stringify(result)).toBe('ok');
        if (result.kind !== 'ok') return;
        expect(result.stdout).toMatch(/^[\x20-\x7e]+$/);
        const facts = JSON.parse(result.stdout) as Record<string, unknown>;
        expect(facts).toMatchObject({
          schema: 2,
          languageMode: 'FullLanguage',
          isWindows: true,
          scriptError: '',
        });
        expect(String(facts.psVersion)).toMatch(/^5\.1\./);
      },
    );

    it('brings Japanese text back unchanged through Windows PowerShell', { timeout: 60_000 }, async () => {
      const text = 'パナソニック コネクト株式会社 レッツノート';
      const result = await runPowerShell('param($Text) $Text', {
        timeoutMs: 60_000,
        parameters: { Text: text },
      });
      expect(result).toMatchObject({ kind: 'ok', stdout: text });
    });

    it.runIf(elevated)(
      'collects a verified row, or names a problem of this hardware, when run elevated',
      { timeout: 150_000 },
      async () => {
        const log: string[] = [];
        const result = await collectThisDevice({ log: (line) => log.push(line) });
        if (result.kind === 'failed') {
          // powershell-failed, bad-output, timeout, hash-query-failed... would mean the app is broken here.
          expect(
            isHardwareProblem(result.problem),
            `${JSON.stringify(result.problem)} is no problem of this hardware; the log:\n${log.join('\n')}`,
          ).toBe(true);
          return;
        }
        expect(result.row.serial.length).toBeGreaterThan(0);
        expect(result.row.manufacturer.length).toBeGreaterThan(0);
        expect(result.computerName.length).toBeGreaterThan(0);
      },
    );

    it.runIf(elevated)(
      'keeps the real hash out of the log when run elevated',
      { timeout: 150_000 },
      async () => {
        const log: string[] = [];
        const result = await collectThisDevice({ log: (line) => log.push(line) });
        if (result.kind !== 'collected') return; // Explained by the test above.
        expect(log.join('\n')).not.toContain(hashText(result.row.hash).slice(0, 40));
      },
    );

    it.runIf(elevated)(
      'recognises a second collection as the same device when run elevated',
      { timeout: 300_000 },
      async () => {
        const first = await collectThisDevice();
        if (first.kind !== 'collected') return; // Explained by the first test.
        const second = await collectThisDevice();
        expect(second.kind).toBe('collected');
        if (second.kind === 'collected') expect(isSameDevice(first.row, second.row)).toBe(true);
      },
    );

    it.skipIf(elevated)(
      'says not-elevated when run without administrator rights',
      { timeout: 150_000 },
      async () => {
        const log: string[] = [];
        const result = await collectThisDevice({ log: (line) => log.push(line) });
        expect(result, `the log:\n${log.join('\n')}`).toEqual({
          kind: 'failed',
          problem: { kind: 'not-elevated' },
        });
      },
    );

    it('lists removable drives with letters, or none', { timeout: 60_000 }, async () => {
      const result = await listRemovableDrives();
      expect(result.kind).toBe('listed');
      if (result.kind !== 'listed') return;
      for (const drive of result.drives) {
        expect(drive.letter).toMatch(/^[A-Z]:$/);
        expect(drive.sizeBytes).toBeGreaterThan(0);
      }
    });
  },
);
