import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBatchClient } from '../../src/api/index.js';
import { failure, readBody, sendJson, startStub, type Stub } from './stub.js';

let dir: string;
let file: string;
let content: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fizz-upload-'));
  file = join(dir, 'requests.jsonl');
  const line = (i: number) =>
    JSON.stringify({
      custom_id: `r${i}`,
      method: 'POST',
      url: '/v1/chat/completions',
      body: { model: 'm', messages: [{ role: 'user', content: 'x'.repeat(100) }] },
    });
  content = Buffer.from(Array.from({ length: 8000 }, (_, i) => line(i)).join('\n') + '\n'); // ~1.4 MB, many chunks
  await writeFile(file, content);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let stub: Stub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

const fileObject = {
  id: 'file-up1',
  object: 'file',
  bytes: 0,
  created_at: '1733832768',
  filename: 'requests.jsonl',
  purpose: 'batch',
};

function multipartHasFile(body: Buffer): boolean {
  const text = body.toString('utf8');
  return (
    text.includes('name="purpose"') &&
    text.includes(content.subarray(0, 200).toString('utf8')) &&
    text.includes(content.subarray(content.length - 200).toString('utf8')) &&
    /--[^\r\n]+--\r\n$/.test(text)
  );
}

describe('uploadFile', () => {
  it('streams the file as multipart, reports progress up to the total, and returns the normalized file', async () => {
    let received: Buffer = Buffer.alloc(0);
    stub = await startStub(async (req, res) => {
      received = await readBody(req);
      sendJson(res, 200, { ...fileObject, bytes: content.length });
    });
    const client = createBatchClient({ baseURL: stub.baseURL, apiKey: 'k' });
    const progress: [number, number][] = [];
    const f = await client.uploadFile(file, { onProgress: (sent, total) => progress.push([sent, total]) });
    expect(f).toEqual({
      id: 'file-up1',
      bytes: content.length,
      createdAt: 1733832768,
      filename: 'requests.jsonl',
      purpose: 'batch',
      status: null,
      expiresAt: null,
    });
    expect(stub.requests[0]?.url).toBe('/v1/files');
    expect(stub.requests[0]?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(multipartHasFile(received)).toBe(true);
    expect(received.toString().includes('filename="requests.jsonl"')).toBe(true);
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)).toEqual([content.length, content.length]);
    for (let i = 1; i < progress.length; i++) expect(progress[i]![0]).toBeGreaterThanOrEqual(progress[i - 1]![0]);
  });

  it('aborts mid-way: cancelled, and the server never gets a complete body', async () => {
    let resolveClosed: (complete: boolean) => void = () => undefined;
    const closed = new Promise<boolean>((resolve) => (resolveClosed = resolve));
    stub = await startStub((req) => {
      let complete = false;
      req.on('data', () => undefined);
      req.on('end', () => (complete = true));
      req.on('close', () => resolveClosed(complete));
    });
    const client = createBatchClient({ baseURL: stub.baseURL, apiKey: 'k' });
    const ac = new AbortController();
    const err = await failure(
      client.uploadFile(file, {
        signal: ac.signal,
        onProgress: (sent) => {
          if (sent > 0) ac.abort();
        },
      }),
    );
    expect(err.kind).toBe('cancelled');
    expect(err.message).toContain('requests.jsonl');
    expect(await closed).toBe(false);
    expect(stub.requests).toHaveLength(1);
  });

  it('retries by reopening the file after the server drops the connection', async () => {
    let second: Buffer = Buffer.alloc(0);
    stub = await startStub(async (req, res, n) => {
      if (n === 1) {
        req.once('data', () => req.socket.destroy());
        return;
      }
      second = await readBody(req);
      sendJson(res, 200, fileObject);
    });
    const client = createBatchClient({ baseURL: stub.baseURL, apiKey: 'k' });
    const starts: number[] = [];
    const f = await client.uploadFile(file, {
      retryDelayMs: 1,
      onProgress: (sent) => {
        if (sent === 0) starts.push(sent);
      },
    });
    expect(f.id).toBe('file-up1');
    expect(stub.requests).toHaveLength(2);
    expect(starts).toHaveLength(2); // progress restarted for the second attempt
    expect(multipartHasFile(second)).toBe(true);
  });

  it('retries a 5xx, but never a 4xx', async () => {
    stub = await startStub(async (req, res, n) => {
      await readBody(req);
      if (n === 1) sendJson(res, 502, { error: { message: 'bad gateway' } });
      else if (n === 2) sendJson(res, 200, fileObject);
      else sendJson(res, 400, { error: { message: 'Invalid file format', param: 'file' } });
    });
    const client = createBatchClient({ baseURL: stub.baseURL, apiKey: 'k' });
    expect((await client.uploadFile(file, { retryDelayMs: 1 })).id).toBe('file-up1');
    expect(stub.requests).toHaveLength(2);
    const err = await failure(client.uploadFile(file, { retryDelayMs: 1 }));
    expect(err).toMatchObject({ kind: 'bad_request', status: 400 });
    expect(stub.requests).toHaveLength(3);
  });

  it('an early 401 (before the body is read) is an auth error, sent once', async () => {
    stub = await startStub((_req, res) => sendJson(res, 401, { error: { message: 'Invalid API key' } }));
    const client = createBatchClient({ baseURL: stub.baseURL, apiKey: 'sk-test-SECRET1234' });
    const err = await failure(client.uploadFile(file, { retryDelayMs: 1 }));
    expect(err).toMatchObject({ kind: 'auth', status: 401 });
    expect(err.message).not.toContain('SECRET1234');
    expect(stub.requests).toHaveLength(1);
  });

  it('gives up after `retries` extra attempts', async () => {
    stub = await startStub(async (req, res) => {
      await readBody(req);
      sendJson(res, 503, { error: { message: 'down' } });
    });
    const client = createBatchClient({ baseURL: stub.baseURL, apiKey: 'k' });
    const err = await failure(client.uploadFile(file, { retries: 1, retryDelayMs: 1 }));
    expect(err.kind).toBe('server');
    expect(stub.requests).toHaveLength(2);
  });

  it('checks the file before sending anything, naming the path', async () => {
    stub = await startStub((_req, res) => sendJson(res, 200, fileObject));
    const client = createBatchClient({ baseURL: stub.baseURL, apiKey: 'k' });
    const missing = join(dir, 'nope.jsonl');
    const err = await failure(client.uploadFile(missing));
    expect(err).toMatchObject({ kind: 'bad_request', code: 'ENOENT' });
    expect(err.message).toBe(`Cannot upload ${missing}: no such file or directory (ENOENT).`);
    expect((await failure(client.uploadFile(dir))).message).toBe(`Cannot upload ${dir}: it is not a regular file.`);
    const empty = join(dir, 'empty.jsonl');
    await writeFile(empty, '');
    expect((await failure(client.uploadFile(empty))).message).toBe(`Cannot upload ${empty}: the file is empty.`);
    expect(stub.requests).toHaveLength(0);
  });
});
