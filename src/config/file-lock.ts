import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';

export interface FileLockOptions {
  /** How long to wait for another process to let go before giving up. */
  timeoutMs?: number;
  /**
   * A lock older than this is taken to be left behind by a process that hung or died on another
   * host. Holders keep it for the milliseconds a read and a write of a small file take.
   */
  staleMs?: number;
}

/** Another process holds the lock and did not let go in time. */
export class LockBusyError extends Error {
  override readonly name = 'LockBusyError';
  constructor(
    readonly lockPath: string,
    readonly holder: string,
  ) {
    super(`${lockPath} is held by ${holder}`);
  }
}

interface LockOwner {
  pid: number;
  host: string;
  token: string;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Runs `work` while holding `lockPath`, a file created with O_EXCL that every fizz-batch process
 * respects. A lock whose process is gone (same host, pid not alive) or that is older than
 * `staleMs` is broken. Synchronous on purpose: the config is saved from key handlers, and the
 * lock is held only for a read and an atomic write of a few kilobytes.
 * Errors other than "someone holds it" (EACCES in a read-only directory, EROFS) are thrown as
 * they are, for the caller to put in words.
 */
export function withFileLock<T>(
  lockPath: string,
  work: () => T,
  { timeoutMs = 5000, staleMs = 10_000 }: FileLockOptions = {},
): T {
  const me: LockOwner = { pid: process.pid, host: hostname(), token: randomBytes(8).toString('hex') };
  const deadline = Date.now() + timeoutMs;
  let waitMs = 2;
  for (;;) {
    if (tryCreate(lockPath, me)) break;
    if (breakIfStale(lockPath, staleMs)) continue;
    if (Date.now() >= deadline) throw new LockBusyError(lockPath, describeHolder(readOwner(lockPath)));
    Atomics.wait(sleeper, 0, 0, waitMs);
    waitMs = Math.min(waitMs * 2, 50);
  }
  try {
    return work();
  } finally {
    release(lockPath, me);
  }
}

function tryCreate(lockPath: string, me: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx', 0o600);
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, JSON.stringify(me));
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Removes a lock left by a dead or hung process; true when it did. The lock is first renamed to
 * a name of our own and read there: if it is not the one judged stale (a live process took the
 * lock in between), it is put back, so a live holder never loses its lock to us.
 */
function breakIfStale(lockPath: string, staleMs: number): boolean {
  const judged = readLock(lockPath);
  if (!judged || !isStale(judged, staleMs)) return false;
  const aside = `${lockPath}.stale-${randomBytes(6).toString('hex')}`;
  try {
    renameSync(lockPath, aside);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return true; // its holder let go meanwhile
    throw error;
  }
  const moved = readLock(aside);
  if (moved && moved.text !== judged.text) {
    try {
      linkSync(aside, lockPath);
    } catch {
      // Someone else holds a new lock already: the one moved aside is its holder's no more.
    }
  }
  unlinkQuietly(aside);
  return true;
}

function isStale(lock: { text: string; ageMs: number }, staleMs: number): boolean {
  if (lock.ageMs > staleMs) return true;
  const owner = parseOwner(lock.text);
  // A lock without an owner yet was created a moment ago and is being written; give it time.
  if (!owner || owner.host !== hostname()) return false;
  return !isAlive(owner.pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return codeOf(error) === 'EPERM'; // alive, someone else's
  }
}

function release(lockPath: string, me: LockOwner): void {
  // Only our own lock: if ours was broken as stale, the file there now is someone else's.
  if (readOwner(lockPath)?.token === me.token) unlinkQuietly(lockPath);
}

function readLock(path: string): { text: string; ageMs: number } | null {
  try {
    const ageMs = Date.now() - statSync(path).mtimeMs;
    return { text: readFileSync(path, 'utf8'), ageMs };
  } catch {
    return null;
  }
}

function readOwner(path: string): LockOwner | null {
  const lock = readLock(path);
  return lock ? parseOwner(lock.text) : null;
}

/** The lock file is read like any other file: what is in it may be anything. */
function parseOwner(text: string): LockOwner | null {
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== 'object') return null;
    const { pid, host, token } = value as Record<string, unknown>;
    if (!Number.isSafeInteger(pid) || (pid as number) <= 0 || typeof host !== 'string' || typeof token !== 'string')
      return null;
    return { pid: pid as number, host, token };
  } catch {
    return null;
  }
}

function describeHolder(owner: LockOwner | null): string {
  if (!owner) return 'another process';
  return owner.host === hostname() ? `process ${owner.pid}` : `a process on another host`;
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}
