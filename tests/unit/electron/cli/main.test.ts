import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../../electron/cli/cli-io';
import { main } from '../../../../electron/cli/main';
import { buildHash } from '../../../support/hash-builder';
import { scriptCsv, useTempDir } from '../../../support/temp-dir';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(
  args: readonly string[],
  env: Record<string, string | undefined> = { LANG: 'en_US.UTF-8' },
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env,
    isTty: false,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

async function runJson(args: readonly string[]): Promise<{ code: number; json: Record<string, unknown> }> {
  const result = await run([...args, '--json']);
  return { code: result.code, json: JSON.parse(result.stdout) as Record<string, unknown> };
}

const A = buildHash({ serial: 'PF3AAAA1' });
const A_AGAIN = buildHash({ serial: 'PF3AAAA1', nonce: 9 });
const A_NEW_BOARD = buildHash({ serial: 'PF3AAAA1', macs: ['02:00:00:00:00:99'] });
const B = buildHash({ serial: 'PF3BBBB2', manufacturer: 'HP', model: 'HP EliteBook 840 G8 Notebook PC' });
const C = buildHash({ serial: 'PF3CCCC3' });

describe('harvester merge --json', () => {
  const temp = useTempDir();

  it('prints exactly the contract fields for devices, duplicates, conflicts, rejections, warnings and files', async () => {
    const first = temp.file(
      'first.csv',
      scriptCsv([
        ['PF3AAAA1', '', A],
        ['PF3BBBB2', '', B],
        ['Default string', '', C],
      ]),
    );
    const second = temp.file(
      'second.csv',
      scriptCsv([
        ['PF3AAAA1', '', A_AGAIN],
        ['', '', C],
        ['PF3AAAA1', '', A_NEW_BOARD],
      ]),
    );
    const { code, json } = await runJson(['merge', first, second]);
    expect(code).toBe(0);
    expect(Object.keys(json)).toEqual([
      'devices',
      'duplicates',
      'conflicts',
      'rejected',
      'warnings',
      'files',
    ]);
    expect(json.devices).toEqual([
      {
        serial: 'PF3AAAA1',
        manufacturer: 'LENOVO',
        model: '20XW0026JP',
        productId: '',
        groupTag: 'Microsoft365Managed_Autopilot',
        sources: [{ file: second, line: 4 }],
      },
      {
        serial: 'PF3BBBB2',
        manufacturer: 'HP',
        model: 'HP EliteBook 840 G8 Notebook PC',
        productId: '',
        groupTag: 'Microsoft365Managed_Autopilot',
        sources: [{ file: first, line: 3 }],
      },
      {
        serial: 'PF3CCCC3',
        manufacturer: 'LENOVO',
        model: '20XW0026JP',
        productId: '',
        groupTag: 'Microsoft365Managed_Autopilot',
        sources: [{ file: second, line: 3 }],
      },
    ]);
    expect(json.duplicates).toEqual([{ serial: 'PF3AAAA1', file: second, line: 2 }]);
    expect(json.conflicts).toEqual([
      {
        serial: 'PF3AAAA1',
        kept: { file: second, line: 4 },
        others: [
          { file: first, line: 2 },
          { file: second, line: 2 },
        ],
      },
    ]);
    expect(json.rejected).toEqual([
      {
        file: first,
        line: 4,
        code: 'serial-placeholder',
        message: expect.stringContaining('Default string'),
      },
    ]);
    expect(json.warnings).toEqual([
      { file: second, line: 3, code: 'serial-from-hash', message: expect.stringContaining('PF3CCCC3') },
    ]);
    expect(json.files).toEqual([]);
  });

  it('exits 1 and reports every file when nothing could be merged', async () => {
    const corporate = temp.file('corporate.csv', 'LENOVO,20XW0026JP,PF3AAAA1\r\nHP,EliteBook,5CG1457YL8\r\n');
    const missing = path.join(temp.path(), 'missing.csv');
    const { code, json } = await runJson(['merge', corporate, missing]);
    expect(code).toBe(1);
    expect(json.devices).toEqual([]);
    expect(json.rejected).toEqual([
      {
        file: corporate,
        line: 0,
        code: 'corporate-identifier-list',
        message: expect.stringContaining('corporate identifier list'),
      },
      { file: missing, line: 0, code: 'unreadable-file', message: expect.stringContaining('ENOENT') },
    ]);
  });

  it('writes the Partner Center CSV into --out and lists it under files', async () => {
    const input = temp.file(
      'in.csv',
      scriptCsv([
        ['PF3AAAA1', '', A],
        ['PF3BBBB2', '', B],
      ]),
    );
    const out = path.join(temp.path(), 'upload');
    const { code, json } = await runJson(['merge', input, '--out', out]);
    expect(code).toBe(0);
    const files = json.files as { path: string; devices: number }[];
    expect(files).toHaveLength(1);
    expect(files[0]!.devices).toBe(2);
    expect(path.dirname(files[0]!.path)).toBe(out);
    expect(readdirSync(out)).toEqual([path.basename(files[0]!.path)]);
    expect(readFileSync(files[0]!.path, 'latin1')).toBe(
      'Device Serial Number,Windows Product ID,Hardware Hash,Manufacturer name,Device model\r\n' +
        `PF3AAAA1,,${A},,\r\n` +
        `PF3BBBB2,,${B},,\r\n`,
    );
  });

  it('writes an Intune CSV with the chosen tag for every device', async () => {
    const input = temp.file('in.csv', scriptCsv([['PF3AAAA1', '', A]]));
    const out = path.join(temp.path(), 'out');
    const { code, json } = await runJson([
      'merge',
      input,
      '--format',
      'intune',
      '--tag',
      'Microsoft365Managed_Kiosk',
      '--out',
      out,
    ]);
    expect(code).toBe(0);
    const file = (json.files as { path: string }[])[0]!.path;
    expect(readFileSync(file, 'latin1')).toBe(
      `Device Serial Number,Windows Product ID,Hardware Hash,Group Tag\r\nPF3AAAA1,,${A},Microsoft365Managed_Kiosk\r\n`,
    );
  });

  it('corrects a near-miss tag written in a row and says so', async () => {
    const input = temp.file(
      'tags.csv',
      scriptCsv(
        [['PF3AAAA1', '', A, 'microsoft365managed_autopilot']],
        'Device Serial Number,Windows Product ID,Hardware Hash,Group Tag',
      ),
    );
    const { json } = await runJson(['merge', input, '--format', 'intune']);
    expect((json.devices as { groupTag: string }[])[0]!.groupTag).toBe('Microsoft365Managed_Autopilot');
    expect(json.warnings).toEqual([
      { file: input, line: 2, code: 'group-tag-corrected', message: expect.any(String) },
    ]);
  });

  it('keeps a device whose row tag is custom in a Partner Center merge, saying the tag is not carried', async () => {
    const input = temp.file(
      'tags.csv',
      scriptCsv(
        [['PF3AAAA1', '', A, 'Sales']],
        'Device Serial Number,Windows Product ID,Hardware Hash,Group Tag',
      ),
    );
    const { code, json } = await runJson(['merge', input, '--format', 'partner-center']);
    expect([code, (json.devices as unknown[]).length, json.rejected, json.warnings]).toEqual([
      0,
      1,
      [],
      [
        {
          file: input,
          line: 2,
          code: 'group-tag-not-carried',
          message: expect.stringContaining('Microsoft365Managed_Autopilot'),
        },
      ],
    ]);
  });

  it('reports rows whose own tag differs from --tag', async () => {
    const input = temp.file(
      'tags.csv',
      scriptCsv(
        [['PF3AAAA1', '', A, 'Sales']],
        'Device Serial Number,Windows Product ID,Hardware Hash,Group Tag',
      ),
    );
    const { json } = await runJson([
      'merge',
      input,
      '--format',
      'intune',
      '--tag',
      'Microsoft365Managed_Autopilot',
    ]);
    expect(json.warnings).toEqual([
      { file: input, line: 2, code: 'group-tag-replaced', message: expect.stringContaining('Sales') },
    ]);
  });
});

describe('harvester merge usage errors', () => {
  const temp = useTempDir();

  it('refuses a near-miss --tag with exit code 2 and names the intended tag', async () => {
    const input = temp.file('in.csv', scriptCsv([['PF3AAAA1', '', A]]));
    const result = await run(['merge', input, '--tag', 'Microsoft365Managed_AutoPilot']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Did you mean "Microsoft365Managed_Autopilot"?');
    expect(result.stdout).toBe('');
  });

  it('refuses a custom --tag unless --allow-custom-tag is given', async () => {
    const input = temp.file('in.csv', scriptCsv([['PF3AAAA1', '', A]]));
    expect((await run(['merge', input, '--tag', 'Sales-Tokyo'])).code).toBe(2);
    const allowed = await runJson(['merge', input, '--tag', 'Sales-Tokyo', '--allow-custom-tag']);
    expect(allowed.code).toBe(0);
    expect((allowed.json.devices as { groupTag: string }[])[0]!.groupTag).toBe('Sales-Tokyo');
  });

  it('refuses an unknown --format with exit code 2', async () => {
    const input = temp.file('in.csv', scriptCsv([['PF3AAAA1', '', A]]));
    const result = await run(['merge', input, '--format', 'autopilot']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('partner-center or intune');
  });

  it('exits 2 when no file is given', async () => {
    expect((await run(['merge'])).code).toBe(2);
  });

  it('exits 2 for an unknown option or command', async () => {
    expect((await run(['merge', 'x.csv', '--frobnicate'])).code).toBe(2);
    expect((await run(['frobnicate'])).code).toBe(2);
  });

  it("explains a usage error in Japanese under a Japanese locale, without commander's English line", async () => {
    const result = await run(['merge'], { LANG: 'ja_JP.UTF-8' });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'harvester: CSV ファイルを指定してください。\nコマンドとオプションは "harvester --help" で確認できます。\n',
    );
  });

  it('refuses a language it does not speak with exit code 2', async () => {
    const result = await run(['tag', 'list', '--lang', 'fr']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('use en or ja');
  });

  it('exits 0 for --help and --version', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('merge');
    expect((await run(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('harvester merge human output', () => {
  const temp = useTempDir();

  it('summarises the merge in English with aligned sections', async () => {
    const input = temp.file(
      'in.csv',
      scriptCsv([
        ['PF3AAAA1', '', A],
        ['PF3AAAA1', '', A_AGAIN],
        ['0', '', C],
      ]),
    );
    const result = await run(['merge', input]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('Merged 1 device from 1 file: 1 duplicate, 0 conflicts, 1 rejected, 0 warnings.');
    expect(result.stdout).toContain(`Rejected\n  ${input}:4  serial-placeholder  `);
    expect(result.stdout).toContain(`Duplicates (same device again, merged)\n  ${input}:3  PF3AAAA1`);
  });

  it('speaks Japanese with --lang ja', async () => {
    const input = temp.file('in.csv', scriptCsv([['PF3AAAA1', '', A]]));
    const result = await run(['merge', input, '--lang', 'ja']);
    expect(result.stdout).toContain('1 個のファイルから 1 台を統合しました');
  });

  it('speaks Japanese when the locale is Japanese', async () => {
    const input = temp.file('in.csv', scriptCsv([['PF3AAAA1', '', A]]));
    const result = await run(['merge', input], { LANG: 'ja_JP.UTF-8' });
    expect(result.stdout).toContain('台を統合しました');
  });
});

describe('harvester inspect', () => {
  const temp = useTempDir();

  it('shows what a hash given as text holds, as JSON', async () => {
    const { code, json } = await runJson(['inspect', B]);
    expect(code).toBe(0);
    const hashes = json.hashes as Record<string, unknown>[];
    expect(hashes).toHaveLength(1);
    expect(hashes[0]).toMatchObject({
      source: { argument: 1 },
      sound: true,
      problem: null,
      serial: 'PF3BBBB2',
      manufacturer: 'HP',
      model: 'HP EliteBook 840 G8 Notebook PC',
      byteLength: 3000,
    });
    expect((hashes[0]!.records as unknown[]).length).toBeGreaterThan(5);
  });

  it('says which hash in a CSV is damaged and exits 1', async () => {
    const damaged = `${A.slice(0, 100)}!${A.slice(101)}`;
    const input = temp.file(
      'in.csv',
      scriptCsv([
        ['PF3AAAA1', '', A],
        ['PF3AAAA1', '', damaged],
      ]),
    );
    const { code, json } = await runJson(['inspect', input]);
    expect(code).toBe(1);
    const hashes = json.hashes as { source: unknown; sound: boolean; problem: { code: string } | null }[];
    expect(hashes.map((h) => [h.source, h.sound, h.problem?.code ?? null])).toEqual([
      [{ file: input, line: 2 }, true, null],
      [{ file: input, line: 3 }, false, 'not-base64'],
    ]);
  });

  it('says a folder given as a file cannot be read, and exits 1', async () => {
    const { code, json } = await runJson(['inspect', temp.path()]);
    expect(code).toBe(1);
    expect(json.rejected).toEqual([
      { file: temp.path(), line: 0, code: 'unreadable-file', message: expect.stringContaining('EISDIR') },
    ]);
  });

  it('prints the decoded fields for a person', async () => {
    const result = await run(['inspect', B]);
    expect(result.stdout).toContain('argument 1  PF3BBBB2  HP  HP EliteBook 840 G8 Notebook PC  sound');
    expect(result.stdout).toContain('1 of 1 hash sound.');
  });
});

describe('harvester tag', () => {
  it('says a known tag is known and exits 0', async () => {
    const result = await run(['tag', 'check', 'Microsoft365Managed_Autopilot']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('a known group tag');
  });

  it('names the intended tag for a full-width IME entry and exits 1', async () => {
    const result = await run([
      'tag',
      'check',
      'Ｍｉｃｒｏｓｏｆｔ365Ｍａｎａｇｅｄ＿Ａｕｔｏｐｉｌｏｔ',
      '--json',
    ]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      kind: 'near-miss',
      input: 'Ｍｉｃｒｏｓｏｆｔ365Ｍａｎａｇｅｄ＿Ａｕｔｏｐｉｌｏｔ',
      suggestion: 'Microsoft365Managed_Autopilot',
      reasons: ['full-width'],
    });
  });

  it('lists the known tags with the default first', async () => {
    const result = await run(['tag', 'list', '--json']);
    const tags = (JSON.parse(result.stdout) as { tags: { tag: string }[] }).tags.map((t) => t.tag);
    expect(tags[0]).toBe('Microsoft365Managed_Autopilot');
    expect(tags).toHaveLength(8);
  });
});

describe('harvester merge with many bad rows', () => {
  const temp = useTempDir();

  it('lists the first 1,000 rejections of a file in --json and counts the rest under omitted', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => [`BAD${i}`, '', 'not-a-hash']);
    const input = temp.file('bad.csv', scriptCsv([['PF3AAAA1', '', A], ...rows]));

    const { code, json } = await runJson(['merge', input]);

    expect(code).toBe(0);
    expect((json.rejected as unknown[]).length).toBe(1000);
    expect(json.omitted).toEqual([{ file: input, rejected: 500, warnings: 0 }]);
  });

  it('says in the human report how many rejections of a file are not listed, counting them all', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => [`BAD${i}`, '', 'not-a-hash']);
    const input = temp.file('bad.csv', scriptCsv([['PF3AAAA1', '', A], ...rows]));

    const result = await run(['merge', input]);

    expect(result.stdout).toContain('1200 rejected');
    expect(result.stdout).toContain(`... and 200 more rejected in ${input}, not listed`);
    expect(result.stdout.split('\n').filter((l) => l.includes('hash-invalid'))).toHaveLength(1000);
  });

  it('prints an escape sequence from a CSV field escaped, never raw', async () => {
    const input = temp.file('esc.csv', scriptCsv([['\u001b]0;pwned\u0007\u001b[2J', '', 'not-a-hash']]));

    const result = await run(['merge', input]);

    expect(result.stdout).not.toContain('\u001b');
    expect(result.stdout).toContain('\\x1B[2J');
  });
});
