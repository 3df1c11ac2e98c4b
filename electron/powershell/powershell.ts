/**
 * The one wrapper around PowerShell (STYLE item 4). Everything the app asks of Windows goes through
 * {@link runPowerShell}: the executable is resolved and fixed, its arguments are a fixed list, every run has a
 * timeout, the environment is cleaned, and expected failures come back as a `kind` union instead of exceptions.
 *
 * Why one PowerShell process per command, reading until it exits, and not node-powershell's long-lived shell:
 * - node-powershell (child-shell 5) frames each answer with markers it prints through `[Console]::Out.WriteLine`
 *   and `[Console]::Error.WriteLine`. In Constrained Language Mode (WDAC or AppLocker enforced, common on
 *   managed fleets) those method calls are refused ("Method invocation is supported only on core types in this
 *   language mode"), so the markers never come and every run hung until the time-out, hiding the real cause.
 * - Its end-of-answer search (child-shell `Shell.readBulkFromOutput`) looks only at the last
 *   `delimiter.length + 1` bytes when a stream's whole answer arrives in one read, which misses a marker that
 *   ends in `\r\n`, the line end of Windows PowerShell 5.1: every quick answer on Windows waited for the
 *   time-out (the defect class of rannn505/child-shell issue 94).
 * Without `-NoExit`, `-Command -` runs the lines it reads from stdin and exits when stdin closes; the process's
 * end is the end of the answer, whatever the line ends, the language mode or how the output was chunked.
 * The command is still framed by marker lines on both streams, written the way node-powershell writes them
 * (see {@link stdinFor}): they cut PowerShell's own noise from the answer, and they end the run as soon as both
 * streams are complete when a host does not exit at the end of its input. Their end is searched in whole
 * lines, of any line end, in all the output received.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';

/** What a caller may hand to a script: plain values only, which travel base64-encoded (see buildCommand). */
export type PowerShellParameters = Readonly<Record<string, string | number | boolean>>;

export interface PowerShellOptions {
  /**
   * The PowerShell executable. Defaults to `NODE_POWERSHELL` when set (tests point it at a fake or a real
   * pwsh), else Windows PowerShell 5.1 by its verified full path on Windows (it ships with every Windows, OOBE
   * included, so nothing has to be installed) and `pwsh` elsewhere.
   */
  readonly executable?: string;
  /** The whole run, process start included: a slow OOBE machine can take seconds just to start PowerShell. */
  readonly timeoutMs: number;
  /** Named values the script receives as its parameters; never pasted into the command text. */
  readonly parameters?: PowerShellParameters;
}

/**
 * How a run ended. `ok` means the script printed something and nothing reached stderr; `wrote-stderr` means it
 * also wrote to stderr (an error record, or a warning of PowerShell's own). The wrapper does not call the second
 * a failure: only the caller can tell whether stdout is still a complete answer.
 */
export type PowerShellResult =
  | { readonly kind: 'ok'; readonly stdout: string; readonly stderr: string }
  | { readonly kind: 'wrote-stderr'; readonly stdout: string; readonly stderr: string }
  /**
   * PowerShell runs in a restricted language mode (Constrained Language Mode under WDAC or AppLocker): the
   * command reported it before trying anything the mode refuses. `languageMode` is PowerShell's own word.
   */
  | { readonly kind: 'locked-down'; readonly languageMode: string; readonly stderr: string }
  /** No such executable: PowerShell is not installed or `executable` names nothing. */
  | { readonly kind: 'not-found'; readonly executable: string }
  /** The executable exists but could not be started (permissions, not a program, ...). */
  | {
      readonly kind: 'cannot-start';
      readonly executable: string;
      readonly code: string | undefined;
      readonly message: string;
    }
  /** The process ended without answering: nothing on stdout, and a crash or `exit` rather than an error. */
  | {
      readonly kind: 'exited';
      readonly exitCode: number | null;
      readonly signal: string | null;
      readonly message: string;
    }
  /**
   * No end within `timeoutMs`; the process was killed. What it had written is kept for the log: on a
   * time-out, stderr is usually the only clue (a WMI provider that never answers, a policy prompt).
   */
  | {
      readonly kind: 'timeout';
      readonly timeoutMs: number;
      readonly stdout: string;
      readonly stderr: string;
    };

export type PowerShellResultKind = PowerShellResult['kind'];

