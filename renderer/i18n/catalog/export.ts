import { defineMessages } from '../define-messages';

/** The Export screen and the group tag picker (which Submit reuses). Tags themselves are never translated. */
export const exportMessages = defineMessages(
  {
    'export.title': 'Export',
    'export.description':
      'Write the CSV files that Partner Center or Intune imports, to a USB stick or a folder.',

    'export.selection.legend': 'What to export',
    'export.selection.notExported': 'Devices not exported yet',
    'export.selection.notExportedHint':
      'Devices never exported, and devices whose hardware was replaced since their last export.',
    'export.selection.all': 'All devices',
    'export.selection.allHint':
      'Every device in the ledger, including those exported before. Deleted devices are never exported.',
    'export.selection.ids.one': 'The {count} chosen device',
    'export.selection.ids.other': 'The {count} chosen devices',
    'export.selection.idsHint': 'Chosen on the Devices or Import screen.',

    'export.format.legend': 'Format',
    'export.format.partner-center': 'Partner Center',
    'export.format.partner-centerHint':
      'For a partner registering devices for a customer. Up to {max} devices per file.',
    'export.format.intune': 'Intune',
    'export.format.intuneHint': "For the customer's own Intune administrator. Up to {max} devices per file.",
    'export.format.partnerCenterTag':
      "Partner Center's CSV has no group tag column: the tag is typed as the group name in Partner Center's upload dialog.",

    'export.tagPicker.legend': 'Group tag',
    'export.tagPicker.intro':
      "The customer's dynamic groups match the tag character for character: one wrong character and the device joins no group. Choose from the list rather than typing.",
    'export.tagPicker.loading': 'Loading the known tags…',
    'export.tagPicker.loadFailed': 'The list of known tags could not be loaded.',
    'export.tagPicker.own': "Keep each device's own tag",
    'export.tagPicker.ownHint':
      'Devices without a tag get {tag}. A tag that differs from a known one only in how it was typed (letter case, spaces, full-width characters) is corrected. Devices with any other tag are left out, and the preview lists them.',
    'export.tagPicker.ownKeepCustom': 'Also keep custom tags the devices already carry',
    'export.tagPicker.other': 'Another tag…',
    'export.tagPicker.otherHint':
      "Only when the customer's dynamic groups use a tag that is not in this list.",
    'export.tagPicker.input': 'Tag for every device',
    'export.tagPicker.inputHint': 'Type it exactly: upper and lower case count.',
    'export.tagPicker.checking': 'Checking the tag…',
    'export.tagPicker.checkFailed': 'The tag could not be checked.',
    'export.tagPicker.known': 'A known tag: {description}.',
    'export.tagPicker.nearMissTitle': 'Did you mean {suggestion}?',
    'export.tagPicker.nearMissReasons': 'What differs: {reasons}.',
    'export.tagPicker.nearMissWhy':
      'A tag that differs by a single character puts the device in no group, so this tag cannot be used.',
    'export.tagPicker.useSuggestion': 'Use {suggestion}',
    'export.tagPicker.customTitle': '{tag} is not a known tag.',
    'export.tagPicker.customBody':
      "Use it only if the customer's dynamic groups were set up with exactly this tag.",
    'export.tagPicker.confirmCustom':
      'I really mean this custom tag (it is not a Microsoft Managed Desktop tag)',
    'export.tagPicker.empty': 'Type the tag.',
    'export.tagPicker.tooLong': 'The tag is too long: at most {max} characters.',
    'export.tagPicker.badCharacter':
      'The character “{character}” ({code}) at position {position} cannot be used in a group tag.',
    'export.tagPicker.formulaStart':
      'A group tag cannot start with “{character}”: Excel and other spreadsheet programs would run the CSV cell as a formula.',

    'export.destination.legend': 'Where to save',
    'export.destination.searching': 'Looking for USB sticks…',
    'export.destination.refresh': 'Refresh',
    'export.destination.noDrives': 'No USB stick found. Plug one in and press Refresh.',
    'export.destination.unsupported': 'USB sticks can be listed only on Windows. Save to a folder instead.',
    'export.destination.failed':
      'The USB sticks could not be listed: {reason}. Press Refresh to try again, or save to a folder (a folder on the stick works too).',
    'export.destination.reason.powershell-missing': 'PowerShell was not found',
    'export.destination.reason.powershell-locked-down':
      'PowerShell is locked down on this device (Constrained Language Mode)',
    'export.destination.reason.powershell-failed': 'PowerShell reported an error',
    'export.destination.reason.timeout': 'Windows took too long to answer',
    'export.destination.reason.bad-output': 'Windows gave an answer the app could not read',
    'export.destination.listFailed': 'The USB sticks could not be listed.',
    'export.destination.unnamed': 'USB stick without a name',
    'export.destination.driveHint': '{free} free of {size}',
    'export.destination.lastUsed': 'Used last time',
    'export.destination.driveFolder': 'Folder on the USB stick',
    'export.destination.driveFolderHint': 'Created if it does not exist. The files go to {path}',
    'export.destination.driveFolderBad': 'A folder name cannot contain < > : " | ? * or “..”.',
    'export.destination.folder': 'A folder on this computer',
    'export.destination.folderHint': 'Any folder, as a full path. It is created if it does not exist.',
    'export.destination.folderPath': 'Folder path',
    'export.destination.folderExample': 'A full path, for example {example}',
    'export.destination.folderNotAbsolute': 'This is not a full path. Type it like {example}.',

    'export.preview.title': 'Preview',
    'export.preview.loading': 'Working out what will be written…',
    'export.preview.updating': 'Updating…',
    'export.preview.devices.one': '{count} device',
    'export.preview.devices.other': '{count} devices',
    'export.preview.files.one': '{count} file',
    'export.preview.files.other': '{count} files',
    'export.preview.summary': '{devices} will be written to {files}.',
    'export.preview.split':
      '{format} takes at most {max} devices per file, so the devices are split over several files.',
    'export.preview.linesTitle': 'First lines of the first file',
    'export.preview.linesHint': 'Hashes are shortened here; the files hold them in full.',
    'export.preview.linesLabel': 'CSV preview',
    'export.preview.rejected.one': '{count} device left out',
    'export.preview.rejected.other': '{count} devices left out',
    'export.preview.warnings.one': '{count} note',
    'export.preview.warnings.other': '{count} notes',
    'export.preview.fileLine': '{file} (line {line})',
    'export.preview.serialWhere': '{serial} · {where}',
    'export.preview.noneNotExported': 'Every device in the ledger has been exported already.',
    'export.preview.exportAllInstead': 'Export all devices instead',
    'export.preview.noneAll': 'The ledger has no devices yet. Collect or import devices first.',
    'export.preview.goCollect': 'Go to Collect',
    'export.preview.goImport': 'Go to Import',
    'export.preview.noneIds': 'None of the chosen devices can be exported (they may have been deleted).',
    'export.preview.noneLeftOut': 'No device can be written: every device was left out (see below).',
    'export.preview.waitingForTag': 'Choose a usable group tag above to see the preview.',
    'export.preview.waitingForConfirmation': 'Confirm the custom tag above to see the preview.',
    'export.preview.failed': 'The preview could not be made.',

    'export.tagRefused.title': 'This group tag cannot be used',
    'export.tagRefused.nearMiss':
      '{input} looks like a mistyped {suggestion} ({reasons}). Choose {suggestion} from the list.',
    'export.tagRefused.custom':
      '{tag} is not a known tag. If it is meant, tick “I really mean this custom tag” under the tag.',

    'export.action.export.one': 'Export {count} device',
    'export.action.export.other': 'Export {count} devices',
    'export.action.exportNoCount': 'Export',
    'export.action.exporting': 'Exporting…',
    'export.action.needDestination': 'Choose where to save the files.',
    'export.action.needTag': 'Choose a usable group tag.',
    'export.action.nothing': 'There is nothing to export.',

    'export.result.done.one': 'Exported {count} device',
    'export.result.done.other': 'Exported {count} devices',
    'export.result.folder': 'Folder',
    'export.result.files': 'Files',
    'export.result.completeFiles': 'These files are complete:',
    'export.result.failureTitle': 'Writing stopped',
    'export.result.failureFile': 'While writing {file}',
    'export.result.failureFileCode': 'While writing {file} ({code})',
    'export.result.fileDevices': '{path} — {devices}',
    'export.result.historyFailureTitle': 'The files are fine, but the ledger could not record the export',
    'export.result.historyFailureBody':
      'The devices still show as not exported, so they will be offered again next time.',
    'export.result.nothingWritten': 'Nothing was written: there was no device to export.',
    'export.result.groupName': "In Partner Center's upload dialog, type this tag as the group name:",
    'export.result.copy': 'Copy',
    'export.result.copied': 'Copied',
    'export.result.copyManually': 'The tag is selected: press Ctrl+C to copy it.',
    'export.result.failedTitle': 'The export could not be finished',
    'export.result.notWrittenTitle': 'No file was written',
    'export.result.chooseDrive': 'Export to {drive}',
    'export.result.refreshDrives': 'Look for USB sticks again',
  },
  {
    'export.title': 'エクスポート',
    'export.description':
      'Partner Center または Intune に取り込む CSV ファイルを、USB メモリーかフォルダーに書き出します。',

    'export.selection.legend': 'エクスポートする対象',
    'export.selection.notExported': '未エクスポートのデバイス',
    'export.selection.notExportedHint':
      'まだ一度もエクスポートしていないデバイスと、前回のエクスポート後にハードウェアが交換されたデバイスです。',
    'export.selection.all': 'すべてのデバイス',
    'export.selection.allHint':
      '台帳にあるすべてのデバイスです（エクスポート済みのものも含みます）。削除したデバイスは含みません。',
    'export.selection.ids.one': '選択した {count} 台のデバイス',
    'export.selection.ids.other': '選択した {count} 台のデバイス',
    'export.selection.idsHint': 'デバイス一覧または取り込みの画面で選択したデバイスです。',

    'export.format.legend': '形式',
    'export.format.partner-center': 'Partner Center',
    'export.format.partner-centerHint':
      'パートナーがお客様のデバイスを登録する場合に使います。1 ファイルあたり最大 {max} 台です。',
    'export.format.intune': 'Intune',
    'export.format.intuneHint':
      'お客様の Intune 管理者が自分で取り込む場合に使います。1 ファイルあたり最大 {max} 台です。',
    'export.format.partnerCenterTag':
      'Partner Center の CSV にはグループ タグの列がありません。タグは Partner Center のアップロード画面で「グループ名」として入力します。',

    'export.tagPicker.legend': 'グループ タグ',
    'export.tagPicker.intro':
      'お客様の動的グループはタグを 1 文字ずつ厳密に照合します。1 文字でも違うと、デバイスはどのグループにも入りません。手入力せず、一覧から選んでください。',
    'export.tagPicker.loading': '既知のタグを読み込んでいます…',
    'export.tagPicker.loadFailed': '既知のタグの一覧を読み込めませんでした。',
    'export.tagPicker.own': '各デバイスのタグをそのまま使う',
    'export.tagPicker.ownHint':
      'タグのないデバイスには {tag} を付けます。既知のタグと入力のしかた（大文字・小文字、空白、全角文字）だけが違うタグは修正します。それ以外のタグが付いたデバイスは除外し、プレビューに表示します。',
    'export.tagPicker.ownKeepCustom': 'デバイスに付いている独自のタグもそのまま使う',
    'export.tagPicker.other': '別のタグを入力…',
    'export.tagPicker.otherHint':
      'お客様の動的グループが、この一覧にないタグを使っている場合だけ選んでください。',
    'export.tagPicker.input': 'すべてのデバイスに付けるタグ',
    'export.tagPicker.inputHint': '大文字と小文字も区別されます。正確に入力してください。',
    'export.tagPicker.checking': 'タグを確認しています…',
    'export.tagPicker.checkFailed': 'タグを確認できませんでした。',
    'export.tagPicker.known': '既知のタグです（{description}）。',
    'export.tagPicker.nearMissTitle': '{suggestion} の入力間違いではありませんか？',
    'export.tagPicker.nearMissReasons': '違い: {reasons}',
    'export.tagPicker.nearMissWhy':
      '1 文字でも違うタグでは、デバイスがどのグループにも入りません。このタグは使えません。',
    'export.tagPicker.useSuggestion': '{suggestion} を使う',
    'export.tagPicker.customTitle': '{tag} は既知のタグではありません。',
    'export.tagPicker.customBody':
      'お客様の動的グループがこのタグで設定されていることを確認できている場合にだけ使ってください。',
    'export.tagPicker.confirmCustom':
      'この独自のタグを意図して使います（Microsoft マネージド デスクトップのタグではありません）',
    'export.tagPicker.empty': 'タグを入力してください。',
    'export.tagPicker.tooLong': 'タグが長すぎます。{max} 文字以内にしてください。',
    'export.tagPicker.badCharacter':
      '{position} 文字目の「{character}」（{code}）はグループ タグに使えません。',
    'export.tagPicker.formulaStart':
      'グループ タグは「{character}」で始められません。Excel などの表計算ソフトが CSV のセルを数式として実行してしまいます。',

    'export.destination.legend': '保存先',
    'export.destination.searching': 'USB メモリーを探しています…',
    'export.destination.refresh': '最新の情報に更新',
    'export.destination.noDrives':
      'USB メモリーが見つかりません。差し込んでから［最新の情報に更新］を押してください。',
    'export.destination.unsupported':
      'USB メモリーの一覧は Windows でのみ表示できます。フォルダーを指定して保存してください。',
    'export.destination.failed':
      'USB メモリーの一覧を取得できませんでした（{reason}）。［最新の情報に更新］でもう一度試すか、フォルダーを指定して保存してください（USB メモリー上のフォルダーも指定できます）。',
    'export.destination.reason.powershell-missing': 'PowerShell が見つかりません',
    'export.destination.reason.powershell-locked-down':
      'このデバイスの PowerShell は制限されています（制約付き言語モード）',
    'export.destination.reason.powershell-failed': 'PowerShell でエラーが発生しました',
    'export.destination.reason.timeout': 'Windows の応答に時間がかかりすぎました',
    'export.destination.reason.bad-output': 'Windows の応答を読み取れませんでした',
    'export.destination.listFailed': 'USB メモリーの一覧を取得できませんでした。',
    'export.destination.unnamed': '名前のない USB メモリー',
    'export.destination.driveHint': '空き {free}（全体 {size}）',
    'export.destination.lastUsed': '前回使用',
    'export.destination.driveFolder': 'USB メモリー上のフォルダー',
    'export.destination.driveFolderHint': 'フォルダーがなければ作成します。保存場所: {path}',
    'export.destination.driveFolderBad': 'フォルダー名に < > : " | ? * や「..」は使えません。',
    'export.destination.folder': 'このコンピューターのフォルダー',
    'export.destination.folderHint': '完全なパスで指定します。フォルダーがなければ作成します。',
    'export.destination.folderPath': 'フォルダーのパス',
    'export.destination.folderExample': '完全なパスで入力します（例: {example}）',
    'export.destination.folderNotAbsolute': '完全なパスではありません。{example} のように入力してください。',

    'export.preview.title': 'プレビュー',
    'export.preview.loading': '書き出す内容を確認しています…',
    'export.preview.updating': '更新しています…',
    'export.preview.devices.one': '{count} 台のデバイス',
    'export.preview.devices.other': '{count} 台のデバイス',
    'export.preview.files.one': '{count} 個のファイル',
    'export.preview.files.other': '{count} 個のファイル',
    'export.preview.summary': '{devices}を {files}に書き出します。',
    'export.preview.split':
      '{format} は 1 ファイルあたり最大 {max} 台のため、複数のファイルに分けて書き出します。',
    'export.preview.linesTitle': '最初のファイルの先頭部分',
    'export.preview.linesHint':
      'ここではハッシュを短縮して表示しています。ファイルには完全なハッシュが入ります。',
    'export.preview.linesLabel': 'CSV のプレビュー',
    'export.preview.rejected.one': '除外するデバイス: {count} 台',
    'export.preview.rejected.other': '除外するデバイス: {count} 台',
    'export.preview.warnings.one': '確認事項: {count} 件',
    'export.preview.warnings.other': '確認事項: {count} 件',
    'export.preview.fileLine': '{file}（{line} 行目）',
    'export.preview.serialWhere': '{serial}・{where}',
    'export.preview.noneNotExported': '台帳のデバイスはすべてエクスポート済みです。',
    'export.preview.exportAllInstead': 'すべてのデバイスをエクスポートする',
    'export.preview.noneAll':
      '台帳にまだデバイスがありません。先にデバイスを収集するか、CSV を取り込んでください。',
    'export.preview.goCollect': '収集の画面へ',
    'export.preview.goImport': '取り込みの画面へ',
    'export.preview.noneIds':
      '選択したデバイスはどれもエクスポートできません（削除された可能性があります）。',
    'export.preview.noneLeftOut':
      '書き出せるデバイスがありません。対象のデバイスはすべて除外されました（下記を参照）。',
    'export.preview.waitingForTag': 'プレビューを表示するには、上で使用できるグループ タグを選んでください。',
    'export.preview.waitingForConfirmation':
      'プレビューを表示するには、上で独自のタグを意図して使うことを確認してください。',
    'export.preview.failed': 'プレビューを作成できませんでした。',

    'export.tagRefused.title': 'このグループ タグは使えません',
    'export.tagRefused.nearMiss':
      '{input} は {suggestion} の入力間違いのようです（{reasons}）。一覧から {suggestion} を選んでください。',
    'export.tagRefused.custom':
      '{tag} は既知のタグではありません。意図したタグであれば、タグの下にある「この独自のタグを意図して使います」をオンにしてください。',

    'export.action.export.one': '{count} 台をエクスポート',
    'export.action.export.other': '{count} 台をエクスポート',
    'export.action.exportNoCount': 'エクスポート',
    'export.action.exporting': 'エクスポートしています…',
    'export.action.needDestination': '保存先を選んでください。',
    'export.action.needTag': '使用できるグループ タグを選んでください。',
    'export.action.nothing': 'エクスポートするデバイスがありません。',

    'export.result.done.one': '{count} 台をエクスポートしました',
    'export.result.done.other': '{count} 台をエクスポートしました',
    'export.result.folder': 'フォルダー',
    'export.result.files': 'ファイル',
    'export.result.completeFiles': '次のファイルは最後まで正しく書き込まれています。',
    'export.result.failureTitle': '書き込みが途中で止まりました',
    'export.result.failureFile': '書き込み中のファイル: {file}',
    'export.result.failureFileCode': '書き込み中のファイル: {file}（{code}）',
    'export.result.fileDevices': '{path}（{devices}）',
    'export.result.historyFailureTitle': 'ファイルは正常ですが、台帳にエクスポートを記録できませんでした',
    'export.result.historyFailureBody':
      'これらのデバイスは未エクスポートのまま表示されるため、次回もエクスポートの対象になります。',
    'export.result.nothingWritten': 'エクスポートするデバイスがなかったため、何も書き込んでいません。',
    'export.result.groupName':
      'Partner Center のアップロード画面では、グループ名に次のタグを入力してください。',
    'export.result.copy': 'コピー',
    'export.result.copied': 'コピーしました',
    'export.result.copyManually': 'タグを選択しました。Ctrl+C キーでコピーしてください。',
    'export.result.failedTitle': 'エクスポートを完了できませんでした',
    'export.result.notWrittenTitle': 'ファイルは書き込んでいません',
    'export.result.chooseDrive': '{drive} にエクスポート',
    'export.result.refreshDrives': 'USB メモリーを探し直す',
  },
);
