import type { Lang } from '../../shared/i18n/lang';
import { LANGS, langFromLocale } from '../../shared/i18n/lang';

/**
 * The CLI's language: `--lang`, else `HARVESTER_LANG`, else the POSIX locale variables, else the OS locale
 * as Node sees it (on Windows the display language), else English.
 */
export function resolveLang(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Lang {
  if (flag !== undefined) {
    const chosen = flag.trim().toLowerCase();
    if ((LANGS as readonly string[]).includes(chosen)) return chosen as Lang;
    return langFromLocale(chosen) ?? 'en';
  }
  for (const name of ['HARVESTER_LANG', 'LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const lang = langFromLocale(env[name]);
    if (lang) return lang;
  }
  return langFromLocale(Intl.DateTimeFormat().resolvedOptions().locale) ?? 'en';
}
