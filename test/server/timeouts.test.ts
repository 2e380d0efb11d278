import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/index.js';
import { call, startClocked } from './helpers.js';
import { openSocket, parseAnswer, untilClosed } from './raw-http.js';

/**
 * Clients that hold a connection without finishing a request are cut off. The bounds are short
 * here so the tests wait for the socket to close, not for a long time; a bound that did not work
 * would leave the socket open and the test would time out.
 */

let server: RunningServer | undefined;
afterEach(async () => server?.close());

const uploadHead = (length: number): string =>
  `POST /v1/batches HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

function expectTimeoutAnswer(received: string): void {
  const answer = parseAnswer(received);
  expect(answer.status).toBe(408);
  expect(JSON.parse(answer.body)).toMatchObject({ error: { type: 'invalid_request_error', code: 'request_timeout' } });
}

describe('connection timeouts', () => {
  it('closes a connection that sends nothing, with a 408, after the headers timeout', async () => {
    server = await startClocked({ timeouts: { headersMs: 200, idleMs: 60_000, requestMs: 60_000 } });
    const socket = await openSocket(server);
    expectTimeoutAnswer(await untilClosed(socket));
    expect((await call(server, '/files')).status).toBe(200);
  });

  it('closes a connection that stops in the middle of its headers', async () => {
    server = await startClocked({ timeouts: { headersMs: 200, idleMs: 60_000, requestMs: 60_000 } });
    const socket = await openSocket(server);
    const closed = untilClosed(socket);
    socket.write('POST /v1/batches HTTP/1.1\r\nHost: x\r\n');
    expectTimeoutAnswer(await closed);
  });

  it('closes a connection whose body stops arriving, after the idle timeout', async () => {
    server = await startClocked({ timeouts: { headersMs: 60_000, idleMs: 200, requestMs: 60_000 } });
    const socket = await openSocket(server);
    const closed = untilClosed(socket);
    socket.write(`${uploadHead(1000)}{"input_file_id":`);
    expectTimeoutAnswer(await closed);
  });

  it('closes a connection that trickles its body, after the request timeout, however often it sends', async () => {
    server = await startClocked({ timeouts: { headersMs: 300, idleMs: 60_000, requestMs: 300 } });
    const socket = await openSocket(server);
    const closed = untilClosed(socket);
    socket.write(uploadHead(1_000_000));
    // A byte every few milliseconds: never idle, never done.
    const trickle = setInterval(() => socket.writable && socket.write(' '), 5);
    try {
      expectTimeoutAnswer(await closed);
    } finally {
      clearInterval(trickle);
    }
  });

  it('keeps serving a client that is quick', async () => {
    server = await startClocked({ timeouts: { headersMs: 5_000, idleMs: 5_000, requestMs: 5_000 } });
    expect((await call(server, '/files')).status).toBe(200);
  });
});
