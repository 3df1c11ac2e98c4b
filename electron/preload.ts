/**
 * The preload: runs sandboxed beside the app page and gives it `window.harvester`, one async method per
 * HarvesterApi call, each an `ipcRenderer.invoke` on that call's channel. Nothing else crosses: not
 * ipcRenderer, not Node. It is bundled into a single CommonJS file (a sandboxed preload cannot load modules
 * other than `electron`).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { HARVESTER_API_CALLS } from '../shared/api/harvester-api';
import { createApiBridge } from './shell/api-bridge';

contextBridge.exposeInMainWorld(
  'harvester',
  createApiBridge(HARVESTER_API_CALLS, (channel, input) => ipcRenderer.invoke(channel, input)),
);
