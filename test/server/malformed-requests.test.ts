import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/index.js';
import { call, startClocked } from './helpers.js';
import { rawRequest } from './raw-http.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startClocked();
});
afterAll(async () => server.close());

const request = (target: string): string => `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`;

describe('malformed requests get a 400 in the OpenAI error shape, and the server keeps serving', () => {
  it.each([
    ['a host URL parsers cannot read', '//[x'],
    ['a port past 65535 where a host would be', '//a:99999/v1/files'],
    ['invalid percent-encoding in the path', '/v1/files/%E0%A4%A'],
    ['a lone percent sign', '/v1/files/%zz'],
    ['an absolute-form URL with a bad host', 'http://[::1/v1/files'],
    ['an absolute-form URL with a bad port', 'http://127.0.0.1:99999/v1/files'],
    ['an absolute-form URL of another scheme', 'ftp://127.0.0.1/v1/files'],
  ])('%s: %s', async (_what, target) => {
    const answer = await rawRequest(server, request(target));
    expect(answer.status).toBe(400);
    expect(answer.head).toMatch(/content-type: application\/json/i);
    expect(JSON.parse(answer.body)).toEqual({
      error: {
        message: expect.stringContaining('Invalid request target') as unknown,
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_url',
      },
    });
    // A new connection is served as usual.
    expect((await call(server, '/files')).status).toBe(200);
  });

  it('a request line the HTTP parser refuses gets a JSON 400 too', async () => {
    const answer = await rawRequest(server, 'GET /v1/files HTTP/1.1 junk\r\n\r\n');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({
      error: { type: 'invalid_request_error', code: 'malformed_request' },
    });
    expect((await call(server, '/files')).status).toBe(200);
  });

  it('an absolute-form URL that is fine is served', async () => {
    const answer = await rawRequest(server, request(`http://127.0.0.1:${server.port}/v1/files?limit=1`));
    expect(answer.status).toBe(200);
  });
});
