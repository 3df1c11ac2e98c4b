import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  POWERSHELL_ARGUMENTS,
  buildCommand,
  decodeConsoleBytes,
  powerShellEnvironment,
  runPowerShell,
  stdinFor,
  windowsPowerShellPath,
  type WindowsHost,
} from '../../../../electron/powershell/powershell';
import { ERROR_RECORD_TEXT, isAlive, useFakePowerShell } from '../../../fakes/use-fake-powershell';
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

  it.each([
    ['CRLF line ends, each stream in one write (Windows PowerShell 5.1 answering at once)', 'crlf', 'whole'],
    ['CRLF line ends, one byte per write', 'crlf', 'bytes'],
    ['LF line ends, each stream in one write (PowerShell 7 on Linux)', 'lf', 'whole'],
  ] as const)('reads a whole answer with %s', async (_, newline, writes) => {
    fake.speak({ newline, writes });
    fake.answer({ stdout: '{"first":1}\n{"second":2}', stderr: 'a warning' });
    const result = await runPowerShell('1', { executable: fake.executable, timeoutMs: 10_000 });
    expect(result).toEqual({
      kind: 'wrote-stderr',
      stdout: '{"first":1}\n{"second":2}',
      stderr: 'a warning',
    });
  });

  it('starts PowerShell without a profile, non-interactively, policy bypassed, reading one command from stdin', async () => {
    fake.answer({ stdout: 'ok' });
    await runPowerShell('1', { executable: fake.executable, timeoutMs: 10_000 });
    expect(fake.argv()).toEqual([
      '-NoLogo',
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-Command',
      '-',
    ]);
    expect(POWERSHELL_ARGUMENTS).not.toContain('-NoExit');
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

  it('sends the script as one line whose only variable parts are base64 literals, then closes stdin', async () => {
    fake.answer({ stdout: 'ok' });
    const script = "param()\nif ($true) {\n  'a'\n}\nelse {\n  'b'\n}\n";
    await runPowerShell(script, { executable: fake.executable, timeoutMs: 10_000 });
    const stdin = fake.stdin();
    expect(stdin.endsWith('\n')).toBe(true);
    const lines = stdin.split('\n').filter((line) => line.length > 0);
    // node-powershell's frame: stderr and stdout markers, the command, both markers again.
    expect(lines).toHaveLength(5);
    const marker = /^\[Console\]::(Error|Out)\.WriteLine\("([0-9A-Za-z]{16})"\)$/;
    expect([0, 1, 3, 4].map((i) => marker.exec(lines[i] ?? '')?.[1])).toEqual([
      'Error',
      'Out',
      'Error',
      'Out',
    ]);
    expect(new Set([0, 1, 3, 4].map((i) => marker.exec(lines[i] ?? '')?.[2])).size).toBe(1);
    const command = lines[2] ?? '';
    expect(base64Literals(command).map((b) => Buffer.from(b, 'base64').toString('utf8'))).toContain(script);
    // With the base64 taken out, the command is the same whatever the script or values.
    const template = (c: string) => c.replace(/FromBase64String\('[A-Za-z0-9+/=]*'\)/g, 'FromBase64String()');
    expect(template(command)).toBe(template(buildCommand('other', { Tag: 'x' })));
  });

  it('takes the answer from a host that does not exit at the end of its input, and ends that host', async () => {
    fake.speak({ stayAfterInput: true });
    fake.answer({ stdout: '{"answer":42}' });
    const result = await runPowerShell('1', { executable: fake.launcher(), timeoutMs: 60_000 });
    expect(result).toEqual({ kind: 'ok', stdout: '{"answer":42}', stderr: '' });
    expect(isAlive(fake.pid())).toBe(false);
  });

  it('uses a new marker for every run', async () => {
    fake.answer({ stdout: 'ok' });
    await runPowerShell('1', { executable: fake.executable, timeoutMs: 10_000 });
    const first = fake.stdin().split('\n')[0];
    await runPowerShell('1', { executable: fake.executable, timeoutMs: 10_000 });
    expect(fake.stdin().split('\n')[0]).not.toBe(first);
  });

  it('refuses a marker that could break out of its string', () => {
    expect(() => stdinFor('1', 'a")); Remove-Item C:\\ #')).toThrow(RangeError);
  });

  it('silences progress records before anything else and checks the language mode before any method call', () => {
    const command = buildCommand('1', {});
    expect(command.startsWith("$ProgressPreference = 'SilentlyContinue'; ")).toBe(true);
    const modeCheck = command.indexOf('$ExecutionContext.SessionState.LanguageMode');
    expect(modeCheck).toBeGreaterThan(0);
    expect(command.indexOf('[Console]::')).toBeGreaterThan(modeCheck);
    expect(command.indexOf('[Convert]::')).toBeGreaterThan(modeCheck);
  });

  it('reports a locked-down PowerShell (Constrained Language Mode) as locked-down, not as an answer', async () => {
    fake.scenario('constrained-language');
    const result = await runPowerShell('1', { executable: fake.executable, timeoutMs: 10_000 });
    expect(result).toMatchObject({ kind: 'locked-down', languageMode: 'ConstrainedLanguage' });
    expect(result.kind === 'locked-down' && result.stderr).toContain('Method invocation is supported only');
  });

  it('starts PowerShell without PSModulePath or the app settings, and with a plain terminal', async () => {
    fake.answer({ stdout: 'ok' });
    vi.stubEnv('PSModulePath', path.join(temp.path(), 'planted-modules'));
    vi.stubEnv('HARVESTER_TOKEN', 'secret-token');
    vi.stubEnv('HARVESTER_LEDGER', temp.path());
    await runPowerShell('1', { executable: fake.executable, timeoutMs: 10_000 });
    const env = fake.env();
    expect(Object.keys(env).filter((name) => /^(PSModulePath|HARVESTER_)/i.test(name))).toEqual([]);
    expect(JSON.stringify(env)).not.toContain('secret-token');
    expect(env.TERM).toBe('dumb');
    expect(env.PATH).toBe(process.env.PATH);
  });

  it('reports text on stderr as wrote-stderr and keeps the text', async () => {
    fake.scenario('stderr');
    const result = await runPowerShell('1', { executable: fake.executable, timeoutMs: 10_000 });
    expect(result.kind).toBe('wrote-stderr');
    expect(result.kind === 'wrote-stderr' && result.stderr).toContain(
      "The term 'Get-CimInstance' is not recognized",
    );
  });

  it('keeps stdout of a run that also wrote an error record to stderr, for the caller to judge', async () => {
    fake.answer({ stdout: '{"answer":42}', stderr: ERROR_RECORD_TEXT });
    const result = await runPowerShell('1', { executable: fake.executable, timeoutMs: 10_000 });
    expect(result).toEqual({
      kind: 'wrote-stderr',
      stdout: '{"answer":42}',
      stderr: ERROR_RECORD_TEXT.replace(/\r\n/g, '\n'),
    });
  });

  it('reports a shell that crashes before answering as exited, with its exit code and words', async () => {
    fake.scenario('exit');
    const result = await runPowerShell('1', { executable: fake.executable, timeoutMs: 10_000 });
    expect(result).toMatchObject({ kind: 'exited', exitCode: 3, message: 'Fatal error in PowerShell' });
  });

  it('reports a shell that ends with no word at all as exited', async () => {
    fake.answer({ stdout: '' });
    const result = await runPowerShell('1', { executable: fake.executable, timeoutMs: 10_000 });
    expect(result).toMatchObject({ kind: 'exited', exitCode: 0, signal: null });
  });

  it('reports a timeout when the shell does not answer in time', async () => {
    fake.scenario('hang');
    const result = await runPowerShell('1', { executable: fake.executable, timeoutMs: 300 });
    expect(result).toEqual({ kind: 'timeout', timeoutMs: 300, stdout: '', stderr: '' });
  });

  it('keeps what the shell wrote to stderr before it stopped answering', async () => {
    fake.answer({ hang: true, stderr: 'WMI provider host is not responding' });
    const result = await runPowerShell('1', { executable: fake.launcher(), timeoutMs: 5_000 });
    expect(result).toMatchObject({ kind: 'timeout', stderr: 'WMI provider host is not responding' });
  });

  it('leaves no process behind when the shell does not answer in time', async () => {
    fake.scenario('hang');
    // The launcher records the id before Node starts, so the id is known even if the timeout comes first.
    await runPowerShell('1', { executable: fake.launcher(), timeoutMs: 300 });
    // The hanging fake ignores SIGTERM, as a stuck WMI query does: it must have been killed for real.
    expect(isAlive(fake.pid())).toBe(false);
  });

  it('keeps at most 4 MiB of a runaway output and says how much more there was', async () => {
    fake.answer({ stdout: 'x'.repeat(5 * 1024 * 1024) });
    const result = await runPowerShell('1', { executable: fake.executable, timeoutMs: 30_000 });
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    expect(result.stdout.length).toBeLessThan(4 * 1024 * 1024 + 100);
    expect(result.stdout).toMatch(/\(\d+ more bytes not kept\)$/);
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

describe('windowsPowerShellPath', () => {
  /** A Windows whose kernel `\SystemRoot` resolves to `windows` (or to nothing), with these files present. */
  function host(arch: string, windows: string | Error, present: readonly string[] = []): WindowsHost {
    return {
      arch,
      realpath: (file) => {
        expect(file).toBe('\\\\?\\GLOBALROOT\\SystemRoot');
        if (windows instanceof Error) throw windows;
        return windows;
      },
      exists: (file) => present.includes(file),
    };
  }

  it('takes the Windows folder from the kernel link, not from SystemRoot or windir', () => {
    vi.stubEnv('SystemRoot', 'C:\\Users\\someone\\fake');
    vi.stubEnv('windir', 'C:\\Users\\someone\\fake');
    expect(windowsPowerShellPath(host('x64', 'D:\\Windows'))).toBe(
      'D:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
    );
    vi.unstubAllEnvs();
  });

  it('accepts the resolved folder with the \\\\?\\ prefix realpath may keep', () => {
    expect(windowsPowerShellPath(host('x64', '\\\\?\\C:\\Windows'))).toBe(
      'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
    );
  });

  it('falls back to C:\\Windows when the kernel link cannot be resolved', () => {
    expect(windowsPowerShellPath(host('x64', new Error('EPERM')))).toBe(
      'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
    );
  });

  it('falls back to C:\\Windows when the link resolves to something other than a lettered folder', () => {
    expect(windowsPowerShellPath(host('x64', '\\\\?\\GLOBALROOT\\Device\\HarddiskVolume3\\Windows'))).toBe(
      'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
    );
  });

  it('reaches the 64-bit PowerShell through Sysnative from a 32-bit build when Sysnative is there', () => {
    const sysnative = 'C:\\Windows\\Sysnative\\WindowsPowerShell\\v1.0\\powershell.exe';
    expect(windowsPowerShellPath(host('ia32', 'C:\\Windows', [sysnative]))).toBe(sysnative);
  });

  it('uses System32 from a 32-bit build on 32-bit Windows, where there is no Sysnative', () => {
    expect(windowsPowerShellPath(host('ia32', 'C:\\Windows'))).toBe(
      'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
    );
  });

  it('never uses Sysnative from a 64-bit build, which cannot see it', () => {
    const sysnative = 'C:\\Windows\\Sysnative\\WindowsPowerShell\\v1.0\\powershell.exe';
    expect(windowsPowerShellPath(host('arm64', 'C:\\Windows', [sysnative]))).toBe(
      'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
    );
  });
});

describe('powerShellEnvironment', () => {
  it('drops PSModulePath and HARVESTER_ settings in any letter case and keeps the rest', () => {
    const env = powerShellEnvironment({
      Path: 'C:\\Windows\\system32',
      PSMODULEPATH: 'E:\\planted',
      harvester_token: 'secret',
      HARVESTER_LANG: 'ja',
      SystemRoot: 'C:\\Windows',
      Term: 'xterm-256color',
    });
    expect(env).toEqual({ Path: 'C:\\Windows\\system32', SystemRoot: 'C:\\Windows', TERM: 'dumb' });
  });
});

describe('powerShellEnvironment for Windows PowerShell', () => {
  const parent = {
    Path: 'C:\\Users\\tech\\bin;C:\\Windows\\system32',
    SystemRoot: 'C:\\Users\\tech\\fake',
    windir: 'C:\\Users\\tech\\fake',
    COR_ENABLE_PROFILING: '1',
    COR_PROFILER: '{00000000-0000-0000-0000-000000000000}',
    COR_PROFILER_PATH: 'C:\\Users\\tech\\profiler.dll',
    COMPlus_ETWEnabled: '0',
    DOTNET_STARTUP_HOOKS: 'C:\\Users\\tech\\hook.dll',
    PSExecutionPolicyPreference: 'Unrestricted',
    USERPROFILE: 'C:\\Users\\tech',
    TEMP: 'C:\\Users\\tech\\AppData\\Local\\Temp',
  };

  it('drops what loads code into the .NET runtime or steers PowerShell, and keeps the user profile', () => {
    const env = powerShellEnvironment(parent, 'C:\\Windows');
    for (const name of [
      'COR_ENABLE_PROFILING',
      'COR_PROFILER',
      'COR_PROFILER_PATH',
      'COMPlus_ETWEnabled',
      'DOTNET_STARTUP_HOOKS',
      'PSExecutionPolicyPreference',
    ]) {
      expect(env, name).not.toHaveProperty(name);
    }
    expect(env.USERPROFILE).toBe('C:\\Users\\tech');
    expect(env.TEMP).toBe('C:\\Users\\tech\\AppData\\Local\\Temp');
  });

  it('gives SystemRoot, windir and Path from the verified Windows folder only', () => {
    const env = powerShellEnvironment(parent, 'D:\\Windows');
    expect(env.SystemRoot).toBe('D:\\Windows');
    expect(env.windir).toBe('D:\\Windows');
    expect(env.Path).toBe(
      'D:\\Windows\\System32;D:\\Windows;D:\\Windows\\System32\\Wbem;D:\\Windows\\System32\\WindowsPowerShell\\v1.0',
    );
    expect(Object.keys(env).filter((name) => /^path$/i.test(name))).toEqual(['Path']);
  });

  it('keeps DOTNET_ variables for a pwsh a caller chose, which may need them to start', () => {
    expect(powerShellEnvironment({ DOTNET_ROOT: '/usr/share/dotnet' }).DOTNET_ROOT).toBe('/usr/share/dotnet');
  });
});

describe('decodeConsoleBytes', () => {
  it('reads UTF-8 output as UTF-8', () => {
    expect(decodeConsoleBytes(Buffer.from('アクセスが拒否されました。', 'utf8'))).toBe(
      'アクセスが拒否されました。',
    );
  });

  it('reads output that is not UTF-8 as CP932, the code page of Japanese Windows consoles', () => {
    // "アクセス" in Shift_JIS (CP932).
    expect(decodeConsoleBytes(Uint8Array.of(0x83, 0x41, 0x83, 0x4e, 0x83, 0x5a, 0x83, 0x58))).toBe(
      'アクセス',
    );
  });
});

/** The contents of every single-quoted literal in `text`. */
function base64Literals(text: string): string[] {
  return [...text.matchAll(/'([A-Za-z0-9+/=]+)'/g)].map((m) => m[1] ?? '');
}
