/**
 * Group tags: the exact strings that Microsoft Managed Desktop and the customer's dynamic groups match on
 * (BRIEF §5). Dynamic groups compare the tag character for character, so one wrong character puts a device
 * in no group and nobody notices until it is handed out. This module tells an exact known tag, a near miss of
 * one (with the tag that was meant and why it differs), a deliberate custom tag and a tag that cannot be
 * written safely into an Intune CSV or a Graph `groupTag`.
 *
 * It runs once per CSV row (up to 100,000 rows), so everything about the known tags is worked out once at
 * module load, and the common cases (an exact known tag, an ordinary ASCII custom tag) cost a handful of
 * string operations.
 */

/** The seed's tag; used when the technician does not choose one. */
export const DEFAULT_GROUP_TAG = 'Microsoft365Managed_Autopilot';

/** A tag offered in the list, with a description the UI can show beside it. */
export interface KnownGroupTag {
  readonly tag: string;
  /** Short English description of the profile the tag selects. */
  readonly profile: string;
  readonly shared: boolean;
}

function known(tag: string, profile: string, shared: boolean): KnownGroupTag {
  return Object.freeze({ tag, profile, shared });
}

/**
 * Every tag the app offers, default first so a list built from it preselects the seed's tag. Microsoft
 * Managed Desktop documents no shared variant of the PowerUser profile.
 */
export const KNOWN_GROUP_TAGS: readonly KnownGroupTag[] = Object.freeze([
  known(DEFAULT_GROUP_TAG, 'Microsoft Managed Desktop (default)', false),
  known('Microsoft365Managed_Standard', 'Standard profile', false),
  known('Microsoft365Managed_SensitiveData', 'Sensitive data profile', false),
  known('Microsoft365Managed_PowerUser', 'Power user profile', false),
  known('Microsoft365Managed_Kiosk', 'Kiosk profile', false),
  known('Microsoft365Managed_Standard-Shared', 'Standard profile, shared device', true),
  known('Microsoft365Managed_SensitiveData-Shared', 'Sensitive data profile, shared device', true),
  known('Microsoft365Managed_Kiosk-Shared', 'Kiosk profile, shared device', true),
]);

/**
 * Why an input is not the tag it was meant to be, so the UI can say precisely what to fix. Reasons are always
 * listed in this order.
 */
export const NEAR_MISS_REASONS = [
  'case',
  'spaces',
  'full-width',
  'look-alike',
  'separator',
  'missing-part',
  'extra-part',
  'typo',
] as const;

export type NearMissReason = (typeof NEAR_MISS_REASONS)[number];

const REASON_ORDER: readonly NearMissReason[] = NEAR_MISS_REASONS;

export type GroupTagProblem =
  | { readonly kind: 'empty' }
  | { readonly kind: 'too-long'; readonly max: number }
  /** `position` is the UTF-16 offset, so `input.slice(position, position + character.length) === character`. */
  | { readonly kind: 'bad-character'; readonly character: string; readonly position: number }
  /** Starts with a character that makes a spreadsheet run the CSV cell as a formula (see FORMULA_START). */
  | { readonly kind: 'formula-start'; readonly character: string };

export type GroupTagCheck =
  | { readonly kind: 'known'; readonly tag: string }
  | {
      readonly kind: 'near-miss';
      readonly input: string;
      /** Always one of KNOWN_GROUP_TAGS. */
      readonly suggestion: string;
      readonly reasons: readonly NearMissReason[];
    }
  | { readonly kind: 'custom'; readonly tag: string }
  | { readonly kind: 'invalid'; readonly input: string; readonly problem: GroupTagProblem };

/** What a caller may use: known tags always; a custom tag only when allowCustom is true. */
export type GroupTagDecision =
  | { readonly ok: true; readonly tag: string }
  /** `check` is a near miss, an invalid tag, or a custom tag the caller did not allow. */
  | { readonly ok: false; readonly check: GroupTagCheck };

/**
 * Longest tag accepted. One limit for every place the tag goes (CSV, Graph `groupTag`, Partner Center
 * `batchId`), set by the project rather than taken from a documented Microsoft maximum.
 */
const MAX_LENGTH = 128;

// ---------------------------------------------------------------------------------------------------------
// Characters

/** What one character of the input turned into after normalisation. */
const CORE = 0;
const SEPARATOR = 1;
const SPACE = 2;

const FULL_WIDTH = 1;
const LOOK_ALIKE = 2;
/** A dash or underscore look-alike: never the right separator character, even where a separator belongs. */
const SEPARATOR_LOOK_ALIKE = 4;

