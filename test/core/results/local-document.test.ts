import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdirSync, openSync, writeFileSync } from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openLocalDocument, wholeUtf8Length, type FileDocument } from '../../../src/core/results/local-document.js';
import { DEFAULT_MAX_LINE_BYTES, type LineDocument } from '../../../src/core/results/types.js';
import { tempDir } from '../../support/batch-files.js';

// A path the file system refuses, whoever runs the tests (root reads anything it may chmod away).
const DENIED = '/denied/by-the-test.jsonl';
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  return {
    ...actual,
    open: (path: Parameters<typeof actual.open>[0], ...rest: [string | number | undefined, number | undefined]) =>
      path === DENIED
        ? Promise.reject(Object.assign(new Error(`EACCES: permission denied, open '${DENIED}'`), { code: 'EACCES' }))
        : actual.open(path, ...rest),
  };
});

const opened: LineDocument[] = [];
afterEach(async () => {
  for (const doc of opened.splice(0)) await doc.close();
});

async function openFile(content: string | Buffer, name = 'out.jsonl'): Promise<FileDocument> {
  const path = join(tempDir('fizz-local-doc-'), name);
  writeFileSync(path, content);
  const doc = await openLocalDocument(path);
  opened.push(doc);
  return doc;
}

async function allTexts(doc: LineDocument): Promise<string[]> {
  await doc.whenComplete();
  return (await doc.readLines(0, doc.getState().lines)).map((l) => l.text);
}

