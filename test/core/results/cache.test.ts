import { existsSync, mkdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCacheDir, ensureFilesDir, hostKeyOf } from '../../../src/core/results/cache-dir.js';
import {
  cacheEntry,
  cacheFileName,
  holdCacheFile,
  pruneCache,
  readPartialDownload,
  releaseCacheFile,
  writePartialDownload,
  type PartialDownload,
} from '../../../src/core/results/cache.js';
import { tempDir } from '../../support/batch-files.js';

describe('defaultCacheDir', () => {
  it('FIZZ_CACHE_DIR wins, then an absolute XDG_CACHE_HOME, then the platform', () => {
    const home = '/home/ann';
    expect(defaultCacheDir({ env: { FIZZ_CACHE_DIR: '/tmp/fc', XDG_CACHE_HOME: '/x' }, platform: 'linux', home })).toBe(
      '/tmp/fc',
    );
    expect(defaultCacheDir({ env: { XDG_CACHE_HOME: '/x/cache' }, platform: 'linux', home })).toBe(
      '/x/cache/fizz-batch',
    );
    expect(defaultCacheDir({ env: { XDG_CACHE_HOME: 'relative/cache' }, platform: 'linux', home })).toBe(
      '/home/ann/.cache/fizz-batch',
    );
    expect(defaultCacheDir({ env: {}, platform: 'linux', home })).toBe('/home/ann/.cache/fizz-batch');
    expect(defaultCacheDir({ env: {}, platform: 'darwin', home: '/Users/ann' })).toBe(
      '/Users/ann/Library/Caches/fizz-batch',
    );
    expect(
      defaultCacheDir({
        env: { LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' },
        platform: 'win32',
        home: 'C:\\Users\\ann',
      }),
    ).toBe('C:\\Users\\ann\\AppData\\Local\\fizz-batch\\Cache');
  });
});

describe('hostKeyOf', () => {
  it('one short key per provider, whatever the spelling of its base URL', () => {
    const key = hostKeyOf('https://api.fizz.ai/v1');
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    expect(hostKeyOf('https://API.fizz.ai/v1/')).toBe(key);
    expect(hostKeyOf('https://api.openai.com/v1')).not.toBe(key);
    expect(hostKeyOf('http://127.0.0.1:8080/v1')).not.toBe(hostKeyOf('http://127.0.0.1:8081/v1'));
  });
});

describe('ensureFilesDir', () => {
  it('creates <cache>/files/<host> readable by the owner only', async () => {
    const root = join(tempDir('fizz-cache-'), 'cache');
    const dir = await ensureFilesDir(root, 'abc123');
    expect(dir).toBe(join(root, 'files', 'abc123'));
    expect(statSync(dir).isDirectory()).toBe(true);
    if (process.platform !== 'win32') expect(statSync(root).mode & 0o777).toBe(0o700);
  });

  it('says which directory it could not create and how to choose another', async () => {
    const blocker = join(tempDir('fizz-cache-'), 'a-file');
    writeFileSync(blocker, '');
    await expect(ensureFilesDir(blocker, 'abc')).rejects.toThrow(
      /Cannot create the cache directory .*a-file.*Set FIZZ_CACHE_DIR/,
    );
  });
});

describe('cacheFileName', () => {
  it('keeps ordinary ids as they are', () => {
    expect(cacheFileName('file-abc123')).toBe('file-abc123');
    expect(cacheFileName('file_ABC-9')).toBe('file_ABC-9');
  });

  it('never yields a path separator, a dot-dot or a device name', () => {
    for (const id of ['../../etc/passwd', '..', 'a/b', 'a\\b', 'C:x', '.hidden', 'CON', 'nul', 'lpt1']) {
      const name = cacheFileName(id);
      expect(name).not.toContain('/');
      expect(name).not.toContain('\\');
      expect(name).not.toContain(sep);
      expect(name).not.toContain('..');
      expect(name).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)$/i);
      expect(join('/cache', name).startsWith('/cache/')).toBe(true);
    }
  });

  it('gives distinct ids distinct names, long ones included', () => {
    const ids = ['a/b', 'a_b', 'a%2Fb', 'a.b', 'a%2Eb', 'x'.repeat(300), 'x'.repeat(299) + 'y', 'é', 'CON', '%43ON'];
    expect(new Set(ids.map(cacheFileName)).size).toBe(ids.length);
    expect(cacheFileName('x'.repeat(300)).length).toBeLessThanOrEqual(120);
    expect(() => cacheFileName('')).toThrow(RangeError);
  });

  it('names the complete copy, the partial download and its record apart', () => {
    expect(cacheEntry('/c/files/h', 'file-1')).toEqual({
      complete: join('/c/files/h', 'file-1.jsonl'),
      part: join('/c/files/h', 'file-1.jsonl.part'),
      meta: join('/c/files/h', 'file-1.part.json'),
    });
  });
});

