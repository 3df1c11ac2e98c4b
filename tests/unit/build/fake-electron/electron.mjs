// A stand-in for the `electron` module, enough for the bundled main to start: it prints each call main makes
// as one JSON line on stdout, becomes "ready" shortly after import, and when main loads its page, requests
// the page and its first script through the registered `app` handler, prints both answers, and exits.

/** @param {Record<string, unknown>} event */
function emit(event) {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

let ready = false;
/** @type {() => void} */
let becomeReady = () => undefined;
const whenReady = new Promise((resolve) => (becomeReady = () => resolve(undefined)));
setTimeout(() => {
  ready = true;
  becomeReady();
}, 20);

/** @type {Map<string, (request: { url: string, method: string }) => Promise<Response>>} */
const schemeHandlers = new Map();

export const protocol = {
  /** @param {unknown} schemes */
  registerSchemesAsPrivileged(schemes) {
    emit({ call: 'registerSchemesAsPrivileged', ready, schemes });
  },
  /**
   * @param {string} scheme
   * @param {(request: { url: string, method: string }) => Promise<Response>} handler
   */
  handle(scheme, handler) {
    emit({ call: 'protocol.handle', ready, scheme });
    schemeHandlers.set(scheme, handler);
  },
};

export const app = {
  isPackaged: false,
  requestSingleInstanceLock: () => true,
  on: () => app,
  whenReady: () => whenReady,
  quit: () => emit({ call: 'app.quit' }),
  /** @param {string} name */
  getPath: (name) => `${process.env.HARVESTER_LEDGER ?? '.'}-${name}`,
};
export const safeStorage = {
  isEncryptionAvailable: () => false,
  getSelectedStorageBackend: () => 'basic_text',
  /** @param {string} text */
  encryptString: (text) => Buffer.from(text),
  /** @param {Buffer} bytes */
  decryptString: (bytes) => bytes.toString(),
};

const noop = () => undefined;
export const session = {
  defaultSession: {
    webRequest: { onBeforeRequest: noop },
    setPermissionRequestHandler: noop,
    setPermissionCheckHandler: noop,
    setDevicePermissionHandler: noop,
  },
};
export const ipcMain = { handle: noop, removeHandler: noop };
export const dialog = {
  /** @param {string} title @param {string} message */
  showErrorBox: (title, message) => emit({ call: 'dialog.showErrorBox', title, message }),
};
export const webContents = { fromFrame: () => null };
export const shell = { openExternal: async () => undefined };

/** @param {string} url */
async function get(url) {
  const handler = schemeHandlers.get(new URL(url).protocol.slice(0, -1));
  if (handler === undefined) return { url, status: 0, contentType: null, csp: null, body: '' };
  const response = await handler({ url, method: 'GET' });
  return {
    url,
    status: response.status,
    contentType: response.headers.get('content-type'),
    csp: response.headers.get('content-security-policy'),
    body: await response.text(),
  };
}

export class BrowserWindow {
  /** @param {{ webPreferences: { preload: string } }} options */
  constructor(options) {
    emit({ call: 'new BrowserWindow', preload: options.webPreferences.preload });
    this.webContents = {};
  }

  once() {}

  on() {}

  isDestroyed() {
    return false;
  }

  /** @param {string} url */
  async loadURL(url) {
    emit({ call: 'loadURL', url });
    const page = await get(url);
    emit({ call: 'served', ...page });
    const script = /<script[^>]*\ssrc="([^"]+)"/.exec(page.body)?.[1];
    if (script !== undefined) {
      const { body: _body, ...served } = await get(new URL(script, url).href);
      emit({ call: 'served', ...served });
    }
    process.exit(0);
  }
}
