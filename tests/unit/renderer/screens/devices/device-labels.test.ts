import { describe, expect, it } from 'vitest';
import type { DeviceSummary } from '../../../../../shared/api/harvester-api';
import { i18nFor } from '../../../../../renderer/app/app-context';
import { deviceBadge, stateBadge, tagText } from '../../../../../renderer/screens/devices/device-labels';
import { deviceSummary } from '../../../../support/fake-api';

type Submission = NonNullable<DeviceSummary['submission']>;

function submitted(
  state: Submission['state'],
  registered: boolean,
  deviceState: DeviceSummary['state'] = 'new',
) {
  return deviceSummary({
    state: deviceState,
    submission: { service: 'graph', state, at: '2026-11-25T01:00:00.000Z', registered },
  });
}

function shown(device: DeviceSummary, lang: 'en' | 'ja' = 'en'): string {
  return i18nFor(lang).t(deviceBadge(device).label);
}

describe('the State column of a device', () => {
  it('shows the ledger state of a device never submitted', () => {
    expect(shown(deviceSummary({ state: 'new' }))).toBe('New');
    expect(shown(deviceSummary({ state: 'exported' }))).toBe('Exported');
    expect(deviceBadge(deviceSummary({ state: 'exported' }))).toEqual(stateBadge('exported'));
  });

  it('shows Registered for a device registered or already registered', () => {
    expect(shown(submitted('registered', true))).toBe('Registered');
    expect(shown(submitted('already-registered', true, 'exported'))).toBe('Registered');
    expect(deviceBadge(submitted('registered', true)).className).toContain('badge-success');
  });

  it('shows Failed for a device whose submission failed, and Sending… while it is sent', () => {
    expect(shown(submitted('failed', false))).toBe('Failed');
    expect(deviceBadge(submitted('failed', false)).className).toContain('badge-danger');
    expect(shown(submitted('pending', false))).toBe('Sending…');
    expect(shown(submitted('imported', false))).toBe('Sending…');
  });

  it('keeps Registered when a later submission of a registered device failed', () => {
    expect(shown(submitted('failed', true))).toBe('Registered');
  });

  it('shows Deleted for a deleted device, whatever its submission', () => {
    expect(shown(submitted('registered', true, 'deleted'))).toBe('Deleted');
  });

  it('words the states in Japanese', () => {
    expect(shown(submitted('registered', true), 'ja')).toBe('登録済み');
    expect(shown(submitted('failed', false), 'ja')).toBe('登録失敗');
    expect(shown(submitted('pending', false), 'ja')).toBe('送信中…');
  });
});

describe('tagText', () => {
  it('shows a bidi override and an escape character in a tag escaped, so the text cannot turn around', () => {
    expect(tagText(i18nFor('en'), 'Sales\u202eyeknom\u001b')).toBe('Sales\\u202Eyeknom\\x1B');
  });
});
