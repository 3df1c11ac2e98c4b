import { describe, expect, it } from 'vitest';
import type { DeviceSummary } from '../../../../../shared/api/harvester-api';
import {
  countByFilter,
  filterDevices,
  matchesState,
  normalizeForSearch,
  searchTextOf,
  searchTerms,
  type StateFilter,
} from '../../../../../renderer/screens/devices/device-filter';
import { deviceSummary } from '../../../../support/fake-api';

function filter(devices: readonly DeviceSummary[], query: string, state: StateFilter = 'active'): string[] {
  return filterDevices(devices, devices.map(searchTextOf), query, state).map((d) => d.id);
}

const hp = deviceSummary({ id: 'hp', serial: '5CG1457YL8', manufacturer: 'HP', model: 'EliteBook 840 G8' });
const lenovo = deviceSummary({
  id: 'lenovo',
  serial: 'PF2ABCDE',
  manufacturer: 'LENOVO',
  model: 'ThinkPad X1 Carbon',
  groupTag: 'Sales-Tokyo',
  source: { kind: 'imported', file: 'osaka-branch.csv', line: 12 },
});
const dell = deviceSummary({
  id: 'dell',
  serial: 'HX9Z1Q3',
  manufacturer: 'Dell Inc.',
  model: 'Latitude 7440',
  source: { kind: 'collected', computerName: 'KIOSK-07' },
  state: 'exported',
});
const gone = deviceSummary({ id: 'gone', serial: 'GONE0001', manufacturer: 'HP', state: 'deleted' });
const all = [hp, lenovo, dell, gone];

describe('searching devices', () => {
  it('finds a device by part of its serial number, ignoring case', () => {
    expect(filter(all, '457yl')).toEqual(['hp']);
  });

  it('finds devices by manufacturer and by model', () => {
    expect(filter(all, 'lenovo')).toEqual(['lenovo']);
    expect(filter(all, 'latitude')).toEqual(['dell']);
  });

  it('finds a device by its group tag', () => {
    expect(filter(all, 'sales-tokyo')).toEqual(['lenovo']);
  });

  it('finds an imported device by its file name and a collected one by its computer name', () => {
    expect(filter(all, 'osaka-branch')).toEqual(['lenovo']);
    expect(filter(all, 'kiosk-07')).toEqual(['dell']);
  });

  it('matches full-width letters and digits typed with a Japanese IME', () => {
    expect(filter(all, '５ＣＧ１４５７')).toEqual(['hp']);
    expect(filter(all, 'ｔｈｉｎｋｐａｄ')).toEqual(['lenovo']);
  });

  it('matches half-width katakana against full-width katakana', () => {
    const kana = deviceSummary({ id: 'kana', model: 'テスト機' });
    expect(filter([kana, hp], 'ﾃｽﾄ')).toEqual(['kana']);
  });

  it('requires every word of the query, in any field and order', () => {
    expect(filter(all, 'g8 hp')).toEqual(['hp']);
    expect(filter(all, 'hp lenovo')).toEqual([]);
  });

  it('treats the ideographic space as a word break', () => {
    expect(filter(all, 'HP　EliteBook')).toEqual(['hp']);
  });

  it('never matches a word across two fields', () => {
    // "HP" ends the manufacturer and "Elite" starts the model: together they are no word of either.
    expect(filter(all, 'hpelite')).toEqual([]);
  });

  it('shows every device of the state filter for an empty or blank query', () => {
    expect(filter(all, '')).toEqual(['hp', 'lenovo', 'dell']);
    expect(filter(all, '   ')).toEqual(['hp', 'lenovo', 'dell']);
  });

  it('keeps the ledger order', () => {
    expect(filter([dell, hp], 'e')).toEqual(['dell', 'hp']);
  });
});

describe('state filters', () => {
  it('"active" shows everything but deleted devices', () => {
    expect(filter(all, '', 'active')).toEqual(['hp', 'lenovo', 'dell']);
  });

  it('"not-exported" shows only new devices', () => {
    expect(filter(all, '', 'not-exported')).toEqual(['hp', 'lenovo']);
  });

  it('"exported" shows only exported devices', () => {
    expect(filter(all, '', 'exported')).toEqual(['dell']);
  });

  it('"deleted" shows only deleted devices, and search works within them', () => {
    expect(filter(all, '', 'deleted')).toEqual(['gone']);
    expect(filter(all, 'hp', 'deleted')).toEqual(['gone']);
  });

  it('counts each filter without a search', () => {
    expect(countByFilter(all)).toEqual({ active: 3, 'not-exported': 2, exported: 1, deleted: 1 });
  });

  it('matchesState puts every state in exactly the filters it belongs to', () => {
    expect(matchesState('new', 'active')).toBe(true);
    expect(matchesState('deleted', 'active')).toBe(false);
    expect(matchesState('exported', 'not-exported')).toBe(false);
  });
});

describe('normalising', () => {
  it('folds width and case the same way for device text and queries', () => {
    expect(normalizeForSearch('ＡＢＣ１２３')).toBe('abc123');
    expect(searchTerms(' Ａ  b　Ｃ ')).toEqual(['a', 'b', 'c']);
  });
});

describe('a ledger of 10,000 devices', () => {
  const manufacturers = ['HP', 'LENOVO', 'Dell Inc.', 'Microsoft Corporation', 'ＦＵＪＩＴＳＵ'];
  const states = ['new', 'exported', 'deleted'] as const;
  const many = Array.from({ length: 10_000 }, (_, i) =>
    deviceSummary({
      id: i.toString(16).padStart(16, '0'),
      serial: `SN${String(i).padStart(6, '0')}`,
      manufacturer: manufacturers[i % manufacturers.length]!,
      model: `Model ${i % 97}`,
      groupTag: i % 3 === 0 ? '' : `Tag-${i % 11}`,
      state: states[i % states.length]!,
      source:
        i % 2 === 0
          ? { kind: 'collected', computerName: `PC-${i % 50}` }
          : { kind: 'imported', file: `batch-${i % 7}.csv`, line: i },
    }),
  );
  const texts = many.map(searchTextOf);

  /** The same question asked the slow, obvious way. */
  function naive(query: string, state: StateFilter): string[] {
    const words = query.normalize('NFKC').toLowerCase().split(/\s+/).filter(Boolean);
    return many
      .filter((d) => matchesState(d.state, state))
      .filter((d) => {
        const source = d.source.kind === 'collected' ? d.source.computerName : d.source.file;
        const fields = [d.serial, d.manufacturer, d.model, d.groupTag, source].map((f) =>
          f.normalize('NFKC').toLowerCase(),
        );
        return words.every((w) => fields.some((f) => f.includes(w)));
      })
      .map((d) => d.id);
  }

  it.each([
    ['', 'active'],
    ['sn0012', 'active'],
    ['fujitsu', 'exported'],
    ['batch-3 model 5', 'not-exported'],
    ['tag-7', 'deleted'],
    ['pc-46 lenovo', 'active'],
  ] as const)('filtering by %j (%s) finds exactly what checking each device would', (query, state) => {
    const found = filterDevices(many, texts, query, state).map((d) => d.id);
    expect(found.length).toBeGreaterThan(0);
    expect(found).toEqual(naive(query, state));
  });

  it('finds a single device among 10,000 by its full serial number', () => {
    expect(filterDevices(many, texts, 'SN009999', 'active').map((d) => d.serial)).toEqual(['SN009999']);
  });
});
