import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_GROUP_TAG,
  KNOWN_GROUP_TAGS,
  checkGroupTag,
  resolveGroupTag,
} from '../../../shared/group-tag';
import type { GroupTagCheck, NearMissReason } from '../../../shared/group-tag';

const AUTOPILOT = 'Microsoft365Managed_Autopilot';
const KNOWN = KNOWN_GROUP_TAGS.map((k) => k.tag);

function nearMiss(suggestion: string, reasons: readonly NearMissReason[]) {
  return { kind: 'near-miss', suggestion, reasons };
}

function badCharacter(input: string, character: string, position: number): GroupTagCheck {
  return { kind: 'invalid', input, problem: { kind: 'bad-character', character, position } };
}

describe('KNOWN_GROUP_TAGS', () => {
  it('lists the seed tag first so a picker preselects it', () => {
    expect(DEFAULT_GROUP_TAG).toBe(AUTOPILOT);
    expect(KNOWN_GROUP_TAGS[0]).toEqual({
      tag: AUTOPILOT,
      profile: 'Microsoft Managed Desktop (default)',
      shared: false,
    });
  });

  it('lists the eight Microsoft Managed Desktop tags in the documented order', () => {
    expect(KNOWN).toEqual([
      'Microsoft365Managed_Autopilot',
      'Microsoft365Managed_Standard',
      'Microsoft365Managed_SensitiveData',
      'Microsoft365Managed_PowerUser',
      'Microsoft365Managed_Kiosk',
      'Microsoft365Managed_Standard-Shared',
      'Microsoft365Managed_SensitiveData-Shared',
      'Microsoft365Managed_Kiosk-Shared',
    ]);
  });

  it('marks exactly the -Shared tags as shared and has no PowerUser shared variant', () => {
    for (const known of KNOWN_GROUP_TAGS) expect(known.shared).toBe(known.tag.endsWith('-Shared'));
    expect(KNOWN).not.toContain('Microsoft365Managed_PowerUser-Shared');
  });

  it('gives every tag a short English description', () => {
    for (const known of KNOWN_GROUP_TAGS) expect(known.profile).toMatch(/^[A-Z][A-Za-z ,()-]{3,60}$/);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(KNOWN_GROUP_TAGS)).toBe(true);
    expect(Object.isFrozen(KNOWN_GROUP_TAGS[0])).toBe(true);
  });
});

describe('checkGroupTag: known tags', () => {
  it.each(KNOWN)('checks %s as known', (tag) => {
    expect(checkGroupTag(tag)).toEqual({ kind: 'known', tag });
  });
});

