import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LockBusyError, withFileLock } from '../../src/config/file-lock.js';
import { tempDir } from '../support/batch-files.js';

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('withFileLock', () => {
  it('holds the lock file while the work runs and removes it after, also when the work throws', () => {
    const dir = tempDir();
    const lock = join(dir, 'config.json.lock');
    expect(withFileLock(lock, () => existsSync(lock))).toBe(true);
    expect(existsSync(lock)).toBe(false);
    expect(() =>
      withFileLock(lock, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('breaks a lock left by a process that died, and one so old its holder must have hung', () => {
    const dir = tempDir();
    const lock = join(dir, 'config.json.lock');
    writeFileSync(lock, JSON.stringify({ pid: deadPid(), host: hostname(), token: 'left-behind' }));
    expect(withFileLock(lock, () => 'ran', { timeoutMs: 0 })).toBe('ran');

    writeFileSync(lock, 'garbage, half written');
    const aMinuteAgo = new Date(Date.now() - 60_000);
    utimesSync(lock, aMinuteAgo, aMinuteAgo);
    expect(withFileLock(lock, () => 'ran', { timeoutMs: 0 })).toBe('ran');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('does not take a lock a live process holds: gives up with who holds it, and leaves it there', () => {
    const dir = tempDir();
    const lock = join(dir, 'config.json.lock');
    writeFileSync(lock, JSON.stringify({ pid: process.ppid, host: hostname(), token: 'theirs' }));
    let ran = false;
    const error = (() => {
      try {
        withFileLock(lock, () => (ran = true), { timeoutMs: 20 });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(LockBusyError);
    expect((error as LockBusyError).holder).toBe(`process ${process.ppid}`);
    expect(ran).toBe(false);
    expect(readdirSync(dir)).toEqual(['config.json.lock']);
  });
});
