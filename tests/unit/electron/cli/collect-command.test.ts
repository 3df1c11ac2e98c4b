import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../../electron/cli/cli-io';
import { driveFolder } from '../../../../electron/cli/commands/export';
import { main } from '../../../../electron/cli/main';
import { deviceFacts, useFakePowerShell } from '../../../fakes/use-fake-powershell';
import { buildHash } from '../../../support/hash-builder';
import { useTempDir } from '../../../support/temp-dir';

describe.skipIf(process.platform === 'win32')(
  'harvester collect against a fake PowerShell (POSIX only)',
  () => {
    const fake = useFakePowerShell();
    const temp = useTempDir();

    async function run(args: readonly string[], lang = 'en_US.UTF-8') {
      let stdout = '';
      let stderr = '';
      const io: CliIo = {
        stdout: (t) => void (stdout += t),
        stderr: (t) => void (stderr += t),
        env: { LANG: lang, NODE_POWERSHELL: fake.executable },
        isTty: false,
      };
      return { code: await main(args, io), stdout, stderr };
    }

    it('saves this device in the ledger and says so once it is on disk', async () => {
      const ledger = path.join(temp.path(), 'ledger');
      fake.answer({ stdoutJson: deviceFacts({ hash: buildHash({ serial: 'PF3ABCDE' }) }) });
      const result = await run(['collect', '--ledger', ledger]);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`Saved PF3ABCDE (LENOVO 20XW0026JP) in the ledger at ${ledger}.\n`);
      const list = await run(['ledger', 'list', '--ledger', ledger, '--json']);
      expect(JSON.parse(list.stdout)).toMatchObject({
        devices: [
          {
            serial: 'PF3ABCDE',
            state: 'new',
            source: { kind: 'collected', computerName: 'DESKTOP-7Q2K9LM' },
          },
        ],
      });
    });

    it('recognises the same device collected again, though its hash text differs', async () => {
      const ledger = path.join(temp.path(), 'ledger');
      fake.answer({ stdoutJson: deviceFacts({ hash: buildHash({ serial: 'PF3ABCDE' }) }) });
      await run(['collect', '--ledger', ledger]);
      fake.answer({ stdoutJson: deviceFacts({ hash: buildHash({ serial: 'PF3ABCDE', nonce: 3 }) }) });
      const again = await run(['collect', '--ledger', ledger, '--json']);
      expect(again.code).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({ result: 'duplicate', device: { serial: 'PF3ABCDE' } });
    });

    it('explains in plain Japanese that it needs administrator rights, and logs nothing raw on screen', async () => {
      const ledger = path.join(temp.path(), 'ledger');
      fake.scenario('not-elevated');
      const result = await run(['collect', '--ledger', ledger], 'ja_JP.UTF-8');
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/管理者/);
      expect(result.stdout).toContain('Shift+F10');
    });

    it('writes the raw output of a failed collection to the log beside the ledger', async () => {
      const ledger = path.join(temp.path(), 'ledger');
      fake.scenario('garbage');
      const result = await run(['collect', '--ledger', ledger, '--json']);
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout)).toMatchObject({ result: 'failed', problem: { kind: 'bad-output' } });
      expect(readFileSync(path.join(ledger, 'harvester.log'), 'utf8').length).toBeGreaterThan(0);
    });

    it('lists the removable drives with label and free space', async () => {
      fake.scenario('drives-two');
      const result = await run(['drives', '--json']);
      expect(result.code).toBe(0);
      const drives = (JSON.parse(result.stdout) as { drives: { letter: string; label: string }[] }).drives;
      expect(drives.map((d) => [d.letter, d.label])).toEqual([
        ['E:', 'HARVESTER'],
        ['F:', 'CAMERA'],
      ]);
    });

    it('finds the stick named by --drive after its letter changed, and refuses an unknown one', async () => {
      fake.scenario('drives-moved');
      const unknown = await run(['export', '--drive', 'NOPE', '--ledger', path.join(temp.path(), 'ledger')]);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('No removable drive has the serial or label "NOPE"');
    });
  },
);

describe('driveFolder', () => {
  it('puts the folder at the root of the drive found, whatever its letter now', () => {
    expect(driveFolder('G:', 'Autopilot')).toBe('G:\\Autopilot');
    expect(driveFolder('G:', 'upload\\today')).toBe('G:\\upload\\today');
  });

  it('keeps only the path of an --out given with another drive letter', () => {
    expect(driveFolder('G:', 'E:\\upload')).toBe('G:\\upload');
  });
});
