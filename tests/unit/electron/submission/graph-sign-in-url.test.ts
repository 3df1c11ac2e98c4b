import { describe, expect, it } from 'vitest';
import { signInUrlProblem } from '../../../../electron/submission/graph-client';

describe('signInUrlProblem', () => {
  it('allows the default hosts (unset, or set to the same https host)', () => {
    expect(signInUrlProblem('graph', {})).toBeUndefined();
    expect(signInUrlProblem('graph', { HARVESTER_GRAPH_URL: 'https://graph.microsoft.com' })).toBeUndefined();
    expect(
      signInUrlProblem('partner-center', {
        HARVESTER_PARTNER_CENTER_URL: 'https://API.partnercenter.microsoft.com/',
      }),
    ).toBeUndefined();
  });

  it('allows http://127.0.0.1 (the tests\u2019 mocks: the token stays on this machine)', () => {
    expect(signInUrlProblem('graph', { HARVESTER_GRAPH_URL: 'http://127.0.0.1:4000' })).toBeUndefined();
  });

  it('names the variable when it points a signed-in token at any other host, port or scheme', () => {
    for (const value of [
      'https://graph.example.net',
      'https://graph.microsoft.com.example.net',
      'https://graph.microsoft.com:8443',
      'http://graph.microsoft.com',
      'http://localhost:4000',
      'not a url',
    ]) {
      expect(signInUrlProblem('graph', { HARVESTER_GRAPH_URL: value })).toEqual({
        name: 'HARVESTER_GRAPH_URL',
        value,
      });
    }
    expect(
      signInUrlProblem('partner-center', { HARVESTER_PARTNER_CENTER_URL: 'https://graph.microsoft.com' }),
    ).toEqual({ name: 'HARVESTER_PARTNER_CENTER_URL', value: 'https://graph.microsoft.com' });
  });
});
