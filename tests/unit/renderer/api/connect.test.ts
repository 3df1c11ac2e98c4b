import { describe, expect, it } from 'vitest';
import type { ConnectEnvironment } from '../../../../renderer/api/connect';
import { connect, DESKTOP_PROTOCOL, TOKEN_STORAGE_KEY } from '../../../../renderer/api/connect';
import { APP_SCHEME } from '../../../../electron/shell/app-protocol';
import { MESSAGES } from '../../../../renderer/i18n/messages';
import { HARVESTER_API_CALLS } from '../../../../shared/api/harvester-api';

const TOKEN = 'dG9rZW4tZm9yLXRoZS1icm93c2VyLWhvc3QtMzItYnl0ZXM';

/** A page environment at `href`, recording what connect does to the tab's storage, history and network. */
function environment(
  href: string,
  preloadApi: unknown,
  stored: Record<string, string> = {},
): { env: ConnectEnvironment; stored: Record<string, string>; replaced: string[]; fetched: string[] } {
  const url = new URL(href);
  const replaced: string[] = [];
  const fetched: string[] = [];
  const fakeFetch = async (input: string | URL | Request) => {
    fetched.push(String(input));
    return new Response('{}', { status: 200 });
  };
  const env: ConnectEnvironment = {
    preloadApi,
    location: {
      protocol: url.protocol,
      // Node's URL gives a custom scheme the origin "null"; the browser's own is what the page would see.
      origin: url.origin,
      hash: url.hash,
      pathname: url.pathname,
      search: url.search,
    },
    history: {
      replaceState: (_data: unknown, _unused: string, next?: string | URL | null) => {
        replaced.push(String(next));
      },
    },
    sessionStorage: {
      getItem: (key: string) => stored[key] ?? null,
      setItem: (key: string, value: string) => {
        stored[key] = value;
      },
    },
    fetch: fakeFetch as typeof fetch,
  };
  return { env, stored, replaced, fetched };
}

describe('connect', () => {
  it('uses the preload API in the desktop window', () => {
    const api = { marker: 'the preload API' };
    const connection = connect(environment('app://harvester/index.html', api).env);
    expect(connection).toEqual({ kind: 'electron', api });
  });

  it('says the preload is missing on the desktop page instead of looking for a browser token', () => {
    const { env, stored, replaced, fetched } = environment('app://harvester/index.html', undefined);
    expect(connect(env)).toEqual({ kind: 'no-preload' });
    expect(stored).toEqual({});
    expect(replaced).toEqual([]);
    expect(fetched).toEqual([]);
  });

  it.each([null, 'harvester', 42])(
    'says the preload is missing on the desktop page when window.harvester is %j, not an object',
    (preloadApi) => {
      expect(connect(environment('app://harvester/index.html', preloadApi).env)).toEqual({
        kind: 'no-preload',
      });
    },
  );

  it('never uses a token on the desktop page, even one in the address or in the tab', () => {
    const { env, stored, replaced } = environment(`app://harvester/index.html#token=${TOKEN}`, undefined, {
      [TOKEN_STORAGE_KEY]: TOKEN,
    });
    expect(connect(env)).toEqual({ kind: 'no-preload' });
    expect(stored).toEqual({ [TOKEN_STORAGE_KEY]: TOKEN });
    expect(replaced).toEqual([]);
  });

  it('checks the same scheme the desktop window is served from', () => {
    expect(DESKTOP_PROTOCOL).toBe(`${APP_SCHEME}:`);
  });

  it('asks for the printed address in a browser opened without a token', () => {
    expect(connect(environment('http://127.0.0.1:5000/', undefined).env)).toEqual({ kind: 'no-token' });
  });

  it('connects to the browser host with the token from the address, keeps it for reloads and hides it', async () => {
    const { env, stored, replaced, fetched } = environment(
      `http://127.0.0.1:5000/devices?x=1#token=${TOKEN}`,
      undefined,
    );
    const connection = connect(env);
    expect(connection.kind).toBe('browser');
    expect(stored).toEqual({ [TOKEN_STORAGE_KEY]: TOKEN });
    expect(replaced).toEqual(['/devices?x=1']);
    if (connection.kind !== 'browser') throw new Error('not a browser connection');
    const call = HARVESTER_API_CALLS[0];
    if (call === undefined) throw new Error('the API has no calls');
    await (connection.api[call] as (input: unknown) => Promise<unknown>)({}).catch(() => undefined);
    expect(fetched).toEqual([`http://127.0.0.1:5000/api/${call}`]);
  });

  it('reconnects a reloaded browser tab with the token it kept', () => {
    const { env, replaced } = environment('http://127.0.0.1:5000/', undefined, {
      [TOKEN_STORAGE_KEY]: TOKEN,
    });
    expect(connect(env).kind).toBe('browser');
    expect(replaced).toEqual([]);
  });
});

describe('the missing-preload message', () => {
  it('tells the technician to restart the app, then to download it again, in English and Japanese', () => {
    expect(MESSAGES.en['noPreload.title']).toBe('The app could not start its connection to Windows services');
    expect(MESSAGES.en['noPreload.body']).toContain('start it again');
    expect(MESSAGES.en['noPreload.body']).toContain('download it again');
    expect(MESSAGES.en['noPreload.body']).not.toContain('address');
    expect(MESSAGES.ja['noPreload.title']).toContain('Windows');
    expect(MESSAGES.ja['noPreload.body']).toContain('もう一度ダウンロード');
  });
});
