import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  BatchPageSchema,
  BatchSchema,
  classifyStatus,
  describeZodError,
  FileObjectSchema,
  FilePageSchema,
  ModelPageSchema,
  normalizeEndpoint,
  parseResultLine,
  resultLineError,
  toUnixSeconds,
} from '../../src/api/index.js';
import { MAX_KEPT_ERRORS } from '../../src/api/schemas/batch.js';
import { deletedFileSchema } from '../../src/api/schemas/files.js';

const openaiBatch = {
  id: 'batch_abc123',
  object: 'batch',
  endpoint: '/v1/chat/completions',
  model: 'gpt-5-2025-08-07',
  errors: null,
  input_file_id: 'file-abc123',
  completion_window: '24h',
  status: 'completed',
  output_file_id: 'file-cvaTdG',
  error_file_id: 'file-HOWS94',
  created_at: 1711471533,
  in_progress_at: 1711471538,
  expires_at: 1711557933,
  finalizing_at: 1711493133,
  completed_at: 1711493163,
  failed_at: null,
  expired_at: null,
  cancelling_at: null,
  cancelled_at: null,
  request_counts: { total: 100, completed: 95, failed: 5 },
  usage: {
    input_tokens: 1500,
    input_tokens_details: { cached_tokens: 1024 },
    output_tokens: 500,
    output_tokens_details: { reasoning_tokens: 300 },
    total_tokens: 2000,
  },
  metadata: { customer_id: 'user_123456789', batch_description: 'Nightly eval job' },
};

// As kluster.ai's documentation shows them: string timestamps, pre_schedule, errors [], hex ids.
const klusterBatch = {
  id: '67e40f070997f511a77bf70b',
  object: 'batch',
  endpoint: '/v1/chat/completions',
  errors: [],
  input_file_id: '67e40f05331c771bde3bca69',
  completion_window: '24h',
  status: 'pre_schedule',
  output_file_id: null,
  error_file_id: null,
  created_at: '1733832777',
  in_progress_at: '1733832777',
  expires_at: '1733919177',
  finalizing_at: null,
  completed_at: null,
  failed_at: null,
  expired_at: null,
  cancelling_at: null,
  cancelled_at: null,
  request_counts: { total: 3, completed: 0, failed: 0 },
  metadata: {},
};

describe('timestamps', () => {
  it('accepts integers, numeric strings, ISO strings, milliseconds, null and absent', () => {
    expect(toUnixSeconds(1733832777)).toBe(1733832777);
    expect(toUnixSeconds('1733832777')).toBe(1733832777);
    expect(toUnixSeconds(' 1733832777 ')).toBe(1733832777);
    expect(toUnixSeconds(1733832777123)).toBe(1733832777);
    expect(toUnixSeconds('1733832777123')).toBe(1733832777);
    expect(toUnixSeconds('2024-12-10T12:12:57Z')).toBe(1733832777);
    expect(toUnixSeconds('2024-12-10T12:12:57.500+00:00')).toBe(1733832777);
    expect(toUnixSeconds(null)).toBeNull();
    expect(toUnixSeconds(undefined)).toBeNull();
    expect(toUnixSeconds('')).toBeNull();
    expect(toUnixSeconds('not a date')).toBeNull();
    expect(toUnixSeconds(0)).toBeNull();
    expect(toUnixSeconds({})).toBeNull();
  });
});

