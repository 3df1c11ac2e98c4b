/**
 * The Graph calls a journaled job makes, with one rule added: an import record is deleted only once every
 * state change journaled so far is on disk. The job journals `registered` the moment Graph says an import
 * is `complete`, and the submitter deletes the record right after; without this wait a kill between the
 * delete and the fsync would leave a device the service has registered (and whose record is gone) that the
 * journal still calls `imported`, and resuming would import it again.
 *
 * Waiting happens after the submitter took its budget slot, so before sending the delete the budget is
 * asked again whether a Retry-After arrived meanwhile: if so the delete is answered as throttled without
 * being sent, and the submitter waits and tries again like for any 429.
 */
import type { RateBudget } from '../../shared/submission/rate-budget';
import type { GraphResult } from './graph-client';
import type { GraphApi } from './graph-submitter';
import type { JobJournalHandle } from './submission-job';

export function journaledGraphApi(
  client: GraphApi,
  journal: JobJournalHandle,
  budget: RateBudget,
  now: () => number = Date.now,
): GraphApi {
  return {
    listImportedPage: (token, nextLink) => client.listImportedPage(token, nextLink),
    importDevice: (token, request) => client.importDevice(token, request),
    getImported: (token, id) => client.getImported(token, id),
    updateDeviceProperties: (token, registrationId, properties) =>
      client.updateDeviceProperties(token, registrationId, properties),
    deleteImported: async (token, id): Promise<GraphResult<undefined>> => {
      try {
        await journal.durable();
      } catch {
        // The journal cannot be written: keep the record, so the next run finds and reuses it.
        return { ok: false, failure: { kind: 'network', code: 'journal-unwritable', retryable: false } };
      }
      const blockedFor = budget.blockedUntil() - now();
      if (blockedFor > 0) {
        return { ok: false, failure: { kind: 'throttled', status: 429, retryAfterMs: blockedFor } };
      }
      return client.deleteImported(token, id);
    },
  };
}