/**
 * ASCII characters read as a separator between words. `.` and `/` are included because technicians use them
 * as word breaks too; in a custom tag they are ordinary characters (this only matters for near misses).
 */
const ASCII_SEPARATORS = new Set(['_', '-', '.', '/']);

/**
 * Characters NFKC leaves alone but that a reader takes for ASCII. Cyrillic, Greek and Armenian homoglyphs,
 * Cyrillic Ze for `3`, and the dashes an IME or a word processor puts where `-` or `_` was meant (`ー` is what a
 * Japanese IME types for the `-` key).
 */
const LOOK_ALIKES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    // Cyrillic lower case
    а: 'a',
    в: 'B',
    е: 'e',
    о: 'o',
    р: 'p',
    с: 'c',
    у: 'y',
    х: 'x',
    і: 'i',
    ј: 'j',
    ѕ: 's',
    ԁ: 'd',
    һ: 'h',
    ӏ: 'l',
    к: 'k',
    м: 'm',
    т: 't',
    н: 'H',
    ԛ: 'q',
    ԝ: 'w',
    // Cyrillic upper case
    А: 'A',
    В: 'B',
    Е: 'E',
    К: 'K',
    М: 'M',
    Н: 'H',
    О: 'O',
    Р: 'P',
    С: 'C',
    Т: 'T',
    Х: 'X',
    У: 'Y',
    І: 'I',
    Ј: 'J',
    Ѕ: 'S',
    З: '3',
    Ӏ: 'I',
    // Greek
    Α: 'A',
    Β: 'B',
    Ε: 'E',
    Ζ: 'Z',
    Η: 'H',
    Ι: 'I',
    Κ: 'K',
    Μ: 'M',
    Ν: 'N',
    Ο: 'O',
    Ρ: 'P',
    Τ: 'T',
    Υ: 'Y',
    Χ: 'X',
    α: 'a',
    ι: 'i',
    κ: 'k',
    ν: 'v',
    ο: 'o',
    ρ: 'p',
    υ: 'u',
    // Armenian and Latin extras
    օ: 'o',
    ս: 'u',
    ı: 'i',
    İ: 'I',
    ɑ: 'a',
    ǀ: 'l',
    // Dashes and underscores
    '\u2010': '-',
    '\u2012': '-',
    '\u2013': '-',
    '\u2014': '-',
    '\u2015': '-',
    '\u2043': '-',
    '\u2212': '-',
    '\u02d7': '-',
    '\u2500': '-',
    '\u30fc': '-',
    '\u4e00': '-', // CJK "one", picked from the IME's candidates for a dash
    '\u2017': '_',
    '\u02cd': '_',
  }),
);

/** Invisible characters: pasted from web pages and documents, they act as stray spaces. */
const INVISIBLES = new Set(['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad']);

/**
 * Characters that break a CSV cell or a JSON/OData string: comma and double quote end or quote a CSV field,
 * and control characters (C0, DEL, C1, line and paragraph separators) split lines or vanish.
 */
function isUnsafe(code: number): boolean {
  return (
    code < 0x20 ||
    code === 0x22 ||
    code === 0x2c ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029
  );
}

/**
 * First characters a spreadsheet reads as the start of a formula (OWASP, "CSV Injection",
 * https://owasp.org/www-community/attacks/CSV_Injection: `=`, `+`, `-`, `@`, tab and carriage return; the
 * last two are control characters, refused by `isUnsafe`). The tag goes into the Intune CSV's `Group Tag`
 * column, which technicians open in Excel; no known tag starts with one.
 */
const FORMULA_START = new Set(['=', '+', '-', '@']);

/** Stand-in for any character with no ASCII reading: it matches no letter of a known tag. */
const UNMATCHABLE = '\ufffd';

/**
 * Folds characters a reader confuses into one class, after lower-casing: `0`/`o`, `1`/`l`/`I`/`i`/`|`, `5`/`s`.
 * Matching is done on folded text; whether a difference was case or a look-alike is decided afterwards by
 * comparing the unfolded characters. Always returns exactly one UTF-16 unit, so folded text lines up index
 * for index with the characters it came from (`'İ'.toLowerCase()` is two units, an emoji is two).
 */
function fold(ch: string): string {
  if (ch.length !== 1 || ch.charCodeAt(0) >= 0x80) return UNMATCHABLE;
  switch (ch) {
    case '0':
      return 'o';
    case '1':
    case 'i':
    case 'I':
    case 'l':
    case 'L':
    case '|':
      return 'l';
    case '5':
      return 's';
    default:
      return ch.toLowerCase();
  }
}

