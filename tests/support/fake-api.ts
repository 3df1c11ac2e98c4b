/**
 * A HarvesterApi for renderer tests: each call answers what the test gave it; a call the test did not give
 * rejects, naming itself, so a test never passes on an answer it did not mean. Answers are checked against
 * the contract's output schema, so a test cannot feed the UI a shape the services would never send.
 */
import { vi, type Mock } from 'vitest';
import {
  HARVESTER_API_CALLS,
  parseApiInput,
  parseApiOutput,
  type ApiCall,
  type ApiInput,
  type ApiOutput,
  type HarvesterApi,
} from '../../shared/api/harvester-api';
import { tagStatus } from '../../shared/group-tag';

export type FakeAnswers = {
  readonly [K in ApiCall]?: ApiOutput<K> | ((input: ApiInput<K>) => ApiOutput<K> | Promise<ApiOutput<K>>);
};

export type FakeApi = HarvesterApi & { readonly [K in ApiCall]: Mock<HarvesterApi[K]> };

export function fakeApi(answers: FakeAnswers): FakeApi {
  const api: Partial<Record<ApiCall, Mock>> = {};
  for (const name of HARVESTER_API_CALLS) {
    api[name] = vi.fn(async (input: unknown) => {
      // The services refuse what the contract refuses: so does the fake, or a bad request passes unit tests.
      const request = parseApiInput(name, input);
      if (!request.ok) {
        throw new Error(
          `fakeApi: the UI sent ${name} an input the contract refuses: ${JSON.stringify(request.issues)}`,
        );
      }
      const answer = answers[name] as unknown;
      if (answer === undefined)
        throw new Error(`fakeApi: ${name} was called but the test gave no answer for it`);
      const output = typeof answer === 'function' ? await (answer as (i: unknown) => unknown)(input) : answer;
      const parsed = parseApiOutput(name, output);
      if (!parsed.ok) {
        throw new Error(
          `fakeApi: the answer for ${name} breaks the contract: ${JSON.stringify(parsed.issues)}`,
        );
      }
      return parsed.value;
    });
  }
  return api as FakeApi;
}

/** A plausible `appInfo` answer; pass fields to change. */
export function appInfoAnswer(overrides: Partial<ApiOutput<'appInfo'>> = {}): ApiOutput<'appInfo'> {
  return {
    version: '0.1.0',
    platform: 'win32',
    electron: false,
    defaultLang: 'en',
    ledger: {
      dir: 'E:\\AutopilotHarvester-ledger',
      mirror: null,
      devices: 0,
      skippedLines: 0,
      recoveredStaleLock: false,
    },
    logDir: 'E:\\AutopilotHarvester-ledger',
    logFile: 'E:\\AutopilotHarvester-ledger\\harvester.log',
    ...overrides,
  };
}

/** A ledger device as `listDevices` shows it; pass fields to change. */
export function deviceSummary(
  overrides: Partial<ApiOutput<'listDevices'>['devices'][number]> = {},
): ApiOutput<'listDevices'>['devices'][number] {
  return {
    id: '0123456789abcdef',
    serial: '5CG1457YL8',
    manufacturer: 'HP',
    model: 'HP EliteBook 840 G8 Notebook PC',
    productId: '',
    groupTag: '',
    assignedUser: '',
    state: 'new',
    addedAt: '2026-11-24T09:05:00.000Z',
    source: { kind: 'collected', computerName: 'DESKTOP-1' },
    exports: [],
    submission: null,
    ...overrides,
    // What the service says of the tag (shared/group-tag.ts), unless a test says otherwise.
    tagStatus: overrides.tagStatus ?? tagStatus(overrides.groupTag ?? ''),
  };
}
