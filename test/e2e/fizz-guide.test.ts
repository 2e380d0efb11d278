import { copyFileSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatRequest, guideModels, tempDir, writeJsonl } from '../support/batch-files.js';
import { exited, spawnServe } from '../support/cli.js';
import { sh } from '../support/shell.js';
import { waitFor } from '../support/wait.js';

/**
 * The fizz.ai Batch API guide, run as its reader runs it: its example file, "Create Batch jobs
 * as JSON files" (test/fixtures/fizz-ai-guide/mybatchtest.jsonl, the guide's four lines byte for
 * byte: three models in one file, max_completion_tokens), and its curl commands exactly as
 * written, against `fizz-batch serve` started with no --flavor, which must behave as fizz.ai does.
 */

const guideFile = fileURLToPath(new URL('../fixtures/fizz-ai-guide/mybatchtest.jsonl', import.meta.url));
const GUIDE_HOST = 'https://api.fizz.ai/v1';

/** The guide's curl commands, copied from it as they are; its placeholder ids are replaced by real ones when run. */
const GUIDE = {
  upload: `curl -s https://api.fizz.ai/v1/files \\
-H "Authorization: Bearer $API_KEY" \\
-H "Content-Type: multipart/form-data" \\
-F "file=@mybatchtest.jsonl" \\
-F "purpose=batch"`,
  submit: `curl -s https://api.fizz.ai/v1/batches \\
-H "Authorization: Bearer $API_KEY" \\
-H "Content-Type: application/json" \\
-d '{
"input_file_id": "myfile-123",
"endpoint": "/v1/chat/completions",
"completion_window": "24h"
}'`,
  status: `curl -s https://api.fizz.ai/v1/batches/mybatch-123 \\
-H "Authorization: Bearer $API_KEY" \\
-H "Content-Type: application/json"`,
  results: `curl -s https://api.fizz.ai/v1/files/fizz-output-file-123/content \\
-H "Authorization: Bearer $API_KEY" > batch_output.jsonl`,
  list: `curl -s https://api.fizz.ai/v1/batches \\
-H "Authorization: Bearer $API_KEY"`,
  cancel: `curl -s https://api.fizz.ai/v1/batches/$BATCH_ID/cancel \\
-H "Authorization: Bearer $API_KEY" \\
-H "Content-Type: application/json" \\
-X POST`,
} as const;

const API_KEY = 'sk-fizz-guide-test-4321';

interface Ids {
  fileId?: string;
  batchId?: string;
  outputFileId?: string;
}

type BatchBody = Record<string, unknown> & {
  id: string;
  status: string;
  request_counts: { total: number; completed: number; failed: number };
  errors: { data: Array<{ code: string; line: number | null }> } | [] | null;
};

interface GuideServer {
  url: string;
  dir: string;
  /** Runs one of the guide's commands in the server's directory and parses what it prints. */
  run: (
    command: keyof typeof GUIDE,
    ids?: Ids,
    env?: Record<string, string>,
  ) => Promise<{ text: string; json: () => BatchBody }>;
  stop: () => Promise<void>;
}

async function startGuideServer(flags: string[]): Promise<GuideServer> {
  const { child, url } = await spawnServe(['--api-key', API_KEY, '--speed', '50', '--fail-rate', '0', ...flags]);
  const dir = tempDir('fizz-guide-');
  copyFileSync(guideFile, join(dir, 'mybatchtest.jsonl'));
  return {
    url,
    dir,
    async run(command, ids = {}, env = {}) {
      const script = GUIDE[command]
        .replaceAll(GUIDE_HOST, url)
        .replaceAll('myfile-123', ids.fileId ?? 'myfile-123')
        .replaceAll('mybatch-123', ids.batchId ?? 'mybatch-123')
        .replaceAll('fizz-output-file-123', ids.outputFileId ?? 'fizz-output-file-123');
      const { stdout, stderr, code } = await sh(script, dir, { API_KEY, ...env });
      expect({ command, stderr, code }).toEqual({ command, stderr: '', code: 0 });
      return {
        text: stdout,
        json: () => {
          try {
            return JSON.parse(stdout) as BatchBody;
          } catch {
            throw new Error(`the guide's ${command} command printed no JSON: ${stdout.slice(0, 300)}`);
          }
        },
      };
    },
    async stop() {
      child.kill('SIGTERM');
      expect(await exited(child)).toBe(0);
    },
  };
}

/** fizz.ai sends timestamps as numeric strings, as the guide's answers show ("1733832777"). */
const unixSecondsString = expect.stringMatching(/^\d{10}$/);

const guideLines = readFileSync(guideFile, 'utf8').trimEnd().split('\n');
const modelOf = new Map(
  guideLines.map((line) => {
    const request = JSON.parse(line) as { custom_id: string; body: { model: string } };
    return [request.custom_id, request.body.model];
  }),
);

