import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBatchClient } from '../../src/api/index.js';
import { chatRequest, tempDir, writeJsonl } from '../support/batch-files.js';
import { runCli } from '../support/cli.js';
import { hostileValue, startEscapeServer, type HostileServer } from '../support/hostile-server.js';
import { startTestServer, type TestServer } from '../support/server.js';

// `--json --raw`: each object printed carries, under `raw`, what the provider sent for it. The
// built-in server's fizz flavour sends what fizz.ai sends (numeric-string timestamps, `errors: []`,
// a file's `status_details`), so the difference between the two shapes is visible.

type Printed = Record<string, unknown> & { raw?: Record<string, unknown> };

let server: TestServer;
const log: string[] = [];
let jobId = '';
let fileId = '';

beforeAll(async () => {
  server = await startTestServer({
    flavor: 'fizz',
    failRate: 0,
    requestsPerSecond: 1 / 3600,
    log: (line) => log.push(line),
  });
  const client = createBatchClient({ baseURL: server.url, apiKey: null });
  fileId = (
    await client.uploadFile(writeJsonl(tempDir(), 'input.jsonl', [chatRequest('a', 'One?'), chatRequest('b', 'Two?')]))
  ).id;
  for (const description of ['to cancel', 'kept']) {
    jobId = (
      await client.createBatch({
        inputFileId: fileId,
        endpoint: '/v1/chat/completions',
        completionWindow: '24h',
        metadata: { description },
      })
    ).id;
  }
  await server.engine.advance();
});
afterAll(async () => {
  await server.close();
});

const cli = (...args: string[]) => runCli([...args, '--base-url', server.url]);
const printed = async (...args: string[]): Promise<Printed[]> => {
  const result = await cli(...args);
  expect(result.code, result.stderr).toBe(0);
  const value = JSON.parse(result.stdout) as Printed | Printed[];
  return Array.isArray(value) ? value : [value];
};
/** What the server sends for a path, as a client without fizz-batch would read it. */
const sent = async (path: string): Promise<unknown> => (await fetch(`${server.url}${path}`)).json();

describe('--json --raw against the fizz flavour', () => {
  it("list and get: the normalized job in OpenAI's shape, and under raw the job as the server sent it", async () => {
    for (const jobs of [await printed('list', '--json', '--raw'), await printed('get', jobId, '--json', '--raw')]) {
      expect(jobs.length).toBeGreaterThan(0);
      for (const job of jobs) {
        expect(typeof job.created_at).toBe('number');
        expect(job.raw?.created_at).toBe(String(job.created_at));
        expect(job.errors).toBeNull();
        expect(job.raw?.errors).toEqual([]);
        const {
          request_counts: _moving,
          status: _maybe,
          in_progress_at: _too,
          ...still
        } = (await sent(`/batches/${job.id as string}`)) as Record<string, unknown>;
        expect(job.raw).toMatchObject(still);
      }
    }
  });

  it("files and models: a field of the provider's own shows under raw, never at the top level", async () => {
    const files = await printed('files', '--json', '--raw');
    const file = files.find((f) => f.id === fileId);
    expect(file?.raw).toEqual(await sent(`/files/${fileId}`));
    expect(file?.raw).toHaveProperty('status_details');
    expect(file).not.toHaveProperty('status_details');
    expect(file?.created_at).toBe(Number(file?.raw?.created_at));
    const models = await printed('models', '--json', '--raw');
    const listed = ((await sent('/models')) as { data: { id: string }[] }).data;
    expect(models.map((m) => m.raw)).toEqual([...listed].sort((a, b) => a.id.localeCompare(b.id)));
  });

  it('cancel: the job as the server answered the cancel', async () => {
    const { id: cancelId } = (await printed('list', '--json')).find(
      (job) => (job.metadata as Record<string, string>).description === 'to cancel',
    )!;
    const [job] = await printed('cancel', cancelId as string, '--yes', '--json', '--raw');
    expect(job?.raw).toMatchObject({ id: cancelId, status: 'cancelling', cancelling_at: String(job?.cancelling_at) });
  });

  it('--json alone prints no raw key', async () => {
    for (const objects of [
      await printed('list', '--json'),
      await printed('get', jobId, '--json'),
      await printed('files', '--json'),
      await printed('models', '--json'),
    ]) {
      expect(objects.length).toBeGreaterThan(0);
      for (const object of objects) expect(object).not.toHaveProperty('raw');
    }
  });

  it('--raw without --json: a usage error (exit 2) that says so, and nothing is sent', async () => {
    const before = log.length;
    for (const args of [['list'], ['get', jobId], ['cancel', jobId, '--yes'], ['files'], ['models']]) {
      const result = await cli(...args, '--raw');
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe("fizz-batch: --raw adds the provider's own objects to --json output; add --json.\n");
    }
    expect(log.length).toBe(before);
  });

  it('help and completion offer --raw', async () => {
    expect((await runCli(['list', '--help'])).stdout).toMatch(
      /^ {2}--raw +with --json: add the provider's own object under `raw`$/m,
    );
    expect((await runCli(['completion', 'fish'])).stdout).toMatch(/-l raw\b/);
  });
});

