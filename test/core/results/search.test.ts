import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContentStream } from '../../../src/api/index.js';
import { openLocalDocument } from '../../../src/core/results/local-document.js';
import { openRemoteDocument } from '../../../src/core/results/remote-document/document.js';
import { findLine, findText, SEARCH_CHUNK_BYTES } from '../../../src/core/results/search.js';
import type { LineDocument, ScanProgress } from '../../../src/core/results/types.js';
import { tempDir } from '../../support/batch-files.js';
import { MemoryDocument } from '../../support/memory-document.js';

const opened: LineDocument[] = [];
afterEach(async () => {
  for (const doc of opened.splice(0)) await doc.close();
});

async function fileDoc(content: string | Buffer): Promise<LineDocument> {
  const path = join(tempDir('fizz-search-'), 'out.jsonl');
  writeFileSync(path, content);
  const doc = await openLocalDocument(path);
  opened.push(doc);
  await doc.whenComplete();
  return doc;
}

const LINES = [
  '{"custom_id":"a","text":"hello"}',
  '{"custom_id":"b","error":{"code":"batch_expired"}}',
  '{"custom_id":"c","text":"Hello World"}',
  '{"custom_id":"d","text":"Ärger mit Straße"}',
  '{"custom_id":"e","text":"nothing"}',
  '{"custom_id":"f","text":"HELLO again"}',
];

/** The same lines as a file on disk (byte scan) and in memory (line scan): both must agree. */
const kinds: Array<[string, (lines: string[]) => Promise<LineDocument>]> = [
  ['file', (lines) => fileDoc(lines.join('\n') + '\n')],
  ['memory', async (lines) => new MemoryDocument(lines)],
];

