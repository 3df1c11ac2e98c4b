/**
 * A fake Microsoft identity platform behind MSAL's `networkClient`: the device code endpoint, the token
 * endpoint (device code, refresh token and authorization code grants) and nothing else. Any other request,
 * discovery included, is recorded as unexpected and fails, so tests prove MSAL ran fully offline.
 */
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

export const CLIENT_ID = '11111111-2222-3333-4444-555555555555';
export const TENANT_ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
export const USER_OID = '99999999-8888-7777-6666-555555555555';
export const USERNAME = 'tech@contoso.example';
export const USER_CODE = 'HXQ7PL2MC';
export const DEVICE_CODE = 'DEVICE-CODE-never-logged-0001';
export const VERIFICATION_URI = 'https://microsoft.com/devicelogin';

const HOST = 'https://login.microsoftonline.com';

/** OpenID configuration for `organizations`, as `authorityMetadata`. */
export const AUTHORITY_METADATA = JSON.stringify({
  token_endpoint: `${HOST}/organizations/oauth2/v2.0/token`,
  authorization_endpoint: `${HOST}/organizations/oauth2/v2.0/authorize`,
  end_session_endpoint: `${HOST}/organizations/oauth2/v2.0/logout`,
  jwks_uri: `${HOST}/organizations/discovery/v2.0/keys`,
  issuer: `${HOST}/{tenantid}/v2.0`,
});

/** Instance discovery, as `cloudDiscoveryMetadata`. */
export const CLOUD_DISCOVERY_METADATA = JSON.stringify({
  tenant_discovery_endpoint: `${HOST}/organizations/v2.0/.well-known/openid-configuration`,
  'api-version': '1.1',
  metadata: [
    {
      preferred_network: 'login.microsoftonline.com',
      preferred_cache: 'login.windows.net',
      aliases: ['login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com', 'sts.windows.net'],
    },
  ],
});

/** One answer of the token endpoint to a device code poll. */
export type PollAnswer =
  'pending' | 'tokens' | { readonly error: string; readonly codes?: readonly number[] };

export interface SentRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly body: URLSearchParams;
}

function base64url(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64url');
}

export class FakeIdentityPlatform implements INetworkModule {
  readonly requests: SentRequest[] = [];
  readonly unexpected: string[] = [];
  /** The device code grant's answers, in order; the last one repeats. */
  polls: PollAnswer[] = ['pending', 'tokens'];
  /** Seconds MSAL waits between polls (fractions work: MSAL multiplies by 1000). */
  interval = 0.02;
  expiresIn = 900;
  /** Lifetime of issued access tokens, in seconds. */
  tokenLifetime = 3600;
  /** Set to make refresh token grants fail. */
  refreshError: { readonly error: string; readonly codes: readonly number[] } | undefined;
  /** Set to make the device code endpoint refuse. */
  deviceCodeError: { readonly error: string; readonly codes: readonly number[] } | undefined;
  private issued = 0;
  private pollIndex = 0;
  private readonly refreshTokens = new Set<string>();

  /** Every access and refresh token handed out, to search logs and files for. */
  readonly secrets: string[] = [DEVICE_CODE];

  get tokenRequests(): SentRequest[] {
    return this.requests.filter((r) => new URL(r.url).pathname.endsWith('/token'));
  }

  grants(type: string): number {
    return this.tokenRequests.filter((r) => r.body.get('grant_type') === type).length;
  }

  async sendGetRequestAsync<T>(url: string): Promise<NetworkResponse<T>> {
    this.requests.push({ method: 'GET', url, body: new URLSearchParams() });
    this.unexpected.push(`GET ${url}`);
    throw new Error(`unexpected request GET ${url}`);
  }

