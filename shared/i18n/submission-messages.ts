/**
 * What happened to a device sent to Microsoft Graph and what the technician should do next, in plain English
 * and Japanese. Today's scripts print `808` or `ZtdDeviceAssignedToOtherTenant` and stop; here every outcome
 * says who has to act and how. The service's code is never the message: it follows in brackets
 * (`reference`) so support can look it up.
 */
import type { ImportOutcome, ImportOutcomeKind, OtherTenantHold } from '../submission/graph-errors';
import { importErrorReference } from '../submission/graph-errors';
import type { SubmissionProblem, SubmissionProblemKind } from '../submission/submission-problem';
import type { Lang } from './lang';

/** What the screen or the CLI shows: what happened, what to do, and the service's code for support. */
export interface SubmissionMessage {
  readonly title: string;
  readonly action: string;
  /** `[808 ZtdDeviceAssignedToOtherTenant]`, `[HTTP 400 BadRequest]`, or empty. */
  readonly reference: string;
}

type Text = Readonly<{ title: string; action: string }>;

type OutcomeTexts<K extends ImportOutcomeKind> = Readonly<
  Record<Lang, (outcome: Extract<ImportOutcome, { kind: K }>) => Text>
>;

type ProblemTexts<K extends SubmissionProblemKind> = Readonly<
  Record<Lang, (problem: Extract<SubmissionProblem, { kind: K }>) => Text>
>;

const RETRY_SUPPORT: Readonly<Record<Lang, string>> = {
  en:
    'Retry this device. If it fails again, save the log and send it, with the code in brackets, to whoever ' +
    'supports this app.',
  ja: 'このデバイスを再送信してください。再び失敗する場合は、ログを保存し、括弧内のコードと一緒にこのアプリの担当者に送ってください。',
};

const OTHER_TENANT: Readonly<Record<Lang, Readonly<Record<OtherTenantHold, Text>>>> = {
  en: {
    'device-assigned': {
      title:
        'This device is registered in another organisation\u2019s Autopilot, so it cannot be added here.',
      action:
        'The organisation that holds it must deregister it: ask the previous owner, or the reseller or ' +
        'refurbisher you bought it from, to delete it from their Windows Autopilot devices (in Intune or ' +
        'Partner Center). If nobody can be found, the new owner can ask Microsoft support to release it, with ' +
        'proof of purchase. Once it is released, retry this device.',
    },
    'profile-assigned': {
      title: 'Another organisation\u2019s Autopilot profile is assigned to this device.',
      action:
        'The organisation that assigned the profile must remove the assignment and deregister the device in ' +
        'its Intune. Ask the previous owner or the reseller; once it is released, retry this device.',
    },
    'registered-by-other': {
      title:
        'Another organisation registered this device for Autopilot (usually a reseller or the manufacturer, ' +
        'for an earlier customer).',
      action:
        'Ask the reseller or manufacturer you bought it from to deregister it in Partner Center (or through ' +
        'their own support). Once it is released, retry this device.',
    },
  },
  ja: {
    'device-assigned': {
      title: 'このデバイスは別の組織の Autopilot に登録されているため、ここには追加できません。',
      action:
        '登録している組織に登録を解除してもらう必要があります。以前の所有者、または購入元の販売店・再生業者に連絡し、' +
        'その組織の Windows Autopilot デバイス（Intune またはパートナー センター）から削除してもらってください。' +
        '相手が分からない場合は、新しい所有者が購入を証明する書類を添えて Microsoft サポートに解除を依頼できます。' +
        '解除されたら、このデバイスを再送信してください。',
    },
    'profile-assigned': {
      title: '別の組織の Autopilot プロファイルがこのデバイスに割り当てられています。',
      action:
        'プロファイルを割り当てた組織に、Intune で割り当てを外してデバイスの登録を解除してもらう必要があります。' +
        '以前の所有者か販売店に連絡し、解除されたらこのデバイスを再送信してください。',
    },
    'registered-by-other': {
      title:
        '別の組織がこのデバイスを Autopilot に登録しています（多くは以前の顧客向けに販売店やメーカーが登録したものです）。',
      action:
        '購入元の販売店かメーカーに、パートナー センター（または各社のサポート窓口）で登録を解除してもらってください。' +
        '解除されたら、このデバイスを再送信してください。',
    },
  },
};

