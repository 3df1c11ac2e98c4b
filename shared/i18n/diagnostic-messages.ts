/**
 * What each diagnostic says to a technician, in English and Japanese: what happened, and what to do.
 * Every code has both texts; the type system refuses a missing one.
 */
import type { Diagnostic, DiagnosticCode, DiagnosticParams } from '../diagnostics';
import type { HashFailureKind } from '../hardware-hash';
import type { Lang } from './lang';

type Texts = Readonly<Record<Lang, (p: DiagnosticParams) => string>>;

const s = (value: DiagnosticParams[string]): string => (value === undefined ? '' : String(value));
const q = (value: DiagnosticParams[string]): string => `"${s(value)}"`;
const jq = (value: DiagnosticParams[string]): string => `「${s(value)}」`;

const FIELD_NAMES: Readonly<Record<Lang, Readonly<Record<string, string>>>> = {
  en: {
    serial: 'serial number',
    productId: 'Windows Product ID',
    manufacturer: 'manufacturer',
    model: 'model',
    groupTag: 'group tag',
    assignedUser: 'assigned user',
  },
  ja: {
    serial: 'シリアル番号',
    productId: 'Windows プロダクト ID',
    manufacturer: 'メーカー名',
    model: 'モデル名',
    groupTag: 'グループ タグ',
    assignedUser: '割り当てユーザー',
  },
};

const field = (lang: Lang, name: DiagnosticParams[string]): string => FIELD_NAMES[lang][s(name)] ?? s(name);

export const HASH_FAILURE_TEXTS: Readonly<Record<HashFailureKind, Texts>> = {
  empty: { en: () => 'the hash is empty', ja: () => 'ハッシュが空です' },
  'not-base64': {
    en: (p) =>
      `it contains ${q(p.character)} at character ${Number(p.position) + 1}, which base64 never has (the text was damaged when copied)`,
    ja: (p) =>
      `${Number(p.position) + 1} 文字目に base64 では使わない文字${jq(p.character)}があります（コピーの途中で壊れています）`,
  },
  'bad-base64-length': {
    en: (p) => `its length (${s(p.length)} characters) is impossible for base64: part of it is missing`,
    ja: (p) => `長さ（${s(p.length)} 文字）が base64 としてありえません。一部が欠けています`,
  },
  'too-short': {
    en: (p) => `it is only ${s(p.byteLength)} bytes long: it was cut off`,
    ja: (p) => `${s(p.byteLength)} バイトしかなく、途中で切れています`,
  },
  'bad-magic': {
    en: () => 'it does not start like a hardware hash (T0...): this is some other data',
    ja: () => 'ハードウェア ハッシュの形式（T0 で始まる）ではありません。別のデータです',
  },
  'bad-inventory-length': {
    en: (p) => `its inventory length (${s(p.inventoryLength)}) is impossible`,
    ja: (p) => `中身の長さ（${s(p.inventoryLength)}）がありえない値です`,
  },
  'bad-record-length': {
    en: (p) =>
      `record ${s(p.recordType)} at byte ${s(p.offset)} has an impossible length (${s(p.recordLength)})`,
    ja: (p) =>
      `${s(p.offset)} バイト目のレコード ${s(p.recordType)} の長さ（${s(p.recordLength)}）がありえない値です`,
  },
  truncated: {
    en: (p) => `it is ${s(p.byteLength)} bytes but needs ${s(p.needed)}: the end was cut off`,
    ja: (p) => `${s(p.needed)} バイト必要なところ ${s(p.byteLength)} バイトしかなく、末尾が切れています`,
  },
  'missing-checksum': {
    en: () => 'its checksum record is missing',
    ja: () => 'チェックサムのレコードがありません',
  },
  'checksum-mismatch': {
    en: () => 'its checksum does not match: the text was altered or mixed with another hash',
    ja: () => 'チェックサムが一致しません。書き換えられたか、別のハッシュと混ざっています',
  },
  'no-serial': {
    en: () => 'it carries no serial number, so Microsoft refuses it (InvalidZtdHardwareHash)',
    ja: () => 'シリアル番号が入っていないため、Microsoft に拒否されます（InvalidZtdHardwareHash）',
  },
  'no-manufacturer': {
    en: () => 'it carries no manufacturer, so Microsoft refuses it (InvalidZtdHardwareHash)',
    ja: () => 'メーカー名が入っていないため、Microsoft に拒否されます（InvalidZtdHardwareHash）',
  },
};

