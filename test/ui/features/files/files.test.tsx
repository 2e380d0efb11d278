import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError, createBatchClient, type FileObject, type Page } from '../../../../src/api/index.js';
import type { Session } from '../../../../src/core/session.js';
import { FilesScreen } from '../../../../src/ui/features/files/FilesScreen.js';
import { chatRequest, questions, tempDir, writeJsonl } from '../../../support/batch-files.js';
import { startTestServer, type TestServer } from '../../../support/server.js';
import { fakeSession, keys, renderUi, serverSession } from '../../../support/ui.js';

type Ui = ReturnType<typeof renderUi>;

/** The line of the frame with the selection marker. */
function selectedLine(frame: string): string {
  return frame.split('\n').find((line) => line.startsWith('›')) ?? '';
}

/** The selected row and the line below the table about it (which names the id at any width). */
function selectedText(frame: string): string {
  return selectedLine(frame) + (frame.split('\n').find((line) => /^file-[0-9a-f]+ · /.test(line)) ?? '');
}

/** Moves the selection from the top down until the selected row (or its line) names `text`. */
async function select(ui: Ui, text: string): Promise<void> {
  if (!selectedText(ui.frame()).includes(text)) await ui.press('g');
  for (let i = 0; i < 200; i++) {
    if (selectedText(ui.frame()).includes(text)) return;
    await ui.press('j');
  }
  throw new Error(`${text} never got selected; last frame:\n${ui.frame()}`);
}

