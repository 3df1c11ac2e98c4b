import { defineMessages } from '../define-messages';

/**
 * The Collect screen: what a technician reads at the bench, often in the Windows setup screens. Short,
 * plain sentences; the Japanese is written for Japanese technicians, not translated word by word.
 */
export const collectMessages = defineMessages(
  {
    'collect.title': 'Collect',
    'collect.description':
      'Reads this device’s hardware hash and saves it to the ledger, ready to export for Autopilot.',

    'collect.device.title': 'This device',
    'collect.device.readAgain': 'Read again',
    'collect.device.reading': 'Reading this device… This takes a few seconds.',
    'collect.device.serial': 'Serial number',
    'collect.device.manufacturer': 'Manufacturer',
    'collect.device.model': 'Model',
    'collect.device.computerName': 'Computer name',
    'collect.device.osVersion': 'Windows version',
    'collect.device.ledger': 'Ledger',
    'collect.device.notReported': 'Not reported',
    'collect.device.virtualMachine':
      'This is a virtual machine. Many virtual machines give no hardware hash; on Hyper-V, use a generation 2 virtual machine with a virtual TPM.',

    'collect.ledger.notInLedger': 'Not in the ledger yet',
    'collect.ledger.inLedger': 'Already in the ledger',
    'collect.ledger.state.new': 'Not exported yet.',
    'collect.ledger.state.exported': 'Already exported.',
    'collect.ledger.state.deleted': 'Deleted from the list. Collecting brings it back.',
    'collect.ledger.otherHardware': 'In the ledger with different hardware',
    'collect.ledger.otherHardwareHint':
      'The board or disk was probably replaced. Collecting again keeps the new hardware hash.',

    'collect.unsupported.title': 'Import hash files instead',
    'collect.unsupported.body':
      'On this computer you can still import hash CSV files collected on other devices, then export them.',
    'collect.unsupported.button': 'Import CSV files',

    'collect.button': 'Collect this device',
    'collect.button.busy': 'Collecting…',
    'collect.button.hint': 'Reads the hardware hash and saves it to the ledger. Takes a few seconds.',
    'collect.progress': 'Collecting this device… Keep the USB stick plugged in.',

    'collect.result.added.title': 'Saved. {serial} is in the ledger.',
    'collect.result.added.body': '{device} is ready to export.',
    'collect.result.duplicate.title': '{serial} is already in the ledger. Nothing changed.',
    'collect.result.duplicate.new':
      'The hardware hash is the same as the one saved before. It has not been exported yet.',
    'collect.result.duplicate.exported':
      'The hardware hash is the same as the one saved before, and it has already been exported. Nothing more to do for this device.',
    'collect.result.replaced.title': 'Saved the new hardware hash for {serial}.',
    'collect.result.replaced.body':
      'The ledger had this device with different hardware (a replaced board or disk). The new hash is kept, and the device is marked as not exported, so the next export includes it.',
    'collect.result.whatToDo': 'What to do',
    'collect.result.ledgerFailed.title': 'Could not save to the ledger.',
    'collect.result.ledgerFailed.file': 'File: {file}',
    'collect.result.ledgerFailed.safe': 'Nothing already in the ledger was lost.',
    'collect.result.details': 'Details for support',

    'collect.next.title': 'Next',
    'collect.next.export': 'Export to USB',
    'collect.next.devices': 'See all devices',
  },
  {
    'collect.title': '収集',
    'collect.description':
      'このデバイスのハードウェア ハッシュを読み取って台帳に保存します。保存したハッシュは Autopilot 用にエクスポートできます。',

    'collect.device.title': 'このデバイス',
    'collect.device.readAgain': 'もう一度読み取る',
    'collect.device.reading': 'このデバイスの情報を読み取っています… 数秒かかります。',
    'collect.device.serial': 'シリアル番号',
    'collect.device.manufacturer': 'メーカー',
    'collect.device.model': 'モデル',
    'collect.device.computerName': 'コンピューター名',
    'collect.device.osVersion': 'Windows のバージョン',
    'collect.device.ledger': '台帳',
    'collect.device.notReported': '取得できませんでした',
    'collect.device.virtualMachine':
      '仮想マシンです。多くの仮想マシンではハードウェア ハッシュを取得できません。Hyper-V の場合は、仮想 TPM を有効にした第 2 世代の仮想マシンを使ってください。',

    'collect.ledger.notInLedger': '台帳に未登録',
    'collect.ledger.inLedger': '台帳に登録済み',
    'collect.ledger.state.new': '未エクスポートです。',
    'collect.ledger.state.exported': 'エクスポート済みです。',
    'collect.ledger.state.deleted': '一覧から削除されています。収集すると一覧に戻ります。',
    'collect.ledger.otherHardware': '台帳に登録済み（ハードウェアが異なる）',
    'collect.ledger.otherHardwareHint':
      'マザーボードかディスクが交換されたようです。収集し直すと、新しいハードウェア ハッシュで置き換えます。',

    'collect.unsupported.title': '代わりにハッシュ ファイルを取り込めます',
    'collect.unsupported.body':
      'このコンピューターでも、ほかのデバイスで取得したハッシュの CSV ファイルを取り込んでエクスポートできます。',
    'collect.unsupported.button': 'CSV ファイルを取り込む',

    'collect.button': 'このデバイスを収集',
    'collect.button.busy': '収集中…',
    'collect.button.hint': 'ハードウェア ハッシュを読み取って台帳に保存します。数秒かかります。',
    'collect.progress': 'このデバイスを収集しています… USB メモリーは挿したままにしてください。',

    'collect.result.added.title': '保存しました。{serial} を台帳に登録しました。',
    'collect.result.added.body': '{device} はエクスポートできる状態です。',
    'collect.result.duplicate.title': '{serial} は登録済みです。台帳は変更していません。',
    'collect.result.duplicate.new':
      'ハードウェア ハッシュは前回保存したものと同じです。まだエクスポートしていません。',
    'collect.result.duplicate.exported':
      'ハードウェア ハッシュは前回保存したものと同じで、エクスポートも済んでいます。このデバイスの作業は完了です。',
    'collect.result.replaced.title': '{serial} の新しいハードウェア ハッシュを保存しました。',
    'collect.result.replaced.body':
      '台帳には交換前のハードウェア（マザーボードやディスク）で登録されていました。新しいハッシュに置き換えて未エクスポートに戻したので、次回のエクスポートに含まれます。',
    'collect.result.whatToDo': '対処方法',
    'collect.result.ledgerFailed.title': '台帳に保存できませんでした。',
    'collect.result.ledgerFailed.file': 'ファイル: {file}',
    'collect.result.ledgerFailed.safe': '台帳に保存済みのデータは失われていません。',
    'collect.result.details': 'サポート向けの詳細',

    'collect.next.title': '次の作業',
    'collect.next.export': 'USB にエクスポート',
    'collect.next.devices': 'デバイス一覧を見る',
  },
);
