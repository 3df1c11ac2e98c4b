import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { HarvesterService } from '../../../../electron/api/harvester-service';
import { createHarvesterService } from '../../../../electron/api/harvester-service';
import type { ApiCall } from '../../../../shared/api/harvester-api';
import {
  HARVESTER_API,
  HARVESTER_API_CALLS,
  isApiCall,
  parseApiInput,
  parseApiOutput,
} from '../../../../shared/api/harvester-api';
import { deviceFacts, useFakePowerShell } from '../../../fakes/use-fake-powershell';
import { buildHash, corrupt } from '../../../support/hash-builder';
import { scriptCsv, useTempDir } from '../../../support/temp-dir';

const TAG = 'Microsoft365Managed_Autopilot';

describe('the HarvesterApi contract', () => {
  it('declares a zod input and output schema for every call', () => {
    expect(HARVESTER_API_CALLS.length).toBeGreaterThan(0);
    for (const call of HARVESTER_API_CALLS) {
      expect(HARVESTER_API[call].input, call).toBeInstanceOf(z.ZodType);
      expect(HARVESTER_API[call].output, call).toBeInstanceOf(z.ZodType);
    }
  });

  it('lists every call of the map, and only those, in HARVESTER_API_CALLS', () => {
    expect([...HARVESTER_API_CALLS].sort()).toEqual(Object.keys(HARVESTER_API).sort());
  });

  it('names the path of every failing field of a bad input', () => {
    const parsed = parseApiInput('previewImport', {
      files: [
        { name: 'ok.csv', base64: 'QUJD' },
        { name: '', base64: 'not base64!' },
      ],
      lang: 'fr',
    });
    expect(parsed.ok).toBe(false);
    const paths = parsed.ok ? [] : parsed.issues.map((i) => i.path);
    expect(paths.sort()).toEqual(['files.1.base64', 'files.1.name', 'lang']);
  });

  it('names fields nested in unions by their full path', () => {
    const parsed = parseApiInput('exportDevices', {
      format: 'partner-center',
      tag: TAG,
      allowCustomTag: false,
      selection: { kind: 'ids', ids: [] },
      lang: 'en',
      destination: { kind: 'folder', path: '' },
    });
    expect(parsed.ok ? [] : parsed.issues.map((i) => i.path).sort()).toEqual([
      'destination.path',
      'selection.ids',
    ]);
  });

  it('refuses a field a call does not take, naming it', () => {
    const parsed = parseApiInput('removeDevices', { ids: ['a'], lang: 'en', force: true });
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.issues[0]!.message).toMatch(/force/);
  });

  it('checks each tag correction of an import field by field', () => {
    const parsed = parseApiInput('confirmImport', {
      previewId: 'p1',
      tagCorrections: [
        { deviceIds: [], from: 'Microsoft365Managed_Autopliot', tag: TAG },
        { deviceIds: ['0123456789abcdef'], from: 'x', tag: TAG, force: true },
        { deviceIds: ['0123456789abcdef'], from: 'x', tag: 'x'.repeat(513) },
      ],
      lang: 'en',
    });
    expect(parsed.ok ? [] : parsed.issues.map((i) => i.path).sort()).toEqual([
      'tagCorrections.0.deviceIds',
      'tagCorrections.1',
      'tagCorrections.2.tag',
    ]);
    expect(parseApiInput('confirmImport', { previewId: 'p1', lang: 'en' }).ok).toBe(true);
  });

  it('refuses a payload that is not an object as a whole', () => {
    expect(parseApiInput('appInfo', 'hello')).toMatchObject({ ok: false, issues: [{ path: '(input)' }] });
  });

  it('hands back a well-formed input as it is', () => {
    const input = { id: '0123456789abcdef', lang: 'ja' };
    expect(parseApiInput('deviceDetails', input)).toEqual({ ok: true, value: input });
  });

  it('knows only its own calls by name, not what every object has', () => {
    expect(isApiCall('listDevices')).toBe(true);
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty', '', 42]) {
      expect(isApiCall(name), String(name)).toBe(false);
    }
  });
});

