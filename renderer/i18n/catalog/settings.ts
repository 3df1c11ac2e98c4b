import { defineMessages } from '../define-messages';

/** The Settings/About screen: language, where the ledger is and how it is, and what support asks for. */
export const settingsMessages = defineMessages(
  {
    'settings.title': 'Settings',

    'settings.lang.legend': 'Language',
    'settings.lang.followingOs': 'Until you choose, the app uses this computer’s language.',
    'settings.lang.chosen': 'Your choice is remembered on this computer.',

    'settings.info.loading': 'Loading the ledger and app details…',
    'settings.info.failedTitle': 'Could not load the ledger and app details.',

    'settings.ledger.title': 'Ledger',
    'settings.ledger.intro': 'The ledger is the record of every device collected or imported with this app.',
    'settings.ledger.location': 'Location',
    'settings.ledger.devices': 'Devices',
    'settings.ledger.devicesCount.one': '{count} device',
    'settings.ledger.devicesCount.other': '{count} devices',
    'settings.ledger.mirror': 'Copy on this computer',
    'settings.ledger.mirrorNone':
      'None. A copy is kept on this computer only when the ledger is on the USB stick.',
    'settings.mirror.in-sync': 'In sync',
    'settings.mirror.in-sync.meaning': 'It holds the same devices as the ledger.',
    'settings.mirror.repaired': 'Brought up to date',
    'settings.mirror.repaired.meaning':
      'When the app started, one copy was missing devices the other had. Both now hold everything.',
    'settings.mirror.unavailable': 'Not available',
    'settings.mirror.unavailable.meaning':
      'The copy could not be written (the folder is in use or cannot be written to). The ledger itself is complete; the copy is brought up to date the next time the app starts and can write it.',
    'settings.mirror.diverged': 'Not in sync',
    'settings.mirror.diverged.meaning':
      'The copy had devices the ledger lacked, and the other way round. The ledger now holds all of them, but the copy could not be updated; it is completed the next time the app starts and can write it.',
    'settings.ledger.skipped.one':
      '{count} damaged line in the ledger file was left out (for example after a power cut while saving). Everything else in the ledger is intact.',
    'settings.ledger.skipped.other':
      '{count} damaged lines in the ledger file were left out (for example after a power cut while saving). Everything else in the ledger is intact.',
    'settings.ledger.staleLock':
      'The ledger was still marked as in use by an earlier run of the app that ended unexpectedly. The mark was cleared; nothing was lost.',

    'settings.about.title': 'About',
    'settings.about.version': 'Version',
    'settings.about.platform': 'Platform',
    'settings.about.platform.win32': 'Windows',
    'settings.about.platform.linux': 'Linux',
    'settings.about.platform.darwin': 'macOS',
    'settings.about.runningAs': 'Running as',
    'settings.about.desktop': 'Desktop app',
    'settings.about.browser': 'In a web browser',
    'settings.about.logDir': 'Log folder',
    'settings.about.logFile': 'Log file',
    'settings.about.logNote':
      'The log records what the app did, for support. It never contains hardware hashes.',

    'settings.copy.button': 'Copy',
    'settings.copy.ledgerDir': 'Copy ledger location',
    'settings.copy.mirrorDir': 'Copy the location of the copy on this computer',
    'settings.copy.logDir': 'Copy log folder',
    'settings.copy.logFile': 'Copy log file path',
    'settings.copy.done': 'Copied.',
    'settings.copy.failed': 'Could not copy automatically. Select the text and press Ctrl+C.',
  },
  {
    'settings.title': '設定',

    'settings.lang.legend': '表示言語',
    'settings.lang.followingOs': '選ぶまでは、このコンピューターの言語設定に合わせて表示します。',
    'settings.lang.chosen': '選んだ言語はこのコンピューターに記憶されます。',

    'settings.info.loading': '台帳とアプリの情報を読み込んでいます…',
    'settings.info.failedTitle': '台帳とアプリの情報を読み込めませんでした。',

    'settings.ledger.title': '台帳',
    'settings.ledger.intro': '台帳には、このアプリで収集・取り込みしたすべてのデバイスが記録されます。',
    'settings.ledger.location': '保存場所',
    'settings.ledger.devices': 'デバイス数',
    'settings.ledger.devicesCount.one': '{count} 台',
    'settings.ledger.devicesCount.other': '{count} 台',
    'settings.ledger.mirror': 'このコンピューター上のコピー',
    'settings.ledger.mirrorNone':
      'ありません。台帳が USB メモリーにある場合だけ、このコンピューターにコピーを保存します。',
    'settings.mirror.in-sync': '同期済み',
    'settings.mirror.in-sync.meaning': '台帳と同じデバイスが記録されています。',
    'settings.mirror.repaired': '修復済み',
    'settings.mirror.repaired.meaning':
      'アプリの起動時に、片方にしかないデバイスがありました。現在は両方にすべて記録されています。',
    'settings.mirror.unavailable': '使用できません',
    'settings.mirror.unavailable.meaning':
      'コピーに書き込めませんでした（フォルダーが使用中か、書き込みできません）。台帳自体に欠けはありません。次回、書き込める状態でアプリを起動したときにコピーを更新します。',
    'settings.mirror.diverged': '同期していません',
    'settings.mirror.diverged.meaning':
      '台帳とコピーのそれぞれに、もう片方にないデバイスがありました。台帳にはすべて記録しましたが、コピーは更新できませんでした。次回、書き込める状態でアプリを起動したときに更新します。',
    'settings.ledger.skipped.one':
      '台帳ファイルの壊れた行 {count} 行を除外しました（保存中の電源断などが原因です）。それ以外のデータに問題はありません。',
    'settings.ledger.skipped.other':
      '台帳ファイルの壊れた行 {count} 行を除外しました（保存中の電源断などが原因です）。それ以外のデータに問題はありません。',
    'settings.ledger.staleLock':
      '以前に異常終了したアプリが、台帳を使用中のままにしていました。その状態を解除しました。データは失われていません。',

    'settings.about.title': 'バージョン情報',
    'settings.about.version': 'バージョン',
    'settings.about.platform': 'OS',
    'settings.about.platform.win32': 'Windows',
    'settings.about.platform.linux': 'Linux',
    'settings.about.platform.darwin': 'macOS',
    'settings.about.runningAs': '実行形態',
    'settings.about.desktop': 'デスクトップ アプリ',
    'settings.about.browser': 'Web ブラウザー',
    'settings.about.logDir': 'ログ フォルダー',
    'settings.about.logFile': 'ログ ファイル',
    'settings.about.logNote': 'ログはサポート用の動作記録です。ハードウェア ハッシュは記録されません。',

    'settings.copy.button': 'コピー',
    'settings.copy.ledgerDir': '台帳の保存場所をコピー',
    'settings.copy.mirrorDir': 'このコンピューター上のコピーの場所をコピー',
    'settings.copy.logDir': 'ログ フォルダーをコピー',
    'settings.copy.logFile': 'ログ ファイルのパスをコピー',
    'settings.copy.done': 'コピーしました。',
    'settings.copy.failed': '自動でコピーできませんでした。文字列を選択して Ctrl+C を押してください。',
  },
);
