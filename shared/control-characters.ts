/**
 * Text from outside (a CSV field, a file name, a service's message) shown to a person: control characters
 * written as escapes, so a field holding `ESC [ 2 J` cannot clear or recolour the technician's terminal,
 * forge a line of output with a CR, or turn a serial around on screen with a bidi override (U+202E, the
 * "Trojan Source" characters, CVE-2021-42574).
 *
 * Escaped: C0 controls but LF and tab (ECMA-48 / ISO 6429), DEL, the C1 controls U+0080-U+009F (U+009B is
 * a one-character CSI on terminals that honour 8-bit controls), and the Unicode bidirectional formatting
 * characters of UAX #9 (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069). Nothing else is touched.
 */
/* eslint-disable no-control-regex -- matching control characters is this module's purpose */

const TERMINAL_CONTROLS =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const ALL_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** `\x1B` for a code below 0x100, `\u202E` above: the notation of C and JavaScript. */
function escapeOne(ch: string): string {
  const code = ch.charCodeAt(0);
  const hex = code.toString(16).toUpperCase();
  return code < 0x100 ? `\\x${hex.padStart(2, '0')}` : `\\u${hex.padStart(4, '0')}`;
}

/** For terminal output and log lines made of many lines: keeps LF and tab, escapes every other control. */
export function escapeTerminalControls(text: string): string {
  return text.replace(TERMINAL_CONTROLS, escapeOne);
}

/** For one value shown in place (a table cell, a UI label): line ends and tabs are escaped too. */
export function escapeControls(text: string): string {
  return ANY_CONTROL.test(text) ? text.replace(ALL_CONTROLS, escapeOne) : text;
}

/** Whether `text` holds a character `escapeControls` would escape. */
export function hasControls(text: string): boolean {
  return ANY_CONTROL.test(text);
}

/**
 * JSON text with C1 and bidi controls written as `\uXXXX` (JSON.stringify escapes only C0): the same JSON
 * value, safe to print on a terminal.
 */
export function escapeJsonControls(json: string): string {
  return json.replace(/[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (ch) => {
    return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
