import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HarvesterService } from '../../../../electron/api/harvester-service';
import { createHarvesterService } from '../../../../electron/api/harvester-service';
import { LedgerError } from '../../../../electron/ledger/ledger';
import type { ImportRow } from '../../../../shared/api/harvester-api';
import { deviceFacts, useFakePowerShell } from '../../../fakes/use-fake-powershell';
import type { HashSpec } from '../../../support/hash-builder';
import { buildHash, corrupt } from '../../../support/hash-builder';
import { scriptCsv, useTempDir } from '../../../support/temp-dir';

const TAG = 'Microsoft365Managed_Autopilot';
const TYPO = 'Microsoft365Managed_Autopliot';
const START = new Date(2026, 10, 24, 21, 30, 5);

const temp = useTempDir('harvester-api-');
let clock = START;
const open: HarvesterService[] = [];

afterEach(async () => {
  for (const service of open.splice(0)) await service.close();
  clock = START;
});

function ledgerDir(): string {
  return path.join(temp.path(), 'ledger');
}

async function service(options: { env?: NodeJS.ProcessEnv; powershell?: string } = {}) {
  const created = await createHarvesterService({
    ledgerDir: ledgerDir(),
    env: options.env ?? {},
    now: () => clock,
    ...(options.powershell ? { powershell: options.powershell } : {}),
  });
  open.push(created);
  return created;
}

/** A CSV file as the UI sends it: its name and its bytes in base64. */
function csvFile(name: string, rows: readonly (readonly string[])[], header?: string) {
  return { name, base64: Buffer.from(scriptCsv(rows, header)).toString('base64') };
}

function row(spec: HashSpec, csvSerial = spec.serial ?? ''): string[] {
  return [csvSerial, '', buildHash(spec)];
}

async function importConfirmed(api: HarvesterService, rows: readonly (readonly string[])[], header?: string) {
  const preview = await api.previewImport({ files: [csvFile('seed.csv', rows, header)], lang: 'en' });
  const confirmed = await api.confirmImport({ previewId: preview.previewId, lang: 'en' });
  if (confirmed.kind !== 'imported') throw new Error(`seed import failed: ${confirmed.kind}`);
  return confirmed;
}

function kinds(rows: readonly ImportRow[]): string[] {
  return rows.map((r) => `${r.line} ${r.kind}`);
}