describe('checkGroupTag: near misses', () => {
  it('reports a leading space as a near miss for spaces instead of trimming it', () => {
    expect(checkGroupTag(` ${AUTOPILOT}`)).toMatchObject(nearMiss(AUTOPILOT, ['spaces']));
  });

  it('reports trailing and inner spaces as a near miss for spaces', () => {
    expect(checkGroupTag(`${AUTOPILOT}  `)).toMatchObject(nearMiss(AUTOPILOT, ['spaces']));
    expect(checkGroupTag('Microsoft365Managed _Autopilot')).toMatchObject(nearMiss(AUTOPILOT, ['spaces']));
  });

  it('keeps the original input on a near miss so the UI can show it beside the suggestion', () => {
    expect(checkGroupTag(` ${AUTOPILOT}`)).toEqual({
      kind: 'near-miss',
      input: ` ${AUTOPILOT}`,
      suggestion: AUTOPILOT,
      reasons: ['spaces'],
    });
  });

  it('reports other letter case as a near miss for case', () => {
    expect(checkGroupTag('microsoft365managed_autopilot')).toMatchObject(nearMiss(AUTOPILOT, ['case']));
    expect(checkGroupTag('MICROSOFT365MANAGED_AUTOPILOT')).toMatchObject(nearMiss(AUTOPILOT, ['case']));
  });

  it('treats a capital P in AutoPilot as a case difference, not a typo', () => {
    expect(checkGroupTag('Microsoft365Managed_AutoPilot')).toMatchObject(nearMiss(AUTOPILOT, ['case']));
  });

  it('suggests the seed tag for a full-width IME entry', () => {
    const typed = 'Ｍｉｃｒｏｓｏｆｔ365Ｍａｎａｇｅｄ＿Ａｕｔｏｐｉｌｏｔ';
    expect(checkGroupTag(typed)).toEqual({
      kind: 'near-miss',
      input: typed,
      suggestion: AUTOPILOT,
      reasons: ['full-width'],
    });
  });

  it('reads a full-width underscore and hyphen as the separators they stand for', () => {
    expect(checkGroupTag('Microsoft365Managed＿Autopilot')).toMatchObject(
      nearMiss(AUTOPILOT, ['full-width']),
    );
    expect(checkGroupTag('Microsoft365Managed_Kiosk－Shared')).toMatchObject(
      nearMiss('Microsoft365Managed_Kiosk-Shared', ['full-width']),
    );
  });

  it('reports an ideographic space as both a space and a full-width character', () => {
    expect(checkGroupTag(`${AUTOPILOT}\u3000`)).toMatchObject(nearMiss(AUTOPILOT, ['spaces', 'full-width']));
  });

  it('lists every reason that applies in a stable order', () => {
    // Lower-case full-width letters and digits, an ideographic space where the underscore belongs.
    const typed = 'ｍｉｃｒｏｓｏｆｔ３６５ｍａｎａｇｅｄ\u3000ａｕｔｏｐｉｌｏｔ';
    expect(checkGroupTag(typed)).toMatchObject(
      nearMiss(AUTOPILOT, ['case', 'spaces', 'full-width', 'separator']),
    );
  });

  it('reports Cyrillic look-alike letters as a near miss for look-alike', () => {
    // Cyrillic М а е о р с і ѕ in place of the Latin letters.
    const typed = 'Місrоѕоft365Mаnаgеd_Autорilоt';
    expect(typed).not.toBe(AUTOPILOT);
    expect(checkGroupTag(typed)).toMatchObject(nearMiss(AUTOPILOT, ['look-alike']));
  });

  it('reports Greek capital look-alikes as a near miss for look-alike', () => {
    // Greek Μ, Μ and Α.
    expect(checkGroupTag('Μicrosoft365Μanaged_Αutopilot')).toMatchObject(nearMiss(AUTOPILOT, ['look-alike']));
  });

  it('reports a Greek capital omicron for a lower-case o as both look-alike and case', () => {
    expect(checkGroupTag('MicrΟsoft365Managed_Autopilot')).toMatchObject(
      nearMiss(AUTOPILOT, ['case', 'look-alike']),
    );
  });

  it('reports a zero for the letter o as a look-alike', () => {
    expect(checkGroupTag('Micr0soft365Managed_Autopilot')).toMatchObject(nearMiss(AUTOPILOT, ['look-alike']));
  });

  it('reports a Cyrillic Ze for the digit 3 as a look-alike', () => {
    expect(checkGroupTag('MicrosoftЗ65Managed_Autopilot')).toMatchObject(nearMiss(AUTOPILOT, ['look-alike']));
  });

  it.each([
    'Microsoft365Managed_AutopiIot',
    'Microsoft365Managed_Autopi1ot',
    'M1crosoft365Managed_Autopilot',
  ])('reports the l/I/1 swap in %s as a look-alike', (typed) => {
    expect(checkGroupTag(typed)).toMatchObject(nearMiss(AUTOPILOT, ['look-alike']));
  });

  it('reports a hyphen where the underscore belongs as a separator difference', () => {
    expect(checkGroupTag('Microsoft365Managed-Autopilot')).toMatchObject(nearMiss(AUTOPILOT, ['separator']));
  });

  it('suggests the shared variant when an underscore stands for the hyphen before Shared', () => {
    expect(checkGroupTag('Microsoft365Managed_Standard_Shared')).toMatchObject(
      nearMiss('Microsoft365Managed_Standard-Shared', ['separator']),
    );
  });

  it('suggests the shared variant for a lower-case tag with underscores only', () => {
    expect(checkGroupTag('microsoft365managed_standard_shared')).toMatchObject(
      nearMiss('Microsoft365Managed_Standard-Shared', ['case', 'separator']),
    );
  });

  it('reports a missing separator as a separator difference', () => {
    expect(checkGroupTag('Microsoft365ManagedAutopilot')).toMatchObject(nearMiss(AUTOPILOT, ['separator']));
  });

  it('reports a doubled separator as a separator difference', () => {
    expect(checkGroupTag('Microsoft365Managed__Autopilot')).toMatchObject(nearMiss(AUTOPILOT, ['separator']));
  });

  it('reports a space instead of the separator as both spaces and separator', () => {
    expect(checkGroupTag('Microsoft365Managed Autopilot')).toMatchObject(
      nearMiss(AUTOPILOT, ['spaces', 'separator']),
    );
  });

  it.each([
    ['U+2010 hyphen', '\u2010'],
    ['U+2011 non-breaking hyphen', '\u2011'],
    ['U+2013 en dash', '\u2013'],
    ['U+2014 em dash', '\u2014'],
    ['U+2212 minus sign', '\u2212'],
    ['U+30FC katakana prolonged sound mark', '\u30fc'],
  ])('reports the %s in place of a separator as a separator difference', (_name, dash) => {
    expect(checkGroupTag(`Microsoft365Managed${dash}Autopilot`)).toMatchObject(
      nearMiss(AUTOPILOT, ['separator']),
    );
  });

  it('reports a dash look-alike even where a hyphen belongs', () => {
    expect(checkGroupTag('Microsoft365Managed_Kiosk\u2013Shared')).toMatchObject(
      nearMiss('Microsoft365Managed_Kiosk-Shared', ['separator']),
    );
  });

  it('suggests the seed tag for the bare Microsoft365Managed prefix', () => {
    expect(checkGroupTag('Microsoft365Managed')).toMatchObject(nearMiss(AUTOPILOT, ['missing-part']));
  });

  it.each(['Managed_Autopilot', 'Microsoft365_Autopilot', 'Autopilot', '_Autopilot'])(
    'suggests the seed tag for %s with a missing part',
    (typed) => {
      expect(checkGroupTag(typed)).toMatchObject(nearMiss(AUTOPILOT, ['missing-part']));
    },
  );

  it('reads a bare profile word as that profile tag, because in this tool it means the MMD profile', () => {
    expect(checkGroupTag('Kiosk')).toMatchObject(nearMiss('Microsoft365Managed_Kiosk', ['missing-part']));
    expect(checkGroupTag('Standard')).toMatchObject(
      nearMiss('Microsoft365Managed_Standard', ['missing-part']),
    );
    expect(checkGroupTag('Power User')).toMatchObject(
      nearMiss('Microsoft365Managed_PowerUser', ['spaces', 'missing-part']),
    );
  });

  it('reads a bare profile word with Shared as the shared variant', () => {
    expect(checkGroupTag('Standard-Shared')).toMatchObject(
      nearMiss('Microsoft365Managed_Standard-Shared', ['missing-part']),
    );
  });

  it('reads an unfinished profile word after the prefix as the missing rest of that profile', () => {
    expect(checkGroupTag('Microsoft365Managed_Sensitive')).toMatchObject(
      nearMiss('Microsoft365Managed_SensitiveData', ['missing-part']),
    );
  });

  it('suggests the first shared tag when only Shared follows the prefix', () => {
    expect(checkGroupTag('Microsoft365Managed_Shared')).toMatchObject(
      nearMiss('Microsoft365Managed_Standard-Shared', ['missing-part']),
    );
  });

  it('reports a trailing underscore as an extra part', () => {
    expect(checkGroupTag('Microsoft365Managed_Autopilot_')).toMatchObject(
      nearMiss(AUTOPILOT, ['extra-part']),
    );
  });

  it('reports a trailing digit as an extra part', () => {
    expect(checkGroupTag('Microsoft365Managed_Autopilot1')).toMatchObject(
      nearMiss(AUTOPILOT, ['extra-part']),
    );
  });

  it('reports the tag written as four spaced words as spaces and a separator difference', () => {
    // The words are all there; what must change is the spaces and the missing underscore.
    expect(checkGroupTag('Microsoft 365 Managed Autopilot')).toMatchObject(
      nearMiss(AUTOPILOT, ['spaces', 'separator']),
    );
  });

  it('suggests the non-shared PowerUser tag for a PowerUser-Shared input, which has no real variant', () => {
    expect(checkGroupTag('Microsoft365Managed_PowerUser-Shared')).toMatchObject(
      nearMiss('Microsoft365Managed_PowerUser', ['extra-part']),
    );
  });

  it('reports a known tag with a custom suffix as an extra part rather than a custom tag', () => {
    expect(checkGroupTag('Microsoft365Managed_Autopilot_Sales')).toMatchObject(
      nearMiss(AUTOPILOT, ['extra-part']),
    );
  });

  it('reserves the Microsoft365Managed prefix: an unknown profile after it is a near miss of the seed tag', () => {
    expect(checkGroupTag('Microsoft365Managed_Finance')).toMatchObject(
      nearMiss(AUTOPILOT, ['missing-part', 'extra-part']),
    );
  });

  it.each([
    ['Microsoft365Manged_Autopilot', 'a dropped letter'],
    ['Microsft365Managed_Autopilot', 'a dropped letter in the prefix'],
    ['Microsoft365Managed_Autopliot', 'two swapped letters'],
    ['Microsoft365Managed_Autopilo', 'a missing last letter'],
    ['Microsoft365Managed_Autopilöt', 'an accented letter'],
  ])('reports %s (%s) as a typo of the seed tag', (typed) => {
    expect(checkGroupTag(typed)).toMatchObject(nearMiss(AUTOPILOT, ['typo']));
  });

  it('prefers the shared variant for a typo in Shared', () => {
    expect(checkGroupTag('Microsoft365Managed_Kiosk-Shard')).toMatchObject(
      nearMiss('Microsoft365Managed_Kiosk-Shared', ['typo']),
    );
  });

  it('reads a typo in a bare profile word as that profile with a missing part', () => {
    expect(checkGroupTag('Standart')).toMatchObject(
      nearMiss('Microsoft365Managed_Standard', ['missing-part', 'typo']),
    );
  });

  it('reads a known tag with an emoji pasted before it as an extra part', () => {
    expect(checkGroupTag(`Sales😀${AUTOPILOT}`)).toMatchObject(nearMiss(AUTOPILOT, ['extra-part']));
  });

  it('reads a Turkish dotted capital I as a look-alike of i', () => {
    expect(checkGroupTag('Microsoft365Managed_Autopİlot')).toMatchObject(
      nearMiss(AUTOPILOT, ['case', 'look-alike']),
    );
  });

  it('reports a zero-width space pasted with the tag as a space', () => {
    expect(checkGroupTag(`\u200b${AUTOPILOT}`)).toMatchObject(nearMiss(AUTOPILOT, ['spaces']));
  });

  it('always suggests a member of KNOWN_GROUP_TAGS', () => {
    const typed = [
      'Microsoft365Managed',
      'Microsoft365Managed_Shared',
      'Microsoft365Managed_Finance',
      'microsoft365managed_kiosk_shared',
      'Microsoft365Managed_PowerUser-Shared',
      'Kiosk',
    ];
    for (const input of typed) {
      const check = checkGroupTag(input);
      expect(check.kind).toBe('near-miss');
      if (check.kind === 'near-miss') expect(KNOWN).toContain(check.suggestion);
    }
  });
});

