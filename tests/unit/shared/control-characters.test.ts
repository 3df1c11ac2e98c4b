import { describe, expect, it } from 'vitest';
import {
  escapeControls,
  escapeJsonControls,
  escapeTerminalControls,
  hasControls,
} from '../../../shared/control-characters';

describe('escapeTerminalControls', () => {
  it('writes ESC, BEL, CR, DEL and the 8-bit CSI as \\x escapes', () => {
    expect(escapeTerminalControls('\u001b[2J\u0007a\rb\u007f\u009b31m')).toBe(
      '\\x1B[2J\\x07a\\x0Db\\x7F\\x9B31m',
    );
  });

  it('keeps line ends and tabs, which structure the output', () => {
    expect(escapeTerminalControls('a\tb\nc')).toBe('a\tb\nc');
  });

  it('writes the bidi overrides and isolates of Trojan Source as \\u escapes', () => {
    expect(escapeTerminalControls('PF3\u202eEDCBA\u2066x\u2069\u200f')).toBe(
      'PF3\\u202EEDCBA\\u2066x\\u2069\\u200F',
    );
  });

  it('leaves Japanese text, full-width forms and emoji alone', () => {
    expect(escapeTerminalControls('営業部 ＡＢＣ ✓')).toBe('営業部 ＡＢＣ ✓');
  });
});

describe('escapeControls', () => {
  it('escapes line ends and tabs too, for one value shown in place', () => {
    expect(escapeControls('a\nb\tc')).toBe('a\\x0Ab\\x09c');
    expect(hasControls('a\nb')).toBe(true);
    expect(hasControls('PF3ABCDE')).toBe(false);
  });
});

describe('escapeJsonControls', () => {
  it('gives the same JSON value without raw C1 or bidi characters', () => {
    const value = { serial: 'PF3\u202eX\u009b' };
    const text = escapeJsonControls(JSON.stringify(value));
    expect(text).toBe('{"serial":"PF3\\u202eX\\u009b"}');
    expect(JSON.parse(text)).toEqual(value);
  });
});
