import { describe, expect, it } from 'vitest';
import { hashPlaceholder, redactHashes } from '../../../../electron/collection/hash-redaction';
import { buildHash } from '../../../support/hash-builder';

describe('redactHashes', () => {
  const hash = buildHash();

  it('replaces the value of a hash field in JSON by its length', () => {
    expect(redactHashes(`{"serial":"PF3ABCDE","hash":"${hash}","model":"20XW"}`)).toBe(
      `{"serial":"PF3ABCDE","hash":"${hashPlaceholder(hash.length)}","model":"20XW"}`,
    );
  });

  it('replaces a hash field whose value was cut off with the line', () => {
    const cut = hash.slice(0, 1_000);
    expect(redactHashes(`{"schema": 1, "hash": "${cut}\nnext line`)).toBe(
      `{"schema": 1, "hash": "${hashPlaceholder(1_000)}\nnext line`,
    );
  });

  it('replaces the value of a short hash field too', () => {
    expect(redactHashes('{"Hash":"abc"}')).toBe(`{"Hash":"${hashPlaceholder(3)}"}`);
  });

  it('replaces a bare hash in free text', () => {
    expect(redactHashes(`DeviceHardwareData : ${hash}\r\nDone`)).toBe(
      `DeviceHardwareData : ${hashPlaceholder(hash.length)}\r\nDone`,
    );
  });

  it('replaces a hash that PowerShell wrapped over several lines, the short last piece included', () => {
    const wrapped = (hash.match(/.{1,120}/g) ?? []).join('\r\n');
    expect(redactHashes(`Cannot convert "${wrapped}" to a number.`)).toBe(
      `Cannot convert "${hashPlaceholder(hash.length)}" to a number.`,
    );
  });

  it('replaces a long piece from the middle of a hash', () => {
    const piece = hash.slice(100, 200);
    expect(redactHashes(`...${piece}`)).toBe(`...${hashPlaceholder(100)}`);
  });

  it('leaves error text, paths, GUIDs and hex digests readable', () => {
    const text =
      '{"hashError":"Microsoft.Management.Infrastructure.CimException: Invalid namespace","hashErrorCode":3} ' +
      'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe 4C4C4544-0042-3510-8052-B4C04F563532 ' +
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(redactHashes(text)).toBe(text);
  });

  it('gives the same text when applied twice', () => {
    const once = redactHashes(`{"hash":"${hash}"} and ${hash}`);
    expect(redactHashes(once)).toBe(once);
  });
});