describe('import', () => {
  it('says per row what an import would do and writes nothing before it is confirmed', async () => {
    const api = await service();
    const preview = await api.previewImport({
      files: [csvFile('site-a.csv', [row({ serial: 'PF3AAAA1' }), row({ serial: 'PF3BBBB2' })])],
      lang: 'en',
    });
    expect(kinds(preview.files[0]!.rows)).toEqual(['2 added', '3 added']);
    expect(preview.totals).toMatchObject({ rows: 2, added: 2, rejected: 0 });
    expect((await api.listDevices({})).devices).toEqual([]);
  });

  it('writes the confirmed rows to the ledger so a restarted app still has them', async () => {
    const api = await service();
    const confirmed = await importConfirmed(api, [row({ serial: 'PF3AAAA1' }), row({ serial: 'PF3BBBB2' })]);
    expect(confirmed).toMatchObject({ added: 2, duplicates: 0, replaced: 0 });
    await api.close();
    open.splice(open.indexOf(api), 1);

    const reopened = await service();
    const devices = (await reopened.listDevices({})).devices;
    expect(devices.map((d) => [d.serial, d.state, d.source])).toEqual([
      ['PF3AAAA1', 'new', { kind: 'imported', file: 'seed.csv', line: 2 }],
      ['PF3BBBB2', 'new', { kind: 'imported', file: 'seed.csv', line: 3 }],
    ]);
  });

  it('tells a device already in the ledger from one repeated within the files being imported', async () => {
    const api = await service();
    await importConfirmed(api, [row({ serial: 'PF3AAAA1' })]);
    const preview = await api.previewImport({
      files: [
        // A new hash text of the same hardware (Windows writes a different one each time).
        csvFile('monday.csv', [row({ serial: 'PF3AAAA1', nonce: 1 }), row({ serial: 'PF3BBBB2' })]),
        csvFile('tuesday.csv', [row({ serial: 'PF3BBBB2', nonce: 2 })]),
      ],
      lang: 'en',
    });
    expect(kinds(preview.files[0]!.rows)).toEqual(['2 duplicate-in-ledger', '3 added']);
    expect(preview.files[1]!.rows[0]).toMatchObject({
      kind: 'duplicate-in-batch',
      serial: 'PF3BBBB2',
      firstSeen: { file: 'monday.csv', line: 3 },
    });
    expect(preview.totals).toMatchObject({ added: 1, duplicates: 2 });
  });

  it('reports new hardware for a known serial as replaced, and the ledger keeps the new hash', async () => {
    const api = await service();
    await importConfirmed(api, [row({ serial: 'PF3AAAA1' })]);
    const preview = await api.previewImport({
      files: [csvFile('repaired.csv', [row({ serial: 'PF3AAAA1', diskSerials: ['NEW-DISK-1'] })])],
      lang: 'en',
    });
    expect(preview.files[0]!.rows[0]).toMatchObject({ kind: 'replaced', replaces: 'ledger' });
    const confirmed = await api.confirmImport({ previewId: preview.previewId, lang: 'en' });
    expect(confirmed).toMatchObject({ kind: 'imported', replaced: 1 });
    const [device] = (await api.listDevices({})).devices;
    const details = await api.deviceDetails({ id: device!.id, lang: 'en' });
    expect(details.kind === 'found' && details.decoded?.diskSerials).toEqual(['NEW-DISK-1']);
  });

  it('rejects an unusable row with its code and a message in the requested language', async () => {
    const api = await service();
    const preview = await api.previewImport({
      files: [
        csvFile('bad.csv', [
          row({ serial: 'PF3AAAA1' }),
          ['PF3BBBB2', '', corrupt.flipChecksumByte(buildHash())],
        ]),
      ],
      lang: 'ja',
    });
    const rejected = preview.files[0]!.rows[1]!;
    expect(rejected).toMatchObject({ kind: 'rejected', line: 3, code: 'hash-invalid', serial: 'PF3BBBB2' });
    expect(rejected.kind === 'rejected' && rejected.message).toMatch(/チェックサム/);
  });

  it('lists what was repaired on the row it was repaired in', async () => {
    const api = await service();
    const preview = await api.previewImport({
      files: [csvFile('excel.csv', [row({ serial: 'PF3AAAA1' }, 'pf3aaaa1')])],
      lang: 'en',
    });
    const [repaired] = preview.files[0]!.rows;
    expect(repaired).toMatchObject({ kind: 'added', serial: 'PF3AAAA1' });
    expect(repaired!.kind !== 'rejected' && repaired!.warnings.map((w) => w.code)).toEqual([
      'serial-repaired',
    ]);
    expect(preview.totals.repaired).toBe(1);
  });

  it('refuses a file that is not a hash CSV as a whole, with the reason', async () => {
    const api = await service();
    const preview = await api.previewImport({
      files: [{ name: 'notes.csv', base64: Buffer.from('hello,world\r\n1,2\r\n').toString('base64') }],
      lang: 'en',
    });
    expect(preview.files[0]).toMatchObject({
      rows: [],
      fileProblems: [{ file: 'notes.csv', line: 0, code: 'not-a-hash-csv' }],
    });
  });

  it('lists the first rows of a file of many bad rows, counting every row', async () => {
    const api = await service();
    const bad = Array.from({ length: 5000 }, (_, i) => [`BAD${i}`, '', 'not-a-hash']);
    const preview = await api.previewImport({
      files: [csvFile('bad.csv', [row({ serial: 'PF3AAAA1' }), ...bad])],
      lang: 'en',
    });
    const file = preview.files[0]!;
    expect(file.counts).toMatchObject({ rows: 5001, added: 1, rejected: 5000 });
    expect(file.rows.length).toBeLessThanOrEqual(2000);
    expect(file.omittedRows).toBe(5001 - file.rows.length);
    expect(file.rows[0]).toMatchObject({ line: 2, kind: 'added' });
  });

  it('lets other work run while it reads a large file', async () => {
    const api = await service();
    // About 4 MB of short bad rows: read in slices, with turns of the event loop between them.
    const bad = Array.from({ length: 400_000 }, (_, i) => [`B${i}`, '', 'x']);
    let turns = 0;
    let reading = true;
    const tick = () => {
      turns++;
      if (reading) setImmediate(tick);
    };
    setImmediate(tick);
    const preview = await api.previewImport({ files: [csvFile('big.csv', bad)], lang: 'en' });
    reading = false;
    expect(preview.files[0]!.counts.rejected).toBe(400_000);
    expect(turns).toBeGreaterThan(2);
  });

  it('confirms a preview only once', async () => {
    const api = await service();
    const preview = await api.previewImport({
      files: [csvFile('a.csv', [row({ serial: 'PF3AAAA1' })])],
      lang: 'en',
    });
    await api.confirmImport({ previewId: preview.previewId, lang: 'en' });
    expect(await api.confirmImport({ previewId: preview.previewId, lang: 'en' })).toEqual({
      kind: 'preview-not-found',
    });
  });

  it('forgets a preview once its time is up', async () => {
    const api = await service();
    const preview = await api.previewImport({
      files: [csvFile('a.csv', [row({ serial: 'PF3AAAA1' })])],
      lang: 'en',
    });
    clock = new Date(Date.parse(preview.expiresAt) + 1);
    expect(await api.confirmImport({ previewId: preview.previewId, lang: 'en' })).toEqual({
      kind: 'preview-not-found',
    });
    expect((await api.listDevices({})).devices).toEqual([]);
  });

  it('keeps only the latest few previews in memory', async () => {
    const api = await service();
    const file = csvFile('a.csv', [row({ serial: 'PF3AAAA1' })]);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await api.previewImport({ files: [file], lang: 'en' })).previewId);
    expect(await api.confirmImport({ previewId: ids[0]!, lang: 'en' })).toEqual({
      kind: 'preview-not-found',
    });
    expect(await api.confirmImport({ previewId: ids[3]!, lang: 'en' })).toMatchObject({ kind: 'imported' });
  });
});

