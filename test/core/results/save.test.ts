import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expandHome, saveError, SaveError, writeAtomically } from '../../../src/core/results/atomic-file.js';
import { openLocalDocument } from '../../../src/core/results/local-document.js';
import { destinationExists, saveDocument } from '../../../src/core/results/save.js';
import type { LineDocument } from '../../../src/core/results/types.js';
import { tempDir } from '../../support/batch-files.js';
import { MemoryDocument } from '../../support/memory-document.js';

const docs: LineDocument[] = [];
afterEach(async () => {
  await Promise.all(docs.splice(0).map((d) => d.close()));
});

async function localDoc(dir: string, name: string, content: string | Buffer): Promise<LineDocument> {
  const path = join(dir, name);
  writeFileSync(path, content);
  const doc = await openLocalDocument(path);
  docs.push(doc);
  await doc.whenComplete();
  return doc;
}

/** A document still downloading whose bytes are already in a real file (as a cache file is). */
class DownloadingDocument extends MemoryDocument {
  override readonly path: string;
  constructor(lines: string[], path: string) {
    super(lines, { complete: false });
    this.path = path;
    writeFileSync(path, lines.map((l) => `${l}\n`).join(''));
  }
}

async function rejection(promise: Promise<unknown>): Promise<SaveError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SaveError) return error;
    throw error;
  }
  throw new Error('expected a SaveError, but it succeeded');
}

/**
 * Runs `work` as a user the directory mode applies to: root writes anywhere whatever the mode, so
 * as root the effective uid is nobody's for the while (test files run in their own processes).
 */
async function unprivileged<T>(work: () => Promise<T>): Promise<T> {
  const asRoot = process.geteuid?.() === 0;
  if (asRoot) process.seteuid!(65534);
  try {
    return await work();
  } finally {
    if (asRoot) process.seteuid!(0);
  }
}

/** Everything in dir but the named files: a leftover temporary file would show here. */
const others = (dir: string, ...known: string[]) => readdirSync(dir).filter((name) => !known.includes(name));

