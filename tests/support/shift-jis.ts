/**
 * Shift_JIS (CP932) bytes for test files, the way Excel on Japanese Windows re-saves a CSV. Node has a
 * Shift_JIS decoder but no encoder, so the few characters the tests use are listed by hand (each pair checked
 * against `new TextDecoder('shift_jis')` in text-decoding.test.ts).
 */

/** Shift_JIS codes of the characters test data uses: two bytes, or one for half-width katakana. */
export const SHIFT_JIS_CODES: Readonly<Record<string, readonly number[]>> = {
  テ: [0x83, 0x65],
  ス: [0x83, 0x58],
  ト: [0x83, 0x67],
  モ: [0x83, 0x82],
  デ: [0x83, 0x66],
  ル: [0x83, 0x8b],
  営: [0x89, 0x63],
  業: [0x8b, 0xc6],
  部: [0x95, 0x94],
  東: [0x93, 0x8c],
  京: [0x8b, 0x9e],
  /** A JIS level-2 kanji: its lead byte 0xEA is also a valid UTF-8 lead byte, and 0xA4 a UTF-8 continuation. */
  熙: [0xea, 0xa4],
  /** Half-width katakana, one byte each: `ﾃｽ` is 0xC3 0xBD, which is also valid UTF-8 (`ý`). */
  ﾃ: [0xc3],
  ｽ: [0xbd],
};

/** Encodes ASCII and the characters of {@link SHIFT_JIS_CODES}; throws on anything else. */
export function encodeShiftJis(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const unit = ch.charCodeAt(0);
    if (unit < 0x80) {
      out.push(unit);
      continue;
    }
    const code = SHIFT_JIS_CODES[ch];
    if (!code) throw new Error(`no Shift_JIS code listed for ${JSON.stringify(ch)}`);
    out.push(...code);
  }
  return Uint8Array.from(out);
}
