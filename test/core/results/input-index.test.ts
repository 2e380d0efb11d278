import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InputIndex, scanLines, type InputIndexState } from '../../../src/core/results/input-index.js';
import { openLocalDocument } from '../../../src/core/results/local-document.js';
import type { LineDocument } from '../../../src/core/results/types.js';
import { chatRequest, questions, tempDir } from '../../support/batch-files.js';
import { MemoryDocument } from '../../support/memory-document.js';
import { untilState } from '../../support/wait.js';

const indexes: InputIndex[] = [];
const docs: LineDocument[] = [];
afterEach(async () => {
  for (const index of indexes.splice(0)) index.dispose();
  await Promise.all(docs.splice(0).map((d) => d.close()));
});

function indexOf(doc: LineDocument): InputIndex {
  const index = new InputIndex(doc);
  indexes.push(index);
  return index;
}

const jsonl = (items: Array<Record<string, unknown> | string>) =>
  items.map((i) => (typeof i === 'string' ? i : JSON.stringify(i)));

const until = (index: InputIndex, check: (s: InputIndexState) => boolean) => untilState(index, check);

describe('InputIndex', () => {
  it('finds a custom_id that comes after a long body, or inside a line with an escaped quote before it', async () => {
    const long = 'a long prompt '.repeat(200);
    const trailing = `{"method":"POST","url":"/v1/chat/completions","body":{"model":"m","messages":[{"role":"user","content":"${long}"}]},"custom_id":"last-key"}`;
    const escaped = `{"note":"she said \\"custom_id\\": \\"fake\\"","custom_id":"real-one","method":"POST","url":"/v1/chat/completions","body":{"model":"m","messages":[]}}`;
    const doc = new MemoryDocument([trailing, escaped, JSON.stringify(chatRequest('first-key', 'hi'))]);
    const index = indexOf(doc);
    await until(index, (s) => s.done);
    expect(index.lineOf('last-key')).toBe(0);
    expect(index.lineOf('real-one')).toBe(1);
    expect(index.lineOf('fake')).toBeUndefined();
    expect(index.lineOf('first-key')).toBe(2);
    expect(index.getState().withoutId).toBe(0);
  });

  it('finds each request by custom_id, whatever the order results come in', async () => {
    const doc = new MemoryDocument(jsonl(questions(50)));
    const index = indexOf(doc);
    await index.whenDone();
    expect(index.getState()).toMatchObject({
      indexedLines: 50,
      ids: 50,
      done: true,
      duplicates: 0,
      withoutId: 0,
      error: null,
    });
    expect(index.getState().progress.scannedBytes).toBe(doc.getState().bytes);

    for (const id of ['request-37', 'request-1', 'request-50']) {
      const found = await index.lookup(id);
      if (found.status !== 'found') throw new Error(`${id}: ${found.status}`);
      expect(found.line).toBe(Number(id.split('-')[1]) - 1);
      expect(found.request.customId).toBe(id);
      expect(found.request.messages.at(-1)).toEqual({ role: 'user', text: `What is ${found.line + 1} squared?` });
      expect(found.request.params).toEqual({ max_tokens: '1000' });
    }
    expect(await index.lookup('request-51')).toEqual({ status: 'missing' });
  });

  it('says pending for what is not indexed yet, and follows a document that is still downloading', async () => {
    const doc = new MemoryDocument(jsonl(questions(3)), { complete: false });
    const index = indexOf(doc);
    await until(index, (s) => s.indexedLines === 3);
    expect(index.getState().done).toBe(false);
    expect(await index.lookup('late')).toEqual({ status: 'pending' });

    doc.append(jsonl([chatRequest('late', 'arrived later')]));
    await until(index, (s) => s.indexedLines === 4);
    expect(await index.lookup('late')).toMatchObject({ status: 'found', line: 3 });
    expect(await index.lookup('never')).toEqual({ status: 'pending' });

    doc.finish();
    await index.whenDone();
    expect(await index.lookup('never')).toEqual({ status: 'missing' });
  });

  it('joins the first of duplicate custom_ids and counts the rest; lines without an id are counted too', async () => {
    const doc = new MemoryDocument(
      jsonl([
        chatRequest('a', 'first'),
        chatRequest('b', 'x'),
        chatRequest('a', 'second'),
        'not json',
        { method: 'POST', body: {} },
        '',
        chatRequest('a', 'third'),
      ]),
    );
    const index = indexOf(doc);
    await index.whenDone();
    expect(index.getState()).toMatchObject({ ids: 2, duplicates: 2, duplicateExamples: ['a', 'a'], withoutId: 3 });
    const found = await index.lookup('a');
    expect(found).toMatchObject({ status: 'found', line: 0 });
    expect(found.status === 'found' && found.request.messages.at(-1)?.text).toBe('first');
  });

  it('keeps what it indexed when the download fails, and says missing (not pending) after', async () => {
    const doc = new MemoryDocument(jsonl(questions(2)), { complete: false });
    const index = indexOf(doc);
    await until(index, (s) => s.indexedLines === 2);
    const failure = new Error('connection lost');
    doc.fail(failure);
    await expect(index.whenDone()).rejects.toThrow('connection lost');
    expect(index.getState().error).toBe(failure);
    expect(await index.lookup('request-2')).toMatchObject({ status: 'found', line: 1 });
    expect(await index.lookup('request-3')).toEqual({ status: 'missing' });
  });

  it('indexes a request line longer than a normal read (a 2 MB image inline)', async () => {
    const image = `data:image/png;base64,${'A'.repeat(2 * 1024 * 1024)}`;
    const big = {
      custom_id: 'img',
      method: 'POST',
      url: '/v1/chat/completions',
      body: {
        model: 'm',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'what is it?' },
              { type: 'image_url', image_url: { url: image } },
            ],
          },
        ],
      },
    };
    const index = indexOf(new MemoryDocument(jsonl([chatRequest('small', 'hi'), big])));
    await index.whenDone();
    const found = await index.lookup('img');
    expect(found.status === 'found' && found.request.messages).toEqual([
      { role: 'user', text: 'what is it?\n[image]' },
    ]);
  });

  it('lets the event loop run while it indexes a large file', async () => {
    const doc = new MemoryDocument(jsonl(questions(6000)));
    const index = indexOf(doc);
    const seen: boolean[] = [];
    const ticks = setInterval(() => seen.push(index.getState().done), 0);
    await index.whenDone();
    clearInterval(ticks);
    expect(seen.filter((done) => !done).length).toBeGreaterThan(0);
    expect(index.getState().ids).toBe(6000);
  });

  it('stops when disposed and whenDone can be abandoned with a signal', async () => {
    const doc = new MemoryDocument(jsonl(questions(2)), { complete: false });
    const index = indexOf(doc);
    const controller = new AbortController();
    const waiting = index.whenDone(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toThrow();
    index.dispose();
    const before = index.getState().indexedLines;
    doc.append(jsonl(questions(5, 'more')));
    doc.finish();
    await new Promise((resolve) => setImmediate(resolve));
    expect(index.getState().indexedLines).toBe(before);
    expect(index.getState().done).toBe(false);
  });

  it('works over a file on disk with CRLF line ends', async () => {
    const dir = tempDir();
    const path = join(dir, 'input.jsonl');
    writeFileSync(path, jsonl(questions(4)).join('\r\n') + '\r\n');
    const doc = await openLocalDocument(path);
    docs.push(doc);
    const index = indexOf(doc);
    await index.whenDone();
    expect(await index.lookup('request-4')).toMatchObject({
      status: 'found',
      line: 3,
      request: { customId: 'request-4', model: expect.any(String) },
    });
  });
});

describe('scanLines', () => {
  it('visits every line once, in order, across appends, and reports progress', async () => {
    const doc = new MemoryDocument(['a', 'b'], { complete: false });
    const seen: string[] = [];
    const progress: number[] = [];
    const scan = scanLines(doc, (line) => void seen.push(line.text), {
      onProgress: (p, lines) => progress.push(lines),
    });
    await new Promise((resolve) => setImmediate(resolve));
    doc.append(['c']);
    doc.finish();
    expect(await scan).toBe(3);
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(progress.at(-1)).toBe(3);
  });

  it('rejects when cancelled while waiting for more lines', async () => {
    const doc = new MemoryDocument(['a'], { complete: false });
    const controller = new AbortController();
    const scan = scanLines(doc, () => undefined, { signal: controller.signal });
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await expect(scan).rejects.toThrow();
  });
});
