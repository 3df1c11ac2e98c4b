import { describe, expect, it } from 'vitest';
import { resolveLang } from '../../../../electron/cli/locale';

describe('resolveLang', () => {
  it('follows --lang above everything else', () => {
    expect(resolveLang('ja', { LANG: 'en_US.UTF-8' })).toBe('ja');
    expect(resolveLang('en', { LANG: 'ja_JP.UTF-8' })).toBe('en');
  });

  it('accepts a locale tag for --lang', () => {
    expect(resolveLang('ja-JP', {})).toBe('ja');
  });

  it('follows HARVESTER_LANG before the POSIX locale', () => {
    expect(resolveLang(undefined, { HARVESTER_LANG: 'ja', LANG: 'en_US.UTF-8' })).toBe('ja');
  });

  it('reads a Japanese POSIX locale', () => {
    expect(resolveLang(undefined, { LANG: 'ja_JP.UTF-8' })).toBe('ja');
  });

  it('lets LC_ALL override LANG', () => {
    expect(resolveLang(undefined, { LC_ALL: 'ja_JP.UTF-8', LANG: 'en_US.UTF-8' })).toBe('ja');
  });

  it('skips the C locale and falls back to the system locale', () => {
    const system = Intl.DateTimeFormat().resolvedOptions().locale.toLowerCase().startsWith('ja')
      ? 'ja'
      : 'en';
    expect(resolveLang(undefined, { LANG: 'C.UTF-8' })).toBe(system);
  });
});
