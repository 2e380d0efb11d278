import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '../../../../src/core/session.js';
import { InputIndex } from '../../../../src/core/results/input-index.js';
import { ResultsSession } from '../../../../src/core/results/session/session.js';
import type { DocumentState, LineDocument, ReadOptions } from '../../../../src/core/results/types.js';
import { ResultsPager } from '../../../../src/ui/features/results/ResultsPager.js';
import { tempDir } from '../../../support/batch-files.js';
import { MemoryDocument } from '../../../support/memory-document.js';
import { placesIn } from '../../../support/places.js';
import { expiredLine, httpErrorLine, inputLine, outputLine } from '../../../support/results-lines.js';
import { fakeSession, keys, renderUi } from '../../../support/ui.js';

type Ui = ReturnType<typeof renderUi>;

let app: Session | undefined;
const results: ResultsSession[] = [];
afterEach(async () => {
  app?.dispose();
  app = undefined;
  await Promise.all(results.splice(0).map((r) => r.dispose()));
});

interface Open {
  input?: string[];
  width?: number;
  height?: number;
  complete?: boolean;
  name?: string;
  /** Where a save is proposed (the last save directory). */
  cwd?: string;
  inputNote?: string;
}

function pager(lines: string[], options: Open = {}) {
  const document = new MemoryDocument(lines, {
    complete: options.complete ?? true,
    name: options.name ?? 'batch_abc_output.jsonl',
  });
  const inputDoc = options.input ? new MemoryDocument(options.input, { name: 'input.jsonl' }) : null;
  const session = new ResultsSession({
    document,
    input: inputDoc ? { document: inputDoc, index: new InputIndex(inputDoc) } : null,
    inputNote: options.inputNote ?? null,
    places: placesIn(options.cwd ?? tempDir('fizz-pager-')),
  });
  results.push(session);
  app = fakeSession({});
  const onLeave = vi.fn();
  const ui = renderUi(<ResultsPager session={session} onLeave={onLeave} />, {
    session: app,
    body: { width: options.width ?? 100, height: options.height ?? 21 },
  });
  return { ui, session, document, onLeave };
}

function rows(ui: Ui): string[] {
  return ui.frame().split('\n');
}

