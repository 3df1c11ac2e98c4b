/**
 * Turns the typed service into IPC handlers: each payload arrives as `unknown` and is parsed with its
 * call's schema before the service sees it (STYLE item 2). A payload the schema refuses is a bug in the
 * renderer, not something the technician can fix, so it rejects with every failing field path for the log.
 */
import type { HarvesterApi } from '../../shared/api/harvester-api';
import { HARVESTER_API_CALLS, parseApiInput, type ApiCall } from '../../shared/api/harvester-api';
import type { ApiHandler } from './ipc';

export interface InputIssue {
  readonly path: string;
  readonly message: string;
}

export type InputParseResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly issues: readonly InputIssue[] };

export class InvalidApiInputError extends Error {
  readonly call: string;
  readonly issues: readonly InputIssue[];

  constructor(call: string, issues: readonly InputIssue[]) {
    super(
      `Invalid input for ${call}: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
    );
    this.name = 'InvalidApiInputError';
    this.call = call;
    this.issues = issues;
  }
}

/**
 * One handler per name in `calls`: parse with `parse(call, payload)`, then call the service's method of that
 * name with the parsed value. Only the listed calls become handlers, whatever else the service has
 * (`close`, for instance).
 */
export function validatedHandlers<Call extends string>(
  service: { readonly [C in Call]: (input: never) => Promise<unknown> },
  calls: readonly Call[],
  parse: (call: Call, payload: unknown) => InputParseResult,
): Record<string, ApiHandler> {
  const handlers: Record<string, ApiHandler> = Object.create(null);
  for (const call of calls) {
    handlers[call] = async (payload) => {
      const parsed = parse(call, payload);
      if (!parsed.ok) throw new InvalidApiInputError(call, parsed.issues);
      return service[call](parsed.value as never);
    };
  }
  return handlers;
}

/**
 * The handlers both transports register: IPC in the desktop window (main.ts) and HTTP in the browser host
 * (`harvester ui`). One function, so neither can hand the service a payload its schema has not accepted.
 */
export function harvesterApiHandlers(service: HarvesterApi): Record<string, ApiHandler> {
  return validatedHandlers<ApiCall>(service, HARVESTER_API_CALLS, parseApiInput);
}