describe('BatchSchema', () => {
  it('normalizes an OpenAI batch', () => {
    const b = BatchSchema.parse(openaiBatch);
    expect(b).toMatchObject({
      id: 'batch_abc123',
      object: 'batch',
      endpoint: '/v1/chat/completions',
      model: 'gpt-5-2025-08-07',
      status: 'completed',
      statusClass: 'terminal',
      inputFileId: 'file-abc123',
      outputFileId: 'file-cvaTdG',
      errorFileId: 'file-HOWS94',
      completionWindow: '24h',
      createdAt: 1711471533,
      expiresAt: 1711557933,
      failedAt: null,
      requestCounts: { total: 100, completed: 95, failed: 5 },
      errors: [],
      metadata: { customer_id: 'user_123456789', batch_description: 'Nightly eval job' },
      usage: { inputTokens: 1500, outputTokens: 500, totalTokens: 2000, cachedTokens: 1024, reasoningTokens: 300 },
    });
  });

  it('accepts kluster quirks: string timestamps, pre_schedule (unknown, not terminal), errors [], ids without prefix', () => {
    const b = BatchSchema.parse(klusterBatch);
    expect(b.id).toBe('67e40f070997f511a77bf70b');
    expect(b.inputFileId).toBe('67e40f05331c771bde3bca69');
    expect(b.createdAt).toBe(1733832777);
    expect(b.expiresAt).toBe(1733919177);
    expect(b.status).toBe('pre_schedule');
    expect(b.statusClass).toBe('unknown');
    expect(b.errors).toEqual([]);
    expect(b.metadata).toEqual({});
    expect(b.model).toBeNull();
    expect(b.usage).toBeNull();
  });

  it('lower-cases upper-case statuses (Together) and classifies them', () => {
    expect(BatchSchema.parse({ ...openaiBatch, status: 'IN_PROGRESS' })).toMatchObject({
      status: 'in_progress',
      statusClass: 'active',
    });
    expect(BatchSchema.parse({ ...openaiBatch, status: 'COMPLETED' })).toMatchObject({
      status: 'completed',
      statusClass: 'terminal',
    });
    expect(BatchSchema.parse({ ...openaiBatch, status: 'PRE_SCHEDULE' })).toMatchObject({
      status: 'pre_schedule',
      statusClass: 'unknown',
    });
    expect(BatchSchema.parse({ ...openaiBatch, status: 'QUEUED' }).statusClass).toBe('unknown');
    for (const s of ['completed', 'failed', 'expired', 'cancelled']) expect(classifyStatus(s)).toBe('terminal');
    for (const s of ['validating', 'in_progress', 'finalizing', 'cancelling']) expect(classifyStatus(s)).toBe('active');
  });

  it('accepts errors as null, [], {object:list, data}, with line as number or numeric string', () => {
    expect(BatchSchema.parse({ ...openaiBatch, errors: null }).errors).toEqual([]);
    expect(BatchSchema.parse({ ...openaiBatch, errors: [] }).errors).toEqual([]);
    expect(BatchSchema.parse({ ...openaiBatch, errors: { object: 'list', data: null } }).errors).toEqual([]);
    const failed = BatchSchema.parse({
      ...openaiBatch,
      status: 'failed',
      errors: {
        object: 'list',
        data: [
          { code: 'invalid_json_line', message: 'This line is not parseable as valid JSON.', param: null, line: 3 },
          {
            code: 'missing_required_parameter',
            message: "Missing required parameter: 'custom_id'.",
            param: 'custom_id',
            line: '12',
          },
          { code: 'invalid_request', message: 'Cannot find file', param: 'file_id' },
        ],
      },
    });
    expect(failed.errors).toEqual([
      { code: 'invalid_json_line', message: 'This line is not parseable as valid JSON.', param: null, line: 3 },
      {
        code: 'missing_required_parameter',
        message: "Missing required parameter: 'custom_id'.",
        param: 'custom_id',
        line: 12,
      },
      { code: 'invalid_request', message: 'Cannot find file', param: 'file_id', line: null },
    ]);
  });

  it('keeps the first thousand errors of a job and says how many there were', () => {
    const many = Array.from({ length: 250_000 }, (_, i) => ({
      code: 'invalid_json_line',
      message: 'bad',
      line: i + 1,
    }));
    const b = BatchSchema.parse({ ...openaiBatch, status: 'failed', errors: { object: 'list', data: many } });
    expect(b.errors).toHaveLength(MAX_KEPT_ERRORS);
    expect(b.errors.at(-1)?.line).toBe(MAX_KEPT_ERRORS);
    expect(b.problem).toContain('errors has 250,000 entries; the first 1,000 are kept');
  });

  it('gives zero counts when request_counts is absent or null, and reads numeric strings', () => {
    const { request_counts: _omit, ...noCounts } = openaiBatch;
    expect(BatchSchema.parse(noCounts).requestCounts).toEqual({ total: 0, completed: 0, failed: 0 });
    expect(BatchSchema.parse({ ...openaiBatch, request_counts: null }).requestCounts).toEqual({
      total: 0,
      completed: 0,
      failed: 0,
    });
    expect(BatchSchema.parse({ ...openaiBatch, request_counts: { total: '9', completed: '4' } }).requestCounts).toEqual(
      { total: 9, completed: 4, failed: 0 },
    );
  });

  it('keeps a job whose count is not a number, with the reason, instead of a wrong progress or an unreadable list', () => {
    const b = BatchSchema.parse({ ...openaiBatch, request_counts: { total: 'lots', completed: 'NaN', failed: 2 } });
    expect(b.requestCounts).toEqual({
      total: 0,
      completed: 0,
      failed: 2,
      problem: 'total is "lots", not a number; completed is "NaN", not a number',
    });
    expect(BatchSchema.parse({ ...openaiBatch, request_counts: 'many' }).requestCounts.problem).toBe(
      'request_counts is string, not an object',
    );
  });

  it('shows counts as given when they are numbers, even impossible ones (the UI names the problem)', () => {
    const b = BatchSchema.parse({ ...openaiBatch, request_counts: { total: 50, completed: -5, failed: 60.5 } });
    expect(b.requestCounts).toEqual({ total: 50, completed: -5, failed: 60.5 });
  });

  it('normalizes endpoints without /v1 (Azure)', () => {
    expect(BatchSchema.parse({ ...openaiBatch, endpoint: '/chat/completions' }).endpoint).toBe('/v1/chat/completions');
    expect(normalizeEndpoint('chat/completions')).toBe('/v1/chat/completions');
    expect(normalizeEndpoint('/v1/embeddings')).toBe('/v1/embeddings');
  });

  it('keeps a completed job with output_file_id null (every request failed)', () => {
    const b = BatchSchema.parse({
      ...openaiBatch,
      output_file_id: null,
      request_counts: { total: 9, completed: 0, failed: 9 },
    });
    expect(b.statusClass).toBe('terminal');
    expect(b.outputFileId).toBeNull();
    expect(b.errorFileId).toBe('file-HOWS94');
  });

  it('treats absent optional fields and null metadata as empty; ignores unknown keys', () => {
    const b = BatchSchema.parse({
      id: 'b1',
      status: 'validating',
      input_file_id: 'f1',
      endpoint: '/v1/chat/completions',
      metadata: null,
      override_settings: { model: 'x' },
      progress: 10,
    });
    expect(b).toMatchObject({
      createdAt: null,
      completionWindow: null,
      outputFileId: null,
      metadata: {},
      errors: [],
      usage: null,
    });
    expect(b).not.toHaveProperty('override_settings');
    expect(b).not.toHaveProperty('object');
  });

  it('stringifies non-string metadata values', () => {
    expect(BatchSchema.parse({ ...openaiBatch, metadata: { n: 3, ok: true, gone: null } }).metadata).toEqual({
      n: '3',
      ok: 'true',
    });
  });

  it('unwraps Together create answers {job, warning} with ISO timestamps and model_id', () => {
    const b = BatchSchema.parse({
      job: {
        id: 'b-1',
        status: 'VALIDATING',
        endpoint: '/v1/chat/completions',
        input_file_id: 'file-1',
        model_id: 'meta/llama',
        created_at: '2025-01-02T03:04:05Z',
        error: 'quota',
      },
      warning: 'be patient',
    });
    expect(b).toMatchObject({ id: 'b-1', status: 'validating', model: 'meta/llama', createdAt: 1735787045 });
    expect(b.errors).toEqual([{ code: null, message: 'quota', param: null, line: null }]);
  });

  it('rejects a batch without an id, naming the field', () => {
    const r = BatchSchema.safeParse({ status: 'completed' });
    expect(r.success).toBe(false);
    if (!r.success) expect(describeZodError(r.error)).toBe('id: expected string, but it is missing');
  });
});