export function hashFailureText(reason: string, params: DiagnosticParams, lang: Lang): string {
  const texts = HASH_FAILURE_TEXTS[reason as HashFailureKind];
  return texts ? texts[lang](params) : reason;
}

const NOT_A_HASH_CSV: Readonly<Record<string, Readonly<Record<Lang, string>>>> = {
  xlsx: {
    en: 'This is an Excel workbook (.xlsx), not a CSV. Open it in Excel and save it as "CSV (Comma delimited)".',
    ja: 'これは Excel ブック（.xlsx）で、CSV ではありません。Excel で開き「CSV（コンマ区切り）」で保存し直してください。',
  },
  xls: {
    en: 'This is an old Excel workbook (.xls), not a CSV. Open it in Excel and save it as "CSV (Comma delimited)".',
    ja: 'これは古い形式の Excel ブック（.xls）で、CSV ではありません。Excel で開き「CSV（コンマ区切り）」で保存し直してください。',
  },
  binary: {
    en: 'This is not a text file (it holds control characters or bytes that are not text): perhaps a program, an image or a damaged file. Use the CSV the collection script wrote.',
    ja: 'テキスト ファイルではありません（制御文字や文字でないバイトが含まれています）。プログラムや画像、壊れたファイルかもしれません。収集スクリプトが書き出した CSV を使ってください。',
  },
  'no-header': {
    en: 'The file has no header line with "Device Serial Number" or "Hardware Hash". Use the CSV the collection script wrote.',
    ja: '「Device Serial Number」や「Hardware Hash」の見出し行がありません。収集スクリプトが書き出した CSV を使ってください。',
  },
};

