import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiError,
  createBatchClient,
  type BatchClient,
  type FileObject,
  type UploadOptions,
} from '../../../../src/api/index.js';
import { emptyConfig, StateStore } from '../../../../src/config/index.js';
import { Session } from '../../../../src/core/session.js';
import { NewBatchScreen } from '../../../../src/ui/features/new-batch/NewBatchScreen.js';
import { chatRequest, questions, tempDir, writeJsonl } from '../../../support/batch-files.js';
import { startTestServer, type TestServer } from '../../../support/server.js';
import { fakeClient, fakeSession, keys, makeBatch, renderApp, renderUi, serverSession } from '../../../support/ui.js';

type Ui = ReturnType<typeof renderUi>;

const backspace = '\u007f';

function selectedLine(frame: string): string {
  return frame.split('\n').find((line) => line.startsWith('›')) ?? '';
}

async function select(ui: Ui, name: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if (selectedLine(ui.frame()).includes(name)) return;
    await ui.press('j');
  }
  throw new Error(`${name} never got selected; last frame:\n${ui.frame()}`);
}

async function type(ui: Ui, text: string): Promise<void> {
  for (const ch of text) await ui.press(ch);
}

function noJunk(ui: Ui): void {
  for (const f of ui.frames) expect(f).not.toMatch(/undefined|NaN|Invalid Date|\[object /);
}

/** Every frame fits the body: no row wider, no more rows. */
function fits(ui: Ui, body: { width: number; height: number }): void {
  for (const f of ui.frames) {
    const rows = f.split('\n');
    expect(rows.length).toBeLessThanOrEqual(body.height);
    for (const row of rows) expect(row.trimEnd().length, row).toBeLessThanOrEqual(body.width);
  }
}

/** A directory with a good file, a bad one, a sub-directory and a file that is not a batch. */
function workspace(): string {
  const dir = tempDir('fizz-new-batch-');
  writeJsonl(dir, 'good.jsonl', questions(3));
  writeJsonl(dir, 'bad.jsonl', [
    chatRequest('a', 'one'),
    '{"custom_id": "b", "method": "POST"',
    chatRequest('a', 'again'),
    ...Array.from({ length: 8 }, (_, i) => ({
      custom_id: `m${i}`,
      method: 'POST',
      url: '/v1/chat/completions',
      body: { messages: [] },
    })),
  ]);
  mkdirSync(join(dir, 'sub'));
  writeJsonl(join(dir, 'sub'), 'inner.jsonl', questions(1));
  return dir;
}

describe('new batch on the built-in server', () => {
  let server: TestServer;
  let session: Session | undefined;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });
  afterEach(() => {
    session?.dispose();
    session = undefined;
  });

  function open(dir: string, body = { width: 100, height: 21 }) {
    session = serverSession(server.url);
    return renderUi(<NewBatchScreen cwd={dir} progressIntervalMs={0} />, { session, body, scope: 'picker' });
  }
  const client = (): BatchClient => createBatchClient({ baseURL: server.url, apiKey: null });

  it('picker → report → form → upload → the new job’s detail, which the list already has', async () => {
    const dir = workspace();
    const ui = open(dir);
    const picker = await ui.waitForFrame('good.jsonl');
    // Batch files first (with sizes and dates), then directories, then the way up.
    const order = ['bad.jsonl', 'good.jsonl', 'sub/', '..'].map((name) => picker.indexOf(name));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect(picker).toMatch(/good\.jsonl\s+\d+(\.\d)? (B|KB)\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(picker).toContain(`Pick a .jsonl file in ${dir}`);

    await select(ui, 'good.jsonl');
    await ui.press(keys.enter);
    const report = await ui.waitForFrame('No problems found');
    expect(report).toMatch(/Requests\s+3/);
    expect(report).toMatch(/Endpoint\s+\/v1\/chat\/completions/);
    expect(report).toMatch(/Model\s+fizzai\/Meta-Llama-3\.1-8B-Instruct-Turbo ×3/);
    expect(report).toMatch(/Input tokens\s+~\d+/);

    await ui.press(keys.enter);
    const form = await ui.waitForFrame('Upload and create the batch');
    expect(form).toMatch(/Endpoint\s+\/v1\/chat\/completions \(from the file\)/);
    expect(form).toMatch(/Window\s+\[24h\]/);
    await type(ui, 'nightly eval');
    await ui.waitForFrame('nightly eval');
    await ui.press(keys.enter); // description → the button
    await ui.waitForFrame('› [ Upload and create the batch ]');
    const filesBefore = (await client().listFiles()).items.length;
    await ui.press(keys.enter);

    await ui.waitForFrame(() => ui.nav.push.mock.calls.length > 0, 20_000);
    expect(ui.nav.back).toHaveBeenCalledTimes(1);
    const route = ui.nav.push.mock.calls[0]![0] as { name: string; id: string };
    expect(route).toMatchObject({ name: 'detail', initial: expect.objectContaining({ id: route.id }) });
    const batch = await client().getBatch(route.id);
    expect(batch.metadata).toEqual({ description: 'nightly eval' });
    expect(batch.completionWindow).toBe('24h');
    expect((await client().listFiles()).items.length).toBe(filesBefore + 1);
    // The upload showed its bytes; the list of the session has the job already.
    expect(ui.frames.some((f) => /Uploading good\.jsonl/.test(f))).toBe(true);
    expect(
      session!
        .getState()
        .services!.jobs.getState()
        .jobs.some((j) => j.id === route.id),
    ).toBe(true);
    noJunk(ui);
  });

  it('a bad file shows its problems grouped with line numbers and cannot go on; nothing is uploaded', async () => {
    const dir = workspace();
    const ui = open(dir);
    await ui.waitForFrame('bad.jsonl');
    const filesBefore = (await client().listFiles()).items.length;
    await select(ui, 'bad.jsonl');
    await ui.press(keys.enter);
    const report = await ui.waitForFrame('errors of 3 kinds');
    expect(report).toContain('✗ 10 errors of 3 kinds — nothing is uploaded');
    expect(report).toMatch(/Errors\s+10 — these block the upload/);
    expect(report).toMatch(/✗ Invalid JSON ×1\n\s+line 2: /);
    expect(report).toMatch(/✗ Duplicate custom_id ×1\n\s+line 3 \(custom_id\): .*line 1/);
    expect(report).toMatch(/✗ Missing body\.model ×8/);
    // The same mistake on several lines reads as one entry.
    expect(report).toContain('lines 4, 5, 6, 7, 8 (body.model): body.model is missing');
    expect(report).toContain('and 3 more');

    await ui.press(keys.enter);
    await ui.waitForFrame('Nothing is uploaded while the report has errors');
    expect(ui.frame()).not.toContain('Upload and create');
    expect((await client().listFiles()).items.length).toBe(filesBefore);

    // q: back to the picker, on the same file, to choose another.
    await ui.press('q');
    await ui.waitForFrame('Pick a .jsonl file');
    expect(selectedLine(ui.frame())).toContain('bad.jsonl');
    expect(ui.nav.back).not.toHaveBeenCalled();
    noJunk(ui);
  });

  it('walks into a directory and back up, types a path with tab completion, and q leaves', async () => {
    const dir = workspace();
    const ui = open(dir);
    await ui.waitForFrame('good.jsonl');
    await select(ui, 'sub/');
    await ui.press(keys.enter);
    // The directory's name and its listing can come in separate frames: wait for both.
    await ui.waitForFrame((f) => f.includes(`in ${join(dir, 'sub')}`) && f.includes('inner.jsonl'));
    await ui.press('h'); // ← / h: up a directory
    // Back up, the directory just left is selected again.
    await ui.waitForFrame((f) => f.includes(`in ${dir}\n`) && selectedLine(f).includes('sub/'));

    // The / that opens the field is the first character of the path; without it, a path is from the directory shown.
    await ui.press('/');
    await ui.waitForFrame(/^Path \/▏$/m);
    await ui.press(backspace);
    await type(ui, 'go');
    await ui.press(keys.tab);
    await ui.waitForFrame(/^Path good\.jsonl▏$/m);
    // Several matches: the common part, and the names to choose from.
    await ui.press('\u0015'); // ctrl-u
    await type(ui, `${dir}/`);
    await ui.press(keys.tab);
    await ui.waitForFrame('matches — type more, then tab');
    expect(ui.frame()).toMatch(/bad\.jsonl\n\s+good\.jsonl\n\s+sub\//);
    await type(ui, 'sub/inner.jsonl');
    await ui.press(keys.enter);
    await ui.waitForFrame('No problems found');
    expect(ui.frame()).toContain('inner.jsonl');

    // esc: back to the picker (in the file's directory), esc again leaves the screen.
    await ui.press(keys.escape);
    await ui.waitForFrame('Pick a .jsonl file');
    await ui.press('q');
    expect(ui.nav.back).toHaveBeenCalledTimes(1);
    noJunk(ui);
  });

  it('explains a typed path that does not exist and keeps the field open', async () => {
    const dir = workspace();
    const ui = open(dir);
    await ui.waitForFrame('good.jsonl');
    await ui.press('/');
    await ui.press(backspace);
    await type(ui, 'nope.jsonl');
    await ui.press(keys.enter);
    await ui.waitForFrame(`Cannot open ${dir}/nope.jsonl: no such file or directory.`);
    expect(ui.frame()).toContain('Path nope.jsonl');
  });

  it("offers the profile's completion windows (←→) and goes back by the Back button or esc", async () => {
    const dir = workspace();
    const config = {
      ...emptyConfig(),
      activeProfile: 'work',
      profiles: [{ name: 'work', baseURL: server.url, completionWindows: ['24h', '48h', '7d'] }],
    };
    session = new Session({ store: null, config, flags: {}, env: {} });
    session.connect();
    const ui = renderUi(<NewBatchScreen cwd={dir} />, { session, scope: 'picker' });
    await ui.waitForFrame('good.jsonl');
    await select(ui, 'good.jsonl');
    await ui.press(keys.enter);
    await ui.waitForFrame('No problems found');
    await ui.press(keys.enter);
    const form = await ui.waitForFrame('Upload and create');
    expect(form).toMatch(/Window\s+\[24h\] 48h {2}7d/);
    expect(form).toMatch(/› Description/);
    await ui.press(keys.up); // to the window
    await ui.press('\u001b[C'); // →
    await ui.waitForFrame(/Window\s+24h \[48h\] 7d/);
    // Down to Back: description, upload, back.
    await ui.press(keys.down);
    await ui.press(keys.down);
    await ui.press(keys.down);
    await ui.waitForFrame('› [ Back ]');
    await ui.press(keys.enter);
    await ui.waitForFrame('No problems found');
    // The form keeps what was chosen.
    await ui.press(keys.enter);
    await ui.waitForFrame(/Window\s+24h \[48h\] 7d/);
    await ui.press(keys.escape);
    await ui.waitForFrame('No problems found');
    noJunk(ui);
  });

  it('the form typed fast: a description and tabs in one chunk, then shift-tabs in one chunk', async () => {
    const dir = workspace();
    session = serverSession(server.url);
    const ui = renderUi(<NewBatchScreen cwd={dir} />, { session, scope: 'picker' });
    await ui.waitForFrame('good.jsonl');
    await select(ui, 'good.jsonl');
    await ui.press(keys.enter);
    await ui.waitForFrame('No problems found');
    await ui.press(keys.enter);
    await ui.waitForFrame(/› Description/);
    await ui.press('nightly run\t\t'); // typed into the description, then two fields on
    let frame = await ui.waitForFrame('› [ Back ]');
    expect(frame).toMatch(/Description\s+nightly run/);
    await ui.press('\u001b[Z\u001b[Z\u001b[Z'); // back, past Upload and the description, to the window
    frame = await ui.waitForFrame(/› Window/);
    expect(frame).toMatch(/Description\s+nightly run/);
  });

  it('enter on an empty path field closes it', async () => {
    const ui = open(workspace());
    await ui.waitForFrame('good.jsonl');
    await ui.press('/');
    await ui.waitForFrame('Path ');
    await ui.press('\u0015'); // ctrl-u
    await ui.press(keys.enter);
    await ui.waitForFrame('Pick a .jsonl file');
    expect(ui.frame()).not.toContain('Path ');
  });

  it('fits 60×15 (a 60×12 body) at every step', async () => {
    const dir = workspace();
    const body = { width: 60, height: 12 };
    const ui = open(dir, body);
    await ui.waitForFrame('good.jsonl');
    await select(ui, 'bad.jsonl');
    await ui.press(keys.enter);
    await ui.waitForFrame('nothing is uploaded');
    await ui.press(keys.pageDown);
    await ui.press('q');
    await select(ui, 'good.jsonl');
    await ui.press(keys.enter);
    await ui.waitForFrame('No problems found');
    await ui.press(keys.enter);
    await ui.waitForFrame('Upload and create');
    await ui.press(keys.down);
    await ui.press(keys.enter);
    await ui.waitForFrame(() => ui.nav.push.mock.calls.length > 0);
    expect(ui.frames.some((f) => f.includes('Uploading good.jsonl'))).toBe(true);
    fits(ui, body);
    noJunk(ui);
  });
});

/** A session whose upload reports 25% and then waits, until it is aborted. */
function hangingUpload(dir: string) {
  let aborted = false;
  const session = fakeSession({
    uploadFile: (_path: string, opts: UploadOptions = {}) =>
      new Promise<FileObject>((_resolve, reject) => {
        opts.onProgress?.(0, 4000);
        setTimeout(() => opts.onProgress?.(1000, 4000), 5);
        opts.signal?.addEventListener('abort', () => {
          aborted = true;
          reject(new ApiError({ kind: 'cancelled', message: 'The upload was cancelled.' }));
        });
      }),
  });
  writeJsonl(dir, 'good.jsonl', questions(2));
  return { session, wasAborted: () => aborted };
}

async function toUpload(ui: Ui): Promise<void> {
  await ui.waitForFrame('good.jsonl');
  await ui.press(keys.enter);
  await ui.waitForFrame('No problems found');
  await ui.press(keys.enter);
  await ui.waitForFrame('Upload and create');
  await ui.press(keys.enter);
  await ui.press(keys.enter);
  await ui.waitForFrame('25%');
}

describe('new batch: cancel and failures', () => {
  it('q during the upload cancels it: nothing was created, back on the form', async () => {
    const dir = tempDir('fizz-new-batch-');
    const { session, wasAborted } = hangingUpload(dir);
    const ui = renderUi(<NewBatchScreen cwd={dir} progressIntervalMs={0} />, { session, scope: 'picker' });
    await toUpload(ui);
    expect(ui.frame()).toMatch(/25%\s+1000 B of 3\.9 KB/);
    expect(ui.frame()).toContain('q/esc cancels');
    await ui.press('q');
    await ui.waitForFrame('Upload cancelled — nothing was created.');
    expect(ui.frame()).toContain('Upload and create the batch');
    expect(wasAborted()).toBe(true);
    session.dispose();
  });

  it('a failed upload shows the error; r tries again and the batch is created', async () => {
    const dir = tempDir('fizz-new-batch-');
    writeJsonl(dir, 'good.jsonl', questions(2));
    let uploads = 0;
    const file: FileObject = {
      id: 'file-new',
      bytes: 500,
      createdAt: 1,
      filename: 'good.jsonl',
      purpose: 'batch',
      status: 'processed',
      expiresAt: null,
    };
    const session = fakeSession({
      uploadFile: async () => {
        uploads += 1;
        if (uploads === 1)
          throw new ApiError({ kind: 'unreachable', message: 'Cannot reach 127.0.0.1:9: connection refused.' });
        return file;
      },
      createBatch: async (params) =>
        makeBatch({ id: 'batch_new', inputFileId: params.inputFileId, status: 'validating' }),
    });
    const ui = renderUi(<NewBatchScreen cwd={dir} progressIntervalMs={0} />, { session, scope: 'picker' });
    await ui.waitForFrame('good.jsonl');
    await ui.press(keys.enter);
    await ui.waitForFrame('No problems found');
    await ui.press(keys.enter);
    await ui.waitForFrame('Upload and create');
    await ui.press(keys.enter);
    await ui.press(keys.enter);
    const failed = await ui.waitForFrame('The upload failed');
    expect(failed).toContain('✗ The upload failed: Cannot reach 127.0.0.1:9: connection refused.');
    expect(failed).toContain('r tries again from the start');
    await ui.press('r');
    await ui.waitForFrame(() => ui.nav.push.mock.calls.length > 0);
    expect(uploads).toBe(2);
    expect(ui.nav.push).toHaveBeenCalledWith({
      name: 'detail',
      id: 'batch_new',
      initial: expect.objectContaining({ id: 'batch_new' }),
    });
    session.dispose();
  });
});

describe('the picker: a path means what it says; where it was is remembered; dot-files', () => {
  const sessions: Session[] = [];
  afterEach(() => {
    for (const s of sessions.splice(0)) s.dispose();
  });

  /** A session of a profile (its own places) on a fake client: picking and checking need no server. */
  function profileSession(profile: string, state: StateStore): Session {
    const config = {
      ...emptyConfig(),
      activeProfile: profile,
      profiles: [
        { name: 'work', baseURL: 'http://127.0.0.1:9/v1' },
        { name: 'other', baseURL: 'http://127.0.0.1:9/v1' },
      ],
    };
    const s = new Session({ store: null, config, flags: {}, env: {}, state, createClient: () => fakeClient({}) });
    s.connect();
    sessions.push(s);
    return s;
  }

  function picker(cwd: string, s: Session = profileSession('work', StateStore.inMemory())) {
    return renderUi(<NewBatchScreen cwd={cwd} progressIntervalMs={0} />, { session: s, scope: 'picker' });
  }

  it('an absolute path typed or pasted in one chunk right after the picker opens is that path, not one under the current directory', async () => {
    const cwd = workspace();
    const elsewhere = tempDir('fizz-elsewhere-');
    const path = writeJsonl(elsewhere, 'requests.jsonl', questions(4));
    const ui = picker(cwd);
    await ui.waitForFrame('good.jsonl');
    await ui.press(`${path}\r`);
    const report = await ui.waitForFrame('No problems found');
    expect(report).toMatch(/Requests\s+4/);
    expect(report).toContain(`requests.jsonl  (${elsewhere})`);
    expect(ui.frames.join('\n')).not.toContain('Cannot open');
  });

  it("the fizz.ai guide's own file: no word about its three models on fizz.ai, an error that keeps it from OpenAI", async () => {
    const guide = readFileSync(
      fileURLToPath(new URL('../../../fixtures/fizz-ai-guide/mybatchtest.jsonl', import.meta.url)),
    );
    const dir = tempDir('fizz-guide-pick-');
    writeFileSync(join(dir, 'mybatchtest.jsonl'), guide);
    const on = (baseURL: string) => {
      const config = { ...emptyConfig(), activeProfile: 'p', profiles: [{ name: 'p', baseURL }] };
      const s = new Session({ store: null, config, flags: {}, env: {}, createClient: () => fakeClient({}) });
      s.connect();
      sessions.push(s);
      return renderUi(<NewBatchScreen cwd={dir} progressIntervalMs={0} />, { session: s, scope: 'picker' });
    };

    const fizz = on('https://api.fizz.ai/v1');
    await fizz.waitForFrame('mybatchtest.jsonl');
    await fizz.press(keys.enter);
    const clean = await fizz.waitForFrame('No problems found');
    expect(clean).toMatch(/Models \(3\)/);
    expect(clean).not.toContain('Several models');

    const openai = on('https://api.openai.com/v1');
    await openai.waitForFrame('mybatchtest.jsonl');
    await openai.press(keys.enter);
    const refused = await openai.waitForFrame('Several models in one file');
    expect(refused).toMatch(/1 error/);
    expect(refused).toContain('one model per batch file');
  });

  it('a / typed fast after another key ("j/" in one chunk) still starts the path', async () => {
    const ui = picker(workspace());
    await ui.waitForFrame('good.jsonl');
    await ui.press('j/');
    await ui.waitForFrame(/^Path \/▏$/m);
  });

  it('the keys after that / in the same chunk ("j/t") are the path\'s, none lost', async () => {
    const ui = picker(workspace());
    await ui.waitForFrame('good.jsonl');
    await ui.press('j/t');
    await ui.waitForFrame(/^Path \/t▏$/m);
    await ui.press('mp');
    await ui.waitForFrame(/^Path \/tmp▏$/m);
  });

  it('~ starts a path from the home directory, typed key by key or in one chunk', async () => {
    const home = tempDir('fizz-home-');
    mkdirSync(join(home, 'batches'));
    writeJsonl(join(home, 'batches'), 'mine.jsonl', questions(2));
    const before = process.env.HOME;
    process.env.HOME = home;
    try {
      const ui = picker(workspace());
      await ui.waitForFrame('good.jsonl');
      await type(ui, '~/batches');
      await ui.waitForFrame(/^Path ~\/batches▏$/m);
      await ui.press(keys.enter);
      await ui.waitForFrame(`Pick a .jsonl file in ${join(home, 'batches')}`);
      await ui.waitForFrame('mine.jsonl');
      await ui.press('~/batches/mine.jsonl\r');
      await ui.waitForFrame(/Requests\s+2/);
    } finally {
      if (before === undefined) delete process.env.HOME;
      else process.env.HOME = before;
    }
  });

  it('a path pasted into the picker opens the field with it; a relative one is from the directory shown', async () => {
    const dir = workspace();
    const ui = picker(dir);
    await ui.waitForFrame('good.jsonl');
    await ui.press('\u001b[200~sub/inner.jsonl\u001b[201~');
    await ui.waitForFrame(/^Path sub\/inner\.jsonl▏$/m);
    await ui.press(keys.enter);
    const report = await ui.waitForFrame('No problems found');
    expect(report).toContain(`inner.jsonl  (${join(dir, 'sub')})`);
  });

  it('starts where it was last used on the profile (not on another); a directory since removed falls back to cwd, silently', async () => {
    const stateDir = tempDir('fizz-state-');
    const cwd = workspace();
    const store = StateStore.inDirectory(stateDir);
    const work = profileSession('work', store);
    let ui = picker(cwd, work);
    await ui.waitForFrame('good.jsonl');
    await select(ui, 'sub/');
    await ui.press(keys.enter);
    await ui.waitForFrame((f) => f.includes(`in ${join(cwd, 'sub')}`) && f.includes('inner.jsonl'));
    await ui.press('q');
    ui.unmount();

    ui = picker(cwd, work);
    await ui.waitForFrame((f) => f.includes(`Pick a .jsonl file in ${join(cwd, 'sub')}`) && f.includes('inner.jsonl'));
    await ui.press('q');
    ui.unmount();
    // Written to the state file, for the next run.
    await store.flush();
    expect(StateStore.inDirectory(stateDir).get('profile:work')).toEqual({ pickerDir: join(cwd, 'sub') });

    ui = picker(cwd, profileSession('other', store));
    await ui.waitForFrame((f) => f.includes(`Pick a .jsonl file in ${cwd}\n`) && f.includes('good.jsonl'));
    await ui.press('q');
    ui.unmount();

    rmSync(join(cwd, 'sub'), { recursive: true });
    ui = picker(cwd, work);
    const frame = await ui.waitForFrame(
      (f) => f.includes(`Pick a .jsonl file in ${cwd}\n`) && f.includes('good.jsonl'),
    );
    expect(frame).not.toContain('Cannot open');
  });

  it('. shows and hides dot-files; the footer and the help screen say so', async () => {
    const dir = workspace();
    writeJsonl(dir, '.secret.jsonl', questions(1));
    mkdirSync(join(dir, '.config'));
    // The picker starts in `dir`: where it was last used on this connection.
    const state = StateStore.inMemory();
    state.remember('host:127.0.0.1:9', { pickerDir: dir });
    const s = new Session({
      store: null,
      config: emptyConfig(),
      flags: { baseURL: 'http://127.0.0.1:9/v1' },
      env: {},
      state,
      createClient: () => fakeClient({}),
    });
    s.connect();
    sessions.push(s);
    const app = renderApp(s);
    await app.waitForFrame('No batch jobs yet');
    await app.press('n');
    let frame = await app.waitForFrame((f) => f.includes(`Pick a .jsonl file in ${dir}`) && f.includes('good.jsonl'));
    expect(frame).toContain('. dot-files');
    expect(frame).toContain('2 dot-files hidden');
    expect(frame).not.toContain('.secret.jsonl');
    await app.press('.');
    frame = await app.waitForFrame('.secret.jsonl');
    expect(frame).toContain('.config/');
    expect(frame).toContain('dot-files shown');
    await app.press('.');
    await app.waitForFrame((f) => !f.includes('.secret.jsonl') && f.includes('2 dot-files hidden'));
    await app.press('?');
    frame = await app.waitForFrame('show or hide dot-files');
    expect(frame).toMatch(/^\s*\.\s+show or hide dot-files/m);
  });
});