  async sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    const body = new URLSearchParams(options?.body ?? '');
    this.requests.push({ method: 'POST', url, body });
    const pathname = new URL(url).pathname;
    if (pathname.endsWith('/oauth2/v2.0/devicecode')) return this.answer<T>(this.deviceCode());
    if (pathname.endsWith('/oauth2/v2.0/token')) return this.answer<T>(this.token(body));
    this.unexpected.push(`POST ${url}`);
    throw new Error(`unexpected request POST ${url}`);
  }

  private answer<T>(result: { status: number; body: unknown }): NetworkResponse<T> {
    return { status: result.status, headers: { 'content-type': 'application/json' }, body: result.body as T };
  }

  private deviceCode(): { status: number; body: unknown } {
    if (this.deviceCodeError) return this.error(this.deviceCodeError.error, this.deviceCodeError.codes);
    return {
      status: 200,
      body: {
        user_code: USER_CODE,
        device_code: DEVICE_CODE,
        verification_uri: VERIFICATION_URI,
        expires_in: this.expiresIn,
        interval: this.interval,
        message: `To sign in, use a web browser to open the page ${VERIFICATION_URI} and enter the code ${USER_CODE} to authenticate.`,
      },
    };
  }

  private token(body: URLSearchParams): { status: number; body: unknown } {
    const grant = body.get('grant_type');
    const scope = body.get('scope') ?? '';
    // MSAL sends the short form Microsoft accepts; RFC 8628 names the URN.
    if (grant === 'device_code' || grant === 'urn:ietf:params:oauth:grant-type:device_code') {
      if (body.get('device_code') !== DEVICE_CODE) return this.error('invalid_grant', [70000]);
      const answer = this.polls[Math.min(this.pollIndex, this.polls.length - 1)] ?? 'tokens';
      this.pollIndex++;
      if (answer === 'pending') return this.error('authorization_pending', [70016]);
      if (answer === 'tokens') return { status: 200, body: this.tokens(scope) };
      return this.error(answer.error, answer.codes ?? []);
    }
    if (grant === 'refresh_token') {
      if (this.refreshError) return this.error(this.refreshError.error, this.refreshError.codes);
      if (!this.refreshTokens.has(body.get('refresh_token') ?? ''))
        return this.error('invalid_grant', [9002313]);
      return { status: 200, body: this.tokens(scope) };
    }
    if (grant === 'authorization_code') {
      if (body.get('code') !== 'AUTH-CODE-1' || !body.get('code_verifier'))
        return this.error('invalid_grant', [70000]);
      return { status: 200, body: this.tokens(scope) };
    }
    return this.error('unsupported_grant_type', [70003]);
  }

  private error(error: string, codes: readonly number[]): { status: number; body: unknown } {
    return {
      status: 400,
      body: {
        error,
        error_description: `AADSTS${codes[0] ?? 0}: simulated. Trace ID: 0 Correlation ID: 0 Timestamp: 2026-01-01`,
        error_codes: codes,
        timestamp: '2026-01-01 00:00:00Z',
        trace_id: '0',
        correlation_id: '0',
      },
    };
  }

  private tokens(requestedScope: string): Record<string, unknown> {
    this.issued++;
    const n = this.issued;
    const accessToken = `eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.ACCESS-${n}-s3cr3t-value.sig`;
    const refreshToken = `0.REFRESH-${n}-s3cr3t-value`;
    this.secrets.push(accessToken, refreshToken);
    this.refreshTokens.add(refreshToken);
    const now = Math.floor(Date.now() / 1000);
    const idToken = [
      base64url(JSON.stringify({ typ: 'JWT', alg: 'none' })),
      base64url(
        JSON.stringify({
          aud: CLIENT_ID,
          iss: `${HOST}/${TENANT_ID}/v2.0`,
          iat: now,
          nbf: now,
          exp: now + 3600,
          name: 'Technician',
          oid: USER_OID,
          preferred_username: USERNAME,
          sub: 'subject-1',
          tid: TENANT_ID,
          ver: '2.0',
        }),
      ),
      '',
    ].join('.');
    const scopes = requestedScope
      .split(' ')
      .filter((s) => s.startsWith('https://'))
      .join(' ');
    return {
      token_type: 'Bearer',
      scope: scopes,
      expires_in: this.tokenLifetime,
      ext_expires_in: this.tokenLifetime,
      access_token: accessToken,
      refresh_token: refreshToken,
      id_token: idToken,
      client_info: base64url(JSON.stringify({ uid: USER_OID, utid: TENANT_ID })),
    };
  }
}
