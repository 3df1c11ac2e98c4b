import { defineMessages } from '../define-messages';

/** The app's frame: navigation, language, and texts every screen shares. */
export const commonMessages = defineMessages(
  {
    'app.name': 'Autopilot Harvester',
    'app.skipToContent': 'Skip to content',
    'app.loading': 'Loading…',
    'nav.label': 'Screens',
    'nav.collect': 'Collect',
    'nav.devices': 'Devices',
    'nav.import': 'Import',
    'nav.export': 'Export',
    'nav.submit': 'Submit',
    'nav.settings': 'Settings',
    'lang.switchLabel': 'Language',
    'lang.en': 'English',
    'lang.ja': '日本語',
    'ledger.devices.one': '{count} device in the ledger',
    'ledger.devices.other': '{count} devices in the ledger',
    'error.unexpectedTitle': 'Something went wrong',
    'error.unexpectedBody':
      'The app could not finish this. Nothing already saved was lost. Try again; if it keeps happening, send the log file from Settings to support.',
    'error.unreachable':
      'The app’s background service is not answering. If you closed the window that started it, start Autopilot Harvester again.',
    'error.unauthorized':
      'This page was opened without its access key. Open the address that Autopilot Harvester printed when it started (it ends with #token=…).',
    'error.contract':
      'The screen and the background service are from different versions. Close both and start Autopilot Harvester again.',
    'noToken.title': 'Open the address Autopilot Harvester printed',
    'noToken.body':
      'For safety, this page works only with the address shown when the app started, including the part after #token=. Copy that whole address into the browser.',
    'noPreload.title': 'The app could not start its connection to Windows services',
    'noPreload.body':
      'Close Autopilot Harvester and start it again. If this keeps happening, download it again: the app’s files may be damaged.',
    'action.retry': 'Try again',
    'action.cancel': 'Cancel',
    'action.close': 'Close',
    'tagStatus.label.nearMiss': 'Mistyped tag',
    'tagStatus.label.custom': 'Custom tag',
    'tagStatus.label.invalid': 'Unusable tag',
    'tagStatus.nearMissCorrectable':
      'Looks like “{suggestion}” typed differently ({reasons}). Exports correct it on the way out; correct it in the ledger too, to keep it exact.',
    'tagStatus.nearMiss':
      'Looks like a mistyped “{suggestion}” ({reasons}). Exports and submissions leave this device out until the tag is corrected.',
    'tagStatus.custom':
      'Not a known group tag: exported only when custom tags are allowed. Make sure your dynamic groups expect exactly this text.',
    'tagStatus.invalid.empty': 'The tag is empty.',
    'tagStatus.invalid.tooLong': 'The tag is longer than {max} characters and cannot be used.',
    'tagStatus.invalid.badCharacter':
      'The tag contains “{character}”, which a CSV file or Graph cannot carry.',
    'tagStatus.invalid.formulaStart':
      'The tag starts with “{character}”, which spreadsheet programs run as a formula: it cannot be used.',
    'tagStatus.correct': 'Use {suggestion}',
    'tagStatus.correcting': 'Correcting…',
  },
  {
    'app.name': 'Autopilot Harvester',
    'app.skipToContent': '本文へ移動',
    'app.loading': '読み込み中…',
    'nav.label': '画面',
    'nav.collect': '収集',
    'nav.devices': 'デバイス一覧',
    'nav.import': '取り込み',
    'nav.export': 'エクスポート',
    'nav.submit': '登録',
    'nav.settings': '設定',
    'lang.switchLabel': '表示言語',
    'lang.en': 'English',
    'lang.ja': '日本語',
    'ledger.devices.one': '台帳に {count} 台',
    'ledger.devices.other': '台帳に {count} 台',
    'error.unexpectedTitle': '処理を完了できませんでした',
    'error.unexpectedBody':
      '保存済みのデータは失われていません。もう一度お試しください。繰り返し発生する場合は、設定画面のログファイルをサポートに送ってください。',
    'error.unreachable':
      'バックグラウンドのサービスが応答しません。起動したウィンドウを閉じた場合は、Autopilot Harvester をもう一度起動してください。',
    'error.unauthorized':
      'アクセス用のキーがないままページが開かれています。Autopilot Harvester の起動時に表示されたアドレス（末尾が #token=… のもの）を開いてください。',
    'error.contract':
      '画面とバックグラウンドのサービスのバージョンが一致していません。両方を閉じて、Autopilot Harvester を起動し直してください。',
    'noToken.title': '起動時に表示されたアドレスを開いてください',
    'noToken.body':
      '安全のため、このページはアプリの起動時に表示されたアドレス（#token= 以降を含む）でのみ動作します。そのアドレスを丸ごとブラウザーに貼り付けてください。',
    'noPreload.title': 'アプリが Windows サービスとの接続を開始できませんでした',
    'noPreload.body':
      'Autopilot Harvester を閉じて、もう一度起動してください。繰り返し発生する場合は、アプリのファイルが破損している可能性があるため、もう一度ダウンロードしてください。',
    'action.retry': '再試行',
    'action.cancel': 'キャンセル',
    'action.close': '閉じる',
    'tagStatus.label.nearMiss': 'タグの打ち間違い',
    'tagStatus.label.custom': '独自のタグ',
    'tagStatus.label.invalid': '使えないタグ',
    'tagStatus.nearMissCorrectable':
      '「{suggestion}」の入力の違いのようです（{reasons}）。エクスポート時には直しますが、台帳でも直しておくと確実です。',
    'tagStatus.nearMiss':
      '「{suggestion}」の打ち間違いのようです（{reasons}）。タグを直すまで、エクスポートと登録ではこの端末を除外します。',
    'tagStatus.custom':
      '既知のグループ タグではありません。独自のタグを許可したときだけエクスポートします。動的グループの条件と完全に一致するか確認してください。',
    'tagStatus.invalid.empty': 'タグが空です。',
    'tagStatus.invalid.tooLong': 'タグが {max} 文字を超えているため使えません。',
    'tagStatus.invalid.badCharacter': 'タグに CSV や Graph で扱えない「{character}」が含まれています。',
    'tagStatus.invalid.formulaStart':
      'タグが「{character}」で始まっています。表計算ソフトが数式として実行するため使えません。',
    'tagStatus.correct': '{suggestion} に直す',
    'tagStatus.correcting': '修正しています…',
  },
);
