import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { T0, call, chatLines, jsonl, seconds, startClocked, upload, type TestServer } from './helpers.js';

/** OpenAI's file objects and lists (integer timestamps, no extra list fields), so the openai flavour throughout. */
let server: TestServer;
afterEach(async () => server?.close());

const THIRTY_DAYS = 30 * 86_400;

describe('POST /files (multipart, streamed to disk)', () => {
  it('accepts a batch file whose purpose comes after the file, and answers the file object', async () => {
    server = await startClocked({ flavor: 'openai' });
    const content = jsonl(chatLines(3));
    const res = await upload(server, 'my_batch.jsonl', content);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^file-/),
      object: 'file',
      bytes: Buffer.byteLength(content),
      created_at: seconds(T0),
      expires_at: seconds(T0) + THIRTY_DAYS,
      filename: 'my_batch.jsonl',
      purpose: 'batch',
      status: 'processed',
      status_details: null,
    });
    const download = await fetch(`${server.url}/files/${res.body.id as string}/content`);
    expect(download.headers.get('content-length')).toBe(String(Buffer.byteLength(content)));
    expect(download.headers.get('x-request-id')).toMatch(/^req_/);
    expect(await download.text()).toBe(content);
  });

  it('files of other purposes do not expire unless expires_after says so', async () => {
    server = await startClocked({ flavor: 'openai' });
    expect((await upload(server, 'notes.txt', 'hello', 'user_data')).body).toMatchObject({
      purpose: 'user_data',
      expires_at: null,
    });
    const form = new FormData();
    form.append('purpose', 'user_data');
    form.append('expires_after[anchor]', 'created_at');
    form.append('expires_after[seconds]', '3600');
    form.append('file', new Blob(['x']), 'short.txt');
    expect((await call(server, '/files', { method: 'POST', body: form })).body).toMatchObject({
      expires_at: seconds(T0) + 3600,
    });
    form.set('expires_after[seconds]', '60');
    expect(await call(server, '/files', { method: 'POST', body: form })).toMatchObject({
      status: 400,
      body: { error: { param: 'expires_after.seconds', code: 'invalid_value' } },
    });
  });

  it('answers 400s in the error shape for a missing file or purpose, a bad purpose, and a batch file that is not .jsonl', async () => {
    server = await startClocked({ flavor: 'openai' });
    const noFile = new FormData();
    noFile.append('purpose', 'batch');
    expect(await call(server, '/files', { method: 'POST', body: noFile })).toMatchObject({
      status: 400,
      body: {
        error: {
          type: 'invalid_request_error',
          param: 'file',
          code: 'missing_required_parameter',
          message: "Missing required parameter: 'file'.",
        },
      },
    });
    const noPurpose = new FormData();
    noPurpose.append('file', new Blob(['x']), 'a.jsonl');
    expect(await call(server, '/files', { method: 'POST', body: noPurpose })).toMatchObject({
      status: 400,
      body: { error: { param: 'purpose', code: 'missing_required_parameter' } },
    });
    expect(await upload(server, 'a.jsonl', 'x', 'batch_output')).toMatchObject({
      status: 400,
      body: {
        error: {
          param: 'purpose',
          code: 'invalid_value',
          message:
            "Invalid value: 'batch_output'. Supported values are: 'assistants', 'batch', 'fine-tune', 'vision', 'user_data', and 'evals'.",
        },
      },
    });
    expect(await upload(server, 'data.csv', 'a,b\n', 'batch')).toMatchObject({
      status: 400,
      body: { error: { message: 'Invalid file format for Batch API. Must be .jsonl' } },
    });
    expect(
      await call(server, '/files', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
    ).toMatchObject({ status: 400 });
    // Nothing was kept from the refused uploads.
    expect((await call<{ data: unknown[] }>(server, '/files')).body.data).toEqual([]);
    expect(readdirSync(join(server.dataDir, 'tmp'))).toEqual([]);
    expect(readdirSync(join(server.dataDir, 'files'))).toEqual([]);
  });

  it('refuses a file over the cap with 413 and keeps nothing of it', async () => {
    server = await startClocked({ flavor: 'openai', maxUploadBytes: 1024 });
    expect((await upload(server, 'exact.jsonl', 'x'.repeat(1024))).status).toBe(200);
    const over = await upload(server, 'big.jsonl', 'x'.repeat(5000));
    expect(over.status).toBe(413);
    expect(over.body).toEqual({
      error: {
        message: 'File is too large: the maximum size is 1024 bytes.',
        type: 'invalid_request_error',
        param: 'file',
        code: 'file_too_large',
      },
    });
    expect(
      (await call<{ data: Array<{ filename: string }> }>(server, '/files')).body.data.map((f) => f.filename),
    ).toEqual(['exact.jsonl']);
    expect(readdirSync(join(server.dataDir, 'tmp'))).toEqual([]);
    expect(readdirSync(join(server.dataDir, 'files'))).toHaveLength(1);
  });
});

