import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StateStore } from '../../../src/config/index.js';
import { Places } from '../../../src/core/places.js';
import { InputIndex } from '../../../src/core/results/input-index.js';
import { openLocalSession } from '../../../src/core/results/session/open.js';
import { ResultsSession } from '../../../src/core/results/session/session.js';
import type { ResultsSessionOptions, ResultsState } from '../../../src/core/results/session/state.js';
import { tempDir } from '../../support/batch-files.js';
import { MemoryDocument } from '../../support/memory-document.js';
import { placesIn } from '../../support/places.js';
import { expiredLine, httpErrorLine, inputLine, outputLine } from '../../support/results-lines.js';
import { waitFor } from '../../support/wait.js';

const sessions: ResultsSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.dispose()));
});

function open(
  lines: string[],
  options: Partial<Omit<ResultsSessionOptions, 'input'>> & { input?: string[]; complete?: boolean; name?: string } = {},
) {
  const { input, complete, name, ...rest } = options;
  const document = new MemoryDocument(lines, { complete: complete ?? true, name: name ?? 'batch_x_output.jsonl' });
  const inputDoc = input ? new MemoryDocument(input, { name: 'input.jsonl' }) : null;
  const session = new ResultsSession({
    document,
    input: inputDoc ? { document: inputDoc, index: new InputIndex(inputDoc) } : null,
    places: rest.places ?? placesIn(tempDir('fizz-session-')),
    ...rest,
  });
  sessions.push(session);
  return { session, document, inputDoc };
}

function until(session: ResultsSession, what: string, done: (state: ResultsState) => boolean): Promise<ResultsState> {
  return waitFor(what, async () => session.getState(), done, { timeoutMs: 5000, intervalMs: 5 });
}

/** Loads the records of lines and waits for them. */
async function loaded(session: ResultsSession, lines: number[]) {
  session.want(lines);
  await waitFor(
    `records ${lines.join(',')}`,
    async () => lines.every((l) => session.record(l) !== undefined),
    Boolean,
    { timeoutMs: 5000, intervalMs: 5 },
  );
  return lines.map((l) => session.record(l)!);
}

const mixed = [
  outputLine('r1', 'one'),
  expiredLine('r2'),
  outputLine('r3', 'three'),
  httpErrorLine('r4', 400, 'invalid_model', 'No such model'),
  'not json',
  outputLine('r6', 'six'),
];

describe('ResultsSession: records and the join', () => {
  it('reads records by line and joins each with its input by custom_id, not by position', async () => {
    const { session } = open(mixed, {
      input: [inputLine('r6', 'q6'), inputLine('r3', 'q3'), inputLine('r1', 'q1'), inputLine('r2', 'q2')],
    });
    await until(session, 'input indexed', (s) => s.input.status === 'ready');
    const [r1, r2, r3, r4, bad] = await loaded(session, [0, 1, 2, 3, 4]);
    expect(r1!.record.kind).toBe('output');
    expect(r1!.input).toMatchObject({ status: 'found', line: 2 });
    expect(r1!.input.status === 'found' && r1!.input.request.messages.at(-1)?.text).toBe('q1');
    expect(r3!.input).toMatchObject({ status: 'found', line: 1 });
    expect(r2!.record.kind).toBe('error');
    expect(r2!.input).toMatchObject({ status: 'found', line: 3 });
    expect(r4!.input).toEqual({ status: 'missing' });
    expect(bad!.record.kind).toBe('invalid');
    expect(bad!.input).toEqual({ status: 'none' });
  });

  it('joins a record whose input line arrives later (pending, then found)', async () => {
    const inputDoc = new MemoryDocument([inputLine('other', 'x')], { complete: false, name: 'input.jsonl' });
    const document = new MemoryDocument([outputLine('late', 'hello')]);
    const session = new ResultsSession({
      document,
      input: { document: inputDoc, index: new InputIndex(inputDoc) },
      places: placesIn(tempDir()),
    });
    sessions.push(session);
    const [record] = await loaded(session, [0]);
    expect(record!.input).toEqual({ status: 'pending' });
    expect(session.getState().input.status).toBe('indexing');
    inputDoc.append([inputLine('late', 'the question')]);
    inputDoc.finish();
    await waitFor(
      'the join',
      async () => session.record(0)?.input.status,
      (s) => s === 'found',
      { timeoutMs: 5000, intervalMs: 5 },
    );
    expect(session.getState().input).toMatchObject({ status: 'ready', lines: 2 });
  });

  it('says why nothing is joined, and what kind of file it is from the first line', async () => {
    const { session } = open([inputLine('a', 'q')], { name: 'mystery.jsonl', inputNote: 'no --input given' });
    expect(session.getState().input).toEqual({ status: 'off', reason: 'no --input given' });
    expect(session.getState().kind).toBe('results');
    await loaded(session, [0]);
    await until(session, 'kind', (s) => s.kind === 'input');
    const results = open([outputLine('a', 'x')], { name: 'mystery.jsonl' }).session;
    await loaded(results, [0]);
    await until(results, 'kind', (s) => s.kind === 'output');
    expect(open(['x'], { name: 'batch_1_error.jsonl' }).session.getState().kind).toBe('error');
  });
});

