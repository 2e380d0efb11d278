// A throwaway HTTP server on 127.0.0.1:0 for API client tests. Each test scripts its answers.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { ApiError, createBatchClient, type BatchClient } from '../../src/api/index.js';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
}

export type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void | Promise<void>;

export interface Stub {
  /** Base URL with /v1, as a profile would have it. */
  baseURL: string;
  origin: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startStub(handler: Handler): Promise<Stub> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    void Promise.resolve(handler(req, res, requests.length)).catch((e: unknown) => {
      res.statusCode = 500;
      res.end(String(e));
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    baseURL: `${origin}/v1`,
    origin,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text).toString(),
    ...headers,
  });
  res.end(text);
}

/** Read a request body fully (for handlers that need it). */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A port that refuses connections: bind, note the port, close. */
export async function refusedURL(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1`;
}

/** Await a call that must fail with an ApiError, and return the error. */
export async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return e as ApiError;
  }
  throw new Error('expected the call to fail with an ApiError');
}

/**
 * A handler that never stops: `chunk` after `chunk`, as fast as the client takes them, until the
 * client hangs up. Chunked, no size declared, no ranges: the careless or hostile server.
 */
export function endlessSender(chunk: Buffer): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    const more = () => {
      while (!res.destroyed && res.write(chunk));
      if (!res.destroyed) res.once('drain', more);
    };
    more();
  };
}

/**
 * Per test: a temporary directory and a client on a stub server of the test's own handler (the
 * stub closed and the directory removed after each test). Read `dir` and `stub` inside a test.
 */
export function stubPerTest(prefix: string): {
  readonly dir: string;
  readonly stub: Stub | undefined;
  clientFor(handler: Handler): Promise<BatchClient>;
} {
  let dir = '';
  let stub: Stub | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    await stub?.close();
    stub = undefined;
    await rm(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    get stub() {
      return stub;
    },
    async clientFor(handler) {
      stub = await startStub(handler);
      return createBatchClient({ baseURL: stub.baseURL, apiKey: 'k', maxRetries: 0 });
    },
  };
}
