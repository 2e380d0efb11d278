import { afterEach, describe, expect, it } from 'vitest';
import { createBatchClient } from '../../src/api/index.js';
import { parseRange } from '../../src/server/routes/files.js';
import { call, startClocked, uploadLines, type TestServer } from './helpers.js';

let server: TestServer;
afterEach(async () => server?.close());

const LINES = Array.from({ length: 20 }, (_, i) => `{"custom_id":"req-${i}","n":${i}}`);
const CONTENT = LINES.join('\n') + '\n';
const SIZE = Buffer.byteLength(CONTENT);

async function withFile(): Promise<string> {
  server = await startClocked();
  return uploadLines(server, LINES, 'out.jsonl');
}

const range = (value: string): RequestInit => ({ headers: { range: value } });

describe('GET /files/{id}/content with Range', () => {
  it('says it serves ranges on a plain request, and sends the whole file as before', async () => {
    const id = await withFile();
    const res = await call(server, `/files/${id}/content`);
    expect(res.status).toBe(200);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-length')).toBe(String(SIZE));
    expect(res.headers.get('content-range')).toBeNull();
    expect(res.text).toBe(CONTENT);
  });

  it('bytes=N- sends the rest with 206 and Content-Range', async () => {
    const id = await withFile();
    const res = await call(server, `/files/${id}/content`, range('bytes=100-'));
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 100-${SIZE - 1}/${SIZE}`);
    expect(res.headers.get('content-length')).toBe(String(SIZE - 100));
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.text).toBe(CONTENT.slice(100));
  });

  it('bytes=N-M sends that slice, an end past the file is cut at its last byte', async () => {
    const id = await withFile();
    const slice = await call(server, `/files/${id}/content`, range('bytes=10-19'));
    expect(slice.status).toBe(206);
    expect(slice.text).toBe(CONTENT.slice(10, 20));
    expect(slice.headers.get('content-range')).toBe(`bytes 10-19/${SIZE}`);
    const past = await call(server, `/files/${id}/content`, range(`bytes=${SIZE - 5}-${SIZE + 1000}`));
    expect(past.status).toBe(206);
    expect(past.text).toBe(CONTENT.slice(-5));
    expect(past.headers.get('content-range')).toBe(`bytes ${SIZE - 5}-${SIZE - 1}/${SIZE}`);
  });

  it('a range starting at or past the end is 416 with Content-Range: bytes */size', async () => {
    const id = await withFile();
    for (const value of [`bytes=${SIZE}-`, `bytes=${SIZE + 10}-${SIZE + 20}`]) {
      const res = await call<{ error: { code: string } }>(server, `/files/${id}/content`, range(value));
      expect(res.status).toBe(416);
      expect(res.headers.get('content-range')).toBe(`bytes */${SIZE}`);
      expect(res.body.error.code).toBe('range_not_satisfiable');
    }
  });

  it('ranges it does not serve (several, suffix, reversed, other units) get the whole file', async () => {
    const id = await withFile();
    for (const value of ['bytes=0-5,10-20', 'bytes=-100', 'bytes=50-10', 'items=0-1', 'nonsense']) {
      const res = await call(server, `/files/${id}/content`, range(value));
      expect(res.status, value).toBe(200);
      expect(res.text).toBe(CONTENT);
    }
  });

  it('the client resumes with start: partial, the whole size, and only the rest', async () => {
    const id = await withFile();
    const client = createBatchClient({ baseURL: server.url, maxRetries: 0 });
    const rest = await client.openContent(id, { start: 200 });
    const chunks: Buffer[] = [];
    for await (const chunk of rest.stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe(CONTENT.slice(200));
    expect(rest).toMatchObject({ partial: true, totalBytes: SIZE, contentLength: SIZE - 200, acceptRanges: true });

    const whole = await client.openContent(id);
    whole.stream.destroy();
    expect(whole).toMatchObject({ partial: false, totalBytes: SIZE, contentLength: SIZE, acceptRanges: true });

    await expect(client.openContent(id, { start: SIZE + 1 })).rejects.toMatchObject({ status: 416 });
  });
});

describe('parseRange', () => {
  it('reads one byte range and clamps it to the file', () => {
    expect(parseRange(undefined, 10)).toBeNull();
    expect(parseRange('bytes=0-', 10)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=3-4', 10)).toEqual({ start: 3, end: 4 });
    expect(parseRange('bytes=3-400', 10)).toEqual({ start: 3, end: 9 });
    expect(parseRange('bytes=10-', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-', 0)).toBe('unsatisfiable');
  });
});