describe('ResultsSession: moving', () => {
  it('moves by record, to the first and the last, and clamps at the ends', () => {
    const { session } = open(mixed);
    session.moveBy(1);
    session.moveBy(1);
    expect(session.getState().cursor).toBe(2);
    session.moveBy(-5);
    expect(session.getState().cursor).toBe(0);
    session.last();
    expect(session.getState().cursor).toBe(5);
    session.moveBy(1);
    expect(session.getState().cursor).toBe(5);
    session.first();
    expect(session.getState().cursor).toBe(0);
    expect(session.linesFrom(4, 10)).toEqual([4, 5]);
    expect(session.linesBefore(3, 2)).toEqual([1, 2]);
  });

  it('G on a file still arriving goes to the last line so far and follows the end until it is complete', () => {
    const { session, document } = open(mixed.slice(0, 2), { complete: false });
    session.last();
    expect(session.getState().cursor).toBe(1);
    expect(session.getState().notice?.text).toMatch(/^Following the end as it arrives \(indexing, /);
    document.append(mixed.slice(2, 4));
    expect(session.getState().cursor).toBe(3);
    document.append(mixed.slice(4));
    document.finish();
    expect(session.getState().cursor).toBe(5);
    expect(session.getState().notice).toBeNull();
  });

  it('any move stops following the end', () => {
    const { session, document } = open(mixed.slice(0, 3), { complete: false });
    session.last();
    session.moveBy(-1);
    expect(session.getState().cursor).toBe(1);
    document.append(mixed.slice(3));
    expect(session.getState().cursor).toBe(1);
  });

  it(': jumps to a line number (1-based); past the end it goes to the last line and says so', () => {
    const { session, document } = open(mixed, { complete: false });
    session.jump('4');
    expect(session.getState().cursor).toBe(3);
    session.jump('1,000');
    expect(session.getState().cursor).toBe(5);
    expect(session.getState().notice?.text).toBe('Line 1,000 has not arrived yet: 6 lines so far; showing the last.');
    document.finish();
    session.jump('1');
    session.jump('7');
    expect(session.getState().cursor).toBe(5);
    expect(session.getState().notice?.text).toBe('Line 7 is past the end: the file has 6 lines; showing the last.');
    session.jump('abc');
    expect(session.getState().notice?.text).toBe("Not a line number: 'abc'.");
  });
});

describe('ResultsSession: search', () => {
  it('finds text forward from the line after the cursor, wraps round, and n/N go on', async () => {
    const { session } = open([
      outputLine('a', 'Apple pie'),
      outputLine('b', 'banana'),
      outputLine('c', 'apple tart'),
      outputLine('d', 'cherry'),
    ]);
    session.search('APPLE');
    let state = await until(session, 'a match', (s) => s.search?.status === 'found');
    expect(state.cursor).toBe(2);
    expect(state.search).toMatchObject({ query: 'APPLE', line: 2, wrapped: false });
    session.searchAgain(1);
    state = await until(session, 'the next match', (s) => s.search?.status === 'found' && s.cursor === 0);
    expect(state.search?.wrapped).toBe(true);
    session.searchAgain(-1);
    state = await until(session, 'the previous match', (s) => s.search?.status === 'found' && s.cursor === 2);
    expect(state.search?.direction).toBe(-1);
    session.search('durian');
    state = await until(session, 'not found', (s) => s.search?.status === 'notFound');
    expect(state.cursor).toBe(2);
  });

  it('runs in the background while the file grows, and cancel stops it', async () => {
    const { session, document } = open([outputLine('a', 'one')], { complete: false });
    session.search('needle');
    expect(session.getState().search?.status).toBe('running');
    expect(session.busy).toBe(true);
    document.append([outputLine('b', 'two')]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(session.getState().search?.status).toBe('running');
    expect(session.cancel()).toBe(true);
    await until(session, 'cancelled', (s) => s.search?.status === 'cancelled');
    expect(session.busy).toBe(false);
    // The same search finds a match that arrives while it waits.
    session.search('needle');
    document.append([outputLine('c', 'a needle here')]);
    const state = await until(session, 'found in new lines', (s) => s.search?.status === 'found');
    expect(state.cursor).toBe(2);
  });

  it('n without a search says how to start one', () => {
    const { session } = open(mixed);
    session.searchAgain(1);
    expect(session.getState().notice?.text).toBe('No search yet: / searches.');
  });
});

describe('ResultsSession: errors', () => {
  it('E goes to the next error line, and says when there is none after the cursor', async () => {
    const { session } = open(mixed);
    session.nextError();
    await until(session, 'first error', (s) => s.cursor === 1);
    session.nextError();
    await until(session, 'second error', (s) => s.cursor === 3);
    session.nextError();
    const state = await until(session, 'no more', (s) => s.notice?.text.startsWith('No error after') ?? false);
    expect(state.notice?.text).toBe('No error after line 4.');
    expect(state.cursor).toBe(3);
  });

  it('E on a file still arriving waits for more lines in the background; cancel stops it', async () => {
    const { session, document } = open([outputLine('a', 'fine')], { complete: false });
    session.search('never there');
    expect(session.getState().search?.status).toBe('running');
    session.nextError();
    // E replaced the search, which says it was stopped.
    expect(session.getState().search?.status).toBe('cancelled');
    expect(session.getState().seeking).not.toBeNull();
    expect(session.busy).toBe(true);
    document.append([outputLine('b', 'fine too')]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(session.getState().seeking).not.toBeNull();
    session.cancel();
    let state = await until(session, 'stopped', (s) => s.seeking === null);
    expect(state.notice?.text).toBe('Stopped looking for the next error.');
    // And when an error arrives while it waits, it goes there.
    session.nextError();
    document.append([expiredLine('c')]);
    state = await until(session, 'found', (s) => s.seeking === null && s.cursor === 2);
    expect(state.notice).toBeNull();
  });

  it('x shows only error lines, following a growing file, from where the reader was; x again shows all', async () => {
    const { session, document } = open(mixed, { complete: false });
    session.moveTo(2);
    session.toggleErrorsOnly();
    let state = await until(session, 'filter scanned', (s) => s.filter?.matches === 2);
    expect(state.cursor).toBe(3);
    expect(session.linesFrom(0, 10)).toEqual([1, 3]);
    expect(session.filterPosition(3)).toBe(1);
    session.moveBy(-1);
    expect(session.getState().cursor).toBe(1);
    session.moveBy(-1);
    expect(session.getState().cursor).toBe(1);
    document.append([expiredLine('r7'), outputLine('r8', 'eight')]);
    document.finish();
    state = await until(session, 'filter done', (s) => s.filter?.done === true);
    expect(state.filter?.matches).toBe(3);
    session.last();
    expect(session.getState().cursor).toBe(6);
    session.toggleErrorsOnly();
    expect(session.getState().filter).toBeNull();
    expect(session.linesFrom(5, 10)).toEqual([5, 6, 7]);
  });

  it('a search match outside the errors-only view turns the filter off to show it', async () => {
    const { session } = open(mixed);
    session.toggleErrorsOnly();
    await until(session, 'filter done', (s) => s.filter?.done === true);
    session.search('three');
    const state = await until(session, 'found', (s) => s.search?.status === 'found');
    expect(state.cursor).toBe(2);
    expect(state.filter).toBeNull();
  });
});

describe('ResultsSession: save', () => {
  it('s saves the bytes to <name>.jsonl in the proposed directory, asks before overwriting, and overwrites when told', async () => {
    const cwd = tempDir('fizz-save-');
    const { session, document } = open(mixed, { places: placesIn(cwd), name: 'file-abc' });
    expect(session.defaultSavePath('file')).toBe(join(cwd, 'file-abc.jsonl'));
    expect(session.defaultSavePath('joined')).toBe(join(cwd, 'file-abc-joined.jsonl'));
    // MemoryDocument has no file on disk: give it one, as the local and cached documents have.
    const source = join(cwd, 'source.jsonl');
    writeFileSync(source, mixed.join('\n') + '\n');
    Object.assign(document, { path: source });

    await session.save('file', './file-abc.jsonl');
    let state = session.getState();
    expect(state.task).toMatchObject({ status: 'done', what: 'file', path: join(cwd, 'file-abc.jsonl'), lines: 6 });
    expect(readFileSync(join(cwd, 'file-abc.jsonl'), 'utf8')).toBe(mixed.join('\n') + '\n');

    writeFileSync(join(cwd, 'file-abc.jsonl'), 'old');
    await session.save('file', './file-abc.jsonl');
    expect(session.getState().task).toEqual({ what: 'file', status: 'exists', path: join(cwd, 'file-abc.jsonl') });
    session.declineOverwrite();
    expect(session.getState().task?.status).toBe('cancelled');
    expect(readFileSync(join(cwd, 'file-abc.jsonl'), 'utf8')).toBe('old');
    await session.save('file', join(cwd, 'file-abc.jsonl'), { overwrite: true });
    state = session.getState();
    expect(state.task?.status).toBe('done');
    expect(readFileSync(join(cwd, 'file-abc.jsonl'), 'utf8')).toBe(mixed.join('\n') + '\n');
    session.dismissTask();
    expect(session.getState().task).toBeNull();
  });

  it('a missing directory is asked about first; created on yes (with its parents), then the save is made and its directory remembered', async () => {
    const dir = tempDir('fizz-save-');
    const store = StateStore.inMemory();
    const places = new Places({ store, key: 'profile:work', home: dir, appCheckout: null });
    const { session, document } = open(mixed, { places, name: 'file-abc' });
    const source = join(dir, 'source.jsonl');
    writeFileSync(source, mixed.join('\n') + '\n');
    Object.assign(document, { path: source });
    const dest = join(dir, 'new', 'deeper', 'out.jsonl');

    await session.save('file', dest);
    expect(session.getState().task).toEqual({
      what: 'file',
      status: 'noDirectory',
      path: dest,
      dir: join(dir, 'new', 'deeper'),
    });
    expect(existsSync(join(dir, 'new'))).toBe(false);

    await session.save('file', dest, { createDir: true });
    expect(session.getState().task).toMatchObject({ status: 'done', path: dest });
    expect(readFileSync(dest, 'utf8')).toBe(mixed.join('\n') + '\n');
    // The next save proposes that directory, and a relative path is taken from it.
    expect(store.get('profile:work').saveDir).toBe(join(dir, 'new', 'deeper'));
    expect(session.defaultSavePath('joined')).toBe(join(dir, 'new', 'deeper', 'file-abc-joined.jsonl'));
    await session.save('file', 'again.jsonl');
    expect(session.getState().task).toMatchObject({ status: 'done', path: join(dir, 'new', 'deeper', 'again.jsonl') });
  });

  it('a file where a directory should be is not asked about: the save fails, naming it', async () => {
    const dir = tempDir('fizz-save-');
    writeFileSync(join(dir, 'a-file'), 'x');
    const { session, document } = open(mixed, { places: placesIn(dir) });
    Object.assign(document, { path: join(dir, 'a-file') });
    await session.save('file', join(dir, 'a-file', 'sub', 'out.jsonl'));
    expect(session.getState().task).toMatchObject({
      status: 'failed',
      error: `Cannot save to ${join(dir, 'a-file', 'sub', 'out.jsonl')}: a part of ${join(dir, 'a-file', 'sub')} is not a directory.`,
    });
  });

  it('never saves a file that is still downloading as if it were whole', async () => {
    const cwd = tempDir('fizz-save-');
    const { session } = open(mixed, { places: placesIn(cwd), complete: false });
    await session.save('file', 'partial.jsonl');
    const task = session.getState().task;
    expect(task?.status).toBe('failed');
    expect(task?.status === 'failed' && task.error).toMatch(
      /^Not saved: the download is at .*A partial file is never saved as the whole\.$/,
    );
    expect(existsSync(join(cwd, 'partial.jsonl'))).toBe(false);
  });

  it('J writes the joined export: one line per result with its request', async () => {
    const dir = tempDir('fizz-joined-');
    const input = join(dir, 'input.jsonl');
    const output = join(dir, 'batch_1_output.jsonl');
    writeFileSync(input, [inputLine('r2', 'q2'), inputLine('r1', 'q1')].join('\n') + '\n');
    writeFileSync(output, [outputLine('r1', 'a1'), expiredLine('r2'), outputLine('r9', 'orphan')].join('\n') + '\n');
    const session = await openLocalSession(output, { inputPath: input, places: placesIn(dir) });
    sessions.push(session);
    await until(session, 'indexed', (s) => s.document.complete && s.input.status === 'ready');
    await session.save('joined', session.defaultSavePath('joined'));
    const task = session.getState().task;
    expect(task).toMatchObject({
      status: 'done',
      what: 'joined',
      lines: 3,
      withoutInput: 1,
      path: join(dir, 'batch_1_output-joined.jsonl'),
    });
    const lines = readFileSync(join(dir, 'batch_1_output-joined.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.custom_id)).toEqual(['r1', 'r2', 'r9']);
    expect(lines[0]!.request).toMatchObject({ messages: [{ role: 'system' }, { role: 'user', content: 'q1' }] });
    expect(lines[1]!.error).toMatchObject({ code: 'batch_expired' });
    expect(lines[2]!.request).toBeNull();
  });

  it('refuses to save over the file being shown', async () => {
    const dir = tempDir('fizz-self-');
    const path = join(dir, 'out.jsonl');
    writeFileSync(path, mixed.join('\n') + '\n');
    const session = await openLocalSession(path, { places: placesIn(dir) });
    sessions.push(session);
    await until(session, 'indexed', (s) => s.document.complete);
    await session.save('file', './out.jsonl', { overwrite: true });
    expect(session.getState().task).toMatchObject({ status: 'failed' });
    expect(readFileSync(path, 'utf8')).toBe(mixed.join('\n') + '\n');
  });
});

describe('ResultsSession: the rest', () => {
  it('r retries only a failed download', () => {
    const { session, document } = open(mixed, { complete: false });
    session.retry();
    expect(session.getState().notice?.text).toBe('Nothing to retry: the file is still arriving.');
    let retried = 0;
    Object.assign(document, { retry: () => (retried += 1) });
    document.fail(new Error('connection reset'));
    session.retry();
    expect(retried).toBe(1);
    expect(session.getState().notice?.text).toBe('Retrying the download…');
  });

  it("r retries the input file's failed download too, and the join starts again on it", async () => {
    const inputDoc = new MemoryDocument([inputLine('r3', 'q3')], { name: 'input.jsonl', complete: false });
    const document = new MemoryDocument(mixed, { complete: true });
    const session = new ResultsSession({
      document,
      input: { document: inputDoc, index: new InputIndex(inputDoc) },
      places: placesIn(tempDir('fizz-session-')),
    });
    sessions.push(session);
    let retried = 0;
    Object.assign(inputDoc, {
      retry: () => {
        retried += 1;
        // What a download's retry does first: the error goes, more lines come.
        (inputDoc as unknown as { set(patch: object): void }).set({ error: null });
      },
    });
    inputDoc.fail(new Error('connection reset'));
    await until(session, 'the input failed', (s) => s.input.status === 'failed');
    expect(session.getState().input).toMatchObject({ status: 'failed', retry: true });
    session.retry();
    expect(retried).toBe(1);
    expect(session.getState().notice?.text).toBe("Retrying the input file's download…");
    inputDoc.append([inputLine('r1', 'q1')]);
    inputDoc.finish();
    await until(session, 'the input indexed again', (s) => s.input.status === 'ready');
    const [r1] = await loaded(session, [0]);
    await waitFor(
      'r1 joined',
      async () => session.record(0)!.input.status,
      (status) => status === 'found',
      { timeoutMs: 5000, intervalMs: 5 },
    );
    expect(r1!.record.customId).toBe('r1');
    expect(session.getState().input).toMatchObject({ status: 'ready', lines: 2 });
  });

  it('dispose closes what the session opened and stops telling', async () => {
    let closed = 0;
    const { session } = open(mixed, { onDispose: () => void (closed += 1) });
    let told = 0;
    session.subscribe(() => (told += 1));
    await session.dispose();
    await session.dispose();
    expect(closed).toBe(1);
    session.moveBy(1);
    expect(told).toBe(0);
  });

  it('openLocalSession names the path of a missing file', async () => {
    await expect(openLocalSession('/nonexistent/out.jsonl', { places: placesIn('/') })).rejects.toThrow(
      '/nonexistent/out.jsonl',
    );
  });
});