describe('checkGroupTag: custom tags', () => {
  it.each(['Sales-Tokyo', 'HR_Laptops', 'Site 12 Floor 3'])('accepts %s as a custom tag', (tag) => {
    expect(checkGroupTag(tag)).toEqual({ kind: 'custom', tag });
  });

  it.each(['Autopilot-Sales', 'Kiosk-Lobby', 'Standard-Desktops'])(
    'keeps %s custom although it shares a word with a known tag',
    (tag) => {
      expect(checkGroupTag(tag)).toEqual({ kind: 'custom', tag });
    },
  );

  it.each(['Shared', 'Microsoft365', 'Managed', 'Stanford'])('keeps the ordinary word %s custom', (tag) => {
    expect(checkGroupTag(tag)).toEqual({ kind: 'custom', tag });
  });

  it('accepts a custom tag of exactly 128 characters', () => {
    const tag = 'A'.repeat(128);
    expect(checkGroupTag(tag)).toEqual({ kind: 'custom', tag });
  });
});

describe('checkGroupTag: invalid tags', () => {
  it('reports an empty tag as empty', () => {
    expect(checkGroupTag('')).toEqual({ kind: 'invalid', input: '', problem: { kind: 'empty' } });
  });

  it('reports a tag of only spaces, including ideographic ones, as empty', () => {
    expect(checkGroupTag(' \u3000 ')).toEqual({
      kind: 'invalid',
      input: ' \u3000 ',
      problem: { kind: 'empty' },
    });
  });

  it('reports a tag longer than 128 characters as too long', () => {
    const input = 'A'.repeat(129);
    expect(checkGroupTag(input)).toEqual({ kind: 'invalid', input, problem: { kind: 'too-long', max: 128 } });
  });

  it.each([
    ['a comma', 'Sales,Tokyo', ',', 5],
    ['a double quote', 'Sales"Tokyo', '"', 5],
    ['a carriage return', 'Sales\rTokyo', '\r', 5],
    ['a line feed', 'Sales\nTokyo', '\n', 5],
    ['a tab', 'Sales\tTokyo', '\t', 5],
    ['a bell', 'Sales\u0007', '\u0007', 5],
    ['a delete', '\u007fSales', '\u007f', 0],
    ['a C1 next-line', 'Sales\u0085', '\u0085', 5],
  ])('reports %s as a bad character with its position', (_name, input, character, position) => {
    expect(checkGroupTag(input)).toEqual(badCharacter(input, character, position));
  });

  it('reports a comma after an otherwise known tag as a bad character, not a near miss', () => {
    expect(checkGroupTag(`${AUTOPILOT},`)).toEqual(badCharacter(`${AUTOPILOT},`, ',', 29));
  });

  it('reports a non-ASCII letter in a custom tag as a bad character', () => {
    expect(checkGroupTag('Ventes-Montréal')).toEqual(badCharacter('Ventes-Montréal', 'é', 12));
  });

  it('reports full-width text that is not a near miss as a bad character', () => {
    expect(checkGroupTag('Ｓａｌｅｓ')).toEqual(badCharacter('Ｓａｌｅｓ', 'Ｓ', 0));
  });

  it('reports a character outside the BMP whole, at its UTF-16 offset', () => {
    expect(checkGroupTag('Sales😀')).toEqual(badCharacter('Sales😀', '😀', 5));
  });

  it.each(['=1+1', '+Sales', '-Sales', '@SUM(A1)'])(
    'refuses %s, which a spreadsheet would run as a formula (OWASP CSV injection)',
    (input) => {
      expect(checkGroupTag(input)).toEqual({
        kind: 'invalid',
        input,
        problem: { kind: 'formula-start', character: input.charAt(0) },
      });
    },
  );

  it('keeps a formula character inside a custom tag', () => {
    expect(checkGroupTag('Sales-Tokyo@HQ')).toEqual({ kind: 'custom', tag: 'Sales-Tokyo@HQ' });
  });

  it('reads a known tag behind a formula character as a near miss of it, never usable', () => {
    expect(checkGroupTag(`=${AUTOPILOT}`)).toMatchObject({ kind: 'near-miss', suggestion: AUTOPILOT });
  });

  it('reports a leading or trailing space on a custom tag as a bad character, since CSV tools trim it', () => {
    expect(checkGroupTag(' Sales')).toEqual(badCharacter(' Sales', ' ', 0));
    expect(checkGroupTag('Sales ')).toEqual(badCharacter('Sales ', ' ', 5));
  });
});

