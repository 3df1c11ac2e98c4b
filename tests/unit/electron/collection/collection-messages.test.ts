import { describe, expect, it } from 'vitest';
import {
  COLLECTION_PROBLEM_KINDS,
  collectionProblemMessage,
  type CollectionProblem,
  type CollectionProblemKind,
} from '../../../../shared/i18n/collection-messages';
import { LANGS } from '../../../../shared/i18n/lang';

/** One example of every problem; a kind added without an example here fails to compile. */
const EXAMPLES: {
  readonly [K in CollectionProblemKind]: readonly Extract<CollectionProblem, { kind: K }>[];
} = {
  'not-windows': [{ kind: 'not-windows' }],
  'not-elevated': [{ kind: 'not-elevated' }],
  winpe: [{ kind: 'winpe' }],
  'mi-result-1': [{ kind: 'mi-result-1' }],
  'no-hash': [
    { kind: 'no-hash', virtualMachine: true },
    { kind: 'no-hash', virtualMachine: false },
  ],
  'hash-access-denied': [{ kind: 'hash-access-denied' }],
  'mdm-bridge-missing': [
    { kind: 'mdm-bridge-missing', missing: 'namespace' },
    { kind: 'mdm-bridge-missing', missing: 'class' },
  ],
  'hash-query-failed': [{ kind: 'hash-query-failed' }],
  'powershell-locked-down': [{ kind: 'powershell-locked-down', languageMode: 'ConstrainedLanguage' }],
  'hash-invalid': [
    { kind: 'hash-invalid', failure: { kind: 'checksum-mismatch' } },
    { kind: 'hash-invalid', failure: { kind: 'truncated', byteLength: 100, needed: 400 } },
  ],
  'identity-mismatch': [
    {
      kind: 'identity-mismatch',
      mismatches: [
        { field: 'serial', fromHash: 'PF3ZZZZZ', fromWindows: 'PF3ABCDE' },
        { field: 'manufacturer', fromHash: 'LENOVO', fromWindows: 'Dell Inc.' },
      ],
    },
  ],
  'serial-placeholder': [{ kind: 'serial-placeholder', serial: 'To be filled by O.E.M.' }],
  'powershell-missing': [{ kind: 'powershell-missing' }],
  'powershell-failed': [{ kind: 'powershell-failed' }],
  timeout: [{ kind: 'timeout', timeoutMs: 120_000 }],
  'bad-output': [{ kind: 'bad-output' }],
};

const ALL: readonly CollectionProblem[] = Object.values(EXAMPLES).flat();
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('collectionProblemMessage', () => {
  it('has a message for every problem kind the collection can report', () => {
    expect([...COLLECTION_PROBLEM_KINDS].sort()).toEqual(Object.keys(EXAMPLES).sort());
  });

  it.each(ALL.map((p) => [p.kind, p] as const))(
    'gives %s a title and an action in English and Japanese',
    (_, p) => {
      for (const lang of LANGS) {
        const message = collectionProblemMessage(p, lang);
        expect(message.title.trim().length).toBeGreaterThan(10);
        expect(message.action.trim().length).toBeGreaterThan(10);
        expect(`${message.title} ${message.action}`).not.toMatch(/undefined|\[object|NaN/);
      }
    },
  );

  it('writes the Japanese messages in Japanese, not in English', () => {
    for (const p of ALL) {
      const ja = collectionProblemMessage(p, 'ja');
      expect(ja.title).toMatch(JAPANESE);
      expect(ja.action).toMatch(JAPANESE);
      expect(ja.title).not.toBe(collectionProblemMessage(p, 'en').title);
    }
  });

  it('tells a technician without administrator rights how to restart elevated, in OOBE and after setup', () => {
    const en = collectionProblemMessage({ kind: 'not-elevated' }, 'en').action;
    const ja = collectionProblemMessage({ kind: 'not-elevated' }, 'ja').action;
    expect(en).toContain('Shift+F10');
    expect(en).toContain('Run as administrator');
    expect(ja).toContain('Shift+F10');
    expect(ja).toContain('管理者として実行');
  });

  it('suggests a later cumulative update for the KB5013942 failure', () => {
    expect(collectionProblemMessage({ kind: 'mi-result-1' }, 'en').action).toMatch(/later cumulative update/);
    expect(collectionProblemMessage({ kind: 'mi-result-1' }, 'ja').action).toContain('累積更新プログラム');
  });

  it('says PowerShell is locked down, and by which kind of policy, for Constrained Language Mode', () => {
    const problem: CollectionProblem = {
      kind: 'powershell-locked-down',
      languageMode: 'ConstrainedLanguage',
    };
    const en = collectionProblemMessage(problem, 'en');
    expect(en.title).toContain('PowerShell is locked down on this device');
    expect(en.title).toMatch(/WDAC or AppLocker/);
    expect(en.title).not.toMatch(/did not answer|seconds/);
    const ja = collectionProblemMessage(problem, 'ja');
    expect(ja.title).toContain('制限されています');
    expect(ja.title).toMatch(/WDAC または AppLocker/);
  });

  it('tells apart a missing MDM namespace and a missing class, naming what is missing', () => {
    for (const lang of LANGS) {
      const namespace = collectionProblemMessage({ kind: 'mdm-bridge-missing', missing: 'namespace' }, lang);
      const missingClass = collectionProblemMessage({ kind: 'mdm-bridge-missing', missing: 'class' }, lang);
      expect(namespace.title).toContain('root\\cimv2\\mdm\\dmmap');
      expect(missingClass.title).toContain('MDM_DevDetail_Ext01');
      expect(namespace.action).toContain('Windows Server');
    }
  });

  it('does not blame missing administrator rights when access is denied to an administrator', () => {
    const en = collectionProblemMessage({ kind: 'hash-access-denied' }, 'en');
    expect(en.title).toContain('although the app runs as administrator');
    expect(en.action).toContain('Shift+F10');
  });

  it('names both values when the hash and Windows disagree', () => {
    const problem = EXAMPLES['identity-mismatch'][0]!;
    for (const lang of LANGS) {
      const { title } = collectionProblemMessage(problem, lang);
      expect(title).toContain('PF3ZZZZZ');
      expect(title).toContain('PF3ABCDE');
      expect(title).toContain('Dell Inc.');
    }
  });

  it('explains a damaged hash with the decoder reason in the same language', () => {
    const problem: CollectionProblem = { kind: 'hash-invalid', failure: { kind: 'checksum-mismatch' } };
    expect(collectionProblemMessage(problem, 'en').title).toContain('checksum does not match');
    expect(collectionProblemMessage(problem, 'ja').title).toContain('チェックサムが一致しません');
  });

  it('says the timeout in seconds', () => {
    expect(collectionProblemMessage({ kind: 'timeout', timeoutMs: 120_000 }, 'en').title).toContain(
      '120 seconds',
    );
    expect(collectionProblemMessage({ kind: 'timeout', timeoutMs: 120_000 }, 'ja').title).toContain('120 秒');
  });
});