/**
 * The only arguments PowerShell is ever started with: no banner, no profile (a technician's profile must not
 * change what is collected, and it costs start-up time), never prompt, `Bypass` for this process only (no
 * execution-policy change is needed), and the command read from stdin, so nothing of it appears in the
 * process list. No `-NoExit`: the process ends when stdin is closed (see the module comment).
 */
export const POWERSHELL_ARGUMENTS: readonly string[] = [
  '-NoLogo',
  '-NoProfile',
  '-NonInteractive',
  '-ExecutionPolicy',
  'Bypass',
  '-Command',
  '-',
];

/** How long to wait for a killed process to be reaped, or for its pipes to close after it exited. */
const REAP_WAIT_MS = 5_000;

/** How long a process that has completed both streams may take to exit by itself before it is ended. */
const EXIT_GRACE_MS = 2_000;

/** The marker alphabet and length node-powershell (child-shell) uses: 16 letters and digits. */
const MARKER_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const MARKER_LENGTH = 16;

/**
 * Output kept per stream. A collection answer is one line of about 6 KB (the hash is 4-5 KB); a runaway
 * script must not fill memory. Past the cap the rest is counted, not kept.
 */
const OUTPUT_CAP_BYTES = 4 * 1024 * 1024;

/** Parameter names become PowerShell parameter names when splatted: letters and digits only. */
const PARAMETER_NAME = /^[A-Za-z][A-Za-z0-9]{0,63}$/;

/** The line the command prints instead of running anything when the language mode is not FullLanguage. */
const LANGUAGE_MODE_LINE = /^harvester-language-mode:([A-Za-z]+)$/m;

/** Terminal control sequences (CSI, OSC) a console host may add; never part of an answer. */
// eslint-disable-next-line no-control-regex -- ESC and BEL are exactly what this pattern is for.
const TERMINAL_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/g;

/** The executable a run would use (explicit option, then `NODE_POWERSHELL`, then the platform's default). */
export function resolvePowerShellExecutable(executable?: string): string {
  if (executable !== undefined && executable.length > 0) return executable;
  const fromEnv = process.env.NODE_POWERSHELL;
  if (fromEnv !== undefined && fromEnv.length > 0) return fromEnv;
  return process.platform === 'win32' ? windowsPowerShellPath() : 'pwsh';
}

/** What {@link windowsPowerShellPath} asks of the machine; tests hand in their own answers. */
export interface WindowsHost {
  /** `process.arch` of this process. */
  readonly arch: string;
  /** fs.realpathSync.native; throws when the path cannot be resolved. */
  readonly realpath: (file: string) => string;
  readonly exists: (file: string) => boolean;
}

const NODE_WINDOWS_HOST: WindowsHost = {
  arch: process.arch,
  realpath: (file) => realpathSync.native(file),
  exists: (file) => existsSync(file),
};

/**
 * Windows PowerShell 5.1 by its full path, never by PATH lookup (Windows searches the current folder first,
 * and the app runs from a USB stick where anyone could have left a `powershell.exe`), and never from
 * `SystemRoot` / `windir`: a user without administrator rights can set both in HKCU\Environment (the
 * "environment variable" UAC bypasses), and the app runs elevated. The Windows folder is taken from the
 * kernel's `\SystemRoot` link, which only the system sets at boot: `\\?\GLOBALROOT\SystemRoot` opens it,
 * and realpath (GetFinalPathNameByHandleW) turns it into its drive path. If that fails, `C:\Windows`, the
 * folder no standard user can create.
 *
 * A 32-bit process on 64-bit Windows would be redirected to the 32-bit PowerShell in SysWOW64, whose WMI
 * view lacks the 64-bit MDM provider; `Sysnative` reaches the 64-bit one. Only a 32-bit (`ia32`) build can
 * see `Sysnative`, and only on 64-bit Windows: the path is checked, with System32 as the fallback.
 */
export function windowsPowerShellPath(host: WindowsHost = NODE_WINDOWS_HOST): string {
  const windows = windowsFolder(host);
  const inFolder = (system: string) =>
    path.win32.join(windows, system, 'WindowsPowerShell', 'v1.0', 'powershell.exe');
  if (host.arch === 'ia32') {
    const sysnative = inFolder('Sysnative');
    if (host.exists(sysnative)) return sysnative;
  }
  return inFolder('System32');
}

