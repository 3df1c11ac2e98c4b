import { describe, expect, it } from 'vitest';
import {
  UntrustedSenderError,
  isTrustedFrame,
  registerApiHandlers,
  type InvokeEvent,
  type IpcMainLike,
  type SenderFrame,
} from '../../../../electron/shell/ipc';
import { APP_PAGE_URL } from '../../../../electron/shell/app-protocol';

const APP_URL = APP_PAGE_URL;

type Listener = (event: InvokeEvent<SenderFrame>, ...args: unknown[]) => Promise<unknown>;

class FakeIpcMain implements IpcMainLike<SenderFrame> {
  readonly handlers = new Map<string, Listener>();

  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** What `ipcRenderer.invoke(channel, ...args)` from `frame` would get. */
  invoke(channel: string, frame: SenderFrame | null, ...args: unknown[]): Promise<unknown> {
    const listener = this.handlers.get(channel);
    if (listener === undefined) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return listener({ senderFrame: frame }, ...args);
  }
}

const appFrame: SenderFrame = { url: APP_URL, parent: null, detached: false };
const iframe: SenderFrame = { url: APP_URL, parent: appFrame };

describe('isTrustedFrame', () => {
  it('trusts the app page in a top-level frame', () => {
    expect(isTrustedFrame(appFrame, APP_URL)).toBe(true);
    expect(isTrustedFrame({ ...appFrame, url: `${APP_URL}#/devices` }, APP_URL)).toBe(true);
  });

  it('distrusts a missing frame, a subframe, a detached frame and any other URL', () => {
    expect(isTrustedFrame(null, APP_URL)).toBe(false);
    expect(isTrustedFrame(iframe, APP_URL)).toBe(false);
    expect(isTrustedFrame({ ...appFrame, detached: true }, APP_URL)).toBe(false);
    expect(isTrustedFrame({ ...appFrame, url: 'https://example.com/' }, APP_URL)).toBe(false);
    expect(isTrustedFrame({ ...appFrame, url: 'app://harvester/x.html' }, APP_URL)).toBe(false);
    expect(
      isTrustedFrame({ ...appFrame, url: 'file:///C:/Harvester/dist/renderer/index.html' }, APP_URL),
    ).toBe(false);
  });
});

describe('registerApiHandlers', () => {
  function setUp() {
    const ipc = new FakeIpcMain();
    const received: unknown[] = [];
    const refused: string[] = [];
    const dispose = registerApiHandlers(
      ipc,
      {
        listDevices: async (input) => {
          received.push(input);
          return { devices: [] };
        },
        deleteDevices: async () => {
          throw new Error('deleteDevices should not run');
        },
      },
      (frame) => isTrustedFrame(frame, APP_URL),
      (call) => refused.push(call),
    );
    return { ipc, received, refused, dispose };
  }

  it('registers one harvester:<call> channel per handler', () => {
    const { ipc } = setUp();
    expect([...ipc.handlers.keys()].sort()).toEqual(['harvester:deleteDevices', 'harvester:listDevices']);
  });

  it('routes a trusted call to its handler with the input untouched and returns its result', async () => {
    const { ipc, received } = setUp();
    const input = { filter: 'new', extra: ['kept', 'as', 'is'] };
    await expect(ipc.invoke('harvester:listDevices', appFrame, input)).resolves.toEqual({ devices: [] });
    expect(received).toEqual([input]);
  });

  it('passes only the first argument on', async () => {
    const { ipc, received } = setUp();
    await ipc.invoke('harvester:listDevices', appFrame, 'first', 'second');
    expect(received).toEqual(['first']);
  });

  it.each([
    ['no frame', null],
    ['a subframe', iframe],
    ['a foreign page', { url: 'https://example.com/', parent: null }],
  ])('rejects a call from %s before the handler runs', async (_name, frame) => {
    const { ipc, received, refused } = setUp();
    await expect(ipc.invoke('harvester:listDevices', frame, {})).rejects.toBeInstanceOf(UntrustedSenderError);
    await expect(ipc.invoke('harvester:deleteDevices', frame, {})).rejects.toThrow(/Refused deleteDevices/);
    expect(received).toEqual([]);
    expect(refused).toEqual(['listDevices', 'deleteDevices']);
  });

  it('passes a handler failure back to the caller', async () => {
    const { ipc } = setUp();
    await expect(ipc.invoke('harvester:deleteDevices', appFrame, {})).rejects.toThrow('should not run');
  });

  it('removes every channel it registered when disposed', () => {
    const { ipc, dispose } = setUp();
    dispose();
    expect(ipc.handlers.size).toBe(0);
  });
});