/** The input after normalisation, one element per meaningful character. */
interface Mapped {
  readonly kinds: number[];
  /** The ASCII stand-in for each element (or the character itself when it has none). */
  readonly chars: string[];
  /** OR of every element's flags. */
  readonly flags: number;
  readonly hasSpace: boolean;
  /** Folded word characters, separators and spaces removed: what matching compares. */
  readonly core: string;
  /** The unfolded word characters, one per `core` character. */
  readonly coreChars: string[];
  /** Element index of each `core` character. */
  readonly coreElements: number[];
}

function mapInput(input: string): Mapped {
  const kinds: number[] = [];
  const chars: string[] = [];
  const coreChars: string[] = [];
  const coreElements: number[] = [];
  let core = '';
  let flags = 0;
  let hasSpace = false;

  const push = (ch: string, flag: number): void => {
    let kind = CORE;
    if (ch === ' ') {
      kind = SPACE;
      hasSpace = true;
    } else if (ASCII_SEPARATORS.has(ch)) {
      kind = SEPARATOR;
      // A separator produced by anything but its ASCII key is a look-alike dash, not a letter look-alike.
      if (flag & LOOK_ALIKE) flag = (flag & ~LOOK_ALIKE) | SEPARATOR_LOOK_ALIKE;
    } else {
      coreElements.push(kinds.length);
      coreChars.push(ch);
      core += fold(ch);
    }
    flags |= flag;
    kinds.push(kind);
    chars.push(ch);
  };

  for (const ch of input) {
    if (ch.charCodeAt(0) < 0x80) {
      push(ch, 0);
      continue;
    }
    if (INVISIBLES.has(ch)) {
      push(' ', 0);
      continue;
    }
    const code = ch.codePointAt(0) ?? 0;
    // The Halfwidth and Fullwidth Forms block and the ideographic space are what a Japanese IME types.
    const fullWidth = code === 0x3000 || (code >= 0xff00 && code <= 0xffef) ? FULL_WIDTH : 0;
    const direct = LOOK_ALIKES.get(ch);
    if (direct !== undefined) {
      push(direct, fullWidth | LOOK_ALIKE);
      continue;
    }
    const normalised = ch.normalize('NFKC');
    for (const part of normalised) {
      if (part.charCodeAt(0) < 0x80) {
        // NFKC turns every Unicode space into U+0020: a space, not a look-alike.
        push(part, fullWidth || (part === ' ' ? 0 : LOOK_ALIKE));
      } else {
        const lookAlike = LOOK_ALIKES.get(part);
        if (lookAlike !== undefined) push(lookAlike, fullWidth | LOOK_ALIKE);
        else push(part, 0);
      }
    }
  }
  return { kinds, chars, flags, hasSpace, core, coreChars, coreElements };
}

// ---------------------------------------------------------------------------------------------------------
// The known tags, worked out once

type WordGroup = 'prefix' | 'profile' | 'shared';

interface TagModel {
  /** Index in KNOWN_GROUP_TAGS: lower is preferred on a tie, which puts the default first. */
  readonly order: number;
  readonly tag: string;
  /** The tag's word characters without separators, case kept. */
  readonly letters: string;
  /** `letters` folded. */
  readonly core: string;
  /** For each letter, the separator the tag has just before it (`''` when none). */
  readonly separatorBefore: readonly string[];
  readonly words: readonly { readonly start: number; readonly end: number; readonly group: WordGroup }[];
  /** Folded letters after the `Microsoft365Managed` prefix. */
  readonly profileCore: string;
}

/** The tag with some whole words left out, as technicians shorten it. */
interface Variant {
  readonly model: TagModel;
  readonly core: string;
  /** The tag letter index behind each character of `core`. */
  readonly letterIndexes: readonly number[];
  readonly dropped: number;
  /** Largest edit distance still read as a typo of this variant. */
  readonly budget: number;
  readonly counts: Uint16Array;
}

const PREFIX = 'Microsoft365Managed';
const PREFIX_WORDS = ['Microsoft', '365', 'Managed'];

