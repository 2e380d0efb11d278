import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InputIndex } from '../../../src/core/results/input-index.js';
import { exportJoined, type JoinedOutcome } from '../../../src/core/results/joined.js';
import { SaveError } from '../../../src/core/results/save.js';
import { chatRequest, tempDir } from '../../support/batch-files.js';
import { MemoryDocument } from '../../support/memory-document.js';

const indexes: InputIndex[] = [];
afterEach(() => {
  for (const index of indexes.splice(0)) index.dispose();
});

function inputIndex(lines: unknown[]): InputIndex {
  const index = new InputIndex(
    new MemoryDocument(
      lines.map((l) => JSON.stringify(l)),
      { name: 'input.jsonl' },
    ),
  );
  indexes.push(index);
  return index;
}

const answer = (text: string) => ({
  object: 'chat.completion',
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
});
const ok = (id: string, text: string) => ({
  id: `batch_req_${id}`,
  custom_id: id,
  response: { status_code: 200, request_id: `req_${id}`, body: answer(text) },
  error: null,
});

function readJsonl(path: string): Array<Record<string, unknown>> {
  return readFileSync(path, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

function saved(outcome: JoinedOutcome): Extract<JoinedOutcome, { status: 'saved' }> {
  if (outcome.status !== 'saved') throw new Error(`not saved: ${outcome.status}`);
  return outcome;
}

describe('exportJoined', () => {
  it('joins each result with its own request by custom_id, whatever the order, and keeps every line', async () => {
    const input = inputIndex([
      chatRequest('q-1', 'one?'),
      chatRequest('q-2', 'two?'),
      chatRequest('q-3', 'three?'),
      chatRequest('q-4', 'four?'),
    ]);
    // Output order differs from input order; one body came as a JSON string; one line is not JSON.
    const output = new MemoryDocument([
      JSON.stringify(ok('q-3', 'THREE')),
      JSON.stringify({
        ...ok('q-1', ''),
        response: { status_code: 200, request_id: 'r', body: JSON.stringify(answer('ONE')) },
      }),
      '{"custom_id": "q-2", oops',
      JSON.stringify(ok('stranger', 'not in the input')),
      '',
    ]);
    const errors = new MemoryDocument([
      JSON.stringify({
        id: 'e4',
        custom_id: 'q-4',
        response: null,
        error: {
          code: 'batch_expired',
          message: 'This request could not be executed before the completion window expired.',
        },
      }),
    ]);
    const dir = tempDir();
    const dest = join(dir, 'joined.jsonl');
    const outcome = saved(await exportJoined({ sources: [output, errors], input, dest }));
    expect(outcome.counts).toEqual({ lines: 5, joined: 3, withoutInput: 1, invalid: 1 });

    const lines = readJsonl(dest);
    expect(outcome.bytes).toBe(readFileSync(dest).length);
    expect(lines.map((l) => l.custom_id)).toEqual(['q-3', 'q-1', null, 'stranger', 'q-4']);
    const question = (line: Record<string, unknown>) =>
      (line.request as { messages: Array<{ content: string }> } | null)?.messages.at(-1)?.content ?? null;
    expect(lines.map(question)).toEqual(['three?', 'one?', null, null, 'four?']);

    expect(lines[0]).toEqual({
      custom_id: 'q-3',
      request: chatRequest('q-3', 'three?').body,
      response: answer('THREE'),
      error: null,
      status_code: 200,
    });
    expect(lines[1]!.response).toEqual(answer('ONE'));
    expect(lines[2]).toEqual({
      custom_id: null,
      request: null,
      response: null,
      error: { code: 'invalid_line', message: 'line 3: not JSON: Expected double-quoted property name at column 22' },
      status_code: null,
      raw: '{"custom_id": "q-2", oops',
    });
    expect(lines[3]).toMatchObject({ custom_id: 'stranger', request: null, status_code: 200 });
    expect(lines[4]).toEqual({
      custom_id: 'q-4',
      request: chatRequest('q-4', 'four?').body,
      response: null,
      error: {
        code: 'batch_expired',
        message: 'This request could not be executed before the completion window expired.',
      },
      status_code: null,
    });
    expect(readdirSync(dir)).toEqual(['joined.jsonl']);
  });

  it('without an input file every request is null', async () => {
    const dest = join(tempDir(), 'joined.jsonl');
    const outcome = saved(
      await exportJoined({
        sources: [new MemoryDocument([JSON.stringify(ok('a', 'A')), JSON.stringify(ok('b', 'B'))])],
        input: null,
        dest,
      }),
    );
    expect(outcome.counts).toEqual({ lines: 2, joined: 0, withoutInput: 2, invalid: 0 });
    expect(readJsonl(dest).map((l) => l.request)).toEqual([null, null]);
  });

  it('of an empty file writes an empty file', async () => {
    const dest = join(tempDir(), 'joined.jsonl');
    expect(saved(await exportJoined({ sources: [new MemoryDocument([])], input: null, dest })).counts.lines).toBe(0);
    expect(readFileSync(dest, 'utf8')).toBe('');
  });

  it('keeps a 5 MB answer whole, and a line too long to parse as an invalid line without its text', async () => {
    const big = 'y'.repeat(5 * 1024 * 1024);
    const huge = JSON.stringify(ok('huge', 'z'.repeat(17 * 1024 * 1024)));
    const dest = join(tempDir(), 'joined.jsonl');
    const outcome = saved(
      await exportJoined({ sources: [new MemoryDocument([JSON.stringify(ok('big', big)), huge])], input: null, dest }),
    );
    expect(outcome.counts).toMatchObject({ lines: 2, invalid: 1 });
    const [first, second] = readJsonl(dest);
    expect((first!.response as ReturnType<typeof answer>).choices[0]!.message.content).toHaveLength(big.length);
    expect(second).toEqual({
      custom_id: 'huge',
      request: null,
      response: null,
      error: { code: 'invalid_line', message: 'line 2 has 17 MB, more than the 16 MB read; it is not included' },
      status_code: null,
      raw: null,
    });
  });

  it('asks before overwriting, and refuses a download that is not finished', async () => {
    const dir = tempDir();
    const dest = join(dir, 'joined.jsonl');
    writeFileSync(dest, 'keep me\n');
    const source = new MemoryDocument([JSON.stringify(ok('a', 'A'))]);
    expect(await exportJoined({ sources: [source], input: null, dest })).toEqual({ status: 'exists', path: dest });
    expect(readFileSync(dest, 'utf8')).toBe('keep me\n');
    expect(saved(await exportJoined({ sources: [source], input: null, dest, overwrite: true })).counts.lines).toBe(1);

    const downloading = new MemoryDocument([JSON.stringify(ok('b', 'B'))], { complete: false });
    const refused = exportJoined({ sources: [downloading], input: null, dest: join(dir, 'other.jsonl') });
    await expect(refused).rejects.toBeInstanceOf(SaveError);
    await expect(refused).rejects.toThrow('the download is not finished');
    expect(readdirSync(dir)).toEqual(['joined.jsonl']);
  });

  it('waits for the input index to finish before joining', async () => {
    const inputDoc = new MemoryDocument([JSON.stringify(chatRequest('a', 'first'))], { complete: false });
    const input = new InputIndex(inputDoc);
    indexes.push(input);
    const dest = join(tempDir(), 'joined.jsonl');
    const exporting = exportJoined({ sources: [new MemoryDocument([JSON.stringify(ok('b', 'B'))])], input, dest });
    await new Promise((resolve) => setImmediate(resolve));
    inputDoc.append([JSON.stringify(chatRequest('b', 'second'))]);
    inputDoc.finish();
    const outcome = saved(await exporting);
    expect(outcome.counts.joined).toBe(1);
    expect(readJsonl(dest)[0]!.request).toEqual(chatRequest('b', 'second').body);
  });
});
