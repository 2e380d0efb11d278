import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBatchClient } from '../../../src/api/index.js';
import { cacheEntry } from '../../../src/core/results/cache.js';
import { openRemoteDocument, type RemoteDocument } from '../../../src/core/results/remote-document/document.js';
import { endlessSender, startStub, type Handler, type Stub } from '../../api/stub.js';
import { tempDir } from '../../support/batch-files.js';
import { waitFor } from '../../support/wait.js';

// The results pager against a server that never stops sending: the cache must not fill the disk,
// and leaving the pager must not leave gigabytes behind for a week.

const HOST = 'testhost';
const FILE = 'file-out';
const LINE = `${JSON.stringify({ custom_id: 'req', response: { status_code: 200, body: { text: 'z'.repeat(900) } }, error: null })}\n`;
const CHUNK = Buffer.from(LINE.repeat(64));

let stub: Stub | undefined;
const opened: RemoteDocument[] = [];
afterEach(async () => {
  for (const doc of opened.splice(0)) await doc.close();
  await stub?.close();
  stub = undefined;
});

/** Chunked, no size declared, no ranges: the careless or hostile server. */
const endless = endlessSender(CHUNK);

/** Sends one chunk, then holds the connection open without a byte more. */
const oneChunkThenQuiet =
  (headers: Record<string, string>): Handler =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream', ...headers });
    res.write(CHUNK);
  };

async function open(
  handler: Handler,
  cacheDir: string,
  extra: { declaredBytes?: number; undeclaredLimitBytes?: number } = {},
): Promise<RemoteDocument> {
  stub = await startStub(handler);
  const client = createBatchClient({ baseURL: stub.baseURL, apiKey: 'k', maxRetries: 0 });
  const doc = await openRemoteDocument({ client, fileId: FILE, cacheDir, hostKey: HOST, ...extra });
  opened.push(doc);
  return doc;
}

const filesIn = (cacheDir: string): string[] => readdirSync(join(cacheDir, 'files', HOST));
const entryOf = (cacheDir: string) => cacheEntry(join(cacheDir, 'files', HOST), FILE);
const failed = (doc: RemoteDocument) =>
  waitFor(
    'an error',
    async () => doc.getState().error,
    (error) => error !== null,
  );

describe('openRemoteDocument against a server that never stops', () => {
  it('stops at the ceiling when no size is declared, says so, and removes what arrived from the cache', async () => {
    const cacheDir = tempDir('fizz-remote-limits-');
    const doc = await open(endless, cacheDir, { undeclaredLimitBytes: 4 * 1024 * 1024 });
    const error = (await failed(doc)) as Error;
    expect(error.message).toMatch(
      /sent file-out without declaring its size, and it went past 4,194,304 bytes, the most fizz-batch downloads without a declared size; stopped at [\d,]+ bytes\.$/,
    );
    expect(doc.getState().bytes).toBeLessThanOrEqual(4 * 1024 * 1024);
    // Gone from the cache at once; the lines on screen stay readable until the pager closes.
    expect(filesIn(cacheDir)).toEqual([]);
    expect((await doc.readLine(0)).text).toBe(LINE.trimEnd());
    doc.retry();
    expect(doc.getState().error).toBe(error);
    // So the pager does not offer r, which would do nothing.
    expect(doc.getState().retryable).toBe(false);
  });

  it("stops a little past the file object's size (bytes), and removes what arrived", async () => {
    const cacheDir = tempDir('fizz-remote-limits-');
    const declared = 10 * CHUNK.length;
    const doc = await open(endless, cacheDir, { declaredBytes: declared });
    const error = (await failed(doc)) as Error;
    expect(error.message).toMatch(
      new RegExp(
        `sent more than the ${declared.toLocaleString('en-US')} bytes it declared for file-out; stopped at [\\d,]+ bytes\\.$`,
      ),
    );
    expect(doc.getState().complete).toBe(false);
    expect(filesIn(cacheDir)).toEqual([]);
  });

  it('a declared size the disk cannot hold is refused before a byte is written', async () => {
    const cacheDir = tempDir('fizz-remote-limits-');
    const petabytes = 2 ** 52;
    for (const how of ['file object', 'Content-Length'] as const) {
      const handler = how === 'Content-Length' ? oneChunkThenQuiet({ 'content-length': String(petabytes) }) : endless;
      const doc = await open(handler, cacheDir, how === 'file object' ? { declaredBytes: petabytes } : {});
      const error = (await failed(doc)) as Error;
      expect(error.message).toMatch(
        /^Not downloading file-out: 4096 TB more are declared, and the cache \(.+\) has [\d.]+ [KMGT]?B free\. Free some space \(r tries again\), or set FIZZ_CACHE_DIR to a disk with room\.$/,
      );
      expect(doc.getState().bytes).toBe(0);
      await doc.close();
      opened.splice(0);
      await stub?.close();
      stub = undefined;
      expect(filesIn(cacheDir)).toEqual([]);
    }
  });

  it('leaving the pager mid-download of a file of no declared size leaves nothing in the cache', async () => {
    const cacheDir = tempDir('fizz-remote-limits-');
    const doc = await open(endless, cacheDir);
    await waitFor(
      'a megabyte',
      async () => doc.getState().bytes,
      (bytes) => bytes > 1024 * 1024,
    );
    expect(existsSync(entryOf(cacheDir).part)).toBe(true);
    await doc.close();
    expect(filesIn(cacheDir)).toEqual([]);
  });

  it('leaving mid-download from a server that serves no ranges leaves nothing: the next open starts over anyway', async () => {
    const cacheDir = tempDir('fizz-remote-limits-');
    const doc = await open(oneChunkThenQuiet({ 'content-length': String(CHUNK.length * 100) }), cacheDir);
    await waitFor(
      'the first chunk',
      async () => doc.getState().bytes,
      (bytes) => bytes === CHUNK.length,
    );
    await doc.close();
    expect(filesIn(cacheDir)).toEqual([]);
  });

  it('leaving mid-download of a declared size from a server that serves ranges keeps the part to resume', async () => {
    const cacheDir = tempDir('fizz-remote-limits-');
    const doc = await open(
      oneChunkThenQuiet({ 'content-length': String(CHUNK.length * 100), 'accept-ranges': 'bytes', etag: '"v1"' }),
      cacheDir,
    );
    await waitFor(
      'the first chunk',
      async () => doc.getState().bytes,
      (bytes) => bytes === CHUNK.length,
    );
    await doc.close();
    const entry = entryOf(cacheDir);
    expect(filesIn(cacheDir).sort()).toEqual(
      [entry.meta, entry.part].map((p) => p.slice(p.lastIndexOf('/') + 1)).sort(),
    );
  });
});