/** The Windows folder (see windowsPowerShellPath). */
export function windowsFolder(host: WindowsHost = NODE_WINDOWS_HOST): string {
  try {
    const resolved = host.realpath('\\\\?\\GLOBALROOT\\SystemRoot').replace(/^\\\\\?\\/, '');
    // Only a folder on a lettered drive is what Windows itself runs from.
    if (/^[A-Za-z]:\\[^\\/:*?"<>|]+(?:\\[^\\/:*?"<>|]+)*$/.test(resolved)) return resolved;
  } catch {
    // Fall through: older systems or a policy may refuse the kernel path.
  }
  return 'C:\\Windows';
}

/**
 * True when a caller chose the executable (option or `NODE_POWERSHELL`). Off Windows, services only start
 * PowerShell when someone did (tests with the fake or a real pwsh); otherwise they answer "not on Windows".
 */
export function powerShellChosen(executable?: string): boolean {
  return (
    (executable !== undefined && executable.length > 0) || (process.env.NODE_POWERSHELL ?? '').length > 0
  );
}

/**
 * Variables that make a .NET runtime load code of someone else's into PowerShell, or steer how it runs it:
 * the CLR profiler (`COR_ENABLE_PROFILING`, `COR_PROFILER`, `COR_PROFILER_PATH`: .NET Framework loads that DLL
 * at start, "Registry-Free Profiler Startup and Attach"; MITRE ATT&CK T1574.012), runtime knobs
 * (`COMPlus_*`; `DOTNET_*` and `CORECLR_*` for .NET Core), and a per-user execution policy. Any user can set
 * them in HKCU\Environment, and the app runs elevated.
 */
const STEERING_VARIABLE = /^(PSModulePath|HARVESTER_.*|COR_.*|COMPlus_.*|PSExecutionPolicyPreference|TERM)$/i;
/** The .NET Core ones, dropped only for Windows PowerShell (a .NET Framework program): pwsh may need DOTNET_ROOT. */
const DOTNET_CORE_VARIABLE = /^(DOTNET_.*|CORECLR_.*)$/i;

/**
 * The environment PowerShell starts with: the app's own, less what must not steer it.
 * - `PSModulePath`: a path planted there would load someone else's `CimCmdlets` in place of Windows' own (the
 *   command also resets the module path inside PowerShell, see buildCommand).
 * - `HARVESTER_*`: the app's settings, tokens among them (`HARVESTER_TOKEN`), which no script needs.
 * - the runtime-steering variables above.
 * - `TERM=dumb`: PowerShell 7's console host otherwise writes keypad-mode escape sequences to stdout.
 * With `windows` (the verified Windows folder, for Windows PowerShell), `SystemRoot` and `windir` are that
 * folder and `Path` holds only Windows' own folders, so nothing a user planted is found by name.
 */
export function powerShellEnvironment(parent: NodeJS.ProcessEnv, windows?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value === undefined || STEERING_VARIABLE.test(name)) continue;
    if (
      windows !== undefined &&
      (DOTNET_CORE_VARIABLE.test(name) || /^(Path|SystemRoot|windir)$/i.test(name))
    )
      continue;
    env[name] = value;
  }
  env.TERM = 'dumb';
  if (windows !== undefined) {
    const system32 = path.win32.join(windows, 'System32');
    env.SystemRoot = windows;
    env.windir = windows;
    env.Path = [
      system32,
      windows,
      path.win32.join(system32, 'Wbem'),
      path.win32.join(system32, 'WindowsPowerShell', 'v1.0'),
    ].join(';');
  }
  return env;
}

/**
 * Runs `script` in a fresh PowerShell process and returns how it ended. Never throws for a failure of
 * PowerShell or the script; throws only for a programming error (a parameter name that is not a name).
 */
