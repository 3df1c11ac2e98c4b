import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { buildCommand, runPowerShell } from '../../../../electron/powershell/powershell';
import { PROGRESS_RECORDS_CLIXML, isAlive, useFakePowerShell } from '../../../fakes/use-fake-powershell';
import { useTempDir } from '../../../support/temp-dir';

// The fake shell is a POSIX executable script; on Windows the real PowerShell is tested in tests/windows.
describe.skipIf(process.platform === 'win32')('runPowerShell against a fake shell (POSIX only)', () => {
  const fake = useFakePowerShell();
  const temp = useTempDir();

  it('returns what the script wrote to stdout when PowerShell answers', async () => {
    fake.answer({ stdout: 'hello from PowerShell' });
    const result = await runPowerShell('Write-Output "ignored by the fake"', {
      executable: fake.executable,
      timeoutMs: 10_000,
    });
    expect(result).toEqual({ kind: 'ok', stdout: 'hello from PowerShell', stderr: '' });
  });

  it('starts PowerShell without a profile, non-interactively and with the execution policy bypassed', async () => {
    fake.answer({ stdout: 'ok' });
    await runPowerShell('1', { executable: fake.executable, timeoutMs: 10_000 });
    expect(fake.argv()).toEqual([
      '-NoLogo',
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-NoExit',
      '-Command',
      '-',
    ]);
  });

  it('sends parameter values encoded, never as text of the command', async () => {
    fake.answer({ stdout: 'ok' });
    const hostile = `Microsoft365Managed_Autopilot'; Remove-Item -Recurse C:\\ #$(calc)"`;
    await runPowerShell('param($Tag) $Tag', {
      executable: fake.executable,
      timeoutMs: 10_000,
      parameters: { Tag: hostile, Count: 3, Force: true },
    });
    const stdin = fake.stdin();
    expect(stdin).not.toContain('Microsoft365Managed');
    expect(stdin).not.toContain('Remove-Item');
    const parameters = base64Literals(stdin).map((b) => Buffer.from(b, 'base64').toString('utf8'));
    expect(parameters).toContain(JSON.stringify({ Tag: hostile, Count: 3, Force: true }));
  });

  it('sends the script as one line whose only variable parts are base64 literals', async () => {
    fake.answer({ stdout: 'ok' });
    const script = "param()\nif ($true) {\n  'a'\n}\nelse {\n  'b'\n}\n";
    await runPowerShell(script, { executable: fake.executable, timeoutMs: 10_000 });
    const commands = fake
      .stdin()
      .split(/\r?\n/)
      .filter((line) => line.length > 0 && !line.startsWith('[Console]::'));
    expect(commands).toHaveLength(1);
    const command = commands[0] ?? '';
    expect(base64Literals(command).map((b) => Buffer.from(b, 'base64').toString('utf8'))).toContain(script);
    // With the base64 taken out, the command is the same whatever the script or values.
    const template = (c: string) => c.replace(/'[A-Za-z0-9+/=]*'/g, "''");
    expect(template(command)).toBe(template(buildCommand('other', { Tag: 'x' })));
  });

  it('reports text on stderr as wrote-stderr and keeps the text', async () => {
    fake.scenario('stderr');
    const result = await runPowerShell('1', { executable: fake.executable, timeoutMs: 10_000 });
    expect(result.kind).toBe('wrote-stderr');
    expect(result.kind === 'wrote-stderr' && result.stderr).toContain(
      "The term 'Get-CimInstance' is not recognized",
    );
  });

  it('keeps stdout of a run that also wrote progress records to stderr, for the caller to judge', async () => {
    fake.answer({ stdout: '{"answer":42}', stderr: PROGRESS_RECORDS_CLIXML });
    const result = await runPowerShell('1', { executable: fake.executable, timeoutMs: 10_000 });
    expect(result).toEqual({
      kind: 'wrote-stderr',
      stdout: '{"answer":42}',
      stderr: PROGRESS_RECORDS_CLIXML,
    });
  });

  it('reports a shell that ends before answering as exited, with its exit code', async () => {
    fake.scenario('exit');
    const result = await runPowerShell('1', { executable: fake.executable, timeoutMs: 10_000 });
    expect(result).toMatchObject({ kind: 'exited', exitCode: 3 });
  });

  it('reports a timeout when the shell does not answer in time', async () => {
    fake.scenario('hang');
    const result = await runPowerShell('1', { executable: fake.executable, timeoutMs: 300 });
    expect(result).toEqual({ kind: 'timeout', timeoutMs: 300 });
  });

  it('leaves no process behind when the shell does not answer in time', async () => {
    fake.scenario('hang');
    // The launcher records the id before Node starts, so the id is known even if the timeout comes first.
    await runPowerShell('1', { executable: fake.launcher(), timeoutMs: 300 });
    // The hanging fake ignores SIGTERM, as a stuck WMI query does: it must have been killed for real.
    expect(isAlive(fake.pid())).toBe(false);
  });

  it('reports a missing executable as not-found', async () => {
    const missing = path.join(os.tmpdir(), 'no-such-dir-harvester', 'powershell.exe');
    const result = await runPowerShell('1', { executable: missing, timeoutMs: 10_000 });
    expect(result).toEqual({ kind: 'not-found', executable: missing });
  });

  it('reports an executable it may not run as cannot-start', async () => {
    const notExecutable = temp.file('powershell', '#!/bin/sh\n');
    const result = await runPowerShell('1', { executable: notExecutable, timeoutMs: 10_000 });
    expect(result).toMatchObject({ kind: 'cannot-start', code: 'EACCES' });
  });

  it('uses NODE_POWERSHELL when no executable is given', async () => {
    fake.answer({ stdout: 'from the environment' });
    vi.stubEnv('NODE_POWERSHELL', fake.executable);
    const result = await runPowerShell('1', { timeoutMs: 10_000 });
    expect(result).toMatchObject({ kind: 'ok', stdout: 'from the environment' });
  });

  it('prefers an explicit executable over NODE_POWERSHELL', async () => {
    fake.answer({ stdout: 'ok' });
    vi.stubEnv('NODE_POWERSHELL', path.join(os.tmpdir(), 'no-such-powershell'));
    const result = await runPowerShell('1', { executable: fake.executable, timeoutMs: 10_000 });
    expect(result.kind).toBe('ok');
  });

  it('refuses a parameter name that could not be a PowerShell parameter', () => {
    expect(() => buildCommand('1', { 'Tag; Remove-Item': 'x' })).toThrow(RangeError);
  });
});

/** The contents of every single-quoted literal in `text`. */
function base64Literals(text: string): string[] {
  return [...text.matchAll(/'([A-Za-z0-9+/=]+)'/g)].map((m) => m[1] ?? '');
}
