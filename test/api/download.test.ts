import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { failure, sendJson, stubPerTest, type Handler } from './stub.js';

const body = Buffer.from(
  Array.from({ length: 20000 }, (_, i) =>
    JSON.stringify({ id: `batch_req_${i}`, custom_id: `r${i}`, response: { status_code: 200, body: {} }, error: null }),
  ).join('\n') + '\n',
);

const fixture = stubPerTest('fizz-download-');
const clientFor = (handler: Handler) => fixture.clientFor(handler);

const serveAll: Handler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length) });
  res.end(body);
};

/** Headers promise `body.length` bytes; half are sent, then `then` decides what happens. */
const serveHalf =
  (then: 'drop' | 'stall'): Handler =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length) });
    res.write(body.subarray(0, body.length / 2), () => {
      if (then === 'drop') res.socket?.destroy();
    });
  };

describe('downloadFile', () => {
  it('writes to a temp file and renames it into place', async () => {
    const client = await clientFor(serveAll);
    const dest = join(fixture.dir, 'out.jsonl');
    const progress: [number, number | null][] = [];
    let destExistedDuringTransfer = false;
    const result = await client.downloadFile('file-out', dest, {
      onProgress: (bytes, total) => {
        progress.push([bytes, total]);
        destExistedDuringTransfer ||= existsSync(dest);
      },
    });
    expect(result).toEqual({ path: dest, bytes: body.length });
    expect((await readFile(dest)).equals(body)).toBe(true);
    expect(await readdir(fixture.dir)).toEqual(['out.jsonl']);
    expect(destExistedDuringTransfer).toBe(false);
    expect(progress.at(-1)).toEqual([body.length, body.length]);
    expect(fixture.stub?.requests[0]?.url).toBe('/v1/files/file-out/content');
  });

  it('a truncated body (Content-Length larger than sent) leaves no dest and no temp file', async () => {
    const client = await clientFor(serveHalf('drop'));
    const dest = join(fixture.dir, 'out.jsonl');
    const err = await failure(client.downloadFile('file-out', dest));
    expect(err.kind).toBe('unreachable');
    expect(await readdir(fixture.dir)).toEqual([]);
  });

  it('a failed download never touches an existing dest', async () => {
    const client = await clientFor(serveHalf('drop'));
    const dest = join(fixture.dir, 'out.jsonl');
    await writeFile(dest, 'previous complete content');
    await failure(client.downloadFile('file-out', dest));
    expect(await readFile(dest, 'utf8')).toBe('previous complete content');
    expect(await readdir(fixture.dir)).toEqual(['out.jsonl']);
  });

  it('the idle watchdog stops a stalled body', async () => {
    const client = await clientFor(serveHalf('stall'));
    const dest = join(fixture.dir, 'out.jsonl');
    const err = await failure(client.downloadFile('file-out', dest, { idleTimeoutMs: 100 }));
    expect(err.kind).toBe('timeout');
    expect(err.message).toMatch(/^No data from 127\.0\.0\.1:\d+ for 100ms while reading file-out/);
    expect(await readdir(fixture.dir)).toEqual([]);
  });

  it('cancelling mid-way leaves nothing behind', async () => {
    const client = await clientFor(serveHalf('stall'));
    const ac = new AbortController();
    const err = await failure(
      client.downloadFile('file-out', join(fixture.dir, 'out.jsonl'), {
        signal: ac.signal,
        onProgress: () => ac.abort(),
      }),
    );
    expect(err.kind).toBe('cancelled');
    expect(await readdir(fixture.dir)).toEqual([]);
  });

  it('maps an HTTP error and removes the temp file', async () => {
    const client = await clientFor((_req, res) =>
      sendJson(res, 404, { error: { message: 'No such File object: file-x', param: 'id' } }),
    );
    const err = await failure(client.downloadFile('file-x', join(fixture.dir, 'out.jsonl')));
    expect(err.kind).toBe('not_found');
    expect(await readdir(fixture.dir)).toEqual([]);
  });

  it('fails before any request when the destination directory does not exist', async () => {
    const client = await clientFor(serveAll);
    const dest = join(fixture.dir, 'missing', 'out.jsonl');
    const err = await failure(client.downloadFile('file-out', dest));
    expect(err).toMatchObject({ kind: 'bad_request', code: 'ENOENT' });
    expect(err.message).toBe(`Cannot save to ${dest}: no such file or directory (ENOENT).`);
    expect(fixture.stub?.requests).toHaveLength(0);
  });

  it('with overwrite: false refuses an existing dest atomically', async () => {
    const client = await clientFor(serveAll);
    const dest = join(fixture.dir, 'out.jsonl');
    await writeFile(dest, 'keep me');
    const err = await failure(client.downloadFile('file-out', dest, { overwrite: false }));
    expect(err.code).toBe('EEXIST');
    expect(await readFile(dest, 'utf8')).toBe('keep me');
    expect(await readdir(fixture.dir)).toEqual(['out.jsonl']);
  });
});

describe('openContentStream', () => {
  it('streams the content', async () => {
    const client = await clientFor(serveAll);
    const chunks: Buffer[] = [];
    for await (const chunk of await client.openContentStream('file-out')) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(body)).toBe(true);
  });

  it('a slow reader is not a stalled server: backpressure does not trip the watchdog', async () => {
    const client = await clientFor(serveAll);
    const stream = await client.openContentStream('file-out', { idleTimeoutMs: 50 });
    await delay(300); // the reader does nothing for 6 idle periods while buffers are full
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).length).toBe(body.length);
  });

  it('emits an ApiError when the server stalls', async () => {
    const client = await clientFor(serveHalf('stall'));
    const stream = await client.openContentStream('file-out', { idleTimeoutMs: 100 });
    const err = await failure(
      (async () => {
        for await (const _chunk of stream) {
          // drain
        }
      })(),
    );
    expect(err.kind).toBe('timeout');
  });
});
