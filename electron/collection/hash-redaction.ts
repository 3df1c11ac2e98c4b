/**
 * Keeps hardware hashes out of `harvester.log`. A hash identifies one device's hardware (disk serials, MAC
 * addresses, the TPM key) and the log travels to support by e-mail; what support needs is that a hash was
 * there and how long it was, never the hash. Applied to every line collection logs, because raw PowerShell
 * output reaches the log on failure paths and can hold the hash anywhere: as the script's `"hash"` field, in
 * a truncated JSON line, or inside an error message that quotes it.
 */

/**
 * A JSON field that carries a hash, under the names it goes by (the script's `hash`, WMI's
 * `DeviceHardwareData`, the CSV column `Hardware Hash`). The value may be cut off, so the closing quote is
 * not required (the value then ends with its line); an already redacted value is left as it is.
 */
const HASH_FIELD =
  /("(?:hash|hardwareHash|Hardware Hash|DeviceHardwareData)"\s*:\s*")(?!<hash: \d+ characters>")((?:[^"\\\r\n]|\\.)+)/gi;

/**
 * A run of base64 characters long enough to be (part of) a hash, with the lines it continues on: PowerShell
 * wraps a long error message at the console width, so a hash quoted in an error arrives in pieces, the last
 * one possibly short. Which runs are hashes is decided by looksLikeHash.
 */
const BASE64_RUN = new RegExp(
  String.raw`[A-Za-z0-9+/]{32,}={0,2}` +
    // Continued by a full line, a piece that ends the quoted value, or a last piece that is no word.
    String.raw`(?:\r?\n(?:[A-Za-z0-9+/]{32,}={0,2}|[A-Za-z0-9+/]+={0,2}(?=["'])|[A-Za-z0-9+/]*[0-9+/=][A-Za-z0-9+/]*={0,2}(?=\s|$)))*`,
  'g',
);

/** What a hash becomes in the log: enough to see that one was there and how long it was. */
export function hashPlaceholder(length: number): string {
  return `<hash: ${length} characters>`;
}

/**
 * `text` with every hash-like value replaced by {@link hashPlaceholder}. Idempotent, so a line may pass
 * through it twice (once when clipped, once when logged).
 */
export function redactHashes(text: string): string {
  return text
    .replace(
      HASH_FIELD,
      (_match, prefix: string, value: string) => `${prefix}${hashPlaceholder(value.length)}`,
    )
    .replace(BASE64_RUN, (run) => (looksLikeHash(run) ? hashPlaceholder(base64Length(run)) : run));
}

/**
 * Every hash starts with `T0` (base64 of its header); a piece from its middle (PowerShell wraps long error
 * lines) starts anywhere but mixes upper case, lower case and digits, which a hex digest, a word or a GUID
 * does not.
 */
function looksLikeHash(run: string): boolean {
  if (run.startsWith('T0')) return true;
  return run.length >= 48 && /[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9]/.test(run);
}

/** Characters of the hash itself, line breaks of the wrapping left out. */
function base64Length(run: string): number {
  return run.replace(/\r?\n/g, '').length;
}