function noJunk(ui: Ui): void {
  for (const f of ui.frames) expect(f).not.toMatch(/undefined|NaN|Invalid Date|\[object /);
}

describe('files screen on the demo server', () => {
  let server: TestServer;
  let session: Session | undefined;
  beforeAll(async () => {
    server = await startTestServer({ demoData: true });
  });
  afterAll(async () => {
    await server.close();
  });
  afterEach(() => {
    session?.dispose();
    session = undefined;
  });

  function open(body = { width: 100, height: 21 }) {
    session = serverSession(server.url);
    return renderUi(<FilesScreen />, { session, scope: 'files', body });
  }

  it('lists the uploaded files newest first: filename, purpose, size, age, id; the selected one in full', async () => {
    const ui = open();
    const frame = await ui.waitForFrame(/\d+ files on 127\.0\.0\.1/);
    expect(frame).toMatch(/filename\s+purpose\s+size\s+created\s+id/);
    const newest = [...server.store.listFiles()].sort((a, b) => b.createdMs - a.createdMs)[0]!;
    expect(selectedLine(frame)).toContain(newest.filename);
    expect(selectedLine(frame)).toContain(newest.id);
    await select(ui, 'docs-embeddings.jsonl');
    const embeddings = server.store.listFiles().find((f) => f.filename === 'docs-embeddings.jsonl')!;
    expect(selectedLine(ui.frame())).toMatch(
      new RegExp(`docs-embeddings\\.jsonl\\s+batch\\s+[\\d.]+ KB\\s+3d\\dh\\s+${embeddings.id}`),
    );
    await ui.waitForFrame('batch_output');
    // The selected file's line: id, exact size, local upload time, expiry.
    const created = new Date(embeddings.createdMs);
    const day = `${created.getFullYear()}-${String(created.getMonth() + 1).padStart(2, '0')}-${String(created.getDate()).padStart(2, '0')}`;
    expect(ui.frame()).toMatch(
      new RegExp(
        `${embeddings.id} · uploaded ${day} \\d\\d:\\d\\d:\\d\\d · expires in 2\\dd \\d+h · ${embeddings.bytes.toLocaleString('en-US')} bytes$`,
        'm',
      ),
    );
    for (const line of ui.frame().split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    noJunk(ui);
  });

  it('drops the id column at 60 columns and never wraps a row', async () => {
    const ui = open({ width: 60, height: 12 });
    const frame = await ui.waitForFrame(/\d+ files on/);
    expect(frame).toMatch(/filename\s+purpose\s+size\s+age$/m);
    expect(frame.split('\n')).toHaveLength(12);
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
    // 12 rows: status, titles, 8 files, the selected file's line, the paging line.
    const rows = frame.split('\n').filter((line) => /\s(batch|batch_output)\s+[\d.]+ (B|KB|MB)\s/.test(line));
    expect(rows).toHaveLength(8);
    // Long names are cut in the middle: the end tells an output file from an error file.
    expect(rows.some((line) => /batch_[0-9a-f]+…[0-9a-f]*_(output|error)\.jsonl/.test(line))).toBe(true);

    // The delete question fits too.
    const output = server.store.listFiles().find((f) => f.purpose === 'batch_output')!;
    await select(ui, output.id);
    await ui.press('d');
    const view = await ui.waitForFrame('Delete this file?');
    expect(view).toMatch(/File\s+batch_[0-9a-f]+…[0-9a-f]*_(output|error)\.jsonl/);
    for (const line of view.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
    await ui.press('n');
    await ui.waitForFrame((f) => !f.includes('Delete this file?'));
    noJunk(ui);
  });

  it('asks before deleting: n keeps the file, y deletes it', async () => {
    const ui = open();
    await ui.waitForFrame(/\d+ files on/);
    const target = server.store.listFiles().find((f) => f.purpose === 'batch_output')!;
    await select(ui, target.id);
    await ui.press('d');
    let frame = await ui.waitForFrame('Delete this file?');
    expect(frame).toContain(target.id);
    expect(frame).toContain('keep it (default)');
    await ui.press('n');
    frame = await ui.waitForFrame((f) => !f.includes('Delete this file?'));
    expect(selectedLine(frame)).toContain(target.id);
    expect(server.store.getFile(target.id)).toBeDefined();

    // enter is No too.
    await ui.press('d');
    await ui.waitForFrame('Delete this file?');
    await ui.press(keys.enter);
    await ui.waitForFrame((f) => !f.includes('Delete this file?'));
    expect(server.store.getFile(target.id)).toBeDefined();

    await ui.press('d');
    await ui.waitForFrame('Delete this file?');
    await ui.press('y');
    frame = await ui.waitForFrame(`Deleted ${target.id}: batch_`);
    expect(frame).not.toContain('Delete this file?');
    expect(server.store.getFile(target.id)).toBeUndefined();
    expect(frame.split('\n').filter((line) => line.includes(target.id))).toHaveLength(1); // only the notice
    // The server's list agrees.
    const listed = await createBatchClient({ baseURL: server.url }).listFiles({ limit: 1000 });
    expect(listed.items.map((f) => f.id)).not.toContain(target.id);
    noJunk(ui);
  });

  it('says so when the file was deleted already (404), and takes it off the list', async () => {
    const ui = open();
    await ui.waitForFrame(/\d+ files on/);
    const target = server.store.listFiles().find((f) => f.purpose === 'batch_output')!;
    await select(ui, target.id);
    await createBatchClient({ baseURL: server.url }).deleteFile(target.id);
    await ui.press('d');
    await ui.waitForFrame('Delete this file?');
    await ui.press('y');
    const frame = await ui.waitForFrame('Already deleted (the server no longer has it): batch_');
    expect(selectedLine(frame)).not.toContain(target.id);
    noJunk(ui);
  });

  it('b on a batch file creates a batch on it and opens its detail', async () => {
    const ui = open();
    await ui.waitForFrame(/\d+ files on/);
    const file = server.store.listFiles().find((f) => f.filename === 'docs-embeddings.jsonl')!;
    await select(ui, file.id);
    const before = server.store.listBatches().length;
    await ui.press('b');
    await ui.waitForFrame('New batch from docs-embeddings.jsonl');
    // The file's requests go to /v1/embeddings: the form starts there once it has looked.
    const frame = await ui.waitForFrame('as in the file');
    expect(frame).toContain('/v1/embeddings');
    expect(frame).toContain('[24h]');
    await ui.press(keys.enter); // endpoint → window
    await ui.press(keys.enter); // window → description
    for (const ch of 'rerun') await ui.press(ch);
    await ui.press(keys.enter); // description → Create
    await ui.press(keys.enter); // Create
    await vi.waitFor(() => expect(ui.nav.push).toHaveBeenCalled(), { timeout: 10_000 });
    const batches = server.store.listBatches();
    expect(batches).toHaveLength(before + 1);
    const created = batches.find((b) => b.inputFileId === file.id && b.metadata?.['description'] === 'rerun')!;
    expect(created).toBeDefined();
    expect(ui.nav.push).toHaveBeenCalledWith(expect.objectContaining({ name: 'detail', id: created.id }));
    // The job list has it at once.
    expect(
      session!
        .getState()
        .services!.jobs.getState()
        .jobs.some((j) => j.id === created.id),
    ).toBe(true);
    noJunk(ui);
  });

  it('esc leaves the batch form without creating anything; b on an output file explains', async () => {
    const ui = open();
    await ui.waitForFrame(/\d+ files on/);
    const before = server.store.listBatches().length;
    const input = server.store.listFiles().find((f) => f.filename === 'analyst-sql.jsonl')!;
    await select(ui, input.id);
    await ui.press('b');
    await ui.waitForFrame('New batch from analyst-sql.jsonl');
    await ui.waitForFrame('as in the file');
    await ui.press(keys.right); // another endpoint: a mismatch with the file is pointed out
    await ui.waitForFrame("! The file's requests go to /v1/chat/completions");
    await ui.press(keys.escape);
    await ui.waitForFrame(/\d+ files on/);
    expect(server.store.listBatches()).toHaveLength(before);

    const output = server.store.listFiles().find((f) => f.purpose === 'batch_output')!;
    await select(ui, output.id);
    await ui.press('b');
    await ui.waitForFrame('Only files with purpose batch can start a batch');
    expect(server.store.listBatches()).toHaveLength(before);
  });
});

describe('files screen: paging, long files', () => {
  let server: TestServer;
  let session: Session | undefined;
  beforeAll(async () => {
    server = await startTestServer();
    const client = createBatchClient({ baseURL: server.url });
    const dir = tempDir();
    // More than one page of 100, as the screen asks for.
    for (let i = 0; i < 105; i++) {
      const name = `small-${String(i).padStart(3, '0')}.jsonl`;
      await client.uploadFile(writeJsonl(dir, name, [chatRequest(`r${i}`, 'hi?')]));
    }
    await client.uploadFile(writeJsonl(dir, 'long.jsonl', questions(600)));
  });
  afterAll(async () => {
    await server.close();
  });
  afterEach(() => {
    session?.dispose();
    session = undefined;
  });

  it('loads the next page as the selection nears the end of what is loaded', async () => {
    session = serverSession(server.url);
    const ui = renderUi(<FilesScreen />, { session, scope: 'files', body: { width: 80, height: 14 } });
    let frame = await ui.waitForFrame('100 files so far');
    expect(frame).toContain('more load as you scroll');
    // Only the rows that fit are rendered: 10 of the 100.
    expect(frame.split('\n').filter((line) => /\.jsonl/.test(line))).toHaveLength(10);
    await ui.press('G');
    frame = await ui.waitForFrame('106 files on');
    expect(frame).toContain('end of list');
    await ui.press('G');
    frame = await ui.waitForFrame(/›\s+small-000\.jsonl/);
    expect(frame).toContain('106/106');
    await ui.press('g');
    await ui.waitForFrame(/›\s+long\.jsonl/);
    noJunk(ui);
  });

  it('pages with a small page size too, keeping the selection by id across a refresh', async () => {
    session = serverSession(server.url);
    const ui = renderUi(<FilesScreen pageSize={7} />, { session, scope: 'files', body: { width: 100, height: 14 } });
    // Ten rows fit: pages of 7 come in until the screen is full and a screenful more is ready.
    await ui.waitForFrame(/(14|21) files so far/);
    for (let i = 0; i < 13; i++) await ui.press('j');
    await ui.waitForFrame(/›\s+small-092\.jsonl/);
    let frame = await ui.waitForFrame(/(21|28) files so far/);
    const before = selectedLine(frame);
    // A new upload lands on top; the selection stays on the same file.
    await createBatchClient({ baseURL: server.url }).uploadFile(
      writeJsonl(tempDir(), 'newest.jsonl', [chatRequest('n', 'hi?')]),
    );
    await ui.press('r');
    frame = await ui.waitForFrame((f) => /\d+ files so far/.test(f) && selectedLine(f) === before);
    expect(frame).toMatch(/15\/\d+ · more load as you scroll/);
    await ui.press('g');
    await ui.waitForFrame(/›\s+newest\.jsonl/);
  });
});

describe('files screen without a server', () => {
  let session: Session | undefined;
  afterEach(() => {
    session?.dispose();
    session = undefined;
  });

  const file = (n: number, purpose = 'batch'): FileObject => ({
    id: `file-${n}`,
    bytes: 1234 * n,
    createdAt: Math.floor(Date.now() / 1000) - 3600 * n,
    filename: `file-${n}.jsonl`,
    purpose,
    status: null,
    expiresAt: null,
  });

  it('shows why the list could not be read, and r tries again', async () => {
    const listFiles = vi
      .fn<() => Promise<Page<FileObject>>>()
      .mockRejectedValueOnce(
        new ApiError({ kind: 'unreachable', message: 'Could not reach 127.0.0.1:9 (connection refused).' }),
      )
      .mockResolvedValue({ items: [file(1), file(2, 'batch_output')], hasMore: false, nextCursor: null });
    session = fakeSession({ listFiles });
    const ui = renderUi(<FilesScreen />, { session, scope: 'files' });
    let frame = await ui.waitForFrame('r retries');
    expect(frame).toContain('✗ Could not load the files: Could not reach 127.0.0.1:9 (connection refused).');
    expect(frame).toContain('No files to show yet.');
    await ui.press('r');
    frame = await ui.waitForFrame('2 files on');
    expect(frame).toContain('file-2.jsonl');
    expect(frame).not.toContain('✗');
    noJunk(ui);
  });

  it('keeps the files on screen, marked stale, when a refresh fails; says when there are none', async () => {
    const listFiles = vi
      .fn<() => Promise<Page<FileObject>>>()
      .mockResolvedValueOnce({ items: [file(1)], hasMore: false, nextCursor: null })
      .mockRejectedValueOnce(
        new ApiError({ kind: 'server', status: 503, message: 'The server answered 503 Service Unavailable.' }),
      )
      .mockResolvedValue({ items: [], hasMore: false, nextCursor: null });
    session = fakeSession({ listFiles });
    const ui = renderUi(<FilesScreen />, { session, scope: 'files' });
    await ui.waitForFrame('1 file on');
    await ui.press('r');
    const frame = await ui.waitForFrame('✗ stale: The server answered 503');
    expect(selectedLine(frame)).toContain('file-1.jsonl');
    await ui.press('r');
    await ui.waitForFrame('No uploaded files.');
  });

  it('shows a failed delete in the dialog, and y tries again', async () => {
    const deleteFile = vi
      .fn()
      .mockRejectedValueOnce(
        new ApiError({ kind: 'server', status: 500, message: 'The server answered 500 Internal Server Error.' }),
      )
      .mockResolvedValue({ id: 'file-1', deleted: true });
    session = fakeSession({
      listFiles: async () => ({ items: [file(1), file(2)], hasMore: false, nextCursor: null }),
      deleteFile,
    });
    const ui = renderUi(<FilesScreen />, { session, scope: 'files' });
    await ui.waitForFrame('2 files on');
    await ui.press('d');
    await ui.press('y');
    let frame = await ui.waitForFrame('✗ The server answered 500');
    expect(frame).toContain('try again');
    await ui.press('y');
    frame = await ui.waitForFrame('Deleted file-1: file-1.jsonl');
    expect(selectedLine(frame)).toContain('file-2.jsonl');
    expect(deleteFile).toHaveBeenCalledTimes(2);
  });

  it('a create whose answer was lost says the batch may exist, and stays on the form', async () => {
    const createBatch = vi
      .fn()
      .mockRejectedValue(new ApiError({ kind: 'timeout', message: 'No answer from 127.0.0.1:9 within 60s.' }));
    session = fakeSession({
      listFiles: async () => ({ items: [file(1)], hasMore: false, nextCursor: null }),
      createBatch,
      openContentStream: () => Promise.reject(new ApiError({ kind: 'not_found', message: 'No such file.' })),
    });
    const ui = renderUi(<FilesScreen />, { session, scope: 'files' });
    await ui.waitForFrame('1 file on');
    await ui.press('b');
    await ui.waitForFrame('New batch from file-1.jsonl');
    await ui.press(keys.tab + keys.tab + keys.tab);
    await ui.waitForFrame('› [ Create batch ]');
    await ui.press(keys.enter);
    const frame = await ui.waitForFrame('It may have been created anyway');
    expect(frame).toContain('New batch from file-1.jsonl');
    expect(createBatch).toHaveBeenCalledTimes(1);
    expect(createBatch).toHaveBeenCalledWith(
      expect.objectContaining({ inputFileId: 'file-1', endpoint: '/v1/chat/completions', completionWindow: '24h' }),
    );
    expect(ui.nav.push).not.toHaveBeenCalled();
  });
});