/** Each answer passes its call's output schema and is plain JSON data (no class, no bytes, no undefined). */
function expectContractOutput(call: ApiCall, output: unknown): void {
  const parsed = parseApiOutput(call, output);
  expect(parsed.ok ? [] : parsed.issues, call).toEqual([]);
  expect(JSON.parse(JSON.stringify(output)), call).toStrictEqual(output);
}

/** The calls that start PowerShell: run through the fake, so only where the fake can run. */
const POWERSHELL_CALLS: readonly ApiCall[] = ['thisDevice', 'collectThisDevice', 'listDrives'];

describe('the real service', () => {
  const temp = useTempDir('harvester-contract-');
  let service: HarvesterService | undefined;
  afterEach(async () => {
    await service?.close();
    service = undefined;
  });

  const csv = (rows: string[][]) => Buffer.from(scriptCsv(rows)).toString('base64');

  it('answers every call that needs no PowerShell with data its output schema accepts', async () => {
    const api = (service = await createHarvesterService({
      ledgerDir: path.join(temp.path(), 'ledger'),
      env: {},
      // Never the real app-data folder of whoever runs the tests.
      auth: { settingsFile: path.join(temp.path(), 'auth.json'), tokenDir: temp.path() },
    }));
    const called = new Set<ApiCall>();
    const check = async <K extends ApiCall>(call: K, output: Promise<unknown>) => {
      called.add(call);
      expectContractOutput(call, await output);
    };

    await check('appInfo', api.appInfo({}));
    const preview = await api.previewImport({
      files: [
        {
          name: 'devices.csv',
          base64: csv([
            ['PF3AAAA1', '', buildHash({ serial: 'PF3AAAA1' })],
            ['pf3bbbb2', '', buildHash({ serial: 'PF3BBBB2' })],
            ['PF3AAAA1', '', buildHash({ serial: 'PF3AAAA1', nonce: 1 })],
            ['PF3AAAA1', '', buildHash({ serial: 'PF3AAAA1', diskSerials: ['OTHER'] })],
            ['PF3CCCC3', '', corrupt.flipChecksumByte(buildHash({ serial: 'PF3CCCC3' }))],
          ]),
        },
        { name: 'empty.csv', base64: '' },
      ],
      lang: 'en',
    });
    called.add('previewImport');
    expectContractOutput('previewImport', preview);
    expect(new Set(preview.files[0]!.rows.map((r) => r.kind))).toEqual(
      new Set(['added', 'duplicate-in-batch', 'replaced', 'rejected']),
    );
    const correction = { deviceIds: ['0123456789abcdef'], from: 'Microsoft365Managed_Autopliot' };
    await check(
      'confirmImport',
      api.confirmImport({
        previewId: preview.previewId,
        tagCorrections: [{ ...correction, tag: 'Sales' }],
        lang: 'en',
      }),
    );
    await check(
      'confirmImport',
      api.confirmImport({
        previewId: preview.previewId,
        tagCorrections: [{ ...correction, tag: TAG }],
        lang: 'en',
      }),
    );
    await check('confirmImport', api.confirmImport({ previewId: preview.previewId, lang: 'en' }));

    const devices = (await api.listDevices({})).devices;
    await check('listDevices', api.listDevices({}));
    const id = devices[0]!.id;
    await check('deviceDetails', api.deviceDetails({ id, lang: 'ja' }));
    await check('deviceDetails', api.deviceDetails({ id: 'feedfacefeedface', lang: 'en' }));
    await check('removeDevices', api.removeDevices({ ids: [id, 'feedfacefeedface'], lang: 'en' }));
    await check('restoreDevices', api.restoreDevices({ ids: [id], lang: 'en' }));
    await check('setGroupTag', api.setGroupTag({ ids: [id], tag: TAG, lang: 'en' }));
    await check('setGroupTag', api.setGroupTag({ ids: [id], tag: 'Sales', lang: 'en' }));
    for (const tag of [TAG, 'Microsoft365Managed_Autopilt', 'Site-Osaka', '', 'a,b']) {
      await check('checkGroupTag', api.checkGroupTag({ tag, lang: 'ja' }));
    }
    await check('knownGroupTags', api.knownGroupTags({ lang: 'en' }));

    const request = {
      format: 'intune',
      tag: TAG,
      allowCustomTag: false,
      selection: { kind: 'not-exported' },
      lang: 'en',
    } as const;
    await check('previewExport', api.previewExport(request));
    await check('previewExport', api.previewExport({ ...request, tag: 'Microsoft365Managed_Autopilt' }));
    const out = path.join(temp.path(), 'out');
    await check(
      'exportDevices',
      api.exportDevices({ ...request, destination: { kind: 'folder', path: out } }),
    );
    await check(
      'exportDevices',
      api.exportDevices({ ...request, destination: { kind: 'folder', path: 'rel' } }),
    );
    await check('deviceDetails', api.deviceDetails({ id, lang: 'en' }));
    await check('listDevices', api.listDevices({}));

    // Without auth.json nor HARVESTER_TOKEN: not configured, not signed in (no request leaves the machine).
    for (const submissionService of ['graph', 'partner-center'] as const) {
      await check('signInStatus', api.signInStatus({ service: submissionService, lang: 'en' }));
      await check('startSignIn', api.startSignIn({ service: submissionService, lang: 'ja' }));
      await check('cancelSignIn', api.cancelSignIn({ service: submissionService }));
    }
    await check('signOut', api.signOut({ service: 'graph' }));
    await check('listCustomers', api.listCustomers({ lang: 'en' }));
    const submission = {
      service: 'graph',
      customerTenantId: null,
      tag: TAG,
      allowCustomTag: false,
      selection: { kind: 'all' },
      lang: 'en',
    } as const;
    await check('startSubmission', api.startSubmission(submission));
    await check(
      'startSubmission',
      api.startSubmission({ ...submission, tag: 'Microsoft365Managed_Autopilt' }),
    );
    await check('submissionJob', api.submissionJob({ jobId: 'none', lang: 'en' }));
    await check('listSubmissionJobs', api.listSubmissionJobs({ lang: 'en' }));
    await check('retrySubmission', api.retrySubmission({ jobId: 'none', lang: 'en' }));

    expect([...called].sort()).toEqual(
      HARVESTER_API_CALLS.filter((c) => !POWERSHELL_CALLS.includes(c)).sort(),
    );
  });

  describe.skipIf(process.platform === 'win32')(
    'with the fake PowerShell (POSIX only: the fake is a Node script started as an executable, which Windows cannot do)',
    () => {
      const fake = useFakePowerShell();

      it('answers the PowerShell calls with data their output schemas accept', async () => {
        const api = (service = await createHarvesterService({
          ledgerDir: path.join(temp.path(), 'ledger'),
          env: {},
          powershell: fake.executable,
        }));
        fake.answer({ stdoutJson: deviceFacts({ hash: buildHash({ serial: 'PF3ABCDE' }) }) });
        expectContractOutput('thisDevice', await api.thisDevice({ lang: 'en' }));
        expectContractOutput('collectThisDevice', await api.collectThisDevice({ lang: 'en' }));
        expectContractOutput('thisDevice', await api.thisDevice({ lang: 'en' }));
        fake.scenario('mi-result-1');
        expectContractOutput('thisDevice', await api.thisDevice({ lang: 'ja' }));
        expectContractOutput('collectThisDevice', await api.collectThisDevice({ lang: 'ja' }));
        fake.scenario('drives-two');
        expectContractOutput('listDrives', await api.listDrives({}));
        fake.scenario('garbage');
        expectContractOutput('listDrives', await api.listDrives({}));
      });
    },
  );
});
