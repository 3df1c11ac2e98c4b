/**
 * Why collecting this device's hash failed, and what the technician should do about it, in plain English
 * and Japanese. The problem type lives here, in shared/, because the renderer shows these messages and
 * shared/ may not depend on electron/; the collection service produces the values.
 */
import { failureDetails, type HashFailure } from '../hardware-hash';
import { hashFailureText } from './diagnostic-messages';
import type { Lang } from './lang';

/** One identity field on which the hash and Windows (WMI) disagree. */
export interface IdentityMismatch {
  readonly field: 'serial' | 'manufacturer';
  readonly fromHash: string;
  readonly fromWindows: string;
}

/**
 * Every way collection can fail, each precise enough to say what to do. Raw error text never travels in a
 * problem: it goes to the log.
 */
export type CollectionProblem =
  | { readonly kind: 'not-windows' }
  | { readonly kind: 'not-elevated' }
  | { readonly kind: 'winpe' }
  /**
   * The hash query failed the way it does after update KB5013942 (MI_RESULT_FAILED, "MI RESULT 1"), on the
   * Windows 10 builds that update concerns (19041-19044). The same failure elsewhere is `hash-query-failed`.
   */
  | { readonly kind: 'mi-result-1' }
  /** Windows answered, but with no hash (common on virtual machines). */
  | { readonly kind: 'no-hash'; readonly virtualMachine: boolean }
  /** The hash query was refused (MI_RESULT_ACCESS_DENIED, 2) although the app runs as administrator. */
  | { readonly kind: 'hash-access-denied' }
  /**
   * This Windows has no MDM bridge to ask: its WMI namespace `root/cimv2/mdm/dmmap` is missing
   * (MI_RESULT_INVALID_NAMESPACE, 3) or lacks the class `MDM_DevDetail_Ext01` (MI_RESULT_INVALID_CLASS, 5), as on
   * Windows Server editions.
   */
  | { readonly kind: 'mdm-bridge-missing'; readonly missing: 'namespace' | 'class' }
  /** The hash query failed for another reason (the log has Windows' words and the error id). */
  | { readonly kind: 'hash-query-failed' }
  /**
   * PowerShell runs in a restricted language mode (Constrained Language Mode, imposed by WDAC or AppLocker), in
   * which the collection cannot run. `languageMode` is PowerShell's word for it.
   */
  | { readonly kind: 'powershell-locked-down'; readonly languageMode: string }
  | { readonly kind: 'hash-invalid'; readonly failure: HashFailure }
  | { readonly kind: 'identity-mismatch'; readonly mismatches: readonly IdentityMismatch[] }
  /** The firmware carries a placeholder such as "To be filled by O.E.M." instead of a serial number. */
  | { readonly kind: 'serial-placeholder'; readonly serial: string }
  | { readonly kind: 'powershell-missing' }
  /** PowerShell could not start, reported an error, or ended before answering. */
  | { readonly kind: 'powershell-failed' }
  | { readonly kind: 'timeout'; readonly timeoutMs: number }
  /** PowerShell answered with something that is not the collection script's output. */
  | { readonly kind: 'bad-output' };

export type CollectionProblemKind = CollectionProblem['kind'];

/** What the screen shows: a short title saying what is wrong, and what to do next. */
export interface CollectionProblemMessage {
  readonly title: string;
  readonly action: string;
}

type Texts<K extends CollectionProblemKind> = Readonly<
  Record<Lang, (problem: Extract<CollectionProblem, { kind: K }>) => CollectionProblemMessage>
>;

const TRY_AGAIN_SUPPORT: Readonly<Record<Lang, string>> = {
  en: 'Try again. If it happens again, save the log and send it to whoever supports this app.',
  ja: 'もう一度試してください。繰り返す場合は、ログを保存してこのアプリの担当者に送ってください。',
};

const FIELD_NAMES: Readonly<Record<Lang, Readonly<Record<IdentityMismatch['field'], string>>>> = {
  en: { serial: 'serial number', manufacturer: 'manufacturer' },
  ja: { serial: 'シリアル番号', manufacturer: 'メーカー名' },
};

