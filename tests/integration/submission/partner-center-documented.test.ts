/**
 * The Partner Center submitter against the mock's documented shapes (issue 11): only documented device
 * field combinations, the MFA refusal (401 with 900421) that stops the run at once without renewing the
 * token, device status `in-progress`, and a finished device whose errorCode is "0" or "".
 */
import { describe, expect, it } from 'vitest';
import { partnerCenterProblemMessage } from '../../../shared/i18n/submission-messages';
import { TAG, TOKEN, devices, submitToMock, useMockPartnerCenter } from './partner-center-fixture';

describe('the mock Partner Center, as documented', () => {
  const mockPartnerCenter = useMockPartnerCenter();

  it('gets hash + serial (+ product key) only, never maker and model beside a hash', async () => {
    const mock = await mockPartnerCenter();
    const list = devices(2).map((d, i) => ({
      ...d,
      manufacturer: 'Contoso',
      model: 'Laptop 7',
      ...(i === 0 ? { productKey: '00329-00000-0003-AA606' } : {}),
    }));
    const report = await submitToMock(mock, list);
    expect(report.devices.map((d) => d.state)).toEqual(['registered', 'registered']);
    const body = mock.lastUploadBody('PC-001') as { batchId: string; devices: Record<string, unknown>[] };
    expect(body.batchId).toBe(TAG);
    expect(body.devices.map((d) => Object.keys(d).sort())).toEqual([
      ['hardwareHash', 'productKey', 'serialNumber'],
      ['hardwareHash', 'serialNumber'],
    ]);
  });

  it('refuses, like Partner Center, a hash sent beside maker and model', async () => {
    const mock = await mockPartnerCenter();
    const answer = await fetch(
      `${mock.url}/v1/customers/${'47021739-3426-40bf-9601-61b4b6d7c793'}/deviceBatches`,
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          batchId: TAG,
          devices: [{ hardwareHash: 'AAAA', serialNumber: 'S1', oemManufacturerName: 'C', modelName: 'M' }],
        }),
      },
    );
    expect(answer.status).toBe(400);
    expect(mock.creates()).toBe(0);
  });

  it('stops at once on 401 with 900421 with the MFA problem, renewing no token and retrying nothing', async () => {
    const mock = await mockPartnerCenter({ mfaRequired: true });
    let tokenCalls = 0;
    const report = await submitToMock(mock, devices(3), {
      token: async () => {
        tokenCalls++;
        return TOKEN;
      },
    });
    expect(report.stopped).toEqual({ kind: 'mfa-required' });
    expect(report.devices.map((d) => (d.state === 'failed' ? d.problem.kind : d.state))).toEqual(
      Array(3).fill('mfa-required'),
    );
    expect(mock.requests).toHaveLength(1);
    expect(tokenCalls).toBe(1);
    expect(partnerCenterProblemMessage({ kind: 'mfa-required' }, 'en').title).toMatch(/multi-factor/);
    expect(partnerCenterProblemMessage({ kind: 'mfa-required' }, 'ja').title).toMatch(/多要素認証/);
  });

  it('keeps a plain 401 a token problem, renewed once', async () => {
    const mock = await mockPartnerCenter({ token: { current: 'other' } });
    let tokenCalls = 0;
    const report = await submitToMock(mock, devices(1), {
      token: async () => {
        tokenCalls++;
        return TOKEN;
      },
    });
    expect(report.stopped).toEqual({ kind: 'token' });
    expect(tokenCalls).toBe(2);
  });

  it.each([['0'], ['']] as const)(
    'reads a finished device with errorCode %j as registered, and in-progress as not finished',
    async (code) => {
      const mock = await mockPartnerCenter({
        successErrorCode: code,
        inProgressStatus: 'in-progress',
        looksUntilFinished: 3,
      });
      const progress: string[] = [];
      const report = await submitToMock(mock, devices(2), {
        onProgress: (_serial, p) => {
          if (p.kind === 'processing') progress.push(p.status);
        },
      });
      expect(report.devices.map((d) => d.state)).toEqual(['registered', 'registered']);
      expect(progress).toContain('pending');
    },
  );
});