describe('openLocalDocument', () => {
  it('indexes a file with every quirk: BOM, CRLF, blank lines, no final newline', async () => {
    const doc = await openFile(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}\r\n\r\n{"b":"é"}\n\n{"c":3}')]),
    );
    expect(await allTexts(doc)).toEqual(['{"a":1}', '', '{"b":"é"}', '', '{"c":3}']);
    const state = doc.getState();
    expect(state).toMatchObject({
      lines: 5,
      complete: true,
      origin: 'local',
      error: null,
      resumedFrom: null,
      totalBytes: state.bytes,
    });
    expect(doc.name).toBe('out.jsonl');
    expect(await doc.readLine(2)).toEqual({ index: 2, text: '{"b":"é"}', bytes: 10, cut: false });
    expect(doc.offsetOf(1)).toBe(12);
    expect(doc.lineAt(12)).toBe(1);
  });

  it('an empty file is complete with no lines', async () => {
    const doc = await openFile('');
    await doc.whenComplete();
    expect(doc.getState()).toMatchObject({ lines: 0, bytes: 0, complete: true });
    expect(await doc.readLines(0, 10)).toEqual([]);
    await expect(doc.readLine(0)).rejects.toBeInstanceOf(RangeError);
  });

  it('reads a 5 MB line only up to maxBytes, and whole when asked', async () => {
    const long = `{"custom_id":"big","text":"${'x'.repeat(5 * 1024 * 1024)}"}`;
    const doc = await openFile(`{"small":1}\n${long}\n{"after":2}\n`);
    await doc.whenComplete();
    const started = performance.now();
    const cut = await doc.readLine(1);
    expect(performance.now() - started).toBeLessThan(500);
    expect(cut).toMatchObject({ index: 1, bytes: long.length, cut: true });
    expect(cut.text).toHaveLength(DEFAULT_MAX_LINE_BYTES);
    expect(long.startsWith(cut.text)).toBe(true);
    expect((await doc.readLine(1, { maxBytes: long.length })).text).toBe(long);
    // A page across it: the neighbours whole, the long one cut.
    const page = await doc.readLines(0, 3, { maxBytes: 100 });
    expect(page.map((l) => [l.text.length, l.cut])).toEqual([
      [11, false],
      [100, true],
      [11, false],
    ]);
  });

  it('cuts a line before a multi-byte character that does not fit, never in it', async () => {
    const line = 'aé€😀'.repeat(50);
    const doc = await openFile(`${line}\n`);
    await doc.whenComplete();
    for (let max = 0; max <= 40; max++) {
      const { text, cut } = await doc.readLine(0, { maxBytes: max });
      expect(cut).toBe(true);
      expect(text).not.toContain('\uFFFD');
      expect(line.startsWith(text)).toBe(true);
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(max);
      // Nothing more was dropped than the one character that did not fit.
      expect(max - Buffer.byteLength(text)).toBeLessThan(4);
    }
  });

  it('reads multi-byte characters that straddle the indexing chunks', async () => {
    // The second line's euro signs sit across the 1 MiB step of the indexer.
    const first = 'y'.repeat(1024 * 1024 - 2);
    const second = '€'.repeat(10);
    const doc = await openFile(`${first}\n${second}\n`);
    expect(await allTexts(doc)).toEqual([first, second]);
  });

  it('indexes a 50,000-line file: every line reads back as written', async () => {
    const lines = Array.from({ length: 50_000 }, (_, i) =>
      JSON.stringify({ custom_id: `req-${i}`, body: 'ü'.repeat(i % 97) }),
    );
    const doc = await openFile(lines.join('\n') + '\n');
    await doc.whenComplete();
    expect(doc.getState().lines).toBe(50_000);
    for (const from of [0, 12_345, 49_990]) {
      expect((await doc.readLines(from, 10)).map((l) => l.text)).toEqual(lines.slice(from, from + 10));
    }
    expect((await doc.readLine(49_999)).text).toBe(lines[49_999]);
    expect(doc.lineAt(doc.offsetOf(31_337) + 5)).toBe(31_337);
  });

  it('shows the first lines while a large file is still being indexed, with throttled notifications', async () => {
    const line = JSON.stringify({ custom_id: 'x', text: 'z'.repeat(1000) });
    const doc = await openFile(Array.from({ length: 40_000 }, () => line).join('\n') + '\n');
    const states = [doc.getState()];
    doc.subscribe(() => states.push(doc.getState()));
    const firstLines = await new Promise<string>((resolve, reject) => {
      const unsubscribe = doc.subscribe(() => {
        unsubscribe();
        doc.readLine(0).then((l) => resolve(`${l.text}|${doc.getState().complete}`), reject);
      });
    });
    expect(firstLines).toBe(`${line}|false`);
    const started = performance.now();
    await doc.whenComplete();
    const elapsed = performance.now() - started;
    expect(doc.getState()).toMatchObject({ lines: 40_000, complete: true });
    // 40 chunks of 1 MiB: about ten notifications a second, plus the first and the last.
    expect(states.length).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 4);
    expect(states.at(-1)?.complete).toBe(true);
    expect(states.map((s) => s.lines)).toEqual([...states.map((s) => s.lines)].sort((a, b) => a - b));
  });

  it('names the path in errors: missing, a directory, permission denied', async () => {
    const dir = tempDir('fizz-local-doc-');
    await expect(openLocalDocument(join(dir, 'nope.jsonl'))).rejects.toThrow(
      `Cannot open ${join(dir, 'nope.jsonl')}: no such file or directory (ENOENT).`,
    );
    mkdirSync(join(dir, 'folder.jsonl'));
    await expect(openLocalDocument(join(dir, 'folder.jsonl'))).rejects.toThrow(
      `Cannot open ${join(dir, 'folder.jsonl')}: it is a directory (EISDIR).`,
    );
    await expect(openLocalDocument(DENIED)).rejects.toThrow(`Cannot open ${DENIED}: permission denied (EACCES).`);
  });

  it('refuses a FIFO at once instead of waiting for a writer', async () => {
    const fifo = join(tempDir('fizz-local-doc-'), 'pipe.jsonl');
    execFileSync('mkfifo', [fifo]);
    try {
      await expect(openLocalDocument(fifo)).rejects.toThrow(`Cannot open ${fifo}: it is not a regular file.`);
    } finally {
      // A blocking open would be waiting for a writer: release it, so no thread is left behind.
      try {
        closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
      } catch {
        // No reader waiting.
      }
    }
  });

  it('refuses reads after close', async () => {
    const doc = await openFile('a\nb\n');
    await doc.whenComplete();
    await doc.close();
    await expect(doc.readLine(0)).rejects.toThrow('out.jsonl is closed.');
  });
});

describe('wholeUtf8Length', () => {
  it('drops a character cut at the end, keeps whole ones and plain bytes', () => {
    const euro = Buffer.from('€');
    expect(wholeUtf8Length(Buffer.from('ab'))).toBe(2);
    expect(wholeUtf8Length(Buffer.concat([Buffer.from('a'), euro]))).toBe(4);
    expect(wholeUtf8Length(Buffer.concat([Buffer.from('a'), euro.subarray(0, 2)]))).toBe(1);
    expect(wholeUtf8Length(Buffer.from('😀').subarray(0, 3))).toBe(0);
    expect(wholeUtf8Length(Buffer.alloc(0))).toBe(0);
  });
});