const MESSAGES: Readonly<Record<DiagnosticCode, Texts>> = {
  'hash-invalid': {
    en: (p) =>
      `The hardware hash${p.serial ? ` of ${q(p.serial)}` : ''} is unusable: ${hashFailureText(s(p.reason), p, 'en')}. Collect the hash again on that device.`,
    ja: (p) =>
      `${p.serial ? `${jq(p.serial)}の` : ''}ハードウェア ハッシュは使えません。${hashFailureText(s(p.reason), p, 'ja')}。その端末でハッシュを取り直してください。`,
  },
  'hash-missing': {
    en: (p) =>
      `No hardware hash in this row${p.serial ? ` (serial ${q(p.serial)})` : ''}. This tool registers devices by their hash: collect it on the device. (A serial + manufacturer + model row is a Partner Center tuple, which this tool does not upload.)`,
    ja: (p) =>
      `この行${p.serial ? `（シリアル${jq(p.serial)}）` : ''}にはハードウェア ハッシュがありません。このツールはハッシュで登録するため、端末でハッシュを取得してください（シリアル・メーカー・モデルだけの行は Partner Center のタプル形式で、このツールでは扱いません）。`,
  },
  'serial-placeholder': {
    en: (p) =>
      `The serial number ${q(p.serial)} is a firmware placeholder, not a real serial. The device maker must set the serial in the BIOS/UEFI before Autopilot can register it.`,
    ja: (p) =>
      `シリアル番号${jq(p.serial)}はファームウェアの仮の値で、本当のシリアルではありません。Autopilot に登録するには、メーカーに BIOS/UEFI のシリアル番号を設定してもらう必要があります。`,
  },
  'serial-mismatch': {
    en: (p) =>
      `The serial number column says ${q(p.serial)} but the hash belongs to ${q(p.hashSerial)}: the hash was pasted into the wrong row. Fix the row or collect again.`,
    ja: (p) =>
      `シリアル番号の列は${jq(p.serial)}ですが、ハッシュは${jq(p.hashSerial)}のものです。別の行のハッシュが貼り付けられています。行を直すか、取り直してください。`,
  },
  'serial-missing': {
    en: () =>
      'Neither the serial number column nor the hash has a serial number. Collect the hash again on the device.',
    ja: () =>
      'シリアル番号の列にもハッシュにもシリアル番号がありません。端末でハッシュを取り直してください。',
  },
  'corporate-identifier-list': {
    en: () =>
      'This is a corporate identifier list (Manufacturer,Model,Serial) for Autopilot device preparation, not a hardware hash CSV. Upload it under Intune > Devices > Enrollment > Corporate device identifiers instead.',
    ja: () =>
      'これは Autopilot デバイス準備用の企業 ID リスト（メーカー,モデル,シリアル）で、ハードウェア ハッシュの CSV ではありません。Intune の「デバイス > 登録 > 企業デバイス ID」からアップロードしてください。',
  },
  'not-a-hash-csv': {
    en: (p) =>
      NOT_A_HASH_CSV[s(p.reason)]?.en ??
      `This is not a hardware hash CSV: the header ${q(p.header)} has no "Device Serial Number" or "Hardware Hash" column.`,
    ja: (p) =>
      NOT_A_HASH_CSV[s(p.reason)]?.ja ??
      `ハードウェア ハッシュの CSV ではありません。見出し${jq(p.header)}に「Device Serial Number」も「Hardware Hash」もありません。`,
  },
  'unreadable-file': {
    en: (p) =>
      p.reason === 'not-a-regular-file'
        ? 'This is not a regular file (a folder, a device such as /dev/zero, a pipe or a socket), so it was not read. Give the path of a CSV file.'
        : `The file cannot be read (${s(p.reason)}${p.detail ? `: ${s(p.detail)}` : ''}). Check the path, and that the USB stick is still plugged in.`,
    ja: (p) =>
      p.reason === 'not-a-regular-file'
        ? '通常のファイルではないため（フォルダー、/dev/zero のようなデバイス、パイプ、ソケット）、読んでいません。CSV ファイルのパスを指定してください。'
        : `ファイルを読めません（${s(p.reason)}${p.detail ? `: ${s(p.detail)}` : ''}）。パスと、USB メモリーが差さったままか確認してください。`,
  },
  'file-empty': {
    en: () => 'The file is empty.',
    ja: () => 'ファイルが空です。',
  },
  'csv-unterminated-quote': {
    en: () =>
      'A quotation mark that opens here is never closed, so the row cannot be read. Remove the stray " in a text editor.',
    ja: () =>
      'ここで始まる引用符（"）が閉じられておらず、行を読めません。テキスト エディターで余分な " を消してください。',
  },
  'csv-extra-fields': {
    en: (p) =>
      `This row has ${s(p.count)} values but the header has ${s(p.columns)} columns: a value containing a comma (or semicolon) was split. The row was left out rather than read with a cut-off value; put that value in quotes or remove the extra separator.`,
    ja: (p) =>
      `この行には値が ${s(p.count)} 個ありますが、見出しの列は ${s(p.columns)} 個です。コンマ（またはセミコロン）を含む値が分割されています。値が欠けたまま読まないよう、この行は除外しました。その値を引用符で囲むか、余分な区切り文字を消してください。`,
  },
  'csv-line-too-long': {
    en: (p) =>
      `Line ${s(p.at)} is longer than ${Number(p.limit).toLocaleString('en-US')} characters (a hash CSV row is about 5,000), so it was skipped without being read${p.scope === 'file' ? ', and so was the rest of the file: this is not a hash CSV (a binary file, or text without line ends)' : ''}. Use the CSV the collection script wrote.`,
    ja: (p) =>
      `${s(p.at)} 行目が ${Number(p.limit).toLocaleString('ja-JP')} 文字を超えているため（ハッシュ CSV の行は 5,000 文字ほどです）、読まずに飛ばしました${p.scope === 'file' ? '。ファイルの残りも読んでいません。ハッシュ CSV ではありません（バイナリ ファイルか、改行のないテキストです）' : ''}。収集スクリプトが書き出した CSV を使ってください。`,
  },
  'group-tag-custom': {
    en: (p) =>
      `The group tag ${q(p.tag)} is not one of the known tags, so this device was left out rather than sent to a group that may not exist. If the tag is deliberate, allow custom tags (--allow-custom-tag); or choose one tag for all devices (--tag).`,
    ja: (p) =>
      `グループ タグ${jq(p.tag)}は既知のタグではないため、存在しないかもしれないグループに送らないよう、この端末を除外しました。意図したタグなら独自タグを許可してください（--allow-custom-tag）。または全端末のタグを指定してください（--tag）。`,
  },
  'group-tag-near-miss': {
    en: (p) =>
      `The group tag ${q(p.tag)} looks like a mistyped ${q(p.suggestion)} (${reasonsText('en', p.reasons)}), so this device was left out rather than sent to the wrong group. Fix the tag in the file, or choose the tag for all devices (--tag).`,
    ja: (p) =>
      `グループ タグ${jq(p.tag)}は${jq(p.suggestion)}の打ち間違いのようです（${reasonsText('ja', p.reasons)}）。違うグループに送らないよう、この端末を除外しました。ファイルのタグを直すか、全端末のタグを指定してください（--tag）。`,
  },
  'group-tag-invalid': {
    en: (p) =>
      `The group tag ${q(p.tag)} cannot be used: ${TAG_PROBLEMS.en[s(p.problem)] ?? s(p.problem)}${p.character ? ` (${q(p.character)})` : ''}. This device was left out; fix the tag, or choose one for all devices (--tag).`,
    ja: (p) =>
      `グループ タグ${jq(p.tag)}は使えません。${TAG_PROBLEMS.ja[s(p.problem)] ?? s(p.problem)}${p.character ? `（${jq(p.character)}）` : ''}。この端末は除外しました。タグを直すか、全端末のタグを指定してください（--tag）。`,
  },
  'value-not-writable': {
    en: (p) =>
      `${q(p.serial)} was left out of the ${s(p.format)} CSV: its ${field('en', p.field)} ${q(p.value)} ${UNWRITABLE.en[s(p.reason)]?.(p) ?? 'cannot be written'}. ${UNWRITABLE_ADVICE.en[s(p.reason)] ?? 'Submit this device directly instead.'}`,
    ja: (p) =>
      `${jq(p.serial)}は ${s(p.format)} の CSV に入れていません。${field('ja', p.field)}${jq(p.value)}${UNWRITABLE.ja[s(p.reason)]?.(p) ?? 'は書き込めません'}。${UNWRITABLE_ADVICE.ja[s(p.reason)] ?? 'この端末は直接登録してください。'}`,
  },
  'serial-repaired': {
    en: (p) =>
      `The serial number ${q(p.from)} was damaged (${REPAIRS.en[s(p.how)] ?? s(p.how)}); the hash proves it is ${q(p.serial)}, which is used.`,
    ja: (p) =>
      `シリアル番号${jq(p.from)}は壊れていました（${REPAIRS.ja[s(p.how)] ?? s(p.how)}）。ハッシュに入っている${jq(p.serial)}を使います。`,
  },
  'serial-from-hash': {
    en: (p) => `The serial number column was empty; ${q(p.serial)} was taken from the hash.`,
    ja: (p) => `シリアル番号の列が空だったため、ハッシュから${jq(p.serial)}を使いました。`,
  },
  'serial-risky-characters': {
    en: (p) =>
      `The serial number ${q(p.serial)} contains ${s(p.characters)}, which has made whole Intune CSV uploads fail. Prefer direct submission for this device.`,
    ja: (p) =>
      `シリアル番号${jq(p.serial)}に ${s(p.characters)} が含まれています。この文字で Intune の CSV アップロード全体が失敗した例があります。この端末は直接登録をおすすめします。`,
  },
  'hash-repadded': {
    en: (p) => `The hash of ${q(p.serial)} had lost its "=" padding; it was restored and the hash verifies.`,
    ja: (p) => `${jq(p.serial)}のハッシュは末尾の「=」が欠けていたため補いました。検証は通っています。`,
  },
  'header-missing': {
    en: () =>
      "The file has no header line; the columns were read in the collection script's order (serial, product ID, hash, group tag, assigned user).",
    ja: () =>
      '見出し行がないため、収集スクリプトの列の順（シリアル、プロダクト ID、ハッシュ、グループ タグ、割り当てユーザー）として読みました。',
  },
  'columns-ignored': {
    en: (p) => `These columns are not part of any Autopilot format and were ignored: ${s(p.columns)}.`,
    ja: (p) => `次の列は Autopilot の形式にないため無視しました: ${s(p.columns)}。`,
  },
  'manufacturer-from-hash': {
    en: (p) =>
      `The manufacturer column says ${q(p.from)} but the hash says ${q(p.to)}; the hash's value is used (Partner Center requires the exact SMBIOS value).`,
    ja: (p) =>
      `メーカー名の列は${jq(p.from)}ですが、ハッシュでは${jq(p.to)}です。ハッシュの値を使います（Partner Center は SMBIOS の値と完全一致が必要です）。`,
  },
  'model-from-hash': {
    en: (p) =>
      `The model column says ${q(p.from)} but the hash says ${q(p.to)}; the hash's value is used (Partner Center requires the exact SMBIOS value).`,
    ja: (p) =>
      `モデル名の列は${jq(p.from)}ですが、ハッシュでは${jq(p.to)}です。ハッシュの値を使います（Partner Center は SMBIOS の値と完全一致が必要です）。`,
  },
  'product-id-repaired': {
    en: (p) =>
      `The Windows Product ID ${q(p.from)} was damaged by Excel; the hash proves it is ${q(p.to)}, which is used.`,
    ja: (p) =>
      `Windows プロダクト ID${jq(p.from)}は Excel で壊れていました。ハッシュに入っている${jq(p.to)}を使います。`,
  },
  'product-id-dropped': {
    en: (p) =>
      `The Windows Product ID ${q(p.value)} is not a product key ID (digits only) and was left empty; the hash alone registers the device.`,
    ja: (p) =>
      `Windows プロダクト ID${jq(p.value)}は数字だけのプロダクト キー ID ではないため空にしました。登録はハッシュだけでできます。`,
  },
  'group-tag-corrected': {
    en: (p) => `The group tag ${q(p.from)} is a near miss; it was corrected to ${q(p.to)}.`,
    ja: (p) => `グループ タグ${jq(p.from)}は少し違っていたため${jq(p.to)}に直しました。`,
  },
  'group-tag-replaced': {
    en: (p) => `This row had the group tag ${q(p.from)}; the tag you chose, ${q(p.to)}, is used instead.`,
    ja: (p) => `この行のグループ タグは${jq(p.from)}でしたが、指定された${jq(p.to)}を使います。`,
  },
  'group-tag-not-carried': {
    en: (p) =>
      `The row's group tag ${q(p.tag)} is not carried: a Partner Center CSV has no group tag column, and the device is written without it. The group is chosen in Partner Center when the file is uploaded: type ${q(p.group)} as the group name there. To keep each device's own tag, export an Intune CSV or submit directly.`,
    ja: (p) =>
      `行のグループ タグ${jq(p.tag)}は書き込まれません。Partner Center の CSV にはグループ タグの列がなく、端末はタグなしで書き出します。グループは Partner Center でアップロードするときに選びます。そこでグループ名に${jq(p.group)}と入力してください。端末ごとのタグを残すには、Intune の CSV で書き出すか直接登録してください。`,
  },
  'duplicate-differs': {
    en: (p) =>
      `This row is the same device as an earlier one but its ${field('en', p.field)} differs (${q(p.other)} here, ${q(p.kept)} kept).`,
    ja: (p) =>
      `この行は前の行と同じ端末ですが、${field('ja', p.field)} が違います（この行は${jq(p.other)}、${jq(p.kept)}を使います）。`,
  },
  'text-undecodable': {
    en: () =>
      'Some characters in this row could not be decoded in any known encoding and show as "\uFFFD". Check the file in a text editor.',
    ja: () =>
      'この行の一部の文字はどの文字コードでも読めず「\uFFFD」になっています。テキスト エディターでファイルを確認してください。',
  },
};

