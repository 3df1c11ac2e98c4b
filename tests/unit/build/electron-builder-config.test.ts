import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const configFile = path.join(root, 'build', 'electron-builder.json');

interface TargetEntry {
  readonly target: string;
  readonly arch: readonly string[];
}

interface BuilderConfig {
  readonly appId: string;
  readonly productName: string;
  readonly electronVersion: string;
  readonly directories: { readonly output: string; readonly buildResources: string };
  readonly extraMetadata: { readonly main: string };
  readonly files: readonly string[];
  readonly asar: boolean;
  readonly extraResources: readonly { readonly from: string; readonly to: string }[];
  readonly win: { readonly icon: string; readonly target: readonly TargetEntry[] };
  readonly portable: { readonly artifactName: string };
  readonly nsis: Readonly<Record<string, unknown>> & {
    readonly artifactName: string;
    readonly installerLanguages: readonly string[];
  };
}

const config = JSON.parse(readFileSync(configFile, 'utf8')) as BuilderConfig;

interface Png {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colourType: number;
  /** Filtered scanlines as stored (filter byte + RGBA per row). */
  readonly raw: Buffer;
}

/** Reads a PNG's chunks, checking the signature and every chunk's CRC. */
function readPng(bytes: Buffer): Png {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let header: Buffer | undefined;
  const data: Buffer[] = [];
  let ended = false;
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const typeAndData = bytes.subarray(offset + 4, offset + 8 + length);
    const type = typeAndData.subarray(0, 4).toString('ascii');
    expect(bytes.readUInt32BE(offset + 8 + length), `CRC of ${type}`).toBe(crc32(typeAndData));
    if (type === 'IHDR') header = typeAndData.subarray(4);
    if (type === 'IDAT') data.push(typeAndData.subarray(4));
    if (type === 'IEND') ended = true;
    offset += 12 + length;
  }
  expect(ended).toBe(true);
  if (header === undefined) throw new Error('no IHDR');
  return {
    width: header.readUInt32BE(0),
    height: header.readUInt32BE(4),
    bitDepth: header[8] ?? -1,
    colourType: header[9] ?? -1,
    raw: inflateSync(Buffer.concat(data)),
  };
}

describe('build/electron-builder.json', () => {
  it('names the app', () => {
    expect(config.appId).toBe('jp.autopilotharvester.app');
    expect(config.productName).toBe('Autopilot Harvester');
  });

  it('pins Electron to the installed electron package', () => {
    const installed = JSON.parse(
      readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
    ) as { version: string };
    expect(config.electronVersion).toBe(installed.version);
  });

  it('writes installers to dist/installers', () => {
    expect(config.directories.output).toBe('dist/installers');
  });

  it('packs only the built main, preload and renderer, with the bundled main as entry', () => {
    expect(config.extraMetadata.main).toBe('dist/electron/main.js');
    expect(config.files).toEqual(
      expect.arrayContaining(['dist/electron/**/*', 'dist/renderer/**/*', '!**/*.map']),
    );
    expect(config.files.some((pattern) => /^(electron|renderer|shared|src)\b/.test(pattern))).toBe(false);
    expect(config.asar).toBe(true);
  });

  it('ships the collection script as collect-hash.ps1 beside app.asar', () => {
    expect(config.extraResources).toEqual([
      { from: 'electron/collection/collect-hash.ps1', to: 'collect-hash.ps1' },
    ]);
  });

  it('builds a portable exe and an NSIS installer for x64 and arm64', () => {
    const targets = Object.fromEntries(
      config.win.target.map((entry) => [entry.target, [...entry.arch].sort()]),
    );
    expect(targets).toEqual({ portable: ['arm64', 'x64'], nsis: ['arm64', 'x64'] });
  });

  it('names the portable exe and the installer with the version', () => {
    expect(config.portable.artifactName).toContain('${version}');
    expect(config.nsis.artifactName).toContain('${version}');
    expect(config.portable.artifactName).not.toBe(config.nsis.artifactName);
  });

  it('installs per user, asking where, in Japanese or English', () => {
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      multiLanguageInstaller: true,
    });
    expect(config.nsis.installerLanguages).toEqual(expect.arrayContaining(['ja_JP', 'en_US']));
  });

  it('refers only to files that exist', () => {
    const sources = [config.win.icon, ...config.extraResources.map((resource) => resource.from)];
    for (const source of sources) expect(existsSync(path.join(root, source)), source).toBe(true);
    expect(existsSync(path.join(root, config.directories.buildResources))).toBe(true);
  });

  it('uses a valid 256x256 RGBA PNG as the icon', () => {
    expect(config.win.icon).toBe('build/icon.png');
    const png = readPng(readFileSync(path.join(root, config.win.icon)));
    expect({
      width: png.width,
      height: png.height,
      bitDepth: png.bitDepth,
      colourType: png.colourType,
    }).toEqual({ width: 256, height: 256, bitDepth: 8, colourType: 6 });
    expect(png.raw.length).toBe(256 * (1 + 256 * 4));
  });

  it('draws the icon with transparent corners and an opaque centre', () => {
    const png = readPng(readFileSync(path.join(root, config.win.icon)));
    const alpha = (x: number, y: number) => png.raw[y * (1 + 256 * 4) + 1 + x * 4 + 3];
    // Every scanline is stored unfiltered (filter type 0), so bytes are pixels.
    for (let y = 0; y < 256; y++) expect(png.raw[y * (1 + 256 * 4)]).toBe(0);
    expect(alpha(0, 0)).toBe(0);
    expect(alpha(255, 255)).toBe(0);
    expect(alpha(128, 128)).toBe(255);
  });
});

describe("the electron-builder config against electron-builder's own schema", () => {
  // electron-builder validates its configuration before any download; doing the same here catches a
  // misspelled or misplaced key that `npm run dist:win` would only report on Windows.
  const require = createRequire(import.meta.url);
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
    validateConfiguration: (config: unknown, logger: unknown) => Promise<void>;
  };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  const raw = JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>;

  it('passes the schema electron-builder checks before building', async () => {
    await expect(validateConfiguration(raw, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('fails the schema with a misspelled key, so the check is real', async () => {
    await expect(validateConfiguration({ ...raw, prodctName: 'x' }, new DebugLogger(false))).rejects.toThrow(
      /Invalid configuration object/,
    );
  });
});

describe('the Electron fuses the installers flip', () => {
  const fuses = (JSON.parse(readFileSync(configFile, 'utf8')) as { electronFuses: Record<string, boolean> })
    .electronFuses;

  it('turns off running the app as plain Node and Node debugging switches, which would bypass every hardening', () => {
    expect(fuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
    });
  });

  it('loads the app only from its checked asar archive', () => {
    expect(fuses).toMatchObject({ onlyLoadAppFromAsar: true, enableEmbeddedAsarIntegrityValidation: true });
  });
});
