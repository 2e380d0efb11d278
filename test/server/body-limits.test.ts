import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/index.js';
import { postJson, startClocked } from './helpers.js';
import { nextAnswer, openSocket, parseAnswer, untilClosed } from './raw-http.js';

/**
 * Bodies the server refuses without reading them: over a per-body cap (413), or past what it
 * buffers at once for all requests (503). Each test sends the headers and at most part of the
 * body, never the rest: an answer proves the server did not wait for it.
 */

let server: RunningServer | undefined;
afterEach(async () => server?.close());

const json = (length: number | 'chunked', path = '/v1/batches'): string =>
  `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
  (length === 'chunked' ? 'Transfer-Encoding: chunked\r\n' : `Content-Length: ${length}\r\n`) +
  '\r\n';

const multipart = (length: number | 'chunked'): string =>
  'POST /v1/files HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n' +
  (length === 'chunked' ? 'Transfer-Encoding: chunked\r\n' : `Content-Length: ${length}\r\n`) +
  '\r\n';

const chunk = (text: string): string => `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`;

/** Sends `bytes`, keeps the connection open, and resolves with what arrived by the time the server closed it. */
async function sendAndWaitForClose(
  bytes: string[],
): Promise<{ status: number; body: Record<string, unknown>; head: string }> {
  const socket: Socket = await openSocket(server as RunningServer);
  const closed = untilClosed(socket);
  for (const part of bytes) socket.write(part);
  const answer = parseAnswer(await closed);
  return { status: answer.status, head: answer.head, body: JSON.parse(answer.body) as Record<string, unknown> };
}

describe('JSON bodies', () => {
  it('a declared length over the cap gets a 413 at once, before any of the body is sent', async () => {
    server = await startClocked({ maxJsonBodyBytes: 1000 });
    const answer = await sendAndWaitForClose([json(2 * 1024 ** 3)]);
    expect(answer.status).toBe(413);
    expect(answer.head).toMatch(/connection: close/i);
    expect(answer.body).toEqual({
      error: {
        message: 'Request body too large: 2147483648 bytes; the maximum is 1000 bytes.',
        type: 'invalid_request_error',
        param: null,
        code: 'request_too_large',
      },
    });
  });

  it('a chunked body gets its 413 as soon as it passes the cap', async () => {
    server = await startClocked({ maxJsonBodyBytes: 1000 });
    const answer = await sendAndWaitForClose([json('chunked'), chunk(`{"input_file_id":"${'x'.repeat(1200)}`)]);
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({
      error: {
        code: 'request_too_large',
        message: 'Request body too large: more than 1000 bytes; the maximum is 1000 bytes.',
      },
    });
  });

  it('past what the server buffers at once, a body gets a 503 with retry-after; once room is back it is served', async () => {
    server = await startClocked({ maxJsonBodyBytes: 1000, maxBufferedJsonBytes: 1500 });
    // One request holds 900 bytes of room: its headers are in, its body is not finished.
    const holder = await openSocket(server);
    const holderAnswer = nextAnswer(holder);
    const body = JSON.stringify({
      input_file_id: 'file-x',
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
      metadata: { a: 'p'.repeat(400), b: 'p'.repeat(400) },
    });
    holder.write(json(Buffer.byteLength(body)));
    holder.write(body.slice(0, 10));

    const refused = await sendAndWaitForClose([json(900)]);
    expect(refused.status).toBe(503);
    expect(refused.head).toMatch(/retry-after: 1/i);
    expect(refused.body).toMatchObject({
      error: {
        type: 'server_error',
        code: 'server_busy',
        message: expect.stringContaining('busy reading other large request bodies') as unknown,
      },
    });

    holder.write(body.slice(10));
    expect((await holderAnswer).status).toBe(200);
    holder.destroy();
    // The room is given back: the same request now goes through.
    expect((await postJson(server, '/batches', JSON.parse(body))).status).toBe(200);
  });
});

describe('uploads', () => {
  it('a declared length over the cap gets a 413 at once, before any of the file is sent', async () => {
    server = await startClocked({ maxUploadBytes: 1024 * 1024 });
    const answer = await sendAndWaitForClose([multipart(2 * 1024 ** 3)]);
    expect(answer.status).toBe(413);
    expect(answer.head).toMatch(/connection: close/i);
    expect(answer.body).toEqual({
      error: {
        message: 'File is too large: the maximum size is 1 MB.',
        type: 'invalid_request_error',
        param: 'file',
        code: 'file_too_large',
      },
    });
  });

  it('a chunked upload gets its 413 as soon as the file passes the cap, and nothing of it is kept', async () => {
    server = await startClocked({ maxUploadBytes: 1000 });
    const head = '--b\r\nContent-Disposition: form-data; name="file"; filename="big.jsonl"\r\n\r\n';
    const answer = await sendAndWaitForClose([multipart('chunked'), chunk(head), chunk('x'.repeat(1500))]);
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ error: { code: 'file_too_large' } });
    expect(server.store.listFiles()).toEqual([]);
  });

  it('with Expect: 100-continue, an over-cap upload is refused without inviting the body', async () => {
    server = await startClocked({ maxUploadBytes: 1024 * 1024 });
    const socket = await openSocket(server);
    const closed = untilClosed(socket);
    socket.write(multipart(2 * 1024 ** 3).replace('\r\n\r\n', '\r\nExpect: 100-continue\r\n\r\n'));
    const received = await closed;
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(received).not.toContain('100 Continue');
  });

  it('with Expect: 100-continue, an upload within the cap is invited and stored', async () => {
    server = await startClocked();
    const content = '{"custom_id":"a"}\n';
    const form =
      '--b\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nbatch\r\n' +
      `--b\r\nContent-Disposition: form-data; name="file"; filename="a.jsonl"\r\n\r\n${content}\r\n--b--\r\n`;
    const socket = await openSocket(server);
    const invited = new Promise<string>((resolve) => socket.once('data', (chunk: Buffer) => resolve(chunk.toString())));
    socket.write(multipart(Buffer.byteLength(form)).replace('\r\n\r\n', '\r\nExpect: 100-continue\r\n\r\n'));
    expect(await invited).toMatch(/^HTTP\/1\.1 100 Continue/);
    const answer = nextAnswer(socket);
    socket.write(form);
    expect((await answer).status).toBe(200);
    socket.destroy();
    expect(server.store.listFiles().map((f) => f.bytes)).toEqual([content.length]);
  });
});
