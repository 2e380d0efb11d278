import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createBatchClient } from '../../src/api/index.js';
import { failure, readBody, sendJson, startStub, type Stub } from './stub.js';

// The HTTP layer's own rules, beyond what each call's mapping tests show: where the key goes when
// a server redirects, answers a client did not ask to be compressed, a server's word on retries,
// and an upload that is exactly the file or nothing.

const KEY = 'sk-transport-SECRET-5678';
const model = { id: 'm1', object: 'model', created: 1, owned_by: 'x' };
const stubs: Stub[] = [];
async function stub(handler: Parameters<typeof startStub>[0]): Promise<Stub> {
  const s = await startStub(handler);
  stubs.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(stubs.splice(0).map((s) => s.close()));
});

describe('redirects', () => {
  it('the key follows a redirect on its own host, never one to another host', async () => {
    const elsewhere = await stub((_req, res) => sendJson(res, 200, { object: 'list', data: [model] }));
    const home = await stub((req, res) => {
      if (req.url === '/v1/models') {
        res.writeHead(302, { location: '/v1/models-moved' });
        res.end();
      } else if (req.url === '/v1/models-moved') {
        res.writeHead(307, { location: `${elsewhere.origin}/storage/models` });
        res.end();
      }
    });
    const models = await createBatchClient({ baseURL: home.baseURL, apiKey: KEY }).listModels();
    expect(models.map((m) => m.id)).toEqual(['m1']);
    expect(home.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ['/v1/models', `Bearer ${KEY}`],
      ['/v1/models-moved', `Bearer ${KEY}`],
    ]);
    expect(elsewhere.requests).toHaveLength(1);
    expect(elsewhere.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('a redirect loop ends with a message, after five hops', async () => {
    const loop = await stub((req, res) => {
      res.writeHead(302, { location: req.url ?? '/' });
      res.end();
    });
    const err = await failure(createBatchClient({ baseURL: loop.baseURL, apiKey: KEY, maxRetries: 0 }).listModels());
    expect(err.kind).toBe('invalid_response');
    expect(err.message).toContain('redirected GET /models too many times');
    expect(loop.requests).toHaveLength(6);
  });
});

describe('answers and retries', () => {
  it('an answer compressed though not asked for is read as what it encodes', async () => {
    const s = await stub((_req, res) => {
      const body = gzipSync(JSON.stringify({ object: 'list', data: [model] }));
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': String(body.length),
      });
      res.end(body);
    });
    expect((await createBatchClient({ baseURL: s.baseURL, apiKey: KEY }).listModels()).map((m) => m.id)).toEqual([
      'm1',
    ]);
  });

  it('x-should-retry: false is obeyed even on a 503', async () => {
    const s = await stub((_req, res) =>
      sendJson(res, 503, { error: { message: 'down for good' } }, { 'x-should-retry': 'false' }),
    );
    const err = await failure(createBatchClient({ baseURL: s.baseURL, apiKey: KEY, maxRetries: 2 }).listModels());
    expect(err.kind).toBe('server');
    expect(s.requests).toHaveLength(1);
  });

  it('no key, no Authorization header at all', async () => {
    const s = await stub((_req, res) => sendJson(res, 200, []));
    await createBatchClient({ baseURL: s.baseURL, apiKey: '  ' }).listModels();
    expect(s.requests[0]?.headers.authorization).toBeUndefined();
  });
});

describe('uploads', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('declares its length (not chunked), and the server receives exactly the file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fizz-transport-'));
    const path = join(dir, 'in.jsonl');
    const content = Buffer.from('{"custom_id":"a"}\n'.repeat(50_000));
    writeFileSync(path, content);
    let received: Buffer = Buffer.alloc(0);
    const s = await stub(async (req, res) => {
      received = await readBody(req);
      sendJson(res, 200, {
        id: 'file-1',
        object: 'file',
        bytes: content.length,
        created_at: 1,
        filename: 'in.jsonl',
        purpose: 'batch',
      });
    });
    await createBatchClient({ baseURL: s.baseURL, apiKey: KEY }).uploadFile(path);
    const headers = s.requests[0]?.headers ?? {};
    expect(headers['transfer-encoding']).toBeUndefined();
    expect(Number(headers['content-length'])).toBe(received.length);
    const start = received.indexOf('\r\n\r\n', received.indexOf('filename="in.jsonl"')) + 4;
    expect(received.subarray(start, start + content.length).equals(content)).toBe(true);
  });

  it('a file that grows while it is sent is cut off: the server never gets a complete body', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fizz-transport-'));
    const path = join(dir, 'in.jsonl');
    writeFileSync(path, '{"custom_id":"a"}\n'.repeat(100_000));
    let complete: boolean | undefined;
    const s = await stub(async (req, res) => {
      const body = await readBody(req).catch(() => Buffer.alloc(0));
      complete = /--\r\n$/.test(body.toString('latin1'));
      sendJson(res, 200, {
        id: 'file-1',
        object: 'file',
        bytes: 1,
        created_at: 1,
        filename: 'in.jsonl',
        purpose: 'batch',
      });
    });
    let grown = false;
    const upload = createBatchClient({ baseURL: s.baseURL, apiKey: KEY }).uploadFile(path, {
      retries: 0,
      onProgress: (sent) => {
        if (sent > 0 && !grown) {
          grown = true;
          appendFileSync(path, '{"custom_id":"late"}\n'.repeat(100_000));
        }
      },
    });
    const err = await failure(upload);
    expect(err.message).toContain('changed while it was being uploaded');
    expect(complete).not.toBe(true);
  });
});
