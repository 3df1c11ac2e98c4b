/**
 * What the technician reads about signing in, in English and Japanese: the first-run explanation of the app
 * registration (the part today's tools leave to guesswork: BRIEF §8 "app registration and consent confusion"),
 * what a bad settings file is wrong about, how to use the device code, and what to do when sign-in fails.
 * The kinds the texts cover live here too, so the services, the CLI and the screen share one list.
 * MSAL's own error text never reaches the technician: only the service's error code, in brackets, for support.
 */
import type { Lang } from './lang';

export const SIGN_IN_SERVICES = ['graph', 'partner-center'] as const;
/** Where the devices go: Microsoft Graph (Intune, customer tenant) or Partner Center (partner for customer). */
export type SignInService = (typeof SIGN_IN_SERVICES)[number];

/** Why one field of `auth.json` was refused. */
export type SettingsFieldReason =
  'required' | 'wrong-type' | 'not-a-guid' | 'not-a-tenant' | 'personal-accounts' | 'unknown-field';

export interface SettingsFieldIssue {
  /** The field's path in the file: `clientId`, `graph.tenant`. */
  readonly field: string;
  readonly reason: SettingsFieldReason;
}

/** Why there are no sign-in settings. */
export type SettingsProblem =
  /** No `auth.json` yet: the first run. */
  | { readonly kind: 'missing' }
  | { readonly kind: 'unreadable'; readonly code: string | undefined }
  | { readonly kind: 'not-json' }
  | { readonly kind: 'invalid'; readonly issues: readonly SettingsFieldIssue[] };

/** What the identity platform's refusal means for the app registration or the account. */
export type RefusalReason =
  /** AADSTS7000218: "Allow public client flows" is off in the app registration. */
  | 'public-client-flows-disabled'
  /** AADSTS700016: no app with this client ID in the tenant (typo, or registered in another tenant). */
  | 'app-not-found'
  /** AADSTS90002 / 900023: the tenant in the settings does not exist. */
  | 'tenant-not-found'
  /** AADSTS65001 / 90094 / 500011: the permission is not consented, or the API is not in the tenant. */
  | 'consent-needed'
  /** AADSTS50020 / 50034: the account is not in this tenant. */
  | 'wrong-account'
  /** AADSTS53003 and friends: Conditional Access blocks this sign-in (often device code flow itself). */
  | 'blocked-by-policy'
  /** AADSTS50105 / 50126 and anything else. */
  | 'other';

/** How a sign-in attempt ended. */
export type SignInOutcome =
  | { readonly kind: 'signed-in'; readonly username: string; readonly tenantId: string }
  /** The code expired before the technician finished (about 15 minutes). */
  | { readonly kind: 'expired' }
  | { readonly kind: 'cancelled' }
  /** The technician answered "No" / "Cancel" on the sign-in page. */
  | { readonly kind: 'declined' }
  | { readonly kind: 'refused'; readonly reason: RefusalReason; readonly reference: string }
  | { readonly kind: 'network' }
  | { readonly kind: 'not-configured'; readonly problem: SettingsProblem }
  /** `HARVESTER_TOKEN` is set: nothing to sign in to. */
  | { readonly kind: 'env-token' }
  /** Another sign-in is already waiting for the technician. */
  | { readonly kind: 'busy' }
  /** Browser sign-in: no browser could be opened. */
  | { readonly kind: 'no-browser' };

export type SignInOutcomeKind = SignInOutcome['kind'];

/** Why a token could not be given to a submitter: in every case the technician has to sign in again. */
export type TokenProblem =
  | { readonly kind: 'not-configured' }
  | { readonly kind: 'signed-out' }
  /** The refresh token expired or was revoked (password change, admin sign-out, policy). */
  | { readonly kind: 'session-expired'; readonly reference: string }
  | { readonly kind: 'network' }
  | { readonly kind: 'refused'; readonly reason: RefusalReason; readonly reference: string };

