import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LineFilter } from '../../../src/core/results/line-filter.js';
import { openLocalDocument } from '../../../src/core/results/local-document.js';
import type { LineDocument } from '../../../src/core/results/types.js';
import { tempDir } from '../../support/batch-files.js';
import { MemoryDocument } from '../../support/memory-document.js';
import { waitFor } from '../../support/wait.js';

const isError = (text: string) => text.includes('"error":{');
const line = (i: number, error: boolean) =>
  error ? `{"custom_id":"r${i}","error":{"code":"batch_expired"}}` : `{"custom_id":"r${i}","error":null}`;

const filters: LineFilter[] = [];
const opened: LineDocument[] = [];
afterEach(async () => {
  for (const f of filters.splice(0)) f.dispose();
  for (const d of opened.splice(0)) await d.close();
});

function filterOf(doc: LineDocument, batchLines?: number): LineFilter {
  const filter = new LineFilter(doc, isError, batchLines ? { batchLines } : {});
  filters.push(filter);
  return filter;
}

const finished = (filter: LineFilter) =>
  waitFor(
    'the filter to finish',
    async () => filter.getState(),
    (s) => s.done,
  );

describe('LineFilter', () => {
  it('collects the matching line numbers of a whole file, in order', async () => {
    const lines = Array.from({ length: 30_000 }, (_, i) => line(i, i % 1000 === 7));
    const path = join(tempDir('fizz-filter-'), 'errors.jsonl');
    writeFileSync(path, lines.join('\n') + '\n');
    const doc = await openLocalDocument(path);
    opened.push(doc);
    const filter = filterOf(doc);
    const state = await finished(filter);
    expect(state).toMatchObject({ matches: 30, scannedLines: 30_000, done: true, error: null });
    expect(state.progress).toEqual({ scannedBytes: doc.getState().bytes, totalBytes: doc.getState().bytes });
    expect(filter.count).toBe(30);
    expect(Array.from({ length: filter.count }, (_, i) => filter.matchAt(i))).toEqual(
      Array.from({ length: 30 }, (_, i) => i * 1000 + 7),
    );
    expect(() => filter.matchAt(30)).toThrow(RangeError);
  });

  it('finds the first match at or after a line', async () => {
    const doc = new MemoryDocument(Array.from({ length: 50 }, (_, i) => line(i, [3, 10, 11, 40].includes(i))));
    const filter = filterOf(doc);
    await finished(filter);
    expect(filter.indexOfLineAtOrAfter(0)).toBe(0);
    expect(filter.indexOfLineAtOrAfter(3)).toBe(0);
    expect(filter.indexOfLineAtOrAfter(4)).toBe(1);
    expect(filter.indexOfLineAtOrAfter(11)).toBe(2);
    expect(filter.indexOfLineAtOrAfter(12)).toBe(3);
    // None after the last: the count.
    expect(filter.indexOfLineAtOrAfter(41)).toBe(4);
  });

  it('follows a document that is still growing, and is done only once it is complete', async () => {
    const doc = new MemoryDocument([line(0, false), line(1, true)], { complete: false });
    const filter = filterOf(doc, 2);
    await waitFor(
      'the first match',
      async () => filter.getState(),
      (s) => s.matches === 1 && s.scannedLines === 2,
    );
    expect(filter.getState().done).toBe(false);
    doc.append([line(2, false), line(3, true), line(4, true)]);
    await waitFor(
      'more matches',
      async () => filter.getState(),
      (s) => s.matches === 3,
    );
    expect([filter.matchAt(1), filter.matchAt(2)]).toEqual([3, 4]);
    expect(filter.getState().done).toBe(false);
    doc.finish();
    expect(await finished(filter)).toMatchObject({ matches: 3, scannedLines: 5, done: true });
  });

  it('stops scanning and notifying once disposed', async () => {
    const doc = new MemoryDocument([line(0, true)], { complete: false });
    const filter = filterOf(doc);
    await waitFor(
      'the first match',
      async () => filter.count,
      (n) => n === 1,
    );
    let notified = 0;
    filter.subscribe(() => (notified += 1));
    filter.dispose();
    doc.append([line(1, true), line(2, true)]);
    doc.finish();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(filter.count).toBe(1);
    expect(notified).toBe(0);
  });

  it('an empty complete document is done with no matches', async () => {
    const filter = filterOf(new MemoryDocument([]));
    expect(await finished(filter)).toMatchObject({ matches: 0, scannedLines: 0, done: true });
    expect(filter.indexOfLineAtOrAfter(0)).toBe(0);
  });
});