const OUTCOMES: { readonly [K in ImportOutcomeKind]: OutcomeTexts<K> } = {
  'already-registered': {
    en: () => ({
      title: 'This device is already registered in this organisation\u2019s Autopilot.',
      action:
        'Nothing to do: it counts as registered. Its existing group tag is kept; if it should be different, ' +
        'change it for this device under Windows Autopilot devices in the Intune admin center.',
    }),
    ja: () => ({
      title: 'このデバイスは、この組織の Autopilot にすでに登録されています。',
      action:
        '作業は不要です（登録済みとして扱います）。グループ タグは登録済みの値のままです。変える必要がある場合は、' +
        'Intune 管理センターの Windows Autopilot デバイスで、このデバイスのグループ タグを変更してください。',
    }),
  },
  retryable: {
    en: () => ({
      title: 'Microsoft\u2019s service had an internal fault while storing this device.',
      action:
        'Nothing is wrong with the device or its hash. Wait a few minutes, then retry the failed devices.',
    }),
    ja: () => ({
      title: 'このデバイスの保存中に、Microsoft のサービス側で内部エラーが起きました。',
      action: 'デバイスやハッシュに問題はありません。数分待ってから、失敗したデバイスを再送信してください。',
    }),
  },
  'fix-hash': {
    en: () => ({
      title: 'Microsoft refused this device\u2019s hardware hash.',
      action:
        'Collect the hash again on the device and send it again. A hash copied by hand or through Excel is ' +
        'often cut short or altered.',
    }),
    ja: () => ({
      title: 'Microsoft がこのデバイスのハードウェア ハッシュを受け付けませんでした。',
      action:
        'デバイスでハッシュを取得し直してから、もう一度送信してください。手作業や Excel でコピーしたハッシュは、' +
        '途中で切れたり書き換わったりしていることがよくあります。',
    }),
  },
  'other-tenant': {
    en: (o) => OTHER_TENANT.en[o.hold],
    ja: (o) => OTHER_TENANT.ja[o.hold],
  },
  'invalid-record': {
    en: () => ({
      title: 'Microsoft could not read the registration data sent for this device.',
      action:
        'Check the serial number and the group tag for unusual characters, then retry this device. If it ' +
        'fails again, save the log and send it to whoever supports this app.',
    }),
    ja: () => ({
      title: 'このデバイスについて送った登録データを、Microsoft が読み取れませんでした。',
      action:
        'シリアル番号とグループ タグに見慣れない文字がないか確かめてから、このデバイスを再送信してください。' +
        '再び失敗する場合は、ログを保存してこのアプリの担当者に送ってください。',
    }),
  },
  'missing-serial': {
    en: () => ({
      title: 'The registration reached Microsoft without a serial number.',
      action:
        'Collect the hash again on the device. If the device has no serial number in its firmware, ask the ' +
        'manufacturer or repair shop to write it in first.',
    }),
    ja: () => ({
      title: 'シリアル番号のない登録データが Microsoft に届きました。',
      action:
        'デバイスでハッシュを取得し直してください。ファームウェアにシリアル番号が入っていない場合は、' +
        '先にメーカーか修理業者に書き込んでもらってください。',
    }),
  },
  duplicated: {
    en: () => ({
      title: 'This device was being registered twice at the same time.',
      action:
        'Another upload of the same device is still in progress (another technician or tool). Wait a few ' +
        'minutes for it to finish, then retry this device.',
    }),
    ja: () => ({
      title: 'このデバイスが同時に二重で登録されようとしていました。',
      action:
        '同じデバイスの別のアップロード（ほかの担当者やツール）がまだ処理中です。数分待って終わってから、' +
        'このデバイスを再送信してください。',
    }),
  },
  'not-unique': {
    en: () => ({
      title: 'This hardware hash matches more than one device known to Autopilot.',
      action:
        'Collect the hash again on the device and retry. If it happens again (common after a mainboard ' +
        'replacement), open a case with Microsoft support.',
    }),
    ja: () => ({
      title: 'このハードウェア ハッシュは、Autopilot に登録済みの複数のデバイスと一致します。',
      action:
        'デバイスでハッシュを取得し直して再送信してください。それでも同じ場合は（マザーボード交換後によくあります）、' +
        'Microsoft サポートに問い合わせてください。',
    }),
  },
  'not-found': {
    en: () => ({
      title: 'Autopilot lost track of this device while registering it.',
      action: RETRY_SUPPORT.en,
    }),
    ja: () => ({
      title: '登録処理の途中で、Autopilot がこのデバイスを見失いました。',
      action: RETRY_SUPPORT.ja,
    }),
  },
  'entra-registered': {
    en: () => ({
      title: 'This device is already registered in Microsoft Entra ID in a way that blocks Autopilot.',
      action:
        'Ask an administrator to delete this device under Devices in the Microsoft Entra admin center, then ' +
        'retry this device.',
    }),
    ja: () => ({
      title: 'このデバイスは Microsoft Entra ID に登録済みで、その登録が Autopilot への登録を妨げています。',
      action:
        '管理者に、Microsoft Entra 管理センターの［デバイス］からこのデバイスを削除してもらってから、再送信してください。',
    }),
  },
  unknown: {
    en: () => ({
      title: 'Microsoft refused this device with an error this app does not know.',
      action: RETRY_SUPPORT.en,
    }),
    ja: () => ({
      title: 'Microsoft がこのデバイスを、このアプリの知らないエラーで拒否しました。',
      action: RETRY_SUPPORT.ja,
    }),
  },
};