function buildModel(tag: string, order: number): TagModel {
  const [head, profile, shared, ...rest] = tag.split(/[_-]/);
  if (head !== PREFIX || profile === undefined || rest.length > 0 || (shared ?? 'Shared') !== 'Shared') {
    throw new Error(`Unexpected known group tag shape: ${tag}`);
  }
  const parts: { text: string; group: WordGroup; separator: string }[] = PREFIX_WORDS.map((text) => ({
    text,
    group: 'prefix',
    separator: '',
  }));
  parts.push({ text: profile, group: 'profile', separator: tag.charAt(PREFIX.length) });
  if (shared !== undefined) {
    parts.push({ text: shared, group: 'shared', separator: tag.charAt(PREFIX.length + 1 + profile.length) });
  }
  let letters = '';
  const separatorBefore: string[] = [];
  const words: { start: number; end: number; group: WordGroup }[] = [];
  for (const part of parts) {
    words.push({ start: letters.length, end: letters.length + part.text.length, group: part.group });
    for (let i = 0; i < part.text.length; i++) separatorBefore.push(i === 0 ? part.separator : '');
    letters += part.text;
  }
  const core = [...letters].map(fold).join('');
  return { order, tag, letters, core, separatorBefore, words, profileCore: core.slice(PREFIX.length) };
}

function typoBudget(length: number): number {
  // Proportionate to length: a short word with one wrong letter is often a different word.
  if (length < 5) return 0;
  if (length < 10) return 1;
  // Two at most, even for long tags: three edits turn `_Sales` into `_Shared`, which is a different tag.
  return 2;
}

/**
 * Variants of one tag. Any of the three prefix words may be left out (`Managed_Autopilot`,
 * `Microsoft365_Autopilot`, `Kiosk`), and the profile may be left out only when the whole prefix is there
 * (`Microsoft365Managed` means the default; `Microsoft365Managed_Shared` a shared tag). `Shared` is never left
 * out: without it the input is a variant of the non-shared tag, which needs one fewer missing word anyway.
 */
function buildVariants(model: TagModel): Variant[] {
  const variants: Variant[] = [];
  for (let prefixMask = 0; prefixMask < 8; prefixMask++) {
    for (const keepProfile of [true, false]) {
      if (!keepProfile && prefixMask !== 7) continue;
      const letterIndexes: number[] = [];
      let dropped = 0;
      model.words.forEach((word, w) => {
        const keep =
          word.group === 'prefix' ? (prefixMask & (1 << w)) !== 0 : word.group === 'shared' || keepProfile;
        if (!keep) {
          dropped++;
          return;
        }
        for (let i = word.start; i < word.end; i++) letterIndexes.push(i);
      });
      const core = letterIndexes.map((i) => model.core.charAt(i)).join('');
      const budget = typoBudget(core.length);
      variants.push({ model, core, letterIndexes, dropped, budget, counts: letterCounts(core) });
    }
  }
  return variants;
}

/** Preference between two readings at equal distance: fewer missing words, then the earlier (default) tag. */
function better(a: Variant, b: Variant): boolean {
  return a.dropped < b.dropped || (a.dropped === b.dropped && a.model.order < b.model.order);
}

const MODELS: readonly TagModel[] = KNOWN_GROUP_TAGS.map((k, order) => buildModel(k.tag, order));
const KNOWN_BY_TAG: ReadonlyMap<string, string> = new Map(KNOWN_GROUP_TAGS.map((k) => [k.tag, k.tag]));
const PREFIX_CORE = [...PREFIX].map(fold).join('');

/** The preferred variant for each folded spelling. */
const VARIANT_BY_CORE: ReadonlyMap<string, Variant> = (() => {
  const byCore = new Map<string, Variant>();
  for (const model of MODELS) {
    for (const variant of buildVariants(model)) {
      const current = byCore.get(variant.core);
      if (current === undefined || better(variant, current)) byCore.set(variant.core, variant);
    }
  }
  return byCore;
})();
const VARIANTS: readonly Variant[] = [...VARIANT_BY_CORE.values()];

// ---------------------------------------------------------------------------------------------------------
// Edit distance (optimal string alignment: insert, delete, substitute, swap two neighbours)

/** Letters of a folded string counted into 32 buckets (char code mod 32), for a cheap lower bound. */
function letterCounts(text: string): Uint16Array {
  const counts = new Uint16Array(32);
  for (let i = 0; i < text.length; i++) counts[text.charCodeAt(i) & 31]!++;
  return counts;
}

/**
 * A lower bound of the edit distance: each edit adds at most one letter and removes at most one, so the
 * distance is at least the larger of the surplus on either side. Merging letters into buckets only lowers it.
 */
function countsBound(a: Uint16Array, b: Uint16Array): number {
  let surplus = 0;
  let deficit = 0;
  for (let k = 0; k < 32; k++) {
    const d = a[k]! - b[k]!;
    if (d > 0) surplus += d;
    else deficit -= d;
  }
  return Math.max(surplus, deficit);
}

// Rows for `distanceWithin`, reused across calls: the function is synchronous and never re-entered, and
// allocating three arrays per variant per CSV row was most of its cost.
const ROW_SIZE = MAX_LENGTH + 2;
let twoBack = new Int32Array(ROW_SIZE);
let previous = new Int32Array(ROW_SIZE);
let current = new Int32Array(ROW_SIZE);

