/**
 * The one wrapper around PowerShell (STYLE item 4). Everything the app asks of Windows goes through
 * {@link runPowerShell}: the executable is fixed, its arguments are a fixed list, every run has a timeout,
 * the shell is always disposed, and expected failures come back as a `kind` union instead of exceptions.
 */
import path from 'node:path';
import { PowerShell, ProcessError } from 'node-powershell';

/** What a caller may hand to a script: plain values only, which travel base64-encoded (see buildCommand). */
export type PowerShellParameters = Readonly<Record<string, string | number | boolean>>;

export interface PowerShellOptions {
  /**
   * The PowerShell executable. Defaults to `NODE_POWERSHELL` when set (tests point it at a fake shell),
   * else Windows PowerShell 5.1 by full path on Windows (it ships with every Windows, OOBE included, so
   * nothing has to be installed) and `pwsh` elsewhere.
   */
  readonly executable?: string;
  /** The whole run, process start included: a slow OOBE machine can take seconds just to start PowerShell. */
  readonly timeoutMs: number;
  /** Named values the script receives as its parameters; never pasted into the command text. */
  readonly parameters?: PowerShellParameters;
}

/**
 * How a run ended. `ok` means the script finished and wrote nothing to stderr; `wrote-stderr` means it
 * finished and wrote something there too. The wrapper does not call the second a failure: Windows PowerShell
 * 5.1 writes progress records (`#< CLIXML` followed by XML) to stderr on healthy runs, for instance while it
 * prepares modules on first use in OOBE. Only the caller can tell whether stdout is still a complete answer.
 */
export type PowerShellResult =
  | { readonly kind: 'ok'; readonly stdout: string; readonly stderr: string }
  /**
   * The script finished and wrote to stderr: an error record, or only progress records. `stdout` is whatever
   * it printed, possibly a complete answer; callers check it against their schema and log `stderr`.
   */
  | { readonly kind: 'wrote-stderr'; readonly stdout: string; readonly stderr: string }
  /** No such executable: PowerShell is not installed or `executable` names nothing. */
  | { readonly kind: 'not-found'; readonly executable: string }
  /** The executable exists but could not be started (permissions, not a program, ...). */
  | {
      readonly kind: 'cannot-start';
      readonly executable: string;
      readonly code: string | undefined;
      readonly message: string;
    }
  /** The process ended before answering. */
  | {
      readonly kind: 'exited';
      readonly exitCode: number | null;
      readonly signal: string | null;
      readonly message: string;
    }
  /** No answer within `timeoutMs`; the process was killed. */
  | { readonly kind: 'timeout'; readonly timeoutMs: number };

export type PowerShellResultKind = PowerShellResult['kind'];

/**
 * The only arguments PowerShell is ever started with (node-powershell adds `-NoLogo` and, last,
 * `-NoExit -Command -`): no profile (a technician's profile must not change what is collected, and it costs
 * start-up time), never prompt, and `Bypass` for this process only, so no execution-policy change is needed.
 */
const EXECUTABLE_OPTIONS = {
  '-NoProfile': true,
  '-NonInteractive': true,
  '-ExecutionPolicy': 'Bypass',
} as const;

/** How long to wait for a killed process to be reaped before giving up on it. */
const DISPOSE_WAIT_MS = 5_000;

/** Parameter names become PowerShell parameter names when splatted: letters and digits only. */
const PARAMETER_NAME = /^[A-Za-z][A-Za-z0-9]{0,63}$/;

/** The executable a run would use (explicit option, then `NODE_POWERSHELL`, then the platform's default). */
export function resolvePowerShellExecutable(executable?: string): string {
  if (executable !== undefined && executable.length > 0) return executable;
  const fromEnv = process.env.NODE_POWERSHELL;
  if (fromEnv !== undefined && fromEnv.length > 0) return fromEnv;
  return process.platform === 'win32' ? windowsPowerShellPath() : 'pwsh';
}

/**
 * Windows PowerShell by its full path, never by PATH lookup: Windows searches the current folder first, and
 * the app runs from a USB stick where anyone could have left a `powershell.exe`. A 32-bit process on 64-bit
 * Windows goes through `Sysnative`, so the 64-bit PowerShell (and its 64-bit WMI providers) answers.
 */
function windowsPowerShellPath(): string {
  const root = process.env.SystemRoot ?? process.env.windir ?? 'C:\\Windows';
  const system = process.env.PROCESSOR_ARCHITEW6432 !== undefined ? 'Sysnative' : 'System32';
  return path.win32.join(root, system, 'WindowsPowerShell', 'v1.0', 'powershell.exe');
}

/**
 * True when a caller chose the executable (option or `NODE_POWERSHELL`). Off Windows, services only start
 * PowerShell when someone did (tests with the fake shell); otherwise they answer "not on Windows" at once.
 */
export function powerShellChosen(executable?: string): boolean {
  return (
    (executable !== undefined && executable.length > 0) || (process.env.NODE_POWERSHELL ?? '').length > 0
  );
}

/**
 * Runs `script` in a fresh PowerShell process and returns how it ended. Never throws for a failure of
 * PowerShell or the script; throws only for a programming error (a parameter name that is not a name).
 */