describe.each(kinds)('findText on a %s document', (_kind, make) => {
  it('finds the next line after `from`, case-insensitively, never `from` itself', async () => {
    const doc = await make(LINES);
    expect(await findText(doc, 'hello', { from: -1, direction: 1 })).toEqual({ line: 0, wrapped: false });
    expect(await findText(doc, 'hello', { from: 0, direction: 1 })).toEqual({ line: 2, wrapped: false });
    expect(await findText(doc, 'HeLLo', { from: 2, direction: 1 })).toEqual({ line: 5, wrapped: false });
    expect(await findText(doc, 'hello', { from: 5, direction: 1 })).toBeNull();
  });

  it('searches backward from the line before `from`', async () => {
    const doc = await make(LINES);
    expect(await findText(doc, 'hello', { from: 5, direction: -1 })).toEqual({ line: 2, wrapped: false });
    expect(await findText(doc, 'hello', { from: 2, direction: -1 })).toEqual({ line: 0, wrapped: false });
    expect(await findText(doc, 'hello', { from: 0, direction: -1 })).toBeNull();
    expect(await findText(doc, 'nothing', { from: LINES.length, direction: -1 })).toEqual({ line: 4, wrapped: false });
  });

  it('wraps round the end (or the start) and says so; `from` itself is found last', async () => {
    const doc = await make(LINES);
    expect(await findText(doc, 'hello', { from: 5, direction: 1, wrap: true })).toEqual({ line: 0, wrapped: true });
    expect(await findText(doc, 'hello', { from: 0, direction: -1, wrap: true })).toEqual({ line: 5, wrapped: true });
    expect(await findText(doc, 'expired', { from: 1, direction: 1, wrap: true })).toEqual({ line: 1, wrapped: true });
    expect(await findText(doc, 'expired', { from: 1, direction: -1, wrap: true })).toEqual({ line: 1, wrapped: true });
    expect(await findText(doc, 'absent', { from: 3, direction: 1, wrap: true })).toBeNull();
  });

  it('matches non-ASCII text case-insensitively, after lines whose lower case is longer', async () => {
    const doc = await make(['İİİİ İstanbul', ...LINES]);
    expect(await findText(doc, 'ärger', { from: -1, direction: 1 })).toEqual({ line: 4, wrapped: false });
    expect(await findText(doc, 'STRASSE', { from: -1, direction: 1 })).toBeNull();
    expect(await findText(doc, 'ÄRGER MIT', { from: 6, direction: -1 })).toEqual({ line: 4, wrapped: false });
    expect(await findText(doc, 'straße', { from: 0, direction: 1 })).toEqual({ line: 4, wrapped: false });
  });

  it('finds nothing for an empty query or one with a line break', async () => {
    const doc = await make(LINES);
    expect(await findText(doc, '', { from: -1, direction: 1 })).toBeNull();
    expect(await findText(doc, 'hello"}\n{', { from: -1, direction: 1 })).toBeNull();
  });

  it('rejects with an AbortError when aborted before it starts', async () => {
    const doc = await make(LINES);
    const controller = new AbortController();
    controller.abort();
    await expect(findText(doc, 'hello', { from: -1, direction: 1, signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});

describe('findText on files', () => {
  it('sees a match across the border of two read chunks, forward and backward', async () => {
    const before = 'x'.repeat(SEARCH_CHUNK_BYTES - 3 - 12);
    const doc = await fileDoc(`first line\n${before}NEEDLE${'x'.repeat(100)}\nlast\n`);
    // The needle starts 4 bytes before the end of the first chunk.
    expect(doc.offsetOf(1) + before.length).toBe(SEARCH_CHUNK_BYTES - 4);
    expect(await findText(doc, 'needle', { from: -1, direction: 1 })).toEqual({ line: 1, wrapped: false });

    const after = 'y'.repeat(SEARCH_CHUNK_BYTES - 9);
    const back = await fileDoc(`head\n${'z'.repeat(200)}NEEDLE${after}\ntail\n`);
    // The first chunk read backward starts 3 bytes into the needle.
    expect(back.getState().bytes - SEARCH_CHUNK_BYTES).toBe(back.offsetOf(1) + 203);
    expect(await findText(back, 'needle', { from: 3, direction: -1 })).toEqual({ line: 1, wrapped: false });
  });

  it('handles CRLF, a BOM and a last line without newline', async () => {
    const doc = await fileDoc(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Alpha\r\nbeta\r\n\r\nGamma')]),
    );
    expect(await findText(doc, 'alpha', { from: -1, direction: 1 })).toEqual({ line: 0, wrapped: false });
    expect(await findText(doc, 'gamma', { from: 0, direction: 1 })).toEqual({ line: 3, wrapped: false });
    expect(await findText(doc, 'beta', { from: 3, direction: -1 })).toEqual({ line: 1, wrapped: false });
  });

  it('reports progress up to the whole file when nothing matches', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) =>
      JSON.stringify({ custom_id: `req-${i}`, text: 'lorem ipsum '.repeat(50) }),
    );
    const doc = await fileDoc(lines.join('\n') + '\n');
    const seen: ScanProgress[] = [];
    expect(await findText(doc, 'absent', { from: -1, direction: 1, onProgress: (p) => seen.push(p) })).toBeNull();
    const size = doc.getState().bytes;
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toEqual({ scannedBytes: size, totalBytes: size });
  });

  it('keeps the event loop running, stops when aborted, and is fast on a big file', async () => {
    const line = JSON.stringify({ custom_id: 'x', text: 'Lorem ipsum dolor sit amet. '.repeat(100) });
    const doc = await fileDoc(Array.from({ length: 20_000 }, () => line).join('\n') + '\n{"custom_id":"needle"}\n');
    let maxGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      maxGap = Math.max(maxGap, performance.now() - last);
      last = performance.now();
    }, 5);
    try {
      const started = performance.now();
      expect(await findText(doc, '"NEEDLE"', { from: -1, direction: 1 })).toEqual({ line: 20_000, wrapped: false });
      expect(await findText(doc, 'ä-absent', { from: -1, direction: 1 })).toBeNull();
      expect(performance.now() - started).toBeLessThan(5000);
      expect(maxGap).toBeLessThan(250);

      const controller = new AbortController();
      const progress: number[] = [];
      const search = findText(doc, 'absent', {
        from: -1,
        direction: 1,
        signal: controller.signal,
        onProgress: (p) => {
          progress.push(p.scannedBytes);
          controller.abort();
        },
      });
      await expect(search).rejects.toMatchObject({ name: 'AbortError' });
      expect(progress).toHaveLength(1);
      expect(progress[0]).toBeLessThan(doc.getState().bytes);
    } finally {
      clearInterval(timer);
    }
  });
});

