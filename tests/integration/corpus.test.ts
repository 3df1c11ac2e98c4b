/**
 * The field corpus (tests/fixtures/corpus, built by build-corpus.ts): three files as a Japanese partner
 * really gets them merge to exactly the expected devices, and the Partner Center and Intune files written
 * are byte for byte the expected ones.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeFiles } from '../../electron/merge/merge-files';
import type { CsvFormat } from '../../shared/csv/csv-writer';
import { DEFAULT_GROUP_TAG } from '../../shared/group-tag';
import { CORPUS_DEVICES, CORPUS_INPUTS, corpusHash } from '../fixtures/corpus/build-corpus';
import { useTempDir } from '../support/temp-dir';

const CORPUS = path.join(import.meta.dirname, '..', 'fixtures', 'corpus');
const FILES = CORPUS_INPUTS.map((name) => path.join(CORPUS, name));
const NOW = new Date(2026, 10, 24, 21, 30, 5);

const temp = useTempDir('harvester-corpus-');

async function mergeCorpus(format: CsvFormat) {
  const outDir = path.join(temp.path(), format);
  const report = await mergeFiles({
    files: FILES,
    tagPolicy: { kind: 'rows', fallback: DEFAULT_GROUP_TAG, allowCustom: false },
    output: { format, outDir, now: NOW },
  });
  return { report, outDir };
}

/** `file:line code` for each diagnostic, file names only. */
function where(diagnostics: readonly { file: string; line: number; code: string }[]): string[] {
  return diagnostics.map((d) => `${path.basename(d.file)}:${d.line} ${d.code}`);
}

describe('the field corpus', () => {
  it('is the bytes build-corpus.ts writes (the hashes come from the hash builder)', () => {
    // The first Tokyo row's hash, found in the UTF-16LE file: the corpus and its builder agree.
    const bytes = readFileSync(FILES[0]!);
    const tokyo = new TextDecoder('utf-16le').decode(bytes);
    expect([bytes[0], bytes[1], tokyo.includes(corpusHash('panasonic'))]).toEqual([0xff, 0xfe, true]);
  });

  it('merges to the exact Partner Center file: every maker written, manufacturer and model empty', async () => {
    const { report, outDir } = await mergeCorpus('partner-center');
    const written = readdirSync(outDir).filter((f) => f.endsWith('.csv'));
    expect(written).toEqual(['autopilot-partner-center-20261124-213005.csv']);
    expect(readFileSync(path.join(outDir, written[0]!), 'latin1')).toBe(
      readFileSync(path.join(CORPUS, 'expected', 'partner-center.csv'), 'latin1'),
    );
    expect(report.devices.map((d) => d.manufacturer)).toEqual([
      'Panasonic Connect Co., Ltd.',
      'FUJITSU CLIENT COMPUTING LIMITED',
      'Dynabook Inc.',
      'NEC Personal Computers, Ltd.',
      'Panasonic Connect Co., Ltd.',
      'LENOVO',
      'HP',
    ]);
  });

  it('says in a Partner Center merge what happened to every row: duplicates, repairs, tags not carried', async () => {
    const { report } = await mergeCorpus('partner-center');
    expect({
      duplicates: report.duplicates.map((d) => `${path.basename(d.file)}:${d.line} ${d.serial}`),
      conflicts: report.conflicts,
      rejected: where(report.rejected),
      warnings: where(report.warnings),
    }).toEqual({
      duplicates: [
        'tokyo-ps51.csv:6 3KTSA00101',
        'osaka-excel-cp932.csv:2 0012345678',
        'partner-merge-utf8bom.csv:6 3KTSA00101',
      ],
      conflicts: [],
      rejected: ['partner-merge-utf8bom.csv:5 value-not-writable'],
      warnings: [
        'osaka-excel-cp932.csv:1 columns-ignored',
        'osaka-excel-cp932.csv:2 serial-repaired',
        'osaka-excel-cp932.csv:3 serial-repaired',
        'partner-merge-utf8bom.csv:5 serial-risky-characters',
        // The Osaka copy of the NEC carries the lower-case tag; the Tokyo row's tag is kept.
        'osaka-excel-cp932.csv:2 duplicate-differs',
        'tokyo-ps51.csv:3 group-tag-not-carried',
        'osaka-excel-cp932.csv:3 group-tag-not-carried',
        'partner-merge-utf8bom.csv:3 group-tag-not-carried',
        'partner-merge-utf8bom.csv:4 group-tag-not-carried',
      ],
    });
    expect(report.rejected[0]!.params).toMatchObject({
      serial: "PC'0042",
      reason: 'serial-character',
      character: "'",
    });
  });

  it('merges to the exact Intune file, the row tags deciding: typing differences corrected, the typo and the custom tag left out', async () => {
    const { report, outDir } = await mergeCorpus('intune');
    const written = readdirSync(outDir).filter((f) => f.endsWith('.csv'));
    expect(readFileSync(path.join(outDir, written[0]!), 'latin1')).toBe(
      readFileSync(path.join(CORPUS, 'expected', 'intune.csv'), 'latin1'),
    );
    expect(where(report.rejected)).toEqual([
      'tokyo-ps51.csv:3 group-tag-near-miss',
      'partner-merge-utf8bom.csv:3 group-tag-custom',
      'partner-merge-utf8bom.csv:5 value-not-writable',
    ]);
    expect(where(report.warnings).filter((w) => w.endsWith('group-tag-corrected'))).toEqual([
      'osaka-excel-cp932.csv:3 group-tag-corrected',
      'partner-merge-utf8bom.csv:4 group-tag-corrected',
    ]);
    expect(report.devices.map((d) => d.serial)).toEqual(
      (['panasonic', 'dynabook', 'nec', 'panasonicLong', 'hp'] as const).map((n) => CORPUS_DEVICES[n].serial),
    );
  });
});