const PROBLEMS: { readonly [K in Exclude<SubmissionProblemKind, 'import-error'>]: ProblemTexts<K> } = {
  token: {
    en: () => ({
      title: 'The sign-in to Microsoft has expired or is no longer valid, so sending stopped.',
      action: 'Sign in again, then retry the failed devices. Devices already sent are not sent twice.',
    }),
    ja: () => ({
      title: 'Microsoft へのサインインの有効期限が切れたか無効になったため、送信を中止しました。',
      action:
        'サインインし直してから、失敗したデバイスを再送信してください。送信済みのデバイスが二重に送られることはありません。',
    }),
  },
  'mfa-required': {
    en: () => ({
      title:
        'Microsoft refused the sign-in because it was made without multi-factor authentication (MFA), so ' +
        'sending stopped.',
      action:
        'Sign in again and complete the multi-factor prompt (Authenticator, phone or security key), then retry ' +
        'the failed devices. If no prompt appears, an administrator of the partner tenant must require MFA ' +
        'for this account (security defaults or a Conditional Access policy): Partner Center accepts only ' +
        'sign-ins that carry the MFA claim since April 2026.',
    }),
    ja: () => ({
      title: '多要素認証 (MFA) を使わないサインインだったため Microsoft に拒否され、送信を中止しました。',
      action:
        'サインインし直して多要素認証の確認（Authenticator、電話、セキュリティ キー）を済ませてから、失敗したデバイスを' +
        '再送信してください。確認が求められない場合は、パートナー テナントの管理者がこのアカウントに MFA を必須に' +
        'する必要があります（セキュリティの既定値または条件付きアクセス ポリシー）。2026 年 4 月以降、パートナー ' +
        'センターは MFA の要求を含むサインインしか受け付けません。',
    }),
  },
  permission: {
    en: () => ({
      title: 'The signed-in account may not register Autopilot devices in this organisation.',
      action:
        'Sign in with an Intune administrator account, and make sure the app registration has the ' +
        'DeviceManagementServiceConfig.ReadWrite.All permission with admin consent.',
    }),
    ja: () => ({
      title: 'サインインしたアカウントには、この組織で Autopilot デバイスを登録する権限がありません。',
      action:
        'Intune 管理者のアカウントでサインインし、アプリの登録に DeviceManagementServiceConfig.ReadWrite.All の' +
        'アクセス許可があり、管理者の同意が済んでいることを確かめてください。',
    }),
  },
  throttled: {
    en: () => ({
      title: 'Microsoft kept asking the app to slow down, and this device could not be sent in time.',
      action:
        'Wait a few minutes, then retry the failed devices. Other tools uploading to the same organisation at ' +
        'the same time share its limits.',
    }),
    ja: () => ({
      title: 'Microsoft から送信を控えるよう求められ続け、このデバイスを送信できませんでした。',
      action:
        '数分待ってから、失敗したデバイスを再送信してください。同じ組織に同時にアップロードしているほかのツールとも、' +
        '上限を共有しています。',
    }),
  },
  'service-unavailable': {
    en: () => ({
      title: 'Microsoft\u2019s service kept failing to answer.',
      action:
        'Retry the failed devices later. If it lasts, check Service health in the Microsoft 365 admin center.',
    }),
    ja: () => ({
      title: 'Microsoft のサービスから正常な応答が返ってきませんでした。',
      action:
        'しばらくしてから、失敗したデバイスを再送信してください。続く場合は、Microsoft 365 管理センターの［サービス正常性］を確認してください。',
    }),
  },
  network: {
    en: () => ({
      title: 'The connection to Microsoft kept failing.',
      action:
        'Check the network connection (cable or Wi-Fi, and the proxy if there is one), then retry the failed ' +
        'devices.',
    }),
    ja: () => ({
      title: 'Microsoft への接続が何度も失敗しました。',
      action:
        'ネットワーク接続（ケーブルや Wi-Fi、プロキシがあればその設定）を確認してから、失敗したデバイスを再送信してください。',
    }),
  },
  'bad-response': {
    en: () => ({
      title: 'Microsoft answered with something this app cannot read.',
      action: RETRY_SUPPORT.en,
    }),
    ja: () => ({
      title: 'Microsoft からの応答を、このアプリが読み取れませんでした。',
      action: RETRY_SUPPORT.ja,
    }),
  },
  refused: {
    en: () => ({ title: 'Microsoft refused the request for this device.', action: RETRY_SUPPORT.en }),
    ja: () => ({ title: 'Microsoft がこのデバイスの要求を拒否しました。', action: RETRY_SUPPORT.ja }),
  },
  'still-processing': {
    en: (p) => ({
      title: `Microsoft was still processing this device after ${minutes(p.waitedMs)} minutes.`,
      action:
        'Nothing is lost: submit this device again later and the app picks up the same registration instead ' +
        'of sending it again.',
    }),
    ja: (p) => ({
      title: `${minutes(p.waitedMs)} 分待っても、Microsoft でこのデバイスの処理が終わっていませんでした。`,
      action:
        '送信内容は失われていません。後でもう一度送信すると、同じ登録処理の結果を確認します（二重には送りません）。',
    }),
  },
  'record-removed': {
    en: () => ({
      title: 'The registration of this device was deleted before it finished (by another person or tool).',
      action: 'Retry this device.',
    }),
    ja: () => ({
      title: 'このデバイスの登録処理が、完了前に（ほかの担当者かツールによって）削除されました。',
      action: 'このデバイスを再送信してください。',
    }),
  },
  'tag-not-set': {
    en: (p) => ({
      title:
        p.currentTag === undefined
          ? 'This device is registered, but the chosen group tag could not be set: it still has the tag of an ' +
            'earlier registration.'
          : p.currentTag === ''
            ? 'This device is registered, but without a group tag: the chosen one could not be set.'
            : `This device is registered, but its group tag is still ${p.currentTag}: the chosen one could ` +
              'not be set.',
      action:
        'Change its group tag in the Intune admin center (Devices > Windows > Enrollment > Devices, under ' +
        'Windows Autopilot), or retry this device.',
    }),
    ja: (p) => ({
      title:
        p.currentTag === undefined
          ? 'このデバイスは登録されましたが、選んだグループ タグを設定できませんでした（以前の登録のタグのままです）。'
          : p.currentTag === ''
            ? 'このデバイスは登録されましたが、選んだグループ タグを設定できませんでした（グループ タグがありません）。'
            : `このデバイスは登録されましたが、グループ タグは ${p.currentTag} のままです（選んだタグを設定できませんでした）。`,
      action:
        'Intune 管理センター（［デバイス］>［Windows］>［登録］の Windows Autopilot デバイス）でグループ タグを' +
        '変更するか、このデバイスを再送信してください。',
    }),
  },
};