describe('the fizz.ai guide, its file and curl commands as written, against fizz-batch serve with no --flavor', () => {
  let server: GuideServer;

  beforeAll(async () => {
    server = await startGuideServer([]);
  });
  afterAll(async () => server?.stop());

  it("the fixture is the guide file: four requests on the guide's three models", () => {
    expect(guideLines).toHaveLength(4);
    expect([...modelOf.keys()]).toEqual(['request-1', 'request-2', 'request-3', 'request-4']);
    expect(new Set(modelOf.values())).toEqual(new Set(guideModels));
  });

  it('upload → submit → monitor to completed → retrieve results → list', async () => {
    const file = (await server.run('upload')).json();
    expect(file).toMatchObject({
      object: 'file',
      purpose: 'batch',
      filename: 'mybatchtest.jsonl',
      bytes: statSync(guideFile).size,
      created_at: unixSecondsString,
    });
    const fileId = file.id;

    const submitted = (await server.run('submit', { fileId })).json();
    expect(submitted).toMatchObject({
      object: 'batch',
      status: 'validating',
      input_file_id: fileId,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
      request_counts: { total: 0, completed: 0, failed: 0 },
    });
    const batchId = submitted.id;

    // The guide polls the status until it reads "completed".
    const done = await waitFor(
      `batch ${batchId} to complete`,
      async () => (await server.run('status', { batchId })).json(),
      (batch) => ['completed', 'failed', 'expired', 'cancelled'].includes(batch.status),
    );
    expect(done).toMatchObject({
      id: batchId,
      status: 'completed',
      request_counts: { total: 4, completed: 4, failed: 0 },
      error_file_id: null,
      created_at: unixSecondsString,
      in_progress_at: unixSecondsString,
      finalizing_at: unixSecondsString,
      completed_at: unixSecondsString,
      failed_at: null,
    });
    const outputFileId = done.output_file_id as string;
    expect(outputFileId).toEqual(expect.any(String));

    await server.run('results', { outputFileId });
    const output = readFileSync(join(server.dir, 'batch_output.jsonl'), 'utf8')
      .trimEnd()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as {
            custom_id: string;
            response: {
              status_code: number;
              body: { model: string; choices: Array<{ message: { content: string } }> };
            };
            error: unknown;
          },
      );
    expect(output.map((line) => line.custom_id).sort()).toEqual(['request-1', 'request-2', 'request-3', 'request-4']);
    for (const line of output) {
      expect(line.response.status_code).toBe(200);
      expect(line.error).toBeNull();
      // Each request is answered by the model it asked for: several models in one file.
      expect(line.response.body.model).toBe(modelOf.get(line.custom_id));
      expect(line.response.body.choices[0]!.message.content.length).toBeGreaterThan(0);
    }

    const list = await server.run('list');
    const listed = JSON.parse(list.text) as {
      object: string;
      data: BatchBody[];
      has_more: boolean;
      first_id: string;
      count: number;
      page_count: number;
    };
    expect(listed).toMatchObject({
      object: 'list',
      has_more: false,
      first_id: batchId,
      count: 1,
      page: 1,
      page_count: -1,
    });
    expect(listed.data).toEqual([
      expect.objectContaining({
        id: batchId,
        status: 'completed',
        request_counts: { total: 4, completed: 4, failed: 0 },
      }),
    ]);
    // int64 max, as the guide shows it: too big for a JavaScript number, so checked in the text.
    expect(list.text).toContain('"items_per_page":9223372036854775807');
  });

  it("the guide's cancel command stops a running job", async () => {
    // A job long enough (2,000 requests at 100 a second) to be running when the cancel arrives.
    const many = Array.from({ length: 2000 }, (_, i) =>
      chatRequest(`long-${i + 1}`, `What is ${i + 1} squared?`, { model: guideModels[i % 3] }),
    );
    writeJsonl(server.dir, 'long.jsonl', many);
    const { stdout } = await sh(
      `curl -s ${server.url}/files -H "Authorization: Bearer $API_KEY" -F "file=@long.jsonl" -F "purpose=batch"`,
      server.dir,
      { API_KEY },
    );
    const fileId = (JSON.parse(stdout) as { id: string }).id;
    const batchId = (await server.run('submit', { fileId })).json().id;

    const cancelled = (await server.run('cancel', {}, { BATCH_ID: batchId })).json();
    expect(cancelled.id).toBe(batchId);
    expect(['cancelling', 'cancelled']).toContain(cancelled.status);
    expect(cancelled.cancelling_at).toEqual(unixSecondsString);

    const end = await waitFor(
      `batch ${batchId} to be cancelled`,
      async () => (await server.run('status', { batchId })).json(),
      (batch) => batch.status !== 'cancelling',
    );
    expect(end.status).toBe('cancelled');
    expect(end.request_counts.completed).toBeLessThan(2000);
  });
});

describe('the same file and commands against fizz-batch serve --flavor openai', () => {
  let server: GuideServer;

  beforeAll(async () => {
    server = await startGuideServer(['--flavor', 'openai']);
  });
  afterAll(async () => server?.stop());

  it('fails validation as OpenAI would: one model per file', async () => {
    const fileId = (await server.run('upload')).json().id;
    const submitted = (await server.run('submit', { fileId })).json();
    // OpenAI's integer timestamps in this flavour.
    expect(submitted.created_at).toEqual(expect.any(Number));
    const done = await waitFor(
      `batch ${submitted.id} to end`,
      async () => (await server.run('status', { batchId: submitted.id })).json(),
      (batch) => ['completed', 'failed', 'expired', 'cancelled'].includes(batch.status),
    );
    expect(done.status).toBe('failed');
    expect(done.output_file_id).toBeNull();
    // Line 1 sets the file's model (8B); lines 2 to 4 name the 70B and the 405B.
    const errors = (done.errors as { data: Array<{ code: string; line: number | null }> }).data;
    expect(errors.map(({ code, line }) => ({ code, line }))).toEqual([
      { code: 'mismatched_model', line: 2 },
      { code: 'mismatched_model', line: 3 },
      { code: 'mismatched_model', line: 4 },
    ]);
  });
});