describe('checkGroupTag: answers', () => {
  it('returns frozen answers because repeated inputs share one', () => {
    const first = checkGroupTag('microsoft365managed_autopilot');
    expect(checkGroupTag('microsoft365managed_autopilot')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    if (first.kind === 'near-miss') expect(Object.isFrozen(first.reasons)).toBe(true);
  });
});

describe('checkGroupTag: properties', () => {
  const KINDS = ['known', 'near-miss', 'custom', 'invalid'];

  const anyText = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.string({ unit: 'binary', maxLength: 200, size: 'max' }),
    fc.string({ unit: fc.constantFrom(...'MicrosftManagedAutpl365_- ＿Ｍｉ\u3000оі,"\t'.split('')) }),
    fc
      .tuple(fc.constantFrom(...KNOWN), fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }))
      .map(([tag, before, after]) => `${before}${tag}${after}`),
    // Any characters (astral ones, lone surrogates, ones whose lower case is longer) around or inside a tag.
    fc
      .tuple(
        fc.constantFrom(...KNOWN),
        fc.string({ unit: 'binary', maxLength: 3 }),
        fc.string({ unit: 'binary', maxLength: 3 }),
        fc.nat(40),
      )
      .map(([tag, inserted, after, at]) => `${tag.slice(0, at)}${inserted}${tag.slice(at)}${after}`),
  );

  it('never throws and always answers with one of the four kinds', () => {
    fc.assert(
      fc.property(anyText, (input) => {
        expect(KINDS).toContain(checkGroupTag(input).kind);
      }),
    );
  });

  it('only ever suggests a known tag and only ever accepts a CSV-safe ASCII custom tag', () => {
    fc.assert(
      fc.property(anyText, (input) => {
        const check = checkGroupTag(input);
        if (check.kind === 'near-miss') expect(KNOWN).toContain(check.suggestion);
        if (check.kind === 'custom') expect(check.tag).toMatch(/^[\x20-\x7e]{1,128}$/);
        if (check.kind === 'custom') expect(check.tag).not.toMatch(/[,"]/);
        if (check.kind === 'custom') expect(check.tag).not.toMatch(/^[=+\-@]/);
      }),
    );
  });

  it('reads any known tag with any characters pasted before it as that tag, unless they are unsafe', () => {
    const pasted = fc.tuple(
      fc.constantFrom(...KNOWN),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }),
    );
    fc.assert(
      fc.property(pasted, ([tag, before]) => {
        const check = checkGroupTag(`${before}${tag}`);
        if (check.kind === 'invalid')
          expect(['bad-character', 'formula-start']).toContain(check.problem.kind);
        else expect(check).toMatchObject({ kind: 'near-miss', suggestion: tag });
      }),
    );
  });

  it('reads any known tag with random case changes as that tag', () => {
    const recased = fc.constantFrom(...KNOWN).chain((tag) =>
      fc.array(fc.boolean(), { minLength: tag.length, maxLength: tag.length }).map((flips) => ({
        tag,
        input: [...tag]
          .map((c, i) => (flips[i] ? (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()) : c))
          .join(''),
      })),
    );
    fc.assert(
      fc.property(recased, ({ tag, input }) => {
        const check = checkGroupTag(input);
        if (check.kind === 'known') expect(check.tag).toBe(tag);
        else expect(check).toMatchObject({ kind: 'near-miss', suggestion: tag, reasons: ['case'] });
      }),
    );
  });
});

