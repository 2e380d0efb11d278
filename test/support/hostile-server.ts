import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Batch API that sends what the contract allows and what careless servers send: negative,
 * huge, fractional, inconsistent and unreadable counts, timestamps in 1970, in 2300 and past any
 * calendar, a 10,000-character id, model and description, and a list that repeats itself (every
 * page says has_more and brings back the same jobs). For tests, and to try the console by hand:
 *
 *   node test/support/hostile-server.ts 47811   (then fizz-batch --base-url http://127.0.0.1:47811/v1)
 */
const long = 'x'.repeat(10_000);
const createdAt = 1_764_000_000;

function job(id: string, counts: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, object: 'batch', endpoint: '/v1/chat/completions', status: 'in_progress', input_file_id: 'file-hostile', completion_window: '24h', created_at: createdAt, request_counts: counts, metadata: { description: id }, ...extra };
}

export const hostileJobs: ReadonlyArray<Record<string, unknown>> = [
  job('batch_negative', { total: 50, completed: -5, failed: 0 }),
  job('batch_over', { total: 50, completed: 270, failed: 0.5 }),
  job('batch_huge', { total: 1e300, completed: 1e299, failed: 3 }, { created_at: 10_413_792_000, expires_at: 1e20 }),
  job('batch_1970', { total: 10, completed: 2, failed: 1 }, { created_at: 1, in_progress_at: 2, expires_at: 3 }),
  job('batch_nanish', { total: 'NaN', completed: 'lots', failed: null }, { created_at: 'yesterday-ish' }),
  job('batch_onefail', { total: 50_000, completed: 0, failed: 1 }),
  job('batch_zero', { total: 0, completed: 0, failed: 0 }, { status: 'validating' }),
  job(`batch_${long}`, { total: 3, completed: 1, failed: 0 }, { model: long, metadata: { description: long } }),
];

export interface HostileServer {
  url: string;
  /** GET /v1/batches requests served so far. */
  listCalls: () => number;
  close: () => Promise<void>;
}

export async function startHostileServer(port = 0): Promise<HostileServer> {
  let listCalls = 0;
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    res.setHeader('content-type', 'application/json');
    if (path === '/v1/batches') {
      listCalls += 1;
      res.end(JSON.stringify({ object: 'list', data: hostileJobs, has_more: true, last_id: 'batch_zero' }));
      return;
    }
    const one = /^\/v1\/batches\/([^/]+)$/.exec(path);
    const found = one ? hostileJobs.find((j) => j.id === decodeURIComponent(one[1]!)) : undefined;
    if (found) {
      res.end(JSON.stringify(found));
      return;
    }
    if (path === '/v1/files') {
      res.end(JSON.stringify({ object: 'list', data: [{ id: 'file-hostile', bytes: -3, created_at: 1e20, filename: long, purpose: 'batch' }], has_more: false }));
      return;
    }
    if (path === '/v1/models') {
      res.end(JSON.stringify({ object: 'list', data: [] }));
      return;
    }
    res.statusCode = 404;
    res.end(JSON.stringify({ error: { message: `no ${path} here`, type: 'invalid_request_error', param: null, code: null } }));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/v1`,
    listCalls: () => listCalls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startHostileServer(Number(process.argv[2] ?? 0));
  console.log(`hostile Batch API on ${server.url}`);
}
