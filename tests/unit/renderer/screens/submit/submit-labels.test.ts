import { describe, expect, it } from 'vitest';
import { i18nFor } from '../../../../../renderer/app/app-context';
import {
  jobPhase,
  splitSupportCode,
  summaryText,
  svgDataUrl,
  textBlocks,
  timeLeftText,
} from '../../../../../renderer/screens/submit/submit-labels';
import {
  countSelected,
  customerTenantOf,
  isTenantId,
  looksLikeBadTenantId,
} from '../../../../../renderer/screens/submit/submit-request';
import { deviceSummary } from '../../../../support/fake-api';

const counts = (registered: number, alreadyRegistered: number, failed: number, pending = 0) => ({
  devices: registered + alreadyRegistered + failed + pending,
  registered,
  alreadyRegistered,
  failed,
  pending,
});

describe('submission labels', () => {
  it('sums a job up in one sentence, in each language', () => {
    expect(summaryText(i18nFor('en'), counts(18, 1, 1))).toBe(
      '18 registered, 1 already registered, 1 failed',
    );
    expect(summaryText(i18nFor('ja'), counts(18, 1, 1))).toBe(
      '登録済み 18 台、すでに登録済み 1 台、失敗 1 台',
    );
    expect(summaryText(i18nFor('en'), counts(2, 0, 0, 3))).toBe('2 registered, 3 not finished');
  });

  it('moves the code the services put in brackets after an explanation into the support line', () => {
    expect(splitSupportCode('Already registered here. [806 ZtdDeviceAlreadyAssigned]', '806')).toEqual({
      text: 'Already registered here.',
      code: '806 ZtdDeviceAlreadyAssigned',
    });
    expect(splitSupportCode('Owned by another tenant.', '808')).toEqual({
      text: 'Owned by another tenant.',
      code: '808',
    });
    expect(splitSupportCode('Registered.', null)).toEqual({ text: 'Registered.', code: null });
    expect(splitSupportCode(null, 'StorageError')).toEqual({ text: null, code: 'StorageError' });
  });

  it('tells finished, running and interrupted jobs apart', () => {
    expect(jobPhase({ running: false, finishedAt: '2026-11-25T01:00:00Z' })).toBe('finished');
    expect(jobPhase({ running: true, finishedAt: null })).toBe('running');
    expect(jobPhase({ running: false, finishedAt: null })).toBe('interrupted');
  });

  it('says the time left of a sign-in code, and nothing once it expired', () => {
    const now = Date.parse('2026-11-25T01:00:00Z');
    expect(timeLeftText(i18nFor('en'), '2026-11-25T01:14:32Z', now)).toBe('14 min 32 s');
    expect(timeLeftText(i18nFor('ja'), '2026-11-25T01:00:45Z', now)).toBe('45 秒');
    expect(timeLeftText(i18nFor('en'), '2026-11-25T00:59:00Z', now)).toBeNull();
  });

  it('makes numbered lines steps of a list', () => {
    expect(textBlocks('Intro\n\n1. Open it\n2. Copy the IDs\n\nNot 1. a step')).toEqual([
      { kind: 'paragraph', text: 'Intro' },
      { kind: 'steps', text: '1. Open it\n2. Copy the IDs', items: ['Open it', 'Copy the IDs'] },
      { kind: 'paragraph', text: 'Not 1. a step' },
    ]);
  });

  it('splits the setup guide into paragraphs and the JSON example', () => {
    const blocks = textBlocks('Title\n\nStep one\nStep two\n\nExample:\n{\n  "clientId": "x"\n}\nAfter');
    expect(blocks).toEqual([
      { kind: 'paragraph', text: 'Title' },
      { kind: 'paragraph', text: 'Step one\nStep two' },
      { kind: 'paragraph', text: 'Example:' },
      { kind: 'code', text: '{\n  "clientId": "x"\n}' },
      { kind: 'paragraph', text: 'After' },
    ]);
  });

  it('makes an image address of the QR code SVG, UTF-8 safe', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><title>コード</title></svg>';
    const url = svgDataUrl(svg);
    expect(url.startsWith('data:image/svg+xml;base64,')).toBe(true);
    const bytes = Uint8Array.from(atob(url.split(',')[1]!), (c) => c.charCodeAt(0));
    expect(new TextDecoder().decode(bytes)).toBe(svg);
  });
});

describe('submission requests', () => {
  it('takes a tenant ID only as a whole GUID', () => {
    expect(isTenantId('8f2b6c1e-4d3a-4b5c-9e7f-0a1b2c3d4e5f')).toBe(true);
    expect(isTenantId(' 8F2B6C1E-4D3A-4B5C-9E7F-0A1B2C3D4E5F ')).toBe(true);
    expect(isTenantId('8f2b6c1e-4d3a-4b5c-9e7f-0a1b2c3d4e5')).toBe(false);
    expect(isTenantId('contoso.onmicrosoft.com')).toBe(false);
    expect(looksLikeBadTenantId('8f2b6c1e-4d3a')).toBe(true);
    expect(looksLikeBadTenantId('contoso')).toBe(false);
    expect(looksLikeBadTenantId('8f2b6c1e-4d3a-4b5c-9e7f-0a1b2c3d4e5f')).toBe(false);
  });

  it('prefers a typed tenant ID over the customer chosen in the list', () => {
    expect(customerTenantOf({ customerId: 'chosen', customerQuery: 'conto' })).toBe('chosen');
    expect(
      customerTenantOf({ customerId: 'chosen', customerQuery: '8F2B6C1E-4D3A-4B5C-9E7F-0A1B2C3D4E5F' }),
    ).toBe('8f2b6c1e-4d3a-4b5c-9e7f-0a1b2c3d4e5f');
  });

  it('counts the devices a selection sends, never deleted ones', () => {
    const devices = [
      deviceSummary({ id: 'a' }),
      deviceSummary({
        id: 'b',
        submission: { service: 'graph', state: 'registered', at: '2026-11-25T01:00:00Z', registered: true },
      }),
      deviceSummary({
        id: 'c',
        submission: { service: 'graph', state: 'failed', at: '2026-11-25T01:00:00Z', registered: false },
      }),
      deviceSummary({ id: 'd', state: 'deleted' }),
    ];
    expect(countSelected(devices, { selection: 'all', chosenIds: null })).toBe(3);
    expect(countSelected(devices, { selection: 'not-registered', chosenIds: null })).toBe(2);
    expect(countSelected(devices, { selection: 'ids', chosenIds: ['a', 'd'] })).toBe(1);
  });
});