/**
 * Distance between `a` and `b`, or `max + 1` as soon as it is known to exceed `max`. Only the diagonal band
 * `|i - j| <= max` is computed: cells outside it are already over budget.
 */
function distanceWithin(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  const over = max + 1;
  if (Math.abs(n - m) > max) return over;
  if (m + 1 > ROW_SIZE) return over; // never: known tags and the profile part are far shorter than the limit
  for (let j = 0; j <= m; j++) {
    previous[j] = j;
    twoBack[j] = over;
  }
  for (let i = 1; i <= n; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(m, i + max);
    current[0] = i;
    if (from > 1) current[from - 1] = over;
    if (to < m) current[to + 1] = over;
    let rowMin = from === 1 ? i : over;
    const ai = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = previous[j - 1]! + (ai === bj ? 0 : 1);
      const up = previous[j]! + 1;
      const left = current[j - 1]! + 1;
      if (up < d) d = up;
      if (left < d) d = left;
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        const swap = twoBack[j - 2]! + 1;
        if (swap < d) d = swap;
      }
      if (d > over) d = over;
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return over;
    const spare = twoBack;
    twoBack = previous;
    previous = current;
    current = spare;
  }
  return Math.min(previous[m]!, over);
}

/** For each character of `target`, the index in `source` it lines up with, or -1 when it is missing. */
function align(source: string, target: string): Int32Array {
  const n = source.length;
  const m = target.length;
  const w = m + 1;
  const d = new Uint16Array((n + 1) * w);
  for (let i = 0; i <= n; i++) d[i * w] = i;
  for (let j = 0; j <= m; j++) d[j] = j;
  const same = (i: number, j: number): boolean => source.charCodeAt(i) === target.charCodeAt(j);
  const swapped = (i: number, j: number): boolean =>
    i > 1 && j > 1 && same(i - 1, j - 2) && same(i - 2, j - 1);
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      let v = Math.min(
        d[(i - 1) * w + j]! + 1,
        d[i * w + j - 1]! + 1,
        d[(i - 1) * w + j - 1]! + (same(i - 1, j - 1) ? 0 : 1),
      );
      if (swapped(i, j)) v = Math.min(v, d[(i - 2) * w + j - 2]! + 1);
      d[i * w + j] = v;
    }
  }
  const result = new Int32Array(m).fill(-1);
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const here = d[i * w + j]!;
    if (i > 0 && j > 0 && here === d[(i - 1) * w + j - 1]! + (same(i - 1, j - 1) ? 0 : 1)) {
      result[j - 1] = i - 1;
      i--;
      j--;
    } else if (swapped(i, j) && here === d[(i - 2) * w + j - 2]! + 1) {
      result[j - 1] = i - 2;
      result[j - 2] = i - 1;
      i -= 2;
      j -= 2;
    } else if (i > 0 && here === d[(i - 1) * w + j]! + 1) {
      i--;
    } else {
      j--;
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Finding the tag that was meant

/** The tag a near miss points to and how the input's word characters line up with the tag's letters. */
interface Reading {
  readonly model: TagModel;
  /** Per tag letter: the `core` index it lines up with, or -1. */
  readonly letterToInput: Int32Array;
  /** Per tag letter: whether it belongs to a word the input leaves out entirely. */
  readonly dropped: Uint8Array;
  /** The input has text that belongs to no part of the tag (set when the prefix alone was recognised). */
  readonly unrecognised: boolean;
}

function readVariant(variant: Variant, variantToInput: Int32Array): Reading {
  const size = variant.model.letters.length;
  const letterToInput = new Int32Array(size).fill(-1);
  const dropped = new Uint8Array(size).fill(1);
  variant.letterIndexes.forEach((letter, k) => {
    letterToInput[letter] = variantToInput[k]!;
    dropped[letter] = 0;
  });
  return { model: variant.model, letterToInput, dropped, unrecognised: false };
}

function offsetAlignment(length: number, offset: number): Int32Array {
  const result = new Int32Array(length);
  for (let k = 0; k < length; k++) result[k] = offset + k;
  return result;
}

/**
 * Finds the known tag the input most likely means, or undefined when it is not clearly meant as one.
 *
 * In order of strength:
 * 1. The folded input spells a variant exactly (other case, spaces, look-alikes, separators, left-out words).
 * 2. The folded input contains a whole known tag plus extra text, or is within a typo budget of a variant;
 *    the smaller of extra length and edit distance wins, then fewer missing words, then the default tag.
 * 3. The folded input contains `Microsoft365Managed` but no recognisable profile. That prefix is Microsoft
 *    Managed Desktop's namespace: a tag in it that MMD does not define is a mistake, never a custom tag, so
 *    it is reported as a near miss of the tag whose profile is closest to the rest.
 *
 * A lone profile word (`Kiosk`, `Standard`, `Autopilot`) reads as that tag, since in this tool it most likely
 * means the MMD profile; so does one within the typo budget (`Standart`, `Kiosks`). A profile word with
 * another word (`Kiosk-Lobby`, `Autopilot-Sales`) is an ordinary custom tag: reading it as a tag would need
 * both a missing part and a whole extra word, and custom tags are commonly built that way.
 */
function findMeant(core: string): Reading | undefined {
  if (core.length === 0) return undefined;
  const exact = VARIANT_BY_CORE.get(core);
  if (exact !== undefined) return readVariant(exact, offsetAlignment(exact.core.length, 0));

  // Whole tag plus extra text (offset >= 0), or a typo of a variant (offset -1): the cheapest reading wins.
  let bestCost = Infinity;
  let bestVariant: Variant | undefined;
  let bestOffset = -1;
  for (const model of MODELS) {
    const full = VARIANT_BY_CORE.get(model.core);
    const offset = core.indexOf(model.core);
    const cost = core.length - model.core.length;
    if (full === undefined || offset < 0) continue;
    if (cost < bestCost || (cost === bestCost && bestVariant !== undefined && better(full, bestVariant))) {
      [bestCost, bestVariant, bestOffset] = [cost, full, offset];
    }
  }
  const counts = letterCounts(core);
  for (const variant of VARIANTS) {
    if (Math.abs(core.length - variant.core.length) > variant.budget) continue;
    if (countsBound(counts, variant.counts) > variant.budget) continue;
    const cost = distanceWithin(core, variant.core, variant.budget);
    if (cost > variant.budget) continue;
    if (cost < bestCost || (cost === bestCost && bestVariant !== undefined && better(variant, bestVariant))) {
      [bestCost, bestVariant, bestOffset] = [cost, variant, -1];
    }
  }
  if (bestVariant !== undefined) {
    const variantToInput =
      bestOffset >= 0 ? offsetAlignment(bestVariant.core.length, bestOffset) : align(core, bestVariant.core);
    return readVariant(bestVariant, variantToInput);
  }

  const prefixAt = core.indexOf(PREFIX_CORE);
  if (prefixAt < 0) return undefined;
  const rest = core.slice(0, prefixAt) + core.slice(prefixAt + PREFIX_CORE.length);
  // The profile whose letters are closest to the rest, when at most a third of them are wrong (`_Sensitive`
  // reads as SensitiveData); otherwise nothing points anywhere and the seed's tag is the suggestion
  // (`_Finance`, `_Sales_Shared`).
  let closest = MODELS[0]!;
  let closestDistance = Infinity;
  for (const model of MODELS) {
    const budget = Math.floor(model.profileCore.length / 3);
    const distance = distanceWithin(rest, model.profileCore, budget);
    if (distance <= budget && distance < closestDistance) {
      closest = model;
      closestDistance = distance;
    }
  }
  const size = closest.letters.length;
  const dropped = new Uint8Array(size).fill(1);
  // Only letters left out after the prefix (`_Sensitive`): line the letters up; the ones that line up with
  // nothing are the missing part, and nothing was typed that has to go.
  if (prefixAt === 0 && closestDistance === closest.profileCore.length - rest.length) {
    const letterToInput = align(core, closest.core);
    letterToInput.forEach((i, j) => {
      if (i >= 0) dropped[j] = 0;
    });
    return { model: closest, letterToInput, dropped, unrecognised: false };
  }
  const letterToInput = new Int32Array(size).fill(-1);
  for (let k = 0; k < PREFIX_CORE.length; k++) {
    letterToInput[k] = prefixAt + k;
    dropped[k] = 0;
  }
  return { model: closest, letterToInput, dropped, unrecognised: true };
}

// ---------------------------------------------------------------------------------------------------------
// Explaining the difference

/** Separators (not spaces) among elements strictly between `from` and `to`. */
function separatorsBetween(mapped: Mapped, from: number, to: number): string {
  let found = '';
  for (let e = from + 1; e < to; e++) if (mapped.kinds[e] === SEPARATOR) found += mapped.chars[e]!;
  return found;
}

function hasCoreBetween(mapped: Mapped, from: number, to: number): boolean {
  for (let e = from + 1; e < to; e++) if (mapped.kinds[e] === CORE) return true;
  return false;
}

function explain(mapped: Mapped, reading: Reading): NearMissReason[] {
  const { model, letterToInput, dropped } = reading;
  const found = new Set<NearMissReason>();
  if (mapped.hasSpace) found.add('spaces');
  if (mapped.flags & FULL_WIDTH) found.add('full-width');
  if (mapped.flags & LOOK_ALIKE) found.add('look-alike');
  if (mapped.flags & SEPARATOR_LOOK_ALIKE) found.add('separator');
  if (reading.unrecognised) found.add('extra-part');

  const size = model.letters.length;
  let first = Infinity;
  let last = -1;
  let aligned = 0;
  let swappedPair = false;
  for (let j = 0; j < size; j++) {
    const i = letterToInput[j]!;
    if (swappedPair) {
      swappedPair = false;
      aligned++;
      last = Math.max(last, i);
      continue;
    }
    if (i < 0) {
      found.add(dropped[j] ? 'missing-part' : 'typo');
      continue;
    }
    aligned++;
    first = Math.min(first, i);
    last = Math.max(last, i);
    const next = j + 1 < size ? letterToInput[j + 1]! : -1;
    if (next >= 0 && next < i) found.add('typo'); // two neighbours swapped
    const typed = mapped.coreChars[i]!;
    const wanted = model.letters.charAt(j);
    if (typed === wanted) continue;
    if (fold(typed) !== fold(wanted)) {
      found.add('typo');
    } else if (typed.toLowerCase() === wanted.toLowerCase()) {
      found.add('case');
    } else if (
      // `Autopliot`: swapped `i` and `l` fold to the same text, but it is a transposition, not a look-alike.
      next === i + 1 &&
      typed.toLowerCase() === model.letters.charAt(j + 1).toLowerCase() &&
      (mapped.coreChars[i + 1] ?? '').toLowerCase() === wanted.toLowerCase()
    ) {
      found.add('typo');
      swappedPair = true;
    } else {
      found.add('look-alike');
    }
  }
  if (aligned === 0) return REASON_ORDER.filter((r) => found.has(r));
  // Word characters inside the matched stretch that line up with nothing were typed in by mistake.
  if (last - first + 1 > aligned) found.add('typo');

  // Separators between letters that are neighbours in the tag. Where the input leaves a word out, whatever
  // stands in the gap is accepted: the reason there is the missing part.
  for (let j = 1; j < size; j++) {
    const a = letterToInput[j - 1]!;
    const b = letterToInput[j]!;
    if (a < 0 || b <= a) continue;
    const between = separatorsBetween(mapped, mapped.coreElements[a]!, mapped.coreElements[b]!);
    if (between !== model.separatorBefore[j]) found.add('separator');
  }

  // Text before and after the matched stretch must go; separators there too, unless they stand for a word the
  // input leaves out (`_Autopilot`).
  const start = mapped.coreElements[first]!;
  const end = mapped.coreElements[last]!;
  const lastElement = mapped.kinds.length;
  if (hasCoreBetween(mapped, -1, start) || hasCoreBetween(mapped, end, lastElement)) found.add('extra-part');
  if (!dropped[0] && separatorsBetween(mapped, -1, start) !== '') found.add('extra-part');
  if (!dropped[size - 1] && separatorsBetween(mapped, end, lastElement) !== '') found.add('extra-part');

  return REASON_ORDER.filter((r) => found.has(r));
}

// ---------------------------------------------------------------------------------------------------------
// Public API

/**
 * Classifies one group tag as typed or read from a CSV. Never throws: the tag comes from technicians and
 * files, and every kind of wrong is an answer the UI shows.
 *
 * Decisions a caller should know:
 * - Exact means exact: no trimming, so `' Microsoft365Managed_Autopilot'` is a near miss for `spaces`.
 * - Comma, double quote and control characters are `invalid` even in an otherwise known tag; other non-ASCII
 *   characters are `invalid` only when the input is not a near miss (full-width IME input is a near miss).
 * - A custom tag with a leading or trailing space is `invalid` (bad character ` `): spreadsheets and CSV tools
 *   trim cells, so the registered tag would silently differ from the one a dynamic group matches.
 * - See `findMeant` for when a profile word alone or the `Microsoft365Managed` prefix counts as a near miss.
 */
export function checkGroupTag(input: string): GroupTagCheck {
  const cached = RECENT.get(input);
  if (cached !== undefined) return cached;
  const check = deepFreeze(classify(input));
  if (input.length <= MAX_LENGTH) {
    if (RECENT.size >= RECENT_LIMIT) RECENT.clear();
    RECENT.set(input, check);
  }
  return check;
}

/**
 * Recent answers. A CSV's rows nearly always share one tag, so a 100,000-row file costs one real check, not
 * 100,000. Answers are frozen because they are shared; the cache is cleared whole when full, which keeps it
 * simple and bounded.
 */
const RECENT = new Map<string, GroupTagCheck>();
const RECENT_LIMIT = 512;

function deepFreeze(check: GroupTagCheck): GroupTagCheck {
  if (check.kind === 'near-miss') Object.freeze(check.reasons);
  if (check.kind === 'invalid') Object.freeze(check.problem);
  return Object.freeze(check);
}

function classify(input: string): GroupTagCheck {
  if (input.trim() === '') return { kind: 'invalid', input, problem: { kind: 'empty' } };
  if (input.length > MAX_LENGTH) {
    return { kind: 'invalid', input, problem: { kind: 'too-long', max: MAX_LENGTH } };
  }
  let firstNonAscii = -1;
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (isUnsafe(code)) return badCharacter(input, i);
    if (code >= 0x80 && firstNonAscii < 0) firstNonAscii = i;
  }
  const exact = KNOWN_BY_TAG.get(input);
  if (exact !== undefined) return { kind: 'known', tag: exact };

  const mapped = mapInput(input);
  const reading = findMeant(mapped.core);
  if (reading !== undefined) {
    return { kind: 'near-miss', input, suggestion: reading.model.tag, reasons: explain(mapped, reading) };
  }
  if (FORMULA_START.has(input.charAt(0))) {
    return { kind: 'invalid', input, problem: { kind: 'formula-start', character: input.charAt(0) } };
  }
  if (firstNonAscii >= 0) return badCharacter(input, firstNonAscii);
  if (input.startsWith(' ')) return badCharacter(input, 0);
  if (input.endsWith(' ')) return badCharacter(input, input.length - 1);
  return { kind: 'custom', tag: input };
}