/** A character named in a message: printable ones as they are, a space or a control character by its code. */
const shown = (value: DiagnosticParams[string]): string => {
  const ch = s(value);
  const code = ch.codePointAt(0) ?? 0;
  return code <= 0x20 || code === 0x7f ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : ch;
};

const UNWRITABLE: Readonly<Record<Lang, Readonly<Record<string, (p: DiagnosticParams) => string>>>> = {
  en: {
    separator: () => 'contains a comma, which this CSV format cannot carry',
    quote: () => 'contains a quotation mark, which this CSV format cannot carry',
    'line-break': () => 'contains a line break, which this CSV format cannot carry',
    control: () => 'contains a control character, which this CSV format cannot carry',
    'non-ascii': () => 'contains non-ASCII characters, which the importer rejects',
    'intune-serial-dot': () => 'contains a dot, which makes the whole Intune CSV upload fail',
    'serial-character': (p) =>
      `contains ${q(shown(p.character))}: serial numbers are letters, digits, spaces and - _ / . only, and importers have failed whole uploads on other characters`,
    'formula-start': (p) =>
      `starts with ${q(shown(p.character))}, which makes Excel and other spreadsheet programs run the cell as a formula (CSV injection)`,
  },
  ja: {
    separator: () => 'にコンマが含まれ、この形式の CSV では扱えません',
    quote: () => 'に引用符が含まれ、この形式の CSV では扱えません',
    'line-break': () => 'に改行が含まれ、この形式の CSV では扱えません',
    control: () => 'に制御文字が含まれ、この形式の CSV では扱えません',
    'non-ascii': () => 'に ASCII 以外の文字が含まれ、取り込み時に拒否されます',
    'intune-serial-dot': () => 'にドットが含まれ、Intune の CSV アップロード全体が失敗します',
    'serial-character': (p) =>
      `に${jq(shown(p.character))}が含まれています。シリアル番号は英数字・空白・- _ / . だけのもので、それ以外の文字でアップロード全体が失敗した例があります`,
    'formula-start': (p) =>
      `が${jq(shown(p.character))}で始まっています。Excel などの表計算ソフトはこのセルを数式として実行します（CSV インジェクション）`,
  },
};