describe('list pages', () => {
  it('ignores kluster extra fields (count, page, page_count -1, items_per_page int64 max)', () => {
    const text = `{"object":"list","data":[${JSON.stringify(klusterBatch)}],"first_id":"67e40f070997f511a77bf70b","last_id":"67e40f070997f511a77bf70b","has_more":false,"count":1,"page":1,"page_count":-1,"items_per_page":9223372036854775807}`;
    const page = BatchPageSchema.parse(JSON.parse(text));
    expect(page.items).toHaveLength(1);
    expect(page.hasMore).toBe(false);
    expect(page.nextCursor).toBeNull();
  });

  it('accepts a bare array (Together)', () => {
    const page = BatchPageSchema.parse([openaiBatch, { ...openaiBatch, id: 'batch_2' }]);
    expect(page.items.map((b) => b.id)).toEqual(['batch_abc123', 'batch_2']);
    expect(page.hasMore).toBe(false);
  });

  it('treats a missing has_more as the last page (Groq)', () => {
    const page = BatchPageSchema.parse({ object: 'list', data: [openaiBatch] });
    expect(page).toMatchObject({ hasMore: false, nextCursor: null });
  });

  it('uses the last item id as the next cursor when has_more', () => {
    const page = BatchPageSchema.parse({
      object: 'list',
      data: [openaiBatch, { ...openaiBatch, id: 'batch_z' }],
      has_more: true,
      last_id: 'ignored',
    });
    expect(page).toMatchObject({ hasMore: true, nextCursor: 'batch_z' });
  });

  it('leaves out an item it cannot read at all, counting it and naming the item and field; the others stay', () => {
    const data = [0, 1, 2].map((i) => ({ ...openaiBatch, id: `b${i}` }));
    const page = BatchPageSchema.parse({
      object: 'list',
      data: [...data, { ...openaiBatch, id: 42 }, { ...openaiBatch, id: '' }],
    });
    expect(page.items.map((b) => b.id)).toEqual(['b0', 'b1', 'b2']);
    expect(page.unreadable).toEqual({ count: 2, reason: 'data[3].id: expected string, got number' });
    expect(BatchPageSchema.parse({ object: 'list', data: null }).items).toEqual([]);
    // A whole answer that is no list at all is still an error.
    const notList = BatchPageSchema.safeParse({ error: 'x' });
    expect(notList.success).toBe(false);
    if (!notList.success) expect(describeZodError(notList.error)).toMatch(/^data: expected array/);
  });

  it('repairs a job with a null error entry or no status instead of losing it, and says what was wrong', () => {
    const page = BatchPageSchema.parse({
      object: 'list',
      data: [
        {
          ...openaiBatch,
          id: 'b_nullerr',
          status: 'failed',
          errors: { object: 'list', data: [null, { code: 'invalid', message: 'bad line' }] },
        },
        { ...openaiBatch, id: 'b_nostatus', status: undefined },
        { ...openaiBatch, id: 'b_ok' },
      ],
    });
    const [nullErr, noStatus, ok] = page.items;
    expect(nullErr!.errors).toEqual([{ code: 'invalid', message: 'bad line', param: null, line: null }]);
    expect(nullErr!.problem).toBe('errors[0] is null, not an error');
    expect(noStatus!.status).toBe('unknown');
    expect(noStatus!.statusClass).toBe('unknown');
    expect(noStatus!.problem).toBe('status is missing');
    expect(ok!.problem).toBeUndefined();
    expect(page.unreadable).toBeUndefined();
  });

  it('parses files without status, with string timestamps and DeepInfra purpose', () => {
    const page = FilePageSchema.parse({
      object: 'list',
      data: [
        {
          id: '67e40f05331c771bde3bca69',
          object: 'file',
          bytes: 1024,
          created_at: '1733832768',
          filename: 'in.jsonl',
          purpose: 'batch',
        },
        {
          id: 'file_abc123',
          object: 'file',
          bytes: '2048',
          created_at: 1733832768,
          filename: 'out.jsonl',
          purpose: 'batch-output',
          status: 'processed',
          expires_at: 1736424768,
        },
      ],
      has_more: false,
    });
    expect(page.items).toEqual([
      {
        id: '67e40f05331c771bde3bca69',
        bytes: 1024,
        createdAt: 1733832768,
        filename: 'in.jsonl',
        purpose: 'batch',
        status: null,
        expiresAt: null,
      },
      {
        id: 'file_abc123',
        bytes: 2048,
        createdAt: 1733832768,
        filename: 'out.jsonl',
        purpose: 'batch_output',
        status: 'processed',
        expiresAt: 1736424768,
      },
    ]);
    expect(FileObjectSchema.parse({ id: 'f' })).toEqual({
      id: 'f',
      bytes: null,
      createdAt: null,
      filename: '',
      purpose: '',
      status: null,
      expiresAt: null,
    });
  });

  it('parses models', () => {
    const page = ModelPageSchema.parse({
      object: 'list',
      data: [
        {
          id: 'klusterai/Meta-Llama-3.1-8B-Instruct-Turbo',
          object: 'model',
          created: 1731336418,
          owned_by: 'klusterai',
        },
        { id: 'm2' },
      ],
    });
    expect(page.items).toEqual([
      { id: 'klusterai/Meta-Llama-3.1-8B-Instruct-Turbo', createdAt: 1731336418, ownedBy: 'klusterai' },
      { id: 'm2', createdAt: null, ownedBy: null },
    ]);
  });

  it('reads a delete answer, or its absence (204)', () => {
    expect(deletedFileSchema('f1').parse({ id: 'f1', object: 'file', deleted: true })).toEqual({
      id: 'f1',
      deleted: true,
    });
    expect(deletedFileSchema('f1').parse(undefined)).toEqual({ id: 'f1', deleted: true });
    expect(deletedFileSchema('f1').parse({ deleted: false })).toEqual({ id: 'f1', deleted: false });
  });
});