export interface SignInText {
  readonly title: string;
  readonly action: string;
  /** `[AADSTS7000218 invalid_client]` or empty. */
  readonly reference: string;
}

type Text = Readonly<{ title: string; action: string }>;

const SERVICE_NAMES: Readonly<Record<Lang, Readonly<Record<SignInService, string>>>> = {
  en: { graph: 'Microsoft Intune (Graph)', 'partner-center': 'Partner Center' },
  ja: { graph: 'Microsoft Intune (Graph)', 'partner-center': 'パートナー センター' },
};

export function serviceName(lang: Lang, service: SignInService): string {
  return SERVICE_NAMES[lang][service];
}

// ---------------------------------------------------------------------------------------------------------
// First run: how to get a client ID.

export interface SetupGuide {
  readonly title: string;
  readonly intro: string;
  readonly steps: readonly string[];
  /** An example `auth.json`, the same in both languages. */
  readonly example: string;
}

export const AUTH_FILE_EXAMPLE =
  '{\n  "clientId": "00000000-0000-0000-0000-000000000000",\n  "tenant": "contoso.onmicrosoft.com"\n}';

const SETUP: Readonly<Record<Lang, Omit<SetupGuide, 'example'>>> = {
  en: {
    title: 'Sign-in needs an app registration from your organisation',
    intro:
      'This app does not ship with a Microsoft sign-in of its own: it signs in through an app registration ' +
      'that your organisation (or, for Partner Center, your partner organisation) creates once and controls. ' +
      'An administrator does this in a few minutes; technicians then only need its two IDs.',
    steps: [
      'In the Microsoft Entra admin center, open App registrations > New registration. Give it a name (for ' +
        'example "Autopilot Harvester") and choose "Accounts in this organizational directory only". No ' +
        'redirect URI is needed for sign-in with a code.',
      'Under Authentication, set "Allow public client flows" to Yes. Sign-in with a code on another device ' +
        'does not work without it. For sign-in in a browser on this PC as well, add the platform "Mobile and ' +
        'desktop applications" with the redirect URI http://localhost.',
      'For Intune (Graph): under API permissions, Add a permission > Microsoft Graph > Delegated permissions > ' +
        'DeviceManagementServiceConfig.ReadWrite.All, then "Grant admin consent". The person who signs in also ' +
        'needs an Intune role that may import Autopilot devices (for example Intune Administrator).',
      'For Partner Center: register the app in the partner tenant; under API permissions, Add a permission > ' +
        'APIs my organization uses > "Microsoft Partner Center" > Delegated > user_impersonation, then "Grant ' +
        'admin consent". The person who signs in needs a Partner Center role for the customer and must use ' +
        'multifactor authentication.',
      'Copy the "Application (client) ID" and the "Directory (tenant) ID" from the app\u2019s Overview page and ' +
        'write them into the file auth.json in this app\u2019s data folder, as in the example. "tenant" may ' +
        'also be a domain such as contoso.onmicrosoft.com; without it, any work or school account may sign in.',
    ],
  },
  ja: {
    title: 'サインインには組織のアプリ登録が必要です',
    intro:
      'このアプリには独自の Microsoft サインインは含まれていません。組織（パートナー センターの場合はパートナー組織）が' +
      '一度作成して管理するアプリ登録を使ってサインインします。管理者が数分で作成でき、技術者はその 2 つの ID を' +
      '設定するだけです。',
    steps: [
      'Microsoft Entra 管理センターで [アプリの登録] > [新規登録] を開き、名前（例: "Autopilot Harvester"）を付けて' +
        '[この組織ディレクトリのみに含まれるアカウント] を選びます。コードでのサインインにはリダイレクト URI は不要です。',
      '[認証] で [パブリック クライアント フローを許可する] を [はい] にします。これがないと、別のデバイスでコードを使う' +
        'サインインはできません。この PC のブラウザーでもサインインする場合は、プラットフォーム [モバイル アプリケーションと' +
        'デスクトップ アプリケーション] にリダイレクト URI http://localhost を追加します。',
      'Intune (Graph) の場合: [API のアクセス許可] > [アクセス許可の追加] > [Microsoft Graph] > [委任されたアクセス許可] > ' +
        'DeviceManagementServiceConfig.ReadWrite.All を追加し、[管理者の同意を与えます] を実行します。サインインする人には' +
        'Autopilot デバイスをインポートできる Intune ロール（例: Intune 管理者）も必要です。',
      'パートナー センターの場合: パートナー テナントにアプリを登録し、[API のアクセス許可] > [アクセス許可の追加] > ' +
        '[所属する組織で使用している API] > "Microsoft Partner Center" > [委任されたアクセス許可] > user_impersonation を追加して' +
        '[管理者の同意を与えます] を実行します。サインインする人にはその顧客に対するパートナー センターのロールが必要で、' +
        '多要素認証を使う必要があります。',
      'アプリの [概要] ページから [アプリケーション (クライアント) ID] と [ディレクトリ (テナント) ID] をコピーし、' +
        '例のようにこのアプリのデータ フォルダーにある auth.json に書き込みます。"tenant" には contoso.onmicrosoft.com ' +
        'のようなドメインも使えます。省略すると、どの職場または学校アカウントでもサインインできます。',
    ],
  },
};