export async function runPowerShell(script: string, options: PowerShellOptions): Promise<PowerShellResult> {
  const command = buildCommand(script, options.parameters ?? {});
  const executable = resolvePowerShellExecutable(options.executable);
  // Windows PowerShell as the app chose it (not a stand-in someone named) gets Windows' own folders only.
  const windows =
    process.platform === 'win32' && !powerShellChosen(options.executable) ? windowsFolder() : undefined;

  let child: ChildProcessByStdio<Writable, Readable, Readable>;
  try {
    child = spawn(executable, POWERSHELL_ARGUMENTS, {
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
      shell: false,
      env: powerShellEnvironment(process.env, windows),
    });
  } catch (error) {
    // spawn() throws synchronously for some failures (e.g. EINVAL on Windows).
    return startFailure(executable, error);
  }
  const marker = newMarker();
  const stdout = new CappedOutput(marker);
  const stderr = new CappedOutput(marker);
  let complete: (() => void) | undefined;
  const onData = (output: CappedOutput) => (chunk: Buffer) => {
    output.add(chunk);
    if (stdout.framed() && stderr.framed()) complete?.();
  };
  child.stdout.on('data', onData(stdout));
  child.stderr.on('data', onData(stderr));
  // A process that dies at once makes the write fail (EPIPE); its exit says what happened.
  child.stdin.on('error', () => undefined);
  child.stdin.end(stdinFor(command, marker));

  const ended = await waitForEnd(child, options.timeoutMs, (done) => (complete = done));
  if (ended.kind === 'error') return startFailure(executable, ended.error);
  if (ended.kind === 'timeout') {
    return {
      kind: 'timeout',
      timeoutMs: options.timeoutMs,
      stdout: stdout.text(),
      stderr: stderr.text(),
    };
  }
  return classify(stdout.text(), stderr.text(), ended.exitCode, ended.signal);
}

/**
 * What PowerShell reads: the command between marker lines on stderr and stdout, in node-powershell's order and
 * form (`[Console]::Error.WriteLine("D")`, `[Console]::Out.WriteLine("D")`, command, both again), so any host
 * that speaks node-powershell's protocol answers as it would to node-powershell; then the end of input, which
 * ends PowerShell. In Constrained Language Mode the marker lines are refused (method calls) and only add
 * errors to stderr; the command then answers with its language-mode line and PowerShell exits all the same.
 */
export function stdinFor(command: string, marker: string): string {
  if (!new RegExp(`^[${MARKER_ALPHABET}]{${MARKER_LENGTH}}$`).test(marker))
    throw new RangeError('not a marker');
  const error = `[Console]::Error.WriteLine("${marker}")`;
  const out = `[Console]::Out.WriteLine("${marker}")`;
  return [error, out, command, error, out, ''].join('\n');
}

function newMarker(): string {
  let marker = '';
  for (let i = 0; i < MARKER_LENGTH; i++) marker += MARKER_ALPHABET[randomInt(MARKER_ALPHABET.length)];
  return marker;
}

/** Turns what the process printed and how it ended into a result (see PowerShellResult). */
function classify(
  stdout: string,
  stderr: string,
  exitCode: number | null,
  signal: string | null,
): PowerShellResult {
  const languageMode = LANGUAGE_MODE_LINE.exec(stdout)?.[1];
  if (languageMode !== undefined) return { kind: 'locked-down', languageMode, stderr };
  if (stdout.length > 0) {
    return stderr.length > 0 ? { kind: 'wrote-stderr', stdout, stderr } : { kind: 'ok', stdout, stderr };
  }
  // `-Command -` ends with 0 when the last command succeeded and 1 when it failed (its error is on stderr);
  // anything else is a crash, an `exit` or a signal.
  const scriptFailed = signal === null && (exitCode === 0 || exitCode === 1) && stderr.length > 0;
  if (scriptFailed) return { kind: 'wrote-stderr', stdout, stderr };
  return {
    kind: 'exited',
    exitCode,
    signal,
    message:
      stderr.length > 0
        ? stderr
        : `PowerShell ended without answering (exit code ${exitCode ?? 'none'}, signal ${signal ?? 'none'})`,
  };
}

type Ended =
  | { readonly kind: 'exit'; readonly exitCode: number | null; readonly signal: string | null }
  | { readonly kind: 'error'; readonly error: unknown }
  | { readonly kind: 'timeout' };

/**
 * Waits for the process to exit and its pipes to drain, for at most `timeoutMs`; then kills it. SIGKILL at
 * once: a hung PowerShell (or a stuck WMI provider under it) may not react to anything gentler, and a run
 * that timed out has nothing left to say.
 */
