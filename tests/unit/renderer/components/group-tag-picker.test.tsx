// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { useState, type ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiInput, ApiOutput } from '../../../../shared/api/harvester-api';
import type { Lang } from '../../../../shared/i18n/lang';
import { DEFAULT_TAG_CHOICE, type GroupTagChoice } from '../../../../renderer/components/group-tag-choice';
import { GroupTagPicker, TAG_CHECK_DELAY_MS } from '../../../../renderer/components/group-tag-picker';
import { fakeApi } from '../../../support/fake-api';
import { renderWithApp } from '../../../support/render-app';

afterEach(cleanup);

const DEFAULT = 'Microsoft365Managed_Autopilot';

function knownTags({ lang }: ApiInput<'knownGroupTags'>): ApiOutput<'knownGroupTags'> {
  return {
    defaultTag: DEFAULT,
    tags: [
      {
        tag: DEFAULT,
        description:
          lang === 'ja' ? 'Microsoft マネージド デスクトップ（既定）' : 'Microsoft Managed Desktop (default)',
        shared: false,
      },
      { tag: 'Microsoft365Managed_Standard', description: 'Standard profile', shared: false },
      { tag: 'Microsoft365Managed_Kiosk-Shared', description: 'Kiosk profile, shared device', shared: true },
    ],
  };
}

function checkTag({ tag, lang }: ApiInput<'checkGroupTag'>): ApiOutput<'checkGroupTag'> {
  if (tag === DEFAULT) return { kind: 'known', tag, description: 'Microsoft Managed Desktop (default)' };
  if (tag.toLowerCase() === DEFAULT.toLowerCase()) {
    return {
      kind: 'near-miss',
      input: tag,
      suggestion: DEFAULT,
      suggestionDescription: 'Microsoft Managed Desktop (default)',
      reasons: ['case'],
      reasonsText: lang === 'ja' ? '大文字と小文字' : 'letter case',
    };
  }
  if (tag.trim() === '') return { kind: 'invalid', input: tag, problem: { kind: 'empty' } };
  const comma = tag.indexOf(',');
  if (comma >= 0) {
    return {
      kind: 'invalid',
      input: tag,
      problem: { kind: 'bad-character', character: ',', position: comma },
    };
  }
  return { kind: 'custom', tag };
}

/** Holds the value as a screen would, and records every choice the picker reports. */
function renderPicker(options: { initial?: GroupTagChoice; lang?: Lang } = {}) {
  const api = fakeApi({ knownGroupTags: knownTags, checkGroupTag: checkTag });
  const reported: GroupTagChoice[] = [];
  function Holder(): ReactNode {
    const [value, setValue] = useState<GroupTagChoice>(options.initial ?? DEFAULT_TAG_CHOICE);
    return (
      <GroupTagPicker
        value={value}
        onChange={(choice) => {
          reported.push(choice);
          setValue(choice);
        }}
        lang={options.lang ?? 'en'}
      />
    );
  }
  const rendered = renderWithApp(<Holder />, { api, lang: options.lang ?? 'en' });
  const latest = (): GroupTagChoice => reported.at(-1) ?? options.initial ?? DEFAULT_TAG_CHOICE;
  return { ...rendered, api, reported, latest };
}

function radio(name: string | RegExp): HTMLInputElement {
  return screen.getByRole<HTMLInputElement>('radio', { name });
}

async function typeTag(text: string): Promise<void> {
  fireEvent.click(radio('Another tag…'));
  const input = await screen.findByLabelText('Tag for every device');
  fireEvent.change(input, { target: { value: text } });
}

