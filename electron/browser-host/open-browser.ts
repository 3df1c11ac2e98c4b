/**
 * Opens the browser host's address in the technician's default browser. The opener is started directly, never
 * through a shell, and only a loopback http address of the expected shape is accepted, so nothing in the URL
 * can become a command.
 */
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { spawn as nodeSpawn } from 'node:child_process';
import path from 'node:path';

export type SpawnLike = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export interface OpenBrowserOptions {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Tests pass their own; default node:child_process spawn. */
  readonly spawn?: SpawnLike;
  /** How long to wait for the opener to fail before calling it opened; default 5 s. */
  readonly settleMs?: number;
}

export type NoBrowserReason =
  /** CI is set: nobody is there to look at a browser. */
  | 'ci'
  /** Linux (or another X11/Wayland system) without DISPLAY or WAYLAND_DISPLAY. */
  | 'no-display'
  /** The opener program (xdg-open, open, explorer.exe) is not there. */
  | 'opener-missing'
  /** The opener ran and reported failure (xdg-open exits 3 when it finds no browser). */
  | 'opener-failed'
  /** Not a `http://127.0.0.1:PORT/...` address: refused rather than handed to the opener. */
  | 'bad-url';

export type OpenBrowserResult =
  | { readonly kind: 'opened' }
  | { readonly kind: 'no-browser'; readonly reason: NoBrowserReason; readonly detail?: string };

export interface OpenerCommand {
  readonly command: string;
  readonly args: readonly string[];
}

/**
 * The opener for each platform. On Windows, `start` is a cmd.exe builtin (a shell that would parse the URL),
 * so explorer.exe is started instead: it hands an http URL to the default browser.
 */
export function openerCommand(
  url: string,
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
): OpenerCommand {
  switch (platform) {
    case 'win32':
      return { command: path.win32.join(env.SystemRoot ?? 'C:\\Windows', 'explorer.exe'), args: [url] };
    case 'darwin':
      return { command: 'open', args: [url] };
    default:
      return { command: 'xdg-open', args: [url] };
  }
}

/** Why no browser can be shown here, before trying; undefined when it is worth trying. */
export function headlessReason(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
): NoBrowserReason | undefined {
  const ci = (env.CI ?? '').trim().toLowerCase();
  if (ci !== '' && ci !== 'false' && ci !== '0') return 'ci';
  if (platform === 'win32' || platform === 'darwin') return undefined;
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return 'no-display';
  return undefined;
}

/** Only the browser host's own address shape: loopback, a port, and URL-safe characters. */
export function isOpenableUrl(url: string): boolean {
  return /^http:\/\/127\.0\.0\.1:\d{1,5}\/[A-Za-z0-9/#=_.~-]*$/.test(url);
}

export async function openBrowser(url: string, options: OpenBrowserOptions): Promise<OpenBrowserResult> {
  if (!isOpenableUrl(url)) return { kind: 'no-browser', reason: 'bad-url' };
  const headless = headlessReason(options.platform, options.env);
  if (headless !== undefined) return { kind: 'no-browser', reason: headless };
  const { command, args } = openerCommand(url, options.platform, options.env);
  const spawn = options.spawn ?? nodeSpawn;
  const settleMs = options.settleMs ?? 5_000;

  let child: ChildProcess;
  try {
    child = spawn(command, args, {
      shell: false,
      stdio: 'ignore',
      detached: options.platform !== 'win32',
      windowsHide: true,
      env: { ...options.env },
    });
  } catch (error) {
    return { kind: 'no-browser', reason: 'opener-missing', detail: describe(error) };
  }

  return new Promise<OpenBrowserResult>((resolve) => {
    let settled = false;
    const finish = (result: OpenBrowserResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.unref();
      resolve(result);
    };
    // Some openers stay running as long as the browser does: still running after a while means it opened.
    const timer = setTimeout(() => finish({ kind: 'opened' }), settleMs);
    child.once('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'ENOENT' ? 'opener-missing' : 'opener-failed';
      finish({ kind: 'no-browser', reason, detail: describe(error) });
    });
    child.once('exit', (code, signal) => {
      // explorer.exe exits 1 even after opening the browser: on Windows only starting it counts.
      if (code === 0 || options.platform === 'win32') return finish({ kind: 'opened' });
      const how = signal === null ? `exit code ${String(code)}` : `signal ${signal}`;
      finish({ kind: 'no-browser', reason: 'opener-failed', detail: `${command} ended with ${how}` });
    });
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
