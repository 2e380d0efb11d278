import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ApiError,
  fileError,
  maskKey,
  parseRetryAfter,
  redact,
  registerSecret,
  toApiError,
} from '../../src/api/index.js';
import { statusError } from '../../src/api/errors.js';

const ctx = { baseURL: 'https://api.fizz.ai/v1', method: 'get', path: '/batches' };

describe('redact', () => {
  it('removes given secrets, bearer tokens and anything shaped like sk-…', () => {
    const text =
      'key kl-0123456789abcdef, header Authorization: Bearer abc.def-ghi, openai sk-proj-AbCdEf012345, echo sk-test-****1234, groq gsk_ABCDEF0123456789';
    const out = redact(text, ['kl-0123456789abcdef']);
    expect(out).not.toMatch(/0123456789abcdef|abc\.def-ghi|AbCdEf012345|\*\*\*\*1234|gsk_ABCDEF/);
    expect(out).toContain('Bearer [redacted]');
  });

  it('scrubs key=value and JSON "api_key" forms', () => {
    expect(redact('GET /x?api_key=hunter22&b=1')).toBe('GET /x?api_key=[redacted]&b=1');
    expect(redact('{"api-key": "zzz999zzz"}')).toBe('{"api-key": "[redacted]"}');
  });

  it('uses registered secrets everywhere, also in new ApiErrors', () => {
    registerSecret('plainsecretvalue42');
    expect(redact('oops plainsecretvalue42 leaked')).toBe('oops [redacted] leaked');
    expect(new ApiError({ kind: 'server', message: 'x plainsecretvalue42 y' }).message).toBe('x [redacted] y');
  });

  it('leaves ordinary text alone', () => {
    const text = "Cannot cancel a batch with status 'completed'. max_tokens: 5, task-sk-1";
    expect(redact(text)).toBe(text);
  });
});

describe('maskKey', () => {
  it('shows the first 3 and last 4 characters of a normal key', () => {
    expect(maskKey('sk-test-SECRET1234')).toBe('sk-…1234');
  });
  it('gives less away for short keys', () => {
    expect(maskKey('abcdefgh')).toBe('…gh');
    expect(maskKey('abc')).toBe('****');
    expect(maskKey('')).toBe('');
    expect(maskKey(undefined)).toBe('');
  });
});

describe('parseRetryAfter', () => {
  const h = (o: Record<string, string>) => new Headers(o);
  it('prefers retry-after-ms, then seconds, then an HTTP date', () => {
    expect(parseRetryAfter(h({ 'retry-after-ms': '1500', 'retry-after': '9' }))).toBe(1500);
    expect(parseRetryAfter(h({ 'retry-after': '12' }))).toBe(12_000);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter(h({ 'retry-after': 'Wed, 01 Jan 2025 00:00:30 GMT' }), now)).toBe(30_000);
    expect(parseRetryAfter(h({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(parseRetryAfter(h({}))).toBeUndefined();
  });
});

describe('toApiError', () => {
  it('maps connection errors by their code, also one wrapped as fetch wraps it', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1234'), { code: 'ECONNREFUSED' });
    expect(toApiError(refused, { baseURL: 'http://127.0.0.1:1234/v1' }).message).toBe(
      'Cannot reach http://127.0.0.1:1234 (ECONNREFUSED).',
    );
    const wrapped = new TypeError('fetch failed', { cause: refused });
    expect(toApiError(wrapped, { baseURL: 'http://127.0.0.1:1234/v1' }).message).toBe(
      'Cannot reach http://127.0.0.1:1234 (ECONNREFUSED).',
    );
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(toApiError(reset, ctx)).toMatchObject({
      kind: 'unreachable',
      message: 'The connection to https://api.fizz.ai was lost (ECONNRESET).',
    });
    const dns = new TypeError('fetch failed', {
      cause: new AggregateError([Object.assign(new Error('x'), { code: 'ENOTFOUND' })]),
    });
    expect(toApiError(dns, ctx).message).toBe(
      'Cannot reach https://api.fizz.ai: the host name does not resolve (ENOTFOUND).',
    );
  });

  it('maps aborts, zod and JSON errors', () => {
    expect(toApiError(new DOMException('aborted', 'AbortError'), ctx).kind).toBe('cancelled');
    const zodErr = z.object({ data: z.array(z.object({ id: z.string() })) }).safeParse({ data: [{ id: 1 }] }).error;
    expect(toApiError(zodErr, ctx).message).toBe(
      "The server's answer to GET /batches did not match what fizz-batch expects: data[0].id: expected string, got number",
    );
    expect(toApiError(new SyntaxError('Unexpected end'), ctx).kind).toBe('invalid_response');
  });

  it('maps a dropped body ("terminated") and a raw socket error', () => {
    expect(toApiError(new TypeError('terminated'), ctx).kind).toBe('unreachable');
    expect(toApiError(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }), ctx).message).toBe(
      'The connection to https://api.fizz.ai was lost (UND_ERR_SOCKET).',
    );
  });

  it('keeps an ApiError as it is, scrubbing extra secrets', () => {
    const e = new ApiError({ kind: 'conflict', message: 'nope', status: 409 });
    expect(toApiError(e)).toBe(e);
    expect(
      toApiError(new ApiError({ kind: 'server', message: 'token zq9-longsecret' }), { secrets: ['zq9-longsecret'] })
        .message,
    ).toBe('token [redacted]');
  });

  it('maps a 5xx answer with its request id and Retry-After', () => {
    const err = statusError(
      503,
      new Headers({ 'x-request-id': 'req_9', 'retry-after': '3' }),
      '{"error":{"message":"busy"}}',
      ctx,
    );
    expect(err).toMatchObject({ kind: 'server', status: 503, requestId: 'req_9', retryAfterMs: 3000, retryable: true });
    expect(err.message).toBe('The server had an error (503) (busy). It will be retried.');
  });

  it('words local file errors with the path', () => {
    const e = fileError(
      Object.assign(new Error('ENOSPC: no space left'), { code: 'ENOSPC' }),
      '/tmp/out.jsonl',
      'save to',
    );
    expect(e).toMatchObject({
      kind: 'bad_request',
      code: 'ENOSPC',
      message: 'Cannot save to /tmp/out.jsonl: the disk is full (ENOSPC).',
    });
  });
});