describe('devices', () => {
  it('deletes devices from the list and brings them back with undo', async () => {
    const api = await service();
    await importConfirmed(api, [row({ serial: 'PF3AAAA1' }), row({ serial: 'PF3BBBB2' })]);
    const [first] = (await api.listDevices({})).devices;
    expect(await api.removeDevices({ ids: [first!.id], lang: 'en' })).toEqual({
      kind: 'done',
      changed: [first!.id],
      unknown: [],
    });
    expect((await api.listDevices({})).devices.map((d) => d.state)).toEqual(['deleted', 'new']);
    await api.restoreDevices({ ids: [first!.id], lang: 'en' });
    expect((await api.listDevices({})).devices.map((d) => d.state)).toEqual(['new', 'new']);
  });

  it('names unknown ids back instead of failing a delete', async () => {
    const api = await service();
    await importConfirmed(api, [row({ serial: 'PF3AAAA1' })]);
    const [device] = (await api.listDevices({})).devices;
    expect(await api.removeDevices({ ids: [device!.id, 'feedfacefeedface'], lang: 'en' })).toEqual({
      kind: 'done',
      changed: [device!.id],
      unknown: ['feedfacefeedface'],
    });
  });

  it('decodes the stored hash on demand, with its verification and history', async () => {
    const api = await service();
    await importConfirmed(api, [row({ serial: 'PF3AAAA1' })]);
    const [device] = (await api.listDevices({})).devices;
    const details = await api.deviceDetails({ id: device!.id, lang: 'en' });
    expect(details).toMatchObject({
      kind: 'found',
      hash: buildHash({ serial: 'PF3AAAA1' }),
      verification: { kind: 'verified' },
      decoded: {
        serial: 'PF3AAAA1',
        manufacturer: 'LENOVO',
        model: '20XW0026JP',
        sku: 'LENOVO_MT_20XW_BU_Think_FM_ThinkPad X1 Carbon Gen 9',
        productKeyId: '3305404496774',
        smbiosUuid: '4C4C4544-0042-3510-8052-B4C04F563532',
        networkAdapters: [{ mac: '8C:8C:AA:12:34:56' }, { mac: '8C:8C:AA:12:34:57' }],
        diskSerials: ['0025_388B_9150_1F2A.'],
        osBuild: '10.0.26100.7705',
      },
      history: [{ type: 'device-added', source: { kind: 'imported', file: 'seed.csv', line: 2 } }],
    });
  });

  it('answers not-found for a device id the ledger does not know', async () => {
    const api = await service();
    expect(await api.deviceDetails({ id: 'feedfacefeedface', lang: 'en' })).toEqual({
      kind: 'not-found',
      id: 'feedfacefeedface',
    });
  });

  it('refuses to open a ledger another service of this app holds', async () => {
    await service();
    await expect(service()).rejects.toSatisfy((e) => e instanceof LedgerError && e.kind === 'locked');
  });
});