describe('findText while the document grows', () => {
  it('a forward search waits for the lines still downloading', async () => {
    const stream = new PassThrough();
    const answer: ContentStream = {
      stream,
      contentLength: null,
      partial: false,
      totalBytes: null,
      acceptRanges: true,
      etag: null,
      lastModified: null,
    };
    const doc = await openRemoteDocument({
      client: { baseURL: 'http://fake.test/v1', openContent: async () => answer },
      fileId: 'file-grow',
      cacheDir: tempDir('fizz-search-'),
      hostKey: 'h',
    });
    opened.push(doc);
    stream.write(`${LINES[0]}\n${LINES[1]}\n`);
    let settled = false;
    const search = findText(doc, 'late arrival', { from: 0, direction: 1 }).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(settled).toBe(false);
    stream.write(`${LINES[2]}\n{"text":"a LATE`);
    stream.write(` arrival"}\n${LINES[3]}\n`);
    expect(await search).toEqual({ line: 3, wrapped: false });

    // Running out of lines on a complete document ends the search (and wraps when asked).
    const wrapped = findText(doc, 'hello', { from: 3, direction: 1, wrap: true });
    stream.end(`${LINES[4]}\n`);
    expect(await wrapped).toEqual({ line: 0, wrapped: true });
  });

  it('a memory document that grows is followed too', async () => {
    const doc = new MemoryDocument(LINES.slice(0, 2), { complete: false });
    const search = findText(doc, 'world', { from: -1, direction: 1 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    doc.append(LINES.slice(2, 4));
    expect(await search).toEqual({ line: 2, wrapped: false });
    const none = findText(doc, 'absent', { from: 0, direction: 1 });
    doc.finish();
    expect(await none).toBeNull();
  });

  it('an abort while waiting for more lines rejects', async () => {
    const doc = new MemoryDocument(LINES.slice(0, 2), { complete: false });
    const controller = new AbortController();
    const search = findText(doc, 'absent', { from: -1, direction: 1, signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    await expect(search).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('findLine', () => {
  const isError = (text: string) => text.includes('"error":{');
  const lines = Array.from({ length: 3000 }, (_, i) =>
    i % 700 === 3 ? `{"custom_id":"r${i}","error":{"code":"x"}}` : `{"custom_id":"r${i}","error":null}`,
  );

  it.each(kinds)('finds the next or previous line a predicate accepts (%s)', async (_kind, make) => {
    const doc = await make(lines);
    expect(await findLine(doc, isError, { from: -1, direction: 1 })).toBe(3);
    expect(await findLine(doc, isError, { from: 3, direction: 1 })).toBe(703);
    expect(await findLine(doc, isError, { from: 2803, direction: 1 })).toBeNull();
    expect(await findLine(doc, isError, { from: 2803, direction: 1, wrap: true })).toBe(3);
    expect(await findLine(doc, isError, { from: 2803, direction: -1 })).toBe(2103);
    expect(await findLine(doc, isError, { from: 3, direction: -1 })).toBeNull();
    expect(await findLine(doc, (_text, line) => line.index === 1234, { from: -1, direction: 1 })).toBe(1234);
  });

  it('waits for a growing document and stops when it completes', async () => {
    const doc = new MemoryDocument(lines.slice(0, 3), { complete: false });
    const next = findLine(doc, isError, { from: -1, direction: 1 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    doc.append(lines.slice(3, 10));
    expect(await next).toBe(3);
    const none = findLine(doc, isError, { from: 3, direction: 1 });
    doc.append(lines.slice(10, 20));
    doc.finish();
    expect(await none).toBeNull();
  });
});