/**
 * A device already registered in this organisation (806) whose group tag the app then set to the chosen one:
 * the notice replaces the 806 one, which says the existing tag is kept.
 */
export function tagSetOnRegisteredMessage(tag: string, lang: Lang): SubmissionMessage {
  return lang === 'ja'
    ? {
        title: 'このデバイスは、この組織の Autopilot にすでに登録されています。',
        action: `作業は不要です（登録済みとして扱います）。グループ タグは ${tag} に設定しました。`,
        reference: '',
      }
    : {
        title: 'This device is already registered in this organisation\u2019s Autopilot.',
        action: `Nothing to do: it counts as registered, and its group tag was set to ${tag}.`,
        reference: '',
      };
}

/** The explanation of an import's outcome, `already-registered` included (shown as a notice). */
export function importOutcomeMessage(outcome: ImportOutcome, lang: Lang): SubmissionMessage {
  // The mapped type pairs each kind with its own texts; TypeScript cannot follow that through the union.
  const texts = OUTCOMES[outcome.kind] as OutcomeTexts<ImportOutcomeKind>;
  return { ...texts[lang](outcome), reference: importErrorReference(outcome.error) };
}

/** The explanation of why a device failed. Every kind has both languages; the compiler checks it. */
export function submissionProblemMessage(problem: SubmissionProblem, lang: Lang): SubmissionMessage {
  if (problem.kind === 'import-error') return importOutcomeMessage(problem.outcome, lang);
  const texts = PROBLEMS[problem.kind] as ProblemTexts<Exclude<SubmissionProblemKind, 'import-error'>>;
  const reference =
    problem.kind === 'refused' ? `[HTTP ${problem.status}${problem.code ? ` ${problem.code}` : ''}]` : '';
  return { ...texts[lang](problem), reference };
}