describe('export', () => {
  const request = {
    format: 'intune',
    tag: TAG,
    allowCustomTag: false,
    selection: { kind: 'all' },
    lang: 'en',
  } as const;

  it('writes a verified Intune CSV to a folder that reads back with the chosen tag', async () => {
    const api = await service();
    await importConfirmed(api, [row({ serial: 'PF3AAAA1' }), row({ serial: 'PF3BBBB2' })]);
    const out = path.join(temp.path(), 'out');
    const result = await api.exportDevices({ ...request, destination: { kind: 'folder', path: out } });
    expect(result).toMatchObject({
      kind: 'done',
      folder: out,
      devices: 2,
      failure: null,
      historyFailure: null,
    });
    const written = result.kind === 'done' ? result.files : [];
    expect(written).toEqual([{ path: path.join(out, 'autopilot-intune-20261124-213005.csv'), devices: 2 }]);
    const lines = readFileSync(written[0]!.path, 'ascii').split('\r\n');
    expect(lines.slice(0, 3)).toEqual([
      'Device Serial Number,Windows Product ID,Hardware Hash,Group Tag',
      `PF3AAAA1,,${buildHash({ serial: 'PF3AAAA1' })},${TAG}`,
      `PF3BBBB2,,${buildHash({ serial: 'PF3BBBB2' })},${TAG}`,
    ]);
    expect((await api.listDevices({})).devices.map((d) => d.state)).toEqual(['exported', 'exported']);
  });

  it('previews the first lines with shortened hashes and writes nothing', async () => {
    const api = await service();
    await importConfirmed(api, [row({ serial: 'PF3AAAA1' })]);
    const preview = await api.previewExport(request);
    expect(preview).toMatchObject({ kind: 'ready', devices: 1, files: 1, rejected: [] });
    const lines = preview.kind === 'ready' ? preview.lines : [];
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(new RegExp(`^PF3AAAA1,,T0[A-Za-z0-9+/]{10}…[A-Za-z0-9+/=]{8},${TAG}$`));
    expect((await api.listDevices({})).devices[0]!.state).toBe('new');
  });

  it('refuses a near-miss tag and names the tag that was meant', async () => {
    const api = await service();
    const preview = await api.previewExport({
      ...request,
      tag: 'microsoft365managed_autopilot ',
      lang: 'ja',
    });
    expect(preview).toMatchObject({
      kind: 'tag-refused',
      check: { kind: 'near-miss', suggestion: TAG, reasons: ['case', 'spaces'] },
    });
  });

  it('asks for a full path rather than writing into whatever folder the app started in', async () => {
    const api = await service();
    await importConfirmed(api, [row({ serial: 'PF3AAAA1' })]);
    const result = await api.exportDevices({ ...request, destination: { kind: 'folder', path: 'out' } });
    expect(result).toMatchObject({ kind: 'destination-unavailable', problem: { kind: 'not-absolute' } });
    expect(existsSync(path.join(process.cwd(), 'out'))).toBe(false);
  });

  it('leaves a device with a value the format cannot carry out of the export, with the reason', async () => {
    const api = await service();
    await importConfirmed(api, [row({ serial: 'PF3.AAAA1' }), row({ serial: 'PF3BBBB2' })]);
    const out = path.join(temp.path(), 'out');
    const result = await api.exportDevices({ ...request, destination: { kind: 'folder', path: out } });
    expect(result).toMatchObject({ kind: 'done', devices: 1 });
    expect(result.kind === 'done' && result.rejected.map((r) => [r.code, r.params.reason])).toEqual([
      ['value-not-writable', 'intune-serial-dot'],
    ]);
    expect(readdirSync(out).filter((f) => f.endsWith('.csv'))).toHaveLength(1);
  });
});