describe('saveDocument', () => {
  it('copies the file byte for byte (CRLF, no final newline, not UTF-8) and leaves nothing else', async () => {
    const dir = tempDir();
    const content = Buffer.concat([
      Buffer.from('{"custom_id":"a"}\r\n{"custom_id":"b"}\r\n'),
      Buffer.from([0xff, 0xfe, 0x41]),
    ]);
    const doc = await localDoc(dir, 'output.jsonl', content);
    const progress: number[] = [];
    const outcome = await saveDocument(doc, join(dir, 'saved.jsonl'), {
      onProgress: (p) => progress.push(p.scannedBytes),
    });
    expect(outcome).toEqual({ status: 'saved', path: join(dir, 'saved.jsonl'), bytes: content.length });
    expect(readFileSync(join(dir, 'saved.jsonl')).equals(content)).toBe(true);
    expect(progress.at(-1)).toBe(content.length);
    expect(others(dir, 'output.jsonl', 'saved.jsonl')).toEqual([]);
  });

  it('saves an empty file', async () => {
    const dir = tempDir();
    const doc = await localDoc(dir, 'empty.jsonl', '');
    expect(await saveDocument(doc, join(dir, 'copy.jsonl'))).toMatchObject({ status: 'saved', bytes: 0 });
    expect(readFileSync(join(dir, 'copy.jsonl'), 'utf8')).toBe('');
  });

  it('does not overwrite without being told to, and does when told', async () => {
    const dir = tempDir();
    const doc = await localDoc(dir, 'output.jsonl', '{"new":true}\n');
    const dest = join(dir, 'results.jsonl');
    writeFileSync(dest, 'precious\n');
    expect(await destinationExists(dest)).toBe(true);

    expect(await saveDocument(doc, dest)).toEqual({ status: 'exists', path: dest });
    expect(readFileSync(dest, 'utf8')).toBe('precious\n');
    expect(others(dir, 'output.jsonl', 'results.jsonl')).toEqual([]);

    expect(await saveDocument(doc, dest, { overwrite: true })).toMatchObject({ status: 'saved', bytes: 13 });
    expect(readFileSync(dest, 'utf8')).toBe('{"new":true}\n');
    expect(others(dir, 'output.jsonl', 'results.jsonl')).toEqual([]);
  });

  it('refuses a download that is not finished, or waits for it when asked', async () => {
    const dir = tempDir();
    const doc = new DownloadingDocument(['{"a":1}', '{"b":2}'], join(dir, 'cache.partial'));
    const dest = join(dir, 'out.jsonl');
    const refused = await rejection(saveDocument(doc, dest));
    expect(refused.code).toBe('not_finished');
    expect(refused.message).toBe('Cannot save memory.jsonl yet: the download is not finished.');
    expect(await destinationExists(dest)).toBe(false);

    const saving = saveDocument(doc, dest, { waitForDownload: true });
    await new Promise((resolve) => setImmediate(resolve));
    expect(await destinationExists(dest)).toBe(false);
    doc.finish();
    expect(await saving).toMatchObject({ status: 'saved', bytes: 16 });
    expect(readFileSync(dest, 'utf8')).toBe('{"a":1}\n{"b":2}\n');
  });

  it('refuses a download that stopped: only part of the file is there', async () => {
    const dir = tempDir();
    const doc = new DownloadingDocument(['{"a":1}'], join(dir, 'cache.partial'));
    const waiting = saveDocument(doc, join(dir, 'out.jsonl'), { waitForDownload: true });
    doc.fail(new Error('The connection was lost.'));
    const error = await rejection(waiting);
    expect(error.message).toBe(
      'Cannot save memory.jsonl: its download stopped (The connection was lost); only part of the file is here.',
    );
    expect(await rejection(saveDocument(doc, join(dir, 'again.jsonl')))).toMatchObject({ code: 'not_finished' });
    expect(others(dir, 'cache.partial')).toEqual([]);
  });

  it('names the path and the reason when the destination cannot be written, leaving nothing', async () => {
    const dir = tempDir();
    const doc = await localDoc(dir, 'output.jsonl', '{}\n');
    writeFileSync(join(dir, 'a-file'), 'x');
    mkdirSync(join(dir, 'sub'));

    const missing = await rejection(saveDocument(doc, join(dir, 'nope', 'out.jsonl')));
    expect(missing.message).toBe(
      `Cannot save to ${join(dir, 'nope', 'out.jsonl')}: the directory ${join(dir, 'nope')} does not exist.`,
    );
    expect(missing.code).toBe('ENOENT');
    const notDir = await rejection(saveDocument(doc, join(dir, 'a-file', 'out.jsonl')));
    expect(notDir.message).toBe(
      `Cannot save to ${join(dir, 'a-file', 'out.jsonl')}: a part of ${join(dir, 'a-file')} is not a directory.`,
    );
    const isDir = await rejection(saveDocument(doc, join(dir, 'sub'), { overwrite: true }));
    expect(isDir.message).toBe(`Cannot save to ${join(dir, 'sub')}: it is a directory; give a file name.`);
    expect(others(dir, 'output.jsonl', 'a-file', 'sub')).toEqual([]);
    expect(readdirSync(join(dir, 'sub'))).toEqual([]);
  });

  it('an unwritable directory: a clear sentence, and nothing written there', async () => {
    const dir = tempDir();
    const doc = await localDoc(dir, 'output.jsonl', '{}\n');
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(dir, 0o755);
    chmodSync(locked, 0o555);
    const dest = join(locked, 'out.jsonl');
    const error = await rejection(unprivileged(() => saveDocument(doc, dest)));
    expect(error.message).toBe(`Cannot save to ${dest}: no permission to write in ${locked}.`);
    expect(error.code).toBe('EACCES');
    expect(readdirSync(locked)).toEqual([]);
  });

  it('removes the partial file when cancelled midway', async () => {
    const dir = tempDir();
    const line = `{"pad":"${'x'.repeat(1000)}"}\n`;
    const doc = await localDoc(dir, 'big.jsonl', line.repeat(5000)); // ~5 MB: several copy chunks
    const controller = new AbortController();
    const error = await rejection(
      saveDocument(doc, join(dir, 'out.jsonl'), { signal: controller.signal, onProgress: () => controller.abort() }),
    );
    expect(error.code).toBe('cancelled');
    expect(error.message).toBe(`Saving ${join(dir, 'out.jsonl')} was cancelled; nothing was written.`);
    expect(others(dir, 'big.jsonl')).toEqual([]);
  });
});

describe('writeAtomically', () => {
  it('a failure while writing (a full disk) leaves neither the file nor a partial one', async () => {
    const dir = tempDir();
    const dest = join(dir, 'out.jsonl');
    const error = await rejection(
      writeAtomically(dest, async (sink) => {
        await sink.write('x'.repeat(3 * 1024 * 1024));
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }),
    );
    expect(error.message).toBe(`Cannot save to ${dest}: the disk is full; nothing was saved.`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('checks "exists" atomically: a file that appears while writing is kept, not replaced', async () => {
    const dir = tempDir();
    const dest = join(dir, 'out.jsonl');
    const outcome = await writeAtomically(dest, async (sink) => {
      await sink.write('mine\n');
      writeFileSync(dest, 'theirs\n');
    });
    expect(outcome).toEqual({ status: 'exists', path: dest });
    expect(readFileSync(dest, 'utf8')).toBe('theirs\n');
    expect(readdirSync(dir)).toEqual(['out.jsonl']);
  });

  it('words each file-system failure as a sentence naming the path', () => {
    const err = (code: string) => saveError(Object.assign(new Error(code), { code }), '/data/out.jsonl').message;
    expect(err('EACCES')).toBe('Cannot save to /data/out.jsonl: no permission to write in /data.');
    expect(err('EROFS')).toBe('Cannot save to /data/out.jsonl: the file system is read-only.');
    expect(err('EISDIR')).toBe('Cannot save to /data/out.jsonl: it is a directory; give a file name.');
    expect(saveError(new Error('something odd'), '/x').message).toBe('Cannot save to /x: something odd.');
  });

  it('expands ~/ to the home directory and resolves relative paths', () => {
    expect(expandHome('~/results/out.jsonl')).toBe(join(homedir(), 'results/out.jsonl'));
    expect(expandHome('~')).toBe(homedir());
    expect(expandHome('out.jsonl')).toBe(join(process.cwd(), 'out.jsonl'));
  });
});
