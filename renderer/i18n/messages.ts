/**
 * Every text of the UI, one catalogue per feature merged into one per language. A key belongs to exactly one
 * feature (its prefix); the catalogue test fails on a key defined twice.
 */
import type { Lang } from '../../shared/i18n/lang';
import { collectMessages } from './catalog/collect';
import { commonMessages } from './catalog/common';
import { devicesMessages } from './catalog/devices';
import { exportMessages } from './catalog/export';
import { importMessages } from './catalog/import';
import { settingsMessages } from './catalog/settings';
import { submitMessages } from './catalog/submit';

export const FEATURE_CATALOGS = {
  common: commonMessages,
  collect: collectMessages,
  devices: devicesMessages,
  import: importMessages,
  export: exportMessages,
  submit: submitMessages,
  settings: settingsMessages,
} as const;

type Catalogs = typeof FEATURE_CATALOGS;
export type MessageKey = { [F in keyof Catalogs]: keyof Catalogs[F]['en'] }[keyof Catalogs] & string;

function merged(lang: Lang): Readonly<Record<MessageKey, string>> {
  return Object.assign({}, ...Object.values(FEATURE_CATALOGS).map((catalog) => catalog[lang])) as Record<
    MessageKey,
    string
  >;
}

export const MESSAGES: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = {
  en: merged('en'),
  ja: merged('ja'),
};