function noJunk(ui: Ui): void {
  for (const f of ui.frames) expect(f).not.toMatch(/undefined|NaN|\[object /);
}

const answers = [
  outputLine('req-1', 'The capital of France is Paris.', { prompt: 21, completion: 8 }),
  expiredLine('req-2'),
  httpErrorLine('req-3', 400, 'model_not_found', 'The model does-not-exist does not exist.'),
  '{"custom_id": "req-4", "response": {',
  outputLine('req-5', 'Cut short because of max_tokens', { finish: 'length' }),
];
const requests = [
  inputLine('req-5', 'Tell me a long story.'),
  inputLine('req-3', 'Hi?'),
  inputLine('req-1', 'What is the capital of France?', 'Answer in one sentence.'),
  inputLine('req-2', 'Too late?'),
];

describe('results pager: the record view', () => {
  it('shows each kind of line: an answer, an expired request, an HTTP error, a line that is not JSON', async () => {
    const { ui } = pager(answers, { width: 100, height: 30 });
    const frame = await ui.waitForFrame('req-5');
    expect(frame).toContain('batch_abc_output.jsonl · output');
    expect(frame).toMatch(/line 1 of 5$/m);
    expect(frame).toContain('local file · ');
    expect(frame).toMatch(/^1 {2}req-1 · 200 · stop · 21→8 tokens · test-model$/m);
    // The answer is labelled like the request's messages: who says what reads without colour.
    expect(frame).toMatch(/^ {2}assistant: The capital of France is Paris\.$/m);
    expect(frame).toMatch(/^2 {2}req-2 · ✗ batch_expired$/m);
    expect(frame).toMatch(
      /^ {2}batch_expired: This request could not be executed before the completion window expired\.$/m,
    );
    expect(frame).toMatch(/^3 {2}req-3 · ✗ 400 model_not_found$/m);
    expect(frame).toMatch(/^ {2}model_not_found: The model does-not-exist does not exist\.$/m);
    // Not JSON: flagged, with the reason and the raw text.
    expect(frame).toMatch(/^4 {2}no custom_id · ⚠ shown raw$/m);
    expect(frame).toMatch(/^ {2}⚠ not JSON: .+$/m);
    expect(frame).toContain('  {"custom_id": "req-4", "response": {');
    expect(frame).toMatch(/^5 {2}req-5 · 200 · length · /m);
    for (const row of rows(ui)) expect(row.length).toBeLessThanOrEqual(100);
    noJunk(ui);
  });

  it('puts the matching input request beside the result from 110 columns, above it below that', async () => {
    const wide = pager(answers, { input: requests, width: 120 });
    await wide.ui.waitForFrame(/input joined \(4 requests\)/);
    let frame = await wide.ui.waitForFrame('user: What is the capital of France?');
    const row = rows(wide.ui).find((r) => r.includes('system: Answer in one sentence.'))!;
    // One row holds both: the request on the left, the answer on the right.
    // The answer's heading names the model: the request says only its parameters.
    expect(
      rows(wide.ui).some((r) =>
        /^temperature 0\.2 · max_tokens 100\s+│assistant: The capital of France is Paris\./.test(r),
      ),
    ).toBe(true);
    expect(row).toMatch(/^system: Answer in one sentence\.\s+│/);
    expect(frame).toContain('│batch_expired: This request could not be executed');
    for (const r of rows(wide.ui)) expect(r.length).toBeLessThanOrEqual(120);
    wide.ui.unmount();

    const narrow = pager(answers, { input: requests, width: 80 });
    frame = await narrow.ui.waitForFrame('user: What is the capital of France?');
    const lines = rows(narrow.ui);
    const at = (text: string) => lines.findIndex((r) => r.includes(text));
    expect(frame).not.toContain('│');
    expect(at('req-1 · 200')).toBeLessThan(at('temperature 0.2 · max_tokens 100'));
    // An error line names no model: there the request's is said.
    expect(lines.some((r) => r.trim() === 'model test-model')).toBe(true);
    expect(at('system: Answer in one sentence.')).toBeLessThan(at('user: What is the capital of France?'));
    expect(at('user: What is the capital of France?')).toBeLessThan(at('The capital of France is Paris.'));
    // i hides the request.
    await narrow.ui.press('i');
    frame = await narrow.ui.waitForFrame((f) => !f.includes('user: What is the capital'));
    expect(frame).toMatch(/^1 {2}req-1 · 200/m);
    expect(frame).toMatch(/^ {2}assistant: The capital of France is Paris\.$/m);
  });

  it('a joined export (what J writes) shows each answer under the request it carries, with no input file', async () => {
    const original = pager(answers, { input: requests, width: 80, height: 40 });
    await original.ui.waitForFrame(/input joined \(4 requests\)/);
    const dest = join(tempDir('fizz-pager-joined-'), 'joined.jsonl');
    await original.session.save('joined', dest);
    original.ui.unmount();

    const lines = readFileSync(dest, 'utf8').trimEnd().split('\n');
    const { ui } = pager(lines, { width: 80, height: 40, name: 'joined.jsonl', inputNote: 'no --input given' });
    const frame = await ui.waitForFrame('requests in the file (joined export)');
    expect(frame).not.toContain('not joined');
    const at = (text: string) => rows(ui).findIndex((r) => r.includes(text));
    expect(frame).toMatch(/^1 {2}req-1 · 200 · stop · 21→8 tokens · test-model$/m);
    expect(at('user: What is the capital of France?')).toBeGreaterThan(at('req-1 · 200'));
    expect(at('assistant: The capital of France is Paris.')).toBeGreaterThan(
      at('user: What is the capital of France?'),
    );
    expect(frame).toMatch(/^2 {2}req-2 · ✗ batch_expired$/m);
    expect(at('user: Too late?')).toBeGreaterThan(at('req-2 · ✗'));
    expect(frame).toMatch(/^3 {2}req-3 · ✗ 400 model_not_found$/m);
    expect(at('user: Hi?')).toBeGreaterThan(at('req-3 · ✗'));
    // The line that was not JSON was kept by the export as an invalid_line error.
    expect(frame).toMatch(/^4 {2}no custom_id · ✗ invalid_line$/m);
    // E and x know a joined export's failures.
    await ui.press('x');
    await ui.waitForFrame(/error 1 of 3 · line 2$/m);
    noJunk(ui);
  });

  it('says once, in the title, why no request is joined', async () => {
    const { ui } = pager(answers, { inputNote: 'no --input given' });
    const frame = await ui.waitForFrame('req-1');
    expect(frame.split('\n')[1]).toMatch(/^local file · .* · input not joined: no --input given$/);
    expect(frame.match(/input not joined/g)).toHaveLength(1);
  });

  it('cuts a long answer so that one record never fills more than the screen, and says how much is left', async () => {
    const long = Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1} of a very long answer.`).join('\n');
    const { ui } = pager([outputLine('long', long), outputLine('next', 'after')], { width: 80, height: 15 });
    const frame = await ui.waitForFrame('more rows (v: raw)');
    const body = rows(ui).slice(2, 14);
    expect(body[0]).toMatch(/^1 {2}long · 200/);
    expect(frame).toMatch(/^ {2}… \d+ more rows \(v: raw\)$/m);
    expect(frame.split('\n')).toHaveLength(15);
    const left = Number(/… (\d+) more rows/.exec(frame)![1]);
    expect(body[1]).toBe('  assistant: Paragraph 1 of a very long answer.');
    const shown = body.filter((r) => /^ {2}(assistant: )?Paragraph/.test(r)).length;
    expect(shown + left).toBe(60);
  });

  it.each([
    ['words', 'word '.repeat(1024 * 1024)],
    // One token with no space to wrap at (base64, minified JSON): each row is cut, never searched back through.
    ['one long token', 'x'.repeat(5 * 1024 * 1024)],
  ])('shows a 5 MB answer of %s at once, cut, without freezing the screen', async (_, huge) => {
    const { ui } = pager([outputLine('huge', huge), outputLine('small', 'tiny')], { width: 80, height: 15 });
    const started = Date.now();
    const frame = await ui.waitForFrame('more rows (v: raw)');
    expect(frame).toMatch(/^1 {2}huge · 200/m);
    expect(frame).toMatch(/… [\d,]+ more rows/);
    // A generous bound: the point is "not seconds", whatever the machine.
    expect(Date.now() - started).toBeLessThan(5000);
    await ui.press('j');
    await ui.waitForFrame(/^2 {2}small · 200/m);
  });

  it('says plainly that a file is empty, or still on its way', async () => {
    const empty = pager([]);
    await empty.ui.waitForFrame('The file is empty.');
    expect(empty.ui.frame()).toContain('empty');
    empty.ui.unmount();
    const arriving = pager([], { complete: false });
    await arriving.ui.waitForFrame('Reading the file…');
    arriving.document.append([outputLine('first', 'here it is')]);
    const frame = await arriving.ui.waitForFrame('here it is');
    expect(frame).toMatch(/line 1 of 1 so far$/m);
    expect(frame).toMatch(/indexing .* · 1 lines so far/);
  });
});

/** A document as a download shows it: MemoryDocument's lines with the state a test sets. */
class Download implements LineDocument {
  readonly name = 'file-remote';
  readonly path = '/cache/file-remote.jsonl.part';
  state: Partial<DocumentState> = {};
  retried = 0;
  constructor(readonly inner: MemoryDocument) {}
  getState = (): DocumentState => ({ ...this.inner.getState(), origin: 'network', complete: false, ...this.state });
  subscribe = (listener: () => void) => this.inner.subscribe(listener);
  readLine = (index: number, options?: ReadOptions) => this.inner.readLine(index, options);
  readLines = (from: number, count: number, options?: ReadOptions) => this.inner.readLines(from, count, options);
  offsetOf = (index: number) => this.inner.offsetOf(index);
  lineAt = (offset: number) => this.inner.lineAt(offset);
  whenComplete = () => this.inner.whenComplete();
  close = () => this.inner.close();
  retry(): void {
    this.retried += 1;
  }
  /** Changes the state and tells the session, as a download does. */
  set(state: Partial<DocumentState>, lines: string[] = []): void {
    this.state = { ...this.state, ...state };
    this.inner.append(lines);
  }
}

describe('results pager: a download', () => {
  it('says how far it is, that it resumed, and when it failed (r retries): never as if complete', async () => {
    const download = new Download(new MemoryDocument(answers.slice(0, 2), { complete: false }));
    download.set({ totalBytes: 4000, bytes: 1800, resumedFrom: 1024 * 1024 * 80 });
    const session = new ResultsSession({ document: download, kind: 'output', places: placesIn(tempDir()) });
    results.push(session);
    app = fakeSession({});
    const ui = renderUi(<ResultsPager session={session} onLeave={() => {}} />, {
      session: app,
      body: { width: 100, height: 21 },
    });
    let frame = await ui.waitForFrame('req-1');
    expect(frame).toMatch(/^file-remote · output\s+line 1 of 2 so far$/m);
    expect(frame).toMatch(/^downloading 45% · 2 lines so far · resumed at 80\.0 MB$/m);
    await ui.press('G');
    frame = await ui.waitForFrame('Following the end as it arrives (downloading, 45%)');
    expect(frame).toMatch(/line 2 of 2 so far$/m);
    // The line that arrived is followed to; the failure ends the following.
    download.set(
      { bytes: 2000, error: new Error('Connection reset while downloading file-remote.') },
      answers.slice(2, 3),
    );
    frame = await ui.waitForFrame('✗ download stopped');
    expect(frame).toMatch(
      /^✗ download stopped at 50% of 3\.9 KB · r retries · Connection reset while downloading file-remote\./m,
    );
    expect(frame).toMatch(/line 3 of 3 so far$/m);
    expect(frame).not.toContain('Following the end');
    expect(frame).not.toMatch(/local file|downloaded ·|cached copy/);
    await ui.press('r');
    await ui.waitForFrame('Retrying the download…');
    expect(download.retried).toBe(1);
  });

  it('a stalled download says so (no data for 20 s — r retries), for the file and for its input; r retries the one that is stuck', async () => {
    const download = new Download(new MemoryDocument(answers.slice(0, 2), { complete: false }));
    download.set({ totalBytes: 4000, bytes: 1800 });
    const inputDownload = new Download(new MemoryDocument(requests.slice(0, 1), { complete: false }));
    const session = new ResultsSession({
      document: download,
      kind: 'output',
      input: { document: inputDownload, index: new InputIndex(inputDownload) },
      places: placesIn(tempDir()),
    });
    results.push(session);
    app = fakeSession({});
    const ui = renderUi(<ResultsPager session={session} onLeave={() => {}} />, {
      session: app,
      body: { width: 120, height: 21 },
    });
    await ui.waitForFrame('req-1');
    // Data flows: nothing to retry.
    await ui.press('r');
    await ui.waitForFrame('Nothing to retry: the file is still arriving.');
    expect(download.retried + inputDownload.retried).toBe(0);

    download.set({ stalledMs: 20_000 });
    let frame = await ui.waitForFrame('no data for 20 s — r retries');
    expect(frame).toMatch(/^downloading 45% · no data for 20 s — r retries · 2 lines so far · input: indexing/m);
    await ui.press('r');
    await ui.waitForFrame('Retrying the download…');
    expect([download.retried, inputDownload.retried]).toEqual([1, 0]);
    // Data again: the stall is no longer said.
    download.set({ stalledMs: null }, answers.slice(2, 3));
    frame = await ui.waitForFrame(/^downloading 45% · 3 lines so far/m);
    expect(frame).not.toContain('no data');

    // The input's download stalls: the title says so, and r retries the input.
    inputDownload.set({ stalledMs: 31_000 });
    frame = await ui.waitForFrame(/input: indexing .*, no data for 31 s — r retries/);
    expect(frame).toMatch(/^downloading 45% · 3 lines so far · input: indexing/m);
    await ui.press('r');
    await ui.waitForFrame("Retrying the input file's download…");
    expect([download.retried, inputDownload.retried]).toEqual([1, 1]);
  });
});

describe('results pager: the raw view', () => {
  it('v shows the line as pretty JSON with its line number; v again goes back', async () => {
    const { ui } = pager(answers);
    await ui.waitForFrame('req-1 · 200');
    await ui.press('v');
    let frame = await ui.waitForFrame(/^1 {2}raw · [\d,]+ bytes$/m);
    expect(frame).toContain('batch_abc_output.jsonl · output · raw');
    expect(frame).toMatch(/^ {4}"custom_id": "req-1",$/m);
    expect(frame).toMatch(/^ {6}"status_code": 200,$/m);
    // A tall record scrolls by page; j goes to the next record.
    await ui.press(keys.pageDown);
    frame = await ui.waitForFrame((f) => !/^1 {2}raw/m.test(f));
    expect(frame).toMatch(/line 1 of 5$/m);
    await ui.press('j');
    frame = await ui.waitForFrame(/^2 {2}raw · /m);
    expect(frame).toMatch(/"code": "batch_expired"/);
    await ui.press('v');
    await ui.waitForFrame(/^2 {2}req-2 · ✗ batch_expired$/m);
  });

  it('shows a line that is not JSON as it is, flagged', async () => {
    const { ui } = pager(answers);
    await ui.waitForFrame('req-1');
    await ui.press(':');
    await ui.press('4');
    await ui.press(keys.enter);
    await ui.press('v');
    const frame = await ui.waitForFrame(/^4 {2}raw · \d+ bytes · ⚠ not JSON/m);
    expect(frame).toContain('  {"custom_id": "req-4", "response": {');
  });
});

describe('results pager: moving', () => {
  const many = Array.from({ length: 50 }, (_, i) => outputLine(`id-${i + 1}`, `answer ${i + 1}`));

  it('j/k by record, g/G first/last, PgDn/PgUp by page, : to a line number', async () => {
    // 10 body rows: the title takes 2 and the status row 1.
    const { ui } = pager(many, { width: 80, height: 13 });
    await ui.waitForFrame(/line 1 of 50$/m);
    await ui.press('j');
    await ui.waitForFrame(/line 2 of 50$/m);
    expect(rows(ui)[2]).toMatch(/^2 {2}id-2 · 200/);
    await ui.press('k');
    await ui.waitForFrame(/line 1 of 50$/m);
    // 10 body rows, 2 rows a record: a page is 5 records.
    await ui.press(keys.pageDown);
    await ui.waitForFrame(/line 6 of 50$/m);
    await ui.press(keys.pageDown);
    await ui.waitForFrame(/line 11 of 50$/m);
    await ui.press(keys.pageUp);
    await ui.waitForFrame(/line 6 of 50$/m);
    // G: the end of the file fills the screen (5 records of 2 rows), the last one at the bottom.
    await ui.press('G');
    await ui.waitForFrame(/line 50 of 50$/m);
    expect(rows(ui).slice(2, 12)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^46 {2}id-46 · 200/),
        expect.stringMatching(/^50 {2}id-50 · 200/),
      ]),
    );
    expect(rows(ui)[2]).toMatch(/^46 {2}id-46 · 200/);
    expect(rows(ui)[11]).toBe('  assistant: answer 50');
    // j has nothing below; k scrolls up from the top of the screen.
    await ui.press('j');
    expect(rows(ui)[2]).toMatch(/^46 {2}id-46 · 200/);
    await ui.press('k');
    await ui.waitForFrame(/line 45 of 50$/m);
    expect(rows(ui)[2]).toMatch(/^45 {2}id-45 · 200/);
    await ui.press('g');
    await ui.waitForFrame(/line 1 of 50$/m);
    await ui.press(':');
    await ui.waitForFrame('line: ');
    // Letters in the field are text: q does not leave.
    await ui.press('q');
    await ui.press('\u007f');
    await ui.press('42');
    await ui.press(keys.enter);
    await ui.waitForFrame(/line 42 of 50$/m);
    expect(rows(ui)[2]).toMatch(/^42 {2}id-42 · 200/);
    await ui.press(':');
    await ui.press('99');
    await ui.press(keys.enter);
    // Past the end is the end, as in less, and the status says so.
    const frame = await ui.waitForFrame('Line 99 is past the end: the file has 50 lines; showing the last.');
    expect(frame).toMatch(/line 50 of 50$/m);
    expect(rows(ui)[11]).toBe('  assistant: answer 50');
    noJunk(ui);
  });

  it('q leaves; esc in a field closes the field only', async () => {
    const { ui, onLeave } = pager(many);
    await ui.waitForFrame('id-1');
    await ui.press('/');
    await ui.waitForFrame(/^\/▏text to find/m);
    await ui.press(keys.escape);
    await ui.waitForFrame((f) => !f.includes('text to find'));
    expect(onLeave).not.toHaveBeenCalled();
    await ui.press('q');
    expect(onLeave).toHaveBeenCalledTimes(1);
  });
});

describe('results pager: search and errors', () => {
  const fruit = [
    outputLine('a', 'Apple pie'),
    outputLine('b', 'banana'),
    expiredLine('c'),
    outputLine('d', 'APPLE tart'),
    outputLine('e', 'cherry'),
    httpErrorLine('f', 500, 'server_error', 'Oops'),
  ];

  it('"/apple⏎" and ":1⏎" typed as one chunk each search and jump', async () => {
    const { ui } = pager(fruit, { width: 80, height: 15 });
    await ui.waitForFrame('Apple pie');
    await ui.press('/apple\r');
    await ui.waitForFrame('"apple" at line 4 · n next, N previous');
    await ui.press(':1\r');
    await ui.waitForFrame(/line 1 of 6/);
  });

  it('/ finds text (any case) in the background; n and N go to the next and previous match', async () => {
    const { ui } = pager(fruit, { width: 80, height: 15 });
    await ui.waitForFrame('Apple pie');
    await ui.press('/');
    await ui.press('apple');
    await ui.press(keys.enter);
    let frame = await ui.waitForFrame('match 2 of 2 · "apple" at line 4 · n next, N previous');
    expect(frame).toMatch(/line 4 of 6$/m);
    expect(rows(ui)[2]).toMatch(/^4 {2}d · 200/);
    await ui.press('n');
    frame = await ui.waitForFrame('search wrapped to the top · match 1 of 2 · "apple" at line 1');
    expect(frame).toMatch(/line 1 of 6$/m);
    await ui.press('N');
    await ui.waitForFrame('search wrapped to the bottom · match 2 of 2 · "apple" at line 4');
    await ui.press('/');
    await ui.press('durian');
    await ui.press(keys.enter);
    frame = await ui.waitForFrame('"durian" is not in the file.');
    expect(frame).toMatch(/line 4 of 6$/m);
  });

  it('a message lasts until the next key: "not in the file" goes with it, the search stays for n', async () => {
    const { ui } = pager(fruit, { width: 80, height: 15 });
    await ui.waitForFrame('Apple pie');
    await ui.press('/durian\r');
    await ui.waitForFrame('"durian" is not in the file.');
    await ui.press('j');
    let frame = await ui.waitForFrame(/line 2 of 6$/m);
    expect(frame).not.toContain('durian');
    // The same rule for a found match, a notice and a jump's warning.
    await ui.press('/apple\r');
    await ui.waitForFrame('"apple" at line 4');
    await ui.press('v');
    frame = await ui.waitForFrame(/· raw/);
    expect(frame).not.toContain('"apple" at line');
    await ui.press('n');
    await ui.waitForFrame('search wrapped to the top · match 1 of 2 · "apple" at line 1');
    await ui.press(':99\r');
    await ui.waitForFrame('Line 99 is past the end');
    await ui.press('g');
    frame = await ui.waitForFrame(/line 1 of 6$/m);
    expect(frame).not.toContain('past the end');
    await ui.press('x');
    await ui.waitForFrame(/errors only/);
    await ui.press('x');
    await ui.waitForFrame('Showing every line.');
    await ui.press('k');
    frame = await ui.waitForFrame((f) => !f.includes('Showing every line.'));
    expect(frame.split('\n').at(-1)!.trim()).toBe('');
  });

  it('esc cancels a search that is still running (here: waiting for a download) instead of leaving', async () => {
    const { ui, onLeave } = pager(fruit, { complete: false });
    await ui.waitForFrame('Apple pie');
    await ui.press('/');
    await ui.press('kiwi');
    await ui.press(keys.enter);
    await ui.waitForFrame(/searching "kiwi"….* · esc cancels/);
    await ui.press(keys.escape);
    await ui.waitForFrame('Search for "kiwi" cancelled.');
    expect(onLeave).not.toHaveBeenCalled();
    expect(ui.onCommand).not.toHaveBeenCalledWith('back');
    // Now esc leaves.
    await ui.press(keys.escape);
    expect(onLeave).toHaveBeenCalledTimes(1);
  });

  it('E goes to the next error; x shows only the errors, with their count, and x again everything', async () => {
    const { ui } = pager(fruit, { width: 80, height: 15 });
    await ui.waitForFrame('Apple pie');
    await ui.press('E');
    await ui.waitForFrame(/line 3 of 6$/m);
    expect(rows(ui)[2]).toMatch(/^3 {2}c · ✗ batch_expired/);
    await ui.press('E');
    await ui.waitForFrame(/line 6 of 6$/m);
    await ui.press('E');
    await ui.waitForFrame('No error after line 6.');
    await ui.press('g');
    await ui.press('x');
    let frame = await ui.waitForFrame('errors only: 2 found (x: all)');
    expect(frame).toMatch(/error 1 of 2 · line 3$/m);
    const shown = rows(ui).filter((r) => /^\d+ {2}/.test(r));
    expect(shown.map((r) => r.split(' ')[0])).toEqual(['3', '6']);
    await ui.press('j');
    await ui.waitForFrame(/error 2 of 2 · line 6$/m);
    await ui.press('x');
    frame = await ui.waitForFrame('Showing every line.');
    expect(frame).toMatch(/line 6 of 6$/m);
  });
});

describe('results pager: save', () => {
  /** A pager on a real file in a fresh directory (saving copies it), showing its first record. */
  async function pagerOnAFile() {
    const cwd = tempDir('fizz-pager-save-');
    const { ui, document } = pager(answers, { cwd, name: 'file-xyz' });
    const source = join(cwd, 'source.jsonl');
    writeFileSync(source, answers.join('\n') + '\n');
    Object.assign(document, { path: source });
    await ui.waitForFrame('req-1');
    return { cwd, ui };
  }

  it('s asks for a path (name.jsonl in the last save directory), saves, then asks before overwriting: n keeps the file, y replaces it', async () => {
    const { cwd, ui } = await pagerOnAFile();
    await ui.press('s');
    // The proposed path is selected (brackets without colour): enter takes it.
    await ui.waitForFrame(`save to: [${cwd}/file-xyz.jsonl]`);
    await ui.press(keys.enter);
    const dest = join(cwd, 'file-xyz.jsonl');
    let frame = await ui.waitForFrame(`✓ saved`);
    expect(frame).toMatch(new RegExp(`✓ saved [\\d.]+ (B|KB) · 5 lines to ${dest.replace(/[/.]/g, '\\$&')}`));
    expect(readFileSync(dest, 'utf8')).toBe(answers.join('\n') + '\n');

    writeFileSync(dest, 'mine');
    await ui.press('s');
    await ui.waitForFrame('save to: ');
    await ui.press(keys.enter);
    frame = await ui.waitForFrame('exists — overwrite? y/N');
    expect(frame).toContain(dest);
    // enter is No.
    await ui.press(keys.enter);
    await ui.waitForFrame(`Save cancelled: nothing was written to ${dest}.`);
    expect(readFileSync(dest, 'utf8')).toBe('mine');

    await ui.press('s');
    await ui.waitForFrame('save to: ');
    await ui.press(keys.enter);
    await ui.waitForFrame('exists — overwrite? y/N');
    await ui.press('y');
    await ui.waitForFrame('✓ saved');
    expect(readFileSync(dest, 'utf8')).toBe(answers.join('\n') + '\n');
    // The next key clears the message.
    await ui.press('j');
    await ui.waitForFrame((f) => !f.includes('✓ saved'));
  });

  it('a path in a missing directory asks "Create …? y/N": n goes back to the path, y creates it and saves; the next save proposes it', async () => {
    const { cwd, ui } = await pagerOnAFile();
    const newDir = join(cwd, 'results', '2026');
    const dest = join(newDir, 'out.jsonl');
    await ui.press('s');
    await ui.waitForFrame(`save to: [${cwd}/file-xyz.jsonl]`);
    await ui.press(`${dest}\r`);
    await ui.waitForFrame(`Create ${newDir}? y/N`);
    // No (enter, n and esc alike) is the default: back to the path to choose another; nothing made.
    await ui.press('n');
    await ui.waitForFrame(`save to: [${dest}]`);
    expect(existsSync(join(cwd, 'results'))).toBe(false);
    await ui.press(keys.enter);
    await ui.waitForFrame(`Create ${newDir}? y/N`);
    await ui.press('y');
    await ui.waitForFrame(`✓ saved`);
    expect(readFileSync(dest, 'utf8')).toBe(answers.join('\n') + '\n');
    await ui.press('J');
    await ui.waitForFrame(`save joined to: [${newDir}/file-xyz-joined.jsonl]`);
  });

  it('a typed path replaces the default; a download still running is not saved', async () => {
    const cwd = tempDir('fizz-pager-save-');
    const { ui } = pager(answers, { cwd, complete: false });
    await ui.waitForFrame('req-1');
    await ui.press('s');
    await ui.waitForFrame(`save to: [${cwd}/batch_abc_output.jsonl]`);
    // Typed quickly, with enter in the same chunk (as over SSH): the text replaces the default.
    await ui.press('mine.jsonl\r');
    const frame = await ui.waitForFrame('✗ Not saved: the download is at');
    expect(frame).toContain('A partial file is never saved as the whole.');
    expect(existsSync(join(cwd, 'mine.jsonl'))).toBe(false);
  });

  it('a cursor key keeps the proposed path to edit; backspace clears it', async () => {
    const cwd = tempDir('fizz-pager-save-');
    const { ui } = pager(answers, { cwd });
    await ui.waitForFrame('req-1');
    await ui.press('s');
    await ui.waitForFrame(`save to: [${cwd}/batch_abc_output.jsonl]`);
    await ui.press(keys.left);
    await ui.press('x');
    await ui.waitForFrame(`save to: ${cwd}/batch_abc_output.jsonx▏l`);
    await ui.press(keys.escape);
    await ui.press('s');
    await ui.waitForFrame(`save to: [${cwd}/batch_abc_output.jsonl]`);
    await ui.press('\u007f');
    await ui.waitForFrame(/^save to: ▏$/m);
  });
});

describe('results pager: small terminals', () => {
  it('fits 60×15 and 80×24 without a row wider than the terminal', async () => {
    for (const [width, height] of [
      [60, 12],
      [80, 21],
    ] as const) {
      const { ui } = pager(answers, { input: requests, width, height });
      const frame = await ui.waitForFrame('user:');
      expect(frame.split('\n')).toHaveLength(height);
      for (const row of frame.split('\n')) expect(row.length).toBeLessThanOrEqual(width);
      expect(frame).toMatch(/^1 {2}req-1 · 200/m);
      ui.unmount();
    }
  });
});
