import { describe, expect, it } from 'vitest';
import { tagSegments } from '../../../../renderer/components/tag-status';

describe('where a group tag may break across lines', () => {
  it('breaks the known tag and its typos only between their words', () => {
    expect(tagSegments('Microsoft365Managed_Autopliot')).toEqual(['Microsoft365', 'Managed_', 'Autopliot']);
  });

  it('breaks a lower-case tag after its number and its underscore', () => {
    expect(tagSegments('microsoft365managed_autopilot')).toEqual(['microsoft365', 'managed_', 'autopilot']);
  });

  it('breaks after full-width separators too', () => {
    expect(tagSegments('Ｍｉｃｒｏｓｏｆｔ365Ｍａｎａｇｅｄ＿Ａｕｔｏｐｉｌｏｔ')).toEqual([
      'Ｍｉｃｒｏｓｏｆｔ365',
      'Ｍａｎａｇｅｄ＿',
      'Ａｕｔｏｐｉｌｏｔ',
    ]);
  });

  it('keeps a tag without word boundaries whole', () => {
    expect(tagSegments('Sales')).toEqual(['Sales']);
    expect(tagSegments('')).toEqual([]);
  });

  it('breaks after a hyphen, a dot and a slash', () => {
    expect(tagSegments('Site-Tokyo.floor3/A')).toEqual(['Site-', 'Tokyo.', 'floor3/', 'A']);
  });
});