describe('parseResultLine', () => {
  const completion = {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    choices: [{ index: 0, message: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' }],
  };

  it('parses an OpenAI output line', () => {
    const r = parseResultLine(
      JSON.stringify({
        id: 'batch_req_123',
        custom_id: 'request-2',
        response: { status_code: 200, request_id: 'req_123', body: completion },
        error: null,
      }),
    );
    expect(r).toEqual({
      ok: true,
      line: {
        id: 'batch_req_123',
        customId: 'request-2',
        statusCode: 200,
        requestId: 'req_123',
        body: completion,
        error: null,
      },
    });
  });

  it('accepts a line without an error key (kluster)', () => {
    const r = parseResultLine(
      JSON.stringify({
        id: 'batch-req-123',
        custom_id: 'r1',
        response: { status_code: 200, request_id: 'req-123', body: completion },
      }),
    );
    expect(r.ok && r.line.error).toBeNull();
  });

  it('parses response.body given as a JSON string (llama-stack), keeps a non-JSON string', () => {
    const r = parseResultLine(
      JSON.stringify({
        id: 'x',
        custom_id: 'r1',
        response: { status_code: 200, request_id: 'q', body: JSON.stringify(completion) },
      }),
    );
    expect(r.ok && r.line.body).toEqual(completion);
    const raw = parseResultLine(
      JSON.stringify({ custom_id: 'r2', response: { status_code: '502', body: 'Bad Gateway' } }),
    );
    expect(raw.ok && raw.line).toMatchObject({ body: 'Bad Gateway', statusCode: 502, id: null, requestId: null });
  });

  it('parses an expired line with response null', () => {
    const r = parseResultLine(
      '{"id":"batch_req_123","custom_id":"request-3","response":null,"error":{"code":"batch_expired","message":"This request could not be executed before the completion window expired."}}',
    );
    expect(r).toEqual({
      ok: true,
      line: {
        id: 'batch_req_123',
        customId: 'request-3',
        statusCode: null,
        requestId: null,
        body: null,
        error: {
          code: 'batch_expired',
          message: 'This request could not be executed before the completion window expired.',
        },
      },
    });
  });

  it('accepts error as a string (vLLM) or {type, message} (llama-stack)', () => {
    const v = parseResultLine(
      JSON.stringify({
        id: 'vllm-1',
        custom_id: 'a',
        response: { status_code: 400, request_id: 'r', body: null },
        error: 'model overloaded',
      }),
    );
    expect(v.ok && v.line.error).toEqual({ code: null, message: 'model overloaded' });
    const l = parseResultLine(JSON.stringify({ custom_id: 'b', error: { type: 'request_failed', message: 'boom' } }));
    expect(l.ok && l.line.error).toEqual({ code: 'request_failed', message: 'boom' });
  });

  it('finds the error of an HTTP failure inside response.body', () => {
    const r = parseResultLine(
      JSON.stringify({
        custom_id: 'c',
        response: {
          status_code: 400,
          request_id: 'r',
          body: { error: { message: 'bad model', type: 'invalid_request_error', code: 'model_not_found' } },
        },
        error: null,
      }),
    );
    expect(r.ok).toBe(true);
    if (r.ok) expect(resultLineError(r.line)).toEqual({ code: 'model_not_found', message: 'bad model' });
    const ok = parseResultLine(JSON.stringify({ custom_id: 'd', response: { status_code: 200, body: {} } }));
    if (ok.ok) expect(resultLineError(ok.line)).toBeNull();
  });

  it('explains lines it cannot read, without throwing', () => {
    expect(parseResultLine('')).toEqual({ ok: false, reason: 'empty line' });
    const bad = parseResultLine('{"custom_id": ');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reason).toMatch(/^not valid JSON/);
    expect(parseResultLine('[1,2]')).toEqual({ ok: false, reason: 'expected a JSON object, got array' });
  });
});

describe('describeZodError', () => {
  it('counts further problems', () => {
    const r = z.object({ a: z.string(), b: z.string() }).safeParse({});
    expect(r.success).toBe(false);
    if (!r.success)
      expect(describeZodError(r.error)).toBe('a: expected string, but it is missing (and 1 more problem)');
  });
});