describe('the group tag picker', () => {
  it('preselects the default tag, listed first', async () => {
    renderPicker();
    await screen.findByRole('radio', { name: DEFAULT });
    const radios = screen.getAllByRole<HTMLInputElement>('radio');
    expect(radios[0]?.value).toBe(DEFAULT);
    expect(radio(DEFAULT).checked).toBe(true);
  });

  it('shows each known tag with its description', async () => {
    renderPicker();
    const kiosk = await screen.findByRole('radio', { name: 'Microsoft365Managed_Kiosk-Shared' });
    expect(kiosk.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(kiosk.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Kiosk profile, shared device',
    );
  });

  it('reports another known tag chosen from the list', async () => {
    const { latest } = renderPicker();
    fireEvent.click(await screen.findByRole('radio', { name: 'Microsoft365Managed_Standard' }));
    expect(latest()).toEqual({ tag: 'Microsoft365Managed_Standard', allowCustomTag: false, status: 'ok' });
  });

  it('reports a null tag when devices keep their own tags, and explains the default for untagged ones', async () => {
    const { latest } = renderPicker();
    fireEvent.click(await screen.findByRole('radio', { name: "Keep each device's own tag" }));
    expect(latest()).toEqual({ tag: null, allowCustomTag: false, status: 'ok' });
    expect(screen.getByText(/Devices without a tag get Microsoft365Managed_Autopilot\./)).toBeTruthy();
  });

  it('offers the known tag for a near miss, and using it selects that tag', async () => {
    const { latest } = renderPicker();
    await screen.findByRole('radio', { name: DEFAULT });
    await typeTag('microsoft365managed_autopilot');
    expect(await screen.findByText('Did you mean Microsoft365Managed_Autopilot?')).toBeTruthy();
    expect(screen.getByText('What differs: letter case.')).toBeTruthy();
    // The picker reports in an effect, which may run just after the text appears.
    await waitFor(() => expect(latest().status).toBe('invalid'));

    fireEvent.click(screen.getByRole('button', { name: 'Use Microsoft365Managed_Autopilot' }));
    expect(radio(DEFAULT).checked).toBe(true);
    expect(latest()).toEqual({ tag: DEFAULT, allowCustomTag: false, status: 'ok' });
    expect(screen.queryByLabelText('Tag for every device')).toBeNull();
  });

  it('moves keyboard focus to the tag selected from a suggestion', async () => {
    renderPicker();
    await screen.findByRole('radio', { name: DEFAULT });
    await typeTag('MICROSOFT365MANAGED_AUTOPILOT');
    fireEvent.click(await screen.findByRole('button', { name: 'Use Microsoft365Managed_Autopilot' }));
    await waitFor(() => expect(document.activeElement).toBe(radio(DEFAULT)));
  });

  it('allows a custom tag only after the deliberate checkbox is ticked', async () => {
    const { latest } = renderPicker();
    await typeTag('Contoso-Sales');
    const confirm = await screen.findByRole('checkbox', {
      name: 'I really mean this custom tag (it is not a Microsoft Managed Desktop tag)',
    });
    await waitFor(() =>
      expect(latest()).toEqual({ tag: 'Contoso-Sales', allowCustomTag: false, status: 'needs-confirmation' }),
    );

    fireEvent.click(confirm);
    expect(latest()).toEqual({ tag: 'Contoso-Sales', allowCustomTag: true, status: 'ok' });
  });

  it('withdraws the custom tag confirmation as soon as the tag is edited', async () => {
    const { latest } = renderPicker();
    await typeTag('Contoso-Sales');
    fireEvent.click(await screen.findByRole('checkbox', { name: /I really mean this custom tag/ }));
    fireEvent.change(screen.getByLabelText('Tag for every device'), { target: { value: 'Contoso-Sale' } });
    expect(latest().allowCustomTag).toBe(false);
    expect(latest().status).not.toBe('ok');
  });

  it('blocks an invalid tag and says which character is wrong', async () => {
    const { latest } = renderPicker();
    await typeTag('Contoso,Sales');
    expect(
      await screen.findByText('The character “,” (U+002C) at position 8 cannot be used in a group tag.'),
    ).toBeTruthy();
    await waitFor(() =>
      expect(latest()).toEqual({ tag: 'Contoso,Sales', allowCustomTag: false, status: 'invalid' }),
    );
    expect(screen.getByLabelText('Tag for every device').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByRole('checkbox')).toBeNull();
  });

  it('checks the typed tag once typing pauses, not on every keystroke', async () => {
    vi.useFakeTimers();
    try {
      const { api } = renderPicker();
      await act(() => vi.advanceTimersByTimeAsync(0));
      fireEvent.click(radio('Another tag…'));
      const input = screen.getByLabelText('Tag for every device');
      fireEvent.change(input, { target: { value: 'C' } });
      await act(() => vi.advanceTimersByTimeAsync(TAG_CHECK_DELAY_MS - 50));
      fireEvent.change(input, { target: { value: 'Co' } });
      await act(() => vi.advanceTimersByTimeAsync(TAG_CHECK_DELAY_MS - 50));
      fireEvent.change(input, { target: { value: 'Con' } });
      await act(() => vi.advanceTimersByTimeAsync(TAG_CHECK_DELAY_MS - 1));
      expect(api.checkGroupTag).not.toHaveBeenCalled();
      await act(() => vi.advanceTimersByTimeAsync(1));
      expect(api.checkGroupTag.mock.calls.map(([call]) => call.tag)).toEqual(['Con']);
      expect(screen.getByText('Con is not a known tag.')).toBeTruthy();
    } finally {
      vi.useRealTimers();
    }
  });

  it('says the typed tag is being checked until the answer comes', async () => {
    const { latest } = renderPicker();
    await typeTag('Contoso');
    expect(screen.getByText('Checking the tag…')).toBeTruthy();
    expect(latest().status).toBe('checking');
    await screen.findByText('Contoso is not a known tag.');
  });

  it('shows the texts and descriptions in Japanese', async () => {
    renderPicker({ lang: 'ja' });
    expect(await screen.findByText('Microsoft マネージド デスクトップ（既定）')).toBeTruthy();
    expect(screen.getByRole('group', { name: 'グループ タグ' })).toBeTruthy();
    fireEvent.click(radio('別のタグを入力…'));
    fireEvent.change(screen.getByLabelText('すべてのデバイスに付けるタグ'), {
      target: { value: 'microsoft365managed_autopilot' },
    });
    expect(
      await screen.findByText('Microsoft365Managed_Autopilot の入力間違いではありませんか？'),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Microsoft365Managed_Autopilot を使う' })).toBeTruthy();
  });

  it('starts from the value it is given', async () => {
    renderPicker({ initial: { tag: null, allowCustomTag: false, status: 'ok' } });
    await screen.findByRole('radio', { name: DEFAULT });
    expect(radio("Keep each device's own tag").checked).toBe(true);
    expect(radio(DEFAULT).checked).toBe(false);
  });

  it('asks for the known tags once when it appears, though StrictMode runs its effects twice', async () => {
    const { api } = renderPicker();
    await screen.findByRole('radio', { name: DEFAULT });
    expect(api.knownGroupTags).toHaveBeenCalledTimes(1);
  });

  it('keeps the suggestion button and the confirmation checkbox out of the live region', async () => {
    renderPicker();
    await screen.findByRole('radio', { name: DEFAULT });
    await typeTag('microsoft365managed_autopilot');
    const title = await screen.findByText('Did you mean Microsoft365Managed_Autopilot?');
    const region = title.closest('[role="status"]') as HTMLElement;
    expect(region).not.toBeNull();
    expect(region.querySelector('button, input')).toBeNull();
    expect(screen.getByRole('button', { name: 'Use Microsoft365Managed_Autopilot' })).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Tag for every device'), { target: { value: 'Sales' } });
    const custom = await screen.findByRole('checkbox');
    expect(custom.closest('[role="status"]')).toBeNull();
    expect(screen.getByLabelText('Tag for every device').getAttribute('aria-describedby')).toContain(
      region.id,
    );
  });
});