const MESSAGES: { readonly [K in CollectionProblemKind]: Texts<K> } = {
  'not-windows': {
    en: () => ({
      title: 'This computer is not running Windows, so it has no hardware hash to collect.',
      action:
        'Start Autopilot Harvester from the USB stick on the Windows device you want to register. ' +
        'On this computer you can still import, merge and export hash files.',
    }),
    ja: () => ({
      title: 'このコンピューターは Windows ではないため、ハードウェア ハッシュを取得できません。',
      action:
        '登録したい Windows デバイスで、USB メモリーから Autopilot Harvester を起動してください。' +
        'このコンピューターでも、ハッシュ ファイルの取り込み・統合・書き出しはできます。',
    }),
  },
  'not-elevated': {
    en: () => ({
      title: 'Reading the hardware hash needs administrator rights, and the app is running without them.',
      action:
        'Close the app and start it again as administrator. In Windows setup (the OOBE screens), press ' +
        'Shift+F10 and start the app from the command prompt that opens: that prompt already has ' +
        'administrator rights. On a Windows that is already set up, right-click the app and choose ' +
        '"Run as administrator".',
    }),
    ja: () => ({
      title:
        'ハードウェア ハッシュの読み取りには管理者権限が必要ですが、アプリは管理者権限なしで動いています。',
      action:
        'アプリを閉じて、管理者として起動し直してください。Windows のセットアップ画面（OOBE）では Shift+F10 を押し、' +
        '開いたコマンド プロンプトからアプリを起動します（このプロンプトは最初から管理者権限で動いています）。' +
        'セットアップ済みの Windows では、アプリを右クリックして［管理者として実行］を選んでください。',
    }),
  },
  winpe: {
    en: () => ({
      title: 'This is Windows PE (an installation or recovery environment), which cannot produce the hash.',
      action:
        'Restart the device into Windows itself: the setup screens (OOBE) are enough. There, press ' +
        'Shift+F10 and start the app from the command prompt.',
    }),
    ja: () => ({
      title: 'ここは Windows PE（インストールや回復用の環境）で、ハードウェア ハッシュを作れません。',
      action:
        'デバイスを通常の Windows で起動し直してください（セットアップ画面 OOBE で十分です）。' +
        'そこで Shift+F10 を押し、コマンド プロンプトからアプリを起動します。',
    }),
  },
  'mi-result-1': {
    en: () => ({
      title:
        'Windows failed to build the hardware hash. This is a known fault of the May 2022 update KB5013942.',
      action:
        'Install a later cumulative update for Windows (Windows Update, or the offline installer from the ' +
        'Microsoft Update Catalog), restart the device, and collect again.',
    }),
    ja: () => ({
      title:
        'Windows がハードウェア ハッシュを作れませんでした。2022 年 5 月の更新プログラム KB5013942 の既知の不具合です。',
      action:
        'それより新しい Windows の累積更新プログラムを入れて（Windows Update、または Microsoft Update カタログの' +
        'オフライン インストーラー）、デバイスを再起動してから、もう一度取得してください。',
    }),
  },
  'no-hash': {
    en: (p) =>
      p.virtualMachine
        ? {
            title: 'This virtual machine gives no hardware hash.',
            action:
              'Many virtual machines cannot produce one. On Hyper-V, use a generation 2 virtual machine with ' +
              'a virtual TPM turned on; otherwise collect on the physical device.',
          }
        : {
            title: 'Windows answered, but gave no hardware hash.',
            action:
              'Restart the device and collect again. If it stays empty, the device may be in audit mode or ' +
              'its firmware may not support Autopilot: ask the manufacturer.',
          },
    ja: (p) =>
      p.virtualMachine
        ? {
            title: 'この仮想マシンはハードウェア ハッシュを返しません。',
            action:
              '多くの仮想マシンはハッシュを作れません。Hyper-V では、仮想 TPM を有効にした第 2 世代の仮想マシンを' +
              '使ってください。それ以外の場合は、実機で取得してください。',
          }
        : {
            title: 'Windows は応答しましたが、ハードウェア ハッシュが空でした。',
            action:
              'デバイスを再起動して、もう一度取得してください。それでも空の場合は、監査モードになっているか、' +
              'ファームウェアが Autopilot に対応していない可能性があります。メーカーに問い合わせてください。',
          },
  },
  'hash-access-denied': {
    en: () => ({
      title: 'Windows refused to give the hardware hash, although the app runs as administrator.',
      action:
        'Start the app from the command prompt of Windows setup (OOBE: press Shift+F10), which has full ' +
        'rights. On a device that is already set up, a security product or a policy may block this query ' +
        '(WMI): ask its administrator, or collect in OOBE before the device is set up.',
    }),
    ja: () => ({
      title: 'アプリは管理者として動いていますが、Windows がハードウェア ハッシュの取得を拒否しました。',
      action:
        'Windows のセットアップ画面（OOBE）で Shift+F10 を押して開いたコマンド プロンプト（完全な権限があります）から' +
        'アプリを起動してください。セットアップ済みのデバイスでは、セキュリティ製品やポリシーがこの照会（WMI）を' +
        '止めていることがあります。デバイスの管理者に確認するか、セットアップ前の OOBE で取得してください。',
    }),
  },
  'mdm-bridge-missing': {
    en: (p) => ({
      title:
        p.missing === 'namespace'
          ? 'This Windows cannot produce a hardware hash: it has no MDM bridge (the WMI namespace root\\cimv2\\mdm\\dmmap is missing).'
          : 'This Windows cannot produce a hardware hash: its MDM bridge lacks the class MDM_DevDetail_Ext01.',
      action:
        'Windows Server editions and some stripped-down images lack it. Windows Autopilot registers devices ' +
        'running Windows 10 or 11 Pro, Enterprise or Education: collect on such a device (the setup screens, ' +
        'OOBE, are enough), or ask the manufacturer or reseller for the hash.',
    }),
    ja: (p) => ({
      title:
        p.missing === 'namespace'
          ? 'この Windows ではハードウェア ハッシュを作れません。MDM ブリッジがありません（WMI 名前空間 root\\cimv2\\mdm\\dmmap が存在しません）。'
          : 'この Windows ではハードウェア ハッシュを作れません。MDM ブリッジに MDM_DevDetail_Ext01 クラスがありません。',
      action:
        'Windows Server のエディションや機能を削ったイメージにはこれがありません。Windows Autopilot に登録できるのは ' +
        'Windows 10 / 11 の Pro、Enterprise、Education です。そのようなデバイスで取得するか（セットアップ画面 OOBE で十分です）、' +
        'メーカーや販売店にハッシュを依頼してください。',
    }),
  },
  'powershell-locked-down': {
    en: (p) => ({
      title:
        `PowerShell is locked down on this device (${p.languageMode}, set by a WDAC or AppLocker policy), ` +
        'so the app cannot read the hardware hash.',
      action:
        'Under such a policy, commands typed or sent to PowerShell always run restricted; only scripts the ' +
        'policy trusts run fully. Collect before the policy reaches the device: in the setup screens (OOBE) of a ' +
        'freshly reset device. Or ask the device\u2019s administrator, who can read the hash with a tool the ' +
        'policy allows, or the manufacturer or reseller, who can supply it.',
    }),
    ja: (p) => ({
      title:
        `このデバイスの PowerShell は制限されています（${p.languageMode}。WDAC または AppLocker のポリシーによる）。` +
        'そのため、アプリはハードウェア ハッシュを読み取れません。',
      action:
        'このポリシーの下では、PowerShell に入力・送信したコマンドは常に制限付きで動き、ポリシーが信頼するスクリプトだけが' +
        '制限なく動きます。ポリシーがデバイスに届く前に取得してください（初期化したデバイスのセットアップ画面 OOBE）。' +
        'または、ポリシーが許可するツールでハッシュを読み取れるデバイスの管理者か、ハッシュを提供できるメーカー・販売店に依頼してください。',
    }),
  },
  'hash-query-failed': {
    en: () => ({
      title: 'Windows could not read the hardware hash.',
      action:
        'Restart the device and collect again. If it fails again, save the log and send it to whoever ' +
        'supports this app: it holds Windows\u2019 own error message.',
    }),
    ja: () => ({
      title: 'Windows がハードウェア ハッシュを読み取れませんでした。',
      action:
        'デバイスを再起動して、もう一度取得してください。再び失敗する場合は、ログを保存してこのアプリの担当者に' +
        '送ってください（Windows のエラー メッセージが記録されています）。',
    }),
  },
  'hash-invalid': {
    en: (p) => ({
      title: `The hash Windows returned cannot be used: ${failureText(p.failure, 'en')}.`,
      action:
        'Collect again. If the same happens, this device cannot be registered with its hash: ask the ' +
        'manufacturer.',
    }),
    ja: (p) => ({
      title: `Windows が返したハッシュは使えません（${failureText(p.failure, 'ja')}）。`,
      action:
        'もう一度取得してください。同じ結果になる場合、このデバイスはハッシュでは登録できません。メーカーに問い合わせてください。',
    }),
  },
  'identity-mismatch': {
    en: (p) => ({
      title:
        'The hash describes a different device than Windows reports: ' +
        p.mismatches
          .map(
            (m) => `${FIELD_NAMES.en[m.field]} "${m.fromHash}" in the hash, "${m.fromWindows}" from Windows`,
          )
          .join('; ') +
        '.',
      action:
        'Do not register this hash. Compare the serial number on the device\u2019s label with the one in the ' +
        'BIOS/UEFI setup; after a mainboard replacement, the manufacturer or repair shop must write the ' +
        'serial number into the firmware again.',
    }),
    ja: (p) => ({
      title:
        'ハッシュの中身が、Windows の報告するデバイスと一致しません（' +
        p.mismatches
          .map(
            (m) =>
              `${FIELD_NAMES.ja[m.field]}: ハッシュでは「${m.fromHash}」、Windows では「${m.fromWindows}」`,
          )
          .join('、') +
        '）。',
      action:
        'このハッシュは登録しないでください。本体ラベルのシリアル番号と BIOS/UEFI 設定画面の値を比べてください。' +
        'マザーボードを交換した場合は、メーカーか修理業者にシリアル番号をファームウェアへ書き込み直してもらう必要があります。',
    }),
  },
  'serial-placeholder': {
    en: (p) => ({
      title: `The device has no real serial number: its firmware says "${p.serial}".`,
      action:
        'Autopilot cannot tell this device from others. Ask the manufacturer or repair shop to write the ' +
        'serial number into the firmware (BIOS/UEFI), then collect again.',
    }),
    ja: (p) => ({
      title: `このデバイスには本当のシリアル番号がありません（ファームウェアの値は「${p.serial}」）。`,
      action:
        'このままでは Autopilot が他のデバイスと区別できません。メーカーか修理業者にシリアル番号をファームウェア' +
        '（BIOS/UEFI）へ書き込んでもらってから、もう一度取得してください。',
    }),
  },
  'powershell-missing': {
    en: () => ({
      title: 'Windows PowerShell was not found on this device.',
      action:
        'Windows PowerShell is part of every Windows 10 and 11. If this is Windows PE or a stripped-down ' +
        'image, start the device into the normal Windows setup (OOBE) and run the app there.',
    }),
    ja: () => ({
      title: 'このデバイスで Windows PowerShell が見つかりませんでした。',
      action:
        'Windows PowerShell は Windows 10 と 11 には必ず入っています。Windows PE や機能を削った環境の場合は、' +
        '通常の Windows のセットアップ画面（OOBE）で起動してからアプリを実行してください。',
    }),
  },
  'powershell-failed': {
    en: () => ({ title: 'PowerShell stopped with an error while collecting.', action: TRY_AGAIN_SUPPORT.en }),
    ja: () => ({ title: '取得中に PowerShell がエラーで止まりました。', action: TRY_AGAIN_SUPPORT.ja }),
  },
  timeout: {
    en: (p) => ({
      title: `Windows did not answer within ${seconds(p.timeoutMs)} seconds.`,
      action:
        'Wait until the device has finished starting up (setup can keep it busy for a few minutes), then ' +
        'collect again.',
    }),
    ja: (p) => ({
      title: `${seconds(p.timeoutMs)} 秒待っても Windows から応答がありませんでした。`,
      action:
        'デバイスの起動処理が落ち着くまで待ってから（セットアップ直後は数分かかることがあります）、もう一度取得してください。',
    }),
  },
  'bad-output': {
    en: () => ({
      title: 'The collection returned something the app cannot read.',
      action: TRY_AGAIN_SUPPORT.en,
    }),
    ja: () => ({ title: '取得結果が読み取れない形式でした。', action: TRY_AGAIN_SUPPORT.ja }),
  },
};

/** Every problem kind, for lists and tests. */
export const COLLECTION_PROBLEM_KINDS = Object.keys(MESSAGES) as readonly CollectionProblemKind[];

/** The title and next step for `problem` in `lang`. Every kind has both languages; the compiler checks it. */
export function collectionProblemMessage(problem: CollectionProblem, lang: Lang): CollectionProblemMessage {
  // The mapped type pairs each kind with its own texts; TypeScript cannot follow that through the union.
  const texts = MESSAGES[problem.kind] as Texts<CollectionProblemKind>;
  return texts[lang](problem);
}

function failureText(failure: HashFailure, lang: Lang): string {
  return hashFailureText(failure.kind, failureDetails(failure), lang);
}

function seconds(ms: number): string {
  return String(Math.round(ms / 1000));
}