export async function runPowerShell(script: string, options: PowerShellOptions): Promise<PowerShellResult> {
  const command = buildCommand(script, options.parameters ?? {});
  const executable = resolvePowerShellExecutable(options.executable);

  let shell: FixedPowerShell;
  try {
    shell = new FixedPowerShell({
      executable,
      executableOptions: EXECUTABLE_OPTIONS,
      // Failures come back as values; the wrapper applies its own timeout to the whole run (start included)
      // and kills the process itself, which node-powershell's invocationTimeout does not do.
      throwOnInvocationError: false,
      spawnOptions: { windowsHide: true },
    });
  } catch (error) {
    // spawn() throws synchronously for some failures (e.g. EINVAL on Windows).
    return startFailure(executable, error);
  }
  // A process that dies early makes writes to its stdin fail; node-powershell listens only once.
  shell.streams.stdin.on('error', () => undefined);

  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<{ readonly timeout: true }>((resolve) => {
    timer = setTimeout(() => resolve({ timeout: true }), options.timeoutMs);
  });
  let killSignal: NodeJS.Signals = 'SIGTERM';
  try {
    const outcome = await Promise.race([
      shell.invoke(command).then(
        (invocation) => ({ invocation }),
        (error: unknown) => ({ error }),
      ),
      timedOut,
    ]);
    if ('timeout' in outcome) {
      // SIGKILL: a hung PowerShell (or a stuck WMI provider under it) may not react to anything gentler.
      killSignal = 'SIGKILL';
      return { kind: 'timeout', timeoutMs: options.timeoutMs };
    }
    if ('error' in outcome) return processFailure(executable, outcome.error);
    const { invocation } = outcome;
    if (invocation.stdout === undefined) {
      // node-powershell resolves without output when the process exited with code 0 mid-invocation.
      return { kind: 'exited', exitCode: 0, signal: null, message: 'the process exited before answering' };
    }
    const stdout = invocation.stdout.toString('utf8');
    const stderr = invocation.stderr?.toString('utf8') ?? '';
    return invocation.hadErrors ? { kind: 'wrote-stderr', stdout, stderr } : { kind: 'ok', stdout, stderr };
  } finally {
    clearTimeout(timer);
    await disposeQuietly(shell, killSignal);
  }
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
 * Parameters are splatted, so scripts declare them with an ordinary `param()` block. Pipeline output is
 * written through `[Console]::Out` as text, the same writer node-powershell's markers use, so nothing is
 * reformatted or reordered.
 *
 * What a script must know: Windows PowerShell writes redirected stdout in the console's OEM code page (CP932
 * on Japanese Windows) and .NET ignores a later `[Console]::OutputEncoding` for redirected output (setting it
 * would only change the code page of the technician's console window), so scripts escape non-ASCII
 * characters themselves (the shipped scripts write `\uXXXX` in their JSON). A script must not call `exit`:
 * that ends the shell before it answers (reported as `exited`).
 */
export function buildCommand(script: string, parameters: PowerShellParameters): string {
  for (const name of Object.keys(parameters)) {
    if (!PARAMETER_NAME.test(name)) throw new RangeError(`not a PowerShell parameter name: ${name}`);
  }
  const scriptBase64 = Buffer.from(script, 'utf8').toString('base64');
  const parametersBase64 = Buffer.from(JSON.stringify(parameters), 'utf8').toString('base64');
  return (
    `& { $utf8 = [System.Text.Encoding]::UTF8; ` +
    `$block = [ScriptBlock]::Create($utf8.GetString([Convert]::FromBase64String('${scriptBase64}'))); ` +
    `$values = $utf8.GetString([Convert]::FromBase64String('${parametersBase64}')) | ConvertFrom-Json; ` +
    `$splat = @{}; foreach ($p in $values.PSObject.Properties) { $splat[$p.Name] = $p.Value }; ` +
    `& $block @splat | ForEach-Object { [Console]::Out.WriteLine([string]$_) } }`
  );
}

/**
 * node-powershell lets `NODE_POWERSHELL` override even an explicit `executable`, and rewrites some names.
 * The wrapper decides the executable itself (resolvePowerShellExecutable) and this subclass uses it as is.
 */
class FixedPowerShell extends PowerShell {
  protected override setExecutable({ executable }: { executable?: string }): string {
    if (executable === undefined || executable.length === 0)
      throw new Error('no PowerShell executable given');
    return executable;
  }
}

async function disposeQuietly(shell: FixedPowerShell, signal: NodeJS.Signals): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, DISPOSE_WAIT_MS);
    timer.unref();
  });
  // dispose() resolves when the process has exited; it rejects for a kill by signal, which is expected here.
  await Promise.race([shell.dispose(signal).catch(() => undefined), gaveUp]);
  clearTimeout(timer);
}

function processFailure(executable: string, error: unknown): PowerShellResult {
  if (error instanceof ProcessError) {
    const original: unknown = error.originalError;
    if (errorCode(original) !== undefined) return startFailure(executable, original);
    return {
      kind: 'exited',
      exitCode: error.exitCode,
      signal: error.signalCode,
      message: error.message,
    };
  }
  return { kind: 'exited', exitCode: null, signal: null, message: String(error) };
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
