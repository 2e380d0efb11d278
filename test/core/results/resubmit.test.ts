import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BatchSchema, type Batch } from '../../../src/api/index.js';
import { openLocalDocument } from '../../../src/core/results/local-document.js';
import { planResubmit, resubmitStart, type ResubmitProgress } from '../../../src/core/results/resubmit.js';
import type { LineDocument } from '../../../src/core/results/types.js';
import { chatRequest, tempDir } from '../../support/batch-files.js';
import { MemoryDocument } from '../../support/memory-document.js';

const docs: LineDocument[] = [];
afterEach(async () => {
  await Promise.all(docs.splice(0).map((d) => d.close()));
});

function job(wire: Record<string, unknown>): Batch {
  return BatchSchema.parse({
    id: 'batch_6790ab12cd34ef56aa',
    endpoint: '/v1/chat/completions',
    input_file_id: 'file-input1',
    completion_window: '24h',
    ...wire,
  });
}

const ok = (id: string) =>
  JSON.stringify({
    id: `r_${id}`,
    custom_id: id,
    response: {
      status_code: 200,
      request_id: `q_${id}`,
      body: { choices: [{ message: { role: 'assistant', content: 'fine' } }] },
    },
    error: null,
  });
const httpError = (id: string, status: number, code: string | null, type = 'server_error') =>
  JSON.stringify({
    id: `r_${id}`,
    custom_id: id,
    response: {
      status_code: status,
      request_id: `q_${id}`,
      body: { error: { message: 'It failed.', type, param: null, code } },
    },
    error: null,
  });
/** vLLM: a string error, no body, no code. */
const vllmError = (id: string) =>
  JSON.stringify({
    id: `vllm-${id}`,
    custom_id: id,
    response: { status_code: 400, request_id: `q_${id}`, body: null },
    error: 'The model does not exist.',
  });
const notRun = (id: string, code: 'batch_expired' | 'batch_cancelled') =>
  JSON.stringify({ id: `r_${id}`, custom_id: id, response: null, error: { code, message: 'Not run.' } });

/** The input lines as written on disk, to compare bytes with. */
function inputLines(count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify(chatRequest(`req-${i + 1}`, `Question ${i + 1}: what is ${'é'.repeat(i)}?`)),
  );
}

interface Files {
  dir: string;
  inputPath: string;
  inputBytes: Buffer;
  opened: string[];
  open: (fileId: string) => Promise<LineDocument>;
}

/** The input file on disk (its bytes are copied), the error and output files in memory. */
function files(input: string, others: Record<string, string[]>): Files {
  const dir = tempDir();
  const inputPath = join(dir, 'input.jsonl');
  writeFileSync(inputPath, input);
  const opened: string[] = [];
  return {
    dir,
    inputPath,
    inputBytes: readFileSync(inputPath),
    opened,
    open: async (fileId) => {
      opened.push(fileId);
      if (fileId === 'file-input1') {
        const doc = await openLocalDocument(inputPath);
        docs.push(doc);
        return doc;
      }
      const lines = others[fileId];
      if (!lines) throw new Error(`no file ${fileId}`);
      return new MemoryDocument(lines);
    },
  };
}

