/**
 * The IPC channel of each HarvesterApi call, shared by the preload (which invokes it) and main (which
 * handles it), so the two cannot drift apart. One channel per call keeps every handler's input a single
 * `unknown` argument that its schema parses.
 */
export const API_CHANNEL_PREFIX = 'harvester:';

export function apiChannel(call: string): string {
  return `${API_CHANNEL_PREFIX}${call}`;
}