/** What to do, where it is not "submit directly". */
const UNWRITABLE_ADVICE: Readonly<Record<Lang, Readonly<Record<string, string>>>> = {
  en: {
    'serial-character':
      'The serial is set in the device firmware (SMBIOS): have the maker correct it, then collect the hash again; until then, submit this device directly (the serial travels as JSON text there).',
    'formula-start':
      'Change the value so it does not start with that character (for a group tag, choose a known tag), then export again.',
  },
  ja: {
    'serial-character':
      'シリアル番号は端末のファームウェア（SMBIOS）に設定されています。メーカーに直してもらってからハッシュを取り直してください。それまではこの端末を直接登録してください（直接登録ではシリアルを JSON の文字列として送ります）。',
    'formula-start':
      'その文字で始まらない値に直してから（グループ タグなら既知のタグを選んで）、もう一度書き出してください。',
  },
};

const TAG_PROBLEMS: Readonly<Record<Lang, Readonly<Record<string, string>>>> = {
  en: {
    empty: 'it is empty',
    'too-long': 'it is longer than 128 characters',
    'bad-character': 'it contains a character that CSV files and Graph cannot carry',
    'formula-start':
      'it starts with a character that makes spreadsheet programs run the CSV cell as a formula (CSV injection)',
  },
  ja: {
    empty: '空です',
    'too-long': '128 文字を超えています',
    'bad-character': 'CSV や Graph で扱えない文字が含まれています',
    'formula-start':
      '表計算ソフトが CSV のセルを数式として実行してしまう文字で始まっています（CSV インジェクション）',
  },
};