describe('--json --raw from a server that sends escape sequences', () => {
  let escapes: HostileServer;
  beforeAll(async () => {
    escapes = await startEscapeServer();
  });
  afterAll(async () => {
    await escapes.close();
  });

  it('a vendor field with ESC, C1 and BEL comes out escaped, and parses back to exactly what was sent', async () => {
    const run = (...args: string[]) => runCli([...args, '--json', '--raw', '--base-url', escapes.url]);
    const jobs = await run('list');
    const id = (JSON.parse(jobs.stdout) as Printed[])[0]!.id as string;
    for (const result of [jobs, await run('get', id), await run('files'), await run('models')]) {
      expect(result.code, result.stderr).toBe(0);
      // eslint-disable-next-line no-control-regex
      expect(result.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      const value = JSON.parse(result.stdout) as Printed | Printed[];
      for (const object of Array.isArray(value) ? value : [value]) {
        expect(object.raw?.x_vendor_trace).toBe(hostileValue('vendor'));
        expect(object).not.toHaveProperty('x_vendor_trace');
      }
    }
  });
});

describe('submit, watch and resubmit: --json prints the batch, --raw adds what the server sent', () => {
  let fast: TestServer;
  const calls: string[] = [];
  let dir: string;
  beforeAll(async () => {
    fast = await startTestServer({ flavor: 'fizz', failRate: 0, speed: 5000, log: (line) => calls.push(line) });
    dir = tempDir('fizz-raw-submit-');
    // One of the two requests fails (temperature 2.5): the job completes, not whole.
    writeJsonl(dir, 'ok.jsonl', [
      chatRequest('a', 'One?'),
      chatRequest('b', 'Two?', { extraBody: { temperature: 2.5 } }),
    ]);
  });
  afterAll(async () => {
    await fast.close();
  });
  const run = (...args: string[]) => runCli([...args, '--base-url', fast.url], { FIZZ_CACHE_DIR: join(dir, 'cache') });
  const document = (stdout: string): Printed => JSON.parse(stdout) as Printed;

  it("submit --json --raw: the created batch, and under raw the server's answer to the create", async () => {
    const result = await run('submit', join(dir, 'ok.jsonl'), '--description', 'raw run', '--json', '--raw');
    expect(result.code, result.stderr).toBe(0);
    const batch = document(result.stdout);
    expect(batch).toMatchObject({ object: 'batch', status: 'validating', metadata: { description: 'raw run' } });
    expect(batch.raw).toMatchObject({
      id: batch.id,
      status: 'validating',
      created_at: String(batch.created_at),
      errors: [],
      metadata: { description: 'raw run' },
    });

    const watched = await run('watch', batch.id as string, '--interval', '1', '--json', '--raw');
    expect(watched.code).toBe(1);
    expect(watched.stderr).toContain(`${batch.id as string}: completed, but 1 of 2 requests failed`);
    const ended = document(watched.stdout);
    expect(ended).toMatchObject({
      id: batch.id,
      status: 'completed',
      request_counts: { total: 2, completed: 1, failed: 1 },
    });
    expect(ended.raw).toMatchObject({ id: batch.id, status: 'completed', completed_at: String(ended.completed_at) });

    const retried = await run('resubmit', batch.id as string, '--wait', '--json', '--raw');
    expect(retried.code).toBe(1);
    const retry = document(retried.stdout);
    expect(retry).toMatchObject({
      status: 'completed',
      metadata: { resubmit_of: batch.id },
      request_counts: { total: 1 },
    });
    expect(retry.raw).toMatchObject({
      id: retry.id,
      status: 'completed',
      metadata: { resubmit_of: batch.id },
      created_at: String(retry.created_at),
    });
  });

  it('submit --wait --json: one document, the job as it ended, with no raw key', async () => {
    const result = await run('submit', join(dir, 'ok.jsonl'), '--wait', '--json');
    expect(result.code).toBe(1);
    const ended = document(result.stdout);
    expect(ended).toMatchObject({ object: 'batch', status: 'completed' });
    expect(ended).not.toHaveProperty('raw');
  });

  it('--raw without --json: exit 2 before anything is uploaded or asked', async () => {
    const before = calls.length;
    for (const args of [
      ['submit', join(dir, 'ok.jsonl')],
      ['watch', 'batch_x'],
      ['resubmit', 'batch_x'],
    ]) {
      const result = await run(...args, '--raw');
      expect(result.code, args[0]).toBe(2);
      expect(result.stderr).toBe("fizz-batch: --raw adds the provider's own objects to --json output; add --json.\n");
    }
    expect(calls.length).toBe(before);
  });
});
