/**
 * `harvester ui [--port N] [--no-open] [--ledger DIR]`: the app's screens in the web browser, for where the
 * Electron binary is absent. It opens the ledger as every other command does, serves the built renderer and
 * the API on 127.0.0.1 through the browser host, prints the address (with its one-time token) on a line of
 * its own, opens the default browser, and runs until Ctrl+C or SIGTERM, then closes the host and releases
 * the ledger.
 *
 * The hidden `--renderer-dir DIR` serves another renderer build than `dist/renderer` (tests build one into a
 * temporary folder). Collection honours NODE_POWERSHELL, as the `collect` command does: this is the
 * command line, not the packaged app.
 *
 * Sign-in reads `auth.json` from the command line's app data folder (cliAppDataDir: on Windows the same
 * folder as the packaged app's). There is no OS-protected store outside Electron, so tokens are kept in
 * memory until the command ends and never written. `HARVESTER_TOKEN` (with `HARVESTER_GRAPH_URL`,
 * `HARVESTER_PARTNER_CENTER_URL`) skips sign-in, for automation and the e2e tests.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { cliAppDataDir } from '../../api/app-data';
import { createHarvesterService, type HarvesterService } from '../../api/harvester-service';
import { authSettingsPath } from '../../auth/sign-in-settings';
import { startBrowserHost, type BrowserHost } from '../../browser-host/browser-host';
import { openBrowser } from '../../browser-host/open-browser';
import { LedgerError } from '../../ledger/ledger';
import { fileLog } from '../../logging/log-file';
import { harvesterApiHandlers } from '../../shell/api-handlers';
import { EXIT, UsageError } from '../cli-io';
import type { CliText } from '../cli-text';
import type { CliContext } from '../main';

/** `npm run build:renderer` writes here (vite.config.ts). */
export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../../dist/renderer', import.meta.url));

const UiOptions = z.object({
  ledger: z.string().optional(),
  port: z.string().optional(),
  open: z.boolean().default(true),
  rendererDir: z.string().optional(),
});

/** Tells when the command should stop; `dispose` removes whatever it installed. */
export interface StopSignal {
  readonly stopped: Promise<void>;
  dispose(): void;
}

/**
 * SIGINT (Ctrl+C) or SIGTERM. Installed before the address is printed, so a signal sent the moment it
 * appears still ends in a clean stop. The handlers stay until the shutdown is done (`dispose`): a signal
 * often arrives twice (sent to the whole process group, and passed on by a parent such as npm or
 * scripts/start.js), and the second must not kill the process before it has released the ledger.
 */
export function processStopSignal(): StopSignal {
  let onSignal: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => {
    onSignal = () => resolve();
  });
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    stopped,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

export async function runUi(
  context: CliContext,
  raw: unknown,
  stopSignal: () => StopSignal = processStopSignal,
): Promise<number> {
  const options = UiOptions.parse(raw);
  const { io, text } = context;
  const port = parsePort(options.port, text);
  const rendererDir = path.resolve(options.rendererDir ?? DEFAULT_RENDERER_DIR);
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    io.stderr(`harvester: ${text.ui.rendererMissing({ dir: rendererDir })}\n`);
    return EXIT.failed;
  }

  const stop = stopSignal();
  let service: HarvesterService | undefined;
  let host: BrowserHost | undefined;
  try {
    try {
      const env = io.env as NodeJS.ProcessEnv;
      const appData = cliAppDataDir(env, process.platform);
      service = await createHarvesterService({
        env,
        ...(options.ledger !== undefined ? { ledgerDir: options.ledger } : {}),
        // No protector: tokens stay in memory.
        auth: { settingsFile: authSettingsPath(appData), tokenDir: appData },
        openExternal: async (url) => {
          const opened = await openBrowser(url, { platform: process.platform, env });
          if (opened.kind !== 'opened') throw new Error(`no browser to open (${opened.reason})`);
        },
      });
    } catch (error) {
      if (!(error instanceof LedgerError)) throw error;
      io.stderr(
        `harvester: ${text.ledger.errors[error.kind]({ file: error.file, detail: error.message })}\n`,
      );
      return EXIT.failed;
    }
    // Refused requests and failed calls go to the log beside the ledger, as PowerShell's output does.
    const log = fileLog((await service.appInfo({})).logDir);
    try {
      host = await startBrowserHost({
        handlers: harvesterApiHandlers(service),
        staticDir: rendererDir,
        port,
        log,
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      io.stderr(
        `harvester: ${code === 'EADDRINUSE' ? text.ui.portInUse({ port }) : text.ui.startFailed({ detail: describe(error) })}\n`,
      );
      return EXIT.failed;
    }
    // The address alone on the first line: scripts and the e2e tests take it from there.
    io.stdout(`${host.url}\n${text.ui.listening}\n`);
    if (options.open) void openInBrowser(context, host.url);
    await stop.stopped;
  } finally {
    try {
      await host?.close();
      await service?.close();
    } finally {
      stop.dispose();
    }
  }
  io.stdout(`${text.ui.stopped}\n`);
  return EXIT.ok;
}

/** Says something only when an opener was tried and failed; CI and no display are expected, not failures. */
async function openInBrowser({ io, text }: CliContext, url: string): Promise<void> {
  const result = await openBrowser(url, { platform: process.platform, env: io.env });
  if (
    result.kind === 'no-browser' &&
    (result.reason === 'opener-missing' || result.reason === 'opener-failed')
  ) {
    io.stderr(`harvester: ${text.ui.browserNotOpened({ detail: result.detail ?? result.reason })}\n`);
  }
}

function parsePort(value: string | undefined, text: CliText): number {
  if (value === undefined) return 0;
  const port = /^\d{1,5}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!(port >= 0 && port <= 65_535)) throw new UsageError(text.ui.badPort({ value }));
  return port;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