describe('resolveGroupTag', () => {
  it('accepts a known tag whether or not custom tags are allowed', () => {
    expect(resolveGroupTag(AUTOPILOT, { allowCustom: false })).toEqual({ ok: true, tag: AUTOPILOT });
    expect(resolveGroupTag(AUTOPILOT, { allowCustom: true })).toEqual({ ok: true, tag: AUTOPILOT });
  });

  it('accepts a custom tag only when custom tags are allowed', () => {
    expect(resolveGroupTag('Sales-Tokyo', { allowCustom: true })).toEqual({ ok: true, tag: 'Sales-Tokyo' });
    expect(resolveGroupTag('Sales-Tokyo', { allowCustom: false })).toEqual({
      ok: false,
      check: { kind: 'custom', tag: 'Sales-Tokyo' },
    });
  });

  it('rejects a near miss even when custom tags are allowed', () => {
    expect(resolveGroupTag('microsoft365managed_autopilot', { allowCustom: true })).toEqual({
      ok: false,
      check: checkGroupTag('microsoft365managed_autopilot'),
    });
  });

  it('rejects an invalid tag even when custom tags are allowed', () => {
    expect(resolveGroupTag('Sales,Tokyo', { allowCustom: true })).toEqual({
      ok: false,
      check: badCharacter('Sales,Tokyo', ',', 5),
    });
  });
});
