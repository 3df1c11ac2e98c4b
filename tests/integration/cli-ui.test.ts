/**
 * `harvester ui` as technicians and the e2e tests run it: a real process through the bin entry, read from its
 * stdout, called over HTTP, stopped with a signal. It serves a tiny renderer fixture through the hidden
 * `--renderer-dir` option, so these tests do not depend on the renderer build (tests/unit/build holds that
 * build to the page's Content-Security-Policy); everything else is the real command.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { cliAppDataDir } from '../../electron/api/app-data';
import { authSettingsPath } from '../../electron/auth/sign-in-settings';
import { CONTENT_SECURITY_POLICY } from '../../electron/shell/content-security-policy';
import { startMockGraph, type MockGraph } from '../fakes/mock-graph';
import { FAKE_POWERSHELL, deviceFacts } from '../fakes/use-fake-powershell';
import { buildHash } from '../support/hash-builder';
import { scriptCsv, useTempDir } from '../support/temp-dir';
import { apiCall, rawRequest } from './browser-host/http-request';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin', 'harvester.js');
/** What the e2e tests look for; the address must match it whole, on a line of its own. */
const ADDRESS = /http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+/;
const INDEX_HTML =
  '<!doctype html><title>Harvester fixture</title><script type="module" src="./app.js"></script>';

const temp = useTempDir('harvester-cli-ui-');

/** Processes still running when a test ends are killed, so a failing test leaves nothing behind. */
const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function baseEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CI: 'true',
    LANG: 'en_US.UTF-8',
    HARVESTER_LANG: undefined,
    HARVESTER_LEDGER: undefined,
    NODE_POWERSHELL: undefined,
    ...extra,
  };
}

function fixtureRenderer(): string {
  const dir = path.join(temp.path(), 'renderer');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.html'), INDEX_HTML);
  writeFileSync(path.join(dir, 'app.js'), 'document.title = "ready";');
  return dir;
}