describe('partial download records', () => {
  const record: PartialDownload = {
    fileId: 'file-1',
    bytes: 1234,
    totalBytes: 5000,
    etag: '"v1"',
    lastModified: null,
    acceptRanges: true,
    updatedAt: 1_750_000_000_000,
  };

  it('round-trip, and are written without leaving a temp file', async () => {
    const dir = tempDir('fizz-cache-');
    const path = join(dir, 'file-1.part.json');
    await writePartialDownload(path, record);
    expect(await readPartialDownload(path, 'file-1')).toEqual(record);
    expect(await readdir(dir)).toEqual(['file-1.part.json']);
  });

  it('a missing, damaged or foreign record is no record', async () => {
    const dir = tempDir('fizz-cache-');
    const path = join(dir, 'r.part.json');
    expect(await readPartialDownload(path, 'file-1')).toBeNull();
    writeFileSync(path, '{"fileId":"file-1","bytes":');
    expect(await readPartialDownload(path, 'file-1')).toBeNull();
    writeFileSync(path, JSON.stringify({ ...record, bytes: -5 }));
    expect(await readPartialDownload(path, 'file-1')).toBeNull();
    await writePartialDownload(path, record);
    expect(await readPartialDownload(path, 'file-2')).toBeNull();
  });
});

describe('pruneCache', () => {
  const DAY = 86_400_000;
  const now = Date.now();

  function put(dir: string, name: string, bytes: number, ageMs: number): string {
    const path = join(dir, name);
    writeFileSync(path, Buffer.alloc(bytes));
    const when = new Date(now - ageMs);
    utimesSync(path, when, when);
    return path;
  }

  it('removes the least recently opened complete files until the cache fits its budget', async () => {
    const root = tempDir('fizz-cache-');
    const a = join(root, 'files', 'host-a');
    const b = join(root, 'files', 'host-b');
    mkdirSync(a, { recursive: true });
    mkdirSync(b, { recursive: true });
    const oldest = put(a, 'file-1.jsonl', 400, 3 * DAY);
    const middle = put(b, 'file-2.jsonl', 400, 2 * DAY);
    const newest = put(a, 'file-3.jsonl', 400, 1 * DAY);
    const result = await pruneCache(root, { budgetBytes: 900, now });
    expect(result.removed).toEqual([oldest]);
    expect(result.bytes).toBe(800);
    expect([existsSync(oldest), existsSync(middle), existsSync(newest)]).toEqual([false, true, true]);
  });

  it('never removes a file an open document uses', async () => {
    const root = tempDir('fizz-cache-');
    const dir = join(root, 'files', 'h');
    mkdirSync(dir, { recursive: true });
    const inUse = put(dir, 'file-1.jsonl', 500, 5 * DAY);
    const other = put(dir, 'file-2.jsonl', 500, 1 * DAY);
    holdCacheFile(inUse);
    try {
      const result = await pruneCache(root, { budgetBytes: 100, now });
      expect(result.removed).toEqual([other]);
      expect(existsSync(inUse)).toBe(true);
    } finally {
      releaseCacheFile(inUse);
    }
    expect((await pruneCache(root, { budgetBytes: 100, now })).removed).toEqual([inUse]);
  });

  it('removes partial downloads left for more than a week, keeps recent ones', async () => {
    const root = tempDir('fizz-cache-');
    const dir = join(root, 'files', 'h');
    mkdirSync(dir, { recursive: true });
    const stalePart = put(dir, 'file-1.jsonl.part', 10, 8 * DAY);
    const staleMeta = put(dir, 'file-1.part.json', 10, 8 * DAY);
    const freshPart = put(dir, 'file-2.jsonl.part', 10, 1 * DAY);
    const result = await pruneCache(root, { now });
    expect(result.removed.sort()).toEqual([stalePart, staleMeta].sort());
    expect(existsSync(freshPart)).toBe(true);
  });

  it('an empty or missing cache is fine', async () => {
    expect(await pruneCache(join(tempDir('fizz-cache-'), 'nothing-here'))).toEqual({ removed: [], bytes: 0 });
  });
});