/** The first-run explanation: shown while sign-in is not configured. */
export function setupGuide(lang: Lang): SetupGuide {
  return { ...SETUP[lang], example: AUTH_FILE_EXAMPLE };
}

// ---------------------------------------------------------------------------------------------------------
// A bad auth.json.

const FIELD_REASONS: Readonly<Record<Lang, Readonly<Record<SettingsFieldReason, string>>>> = {
  en: {
    required: 'is missing',
    'wrong-type': 'must be text in quotes',
    'not-a-guid':
      'must be the Application (client) ID, 36 characters like 00000000-0000-0000-0000-000000000000',
    'not-a-tenant':
      'must be the Directory (tenant) ID, a domain such as contoso.onmicrosoft.com, or "organizations"',
    'personal-accounts':
      'cannot allow personal Microsoft accounts: Intune and Partner Center need a work or school account',
    'unknown-field': 'is not a setting this app knows (check the spelling and capitals)',
  },
  ja: {
    required: 'がありません',
    'wrong-type': 'は引用符で囲んだ文字列にする必要があります',
    'not-a-guid':
      'にはアプリケーション (クライアント) ID（00000000-0000-0000-0000-000000000000 の形式の 36 文字）を指定してください',
    'not-a-tenant':
      'にはディレクトリ (テナント) ID、contoso.onmicrosoft.com のようなドメイン、または "organizations" を指定してください',
    'personal-accounts':
      'に個人用 Microsoft アカウントは指定できません。Intune とパートナー センターには職場または学校アカウントが必要です',
    'unknown-field': 'はこのアプリの設定項目ではありません（綴りと大文字・小文字を確認してください）',
  },
};