interface RunningUi {
  readonly child: ChildProcess;
  readonly url: URL;
  readonly port: number;
  readonly token: string;
  /** Everything printed so far. */
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Sends `signal` and resolves with the exit code once the process has ended. */
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

/** Starts `harvester ui --no-open` and resolves once it has printed its address. */
function startUi(args: readonly string[], env: NodeJS.ProcessEnv = baseEnv()): Promise<RunningUi> {
  const child = spawn(process.execPath, [bin, 'ui', '--no-open', ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = () => {
      const match = ADDRESS.exec(stdout);
      if (match === null) return;
      child.stdout!.off('data', onData);
      const url = new URL(match[0]);
      resolve({
        child,
        url,
        port: Number(url.port),
        token: url.hash.slice('#token='.length),
        stdout: () => stdout,
        stderr: () => stderr,
        stop: (signal) => {
          child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout!.on('data', onData);
    void exited.then((code) =>
      reject(new Error(`harvester ui exited (${code}) before printing its address:\n${stdout}\n${stderr}`)),
    );
  });
}

/** Runs another harvester command to the end. */
function harvester(args: readonly string[], env: NodeJS.ProcessEnv = baseEnv()) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function deviceCsv(serial: string): string {
  return temp.file(`${serial}.csv`, scriptCsv([[serial, '', buildHash({ serial })]]));
}

describe('harvester ui', () => {
  it('prints the address with its token alone on the first line, then how to open it and stop', async () => {
    const ui = await startUi([
      '--ledger',
      path.join(temp.path(), 'ledger'),
      '--renderer-dir',
      fixtureRenderer(),
    ]);
    const [first, second] = ui.stdout().split('\n');
    expect(first).toBe(`http://127.0.0.1:${ui.port}/#token=${ui.token}`);
    expect(ui.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second).toContain('Ctrl+C');
    expect(await ui.stop('SIGTERM')).toBe(0);
  });

  it('answers the API with the token and 401 without it', async () => {
    const ledger = path.join(temp.path(), 'ledger');
    const ui = await startUi(['--ledger', ledger, '--renderer-dir', fixtureRenderer()]);
    const withToken = await apiCall(ui.port, 'appInfo', ui.token, {});
    expect(withToken.status).toBe(200);
    expect(JSON.parse(withToken.body)).toMatchObject({ result: { ledger: { dir: ledger, devices: 0 } } });
    expect((await apiCall(ui.port, 'appInfo', 'not-the-token-not-the-token', {})).status).toBe(401);
    expect(await ui.stop('SIGTERM')).toBe(0);
  });

  it('answers 401 unauthorized to an API call with no Authorization header at all', async () => {
    const ui = await startUi([
      '--ledger',
      path.join(temp.path(), 'ledger'),
      '--renderer-dir',
      fixtureRenderer(),
    ]);
    const response = await rawRequest({
      port: ui.port,
      method: 'POST',
      path: '/api/appInfo',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ input: {} }),
    });
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body)).toEqual({ error: { code: 'unauthorized' } });
    expect(response.body).not.toContain(ui.token);
    expect(await ui.stop('SIGTERM')).toBe(0);
  });

  it('serves the renderer at / with the Content-Security-Policy header', async () => {
    const ui = await startUi([
      '--ledger',
      path.join(temp.path(), 'ledger'),
      '--renderer-dir',
      fixtureRenderer(),
    ]);
    const page = await rawRequest({ port: ui.port, path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).toBe(INDEX_HTML);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(await ui.stop('SIGTERM')).toBe(0);
  });

  it('checks every HTTP payload with the contract schema before the ledger sees it', async () => {
    const ledger = path.join(temp.path(), 'ledger');
    const ui = await startUi(['--ledger', ledger, '--renderer-dir', fixtureRenderer()]);
    const refused = await apiCall(ui.port, 'removeDevices', ui.token, { ids: 'everything', lang: 'en' });
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body)).toEqual({ error: { code: 'bad-input' } });
    expect(await ui.stop('SIGTERM')).toBe(0);
  });

  it('holds the ledger while it runs and releases it when stopped with SIGTERM', async () => {
    const ledger = path.join(temp.path(), 'ledger');
    const ui = await startUi(['--ledger', ledger, '--renderer-dir', fixtureRenderer()]);
    const whileRunning = harvester(['ledger', 'add', deviceCsv('PF3AAAA1'), '--ledger', ledger]);
    expect(whileRunning.code).toBe(1);
    expect(whileRunning.stderr).toContain('in use by another Autopilot Harvester');
    expect(await ui.stop('SIGTERM')).toBe(0);
    expect(ui.stdout()).toContain('Stopped; the ledger is closed.');
    const afterwards = harvester(['ledger', 'add', deviceCsv('PF3AAAA1'), '--ledger', ledger]);
    expect(afterwards.code).toBe(0);
    expect(afterwards.stdout).toBe('added PF3AAAA1\n');
  });

  it('stops cleanly on Ctrl+C (SIGINT) too', async () => {
    const ledger = path.join(temp.path(), 'ledger');
    const ui = await startUi(['--ledger', ledger, '--renderer-dir', fixtureRenderer()]);
    expect(await ui.stop('SIGINT')).toBe(0);
    expect(existsSync(path.join(ledger, 'ledger.lock'))).toBe(false);
  });

  it('still stops cleanly when the signal arrives twice (to the process group and from a parent passing it on)', async () => {
    const ledger = path.join(temp.path(), 'ledger');
    const ui = await startUi(['--ledger', ledger, '--renderer-dir', fixtureRenderer()]);
    ui.child.kill('SIGTERM');
    expect(await ui.stop('SIGTERM')).toBe(0);
    expect(ui.stdout()).toContain('Stopped; the ledger is closed.');
    expect(existsSync(path.join(ledger, 'ledger.lock'))).toBe(false);
  });

  it('finds the ledger through HARVESTER_LEDGER as the other commands do', async () => {
    const ledger = path.join(temp.path(), 'from-env');
    harvester(['ledger', 'add', deviceCsv('PF3BBBB2'), '--ledger', ledger]);
    const ui = await startUi(['--renderer-dir', fixtureRenderer()], baseEnv({ HARVESTER_LEDGER: ledger }));
    const devices = await apiCall(ui.port, 'listDevices', ui.token, {});
    expect(JSON.parse(devices.body)).toMatchObject({ result: { devices: [{ serial: 'PF3BBBB2' }] } });
    expect(await ui.stop('SIGTERM')).toBe(0);
  });

  it.skipIf(process.platform === 'win32')(
    'collects this device through the PowerShell named by NODE_POWERSHELL (POSIX: the fake is a Node script)',
    async () => {
      chmodSync(FAKE_POWERSHELL, 0o755);
      const answer = temp.file(
        'answer.json',
        JSON.stringify({ stdoutJson: deviceFacts({ hash: buildHash({ serial: 'PF3ABCDE' }) }) }),
      );
      const env = baseEnv({ NODE_POWERSHELL: FAKE_POWERSHELL, FAKE_POWERSHELL_ANSWER: answer });
      const ledger = path.join(temp.path(), 'ledger');
      const ui = await startUi(['--ledger', ledger, '--renderer-dir', fixtureRenderer()], env);
      const collected = await apiCall(ui.port, 'collectThisDevice', ui.token, { lang: 'en' });
      expect(JSON.parse(collected.body)).toMatchObject({
        result: { kind: 'added', device: { serial: 'PF3ABCDE' } },
      });
      expect(await ui.stop('SIGTERM')).toBe(0);
    },
  );

  it('refuses a second copy on the same ledger, saying it is in use', async () => {
    const ledger = path.join(temp.path(), 'ledger');
    const renderer = fixtureRenderer();
    const first = await startUi(['--ledger', ledger, '--renderer-dir', renderer]);
    const second = harvester(['ui', '--no-open', '--ledger', ledger, '--renderer-dir', renderer]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('in use by another Autopilot Harvester');
    expect(second.stdout).not.toMatch(ADDRESS);
    expect(await first.stop('SIGTERM')).toBe(0);
  });

  it('says the port is taken, and releases the ledger, when --port is in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const ledger = path.join(temp.path(), 'ledger');
      const result = harvester([
        'ui',
        '--no-open',
        '--port',
        String(port),
        '--ledger',
        ledger,
        '--renderer-dir',
        fixtureRenderer(),
      ]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Port ${port} is already in use`);
      expect(existsSync(path.join(ledger, 'ledger.lock'))).toBe(false);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('says how to build the screens, and exits 1, when the renderer is not built', () => {
    const ledger = path.join(temp.path(), 'ledger');
    const result = harvester([
      'ui',
      '--no-open',
      '--ledger',
      ledger,
      '--renderer-dir',
      path.join(temp.path(), 'none'),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('npm run build:renderer');
    expect(existsSync(ledger)).toBe(false);
  });

  describe('direct submission', () => {
    const mocks: MockGraph[] = [];
    afterEach(async () => {
      await Promise.all(mocks.splice(0).map((m) => m.close()));
    });

    async function result(ui: RunningUi, call: string, input: unknown): Promise<Record<string, unknown>> {
      const response = await apiCall(ui.port, call, ui.token, input);
      expect(response.status, response.body).toBe(200);
      return (JSON.parse(response.body) as { result: Record<string, unknown> }).result;
    }

    it('sends the ledger\u2019s devices to Graph with HARVESTER_TOKEN and HARVESTER_GRAPH_URL (as the e2e tests do)', async () => {
      const graph = await startMockGraph({ token: { current: 'e2e-token' }, pollsUntilFinal: 1 });
      mocks.push(graph);
      const ledger = path.join(temp.path(), 'ledger');
      harvester(['ledger', 'add', deviceCsv('PF3SUBM1'), '--ledger', ledger]);
      const env = baseEnv({ HARVESTER_TOKEN: 'e2e-token', HARVESTER_GRAPH_URL: graph.url });
      const ui = await startUi(['--ledger', ledger, '--renderer-dir', fixtureRenderer()], env);
      expect(await result(ui, 'signInStatus', { service: 'graph', lang: 'en' })).toEqual({
        kind: 'env-token',
      });
      const started = await result(ui, 'startSubmission', {
        service: 'graph',
        customerTenantId: null,
        tag: 'Microsoft365Managed_Autopilot',
        allowCustomTag: false,
        selection: { kind: 'all' },
        lang: 'en',
      });
      expect(started).toMatchObject({ kind: 'started' });
      let job: Record<string, unknown> = {};
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        job = await result(ui, 'submissionJob', { jobId: started.jobId, lang: 'en' });
        if ((job.job as { finishedAt: string | null }).finishedAt !== null) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(job).toMatchObject({ devices: [{ serial: 'PF3SUBM1', state: 'registered' }] });
      expect(graph.importsOf('PF3SUBM1')).toBe(1);
      expect(await ui.stop('SIGTERM')).toBe(0);
    });

    it('stops at once on SIGTERM in the middle of a submission, leaving the job to resume', async () => {
      const graph = await startMockGraph({ token: { current: 'e2e-token' }, pollsUntilFinal: 1_000 });
      mocks.push(graph);
      const ledger = path.join(temp.path(), 'ledger');
      harvester(['ledger', 'add', deviceCsv('PF3SUBM2'), '--ledger', ledger]);
      const env = baseEnv({ HARVESTER_TOKEN: 'e2e-token', HARVESTER_GRAPH_URL: graph.url });
      const ui = await startUi(['--ledger', ledger, '--renderer-dir', fixtureRenderer()], env);
      const started = await result(ui, 'startSubmission', {
        service: 'graph',
        customerTenantId: null,
        tag: 'Microsoft365Managed_Autopilot',
        allowCustomTag: false,
        selection: { kind: 'all' },
        lang: 'en',
      });
      const deadline = Date.now() + 10_000;
      while (graph.importsOf('PF3SUBM2') === 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      const stoppedAt = Date.now();
      expect(await ui.stop('SIGTERM')).toBe(0);
      expect(Date.now() - stoppedAt).toBeLessThan(5_000);

      const again = await startUi(['--ledger', ledger, '--renderer-dir', fixtureRenderer()], env);
      const jobs = await result(again, 'listSubmissionJobs', { lang: 'en' });
      expect(jobs).toMatchObject({ jobs: [{ id: started.jobId, finishedAt: null, running: false }] });
      expect(await again.stop('SIGTERM')).toBe(0);
    });

    it('reads the sign-in settings from the command line\u2019s app data folder, and keeps no token on disk', async () => {
      const home = temp.path();
      const env = baseEnv({
        HOME: home,
        XDG_DATA_HOME: path.join(home, 'xdg'),
        APPDATA: path.join(home, 'appdata'),
      });
      delete env.HARVESTER_TOKEN;
      const ledger = path.join(temp.path(), 'ledger');
      const ui = await startUi(['--ledger', ledger, '--renderer-dir', fixtureRenderer()], env);
      const status = await result(ui, 'signInStatus', { service: 'graph', lang: 'en' });
      expect(status.kind).toBe('not-configured');
      expect(status.message).toContain(authSettingsPath(cliAppDataDir(env, process.platform)));
      expect(await ui.stop('SIGTERM')).toBe(0);
      expect(existsSync(path.join(cliAppDataDir(env, process.platform), 'auth-cache.bin'))).toBe(false);
    });
  });

  it('exits 2 for a port that is not a number', () => {
    const result = harvester(['ui', '--no-open', '--port', 'eighty', '--renderer-dir', fixtureRenderer()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"eighty" is not a port');
  });
});
