import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, writeJsonl } from '../support/batch-files.js';
import { clientFor, rowId, selectJob } from '../support/pty-jobs.js';
import { disposeAllConsoles, keys, launchConsole, type PtyConsole } from '../support/pty.js';
import {
  answerPrompt,
  customIdsOf,
  fileBytes,
  fileText,
  finishedJob,
  isLoaded,
  jsonLines,
  nextMatch,
  pagerFacts,
  pagerRecords,
  pagerStatus,
  pagerTitle,
  selectFile,
  topRecord,
  waitForTop,
  type JobWithResults,
  type PagerRecord,
  type UniqueRequest,
} from '../support/results-files.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * The results pager (issue 5) in a real terminal: a job's output joined with its input by
 * custom_id, search, the error pager of the demo, `fizz-batch view` on a local file, save and
 * its overwrite question, and resubmitting what failed as a new batch.
 */

// Downloads go to a cache of the test's own, never to ~/.cache.
const cacheDir = tempDir('fizz-batch-pty-cache-');
const work = tempDir('fizz-batch-pty-saved-');

afterEach(async () => {
  await disposeAllConsoles();
});
afterAll(() => {
  rmSync(cacheDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

const headerOf = (c: PtyConsole) => c.lines()[0] ?? '';
const customIdOf = (record: PagerRecord) => record.heading.split(' · ')[0]!;

/** Each request's user message is its own: finding it in a record proves which request was joined. */
const orchard: UniqueRequest[] = [
  { customId: 'tree-apple', question: 'How is the apple harvest in the valley this autumn?' },
  { customId: 'crop-wheat', question: 'What rainfall does winter wheat need to thrive?' },
  { customId: 'tree-pear', question: 'Which pear variety keeps best through the winter?' },
  { customId: 'crop-barley', question: 'Is barley better than oats for a malting distillery?' },
  { customId: 'crop-maize', question: 'How tall does sweet maize grow by midsummer?' },
  { customId: 'tree-plum', question: 'When should a plum be pruned in a cold climate?' },
  { customId: 'crop-oats', question: 'Why do horses like rolled oats so much?' },
  { customId: 'crop-rye', question: 'Describe the flavour of dark rye sourdough bread.' },
];

/** The record shows the user message of its own custom_id, and no other request's. */
function expectOwnInput(record: PagerRecord, requests: readonly UniqueRequest[]): void {
  const id = customIdOf(record);
  const own = requests.find((r) => r.customId === id);
  expect(own, `a request with custom_id ${id}`).toBeDefined();
  expect(record.rows).toContain(`user: ${own!.question}`);
  for (const other of requests) if (other !== own) expect(record.rows.join('\n')).not.toContain(other.question);
}

describe('the pager on a job of the test server', () => {
  let server: TestServer;
  let orchardJob: JobWithResults;
  /** The output file's text and its custom_ids, in the (shuffled) order of the file. */
  let outputText: string;
  let outputIds: string[];

  beforeAll(async () => {
    // 50× faster than real time: 8 requests run in a fraction of a second.
    server = await startTestServer({ failRate: 0, speed: 50 });
    orchardJob = await finishedJob(server, orchard, 'orchard questions');
    outputText = await fileText(clientFor(server), orchardJob.job.outputFileId!);
    outputIds = customIdsOf(outputText);
  });
  afterAll(async () => {
    await server.close();
  });

  const open = (env: Record<string, string> = {}) =>
    launchConsole({ args: ['--base-url', server.url], env: { FIZZ_CACHE_DIR: cacheDir, ...env }, cols: 100, rows: 30 });

  /** The console, on the job's detail, then `key` (o or e) and the pager open on it. */
  async function openPager(
    job: JobWithResults,
    key: 'o' | 'e',
    lines: number,
    env: Record<string, string> = {},
  ): Promise<PtyConsole> {
    const c = open(env);
    await c.waitForText(rowId(job.job.id));
    await selectJob(c, job.job.id);
    await c.press(keys.enter);
    await c.waitFor(
      'the job detail',
      (screen) => headerOf(c).includes('· Job ·') && screen.includes(job.job.id) && screen.includes('Timeline'),
    );
    await c.press(key);
    await c.waitFor(
      'the pager, its input joined',
      () =>
        headerOf(c).includes('· Results ·') &&
        pagerTitle(c).includes(`line 1 of ${lines}`) &&
        pagerFacts(c).includes(`input joined (${job.lines.length} requests)`),
    );
    return c;
  }

  it('keys typed faster than a frame (one chunk, as over SSH) each reach the screen the key before opened', async () => {
    const c = open();
    await c.waitForText(rowId(orchardJob.job.id));
    await selectJob(c, orchardJob.job.id);
    // enter opens the detail, o its output: written as one chunk, read by the program as one.
    await c.press(`${keys.enter}o`);
    await c.waitFor('the pager', () => headerOf(c).includes('· Results ·') && pagerTitle(c).includes('line 1 of 8'));
    // v (raw view), q back to the detail, e its error file: the e must not be lost on the way.
    await c.press('vqe');
    await c.waitFor(
      'the notice of the detail',
      (screen) => headerOf(c).includes('· Job ·') && /no error file/i.test(screen),
    );
  });

  it('o, then / finds a custom_id: the record at the top shows the input of that same custom_id; n/N step through several matches', async () => {
    // The server writes results out of input order: the join must go by custom_id.
    const inputIds = orchard.map((r) => r.customId);
    expect(outputIds, 'the output file is shuffled').not.toEqual(inputIds);
    expect([...outputIds].sort()).toEqual([...inputIds].sort());
    // A request whose result is not on the line its request was on, and not on the first line.
    const target = outputIds.find((id, at) => at > 0 && inputIds.indexOf(id) !== at)!;
    const targetLine = outputIds.indexOf(target);

    const c = await openPager(orchardJob, 'o', 8);
    const first = await waitForTop(c, 1);
    expect(customIdOf(first)).toBe(outputIds[0]);
    expectOwnInput(first, orchard);

    await answerPrompt(c, '/', '/', target);
    await c.waitFor(`"${target}" found`, () => pagerStatus(c).includes(`"${target}" at line ${targetLine + 1}`));
    const found = await waitForTop(c, targetLine + 1);
    expect(pagerTitle(c)).toContain(`line ${targetLine + 1} of 8`);
    expect(found.heading).toMatch(new RegExp(`^${target} · 200 · `));
    expectOwnInput(found, orchard);
    // Under its request, its answer.
    expect(found.rows.indexOf(`user: ${orchard.find((r) => r.customId === target)!.question}`)).toBeLessThan(
      found.rows.length - 1,
    );

    // "tree-" is in three custom_ids and nowhere else: / finds the next one after the top (in any
    // case), n the one after it (round the end), N the one before.
    const matches = outputIds.flatMap((id, at) => (id.startsWith('tree-') ? [at] : []));
    expect(outputText.split('\n').filter((line) => line.includes('tree-'))).toHaveLength(3);
    const expectAt = async (line: number, what: string) => {
      await c.waitFor(`"TREE-" at line ${line + 1} (${what})`, () =>
        pagerStatus(c).includes(`"TREE-" at line ${line + 1}`),
      );
      const top = await waitForTop(c, line + 1, undefined, what);
      expect(customIdOf(top)).toBe(outputIds[line]);
      expectOwnInput(top, orchard);
    };
    await answerPrompt(c, '/', '/', 'TREE-');
    const m1 = nextMatch(matches, targetLine, 1);
    await expectAt(m1, '/TREE-');
    await c.press('n');
    const m2 = nextMatch(matches, m1, 1);
    await expectAt(m2, 'n');
    await c.press('n');
    const m3 = nextMatch(matches, m2, 1);
    await expectAt(m3, 'n again');
    expect(new Set([m1, m2, m3]), 'n visits every match').toEqual(new Set(matches));
    await c.press('N');
    await expectAt(m2, 'N');
    await c.press('N');
    await expectAt(m1, 'N again');

    // Opened again, the file comes from the cache: the test's own (FIZZ_CACHE_DIR), not ~/.cache.
    await c.press('q');
    await c.waitFor('the detail again', () => headerOf(c).includes('· Job ·'));
    await c.press('o');
    await c.waitFor(
      'the cached copy',
      () => pagerFacts(c).startsWith('cached copy · ') && pagerTitle(c).includes('line 1 of 8'),
    );
    const cached = readdirSync(cacheDir, { recursive: true, encoding: 'utf8' })
      .map((name) => join(cacheDir, name))
      .filter((path) => statSync(path).isFile() && readFileSync(path, 'utf8') === outputText);
    expect(cached, 'a copy of the output file in FIZZ_CACHE_DIR').toHaveLength(1);
  });

  it('enter on the files screen (f) opens an uploaded input file in the pager; q goes back to the files', async () => {
    const c = open();
    await c.waitForText(rowId(orchardJob.job.id));
    await c.press('f');
    await c.waitFor('the files screen', () => headerOf(c).includes('· Files ·'));
    await selectFile(c, orchardJob.job.inputFileId!);
    await c.press(keys.enter);
    await c.waitFor(
      'the input file in the pager',
      () =>
        headerOf(c).includes('· Results ·') && /^input\.jsonl · input \(requests\) +line 1 of 8$/.test(pagerTitle(c)),
    );
    const first = await waitForTop(c, 1);
    expect(first.heading).toMatch(/^tree-apple · POST \/v1\/chat\/completions · /);
    expect(first.rows).toContain(`user: ${orchard[0]!.question}`);
    // Records stack below it, in file order.
    await c.waitFor(
      'lines 2 and 3 below it',
      () => pagerRecords(c).map(customIdOf).slice(0, 3).join() === 'tree-apple,crop-wheat,tree-pear',
    );
    await c.press('q');
    await c.waitFor('the files screen again', () => headerOf(c).includes('· Files ·'));
  });

  it('s saves the same bytes; s to that path again asks first: n keeps the file, y overwrites; J saves the joined JSONL', async () => {
    const source = await fileBytes(clientFor(server), orchardJob.job.outputFileId!);
    const c = await openPager(orchardJob, 'o', 8);
    const saved = join(work, 'saved-output.jsonl');
    await answerPrompt(c, 's', 'save to: ', saved);
    await c.waitFor('the file saved', () => pagerStatus(c).startsWith('✓ saved '));
    expect(readFileSync(saved).equals(source), 'the saved file has the bytes of the output file').toBe(true);

    // Other content, dated in the past: an overwrite would change both.
    writeFileSync(saved, 'kept\n');
    const past = new Date('2020-01-02T03:04:05Z');
    utimesSync(saved, past, past);
    await answerPrompt(c, 's', 'save to: ', saved);
    await c.waitFor('the overwrite question', () => pagerStatus(c).includes('exists — overwrite? y/N'));
    await c.press('n');
    await c.waitFor('the save given up', () => pagerStatus(c).includes('nothing was written'));
    expect(readFileSync(saved, 'utf8')).toBe('kept\n');
    expect(statSync(saved).mtimeMs).toBe(past.getTime());

    await answerPrompt(c, 's', 'save to: ', saved);
    await c.waitFor('the overwrite question again', () => pagerStatus(c).includes('exists — overwrite? y/N'));
    await c.press('y');
    await c.waitFor('the file overwritten', () => pagerStatus(c).startsWith('✓ saved '));
    expect(readFileSync(saved).equals(source), 'the overwritten file has the bytes of the output file').toBe(true);

    // J: each output line with the request of its custom_id, in the order of the output file.
    const joined = join(work, 'joined.jsonl');
    await answerPrompt(c, 'J', 'save joined to: ', joined);
    await c.waitFor('the joined export saved', () => pagerStatus(c).startsWith('✓ saved '));
    const rows = jsonLines(readFileSync(joined, 'utf8'));
    const outputs = jsonLines(source.toString('utf8'));
    expect(rows.map((row) => row.custom_id)).toEqual(outputIds);
    rows.forEach((row, at) => {
      expect(Object.keys(row)).toEqual(expect.arrayContaining(['custom_id', 'request', 'response', 'error']));
      const input = orchardJob.lines.find((line) => line.custom_id === row.custom_id)!;
      expect(row.request, `the request of ${String(row.custom_id)}`).toEqual(input.body);
      expect(row.response).toEqual((outputs[at]!.response as { body: unknown }).body);
      expect(row.error).toBeNull();
    });
  });

  it('s proposes ~/Downloads; a path in a missing directory asks first: y creates it and saves there; the next s proposes it', async () => {
    const source = await fileBytes(clientFor(server), orchardJob.job.outputFileId!);
    const home = tempDir('fz-home-');
    mkdirSync(join(home, 'Downloads'));
    const c = await openPager(orchardJob, 'o', 8, { HOME: home });
    await c.press('s');
    await c.waitFor('a path in ~/Downloads proposed', () =>
      pagerStatus(c).startsWith(`save to: [${join(home, 'Downloads')}/`),
    );
    await c.press(keys.esc);

    const dir = join(work, 'not-yet', 'results');
    const dest = join(dir, 'orchard.jsonl');
    await answerPrompt(c, 's', 'save to: ', dest);
    await c.waitFor('the question', () => pagerStatus(c).includes(`Create ${dir}? y/N`));
    await c.press('y');
    await c.waitFor('the file saved', () => pagerStatus(c).startsWith('✓ saved '));
    expect(readFileSync(dest).equals(source), 'the saved file has the bytes of the output file').toBe(true);

    await c.press('s');
    await c.waitFor('the new directory proposed', () => pagerStatus(c).startsWith(`save to: [${dir}/`));
  });

  it('R on a partly failed job: report → form → create makes a batch of exactly the failed requests, linked to the old job', async () => {
    const client = clientFor(server);
    const requests: UniqueRequest[] = [
      { customId: 'redo-1', question: 'Translate good morning into Welsh.' },
      { customId: 'redo-2', question: 'Translate thank you into Basque.', refused: true },
      { customId: 'redo-3', question: 'Translate good night into Breton.' },
      { customId: 'redo-4', question: 'Translate see you soon into Cornish.', refused: true },
      { customId: 'redo-5', question: 'Translate welcome into Manx.' },
      { customId: 'redo-6', question: 'Translate cheers into Gaelic.' },
    ];
    const partly = await finishedJob(server, requests, 'partly failed');
    expect(partly.job.requestCounts).toMatchObject({ total: 6, completed: 4, failed: 2 });
    const failedIds = customIdsOf(await fileText(client, partly.job.errorFileId!)).sort();
    expect(failedIds).toEqual(['redo-2', 'redo-4']);

    const c = open();
    await c.waitForText(rowId(partly.job.id));
    await selectJob(c, partly.job.id);
    await c.press(keys.enter);
    await c.waitFor(
      'the job detail',
      (screen) => headerOf(c).includes('· Job ·') && screen.includes(partly.job.id) && screen.includes('Timeline'),
    );
    await c.press('R');
    await c.waitForText('2 requests to resubmit');
    await c.press(keys.enter);
    const report = await c.waitForText('No problems found');
    expect(report).toMatch(/Requests\s+2\b/);
    await c.press(keys.enter);
    await c.waitForText('Upload and create the batch');
    await c.press(keys.enter);
    await c.waitForText('› [ Upload and create the batch ]');
    await c.press(keys.enter);
    await c.waitFor('a new job', (screen) => headerOf(c).includes('· Job ·') && screen.includes('resubmit_of'), {
      timeoutMs: 15_000,
    });

    const created = (await client.listBatches({ limit: 100 })).items.filter(
      (batch) => batch.metadata.resubmit_of === partly.job.id,
    );
    expect(created).toHaveLength(1);
    const retry = created[0]!;
    // The console shows the new job, linked to the old one.
    await c.waitFor('the detail of the new job', () => (c.lines()[1] ?? '').startsWith(retry.id));
    expect(c.screen()).toMatch(new RegExp(`resubmit_of +${partly.job.id.slice(0, 30)}`));
    const retryInput = await fileText(client, retry.inputFileId!);
    expect(customIdsOf(retryInput).sort()).toEqual(failedIds);
    // The lines themselves, as they were in the original input file.
    const originalLines = partly.inputText.split('\n');
    for (const line of retryInput.split('\n').filter((l) => l !== '')) expect(originalLines).toContain(line);
    expect(await fileText(client, partly.job.inputFileId!)).toBe(partly.inputText);
  });
});

describe('the error pager of the demo', () => {
  it('e on the partly failed "Customer-interview summaries, batch 2": errors with their code and the input of the same custom_id; E, x', async () => {
    const c = launchConsole({ args: ['--demo'], env: { FIZZ_CACHE_DIR: cacheDir }, cols: 100, rows: 30 });
    await c.waitForText('Customer-interview su');
    await c.press('/');
    await c.type('Customer-interview');
    await c.press(keys.enter);
    await c.waitForText('"Customer-interview"');
    await c.press(keys.enter);
    const detail = await c.waitFor(
      'the detail of the job',
      (screen) =>
        headerOf(c).includes('· Job ·') &&
        screen.includes('Customer-interview summaries, batch 2') &&
        screen.includes('Timeline'),
    );
    const failed = Number(/(\d+) failed/.exec(detail)?.[1]);
    expect(failed).toBeGreaterThan(0);

    await c.press('e');
    await c.waitFor(
      'the error file, its input joined',
      () =>
        pagerTitle(c).includes('· errors') &&
        pagerTitle(c).includes(`line 1 of ${failed}`) &&
        pagerFacts(c).includes('input joined (80 requests)'),
    );
    // Records stack: the first ones fill the screen.
    await c.waitFor(
      'two error records',
      () =>
        pagerRecords(c).length >= 2 &&
        pagerRecords(c)
          .slice(0, 2)
          .every((record) => isLoaded(record) && record.rows.length >= 3),
    );
    const shown = pagerRecords(c).filter((record) => record.rows.some((row) => row.startsWith('server_error:')));
    expect(shown.length).toBeGreaterThanOrEqual(2);
    for (const record of shown) {
      // interviews-00075 was asked about "Interview 75": the input beside the error is its own.
      const id = /^interviews-(\d+) · ✗ 500 server_error$/.exec(record.heading);
      expect(id, record.heading).not.toBeNull();
      expect(
        record.rows.some((row) => row.startsWith(`user: Interview ${Number(id![1])} with`)),
        record.rows.join('\n'),
      ).toBe(true);
      expect(record.rows.some((row) => row.startsWith('system: Summarise the customer interview notes'))).toBe(true);
    }
    // Which custom_id is on which line, for E.
    const lineIds = pagerRecords(c).map((record) => customIdOf(record));

    // E: the next error line; x: errors only (here, every line).
    await c.press('E');
    await waitForTop(c, 2, (top) => customIdOf(top) === lineIds[1], 'E');
    await c.press('x');
    await c.waitFor(
      'errors only',
      () =>
        pagerFacts(c).includes(`errors only: ${failed} found`) &&
        pagerTitle(c).includes(`error 2 of ${failed} · line 2`),
    );
    await c.press('x');
    await c.waitFor(
      'every line again',
      () => !pagerFacts(c).includes('errors only') && pagerTitle(c).includes(`line 2 of ${failed}`),
    );

    // The output file of the same job holds only answers: E and x say where the failures are, and
    // e goes there without going back.
    await c.press('q');
    await c.waitFor('the detail again', () => headerOf(c).includes('· Job ·'));
    await c.press('o');
    await c.waitFor(
      'the output file',
      () => pagerTitle(c).includes('· output') && pagerTitle(c).includes(`line 1 of ${80 - failed}`),
    );
    await waitForTop(c, 1, (top) => / · 200 · /.test(top.heading));
    expect(c.lines()[c.rows - 2]).not.toContain('next error');
    await c.press('E');
    await c.waitFor(
      'where the failures are',
      () => pagerStatus(c) === `The ${failed} failures are in the error file: e opens it.`,
    );
    expect(topRecord(c).line).toBe(1);
    await c.press('e');
    await c.waitFor(
      'the error file again',
      () => pagerTitle(c).includes('· errors') && pagerTitle(c).includes(`line 1 of ${failed}`),
    );
    await c.press('q');
    await c.waitFor('the detail, not the output', () => headerOf(c).includes('· Job ·'));
  });
});

describe('fizz-batch view on a local file', () => {
  const request = (customId: string, question: string) => ({
    custom_id: customId,
    method: 'POST',
    url: '/v1/chat/completions',
    body: { model: 'test-model', messages: [{ role: 'user', content: question }], max_tokens: 50 },
  });
  const completion = (answer: string) => ({
    id: 'chatcmpl-1',
    object: 'chat.completion',
    model: 'test-model',
    choices: [{ index: 0, message: { role: 'assistant', content: answer }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 },
  });
  const input = writeJsonl(work, 'view-input.jsonl', [
    request('alpha-1', 'Name a colour like aubergine'),
    request('beta-2', 'Describe a xylophone briefly'),
    request('gamma-3', 'Count the stars'),
  ]);
  const output = writeJsonl(work, 'view-output.jsonl', [
    // The body as a JSON string, and no `error` key.
    {
      id: 'batch_req_2',
      custom_id: 'beta-2',
      response: {
        status_code: 200,
        request_id: 'r2',
        body: JSON.stringify(completion('A xylophone has wooden bars.')),
      },
    },
    'this line is not json',
    {
      id: 'batch_req_1',
      custom_id: 'alpha-1',
      response: { status_code: 200, request_id: 'r1', body: completion('Aubergine is a deep purple.') },
      error: null,
    },
    {
      id: 'batch_req_3',
      custom_id: 'gamma-3',
      response: null,
      error: { code: 'server_error', message: 'The server had an error.' },
    },
  ]);

  const view = (args: string[]) =>
    launchConsole({ args: ['view', ...args], env: { FIZZ_CACHE_DIR: cacheDir }, cols: 100, rows: 30 });

  it('first record, G, : to a line, v for raw JSON with the line number, the not-JSON line flagged; q quits with 0', async () => {
    const c = view([output, '--input', input]);
    await c.waitFor(
      'the first record, its input joined',
      () =>
        pagerFacts(c).includes('input joined (3 requests)') &&
        pagerRecords(c)[0]?.rows.includes('assistant: A xylophone has wooden bars.') === true,
    );
    expect(c.isAltScreen()).toBe(true);
    expect(pagerTitle(c)).toMatch(/view-output\.jsonl · output +line 1 of 4$/);
    const first = topRecord(c);
    expect(first.line).toBe(1);
    expect(first.heading).toMatch(/^beta-2 · 200 · stop · 5→3 tokens/);
    expect(first.rows).toContain('user: Describe a xylophone briefly');

    // G: the end of the file fills the screen, the last record at the bottom (here the whole
    // file fits), never the last record alone on a blank screen.
    await c.press('G');
    await c.waitFor('line 4 of 4', () => pagerTitle(c).includes('line 4 of 4'));
    const end = pagerRecords(c);
    expect(end.map((record) => record.line)).toEqual([1, 2, 3, 4]);
    const last = end.at(-1)!;
    expect(last.heading).toMatch(/^gamma-3 · ✗ server_error/);
    expect(last.rows).toContain('user: Count the stars');
    expect(last.rows).toContain('server_error: The server had an error.');
    await c.press('g');
    await waitForTop(c, 1, (top) => top.heading.startsWith('beta-2 · '), 'g');
    // Past the end is the end, and the status row says so.
    await answerPrompt(c, ':', 'line: ', '999');
    await c.waitFor(
      'the jump past the end',
      () =>
        pagerStatus(c) === 'Line 999 is past the end: the file has 4 lines; showing the last.' &&
        pagerTitle(c).includes('line 4 of 4'),
    );
    expect(pagerRecords(c).at(-1)!.line).toBe(4);

    await answerPrompt(c, ':', 'line: ', '3');
    const third = await waitForTop(c, 3);
    expect(third.heading).toMatch(/^alpha-1 · 200 · stop/);
    expect(third.rows).toContain('user: Name a colour like aubergine');
    expect(third.rows).toContain('assistant: Aubergine is a deep purple.');

    // Typed faster than a frame (or over SSH), "2⏎" arrives in one chunk: the enter still submits.
    await c.press(':');
    await c.waitFor('the line prompt', () => pagerStatus(c).startsWith('line: '));
    c.pty.write('2\r');
    const invalid = await waitForTop(c, 2);
    expect(invalid.heading).toBe('no custom_id · ⚠ shown raw');
    expect(invalid.rows.join('\n')).toMatch(/not JSON/);
    expect(invalid.rows).toContain('this line is not json');

    await c.press('v');
    await c.waitFor(
      'the raw view of lines 2 and 3',
      () => pagerTitle(c).includes('· raw') && pagerRecords(c)[1]?.heading.startsWith('raw') === true,
    );
    const raw = pagerRecords(c);
    expect(raw[0]!.line).toBe(2);
    expect(raw[0]!.heading).toMatch(/^raw · 21 bytes · ⚠ not JSON/);
    expect(raw[0]!.rows).toEqual(['this line is not json']);
    // Line 3 as pretty JSON, one key per row, under its line number.
    expect(raw[1]!.line).toBe(3);
    expect(raw[1]!.heading).toMatch(/^raw · \d+ bytes$/);
    const rawRows = c.lines().slice(c.lines().findIndex((row) => row.startsWith('3  raw')) + 1);
    expect(rawRows.slice(0, 3)).toEqual(['  {', '    "id": "batch_req_1",', '    "custom_id": "alpha-1",']);

    await c.press('q');
    const exit = await c.exit;
    expect(exit.exitCode).toBe(0);
    expect(c.isAltScreen()).toBe(false);
  });

  it('J writes a joined export that view opens alone: each answer under its own request, matches of / in inverse video', async () => {
    const joined = join(work, 'view-joined.jsonl');
    const first = view([output, '--input', input]);
    await first.waitFor('the input joined', () => pagerFacts(first).includes('input joined (3 requests)'));
    await answerPrompt(first, 'J', 'save joined to: ', joined);
    await first.waitFor('the joined export saved', () => pagerStatus(first).startsWith('✓ saved '));
    await first.press('q');
    await first.exit;

    // With styles on (FORCE_COLOR unset): a match is drawn in inverse video, which shows on any terminal.
    const c = launchConsole({
      args: ['view', joined],
      env: { FIZZ_CACHE_DIR: cacheDir },
      cols: 100,
      rows: 30,
      color: true,
    });
    await c.waitFor(
      'the joined export, requests included',
      () => pagerFacts(c).includes('requests in the file (joined export)') && pagerRecords(c).length >= 4,
    );
    expect(pagerFacts(c)).not.toContain('not joined');
    const records = pagerRecords(c);
    expect(records.map((record) => record.heading.split(' · ')[0])).toEqual([
      'beta-2',
      'no custom_id',
      'alpha-1',
      'gamma-3',
    ]);
    const [beta, , alpha, gamma] = records;
    expect(beta!.rows).toEqual(
      expect.arrayContaining(['user: Describe a xylophone briefly', 'assistant: A xylophone has wooden bars.']),
    );
    expect(beta!.rows.indexOf('user: Describe a xylophone briefly')).toBeLessThan(
      beta!.rows.indexOf('assistant: A xylophone has wooden bars.'),
    );
    expect(alpha!.rows).toEqual(
      expect.arrayContaining(['user: Name a colour like aubergine', 'assistant: Aubergine is a deep purple.']),
    );
    expect(gamma!.heading).toMatch(/^gamma-3 · ✗ server_error/);
    expect(gamma!.rows).toEqual(
      expect.arrayContaining(['user: Count the stars', 'server_error: The server had an error.']),
    );

    // (answerPrompt reads the field's cursor as drawn without styles: here the text goes in one write.)
    await c.press('/');
    await c.waitFor('the search prompt', () => pagerStatus(c).startsWith('/'));
    c.pty.write('aubergine\r');
    await c.waitFor('the match counted', () => pagerStatus(c).startsWith('match 1 of 1 · "aubergine" at line 3'));
    const inverse = (row: number, text: string) => {
      const at = c.lines()[row]!.indexOf(text);
      const line = c.term.buffer.active.getLine(c.term.buffer.active.viewportY + row)!;
      return Array.from(text, (_, i) => line.getCell(at + i)!.isInverse() !== 0);
    };
    const userRow = c.lines().findIndex((row) => row.includes('user: Name a colour like aubergine'));
    const answerRow = c.lines().findIndex((row) => row.includes('assistant: Aubergine is a deep purple.'));
    expect(inverse(userRow, 'aubergine')).toEqual(Array(9).fill(true));
    expect(inverse(answerRow, 'Aubergine')).toEqual(Array(9).fill(true));
    expect(inverse(answerRow, 'purple')).toEqual(Array(6).fill(false));
    await c.press('q');
    expect((await c.exit).exitCode).toBe(0);
  });

  it('a missing file: exit 1, one line naming it, no stack trace', async () => {
    const missing = join(work, 'no-such-output.jsonl');
    const c = view([missing]);
    const exit = await c.exit;
    expect(exit.exitCode).toBe(1);
    // Read from the bytes written, not the screen: a long temporary path wraps on screen.
    const written = c.raw().toString('utf8');
    expect(written).toContain(`fizz-batch: cannot open ${missing}: no such file`);
    expect(written).not.toMatch(/^\s+at /m);
    expect(written).not.toMatch(/Error:/);
    expect(c.isAltScreen()).toBe(false);
  });
});
