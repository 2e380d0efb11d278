import { openAsBlob } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaErrors } from '../support/openapi.js';
import { chatRequest, questions, tempDir, writeJsonl } from '../support/batch-files.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { waitFor } from '../support/wait.js';

/**
 * Every kind of response the server sends, checked against the official schemas. Raw fetch, so
 * nothing between the server and the check can hide a wrong field.
 */
describe('server responses match the OpenAI schemas', () => {
  let server: TestServer;
  const dir = tempDir();
  const key = 'sk-conformance-0000';
  const auth = { authorization: `Bearer ${key}` };
  let batchFileId = '';

  const get = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${server.url}${path}`, {
      ...init,
      headers: { ...auth, ...(init.headers as Record<string, string>) },
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
  };
  const post = (path: string, body?: unknown) =>
    get(path, {
      method: 'POST',
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });

  async function uploadFile(name: string, lines: Array<Record<string, unknown> | string>) {
    const form = new FormData();
    form.set('purpose', 'batch');
    form.set('file', await openAsBlob(writeJsonl(dir, name, lines)), name);
    return get('/files', { method: 'POST', body: form });
  }

  async function batchUntil(id: string, status: string) {
    return waitFor(
      `batch ${id} → ${status}`,
      async () => (await get(`/batches/${id}`)).body,
      (b) => b.status === status,
    );
  }

  beforeAll(async () => {
    // The official schemas describe OpenAI's wire format (integer timestamps), so the openai flavour.
    server = await startTestServer({ apiKey: key, speed: 2000, failRate: 0.3, flavor: 'openai' });
    // Two requests the model refuses (temperature 5), so there is always an error file to check.
    const refused = [
      chatRequest('hot-1', 'x', { extraBody: { temperature: 5 } }),
      chatRequest('hot-2', 'y', { extraBody: { temperature: 5 } }),
    ];
    const upload = await uploadFile('conf.jsonl', [...questions(18), ...refused]);
    batchFileId = upload.body.id as string;
  });
  afterAll(async () => server.close());

  it('file objects, file lists and deletions', async () => {
    const upload = await uploadFile('conf2.jsonl', questions(2));
    expect(upload.status).toBe(200);
    expect(schemaErrors('OpenAIFile', upload.body)).toEqual([]);
    expect(schemaErrors('OpenAIFile', (await get(`/files/${batchFileId}`)).body)).toEqual([]);
    expect(schemaErrors('ListFilesResponse', (await get('/files')).body)).toEqual([]);
    expect(schemaErrors('ListFilesResponse', (await get('/files?order=asc&limit=1')).body)).toEqual([]);
    expect(
      schemaErrors('DeleteFileResponse', (await get(`/files/${upload.body.id as string}`, { method: 'DELETE' })).body),
    ).toEqual([]);
  });

  it('batches in every status they pass through, and batch lists', async () => {
    const created = await post('/batches', {
      input_file_id: batchFileId,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
      metadata: { description: 'conformance' },
    });
    expect(created.status).toBe(200);
    expect(schemaErrors('Batch', created.body)).toEqual([]);
    // The real API sends explicit nulls for fields that are not set yet; so must the server.
    for (const field of ['output_file_id', 'error_file_id', 'in_progress_at', 'completed_at', 'failed_at', 'errors']) {
      expect(created.body).toHaveProperty(field, null);
    }
    const done = await batchUntil(created.body.id as string, 'completed');
    expect(schemaErrors('Batch', done)).toEqual([]);
    expect(schemaErrors('ListBatchesResponse', (await get('/batches?limit=5')).body)).toEqual([]);

    const failing = await uploadFile('bad.jsonl', ['{oops', chatRequest('a', 'x', { model: 'nope' })]);
    const failed = await post('/batches', {
      input_file_id: failing.body.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    expect(schemaErrors('Batch', await batchUntil(failed.body.id as string, 'failed'))).toEqual([]);
  });

  it('cancelling and cancelled batches', async () => {
    const slow = await startTestServer({ speed: 10, requestsPerSecond: 0.1, flavor: 'openai' });
    try {
      const form = new FormData();
      form.set('purpose', 'batch');
      form.set('file', await openAsBlob(writeJsonl(dir, 'slow.jsonl', questions(50))), 'slow.jsonl');
      const file = (await (await fetch(`${slow.url}/files`, { method: 'POST', body: form })).json()) as { id: string };
      const batch = (await (
        await fetch(`${slow.url}/batches`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' }),
        })
      ).json()) as { id: string };
      const cancelling = (await (
        await fetch(`${slow.url}/batches/${batch.id}/cancel`, { method: 'POST' })
      ).json()) as Record<string, unknown>;
      expect(cancelling.status).toBe('cancelling');
      expect(schemaErrors('Batch', cancelling)).toEqual([]);
      const cancelled = await waitFor(
        'cancelled',
        async () => (await (await fetch(`${slow.url}/batches/${batch.id}`)).json()) as Record<string, unknown>,
        (b) => b.status === 'cancelled',
      );
      expect(schemaErrors('Batch', cancelled)).toEqual([]);
    } finally {
      await slow.close();
    }
  });

  it('every line of output and error files', async () => {
    const created = await post('/batches', {
      input_file_id: batchFileId,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    const done = await batchUntil(created.body.id as string, 'completed');
    for (const fileId of [done.output_file_id, done.error_file_id]) {
      expect(fileId).toEqual(expect.any(String));
      const text = await (await fetch(`${server.url}/files/${fileId as string}/content`, { headers: auth })).text();
      const lines = text.trim().split('\n');
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(schemaErrors('BatchRequestOutput', JSON.parse(line))).toEqual([]);
    }
  });

  it('errors of every status the server sends', async () => {
    const responses = [
      await post('/batches', { input_file_id: batchFileId, endpoint: '/v1/nope', completion_window: '24h' }),
      await get('/batches/batch_missing'),
      await get('/files/file-missing'),
      await fetch(`${server.url}/batches`).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as Record<string, unknown>,
        headers: r.headers,
      })),
      await post('/batches', '{not json'),
      await get('/no/such/route'),
    ];
    expect(responses.map((r) => r.status)).toEqual([400, 404, 404, 401, 400, 404]);
    for (const response of responses) {
      expect(schemaErrors('ErrorResponse', response.body)).toEqual([]);
      expect(response.headers.get('x-request-id')).toMatch(/\S+/);
    }
  });

  it('x-request-id on every response, content included', async () => {
    const res = await fetch(`${server.url}/files/${batchFileId}/content`, { headers: auth });
    expect(res.headers.get('x-request-id')).toMatch(/\S+/);
    await res.arrayBuffer();
  });
});