/** What is wrong with the settings, and what to do. Undefined for a missing file: show setupGuide instead. */
export function settingsProblemText(lang: Lang, problem: SettingsProblem): SignInText | undefined {
  switch (problem.kind) {
    case 'missing':
      return undefined;
    case 'unreadable':
      return lang === 'en'
        ? {
            title: 'The sign-in settings file auth.json cannot be read.',
            action:
              'Check that the file is not open in another program and that you may read it, then try again.',
            reference: problem.code ? `[${problem.code}]` : '',
          }
        : {
            title: 'サインイン設定ファイル auth.json を読み取れません。',
            action:
              'ファイルが他のプログラムで開かれていないこと、読み取り権限があることを確認して、やり直してください。',
            reference: problem.code ? `[${problem.code}]` : '',
          };
    case 'not-json':
      return lang === 'en'
        ? {
            title: 'The sign-in settings file auth.json is not valid JSON.',
            action:
              'Open it in a text editor and compare it with the example: names and values in double quotes, ' +
              'separated by commas, inside { }. Sign-in stays off until it is fixed.',
            reference: '',
          }
        : {
            title: 'サインイン設定ファイル auth.json が正しい JSON ではありません。',
            action:
              'テキスト エディターで開いて例と比べてください（名前と値は二重引用符で囲み、コンマで区切って { } の中に書きます）。' +
              '修正するまでサインインは使えません。',
            reference: '',
          };
    case 'invalid': {
      const lines = problem.issues.map((issue) =>
        lang === 'en'
          ? `"${issue.field}" ${FIELD_REASONS.en[issue.reason]}.`
          : `"${issue.field}" ${FIELD_REASONS.ja[issue.reason]}。`,
      );
      return lang === 'en'
        ? {
            title: 'The sign-in settings file auth.json has a mistake.',
            action: `${lines.join(' ')} Correct the file; sign-in stays off until it is fixed.`,
            reference: '',
          }
        : {
            title: 'サインイン設定ファイル auth.json に誤りがあります。',
            action: `${lines.join('')} ファイルを修正してください。修正するまでサインインは使えません。`,
            reference: '',
          };
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// The device code, shown large.

export interface DeviceCodeText {
  readonly title: string;
  readonly steps: readonly string[];
}

/** Instructions beside the big code and the QR code. */
export function deviceCodeText(
  lang: Lang,
  service: SignInService,
  prompt: { readonly userCode: string; readonly verificationUri: string },
): DeviceCodeText {
  const name = serviceName(lang, service);
  return lang === 'en'
    ? {
        title: `Sign in to ${name} on your phone or another computer`,
        steps: [
          `Scan the QR code, or open ${prompt.verificationUri} in a browser.`,
          `Enter the code ${prompt.userCode}.`,
          'Sign in with the work account that may register devices, and accept. This screen continues by itself.',
        ],
      }
    : {
        title: `スマートフォンまたは別のコンピューターで ${name} にサインインしてください`,
        steps: [
          `QR コードを読み取るか、ブラウザーで ${prompt.verificationUri} を開きます。`,
          `コード ${prompt.userCode} を入力します。`,
          'デバイスを登録できる職場アカウントでサインインし、承諾します。この画面は自動的に先へ進みます。',
        ],
      };
}

// ---------------------------------------------------------------------------------------------------------
// Failures.

const REFUSALS: Readonly<Record<Lang, Readonly<Record<RefusalReason, Text>>>> = {
  en: {
    'public-client-flows-disabled': {
      title: 'The app registration does not allow sign-in from this kind of app.',
      action:
        'An administrator must open the app registration in Microsoft Entra, go to Authentication, set "Allow ' +
        'public client flows" to Yes and save. Then sign in again.',
    },
    'app-not-found': {
      title: 'Microsoft does not know the client ID in auth.json in this organisation.',
      action:
        'Check "clientId" against the app registration\u2019s Overview page. If the app is registered in ' +
        'another organisation, set "tenant" to that organisation, or register the app in this one.',
    },
    'tenant-not-found': {
      title: 'The tenant in auth.json does not exist.',
      action:
        'Check "tenant": it must be the Directory (tenant) ID or a domain of the organisation, such as ' +
        'contoso.onmicrosoft.com.',
    },
    'consent-needed': {
      title: 'The permission this app needs has not been approved for your organisation.',
      action:
        'An administrator must open the app registration > API permissions and choose "Grant admin consent" ' +
        '(DeviceManagementServiceConfig.ReadWrite.All for Intune, user_impersonation for Partner Center). ' +
        'Then sign in again.',
    },
    'wrong-account': {
      title: 'This account cannot sign in to the organisation set in auth.json.',
      action:
        'Sign in with an account of that organisation, or change "tenant" in auth.json to the account\u2019s ' +
        'own organisation.',
    },
    'blocked-by-policy': {
      title: 'Your organisation\u2019s sign-in policy blocked this sign-in.',
      action:
        'Many organisations block sign-in with a code on another device. Ask an administrator to allow it for ' +
        'this app (Conditional Access), or use sign-in in a browser on a PC that may sign in.',
    },
    other: {
      title: 'Microsoft refused the sign-in.',
      action:
        'Try again. If it is refused again, send the code in brackets to whoever manages your organisation\u2019s ' +
        'sign-ins.',
    },
  },
  ja: {
    'public-client-flows-disabled': {
      title: 'アプリ登録が、この種類のアプリからのサインインを許可していません。',
      action:
        '管理者が Microsoft Entra でアプリ登録を開き、[認証] で [パブリック クライアント フローを許可する] を [はい] にして' +
        '保存する必要があります。その後、もう一度サインインしてください。',
    },
    'app-not-found': {
      title: 'auth.json のクライアント ID はこの組織で見つかりません。',
      action:
        '"clientId" をアプリ登録の [概要] ページと照合してください。アプリが別の組織に登録されている場合は、"tenant" を' +
        'その組織にするか、この組織にアプリを登録してください。',
    },
    'tenant-not-found': {
      title: 'auth.json のテナントが存在しません。',
      action:
        '"tenant" を確認してください。組織のディレクトリ (テナント) ID か、contoso.onmicrosoft.com のようなドメインを指定します。',
    },
    'consent-needed': {
      title: 'このアプリに必要なアクセス許可が組織で承認されていません。',
      action:
        '管理者がアプリ登録の [API のアクセス許可] で [管理者の同意を与えます] を実行する必要があります（Intune は ' +
        'DeviceManagementServiceConfig.ReadWrite.All、パートナー センターは user_impersonation）。その後、もう一度サインインしてください。',
    },
    'wrong-account': {
      title: 'このアカウントでは auth.json に設定された組織にサインインできません。',
      action:
        'その組織のアカウントでサインインするか、auth.json の "tenant" をアカウントの所属する組織に変更してください。',
    },
    'blocked-by-policy': {
      title: '組織のサインイン ポリシーによってこのサインインがブロックされました。',
      action:
        '別のデバイスでコードを使うサインインをブロックしている組織は少なくありません。管理者にこのアプリでの許可' +
        '（条件付きアクセス）を依頼するか、サインインが許可された PC のブラウザーでサインインしてください。',
    },
    other: {
      title: 'Microsoft がサインインを拒否しました。',
      action:
        'もう一度お試しください。再び拒否される場合は、括弧内のコードを組織のサインイン管理者に伝えてください。',
    },
  },
};

const OUTCOMES: Readonly<
  Record<Lang, Readonly<Record<Exclude<SignInOutcomeKind, 'refused' | 'not-configured' | 'signed-in'>, Text>>>
> = {
  en: {
    expired: {
      title: 'The sign-in code expired before sign-in was finished.',
      action: 'Start sign-in again for a new code; it is valid for about 15 minutes.',
    },
    cancelled: { title: 'Sign-in was cancelled.', action: 'Start sign-in again when you are ready.' },
    declined: {
      title: 'Sign-in was declined on the sign-in page.',
      action: 'Start sign-in again and accept on the sign-in page to continue.',
    },
    network: {
      title: 'Microsoft\u2019s sign-in service cannot be reached.',
      action: 'Check the network connection (cable, Wi-Fi, proxy), then start sign-in again.',
    },
    'env-token': {
      title: 'A token is supplied through HARVESTER_TOKEN, so no sign-in is needed.',
      action: 'Remove HARVESTER_TOKEN from the environment to sign in instead.',
    },
    busy: {
      title: 'A sign-in is already waiting for you.',
      action: 'Finish it or cancel it first.',
    },
    'no-browser': {
      title: 'No web browser could be opened on this PC.',
      action: 'Use sign-in with a code instead: it works on your phone or any other computer.',
    },
  },
  ja: {
    expired: {
      title: 'サインインが完了する前にサインイン コードの有効期限が切れました。',
      action: 'もう一度サインインを開始して新しいコードを取得してください（有効期間は約 15 分です）。',
    },
    cancelled: {
      title: 'サインインをキャンセルしました。',
      action: '準備ができたらもう一度サインインを開始してください。',
    },
    declined: {
      title: 'サインイン ページでサインインが拒否されました。',
      action: 'もう一度サインインを開始し、サインイン ページで承諾してください。',
    },
    network: {
      title: 'Microsoft のサインイン サービスに接続できません。',
      action:
        'ネットワーク接続（ケーブル、Wi-Fi、プロキシ）を確認して、もう一度サインインを開始してください。',
    },
    'env-token': {
      title: 'HARVESTER_TOKEN でトークンが指定されているため、サインインは不要です。',
      action: 'サインインする場合は、環境変数 HARVESTER_TOKEN を削除してください。',
    },
    busy: {
      title: '別のサインインが完了待ちです。',
      action: '先にそのサインインを完了するか、キャンセルしてください。',
    },
    'no-browser': {
      title: 'この PC で Web ブラウザーを開けませんでした。',
      action:
        '代わりにコードでのサインインを使ってください。スマートフォンや別のコンピューターでサインインできます。',
    },
  },
};

const NOT_CONFIGURED: Readonly<Record<Lang, Text>> = {
  en: {
    title: 'Sign-in is not set up yet.',
    action: 'Follow the steps for the app registration and write its IDs into auth.json.',
  },
  ja: {
    title: 'サインインがまだ設定されていません。',
    action: '手順に従ってアプリを登録し、その ID を auth.json に書き込んでください。',
  },
};

/** The technician's words for how a sign-in ended. */
export function signInOutcomeText(lang: Lang, outcome: SignInOutcome): SignInText {
  switch (outcome.kind) {
    case 'signed-in':
      return lang === 'en'
        ? { title: `Signed in as ${outcome.username}.`, action: '', reference: '' }
        : { title: `${outcome.username} としてサインインしました。`, action: '', reference: '' };
    case 'refused':
      return { ...REFUSALS[lang][outcome.reason], reference: outcome.reference };
    case 'not-configured':
      return settingsProblemText(lang, outcome.problem) ?? { ...NOT_CONFIGURED[lang], reference: '' };
    default:
      return { ...OUTCOMES[lang][outcome.kind], reference: '' };
  }
}

const TOKEN_PROBLEMS: Readonly<
  Record<Lang, Readonly<Record<Exclude<TokenProblem['kind'], 'refused'>, Text>>>
> = {
  en: {
    'not-configured': NOT_CONFIGURED.en,
    'signed-out': {
      title: 'You are not signed in to this service.',
      action: 'Sign in, then send the devices again.',
    },
    'session-expired': {
      title: 'Your sign-in has expired or was revoked.',
      action: 'Sign in again, then retry: devices already registered are not sent twice.',
    },
    network: {
      title: 'Microsoft\u2019s sign-in service cannot be reached to renew your sign-in.',
      action: 'Check the network connection, then retry.',
    },
  },
  ja: {
    'not-configured': NOT_CONFIGURED.ja,
    'signed-out': {
      title: 'このサービスにサインインしていません。',
      action: 'サインインしてから、デバイスをもう一度送信してください。',
    },
    'session-expired': {
      title: 'サインインの有効期限が切れたか、取り消されました。',
      action:
        'もう一度サインインしてから再試行してください。登録済みのデバイスが二重に送信されることはありません。',
    },
    network: {
      title: 'サインインを更新するための Microsoft のサインイン サービスに接続できません。',
      action: 'ネットワーク接続を確認して、再試行してください。',
    },
  },
};

/** Why a submission needs the technician to sign in again. */
export function tokenProblemText(lang: Lang, problem: TokenProblem): SignInText {
  if (problem.kind === 'refused') return { ...REFUSALS[lang][problem.reason], reference: problem.reference };
  const reference = problem.kind === 'session-expired' ? problem.reference : '';
  return { ...TOKEN_PROBLEMS[lang][problem.kind], reference };
}