function badCharacter(input: string, position: number): GroupTagCheck {
  const code = input.codePointAt(position) ?? 0;
  return {
    kind: 'invalid',
    input,
    problem: { kind: 'bad-character', character: String.fromCodePoint(code), position },
  };
}

/** Differences in how a tag was typed, not in what it says: safe to correct without asking. */
const TYPING_ONLY: ReadonlySet<NearMissReason> = new Set([
  'case',
  'spaces',
  'full-width',
  'look-alike',
  'separator',
]);

/** True when every reason is about how the tag was typed (the export corrects such a tag by itself). */
export function isTypingOnly(reasons: readonly NearMissReason[]): boolean {
  return reasons.every((r) => TYPING_ONLY.has(r));
}

/**
 * What a device's own tag (a CSV row's, or the ledger's) means for registering it, for the import preview
 * and the device list: `none` (the export's tag applies), `known`, a `near-miss` with the tag meant (the
 * export corrects it when `correctable`, else leaves the device out), `custom` (exported only when custom
 * tags are allowed) or `invalid`.
 */
export type TagStatus =
  | { readonly kind: 'none' }
  | { readonly kind: 'known' }
  | {
      readonly kind: 'near-miss';
      readonly suggestion: string;
      readonly reasons: readonly NearMissReason[];
      readonly correctable: boolean;
    }
  | { readonly kind: 'custom' }
  | { readonly kind: 'invalid'; readonly problem: GroupTagProblem };