function waitForEnd(
  child: ChildProcessByStdio<Writable, Readable, Readable>,
  timeoutMs: number,
  onComplete: (complete: () => void) => void,
): Promise<Ended> {
  return new Promise((resolve) => {
    let settled = false;
    let exit: { exitCode: number | null; signal: string | null } | undefined;
    const timers: NodeJS.Timeout[] = [];
    const settle = (ended: Ended) => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      resolve(ended);
    };
    child.once('error', (error) => settle({ kind: 'error', error }));
    child.once('exit', (exitCode, signal) => {
      exit = { exitCode, signal };
      // A grandchild that inherited the pipes may keep them open after PowerShell is gone: do not wait forever.
      const drain = setTimeout(
        () => settle({ kind: 'exit', ...(exit ?? { exitCode, signal }) }),
        REAP_WAIT_MS,
      );
      drain.unref();
      timers.push(drain);
    });
    child.once('close', (exitCode: number | null, signal: string | null) =>
      settle({ kind: 'exit', ...(exit ?? { exitCode, signal }) }),
    );
    /** Kills the process and answers `ended` once it is reaped (no PowerShell left behind), or after REAP_WAIT_MS. */
    const killThen = (ended: Ended) => {
      child.kill('SIGKILL');
      const reaped = () => settle(ended);
      child.once('exit', reaped);
      const gaveUp = setTimeout(reaped, REAP_WAIT_MS);
      gaveUp.unref();
      timers.push(gaveUp);
    };
    // Both streams framed: the answer is whole. PowerShell exits at the end of its input; a host that does
    // not is ended after a grace, and the answer stands.
    let completed = false;
    onComplete(() => {
      if (completed) return;
      completed = true;
      const grace = setTimeout(() => {
        if (exit === undefined) killThen({ kind: 'exit', exitCode: null, signal: null });
      }, EXIT_GRACE_MS);
      grace.unref();
      timers.push(grace);
    });
    timers.push(
      setTimeout(() => {
        if (exit === undefined && !completed) killThen({ kind: 'timeout' });
      }, timeoutMs),
    );
  });
}

/**
 * The single line sent to PowerShell. Script and parameters travel as base64 inside single-quoted
 * literals, decoded by PowerShell itself:
 * - no value is ever pasted into command text, and the base64 alphabet cannot end a single-quoted string,
 *   so no value (a group tag with a quote, a path with `$(...)`) can become code;
 * - one JSON block rather than `$env:` variables, because environment variables are inherited by every
 *   program the script starts and lose types, and a single encoded block keeps values in one place;
 * - one line, because PowerShell's `-Command -` mode runs stdin line by line and breaks multi-line
 *   statements (an `else` on its own line) that the script may contain.
 * Before anything else it silences progress records (Windows PowerShell 5.1 writes them to stderr), then it
 * checks the language mode with nothing but a variable read, which every mode allows: in Constrained Language
 * Mode the decoding below would fail method by method, so it prints `harvester-language-mode:MODE` instead.
 * Then, before any module is loaded (ConvertFrom-Json's is the first), the module path becomes PowerShell's own
 * `$PSHOME\Modules` alone: without the variable, Windows PowerShell 5.1 still builds its path from the user's
 * Documents folder and a user-scope PSModulePath in HKCU (about_PSModulePath), where any user can plant a
 * `CimCmdlets` or `Microsoft.PowerShell.Utility` of their own.
 * Console output is switched to UTF-8 where it is not already (in a try: a process without a console refuses
 * it) so that PowerShell's own error text, localised on Japanese Windows, reaches the log readable; the previous
 * encoding is restored afterwards, for a PowerShell that shares a console. Parameters are splatted, so scripts declare them
 * with an ordinary `param()` block; the script's pipeline output is written line by line through
 * `[Console]::Out`.
 *
 * What a script must know: its answer should be ASCII (the shipped scripts write `\uXXXX` in their JSON), since
 * Windows PowerShell may still write redirected output in the console's code page (CP932 on Japanese
 * Windows). A script must not call `exit`: that ends PowerShell before it answers (reported as `exited`).
 */
export function buildCommand(script: string, parameters: PowerShellParameters): string {
  for (const name of Object.keys(parameters)) {
    if (!PARAMETER_NAME.test(name)) throw new RangeError(`not a PowerShell parameter name: ${name}`);
  }
  const scriptBase64 = Buffer.from(script, 'utf8').toString('base64');
  const parametersBase64 = Buffer.from(JSON.stringify(parameters), 'utf8').toString('base64');
  return (
    `$ProgressPreference = 'SilentlyContinue'; ` +
    `if ($ExecutionContext.SessionState.LanguageMode -ne 'FullLanguage') { ` +
    `'harvester-language-mode:' + $ExecutionContext.SessionState.LanguageMode } else { ` +
    `$env:PSModulePath = [System.IO.Path]::Combine($PSHOME, 'Modules'); ` +
    `$previousEncoding = $null; ` +
    `try { if ([Console]::OutputEncoding.CodePage -ne 65001) { $previousEncoding = [Console]::OutputEncoding; [Console]::OutputEncoding = [System.Text.Encoding]::UTF8 } } catch { }; ` +
    `try { & { $utf8 = [System.Text.Encoding]::UTF8; ` +
    `$block = [ScriptBlock]::Create($utf8.GetString([Convert]::FromBase64String('${scriptBase64}'))); ` +
    `$values = $utf8.GetString([Convert]::FromBase64String('${parametersBase64}')) | ConvertFrom-Json; ` +
    `$splat = @{}; foreach ($p in $values.PSObject.Properties) { $splat[$p.Name] = $p.Value }; ` +
    `& $block @splat | ForEach-Object { [Console]::Out.WriteLine([string]$_) } } } ` +
    `finally { if ($null -ne $previousEncoding) { try { [Console]::OutputEncoding = $previousEncoding } catch { } } } }`
  );
}