export const NEAR_MISS_REASONS: Readonly<Record<Lang, Readonly<Record<string, string>>>> = {
  en: {
    case: 'letter case differs',
    spaces: 'extra spaces',
    'full-width': 'full-width characters',
    'look-alike': 'look-alike characters',
    separator: 'different separator',
    'missing-part': 'a part is missing',
    'extra-part': 'an extra part',
    typo: 'a typing mistake',
  },
  ja: {
    case: '大文字と小文字の違い',
    spaces: '余分な空白',
    'full-width': '全角文字',
    'look-alike': '形の似た別の文字',
    separator: '区切り文字の違い',
    'missing-part': '一部が足りない',
    'extra-part': '余分な部分',
    typo: '打ち間違い',
  },
};

/** Near-miss reasons (space-separated codes) in words, joined the way each language lists things. */
export function reasonsText(lang: Lang, reasons: DiagnosticParams[string]): string {
  return s(reasons)
    .split(' ')
    .filter((r) => r.length > 0)
    .map((r) => NEAR_MISS_REASONS[lang][r] ?? r)
    .join(lang === 'ja' ? '、' : ', ');
}

const REPAIRS: Readonly<Record<Lang, Readonly<Record<string, string>>>> = {
  en: {
    case: 'letter case changed',
    'leading-zeros': 'Excel removed leading zeros',
    'scientific-notation': 'Excel turned it into scientific notation',
    'precision-lost': 'Excel kept only 15 digits',
  },
  ja: {
    case: '大文字と小文字が変わっていました',
    'leading-zeros': 'Excel が先頭の 0 を消していました',
    'scientific-notation': 'Excel が指数表記に変えていました',
    'precision-lost': 'Excel が 15 桁までしか残していませんでした',
  },
};

/** The message for a diagnostic in `lang`. */
export function diagnosticMessage(diagnostic: Pick<Diagnostic, 'code' | 'params'>, lang: Lang): string {
  return MESSAGES[diagnostic.code][lang](diagnostic.params);
}