describe('group tags in the ledger', () => {
  const HEADER = 'Device Serial Number,Windows Product ID,Hardware Hash,Group Tag';
  const tagged = (serial: string, tag: string) => [...row({ serial }), tag];

  it('shows a mistyped, a lower-case and a full-width tag in the import preview, never as plain rows', async () => {
    const api = await service();
    const preview = await api.previewImport({
      files: [
        csvFile(
          'tags.csv',
          [
            tagged('PF3AAAA1', 'Microsoft365Managed_Autopliot'),
            tagged('PF3BBBB2', 'microsoft365managed_autopilot'),
            tagged('PF3CCCC3', 'Ｍｉｃｒｏｓｏｆｔ365Ｍａｎａｇｅｄ＿Ａｕｔｏｐｉｌｏｔ'),
            tagged('PF3DDDD4', TAG),
          ],
          HEADER,
        ),
      ],
      lang: 'en',
    });
    expect(preview.files[0]!.rows.map((r) => (r.kind === 'rejected' ? r.kind : r.tagStatus))).toEqual([
      { kind: 'near-miss', suggestion: TAG, reasons: ['typo'], correctable: false },
      { kind: 'near-miss', suggestion: TAG, reasons: ['case'], correctable: true },
      { kind: 'near-miss', suggestion: TAG, reasons: ['full-width'], correctable: true },
      { kind: 'known' },
    ]);
  });

  it('keeps the tag status in the device list and corrects it with a history entry', async () => {
    const api = await service();
    const { deviceIds } = await importConfirmed(
      api,
      [tagged('PF3AAAA1', 'Microsoft365Managed_Autopliot')],
      HEADER,
    );
    const id = deviceIds[0]!;
    expect((await api.listDevices({})).devices[0]!.tagStatus).toMatchObject({ kind: 'near-miss' });

    clock = new Date(START.getTime() + 60_000);
    expect(await api.setGroupTag({ ids: [id, 'unknown-id'], tag: TAG, lang: 'en' })).toEqual({
      kind: 'done',
      changed: [id],
      unknown: ['unknown-id'],
    });
    const details = await api.deviceDetails({ id, lang: 'en' });
    expect(details.kind === 'found' && [details.device.groupTag, details.device.tagStatus]).toEqual([
      TAG,
      { kind: 'known' },
    ]);
    expect(details.kind === 'found' && details.history.at(-1)).toEqual({
      type: 'group-tag-set',
      at: clock.toISOString(),
      groupTag: TAG,
      from: 'Microsoft365Managed_Autopliot',
    });
    // The journal replays the correction: a restarted app has it too.
    await api.close();
    open.splice(open.indexOf(api), 1);
    expect((await (await service()).listDevices({})).devices[0]!.groupTag).toBe(TAG);
  });

  it('sets only a known tag', async () => {
    const api = await service();
    const { deviceIds } = await importConfirmed(api, [row({ serial: 'PF3AAAA1' })]);
    const answer = await api.setGroupTag({
      ids: deviceIds,
      tag: 'Microsoft365Managed_Autopliot',
      lang: 'en',
    });
    expect(answer).toMatchObject({ kind: 'tag-refused', check: { kind: 'near-miss', suggestion: TAG } });
    expect((await api.listDevices({})).devices[0]!.groupTag).toBe('');
  });

  it('corrects a mistyped tag chosen in the import preview as the rows are saved, with the history of both', async () => {
    const api = await service();
    // PF3CCCC3 is in the ledger already with the right tag: its row is a sighting and its tag stays.
    await importConfirmed(api, [tagged('PF3CCCC3', TAG)], HEADER);
    const preview = await api.previewImport({
      files: [
        csvFile(
          'osaka.csv',
          [
            tagged('PF3AAAA1', TYPO),
            tagged('PF3BBBB2', TYPO),
            tagged('PF3CCCC3', TYPO),
            tagged('PF3DDDD4', 'microsoft365managed_autopilot'),
          ],
          HEADER,
        ),
      ],
      lang: 'en',
    });
    const ids = preview.files[0]!.rows.map((r) => (r.kind === 'rejected' ? '' : r.deviceId));
    clock = new Date(START.getTime() + 60_000);
    const confirmed = await api.confirmImport({
      previewId: preview.previewId,
      // PF3BBBB2 is left as typed; PF3CCCC3 is named although its saved tag is not the typo.
      tagCorrections: [{ deviceIds: [ids[0]!, ids[2]!], from: TYPO, tag: TAG }],
      lang: 'en',
    });
    expect(confirmed).toMatchObject({
      kind: 'imported',
      added: 3,
      duplicates: 1,
      tagsCorrected: [ids[0]],
      tagCorrectionFailure: null,
    });
    const tags = (await api.listDevices({})).devices.map((d) => [d.serial, d.groupTag, d.tagStatus.kind]);
    expect(tags).toEqual([
      ['PF3CCCC3', TAG, 'known'],
      ['PF3AAAA1', TAG, 'known'],
      ['PF3BBBB2', TYPO, 'near-miss'],
      ['PF3DDDD4', 'microsoft365managed_autopilot', 'near-miss'],
    ]);
    const details = await api.deviceDetails({ id: ids[0]!, lang: 'en' });
    expect(details.kind === 'found' && details.history.map((h) => h.type)).toEqual([
      'device-added',
      'group-tag-set',
    ]);
    expect(details.kind === 'found' && details.history.at(-1)).toMatchObject({ groupTag: TAG, from: TYPO });
  });

  it('refuses a correction to a tag that is not a known one and keeps the preview to save again', async () => {
    const api = await service();
    const preview = await api.previewImport({
      files: [csvFile('osaka.csv', [tagged('PF3AAAA1', TYPO)], HEADER)],
      lang: 'en',
    });
    const id = preview.files[0]!.rows[0]!.kind === 'added' ? preview.files[0]!.rows[0]!.deviceId : '';
    const refused = await api.confirmImport({
      previewId: preview.previewId,
      tagCorrections: [{ deviceIds: [id], from: TYPO, tag: 'Sales' }],
      lang: 'en',
    });
    expect(refused).toMatchObject({ kind: 'tag-refused', check: { kind: 'custom', tag: 'Sales' } });
    expect((await api.listDevices({})).devices).toEqual([]);
    expect(await api.confirmImport({ previewId: preview.previewId, lang: 'en' })).toMatchObject({
      kind: 'imported',
      added: 1,
      tagsCorrected: [],
    });
  });

  it('keeps a device whose row tag is custom in a Partner Center export, with a warning naming the group', async () => {
    const api = await service();
    await importConfirmed(api, [tagged('PF3AAAA1', 'Sales')], HEADER);
    const out = path.join(temp.path(), 'out');
    const result = await api.exportDevices({
      format: 'partner-center',
      tag: null,
      allowCustomTag: false,
      selection: { kind: 'all' },
      lang: 'en',
      destination: { kind: 'folder', path: out },
    });
    expect(
      result.kind === 'done' && [result.devices, result.rejected, result.warnings.map((w) => w.code)],
    ).toEqual([1, [], ['group-tag-not-carried']]);
  });
});