/**
 * One output stream, kept up to OUTPUT_CAP_BYTES and decoded once at the end. It counts the marker lines it
 * has received whole (the marker, then `\n` or `\r\n`), wherever the reads split them.
 */
class CappedOutput {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  private dropped = 0;
  private markers = 0;
  /** The line received so far, while it may still be a marker line; undefined once it cannot. */
  private partial: string | undefined = '';

  constructor(private readonly marker: string) {}

  add(chunk: Buffer): void {
    this.count(chunk);
    const room = OUTPUT_CAP_BYTES - this.kept;
    if (room <= 0) {
      this.dropped += chunk.length;
      return;
    }
    const piece = chunk.length <= room ? chunk : chunk.subarray(0, room);
    this.chunks.push(piece);
    this.kept += piece.length;
    this.dropped += chunk.length - piece.length;
  }

  /** Both marker lines seen: the command's output on this stream is complete. */
  framed(): boolean {
    return this.markers >= 2;
  }

  /**
   * The answer: what came between the two marker lines (all of it, less marker lines, where they did not both
   * come), without terminal control sequences, with line ends as `\n` (Windows PowerShell ends lines with
   * `\r\n`, PowerShell 7 on Linux with `\n`) and without surrounding white space.
   */
  text(): string {
    const lines = decodeConsoleBytes(Buffer.concat(this.chunks, this.kept))
      // Byte order marks anywhere: never part of an answer, and a host might write one where the encoding changes.
      .replace(/\uFEFF/g, '')
      .replace(TERMINAL_SEQUENCE, '')
      .replace(/\r\n?/g, '\n')
      .split('\n');
    const first = lines.indexOf(this.marker);
    const second = first < 0 ? -1 : lines.indexOf(this.marker, first + 1);
    const answer =
      second > first ? lines.slice(first + 1, second) : lines.filter((line) => line !== this.marker);
    const decoded = answer.join('\n').trim();
    return this.dropped > 0 ? `${decoded}\n... (${this.dropped} more bytes not kept)` : decoded;
  }

  private count(chunk: Buffer): void {
    // Latin-1 keeps one character per byte, so the ASCII marker is found whatever the other bytes are.
    const text = chunk.toString('latin1');
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      const line = this.partial === undefined ? undefined : this.partial + text.slice(start, end);
      // Tolerate a UTF-8 byte order mark before a marker (.NET's console writers write none; a host might).
      if (line !== undefined && line.replace(/^\xEF\xBB\xBF/, '').replace(/\r$/, '') === this.marker)
        this.markers++;
      this.partial = '';
      start = end + 1;
    }
    // The line still open; once longer than a marker line it cannot be one, and is not kept.
    if (this.partial !== undefined) {
      this.partial += text.slice(start);
      if (this.partial.length > this.marker.length + 4) this.partial = undefined;
    }
  }
}

/**
 * PowerShell's output is UTF-8 once the command switched the console encoding; where that was refused,
 * Windows PowerShell writes the console's code page, which for this app's users is CP932 (Japanese Windows).
 */
export function decodeConsoleBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8. A Node built without full ICU has no Shift_JIS decoder: then UTF-8 with replacements.
    try {
      return new TextDecoder('shift_jis').decode(bytes);
    } catch {
      return new TextDecoder('utf-8').decode(bytes);
    }
  }
}

function startFailure(executable: string, error: unknown): PowerShellResult {
  const code = errorCode(error);
  if (code === 'ENOENT') return { kind: 'not-found', executable };
  return {
    kind: 'cannot-start',
    executable,
    code,
    message: error instanceof Error ? error.message : String(error),
  };
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
