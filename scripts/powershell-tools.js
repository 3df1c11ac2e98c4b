#!/usr/bin/env node
// The real PowerShell and Pester the tests run the collection script in (tests/integration/powershell/ and
// tests/powershell/). Both come from NuGet through the .NET SDK, into .tools/ inside the project, so nothing
// outside the checkout changes:
// - PowerShell 7 as the .NET tool "PowerShell", version 7.6.10 (7.7.0 does not install on these machines);
// - Pester 5.7.1, restored with a throwaway project whose only item is a PackageDownload of it.
// `node scripts/powershell-tools.js install [--required]` installs what is missing (CI passes --required, so a
// failure fails the run); `npm test` calls it without --required, so a machine without the .NET SDK runs every
// other test and the PowerShell suites say why they are skipped. Plain Node, no dependencies.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const PWSH_VERSION = '7.6.10';
export const PESTER_VERSION = '5.7.1';

const toolsDir = path.join(root, '.tools');
const pwshDir = path.join(toolsDir, 'pwsh');
const nugetDir = path.join(toolsDir, 'nuget');
const exe = process.platform === 'win32' ? '.exe' : '';

/**
 * The pwsh to test with: `TEST_PWSH` when set, else the one in .tools/, else a global .NET tool, else `pwsh`
 * on PATH. Undefined when none runs.
 * @returns {string | undefined}
 */
export function findPwsh() {
  const candidates = present([
    process.env.TEST_PWSH,
    path.join(pwshDir, `pwsh${exe}`),
    path.join(os.homedir(), '.dotnet', 'tools', `pwsh${exe}`),
  ]);
  for (const candidate of candidates) if (existsSync(candidate)) return candidate;
  const onPath = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-Command', '$PSVersionTable.PSVersion.Major'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return onPath.status === 0 ? 'pwsh' : undefined;
}

/**
 * Pester's module manifest: `TEST_PESTER` when set, else the restored copy in .tools/. Undefined when missing.
 * @returns {string | undefined}
 */
export function findPester() {
  const candidates = present([
    process.env.TEST_PESTER,
    path.join(nugetDir, 'pester', PESTER_VERSION, 'tools', 'Pester.psd1'),
  ]);
  return candidates.find((c) => existsSync(c));
}

/**
 * The given, non-empty paths.
 * @param {(string | undefined)[]} paths
 * @returns {string[]}
 */
function present(paths) {
  return paths.filter(/** @returns {p is string} */ (p) => typeof p === 'string' && p.length > 0);
}

/** @param {string} command @param {string[]} args */
function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  return result.status === 0;
}

function haveDotnet() {
  return spawnSync('dotnet', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Installs pwsh and Pester where they are missing. Returns true when both are there afterwards.
 * @param {{ required?: boolean }} options
 */
export function installPowerShellTools({ required = false } = {}) {
  const missingPwsh = findPwsh() === undefined;
  const missingPester = findPester() === undefined;
  if (!missingPwsh && !missingPester) return true;
  if (!haveDotnet()) {
    const say = required ? console.error : console.log;
    say('PowerShell tests: the .NET SDK (dotnet) is missing, so pwsh and Pester cannot be installed here.');
    return false;
  }
  if (missingPwsh) {
    console.error(`Installing PowerShell ${PWSH_VERSION} into .tools/pwsh (dotnet tool)...`);
    run('dotnet', ['tool', 'install', '--tool-path', pwshDir, 'PowerShell', '--version', PWSH_VERSION]);
  }
  if (missingPester) {
    console.error(`Restoring Pester ${PESTER_VERSION} into .tools/nuget (NuGet)...`);
    const project = path.join(toolsDir, 'pester-restore');
    mkdirSync(project, { recursive: true });
    writeFileSync(
      path.join(project, 'pester-restore.csproj'),
      [
        '<Project Sdk="Microsoft.NET.Sdk">',
        '  <PropertyGroup><TargetFramework>netstandard2.0</TargetFramework></PropertyGroup>',
        `  <ItemGroup><PackageDownload Include="Pester" Version="[${PESTER_VERSION}]" /></ItemGroup>`,
        '</Project>',
        '',
      ].join('\n'),
    );
    run('dotnet', ['restore', path.join(project, 'pester-restore.csproj'), '--packages', nugetDir]);
  }
  const ok = findPwsh() !== undefined && findPester() !== undefined;
  if (!ok) console.error('PowerShell tests: installing pwsh or Pester failed (see above).');
  return ok;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [command, ...flags] = process.argv.slice(2);
  if (command !== 'install') {
    console.error('usage: node scripts/powershell-tools.js install [--required]');
    process.exit(2);
  }
  const required = flags.includes('--required');
  const ok = installPowerShellTools({ required });
  process.exit(ok || !required ? 0 : 1);
}
