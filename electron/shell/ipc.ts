/**
 * Main-process side of the UI/main boundary: one `ipcMain.handle` per HarvesterApi call. Each handler first
 * checks who is asking (only the app page in the main window's top frame may call), then passes the payload
 * on as `unknown`: the API's handlers parse it with the call's schema, so nothing here trusts its shape.
 */
import { apiChannel } from './api-channel';
import { isAppPage } from './app-url';

/** The parts of Electron's WebFrameMain the sender check reads. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: SenderFrame | null;
  readonly detached?: boolean;
}

export interface InvokeEvent<Frame> {
  readonly senderFrame: Frame | null;
}

/** The part of Electron's IpcMain used here (structural, so tests pass a fake). */
export interface IpcMainLike<Frame> {
  handle(
    channel: string,
    listener: (event: InvokeEvent<Frame>, ...args: unknown[]) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}

export type ApiHandler = (input: unknown) => Promise<unknown>;

/** What an untrusted caller gets: it names the call, never anything about the app's state. */
export class UntrustedSenderError extends Error {
  readonly call: string;

  constructor(call: string) {
    super(`Refused ${call}: the request did not come from the app's window.`);
    this.name = 'UntrustedSenderError';
    this.call = call;
  }
}

/**
 * True when `frame` is the app's own page in a top-level frame: not a subframe (an iframe the page should
 * never have), not a frame already gone, and showing exactly the app page (not some other URL the window
 * was made to load). main.ts adds that the frame belongs to its own window.
 */
export function isTrustedFrame(frame: SenderFrame | null, appUrl: string): boolean {
  if (frame === null) return false;
  if (frame.detached === true) return false;
  if (frame.parent !== null) return false;
  return isAppPage(frame.url, appUrl);
}

/**
 * Registers `harvester:<call>` for every handler. A call from an untrusted frame is rejected with
 * {@link UntrustedSenderError} before its handler runs; `onRefused` hears about it for the log. Extra IPC
 * arguments are dropped: a call takes one input. Returns a function that removes every handler again.
 */
export function registerApiHandlers<Frame>(
  ipcMain: IpcMainLike<Frame>,
  handlers: Readonly<Record<string, ApiHandler>>,
  isTrustedSender: (frame: Frame | null) => boolean,
  onRefused?: (call: string) => void,
): () => void {
  const channels: string[] = [];
  for (const [call, handler] of Object.entries(handlers)) {
    const channel = apiChannel(call);
    ipcMain.handle(channel, async (event, ...args) => {
      if (!isTrustedSender(event.senderFrame)) {
        onRefused?.(call);
        throw new UntrustedSenderError(call);
      }
      return handler(args[0]);
    });
    channels.push(channel);
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
