/**
 * A rejected API promise, sorted into what the technician can be told. Expected problems come back as `kind`
 * values from the API; a rejection is the transport failing or a bug, and these are the only words for it.
 */
import { HttpApiError } from '../api/http-client';
import { ApiContractError } from '../api/harvester-client';
import type { MessageKey } from '../i18n/messages';

export interface UiFailure {
  /** What to tell the technician. */
  readonly messageKey: MessageKey;
  /** For support: the error as the code saw it (English, never shown as the main text). */
  readonly detail: string;
}

export function describeFailure(error: unknown): UiFailure {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (error instanceof ApiContractError) return { messageKey: 'error.contract', detail };
  if (error instanceof HttpApiError) {
    switch (error.kind) {
      case 'unreachable':
        return { messageKey: 'error.unreachable', detail };
      case 'unauthorized':
        return { messageKey: 'error.unauthorized', detail };
      case 'unknown-call':
        return { messageKey: 'error.contract', detail };
      default:
        return { messageKey: 'error.unexpectedBody', detail };
    }
  }
  return { messageKey: 'error.unexpectedBody', detail };
}
