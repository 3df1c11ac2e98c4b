import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  COLLECT_SCRIPT_PATH,
  THIS_DEVICE_SOURCE,
  collectThisDevice,
  type CollectionResult,
} from '../../../../electron/collection/collect';
import { isSameDevice } from '../../../../shared/device';
import { hashText } from '../../../../shared/hardware-hash';
import {
  ERROR_RECORD_TEXT,
  deviceFacts,
  useFakePowerShell,
  type FakeAnswer,
} from '../../../fakes/use-fake-powershell';
import { buildHash, corrupt } from '../../../support/hash-builder';

describe.skipIf(process.platform === 'win32')(
  'collectThisDevice against a fake PowerShell (POSIX only)',
  () => {
    const fake = useFakePowerShell();

    /** Collects with the fake answering `facts` as the collection script would. */
    async function collectWith(
      facts: Record<string, unknown>,
      log?: (line: string) => void,
    ): Promise<CollectionResult> {
      fake.answer({ stdoutJson: facts });
      return collectThisDevice({ executable: fake.executable, timeoutMs: 10_000, log });
    }

    /** Collects with the fake replaying `answer` (stdout and stderr as given). */
    async function collectAnswer(
      answer: FakeAnswer,
      log?: (line: string) => void,
    ): Promise<CollectionResult> {
      fake.answer(answer);
      return collectThisDevice({ executable: fake.executable, timeoutMs: 10_000, log });
    }

    async function collectScenario(name: string, log?: (line: string) => void): Promise<CollectionResult> {
      fake.scenario(name);
      return collectThisDevice({ executable: fake.executable, timeoutMs: 10_000, log });
    }

    it('returns a verified row of this device when Windows gives a sound hash', async () => {
      const result = await collectWith(deviceFacts({ hash: buildHash() }));
      expect(result.kind).toBe('collected');
      if (result.kind !== 'collected') return;
      expect(result.row).toMatchObject({
        serial: 'PF3ABCDE',
        manufacturer: 'LENOVO',
        model: '20XW0026JP',
        groupTag: '',
        assignedUser: '',
        source: THIS_DEVICE_SOURCE,
      });
      expect(result.computerName).toBe('DESKTOP-7Q2K9LM');
      expect(result.virtualMachine).toBe(false);
      expect(hashText(result.row.hash)).toBe(buildHash());
    });

    it('leaves the Windows Product ID empty even when the hash carries a PKID, as Get-WindowsAutoPilotInfo does', async () => {
      const result = await collectWith(deviceFacts({ hash: buildHash({ productKeyId: '3305404496774' }) }));
      expect(result.kind === 'collected' && result.row.productId).toBe('');
    });

    it('leaves the Windows Product ID empty when the hash carries no PKID', async () => {
      const result = await collectWith(deviceFacts({ hash: buildHash({ productKeyId: undefined }) }));
      expect(result.kind === 'collected' && result.row.productId).toBe('');
    });

    it('takes the model from Windows when the hash has no model record', async () => {
      const result = await collectWith(
        deviceFacts({ hash: buildHash({ model: undefined }), model: '20XW0026JP' }),
      );
      expect(result.kind === 'collected' && result.row.model).toBe('20XW0026JP');
    });

    it('recognises a device collected twice as the same device although the hash text differs', async () => {
      const first = await collectWith(deviceFacts({ hash: buildHash({ nonce: 1 }) }));
      const second = await collectWith(deviceFacts({ hash: buildHash({ nonce: 2 }) }));
      if (first.kind !== 'collected' || second.kind !== 'collected')
        throw new Error('both should be collected');
      expect(hashText(first.row.hash)).not.toBe(hashText(second.row.hash));
      expect(isSameDevice(first.row, second.row)).toBe(true);
    });

    it('says not-windows when the script runs somewhere other than Windows', async () => {
      expect(await collectScenario('not-windows')).toEqual({
        kind: 'failed',
        problem: { kind: 'not-windows' },
      });
    });

    it('says not-elevated when the app runs without administrator rights', async () => {
      expect(await collectScenario('not-elevated')).toEqual({
        kind: 'failed',
        problem: { kind: 'not-elevated' },
      });
    });

    it('says winpe when the device runs Windows PE', async () => {
      expect(await collectScenario('winpe')).toEqual({ kind: 'failed', problem: { kind: 'winpe' } });
    });

    it('says mi-result-1 for the KB5013942 failure of the hash query', async () => {
      expect(await collectScenario('mi-result-1')).toEqual({
        kind: 'failed',
        problem: { kind: 'mi-result-1' },
      });
    });

    /** The failure as the script records it (see the fake's MI_RESULT_1), on Windows `osVersion`. */
    const miFailure = (osVersion: string, overrides: Record<string, unknown> = {}) =>
      deviceFacts({
        osVersion,
        hashError:
          'Microsoft.Management.Infrastructure.CimException: A general error occurred that is not covered by a ' +
          'more specific error code.',
        hashErrorCode: 1,
        hashErrorId: 'MI RESULT 1,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand',
        ...overrides,
      });

    it.each(['10.0.19041.0', '10.0.19042.0', '10.0.19043.0', '10.0.19044.0'])(
      'gives the KB5013942 advice on Windows 10 %s, a build that update concerns',
      async (osVersion) => {
        expect(await collectWith(miFailure(osVersion))).toEqual({
          kind: 'failed',
          problem: { kind: 'mi-result-1' },
        });
      },
    );

    it.each(['10.0.19045.0', '10.0.22631.0', '10.0.26100.0', '10.0.18363.0'])(
      'does not blame KB5013942 for the same failure on %s, which that update never reached',
      async (osVersion) => {
        expect(await collectWith(miFailure(osVersion))).toEqual({
          kind: 'failed',
          problem: { kind: 'hash-query-failed' },
        });
      },
    );

    it('recognises the KB5013942 failure by its error id when NativeErrorCode was not read', async () => {
      const result = await collectWith(miFailure('10.0.19044.0', { hashErrorCode: 0 }));
      expect(result).toEqual({ kind: 'failed', problem: { kind: 'mi-result-1' } });
    });

    it('does not judge by the message, which Windows localises', async () => {
      const result = await collectWith(
        miFailure('10.0.19044.0', {
          hashErrorCode: 0,
          hashErrorId: '',
          hashError: 'Microsoft.Management.Infrastructure.CimException: 一般エラーが発生しました。',
        }),
      );
      expect(result).toEqual({ kind: 'failed', problem: { kind: 'hash-query-failed' } });
    });

    it.each([
      [2, 'HRESULT 0x80041003', { kind: 'hash-access-denied' }],
      [3, 'HRESULT 0x8004100e', { kind: 'mdm-bridge-missing', missing: 'namespace' }],
      [5, 'HRESULT 0x80041010', { kind: 'mdm-bridge-missing', missing: 'class' }],
    ] as const)('reads MI_Result %i (%s) as its own problem', async (code, id, expected) => {
      const result = await collectWith(
        deviceFacts({
          hashError: 'Microsoft.Management.Infrastructure.CimException: (localised text)',
          hashErrorCode: code,
          hashErrorId: `${id},Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand`,
        }),
      );
      expect(result).toEqual({ kind: 'failed', problem: expected });
    });

    it.each([
      ['HRESULT 0x80041003', { kind: 'hash-access-denied' }],
      ['HRESULT 0x8004100E', { kind: 'mdm-bridge-missing', missing: 'namespace' }],
      ['HRESULT 0x80041010', { kind: 'mdm-bridge-missing', missing: 'class' }],
    ] as const)('reads %s in the error id when the failure came without a code', async (id, expected) => {
      const result = await collectWith(
        deviceFacts({
          hashError: 'Microsoft.Management.Infrastructure.CimException: (localised text)',
          hashErrorCode: 0,
          hashErrorId: `${id},Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand`,
        }),
      );
      expect(result).toEqual({ kind: 'failed', problem: expected });
    });

    it('says powershell-locked-down when the command finds Constrained Language Mode', async () => {
      const lines: string[] = [];
      const result = await collectScenario('constrained-language', (line) => lines.push(line));
      expect(result).toEqual({
        kind: 'failed',
        problem: { kind: 'powershell-locked-down', languageMode: 'ConstrainedLanguage' },
      });
      expect(lines.join('\n')).toContain('ConstrainedLanguage');
    });

    it('says powershell-locked-down when the script itself finds a restricted language mode', async () => {
      const result = await collectWith(
        deviceFacts({ languageMode: 'ConstrainedLanguage', isWindows: false }),
      );
      expect(result).toEqual({
        kind: 'failed',
        problem: { kind: 'powershell-locked-down', languageMode: 'ConstrainedLanguage' },
      });
    });

    it('keeps what PowerShell wrote to stderr in the log when it times out', async () => {
      const lines: string[] = [];
      fake.answer({ hang: true, stderr: 'Get-CimInstance : The RPC server is unavailable.' });
      const result = await collectThisDevice({
        executable: fake.launcher(),
        timeoutMs: 5_000,
        log: (line) => lines.push(line),
      });
      expect(result).toEqual({ kind: 'failed', problem: { kind: 'timeout', timeoutMs: 5_000 } });
      expect(lines.join('\n')).toContain('The RPC server is unavailable.');
    });

    it('says no-hash for a virtual machine that gives no hash', async () => {
      expect(await collectScenario('vm-no-hash')).toEqual({
        kind: 'failed',
        problem: { kind: 'no-hash', virtualMachine: true },
      });
    });

    it('says no-hash for a physical device whose hash comes back empty', async () => {
      expect(await collectWith(deviceFacts({ hash: '' }))).toEqual({
        kind: 'failed',
        problem: { kind: 'no-hash', virtualMachine: false },
      });
    });

    it('says hash-query-failed when the hash query fails for another reason, and logs Windows words and the id', async () => {
      const lines: string[] = [];
      const result = await collectWith(
        deviceFacts({
          hashError: 'Microsoft.Management.Infrastructure.CimException: Not supported',
          hashErrorCode: 7,
          hashErrorId:
            'HRESULT 0x8004100c,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand',
        }),
        (line) => lines.push(line),
      );
      expect(result).toEqual({ kind: 'failed', problem: { kind: 'hash-query-failed' } });
      expect(lines.join('\n')).toContain('Not supported');
      expect(lines.join('\n')).toContain('HRESULT 0x8004100c');
    });

    it('says hash-invalid with the decoder failure when the hash does not verify', async () => {
      const result = await collectWith(deviceFacts({ hash: corrupt.flipChecksumByte(buildHash()) }));
      expect(result).toEqual({
        kind: 'failed',
        problem: { kind: 'hash-invalid', failure: { kind: 'checksum-mismatch' } },
      });
    });

    it('says hash-invalid when the hash has no serial, which Autopilot refuses', async () => {
      const result = await collectWith(deviceFacts({ hash: buildHash({ serial: undefined }) }));
      expect(result).toEqual({
        kind: 'failed',
        problem: { kind: 'hash-invalid', failure: { kind: 'no-serial' } },
      });
    });

    it('says identity-mismatch with both values when the hash serial differs from Windows', async () => {
      const result = await collectWith(
        deviceFacts({ hash: buildHash({ serial: 'PF3ZZZZZ' }), serial: 'PF3ABCDE' }),
      );
      expect(result).toEqual({
        kind: 'failed',
        problem: {
          kind: 'identity-mismatch',
          mismatches: [{ field: 'serial', fromHash: 'PF3ZZZZZ', fromWindows: 'PF3ABCDE' }],
        },
      });
    });

    it('collects when Windows spells the manufacturer in another case than the hash', async () => {
      const result = await collectWith(
        deviceFacts({ hash: buildHash({ manufacturer: 'LENOVO' }), manufacturer: 'Lenovo' }),
      );
      expect(result.kind).toBe('collected');
    });

    it('collects when the manufacturer from Windows has spaces around it', async () => {
      const result = await collectWith(deviceFacts({ hash: buildHash(), manufacturer: '  LENOVO ' }));
      expect(result.kind).toBe('collected');
    });

    it('collects when the serials of hash and Windows differ only in case', async () => {
      const result = await collectWith(
        deviceFacts({ hash: buildHash({ serial: 'PF3ABCDE' }), serial: 'pf3abcde' }),
      );
      expect(result.kind).toBe('collected');
    });

    it('keeps the serial the hash proves when Windows spells it in another case', async () => {
      const result = await collectWith(
        deviceFacts({ hash: buildHash({ serial: 'PF3ABCDE' }), serial: 'pf3abcde' }),
      );
      expect(result.kind === 'collected' && result.row.serial).toBe('PF3ABCDE');
    });

    it('says identity-mismatch when the serials differ by more than case, even by leading zeros', async () => {
      const result = await collectWith(
        deviceFacts({ hash: buildHash({ serial: '0012345678' }), serial: '12345678' }),
      );
      expect(result).toEqual({
        kind: 'failed',
        problem: {
          kind: 'identity-mismatch',
          mismatches: [{ field: 'serial', fromHash: '0012345678', fromWindows: '12345678' }],
        },
      });
    });

    it('says identity-mismatch when the manufacturers differ by more than case', async () => {
      const result = await collectWith(
        deviceFacts({ hash: buildHash({ manufacturer: 'LENOVO' }), manufacturer: 'Lenovo Group' }),
      );
      expect(result).toEqual({
        kind: 'failed',
        problem: {
          kind: 'identity-mismatch',
          mismatches: [{ field: 'manufacturer', fromHash: 'LENOVO', fromWindows: 'Lenovo Group' }],
        },
      });
    });

    it('says identity-mismatch when the hash manufacturer differs from Windows', async () => {
      const result = await collectWith(deviceFacts({ hash: buildHash(), manufacturer: 'Dell Inc.' }));
      expect(result).toEqual({
        kind: 'failed',
        problem: {
          kind: 'identity-mismatch',
          mismatches: [{ field: 'manufacturer', fromHash: 'LENOVO', fromWindows: 'Dell Inc.' }],
        },
      });
    });

    it('trusts the verified hash when Windows could not read the serial', async () => {
      const result = await collectWith(
        deviceFacts({ hash: buildHash(), serial: '', biosError: 'access denied' }),
      );
      expect(result.kind).toBe('collected');
    });

    it('says serial-placeholder when the firmware carries no real serial', async () => {
      const placeholder = 'To be filled by O.E.M.';
      const result = await collectWith(
        deviceFacts({ hash: buildHash({ serial: placeholder }), serial: placeholder }),
      );
      expect(result).toEqual({
        kind: 'failed',
        problem: { kind: 'serial-placeholder', serial: placeholder },
      });
    });

    it('says bad-output for garbage and logs the raw output, not the screen', async () => {
      const lines: string[] = [];
      const result = await collectScenario('garbage', (line) => lines.push(line));
      expect(result).toEqual({ kind: 'failed', problem: { kind: 'bad-output' } });
      expect(lines.join('\n')).toContain('Get-CimInstance : Invalid class');
    });

    it('says bad-output for JSON that is not the script output', async () => {
      expect(await collectWith({ schema: 1, isWindows: 'yes' })).toEqual({
        kind: 'failed',
        problem: { kind: 'bad-output' },
      });
    });

    it('collects from a complete answer when PowerShell also wrote an error record to stderr', async () => {
      const result = await collectAnswer({
        stdoutJson: deviceFacts({ hash: buildHash() }),
        stderr: ERROR_RECORD_TEXT,
      });
      expect(result.kind).toBe('collected');
    });

    it('logs what PowerShell wrote to stderr beside a complete answer', async () => {
      const lines: string[] = [];
      await collectAnswer(
        { stdoutJson: deviceFacts({ hash: buildHash() }), stderr: ERROR_RECORD_TEXT },
        (line) => lines.push(line),
      );
      expect(lines.join('\n')).toContain('FullyQualifiedErrorId : HRESULT 0x80041003');
    });

    it('still judges a complete answer that came with stderr text, e.g. not-elevated', async () => {
      const result = await collectAnswer({
        stdoutJson: deviceFacts({ isElevated: false }),
        stderr: ERROR_RECORD_TEXT,
      });
      expect(result).toEqual({ kind: 'failed', problem: { kind: 'not-elevated' } });
    });

    it('says powershell-failed when stderr comes with output that does not match the format', async () => {
      const result = await collectAnswer({
        stdoutJson: { schema: 1, isWindows: true },
        stderr: 'Get-CimInstance : Access denied',
      });
      expect(result).toEqual({ kind: 'failed', problem: { kind: 'powershell-failed' } });
    });

    it('says powershell-failed when PowerShell writes an error to stderr, and logs it', async () => {
      const lines: string[] = [];
      const result = await collectScenario('stderr', (line) => lines.push(line));
      expect(result).toEqual({ kind: 'failed', problem: { kind: 'powershell-failed' } });
      expect(lines.join('\n')).toContain('is not recognized as the name of a cmdlet');
    });

    it('says powershell-failed when the script reports an unexpected error of its own', async () => {
      const result = await collectWith(
        deviceFacts({ hash: buildHash(), scriptError: 'System.Exception: boom' }),
      );
      expect(result).toEqual({ kind: 'failed', problem: { kind: 'powershell-failed' } });
    });

    it('says timeout when PowerShell does not answer in time', async () => {
      fake.scenario('hang');
      const result = await collectThisDevice({ executable: fake.executable, timeoutMs: 300 });
      expect(result).toEqual({ kind: 'failed', problem: { kind: 'timeout', timeoutMs: 300 } });
    });

    it('says powershell-missing when there is no PowerShell', async () => {
      const result = await collectThisDevice({
        executable: path.join(os.tmpdir(), 'no-such-dir-harvester', 'powershell.exe'),
        timeoutMs: 10_000,
      });
      expect(result).toEqual({ kind: 'failed', problem: { kind: 'powershell-missing' } });
    });

    it('runs the shipped collection script, sent encoded in a single PowerShell start', async () => {
      await collectWith(deviceFacts({ hash: buildHash() }));
      const script = readFileSync(COLLECT_SCRIPT_PATH, 'utf8');
      const sent = [...fake.stdin().matchAll(/'([A-Za-z0-9+/=]+)'/g)].map((m) =>
        Buffer.from(m[1] ?? '', 'base64').toString('utf8'),
      );
      expect(sent).toContain(script);
    });

    it('keeps the hash out of the log', async () => {
      const lines: string[] = [];
      const hash = buildHash();
      await collectWith(deviceFacts({ hash }), (line) => lines.push(line));
      expectNoPartOf(hash, lines);
    });

    it('keeps the hash out of the log when a complete answer came with stderr text', async () => {
      const lines: string[] = [];
      const hash = buildHash();
      const result = await collectAnswer(
        { stdoutJson: deviceFacts({ hash }), stderr: ERROR_RECORD_TEXT },
        (line) => lines.push(line),
      );
      expect(result.kind).toBe('collected');
      expectNoPartOf(hash, lines);
    });

    it('keeps the hash out of the log when stderr comes with output that does not match the format', async () => {
      const lines: string[] = [];
      const hash = buildHash();
      const result = await collectAnswer(
        { stdoutJson: { ...deviceFacts({ hash }), schema: 3 }, stderr: 'Get-CimInstance : Access denied' },
        (line) => lines.push(line),
      );
      expect(result).toEqual({ kind: 'failed', problem: { kind: 'powershell-failed' } });
      expectNoPartOf(hash, lines);
    });

    it('keeps the hash out of the log when the output does not match the format', async () => {
      const lines: string[] = [];
      const hash = buildHash();
      const result = await collectWith({ ...deviceFacts({ hash }), isElevated: 'yes' }, (line) =>
        lines.push(line),
      );
      expect(result).toEqual({ kind: 'failed', problem: { kind: 'bad-output' } });
      expectNoPartOf(hash, lines);
    });

    it('keeps the hash out of the log when the output is garbage around a hash', async () => {
      const lines: string[] = [];
      const hash = buildHash();
      const stdout =
        `DeviceHardwareData : ${hash}\r\n` +
        `Get-CimInstance : Invalid class\r\n{"schema": 1, "hash": "${hash.slice(0, 2_500)}`;
      const result = await collectAnswer({ stdout }, (line) => lines.push(line));
      expect(result).toEqual({ kind: 'failed', problem: { kind: 'bad-output' } });
      expectNoPartOf(hash, lines);
    });

    it('keeps the hash out of the log when an error on stderr quotes the hash over wrapped lines', async () => {
      const lines: string[] = [];
      const hash = buildHash();
      const wrapped = (hash.match(/.{1,120}/g) ?? []).join('\r\n');
      const result = await collectAnswer(
        { stderr: `Cannot convert value "${wrapped}" to type "Int32".` },
        (line) => lines.push(line),
      );
      expect(result).toEqual({ kind: 'failed', problem: { kind: 'powershell-failed' } });
      expectNoPartOf(hash, lines);
    });

    it('keeps the hash out of the log when the hash does not verify', async () => {
      const lines: string[] = [];
      const hash = corrupt.flipChecksumByte(buildHash());
      const result = await collectWith(deviceFacts({ hash }), (line) => lines.push(line));
      expect(result.kind === 'failed' && result.problem.kind).toBe('hash-invalid');
      expectNoPartOf(hash, lines);
    });

    it('logs the length of a hash it left out of the log', async () => {
      const lines: string[] = [];
      const hash = buildHash();
      await collectWith({ ...deviceFacts({ hash }), schema: 3 }, (line) => lines.push(line));
      expect(lines.join('\n')).toContain(`"hash":"<hash: ${hash.length} characters>"`);
    });

    it('answers not-windows without starting anything off Windows when no PowerShell was chosen', async () => {
      vi.stubEnv('NODE_POWERSHELL', '');
      const result = await collectThisDevice({ timeoutMs: 10_000 });
      expect(result).toEqual({ kind: 'failed', problem: { kind: 'not-windows' } });
    });
  },
);