/** Every outcome kind and every problem kind (but `import-error`, which is an outcome), for tests and lists. */
export const IMPORT_OUTCOME_KINDS = Object.keys(OUTCOMES) as readonly ImportOutcomeKind[];
export const SUBMISSION_PROBLEM_KINDS = Object.keys(PROBLEMS) as readonly Exclude<
  SubmissionProblemKind,
  'import-error'
>[];

function minutes(ms: number): string {
  return String(Math.max(1, Math.round(ms / 60_000)));
}

// ---------------------------------------------------------------------------------------------------------
// Partner Center (a partner registering a customer's devices)

type PartnerCenterTextKind = 'token' | 'permission' | 'not-found' | 'still-processing';

const PARTNER_CENTER_TEXTS: Readonly<
  Record<Lang, Readonly<Record<PartnerCenterTextKind, (waitedMs: number) => Text>>>
> = {
  en: {
    token: () => ({
      title: 'The sign-in to Partner Center has expired or is no longer valid, so sending stopped.',
      action:
        'Sign in again with your partner account, then retry the failed devices. Devices already sent are not ' +
        'sent twice.',
    }),
    permission: () => ({
      title: 'The signed-in partner account may not register devices for this customer.',
      action:
        'Sign in with an account that has the Admin agent role in Partner Center, and check that your ' +
        'organisation has a reseller relationship (or admin delegation) with this customer. The app ' +
        'registration needs the Partner Center user_impersonation permission.',
    }),
    'not-found': () => ({
      title: 'Partner Center does not know this customer, or the upload it was asked about.',
      action:
        'Check the customer tenant ID (pick the customer from the list rather than typing it), and that the ' +
        'customer relationship exists in Partner Center. Then retry the failed devices.',
    }),
    'still-processing': (waitedMs) => ({
      title: `Partner Center was still processing this device after ${minutes(waitedMs)} minutes.`,
      action:
        'Nothing is lost. Check the customer\u2019s device batch in Partner Center later, or retry this ' +
        'device: if it was registered meanwhile, it is reported as already registered.',
    }),
  },
  ja: {
    token: () => ({
      title: 'パートナー センターへのサインインの有効期限が切れたか無効になったため、送信を中止しました。',
      action:
        'パートナー アカウントでサインインし直してから、失敗したデバイスを再送信してください。送信済みのデバイスが二重に送られることはありません。',
    }),
    permission: () => ({
      title: 'サインインしたパートナー アカウントには、この顧客のデバイスを登録する権限がありません。',
      action:
        'パートナー センターで管理エージェントの役割を持つアカウントでサインインし、この顧客との再販業者の関係' +
        '（または管理者の委任）があることを確かめてください。アプリの登録には、パートナー センターの ' +
        'user_impersonation のアクセス許可が必要です。',
    }),
    'not-found': () => ({
      title: 'パートナー センターがこの顧客、または問い合わせたアップロードを見つけられませんでした。',
      action:
        '顧客のテナント ID を確かめ（入力せずに一覧から選ぶのが確実です）、パートナー センターで顧客との関係が' +
        'あることを確認してから、失敗したデバイスを再送信してください。',
    }),
    'still-processing': (waitedMs) => ({
      title: `${minutes(waitedMs)} 分待っても、パートナー センターでこのデバイスの処理が終わっていませんでした。`,
      action:
        '送信内容は失われていません。後でパートナー センターで顧客のデバイス バッチを確認するか、このデバイスを' +
        '再送信してください。その間に登録されていれば、登録済みとして表示されます。',
    }),
  },
};

/**
 * The explanation of why a device sent through Partner Center failed. A device's own error reads as a Graph
 * import's would (Partner Center reports the same Autopilot codes, 806, 808...); the run-level problems are
 * worded for a partner where the fix differs: the sign-in, the roles and relationship a partner needs, a
 * customer or upload Partner Center does not know, and an upload still being processed.
 */
export function partnerCenterProblemMessage(problem: SubmissionProblem, lang: Lang): SubmissionMessage {
  switch (problem.kind) {
    case 'token':
    case 'permission':
      return { ...PARTNER_CENTER_TEXTS[lang][problem.kind](0), reference: '' };
    case 'still-processing':
      return { ...PARTNER_CENTER_TEXTS[lang]['still-processing'](problem.waitedMs), reference: '' };
    case 'refused':
      if (problem.status === 404) {
        return {
          ...PARTNER_CENTER_TEXTS[lang]['not-found'](0),
          reference: `[HTTP 404${problem.code ? ` ${problem.code}` : ''}]`,
        };
      }
      return submissionProblemMessage(problem, lang);
    default:
      return submissionProblemMessage(problem, lang);
  }
}