describe('GET /files', () => {
  async function threeFiles(): Promise<string[]> {
    const ids: string[] = [];
    for (const name of ['a.jsonl', 'b.jsonl', 'c.jsonl']) {
      ids.push((await upload(server, name, '{}\n')).body.id as string);
      server.clock.tick(1000);
    }
    return ids;
  }

  it('lists newest first by default, oldest first with order=asc, pages with limit and after', async () => {
    server = await startClocked({ flavor: 'openai' });
    const [a, b, c] = await threeFiles();
    const all = await call(server, '/files');
    expect(all.body).toEqual({
      object: 'list',
      data: [
        expect.objectContaining({ id: c }),
        expect.objectContaining({ id: b }),
        expect.objectContaining({ id: a }),
      ],
      first_id: c,
      last_id: a,
      has_more: false,
    });
    expect(
      (await call<{ data: Array<{ id: string }> }>(server, '/files?order=asc')).body.data.map((f) => f.id),
    ).toEqual([a, b, c]);
    const page = await call(server, '/files?limit=2');
    expect(page.body).toMatchObject({ first_id: c, last_id: b, has_more: true });
    expect((await call(server, `/files?limit=2&after=${b as string}`)).body).toMatchObject({
      data: [expect.objectContaining({ id: a })],
      has_more: false,
    });
    expect((await call(server, `/files?order=asc&after=${a as string}`)).body).toMatchObject({
      first_id: b,
      last_id: c,
    });
  });

  it('filters by purpose and refuses bad limits and orders', async () => {
    server = await startClocked({ flavor: 'openai' });
    await threeFiles();
    await upload(server, 'note.txt', 'x', 'user_data');
    expect(
      (await call<{ data: Array<{ purpose: string }> }>(server, '/files?purpose=user_data')).body.data.map(
        (f) => f.purpose,
      ),
    ).toEqual(['user_data']);
    expect((await call(server, '/files?purpose=fine-tune')).body).toEqual({
      object: 'list',
      data: [],
      first_id: null,
      last_id: null,
      has_more: false,
    });
    for (const query of ['limit=0', 'limit=10001', 'limit=abc', 'order=sideways', 'after=file-nope']) {
      expect(await call(server, `/files?${query}`)).toMatchObject({
        status: 400,
        body: { error: { type: 'invalid_request_error', param: query.split('=')[0] } },
      });
    }
  });
});

describe('GET and DELETE /files/{id}', () => {
  it('retrieves, deletes, then answers 404 "No such File object"', async () => {
    server = await startClocked({ flavor: 'openai' });
    const id = (await upload(server, 'a.jsonl', '{}\n')).body.id as string;
    expect((await call(server, `/files/${id}`)).body).toMatchObject({ id, object: 'file' });
    expect((await call(server, `/files/${id}`, { method: 'DELETE' })).body).toEqual({
      id,
      object: 'file',
      deleted: true,
    });
    for (const path of [`/files/${id}`, `/files/${id}/content`]) {
      expect(await call(server, path)).toMatchObject({
        status: 404,
        body: {
          error: { message: `No such File object: ${id}`, type: 'invalid_request_error', param: 'id', code: null },
        },
      });
    }
    expect((await call(server, `/files/${id}`, { method: 'DELETE' })).status).toBe(404);
    expect(readdirSync(join(server.dataDir, 'files'))).toEqual([]);
  });
});
