import { defineMessages } from '../define-messages';

/** The Import screen. */
export const importMessages = defineMessages(
  {
    'import.title': 'Import',
    'import.description':
      'Merge hardware hash CSV files into the ledger: files from other USB sticks, from colleagues, or from earlier runs. You see what happens to every row before anything is saved.',

    'import.drop.title': 'Drop CSV files here',
    'import.drop.or': 'or',
    'import.drop.choose': 'Choose files…',
    'import.drop.inputLabel': 'CSV files to import',
    'import.drop.hint':
      'Up to {max} files and {size} at a time. You can add more files before checking them.',

    'import.files.heading': 'Chosen files',
    'import.files.summary.one': '{count} file, {size}',
    'import.files.summary.other': '{count} files, {size}',
    'import.files.empty': 'No files chosen yet.',
    'import.files.remove': 'Remove',
    'import.files.removeLabel': 'Remove {name} from the list',
    'import.files.alreadyChosen': 'Already in the list, not added again: {names}',
    'import.files.check': 'Check files',
    'import.files.checkHint':
      'Checking reads the files and shows what would be saved. Nothing is saved until you confirm on the next step.',

    'import.limit.title': 'Too much for one check',
    'import.limit.tooManyFiles':
      'You chose {count} files; one check takes at most {max}. Remove some, check and save the others, then import the rest in another round.',
    'import.limit.tooLarge':
      'These files come to {size}; one check takes at most {max}. Remove some, check and save the others, then import the rest in another round.',
    'import.limit.fileTooLarge':
      '{name} alone is {size}; one check takes at most {max}. Split it into smaller CSV files (keep the header line at the top of each) and import them in several rounds.',

    'import.status.reading': 'Reading files… {done} of {total}',
    'import.status.checking.one': 'Checking {count} file…',
    'import.status.checking.other': 'Checking {count} files…',
    'import.status.saving': 'Saving to the ledger… Keep the USB stick plugged in.',

    'import.unreadable.title': 'A file could not be read',
    'import.unreadable.body':
      'Could not read {name}. If it is on a USB stick or a network drive, check that it is still connected, then remove the file from the list and choose it again.',
    'import.supportDetails': 'Details for support',

    'import.preview.heading': 'Check result',
    'import.preview.notSaved': 'Nothing has been saved yet.',
    'import.preview.notSavedHint':
      'Look through the files below, then save. Devices already in the ledger are never added twice.',
    'import.preview.expires': 'This check can be saved until {time}.',
    'import.totals.label': 'All files together',
    'import.count.rows': 'Rows read',
    'import.count.added': 'New',
    'import.count.duplicates': 'Duplicates',
    'import.count.replaced': 'Replaced hardware',
    'import.count.repaired': 'Repaired',
    'import.count.rejected': 'Rejected',

    'import.save.one': 'Save {count} device to the ledger',
    'import.save.other': 'Save {count} devices to the ledger',
    'import.saveSightings.one': 'Record {count} device as seen again',
    'import.saveSightings.other': 'Record {count} devices as seen again',
    'import.saveNone': 'Nothing to save',
    'import.saveNoneHint':
      'Every row was rejected or no file could be read. The reasons are shown with each file below.',
    'import.saveHint':
      'Rejected rows are left out. Devices already in the ledger are not added again; only the sighting goes into their history.',
    'import.changeFiles': 'Change files',

    'import.file.rows.one': '{count} row',
    'import.file.rows.other': '{count} rows',
    'import.file.refused': 'Not read',
    'import.file.problemsTitle': 'This file was not read',
    'import.file.notes': 'About this file',
    'import.file.noRows': 'No device rows in this file.',
    'import.file.noteLine': 'Line {line}: {message}',
    'import.file.countPart': '{label} {count}',
    'import.file.countsJoin': '{first} · {next}',
    'import.preview.checkedInOtherLang':
      'Checked in {checkedIn}: the reasons below are in {checkedIn}. Check again to see them in {now}.',
    'import.preview.langName.en': 'English',
    'import.preview.langName.ja': 'Japanese',
    'import.preview.checkAgain': 'Check again',

    'import.rows.caption': 'Rows of {name}',
    'import.rows.captionAttention':
      'Rows of {name} that need a look: rejected, repaired, replacing hardware, or with a tag to check',
    'import.rows.showAll': 'Show all rows ({count})',
    'import.rows.omitted':
      '{count} more rows are counted above but not listed: only the first {listed} are shown, those that need a look first. Fix the file and check it again to see the rest.',
    'import.rows.noneNeedAttention':
      'No row needs a look: every row is new or a duplicate. Choose “Show all rows” to see them.',
    'import.col.line': 'Line',
    'import.col.serial': 'Serial number',
    'import.col.manufacturer': 'Manufacturer',
    'import.col.model': 'Model',
    'import.col.result': 'Result',
    'import.col.details': 'Details',
    'import.page.label': 'Pages of rows of {name}',
    'import.page.range': 'Rows {from}–{to} of {total}',
    'import.page.previous': 'Previous',
    'import.page.next': 'Next',

    'import.result.added': 'New',
    'import.result.duplicateInLedger': 'Already in ledger',
    'import.result.duplicateInBatch': 'Duplicate in these files',
    'import.result.replaced': 'Replaces hardware',
    'import.result.rejected': 'Rejected',
    'import.result.repaired': 'Repaired',
    'import.detail.restored': 'This device had been deleted from the list; saving brings it back.',
    'import.detail.tag': 'Group tag “{tag}”:',
    'import.detail.tagCorrectLater':
      'After saving, open the device in Devices to correct the tag in one click (recorded in its history).',
    'import.detail.tagKeptByLedger':
      'This row is only recorded as a sighting: the device keeps the tag it is saved with.',
    'import.detail.tagWillBe': 'Saved as {tag}.',
    'import.row.correct': 'Use {tag}',
    'import.row.correctLabel': 'Use {tag} for {serial}',
    'import.row.keep': 'Keep as typed',
    'import.row.keepLabel': 'Keep as typed for {serial}',
    'import.row.corrected': 'Will be {tag}',

    'import.tags.title': 'Mistyped group tags',
    'import.tags.intro':
      'Saved as typed, these devices are left out of exports and submissions until their tag is corrected. Correct them now: the history keeps the tag as read and the correction.',
    'import.tags.item.one': '“{from}” on {count} device',
    'import.tags.item.other': '“{from}” on {count} devices',
    'import.tags.correctOne': 'Use {tag} for this device',
    'import.tags.correctAll': 'Use {tag} for all {count}',
    'import.tags.chosen.one': '{count} device will be saved with {tag}.',
    'import.tags.chosen.other': '{count} devices will be saved with {tag}.',
    'import.tags.keepAll': 'Keep all as typed',
    'import.tags.keepAllLabel': 'Keep all as typed: “{from}” on every device',
    'import.saveHintCorrections.one': 'The group tag of {count} device is corrected as it is saved.',
    'import.saveHintCorrections.other': 'The group tags of {count} devices are corrected as they are saved.',
    'import.tagRefused.title': 'The tag correction was refused',
    'import.tagRefused.body':
      'Nothing was saved. Choose “Keep all as typed” for the tag and save again; you can correct the tag in Devices afterwards.',
    'import.detail.duplicateInLedger':
      'Same device with the same hardware as in the ledger; only the sighting is recorded.',
    'import.detail.firstSeen': 'Same as {file}, line {line}.',
    'import.detail.replacesLedger':
      'The ledger has this serial number, manufacturer and model with other hardware (a replaced board or disk). This hash will be kept.',
    'import.detail.replacesBatch':
      'An earlier row of these files has this serial number, manufacturer and model with other hardware. This later hash will be kept.',

    'import.done.heading': 'Saved to the ledger',
    'import.done.added.one': '{count} new device',
    'import.done.added.other': '{count} new devices',
    'import.done.replaced.one': '{count} device with replaced hardware',
    'import.done.replaced.other': '{count} devices with replaced hardware',
    'import.done.duplicates.one': '{count} row already in the ledger (sighting recorded)',
    'import.done.duplicates.other': '{count} rows already in the ledger (sightings recorded)',
    'import.done.tagsCorrected.one': 'Group tag corrected on {count} device (recorded in its history)',
    'import.done.tagsCorrected.other': 'Group tag corrected on {count} devices (recorded in their history)',
    'import.done.tagsNotCorrected':
      'The devices are saved, but their tag corrections could not be: {message} Open them in Devices to correct the tag.',
    'import.done.export': 'Export these devices',
    'import.done.devices': 'See devices',
    'import.done.more': 'Import more files',

    'import.notFound.title': 'This check can no longer be saved',
    'import.notFound.body':
      'It was already saved, it expired, or newer checks replaced it. Check the same files again: devices already saved show as “Already in ledger” and are not added twice.',
    'import.recheck': 'Check the same files again',
    'import.startOver': 'Start over',

    'import.failed.title': 'Saving stopped',
    'import.failed.saved.one': '{count} row was saved before it stopped.',
    'import.failed.saved.other': '{count} rows were saved before it stopped.',
    'import.failed.nothingSaved': 'Nothing was saved.',
    'import.failed.safe':
      'Importing the same files again is safe: rows already saved show as “Already in ledger” and are not added twice.',
  },
  {
    'import.title': '取り込み',
    'import.description':
      'ハードウェア ハッシュの CSV を台帳にまとめます。ほかの USB メモリーや同僚から受け取ったもの、以前の作業で出力したものも取り込めます。保存する前に、各行がどう扱われるかを確認できます。',

    'import.drop.title': 'CSV ファイルをここにドロップ',
    'import.drop.or': 'または',
    'import.drop.choose': 'ファイルを選択…',
    'import.drop.inputLabel': '取り込む CSV ファイル',
    'import.drop.hint': '一度に {max} ファイル、合計 {size} まで。確認する前にファイルを追加できます。',

    'import.files.heading': '選択したファイル',
    'import.files.summary.one': '{count} ファイル（{size}）',
    'import.files.summary.other': '{count} ファイル（{size}）',
    'import.files.empty': 'まだファイルが選ばれていません。',
    'import.files.remove': '外す',
    'import.files.removeLabel': '{name} を一覧から外す',
    'import.files.alreadyChosen': '一覧にあるため追加しなかったファイル: {names}',
    'import.files.check': '確認する',
    'import.files.checkHint':
      '確認では、ファイルを読み込んで保存される内容を表示します。次の画面で確定するまで何も保存されません。',

    'import.limit.title': '一度に確認できる量を超えています',
    'import.limit.tooManyFiles':
      '{count} ファイルが選ばれています。一度に確認できるのは {max} ファイルまでです。いくつか外して先に確認・保存し、残りは次の回に取り込んでください。',
    'import.limit.tooLarge':
      '選んだファイルは合計 {size} です。一度に確認できるのは {max} までです。いくつか外して先に確認・保存し、残りは次の回に取り込んでください。',
    'import.limit.fileTooLarge':
      '{name} だけで {size} あり、一度に確認できる {max} を超えています。各ファイルの先頭に見出し行を残したまま小さな CSV に分け、何回かに分けて取り込んでください。',

    'import.status.reading': 'ファイルを読み込み中… {done}/{total}',
    'import.status.checking.one': '{count} ファイルを確認中…',
    'import.status.checking.other': '{count} ファイルを確認中…',
    'import.status.saving': '台帳に保存中です… USB メモリーを抜かないでください。',

    'import.unreadable.title': 'ファイルを読み込めませんでした',
    'import.unreadable.body':
      '{name} を読み込めませんでした。USB メモリーやネットワーク ドライブ上のファイルなら、つながっているか確認してから、一覧から外してもう一度選び直してください。',
    'import.supportDetails': 'サポート向けの詳細',

    'import.preview.heading': '確認結果',
    'import.preview.notSaved': 'まだ何も保存されていません。',
    'import.preview.notSavedHint':
      '下の内容を確認してから保存してください。台帳にある端末が二重に登録されることはありません。',
    'import.preview.expires': 'この確認結果は {time} まで保存できます。',
    'import.totals.label': 'すべてのファイルの合計',
    'import.count.rows': '読み込んだ行',
    'import.count.added': '新規',
    'import.count.duplicates': '重複',
    'import.count.replaced': 'ハードウェア交換',
    'import.count.repaired': '修復済み',
    'import.count.rejected': '除外',

    'import.save.one': '{count} 台を台帳に保存',
    'import.save.other': '{count} 台を台帳に保存',
    'import.saveSightings.one': '{count} 台の再確認を台帳に記録',
    'import.saveSightings.other': '{count} 台の再確認を台帳に記録',
    'import.saveNone': '保存できるものがありません',
    'import.saveNoneHint':
      'すべての行が除外されたか、どのファイルも読み込めませんでした。理由は下の各ファイルの欄に表示しています。',
    'import.saveHint':
      '除外された行は保存されません。台帳にある端末は追加されず、確認した記録だけが履歴に残ります。',
    'import.changeFiles': 'ファイルを選び直す',

    'import.file.rows.one': '{count} 行',
    'import.file.rows.other': '{count} 行',
    'import.file.refused': '読み込み不可',
    'import.file.problemsTitle': 'このファイルは読み込めませんでした',
    'import.file.notes': 'このファイルについて',
    'import.file.noRows': 'このファイルにはデバイスの行がありません。',
    'import.file.noteLine': '{line} 行目: {message}',
    'import.file.countPart': '{label} {count}',
    'import.file.countsJoin': '{first}・{next}',
    'import.preview.checkedInOtherLang':
      '{checkedIn}で確認したため、下の理由は{checkedIn}で表示されています。{now}で表示するには、もう一度確認してください。',
    'import.preview.langName.en': '英語',
    'import.preview.langName.ja': '日本語',
    'import.preview.checkAgain': 'もう一度確認',

    'import.rows.caption': '{name} の行',
    'import.rows.captionAttention':
      '{name} のうち確認が必要な行（除外・修復済み・ハードウェア交換・タグの確認が必要）',
    'import.rows.showAll': 'すべての行を表示（{count} 行）',
    'import.rows.omitted':
      'ほかに {count} 行あり、上の件数には含めていますが一覧には出していません（確認が必要な行を優先して最初の {listed} 行だけを表示しています）。残りを見るには、ファイルを直してもう一度確認してください。',
    'import.rows.noneNeedAttention':
      '確認が必要な行はありません。すべて新規か重複です。「すべての行を表示」で一覧を見られます。',
    'import.col.line': '行',
    'import.col.serial': 'シリアル番号',
    'import.col.manufacturer': 'メーカー',
    'import.col.model': 'モデル',
    'import.col.result': '結果',
    'import.col.details': '詳細',
    'import.page.label': '{name} の行のページ',
    'import.page.range': '{total} 行中 {from}～{to} 行目',
    'import.page.previous': '前へ',
    'import.page.next': '次へ',

    'import.result.added': '新規',
    'import.result.duplicateInLedger': '登録済み',
    'import.result.duplicateInBatch': 'ファイル内で重複',
    'import.result.replaced': 'ハードウェア交換',
    'import.result.rejected': '除外',
    'import.result.repaired': '修復済み',
    'import.detail.restored': '一覧から削除されていた端末です。保存すると一覧に戻ります。',
    'import.detail.tag': 'グループ タグ「{tag}」:',
    'import.detail.tagCorrectLater':
      '保存したあと、デバイス一覧でこの端末を開くとワンクリックでタグを直せます（履歴に残ります）。',
    'import.detail.tagKeptByLedger':
      'この行は確認の記録だけを残します。端末のタグは保存済みのタグのままです。',
    'import.detail.tagWillBe': '{tag} として保存します。',
    'import.row.correct': '{tag} に直す',
    'import.row.correctLabel': '{serial} のタグを {tag} に直す',
    'import.row.keep': '入力のまま',
    'import.row.keepLabel': '{serial} のタグを入力のままにする',
    'import.row.corrected': '{tag} に修正',

    'import.tags.title': 'グループ タグの打ち間違い',
    'import.tags.intro':
      '入力のまま保存すると、タグを直すまでこれらの端末はエクスポートと登録から除外されます。ここで直しておけば、読み込んだタグと修正の両方が履歴に残ります。',
    'import.tags.item.one': '「{from}」の端末 {count} 台',
    'import.tags.item.other': '「{from}」の端末 {count} 台',
    'import.tags.correctOne': 'この端末を {tag} に直す',
    'import.tags.correctAll': '{count} 台すべてを {tag} に直す',
    'import.tags.chosen.one': '{count} 台を {tag} として保存します。',
    'import.tags.chosen.other': '{count} 台を {tag} として保存します。',
    'import.tags.keepAll': 'すべて入力のまま',
    'import.tags.keepAllLabel': 'すべて入力のまま（「{from}」の全端末）',
    'import.saveHintCorrections.one': '保存するときに {count} 台のグループ タグを直します。',
    'import.saveHintCorrections.other': '保存するときに {count} 台のグループ タグを直します。',
    'import.tagRefused.title': 'タグの修正が受け付けられませんでした',
    'import.tagRefused.body':
      '何も保存されていません。そのタグで「すべて入力のまま」を選んでから、もう一度保存してください。タグは保存後にデバイス一覧で直せます。',
    'import.detail.duplicateInLedger':
      '台帳にある端末と同じで、ハードウェアも同じです。確認した記録だけを残します。',
    'import.detail.firstSeen': '{file} の {line} 行目と同じです。',
    'import.detail.replacesLedger':
      '台帳に同じシリアル番号・メーカー・モデルの端末がありますが、ハードウェアが異なります（マザーボードやディスクの交換など）。こちらのハッシュを使います。',
    'import.detail.replacesBatch':
      'これより前の行に、同じシリアル番号・メーカー・モデルでハードウェアが異なる端末があります。後にあるこちらのハッシュを使います。',

    'import.done.heading': '台帳に保存しました',
    'import.done.added.one': '新規 {count} 台',
    'import.done.added.other': '新規 {count} 台',
    'import.done.replaced.one': 'ハードウェア交換 {count} 台',
    'import.done.replaced.other': 'ハードウェア交換 {count} 台',
    'import.done.duplicates.one': '登録済み {count} 行（確認の記録を追加）',
    'import.done.duplicates.other': '登録済み {count} 行（確認の記録を追加）',
    'import.done.tagsCorrected.one': '{count} 台のグループ タグを修正（履歴に記録）',
    'import.done.tagsCorrected.other': '{count} 台のグループ タグを修正（履歴に記録）',
    'import.done.tagsNotCorrected':
      '端末は保存しましたが、タグの修正は保存できませんでした: {message} デバイス一覧で端末を開いてタグを直してください。',
    'import.done.export': 'これらのデバイスをエクスポート',
    'import.done.devices': 'デバイス一覧を見る',
    'import.done.more': '続けて取り込む',

    'import.notFound.title': 'この確認結果はもう保存できません',
    'import.notFound.body':
      'すでに保存されたか、有効期限が切れたか、新しい確認結果に置き換わりました。同じファイルをもう一度確認してください。保存済みの端末は「登録済み」と表示され、二重には登録されません。',
    'import.recheck': '同じファイルをもう一度確認',
    'import.startOver': '最初からやり直す',

    'import.failed.title': '保存が途中で止まりました',
    'import.failed.saved.one': '止まるまでに {count} 行を保存しました。',
    'import.failed.saved.other': '止まるまでに {count} 行を保存しました。',
    'import.failed.nothingSaved': '何も保存されていません。',
    'import.failed.safe':
      '同じファイルをもう一度取り込んでも問題ありません。保存済みの行は「登録済み」となり、二重には登録されません。',
  },
);
