/** What each known group tag is for, in the user's language (the tags themselves are never translated). */
import { KNOWN_GROUP_TAGS } from '../group-tag';
import type { Lang } from './lang';

const JA: Readonly<Record<string, string>> = {
  Microsoft365Managed_Autopilot: 'Microsoft マネージド デスクトップ（既定）',
  Microsoft365Managed_Standard: '標準プロファイル',
  Microsoft365Managed_SensitiveData: '機密データ プロファイル',
  Microsoft365Managed_PowerUser: 'パワー ユーザー プロファイル',
  Microsoft365Managed_Kiosk: 'キオスク プロファイル',
  'Microsoft365Managed_Standard-Shared': '標準プロファイル（共有デバイス）',
  'Microsoft365Managed_SensitiveData-Shared': '機密データ プロファイル（共有デバイス）',
  'Microsoft365Managed_Kiosk-Shared': 'キオスク プロファイル（共有デバイス）',
};

/** The description of a known tag in `lang`, or `undefined` for a tag that is not known. */
export function groupTagDescription(tag: string, lang: Lang): string | undefined {
  const known = KNOWN_GROUP_TAGS.find((t) => t.tag === tag);
  if (!known) return undefined;
  return lang === 'ja' ? (JA[tag] ?? known.profile) : known.profile;
}
