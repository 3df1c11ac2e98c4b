/**
 * The plain words the API's answers carry where only the services know what happened: a ledger that could
 * not be written, an export file that could not be written, a destination that is not there. Each kind has
 * both languages; the compiler refuses a missing one. The UI may word them again from the `kind`s.
 */
import type { Lang } from '../i18n/lang';
import type { DestinationProblem, LedgerFailure, WriteFailure } from './harvester-api';

type Words = Readonly<Record<Lang, string>>;

const SAFE: Words = {
  en: 'Devices saved before this are safe.',
  ja: 'それまでに保存した端末は失われていません。',
};

const LEDGER_FAILURES: Readonly<Record<LedgerFailure['reason'], (dir: string) => Words>> = {
  locked: (dir) => ({
    en: `The ledger in ${dir} is in use by another Autopilot Harvester window or command. Close it, then try again.`,
    ja: `${dir} の台帳は別の Autopilot Harvester（ウィンドウかコマンド）が使用中です。そちらを閉じてからやり直してください。`,
  }),
  'write-failed': (dir) => ({
    en: `Could not save to the ledger in ${dir}: the disk may be full, write-protected, or the USB stick was pulled. ${SAFE.en}`,
    ja: `${dir} の台帳に保存できませんでした。ディスクがいっぱいか、書き込み禁止か、USB メモリーが抜けた可能性があります。${SAFE.ja}`,
  }),
  unreadable: (dir) => ({
    en: `The ledger in ${dir} cannot be read. Check that the USB stick is plugged in, then try again.`,
    ja: `${dir} の台帳を読めません。USB メモリーが差さっているか確認してから、やり直してください。`,
  }),
  'read-only': (dir) => ({
    en: `The ledger in ${dir} is open only for looking, so nothing was changed. Close other Autopilot Harvester windows and start the app again.`,
    ja: `${dir} の台帳は閲覧専用で開いているため、何も変更していません。ほかの Autopilot Harvester を閉じて、アプリを起動し直してください。`,
  }),
};

/** Why the ledger in `dir` could not be changed, and what to do. */
export function ledgerFailureMessage(reason: LedgerFailure['reason'], dir: string, lang: Lang): string {
  return LEDGER_FAILURES[reason](dir)[lang];
}

const EARLIER: Words = {
  en: 'Files listed before it are complete.',
  ja: 'それより前に書いたファイルは完全です。',
};

const WRITE_FAILURES: Readonly<Record<WriteFailure['kind'], Words>> = {
  'no-space': {
    en: `The drive is full. Free some space or choose another folder. ${EARLIER.en}`,
    ja: `ドライブがいっぱいです。空きを作るか、別のフォルダーを選んでください。${EARLIER.ja}`,
  },
  'read-only': {
    en: "The drive is read-only. Check the USB stick's write-protect switch or choose another folder.",
    ja: 'ドライブが読み取り専用です。USB メモリーの書き込み禁止スイッチを確認するか、別のフォルダーを選んでください。',
  },
  'not-found': {
    en: 'The folder is gone (was the USB stick pulled?). Plug it in again and export again.',
    ja: 'フォルダーが見つかりません（USB メモリーが抜けましたか）。差し直してから、もう一度書き出してください。',
  },
  'not-a-folder': {
    en: 'A file stands where the folder should be. Choose another folder.',
    ja: 'フォルダーの場所に同じ名前のファイルがあります。別のフォルダーを選んでください。',
  },
  permission: {
    en: 'Windows refused access to the folder. Choose a folder you can write to.',
    ja: 'フォルダーへのアクセスが拒否されました。書き込めるフォルダーを選んでください。',
  },
  io: {
    en: `The drive reported an error (was the USB stick pulled?). Plug it in again and export again. ${EARLIER.en}`,
    ja: `ドライブがエラーを返しました（USB メモリーが抜けましたか）。差し直してから、もう一度書き出してください。${EARLIER.ja}`,
  },
  unknown: {
    en: `The file could not be written. Check the drive and export again. ${EARLIER.en}`,
    ja: `ファイルを書き込めませんでした。ドライブを確認して、もう一度書き出してください。${EARLIER.ja}`,
  },
  'verify-failed': {
    en: 'The file did not read back as it was written, so it was removed: the USB stick may be failing. Try another stick.',
    ja: '書いたファイルを読み直すと内容が違ったため、削除しました。USB メモリーが故障しかけている可能性があります。別の USB メモリーを使ってください。',
  },
};

/** Why writing an export file stopped, and what to do. */
export function writeFailureMessage(kind: WriteFailure['kind'], lang: Lang): string {
  return WRITE_FAILURES[kind][lang];
}

const DESTINATION_PROBLEMS: Readonly<Record<DestinationProblem['kind'], Words>> = {
  'not-absolute': {
    en: 'Choose the folder with the folder picker: the path given is not a full path.',
    ja: 'フォルダーは選択画面から選んでください。指定されたパスが完全なパスではありません。',
  },
  'drive-not-found': {
    en: 'The USB stick is not plugged in (no removable drive has its serial or label). Plug it in and choose it again.',
    ja: 'USB メモリーが見つかりません（そのシリアルやラベルのリムーバブル ドライブがありません）。差し込んでから選び直してください。',
  },
  'drive-ambiguous': {
    en: 'Several USB sticks carry this label. Choose the one to write to from the list.',
    ja: '同じラベルの USB メモリーが複数あります。書き出す USB メモリーを一覧から選んでください。',
  },
  'drives-unsupported': {
    en: 'USB sticks can be listed only on Windows. Choose a folder instead.',
    ja: 'USB メモリーの一覧は Windows でのみ使えます。代わりにフォルダーを選んでください。',
  },
  'drives-failed': {
    en: 'Windows could not list the USB sticks. Try again, or choose the folder on the stick with the folder picker.',
    ja: 'Windows が USB メモリーの一覧を返しませんでした。もう一度試すか、フォルダーの選択画面で USB メモリー上のフォルダーを選んでください。',
  },
};

/** Why the export's destination cannot be used, and what to do. */
export function destinationProblemMessage(kind: DestinationProblem['kind'], lang: Lang): string {
  return DESTINATION_PROBLEMS[kind][lang];
}
