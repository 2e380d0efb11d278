import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../src/core/session.js';
import { FilePageSchema } from '../../src/api/index.js';
import { FilesScreen } from '../../src/ui/features/files/FilesScreen.js';
import { JobDetailScreen } from '../../src/ui/features/job-detail/JobDetailScreen.js';
import { JobListScreen } from '../../src/ui/features/jobs/JobListScreen.js';
import { fakeSession, renderUi, serverSession } from '../support/ui.js';

// A server whose list holds one job with a null error entry, one without a status and one
// without an id, among good ones: before, the whole list was "Could not load the jobs".
const now = Math.floor(Date.now() / 1000);
const job = (id: unknown, extra: Record<string, unknown> = {}) => ({
  id,
  object: 'batch',
  endpoint: '/v1/chat/completions',
  status: 'in_progress',
  input_file_id: 'file-1',
  completion_window: '24h',
  created_at: now - 600,
  request_counts: { total: 10, completed: 4, failed: 0 },
  metadata: { description: `job ${String(id)}` },
  ...extra,
});
const jobs = [
  job('batch_good_one'),
  job('batch_null_error', {
    status: 'failed',
    errors: { object: 'list', data: [null, { code: 'invalid_json', message: 'line 3 is not JSON', line: 3 }] },
  }),
  job('batch_no_status', { status: undefined }),
  job(null),
  job('batch_good_two'),
  job('batch_huge_numbers', {
    request_counts: { total: 1e308, completed: 1e308, failed: 1e308 },
    usage: { input_tokens: 1e308, output_tokens: 1e308, total_tokens: 1e308 },
  }),
];

let server: Server;
let url: string;
let session: Session | undefined;
beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    res.setHeader('content-type', 'application/json');
    const one = /^\/v1\/batches\/(.+)$/.exec(path);
    if (path === '/v1/batches') res.end(JSON.stringify({ object: 'list', data: jobs, has_more: false }));
    else if (one) res.end(JSON.stringify(jobs.find((j) => j.id === one[1]) ?? {}));
    else res.end(JSON.stringify({ object: 'list', data: [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  session?.dispose();
  session = undefined;
});

describe('one broken job costs only itself', () => {
  it('the list shows the others, marks the repaired ones with ⚠ and says how many it could not show', async () => {
    session = serverSession(url);
    const ui = renderUi(<JobListScreen />, { session, body: { width: 120, height: 20 } });
    const frame = await ui.waitForFrame('end of list');
    for (const id of ['good_on', 'null_er', 'no_stat', 'good_tw']) expect(frame).toContain(id);
    expect(frame).not.toContain('Could not load');
    expect(frame).toMatch(/null_er\w*\s+⚠ failed/);
    expect(frame).toMatch(/no_stat\w*\s+⚠ unknown/);
    expect(frame).toMatch(/good_on\w*\s+▸ in progress/);
    expect(frame).toContain('⚠ 1 job unreadable, not shown (data[3].id: expected string, got null)');
  });

  it("the repaired job's detail says what the server got wrong, and keeps the errors that were readable", async () => {
    session = serverSession(url);
    const ui = renderUi(<JobDetailScreen id="batch_null_error" intervalMs={60_000} />, {
      session,
      scope: 'detail',
      body: { width: 120, height: 30 },
    });
    const frame = await ui.waitForFrame('The server sent this job broken');
    expect(frame).toContain('⚠ The server sent this job broken: errors[0] is null, not an error');
    expect(frame).toContain('line 3 is not JSON');
  });
});

describe('1e308 keeps to its cell', () => {
  it('a file size past any file system says so in a few columns; counts and tokens go to exponent form', async () => {
    const page = FilePageSchema.parse({
      object: 'list',
      data: [{ id: 'file-huge', bytes: 1e308, created_at: now, filename: 'huge.jsonl', purpose: 'batch' }],
    });
    session = fakeSession({ listFiles: async () => page });
    const files = renderUi(<FilesScreen />, { session, scope: 'files', body: { width: 100, height: 12 } });
    let frame = await files.waitForFrame('huge.jsonl');
    expect(frame).toContain('⚠ >8 EB');
    expect(frame).not.toMatch(/\d{16}/);
    files.unmount();
    session.dispose();

    session = serverSession(url);
    const detail = renderUi(<JobDetailScreen id="batch_huge_numbers" intervalMs={60_000} />, {
      session,
      scope: 'detail',
      body: { width: 100, height: 30 },
    });
    frame = await detail.waitForFrame(/total · /);
    expect(frame).toContain('1.0e+308 total');
    expect(frame).toContain('⚠ counts too large to add up: 1.0e+308 completed + 1.0e+308 failed');
    expect(frame).not.toContain('Infinity');
    expect(frame).not.toMatch(/\d{16}/);
  });
});
