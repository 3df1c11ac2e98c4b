/**
 * Which app registration signs in, and to which tenant: read from `auth.json` in the app data folder. No client
 * ID ships with the app, because the registration (and its admin consent) belongs to the customer or partner;
 * until the file exists sign-in is "not configured" and the screen shows the first-run guide
 * (shared/i18n/sign-in-messages.ts). A file with a mistake never half-works: it is refused as a whole, with
 * each wrong field named, and sign-in stays off.
 *
 * ```json
 * { "clientId": "<GUID>", "tenant": "organizations | <tenant GUID> | contoso.onmicrosoft.com",
 *   "graph": { "clientId"?, "tenant"? }, "partnerCenter": { "clientId"?, "tenant"? } }
 * ```
 * The per-service overrides exist because a partner often signs in to Partner Center in its own tenant but to
 * Graph in the customer's tenant (GDAP), where `organizations` would give a token for the wrong tenant.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type {
  SettingsFieldIssue,
  SettingsFieldReason,
  SettingsProblem,
  SignInService,
} from '../../shared/i18n/sign-in-messages';
import { errorCode } from '../files/atomic-write';

export const AUTH_SETTINGS_FILE = 'auth.json';

export const DEFAULT_TENANT = 'organizations';
export const AUTHORITY_HOST = 'https://login.microsoftonline.com';

/**
 * Delegated scopes per service. MSAL adds `openid profile offline_access` itself, so a refresh token comes
 * back and submissions can renew the access token without the technician.
 */
export const SERVICE_SCOPES: Readonly<Record<SignInService, readonly string[]>> = {
  graph: ['https://graph.microsoft.com/DeviceManagementServiceConfig.ReadWrite.All'],
  'partner-center': ['https://api.partnercenter.microsoft.com/user_impersonation'],
};

/** How one service signs in. */
export interface ServiceSignInSettings {
  readonly clientId: string;
  readonly tenant: string;
  /** `https://login.microsoftonline.com/<tenant>` */
  readonly authority: string;
  readonly scopes: readonly string[];
}

export type SignInSettings = Readonly<Record<SignInService, ServiceSignInSettings>>;

export type SignInSettingsRead =
  | { readonly kind: 'configured'; readonly settings: SignInSettings }
  | { readonly kind: 'not-configured'; readonly problem: SettingsProblem };

/** The settings file's path in the app data folder. */
export function authSettingsPath(appDataDir: string): string {
  return path.join(appDataDir, AUTH_SETTINGS_FILE);
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A DNS name with at least one dot (contoso.onmicrosoft.com, contoso.com).
const DOMAIN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** The largest settings file read; a real one is a few hundred bytes. */
const MAX_BYTES = 64 * 1024;

function reasonFor(expected: SettingsFieldReason) {
  return (issue: { readonly input?: unknown }): string =>
    issue.input === undefined ? 'required' : typeof issue.input !== 'string' ? 'wrong-type' : expected;
}

const ClientIdSchema = z
  .string({ error: reasonFor('wrong-type') })
  .trim()
  .regex(GUID, { error: 'not-a-guid' });

const TenantSchema = z
  .string({ error: reasonFor('wrong-type') })
  .trim()
  .superRefine((value, ctx) => {
    const lower = value.toLowerCase();
    if (lower === 'consumers' || lower === 'common')
      ctx.addIssue({ code: 'custom', message: 'personal-accounts' });
    else if (lower !== 'organizations' && !GUID.test(value) && !DOMAIN.test(value))
      ctx.addIssue({ code: 'custom', message: 'not-a-tenant' });
  });

const OverrideSchema = z.strictObject(
  { clientId: ClientIdSchema.optional(), tenant: TenantSchema.optional() },
  { error: reasonFor('wrong-type') },
);

const AuthFileSchema = z.strictObject(
  {
    clientId: ClientIdSchema,
    tenant: TenantSchema.optional(),
    graph: OverrideSchema.optional(),
    partnerCenter: OverrideSchema.optional(),
    // A comment line, as people write in JSON files they share.
    '//': z.string().optional(),
  },
  { error: reasonFor('wrong-type') },
);

const KNOWN_REASONS: readonly SettingsFieldReason[] = [
  'required',
  'wrong-type',
  'not-a-guid',
  'not-a-tenant',
  'personal-accounts',
  'unknown-field',
];

function issuesOf(error: z.ZodError): SettingsFieldIssue[] {
  const issues: SettingsFieldIssue[] = [];
  for (const issue of error.issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        issues.push({ field: base ? `${base}.${key}` : key, reason: 'unknown-field' });
      continue;
    }
    const reason = (KNOWN_REASONS as readonly string[]).includes(issue.message)
      ? (issue.message as SettingsFieldReason)
      : 'wrong-type';
    issues.push({ field: base || '(file)', reason });
  }
  return issues;
}

/** Validates parsed JSON. Exported for the settings screen, which may check before it writes. */
export function parseSignInSettings(json: unknown): SignInSettingsRead {
  const parsed = AuthFileSchema.safeParse(json);
  if (!parsed.success)
    return { kind: 'not-configured', problem: { kind: 'invalid', issues: issuesOf(parsed.error) } };
  const file = parsed.data;
  const service = (override: z.infer<typeof OverrideSchema> | undefined, service: SignInService) => {
    const tenant = override?.tenant ?? file.tenant ?? DEFAULT_TENANT;
    return {
      clientId: (override?.clientId ?? file.clientId).toLowerCase(),
      tenant,
      authority: `${AUTHORITY_HOST}/${tenant}`,
      scopes: SERVICE_SCOPES[service],
    };
  };
  return {
    kind: 'configured',
    settings: {
      graph: service(file.graph, 'graph'),
      'partner-center': service(file.partnerCenter, 'partner-center'),
    },
  };
}

/**
 * Reads `auth.json`. Never throws: a missing file is the first run, anything else wrong is a problem the
 * technician can read (settingsProblemText), and both mean "not configured".
 */
export async function readSignInSettings(file: string): Promise<SignInSettingsRead> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR')
      return { kind: 'not-configured', problem: { kind: 'missing' } };
    return { kind: 'not-configured', problem: { kind: 'unreadable', code } };
  }
  if (bytes.length > MAX_BYTES) return { kind: 'not-configured', problem: { kind: 'not-json' } };
  let json: unknown;
  try {
    // Notepad may save UTF-8 with a byte order mark.
    json = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    return { kind: 'not-configured', problem: { kind: 'not-json' } };
  }
  return parseSignInSettings(json);
}
