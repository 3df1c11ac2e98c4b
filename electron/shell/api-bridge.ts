/**
 * What the preload hands to `contextBridge`: one async method per HarvesterApi call and nothing else. Built
 * by a pure function so a test can check the exact shape; the preload only supplies `ipcRenderer.invoke`.
 */
import { apiChannel } from './api-channel';

export type Invoke = (channel: string, input: unknown) => Promise<unknown>;

export type ApiBridge = Readonly<Record<string, (input?: unknown) => Promise<unknown>>>;

/**
 * One method per name in `calls`, each sending its single argument on `harvester:<name>`. The methods
 * close over `invoke` and never return or expose it, so the page cannot reach IPC except through these
 * calls. The object is frozen and has no prototype: the page sees exactly the calls.
 */
export function createApiBridge(calls: readonly string[], invoke: Invoke): ApiBridge {
  const bridge: Record<string, (input?: unknown) => Promise<unknown>> = Object.create(null);
  for (const call of calls) {
    const channel = apiChannel(call);
    bridge[call] = (input?: unknown) => invoke(channel, input);
  }
  return Object.freeze(bridge);
}
