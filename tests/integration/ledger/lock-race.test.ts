/**
 * Several processes that all find the same stale lock and race to take it over: exactly one may end up
 * holding the ledger, every time (the others are told it is locked).
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../support/temp-dir';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const child = path.join(root, 'tests/integration/ledger/lock-child.ts');
const PROCESSES = 6;
const ROUNDS = 4;

const temp = useTempDir('harvester-lock-race-');

interface Racer {
  readonly proc: ChildProcessWithoutNullStreams;
  /** Resolves with the first line after `ready`: `won stale`, `won free` or `locked`. */
  readonly result: Promise<string>;
  readonly ready: Promise<void>;
  readonly exited: Promise<void>;
}

function racer(dir: string): Racer {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, dir], { cwd: root });
  let stdout = '';
  let stderr = '';
  let onReady: () => void = () => undefined;
  let onResult: (line: string) => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  const result = new Promise<string>((resolve) => (onResult = resolve));
  const exited = new Promise<void>((resolve) => proc.on('close', () => resolve()));
  proc.stdout.setEncoding('utf8').on('data', (data: string) => {
    stdout += data;
    const lines = stdout.split('\n').slice(0, -1);
    if (lines.includes('ready')) onReady();
    const answer = lines.find((l) => l !== 'ready');
    if (answer !== undefined) onResult(answer);
  });
  proc.stderr.setEncoding('utf8').on('data', (data: string) => (stderr += data));
  void exited.then(() => {
    onReady();
    onResult(`exited: ${stderr}`);
  });
  return { proc, result, ready, exited };
}

function writeStaleLock(dir: string): void {
  // No process has this pid (Linux's pid_max is at most 2^22; Windows pids are multiples of 4 far below).
  const stale = {
    pid: 2 ** 30 + 1,
    hostname: os.hostname(),
    since: '2025-11-24T00:00:00.000Z',
    token: 'gone',
  };
  writeFileSync(path.join(dir, 'ledger.lock'), JSON.stringify(stale));
}

describe('processes racing for a stale lock', () => {
  it(`lets exactly one of ${PROCESSES} take it over, in each of ${ROUNDS} rounds`, async () => {
    const dir = temp.path();
    for (let round = 0; round < ROUNDS; round++) {
      writeStaleLock(dir);
      const racers = Array.from({ length: PROCESSES }, () => racer(dir));
      try {
        await Promise.all(racers.map((r) => r.ready));
        for (const r of racers) r.proc.stdin.write('go\n');
        const results = await Promise.all(racers.map((r) => r.result));

        // Exactly one holder is what matters. It may be the one that cleared the stale lock (`won stale`) or
        // one that found the lock gone a moment after another cleared it and took it first (`won free`):
        // the one that cleared it is then told `locked`.
        const won = results.filter((r) => r === 'won stale' || r === 'won free');
        expect(won, `round ${round}: ${results.join(', ')}`).toHaveLength(1);
        expect(results.filter((r) => r === 'locked')).toHaveLength(PROCESSES - 1);
        const winner = racers[results.indexOf(won[0]!)]!;
        const lock = JSON.parse(readFileSync(path.join(dir, 'ledger.lock'), 'utf8')) as { pid: number };
        expect(lock.pid).toBe(winner.proc.pid);
      } finally {
        for (const r of racers) r.proc.stdin.end();
        await Promise.all(racers.map((r) => r.exited));
      }
    }
  }, 90_000);
});