describe('planResubmit', () => {
  it('a completed job with some failures: exactly the failed input lines, verbatim, in input order', async () => {
    const lines = inputLines(6);
    const f = files(lines.join('\n') + '\n', {
      'file-errors': [
        httpError('req-5', 429, 'rate_limit_exceeded', 'requests'),
        httpError('req-2', 500, null),
        vllmError('req-6'),
        httpError('req-3', 500, null),
      ],
      'file-output': [ok('req-1'), ok('req-4')],
    });
    const progress: ResubmitProgress[] = [];
    const workDir = join(f.dir, 'work');
    const plan = await planResubmit({
      job: job({
        status: 'completed',
        output_file_id: 'file-output',
        error_file_id: 'file-errors',
        request_counts: { total: 6, completed: 2, failed: 4 },
      }),
      open: f.open,
      workDir,
      onProgress: (p) => progress.push(p),
    });
    expect(plan).toEqual({
      path: join(workDir, 'file-input1-retry-6790ab12cd34.jsonl'),
      count: 4,
      reasons: [
        // No code: OpenAI's error type stands in for it; without either, the HTTP status does.
        { code: 'server_error', label: 'HTTP 500 server_error', count: 2 },
        { code: 'http_400', label: 'HTTP 400', count: 1 },
        { code: 'rate_limit_exceeded', label: 'HTTP 429 rate_limit_exceeded', count: 1 },
      ],
      failedWithoutInput: [],
      unreadableErrorLines: 0,
      sourceJob: 'batch_6790ab12cd34ef56aa',
      inputFileId: 'file-input1',
    });
    expect(readFileSync(plan.path!, 'utf8')).toBe([lines[1], lines[2], lines[4], lines[5]].join('\n') + '\n');
    // The output file is not needed when the counts add up; the input file is left as it was.
    expect(f.opened).toEqual(['file-input1', 'file-errors']);
    expect(readFileSync(f.inputPath).equals(f.inputBytes)).toBe(true);
    expect(readdirSync(workDir)).toEqual(['file-input1-retry-6790ab12cd34.jsonl']);
    expect(new Set(progress.map((p) => p.phase))).toEqual(new Set(['errors', 'input', 'writing']));
  });

  it('an expired job: expired requests from the error file, plus those in neither file', async () => {
    const lines = inputLines(6);
    const f = files(lines.join('\n') + '\n', {
      // This provider wrote batch_expired for one request only; req-5 and req-6 are nowhere.
      'file-errors': [notRun('req-4', 'batch_expired'), httpError('req-1', 500, 'server_error')],
      'file-output': [ok('req-3'), ok('req-2')],
    });
    const plan = await planResubmit({
      job: job({
        status: 'expired',
        output_file_id: 'file-output',
        error_file_id: 'file-errors',
        request_counts: { total: 6, completed: 2, failed: 1 },
      }),
      open: f.open,
      workDir: f.dir,
    });
    expect(plan.count).toBe(4);
    expect(plan.reasons).toEqual([
      { code: 'never_ran', label: 'never ran (in neither the output nor the error file)', count: 2 },
      { code: 'batch_expired', label: 'expired before it ran', count: 1 },
      { code: 'server_error', label: 'HTTP 500 server_error', count: 1 },
    ]);
    expect(readFileSync(plan.path!, 'utf8')).toBe([lines[0], lines[3], lines[4], lines[5]].join('\n') + '\n');
    expect(f.opened).toContain('file-output');
  });

  it('a cancelled job: the batch_cancelled requests', async () => {
    const lines = inputLines(4);
    const f = files(lines.join('\n') + '\n', {
      'file-errors': [notRun('req-3', 'batch_cancelled'), notRun('req-4', 'batch_cancelled')],
      'file-output': [ok('req-2'), ok('req-1')],
    });
    const plan = await planResubmit({
      job: job({
        status: 'cancelled',
        output_file_id: 'file-output',
        error_file_id: 'file-errors',
        request_counts: { total: 4, completed: 2, failed: 0 },
      }),
      open: f.open,
      workDir: f.dir,
    });
    expect(plan).toMatchObject({
      count: 2,
      reasons: [{ code: 'batch_cancelled', label: 'cancelled before it ran', count: 2 }],
    });
    expect(readFileSync(plan.path!, 'utf8')).toBe(`${lines[2]}\n${lines[3]}\n`);
  });

  it('a job with only an error file (every request failed)', async () => {
    const lines = inputLines(2);
    const f = files(lines.join('\n') + '\n', {
      'file-errors': [
        httpError('req-2', 400, 'invalid_request_error'),
        httpError('req-1', 400, 'invalid_request_error'),
      ],
    });
    const plan = await planResubmit({
      job: job({
        status: 'completed',
        output_file_id: null,
        error_file_id: 'file-errors',
        request_counts: { total: 2, completed: 0, failed: 2 },
      }),
      open: f.open,
      workDir: f.dir,
    });
    expect(plan).toMatchObject({ count: 2, reasons: [{ code: 'invalid_request_error', count: 2 }] });
  });

  it('copies line ends as they are (CRLF), and ends a last line that had none', async () => {
    const lines = inputLines(3);
    const f = files(lines.join('\r\n'), {
      'file-errors': [notRun('req-3', 'batch_expired'), notRun('req-1', 'batch_expired')],
    });
    const plan = await planResubmit({
      job: job({
        status: 'expired',
        output_file_id: 'file-output',
        error_file_id: 'file-errors',
        request_counts: { total: 3, completed: 1, failed: 2 },
      }),
      open: async (id) => (id === 'file-output' ? new MemoryDocument([ok('req-2')]) : f.open(id)),
      workDir: f.dir,
    });
    expect(readFileSync(plan.path!, 'utf8')).toBe(`${lines[0]}\r\n${lines[2]}\n`);
  });

  it('names failed custom_ids the input file does not have, and counts error lines that name none', async () => {
    const f = files(inputLines(2).join('\n') + '\n', {
      'file-errors': [
        httpError('ghost', 500, null),
        httpError('req-1', 500, null),
        'garbage',
        JSON.stringify({ error: { code: 'x', message: 'no id' } }),
      ],
    });
    const plan = await planResubmit({
      job: job({
        status: 'completed',
        error_file_id: 'file-errors',
        request_counts: { total: 2, completed: 1, failed: 1 },
      }),
      open: f.open,
      workDir: f.dir,
    });
    expect(plan).toMatchObject({ count: 1, failedWithoutInput: ['ghost'], unreadableErrorLines: 2 });
  });

  it('nothing to resubmit: count 0 and no file', async () => {
    const f = files(inputLines(2).join('\n') + '\n', { 'file-output': [ok('req-1'), ok('req-2')] });
    const workDir = join(f.dir, 'work');
    const plan = await planResubmit({
      job: job({
        status: 'completed',
        output_file_id: 'file-output',
        request_counts: { total: 2, completed: 2, failed: 0 },
      }),
      open: f.open,
      workDir,
    });
    expect(plan).toMatchObject({ path: null, count: 0, reasons: [], failedWithoutInput: [] });
    expect(existsSync(workDir)).toBe(false);
    // Nothing failed and nothing can be missing: no file had to be read (or downloaded).
    expect(f.opened).toEqual([]);
  });

  it('refuses a job without an input file, and one still running', async () => {
    const f = files('', {});
    await expect(
      planResubmit({ job: job({ status: 'completed', input_file_id: null }), open: f.open, workDir: f.dir }),
    ).rejects.toThrow('Batch batch_6790ab12cd34ef56aa names no input file, so there is nothing to resubmit from.');
    await expect(planResubmit({ job: job({ status: 'in_progress' }), open: f.open, workDir: f.dir })).rejects.toThrow(
      'resubmit works on a finished job',
    );
  });

  it('stops when cancelled, leaving no file', async () => {
    const f = files(inputLines(3).join('\n') + '\n', { 'file-errors': [httpError('req-1', 500, null)] });
    const controller = new AbortController();
    const planning = planResubmit({
      job: job({
        status: 'completed',
        error_file_id: 'file-errors',
        request_counts: { total: 3, completed: 2, failed: 1 },
      }),
      open: f.open,
      workDir: f.dir,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(planning).rejects.toThrow();
    expect(readdirSync(f.dir)).toEqual(['input.jsonl']);
  });
});

describe('resubmitStart', () => {
  it('describes the retry and links it to the old job', () => {
    expect(resubmitStart({ id: 'batch_abc', metadata: {} }, { count: 43 })).toEqual({
      description: 'retry of batch_abc: 43 failed requests',
      metadata: { resubmit_of: 'batch_abc' },
    });
    expect(resubmitStart({ id: 'batch_abc', metadata: {} }, { count: 1 }).description).toBe(
      'retry of batch_abc: 1 failed request',
    );
  });
});