export function tagStatus(tag: string): TagStatus {
  if (tag.length === 0) return { kind: 'none' };
  const check = checkGroupTag(tag);
  switch (check.kind) {
    case 'known':
      return { kind: 'known' };
    case 'near-miss':
      return {
        kind: 'near-miss',
        suggestion: check.suggestion,
        reasons: check.reasons,
        correctable: isTypingOnly(check.reasons),
      };
    case 'custom':
      return { kind: 'custom' };
    case 'invalid':
      return { kind: 'invalid', problem: check.problem };
    default:
      return assertNever(check);
  }
}

/**
 * The single gate before a tag is written to a CSV or sent to Graph: known tags pass, a custom tag passes only
 * when the technician chose to allow custom tags, and anything else comes back with its check for the UI.
 */
export function resolveGroupTag(input: string, options: { readonly allowCustom: boolean }): GroupTagDecision {
  const check = checkGroupTag(input);
  switch (check.kind) {
    case 'known':
      return { ok: true, tag: check.tag };
    case 'custom':
      return options.allowCustom ? { ok: true, tag: check.tag } : { ok: false, check };
    case 'near-miss':
    case 'invalid':
      return { ok: false, check };
    default:
      return assertNever(check);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unexpected group tag check: ${JSON.stringify(value)}`);
}
