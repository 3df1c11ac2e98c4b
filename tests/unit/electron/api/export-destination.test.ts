import { describe, expect, it } from 'vitest';
import { isAbsoluteHere } from '../../../../electron/api/export-destination';

describe('isAbsoluteHere', () => {
  it.each(['E:\\upload', 'e:/upload', '\\\\server\\share\\upload'])('accepts %s on Windows', (folder) => {
    expect(isAbsoluteHere(folder, 'win32')).toBe(true);
  });

  it.each(['\\upload', 'upload', 'E:upload', '..\\upload'])(
    'refuses %s on Windows, which depends on the current folder',
    (folder) => {
      expect(isAbsoluteHere(folder, 'win32')).toBe(false);
    },
  );

  it('refuses a Windows drive path off Windows, where it would become a folder name', () => {
    expect(isAbsoluteHere('C:\\Users\\tech\\out', 'linux')).toBe(false);
    expect(isAbsoluteHere('/media/usb/upload', 'linux')).toBe(true);
  });
});