describe('app', () => {
  it('reports where the ledger and the log are, and the language of the OS locale', async () => {
    const api = await service({ env: { LANG: 'ja_JP.UTF-8' } });
    expect(await api.appInfo({})).toMatchObject({
      defaultLang: 'ja',
      ledger: { dir: ledgerDir(), mirror: null, devices: 0, skippedLines: 0 },
      logDir: ledgerDir(),
      logFile: path.join(ledgerDir(), 'harvester.log'),
    });
  });

  it('offers the known group tags, default first, described in the requested language', async () => {
    const api = await service();
    const known = await api.knownGroupTags({ lang: 'ja' });
    expect(known.defaultTag).toBe(TAG);
    expect(known.tags[0]).toEqual({
      tag: TAG,
      description: 'Microsoft マネージド デスクトップ（既定）',
      shared: false,
    });
  });
});

describe.skipIf(process.platform === 'win32')(
  'collection and drives through the fake PowerShell (POSIX only: the fake is a Node script started as an executable, which Windows cannot do)',
  () => {
    const fake = useFakePowerShell();

    it('shows this device before saving anything', async () => {
      const api = await service({ powershell: fake.executable });
      fake.answer({ stdoutJson: deviceFacts({ hash: buildHash({ serial: 'PF3ABCDE' }) }) });
      expect(await api.thisDevice({ lang: 'en' })).toEqual({
        kind: 'collected',
        serial: 'PF3ABCDE',
        manufacturer: 'LENOVO',
        model: '20XW0026JP',
        computerName: 'DESKTOP-7Q2K9LM',
        virtualMachine: false,
        osVersion: '10.0.26100.0',
        ledger: { kind: 'not-in-ledger' },
      });
      expect((await api.listDevices({})).devices).toEqual([]);
    });

    it('saves this device, and then knows it is in the ledger with the same hardware', async () => {
      const api = await service({ powershell: fake.executable });
      fake.answer({ stdoutJson: deviceFacts({ hash: buildHash({ serial: 'PF3ABCDE' }) }) });
      const saved = await api.collectThisDevice({ lang: 'en' });
      expect(saved).toMatchObject({
        kind: 'added',
        device: { serial: 'PF3ABCDE', source: { kind: 'collected', computerName: 'DESKTOP-7Q2K9LM' } },
      });
      fake.answer({ stdoutJson: deviceFacts({ hash: buildHash({ serial: 'PF3ABCDE', nonce: 4 }) }) });
      expect(await api.thisDevice({ lang: 'en' })).toMatchObject({
        ledger: { kind: 'in-ledger', state: 'new', sameHardware: true },
      });
      expect(await api.collectThisDevice({ lang: 'en' })).toMatchObject({ kind: 'duplicate' });
    });

    it('explains a failed collection with a title and an action in the requested language', async () => {
      const api = await service({ powershell: fake.executable });
      fake.scenario('not-elevated');
      const result = await api.collectThisDevice({ lang: 'ja' });
      expect(result).toMatchObject({ kind: 'failed', problem: { kind: 'not-elevated' } });
      expect(result.kind === 'failed' && result.problem.title).toMatch(/管理者権限/);
      expect(result.kind === 'failed' && result.problem.action).toContain('Shift+F10');
    });

    it('lists the removable drives', async () => {
      const api = await service({ powershell: fake.executable });
      fake.scenario('drives-two');
      const result = await api.listDrives({});
      expect(
        result.kind === 'listed' && result.drives.map((d) => [d.letter, d.label, d.volumeSerial]),
      ).toEqual([
        ['E:', 'HARVESTER', '5A1C3F20'],
        ['F:', 'CAMERA', '0E77A1B2'],
      ]);
    });

    it('says in plain words when the chosen USB stick is not plugged in', async () => {
      const api = await service({ powershell: fake.executable });
      await importConfirmed(api, [row({ serial: 'PF3AAAA1' })]);
      fake.scenario('drives-two');
      const result = await api.exportDevices({
        format: 'partner-center',
        tag: TAG,
        allowCustomTag: false,
        selection: { kind: 'all' },
        lang: 'en',
        destination: { kind: 'drive', volumeSerial: 'DEADBEEF', label: 'OTHER', folder: '' },
      });
      expect(result).toMatchObject({ kind: 'destination-unavailable', problem: { kind: 'drive-not-found' } });
      expect(result.kind === 'destination-unavailable' && result.message).toMatch(/not plugged in/);
    });
  },
);
