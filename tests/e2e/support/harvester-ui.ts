/**
 * Starts Autopilot Harvester's browser-hosted UI the way the technician does: `harvester ui --no-open
 * --ledger DIR` as a real process (bin/harvester.js), reading the address it prints. The renderer it serves is
 * the one built for this run (the hidden `--renderer-dir`), and the fake PowerShell stands in for Windows'.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './paths';

export const UI_ADDRESS = /http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+/;

const CLI = path.join(REPO_ROOT, 'bin/harvester.js');
/** tests/fakes/fake-powershell.mjs (named here, not imported from its vitest helper: the bench uses this too). */
const FAKE_POWERSHELL = path.join(REPO_ROOT, 'tests/fakes/fake-powershell.mjs');

export interface StartOptions {
  /** The ledger folder (a fresh temporary one per test file). */
  readonly ledgerDir: string;
  /** The built renderer to serve. */
  readonly rendererDir: string;
  /**
   * The OS language as the services see it (HARVESTER_LANG), which the page starts in until the technician
   * chooses; also `--lang` for the command's own messages. Default `en`.
   */
  readonly lang?: 'en' | 'ja';
  /**
   * The fake PowerShell's answer file (FAKE_POWERSHELL_ANSWER): read by the fake each time it starts, so a
   * test rewrites it to change what the next collection finds.
   */
  readonly powershellAnswerFile?: string;
  /**
   * More environment for the process (HARVESTER_TOKEN and HARVESTER_GRAPH_URL, to submit to a mock Graph);
   * these win over the harness's own values.
   */
  readonly env?: Readonly<Record<string, string>>;
}

export interface HarvesterUi {
  /** The address with its `#token=` fragment, as printed. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  /** One API call over HTTP, as the page makes it (for seeding data and reading the ledger back). */
  call<T = unknown>(name: string, input?: unknown): Promise<T>;
  /** SIGTERM, then the exit code (SIGKILL after 10 s: the code is then null). */
  stop(): Promise<number | null>;
  /** What the process wrote on stdout and stderr so far (for failure messages). */
  output(): string;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startHarvesterUi(options: StartOptions): Promise<HarvesterUi> {
  chmodSync(FAKE_POWERSHELL, 0o755);
  const lang = options.lang ?? 'en';
  const command = [
    CLI,
    'ui',
    '--no-open',
    '--ledger',
    options.ledgerDir,
    '--port',
    '0',
    '--lang',
    lang,
    '--renderer-dir',
    options.rendererDir,
  ];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // The language the services report as the OS default (what the page starts in).
    HARVESTER_LANG: lang,
    LANG: 'C.UTF-8',
    NODE_POWERSHELL: FAKE_POWERSHELL,
    FAKE_POWERSHELL_SCENARIO: options.powershellAnswerFile === undefined ? 'not-elevated' : '',
    FAKE_POWERSHELL_ANSWER: options.powershellAnswerFile ?? '',
    FAKE_POWERSHELL_RECORD: '',
    ...options.env,
  };
  delete env.NODE_ENV;
  delete env.VITEST;
  const child = spawn(process.execPath, command, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail('printed no address within 30 s'), 30_000);
    const onData = () => {
      const match = UI_ADDRESS.exec(output);
      if (match === null) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolve(match[0]);
    };
    function fail(why: string) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`harvester ui ${why}; its output:\n${output}`));
    }
    child.stdout.on('data', onData);
    void exited.then((code) => fail(`exited with ${code} before printing its address`));
  });
  const parsed = new URL(url);
  const token = parsed.hash.slice('#token='.length);

  return {
    url,
    origin: parsed.origin,
    token,
    async call<T>(name: string, input?: unknown): Promise<T> {
      const response = await fetch(`${parsed.origin}/api/${name}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ input }),
      });
      const body = (await response.json()) as { result?: T; error?: { code: string } };
      if (!response.ok) throw new Error(`${name} answered ${response.status} ${JSON.stringify(body)}`);
      return body.result as T;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    output: () => output,
  };
}
