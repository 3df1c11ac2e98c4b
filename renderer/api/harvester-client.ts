/**
 * The typed HarvesterApi on top of a transport that only knows call names (the browser host's HTTP client).
 * Every answer is checked against the call's output schema before the UI sees it: an HTTP response is input
 * from outside (a host from another build, a proxy, a bug), and the UI must never render half a shape.
 */
import {
  HARVESTER_API_CALLS,
  parseApiOutput,
  type ApiCall,
  type ApiInput,
  type ApiIssue,
  type ApiOutput,
  type HarvesterApi,
} from '../../shared/api/harvester-api';
import type { HttpApiCall } from './http-client';

/** An answer that does not match the contract: the UI and the services are from different builds. */
export class ApiContractError extends Error {
  constructor(
    readonly call: ApiCall,
    readonly issues: readonly ApiIssue[],
  ) {
    super(
      `The answer to ${call} does not match the contract: ` +
        issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '),
    );
    this.name = 'ApiContractError';
  }
}

export function harvesterApiOver(call: HttpApiCall): HarvesterApi {
  const api: Partial<Record<ApiCall, (input: unknown) => Promise<unknown>>> = {};
  for (const name of HARVESTER_API_CALLS) {
    api[name] = async (input: unknown) => {
      const parsed = parseApiOutput(name, await call(name, input));
      if (!parsed.ok) throw new ApiContractError(name, parsed.issues);
      return parsed.value;
    };
  }
  return api as HarvesterApi;
}

/** For callers that hold a call name as a value (tests, generic code). */
export function callApi<K extends ApiCall>(
  api: HarvesterApi,
  name: K,
  input: ApiInput<K>,
): Promise<ApiOutput<K>> {
  return api[name](input);
}
