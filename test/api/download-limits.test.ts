import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { declaredSizeLimit } from '../../src/api/index.js';
import { waitFor } from '../support/wait.js';
import { endlessSender, failure, stubPerTest, type Handler } from './stub.js';

// A server decides how much it sends; the disk is the user's. These servers never stop sending.

const CHUNK = Buffer.from(`${JSON.stringify({ custom_id: 'x', response: { body: 'y'.repeat(900) } })}\n`.repeat(64));

const fixture = stubPerTest('fizz-download-limits-');
const clientFor = (handler: Handler) => fixture.clientFor(handler);

/** Chunked, no size declared, no ranges: the careless or hostile server. */
const endless = endlessSender(CHUNK);

describe('downloads stop at the declared size', () => {
  it('a body of no declared size stops at the ceiling, says so, and leaves nothing on disk', async () => {
    const client = await clientFor(endless);
    const limit = 3 * 1024 * 1024;
    const err = await failure(
      client.downloadFile('file-out', join(fixture.dir, 'out.jsonl'), { undeclaredLimitBytes: limit }),
    );
    expect(err.kind).toBe('invalid_response');
    expect(err.message).toMatch(
      /^127\.0\.0\.1:\d+ sent file-out without declaring its size, and it went past 3,145,728 bytes, the most fizz-batch downloads without a declared size; stopped at [\d,]+ bytes\.$/,
    );
    const stoppedAt = Number(/stopped at ([\d,]+)/.exec(err.message)![1]!.replaceAll(',', ''));
    expect(stoppedAt).toBeGreaterThan(limit);
    expect(stoppedAt).toBeLessThan(limit + 1024 * 1024);
    expect(await readdir(fixture.dir)).toEqual([]);
  });

  it("a body that goes past the file object's size (plus the margin) stops there", async () => {
    const client = await clientFor(endless);
    const err = await failure(
      client.downloadFile('file-out', join(fixture.dir, 'out.jsonl'), { declaredBytes: 20_000 }),
    );
    expect(err.kind).toBe('invalid_response');
    expect(err.message).toMatch(
      /^127\.0\.0\.1:\d+ sent more than the 20,000 bytes it declared for file-out; stopped at [\d,]+ bytes\.$/,
    );
    const stoppedAt = Number(/stopped at ([\d,]+)/.exec(err.message)![1]!.replaceAll(',', ''));
    expect(stoppedAt).toBeGreaterThan(declaredSizeLimit(20_000));
    expect(stoppedAt).toBeLessThan(declaredSizeLimit(20_000) + 1024 * 1024);
    expect(await readdir(fixture.dir)).toEqual([]);
  });

  it('a compressed body is held to the ceiling, not to its Content-Length (a gzip bomb)', async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 'a'));
    const client = await clientFor((_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-encoding': 'gzip',
        'content-length': String(bomb.length),
      });
      res.end(bomb);
    });
    const err = await failure(
      client.downloadFile('file-out', join(fixture.dir, 'out.jsonl'), { undeclaredLimitBytes: 2 * 1024 * 1024 }),
    );
    expect(err.message).toMatch(/without declaring its size, and it went past 2,097,152 bytes/);
    expect(await readdir(fixture.dir)).toEqual([]);
  });

  it('within the margin the file is taken: sizes are counted a little differently by some providers', async () => {
    const body = Buffer.concat([CHUNK, CHUNK]);
    const client = await clientFor((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(body);
    });
    const result = await client.downloadFile('file-out', join(fixture.dir, 'out.jsonl'), {
      declaredBytes: body.length - 100,
      undeclaredLimitBytes: 1,
    });
    expect(result.bytes).toBe(body.length);
    expect(await readdir(fixture.dir)).toEqual(['out.jsonl']);
  });
});

describe('a stream that fails before it is read', () => {
  it('keeps the failure for the reader instead of throwing it unheard', async () => {
    const client = await clientFor((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(Buffer.concat(Array.from({ length: 8 }, () => CHUNK)));
    });
    // The reader is not there yet while the body passes its limit: the failure must wait for it.
    const stream = await client.openContentStream('file-out', { undeclaredLimitBytes: 10_000 });
    await waitFor(
      'the body to pass its limit',
      async () => stream.errored,
      (errored) => errored !== null,
    );
    const read = (async () => {
      for await (const _chunk of stream as AsyncIterable<Buffer>) void _chunk;
    })();
    const err = await failure(read);
    expect(err.message).toMatch(/without declaring its size, and it went past 10,000 bytes/);
  });
});