/** Fails when any 24 characters of `hash` in a row appear in the log. */
function expectNoPartOf(hash: string, lines: readonly string[]): void {
  const log = lines.join('\n');
  for (let start = 0; start + 24 <= hash.length; start += 12) {
    const part = hash.slice(start, start + 24);
    if (log.includes(part)) expect.fail(`the log holds hash characters ${start}-${start + 24}: ${part}`);
  }
}

describe('the shipped collection script', () => {
  it('sits next to the collection module, where the app reads it at run time', () => {
    expect(existsSync(COLLECT_SCRIPT_PATH)).toBe(true);
  });

  it('reads every source the brief lists and prints only through the pipeline, which the wrapper writes out', () => {
    const script = readFileSync(COLLECT_SCRIPT_PATH, 'utf8');
    for (const needle of [
      'Win32_BIOS',
      'MDM_DevDetail_Ext01',
      "InstanceID='Ext' AND ParentID='./DevDetail'",
      'Win32_ComputerSystem',
      'WindowsBuiltInRole]::Administrator',
      'Control\\MiniNT',
      'ConvertTo-Json',
    ]) {
      expect(script).toContain(needle);
    }
    // The one JSON line goes to the pipeline (the Pester tests in tests/powershell/ prove it is exactly one);
    // nothing is written to the console or to stderr on purpose.
    expect(script).not.toMatch(/Write-(Host|Output|Error)|\[Console\]::/);
  });
});
