import { afterEach, describe, expect, it } from 'vitest';
import { createBatchClient, type BatchClient } from '../../src/api/index.js';
import { failure, readBody, refusedURL, sendJson, startStub, type Handler, type Stub } from './stub.js';

const KEY = 'sk-test-SECRET1234';
const batch = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  object: 'batch',
  endpoint: '/v1/chat/completions',
  input_file_id: 'file-1',
  completion_window: '24h',
  status: 'in_progress',
  created_at: 1733832777,
  request_counts: { total: 10, completed: 3, failed: 1 },
  ...extra,
});

let stub: Stub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

async function clientFor(
  handler: Handler,
  options: { maxRetries?: number; timeoutMs?: number; apiKey?: string } = {},
): Promise<BatchClient> {
  stub = await startStub(handler);
  return createBatchClient({
    baseURL: stub.baseURL,
    apiKey: options.apiKey ?? KEY,
    maxRetries: options.maxRetries ?? 0,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
}

describe('requests and normalized answers', () => {
  it('lists batches with after/limit and the bearer key, normalizing kluster quirks', async () => {
    const list = {
      object: 'list',
      data: [batch('67e40f070997f511a77bf70b', { status: 'PRE_SCHEDULE', created_at: '1733832777', errors: [] })],
      has_more: true,
      count: 1,
      page: 1,
      page_count: -1,
    };
    // items_per_page is int64 max on the wire; JSON.stringify cannot write it, so splice the raw text.
    const text = JSON.stringify(list).replace(/}$/, ',"items_per_page":9223372036854775807}');
    const client = await clientFor((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(text);
    });
    const page = await client.listBatches({ after: 'b0', limit: 5 });
    expect(stub?.requests[0]?.url).toBe('/v1/batches?after=b0&limit=5');
    expect(stub?.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(page).toMatchObject({ hasMore: true, nextCursor: '67e40f070997f511a77bf70b' });
    expect(page.items[0]).toMatchObject({ status: 'pre_schedule', statusClass: 'unknown', createdAt: 1733832777 });
  });

  it('accepts a bare-array list and sends no query when none is given', async () => {
    const client = await clientFor((_req, res) => sendJson(res, 200, [batch('a'), batch('b')]));
    const page = await client.listBatches();
    expect(stub?.requests[0]?.url).toBe('/v1/batches');
    expect(page.items.map((b) => b.id)).toEqual(['a', 'b']);
    expect(page.hasMore).toBe(false);
  });

  it('creates a batch with the wire field names', async () => {
    let body: unknown;
    const client = await clientFor(async (req, res) => {
      body = JSON.parse((await readBody(req)).toString());
      sendJson(res, 200, batch('batch_new', { status: 'validating' }));
    });
    const b = await client.createBatch({
      inputFileId: 'file-1',
      endpoint: '/v1/chat/completions',
      completionWindow: '24h',
      metadata: { description: 'nightly' },
    });
    expect(body).toEqual({
      input_file_id: 'file-1',
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
      metadata: { description: 'nightly' },
    });
    expect(b).toMatchObject({ id: 'batch_new', status: 'validating', statusClass: 'active' });
  });

  it('encodes ids in paths, reads files, models and a 204 delete', async () => {
    const client = await clientFor((req, res) => {
      if (req.method === 'DELETE') {
        res.writeHead(204);
        res.end();
      } else if (req.url?.startsWith('/v1/models'))
        sendJson(res, 200, { object: 'list', data: [{ id: 'm1', created: '1731336418', owned_by: 'me' }] });
      else
        sendJson(res, 200, {
          id: 'weird/id',
          object: 'file',
          bytes: 10,
          created_at: 1,
          filename: 'a.jsonl',
          purpose: 'batch',
        });
    });
    expect((await client.getFile('weird/id')).filename).toBe('a.jsonl');
    expect(stub?.requests[0]?.url).toBe('/v1/files/weird%2Fid');
    expect(await client.listModels()).toEqual([{ id: 'm1', createdAt: 1731336418, ownedBy: 'me' }]);
    expect(await client.deleteFile('file-9')).toEqual({ id: 'file-9', deleted: true });
  });

  it('never uses OPENAI_* environment variables', async () => {
    const saved = { ...process.env };
    process.env['OPENAI_API_KEY'] = 'sk-env-LEAKED0000';
    process.env['OPENAI_BASE_URL'] = await refusedURL();
    process.env['OPENAI_ORG_ID'] = 'org-leak';
    process.env['OPENAI_CUSTOM_HEADERS'] = 'Authorization: Bearer sk-custom-LEAKED\nX-Leak: yes';
    try {
      const client = await clientFor((_req, res) => sendJson(res, 200, []), { apiKey: '' });
      await client.listBatches();
      const headers = stub?.requests[0]?.headers ?? {};
      // No key, no Authorization header: neither the environment's key nor a placeholder.
      expect(headers.authorization).toBeUndefined();
      expect(headers['x-leak']).toBeUndefined();
      expect(headers['openai-organization']).toBeUndefined();
    } finally {
      for (const k of ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'OPENAI_ORG_ID', 'OPENAI_CUSTOM_HEADERS']) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
  });
});

describe('error mapping', () => {
  it('401 → auth, naming the host and not the key (even when the server echoes it)', async () => {
    const client = await clientFor((_req, res) =>
      sendJson(
        res,
        401,
        {
          error: {
            message: `Incorrect API key provided: ${KEY}. You can find your API key at …`,
            type: 'invalid_request_error',
            param: null,
            code: 'invalid_api_key',
          },
        },
        { 'x-request-id': 'req_401' },
      ),
    );
    const err = await failure(client.listBatches());
    expect(err.kind).toBe('auth');
    expect(err.status).toBe(401);
    expect(err.requestId).toBe('req_401');
    expect(err.message).toBe(
      `The server at ${new URL(stub?.baseURL ?? '').host} refused the API key (401). Check the API key configured for this server.`,
    );
  });

  it('401 names the profile when the client has one', async () => {
    stub = await startStub((_req, res) => sendJson(res, 401, { error: { message: 'nope' } }));
    const client = createBatchClient({ baseURL: stub.baseURL, apiKey: KEY, maxRetries: 0, profile: 'work' });
    expect((await failure(client.getBatch('b'))).message).toMatch(/Check the key of profile "work"\.$/);
  });

  it('403 → auth', async () => {
    const client = await clientFor((_req, res) =>
      sendJson(res, 403, {
        error: { message: 'Batch API not enabled for this project', type: 'permission_error', code: null, param: null },
      }),
    );
    const err = await failure(client.listBatches());
    expect(err.kind).toBe('auth');
    expect(err.message).toContain('denied access (403): Batch API not enabled for this project');
  });

  it('404 → not_found with the server message, also from FastAPI-style {detail}', async () => {
    const client = await clientFor((req, res) =>
      req.url?.includes('/files/')
        ? sendJson(res, 404, {
            error: {
              message: 'No such File object: file-abc123',
              type: 'invalid_request_error',
              param: 'id',
              code: null,
            },
          })
        : sendJson(res, 404, { detail: 'Batch batch_x not found' }),
    );
    const fileErr = await failure(client.getFile('file-abc123'));
    expect(fileErr).toMatchObject({ kind: 'not_found', status: 404, param: 'id' });
    expect(fileErr.message).toContain('GET /files/file-abc123 — No such File object: file-abc123');
    const batchErr = await failure(client.getBatch('batch_x'));
    expect(batchErr.message).toContain('Batch batch_x not found');
  });

  it('409 on cancel → conflict with the server own message, sent exactly once', async () => {
    stub = await startStub((_req, res) =>
      sendJson(res, 409, {
        error: {
          message: "Cannot cancel a batch with status 'completed'.",
          type: 'invalid_request_error',
          param: null,
          code: null,
        },
      }),
    );
    // Default retries (2): cancel must still send once.
    const client = createBatchClient({ baseURL: stub.baseURL, apiKey: KEY });
    const err = await failure(client.cancelBatch('batch_done'));
    expect(err.kind).toBe('conflict');
    expect(err.message).toBe("Cannot cancel a batch with status 'completed'.");
    expect(stub.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /v1/batches/batch_done/cancel']);
  });

  it('429 → rate_limited with retry-after seconds, retry-after-ms or an HTTP date', async () => {
    const client = await clientFor((req, res) => {
      const headers: Record<string, string> = req.url?.includes('ms')
        ? { 'retry-after-ms': '2500' }
        : req.url?.includes('date')
          ? { 'retry-after': new Date(Date.now() + 30_000).toUTCString() }
          : { 'retry-after': '12' };
      sendJson(
        res,
        429,
        { error: { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' } },
        headers,
      );
    });
    const secs = await failure(client.getBatch('s'));
    expect(secs).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: 12_000, retryable: true });
    expect(secs.message).toMatch(/retry in 12s\.$/);
    expect((await failure(client.getBatch('ms'))).retryAfterMs).toBe(2500);
    const date = await failure(client.getBatch('date'));
    expect(date.retryAfterMs).toBeGreaterThan(25_000);
    expect(date.retryAfterMs).toBeLessThanOrEqual(30_000);
  });

  it('500/503 → server; GETs are retried, creates are not', async () => {
    const client = await clientFor(
      (_req, res) => sendJson(res, 503, { error: { message: 'overloaded' } }, { 'retry-after-ms': '0' }),
      { maxRetries: 1 },
    );
    const err = await failure(client.listBatches());
    expect(err).toMatchObject({ kind: 'server', status: 503, retryable: true });
    expect(err.message).toBe('The server had an error (503) (overloaded). It will be retried.');
    expect(stub?.requests).toHaveLength(2);
    const createErr = await failure(
      client.createBatch({ inputFileId: 'f', endpoint: '/v1/chat/completions', completionWindow: '24h' }),
    );
    expect(createErr.message).toBe('The server had an error (503) (overloaded). Try again in a moment.');
    expect(stub?.requests).toHaveLength(3);
  });

  it('500 with an HTML body does not quote the page', async () => {
    const client = await clientFor((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<html><body>Internal Server Error</body></html>');
    });
    expect((await failure(client.listBatches())).message).toBe('The server had an error (500). It will be retried.');
  });

  it('connection refused → unreachable', async () => {
    const url = await refusedURL();
    const client = createBatchClient({ baseURL: url, apiKey: KEY, maxRetries: 0 });
    const err = await failure(client.listBatches());
    expect(err.kind).toBe('unreachable');
    expect(err.message).toBe(`Cannot reach ${new URL(url).origin} (ECONNREFUSED).`);
  });

  it('invalid JSON → invalid_response', async () => {
    const client = await clientFor((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"object":"list","data":[');
    });
    const err = await failure(client.listBatches());
    expect(err.kind).toBe('invalid_response');
    expect(err.message).toBe("The server's answer to GET /batches was not valid JSON.");
  });

  it('an HTML page for JSON → invalid_response pointing at the base URL', async () => {
    const client = await clientFor((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>Welcome</title>');
    });
    const err = await failure(client.listModels());
    expect(err.kind).toBe('invalid_response');
    expect(err.message).toContain('was not JSON (text/html)');
    expect(err.message).toContain('it usually ends in /v1');
  });

  it('a shape mismatch → invalid_response naming the request and field; one unreadable item costs only itself', async () => {
    let body: unknown = {
      object: 'list',
      data: [batch('a'), batch('b'), batch('c'), { ...batch('d'), id: 4 }],
      has_more: false,
    };
    const client = await clientFor((_req, res) => sendJson(res, 200, body));
    const page = await client.listBatches();
    expect(page.items.map((b) => b.id)).toEqual(['a', 'b', 'c']);
    expect(page.unreadable).toEqual({ count: 1, reason: 'data[3].id: expected string, got number' });
    body = { object: 'list', data: 'nope' };
    const err = await failure(client.listBatches());
    expect(err.kind).toBe('invalid_response');
    expect(err.message).toBe(
      "The server's answer to GET /batches did not match what fizz-batch expects: data: expected array, got string",
    );
  });

  it('a server that never answers → timeout', async () => {
    const client = await clientFor(() => undefined, { timeoutMs: 150 });
    const err = await failure(client.getBatch('slow'));
    expect(err.kind).toBe('timeout');
    expect(err.message).toContain('No answer from');
  });

  it('an aborted signal → cancelled', async () => {
    const client = await clientFor(() => undefined);
    const ac = new AbortController();
    const p = client.listBatches({ signal: ac.signal });
    ac.abort();
    expect((await failure(p)).kind).toBe('cancelled');
  });

  it('400 → bad_request with the server message and param', async () => {
    const client = await clientFor((_req, res) =>
      sendJson(res, 400, {
        error: {
          message: 'Invalid completion_window',
          type: 'invalid_request_error',
          param: 'completion_window',
          code: 'invalid_value',
        },
      }),
    );
    const err = await failure(
      client.createBatch({ inputFileId: 'f', endpoint: '/v1/chat/completions', completionWindow: '99h' }),
    );
    expect(err).toMatchObject({ kind: 'bad_request', status: 400, code: 'invalid_value', param: 'completion_window' });
    expect(err.message).toContain(
      'rejected POST /batches (400): Invalid completion_window (parameter: completion_window).',
    );
  });
});

describe('no API key in any message', () => {
  it('scrubs the key from every error kind, even when servers echo the Authorization header', async () => {
    const echo: Handler = (req, res) => {
      const auth = req.headers.authorization ?? '';
      const status = Number(/status=(\d+)/.exec(decodeURIComponent(req.url ?? ''))?.[1] ?? 500);
      sendJson(
        res,
        status,
        { error: { message: `Rejected ${auth}; key ${KEY}; api_key=${KEY}`, code: `bad_${KEY}`, param: null } },
        { 'retry-after': '1' },
      );
    };
    const client = await clientFor(echo);
    const messages: string[] = [];
    for (const status of [400, 401, 403, 404, 409, 422, 429, 500, 503]) {
      const err = await failure(client.getBatch(`b?status=${status}`));
      messages.push(err.message, err.code ?? '');
    }
    const refused = createBatchClient({ baseURL: await refusedURL(), apiKey: KEY, maxRetries: 0 });
    messages.push((await failure(refused.listBatches())).message);
    for (const m of messages) {
      expect(m).not.toContain('SECRET1234');
      expect(m).not.toContain('sk-test');
    }
    expect(messages.some((m) => m.includes('[redacted]'))).toBe(true);
  });
});
