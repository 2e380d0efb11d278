import type { ServerResponse } from 'node:http';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBatchClient, declaredSizeLimit, type BatchClient } from '../../src/api/index.js';
import { failure, startStub, type Handler, type Stub } from './stub.js';

// A server decides how much it sends; the disk is the user's. These servers never stop sending.

const CHUNK = Buffer.from(`${JSON.stringify({ custom_id: 'x', response: { body: 'y'.repeat(900) } })}\n`.repeat(64));

let dir: string;
let stub: Stub | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fizz-download-limits-'));
});
afterEach(async () => {
  await stub?.close();
  stub = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function clientFor(handler: Handler): Promise<BatchClient> {
  stub = await startStub(handler);
  return createBatchClient({ baseURL: stub.baseURL, apiKey: 'k', maxRetries: 0 });
}

/** Writes CHUNK after CHUNK, as fast as the client takes them, until the client hangs up. */
function sendForever(res: ServerResponse): void {
  const more = () => {
    while (!res.destroyed && res.write(CHUNK));
    if (!res.destroyed) res.once('drain', more);
  };
  more();
}

/** No Content-Length: chunked, of no declared size. */
const endless: Handler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/octet-stream' });
  sendForever(res);
};

describe('downloads stop at the declared size', () => {
  it('a body of no declared size stops at the ceiling, says so, and leaves nothing on disk', async () => {
    const client = await clientFor(endless);
    const limit = 3 * 1024 * 1024;
    const err = await failure(client.downloadFile('file-out', join(dir, 'out.jsonl'), { undeclaredLimitBytes: limit }));
    expect(err.kind).toBe('invalid_response');
    expect(err.message).toMatch(/^127\.0\.0\.1:\d+ sent file-out without declaring its size, and it went past 3,145,728 bytes, the most fizz-batch downloads without a declared size; stopped at [\d,]+ bytes\.$/);
    const stoppedAt = Number(/stopped at ([\d,]+)/.exec(err.message)![1]!.replaceAll(',', ''));
    expect(stoppedAt).toBeGreaterThan(limit);
    expect(stoppedAt).toBeLessThan(limit + 1024 * 1024);
    expect(await readdir(dir)).toEqual([]);
  });

  it("a body that goes past the file object's size (plus the margin) stops there", async () => {
    const client = await clientFor(endless);
    const err = await failure(client.downloadFile('file-out', join(dir, 'out.jsonl'), { declaredBytes: 20_000 }));
    expect(err.kind).toBe('invalid_response');
    expect(err.message).toMatch(/^127\.0\.0\.1:\d+ sent more than the 20,000 bytes it declared for file-out; stopped at [\d,]+ bytes\.$/);
    const stoppedAt = Number(/stopped at ([\d,]+)/.exec(err.message)![1]!.replaceAll(',', ''));
    expect(stoppedAt).toBeGreaterThan(declaredSizeLimit(20_000));
    expect(stoppedAt).toBeLessThan(declaredSizeLimit(20_000) + 1024 * 1024);
    expect(await readdir(dir)).toEqual([]);
  });

  it('a compressed body is held to the ceiling, not to its Content-Length (a gzip bomb)', async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 'a'));
    const client = await clientFor((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-encoding': 'gzip', 'content-length': String(bomb.length) });
      res.end(bomb);
    });
    const err = await failure(client.downloadFile('file-out', join(dir, 'out.jsonl'), { undeclaredLimitBytes: 2 * 1024 * 1024 }));
    expect(err.message).toMatch(/without declaring its size, and it went past 2,097,152 bytes/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('within the margin the file is taken: sizes are counted a little differently by some providers', async () => {
    const body = Buffer.concat([CHUNK, CHUNK]);
    const client = await clientFor((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(body);
    });
    const result = await client.downloadFile('file-out', join(dir, 'out.jsonl'), { declaredBytes: body.length - 100, undeclaredLimitBytes: 1 });
    expect(result.bytes).toBe(body.length);
    expect(await readdir(dir)).toEqual(['out.jsonl']);
  });
});
