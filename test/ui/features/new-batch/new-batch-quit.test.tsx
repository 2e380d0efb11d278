import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type Batch, type FileObject, type UploadOptions } from '../../../../src/api/index.js';
import { questions, tempDir, writeJsonl } from '../../../support/batch-files.js';
import { fakeSession, keys, makeBatch, renderApp } from '../../../support/ui.js';

const ctrlC = '\u0003';

/** An upload that reports a quarter and then waits until it is aborted. */
function hangingSession() {
  const state = { aborted: false };
  const session = fakeSession({
    uploadFile: (_path: string, opts: UploadOptions = {}) =>
      new Promise<FileObject>((_resolve, reject) => {
        opts.onProgress?.(1000, 4000);
        opts.signal?.addEventListener('abort', () => {
          state.aborted = true;
          reject(new ApiError({ kind: 'cancelled', message: 'The upload was cancelled.' }));
        });
      }),
  });
  return { session, state };
}

const uploaded = {
  id: 'file-held',
  bytes: 4000,
  createdAt: null,
  filename: 'good.jsonl',
  purpose: 'batch',
  status: 'processed',
  statusDetails: null,
  expiresAt: null,
} as FileObject;

/** An upload that reports a quarter and finishes when the test says; creates are counted. */
function controlledSession() {
  let finish: () => void = () => undefined;
  const createBatch = vi.fn(async (): Promise<Batch> =>
    makeBatch({ id: 'batch_held', status: 'validating', inputFileId: uploaded.id }),
  );
  const session = fakeSession({
    uploadFile: (_path: string, opts: UploadOptions = {}) =>
      new Promise<FileObject>((resolve) => {
        opts.onProgress?.(1000, 4000);
        finish = () => resolve(uploaded);
      }),
    createBatch,
    getBatch: async () => makeBatch({ id: 'batch_held', status: 'validating' }),
  });
  return { session, createBatch, finish: () => finish() };
}

const home = process.cwd();
beforeEach(() => {
  // The picker starts in the current directory, as `fizz-batch` run from a shell does.
  const dir = tempDir('fizz-quit-');
  writeJsonl(dir, 'good.jsonl', questions(2));
  process.chdir(dir);
});
afterEach(() => process.chdir(home));

async function startUpload(app: ReturnType<typeof renderApp>) {
  await app.waitForFrame('No batch jobs yet', 10_000);
  await app.press('n');
  await app.waitForFrame('good.jsonl', 10_000);
  await app.press(keys.enter);
  await app.waitForFrame('No problems found', 10_000);
  await app.press(keys.enter);
  await app.waitForFrame('Upload and create', 10_000);
  await app.press(keys.enter);
  await app.press(keys.enter);
  await app.waitForFrame('25%', 10_000);
}

/** Starts an upload, then ctrl-c: the question is on screen. */
async function askWhileUploading(app: ReturnType<typeof renderApp>) {
  await startUpload(app);
  await app.press(ctrlC);
  await app.waitForFrame('An upload is running. Quit?', 10_000);
}

describe('ctrl-c while an upload runs', () => {
  it('asks first; n keeps the upload going; y cancels it and quits', async () => {
    const { session, state } = hangingSession();
    const app = renderApp(session);
    await startUpload(app);

    await app.press(ctrlC);
    const asked = await app.waitForFrame('An upload is running. Quit?', 10_000);
    expect(asked).toMatch(/Quitting cancels the upload: the server keeps no file and no\W+batch is created\./);
    expect(app.exit).not.toHaveBeenCalled();
    await app.press('n');
    await app.waitForFrame('q/esc cancels', 10_000);
    expect(app.frame()).not.toContain('Quit?');
    expect(state.aborted).toBe(false);

    await app.press(ctrlC);
    await app.waitForFrame('An upload is running. Quit?', 10_000);
    await app.press('y');
    expect(app.exit).toHaveBeenCalledTimes(1);
    expect(state.aborted).toBe(true);
    session.dispose();
    app.unmount();
  });

  it('a second ctrl-c quits without another question', async () => {
    const { session } = hangingSession();
    const app = renderApp(session);
    await startUpload(app);
    await app.press(ctrlC);
    await app.waitForFrame('An upload is running. Quit?', 10_000);
    await app.press(ctrlC);
    expect(app.exit).toHaveBeenCalledTimes(1);
    session.dispose();
    app.unmount();
  });

  it('quits at once when nothing is being uploaded (the picker, the list)', async () => {
    const { session } = hangingSession();
    const app = renderApp(session);
    await app.waitForFrame('No batch jobs yet', 10_000);
    await app.press('n');
    await app.waitForFrame('good.jsonl', 10_000);
    await app.press(ctrlC);
    expect(app.exit).toHaveBeenCalledTimes(1);
    // q on the picker goes back to the list, where n is in the footer.
    await app.press('q');
    await app.waitForFrame('No batch jobs yet', 10_000);
    expect(app.frame()).toMatch(/n new batch/);
    session.dispose();
    app.unmount();
  });
});

describe('ctrl-c during an upload: nothing is created while the user decides', () => {
  it('the upload finishes while "Quit?" is open: no batch until the answer; n creates it', async () => {
    const { session, createBatch, finish } = controlledSession();
    const app = renderApp(session);
    await askWhileUploading(app);
    finish();
    const held = await app.waitForFrame('The file is uploaded. Quit?', 10_000);
    expect(held).toContain('✓ Uploaded as file-held');
    // The dialog wraps its text inside a border: read it as one line.
    expect(held.replace(/[│\s]+/g, ' ')).toContain(
      'Quitting creates no batch; the file file-held stays on the server. Staying creates the batch now.',
    );
    expect(createBatch).not.toHaveBeenCalled();

    await app.press('n');
    await app.waitForFrame((f) => !f.includes('Quit?'), 10_000);
    await vi.waitFor(() => expect(createBatch).toHaveBeenCalledTimes(1));
    expect(app.exit).not.toHaveBeenCalled();
    session.dispose();
    app.unmount();
  });

  it('y quits without creating the batch and leaves a note naming the uploaded file', async () => {
    const { session, createBatch, finish } = controlledSession();
    const app = renderApp(session);
    await askWhileUploading(app);
    finish();
    await app.waitForFrame('The file is uploaded. Quit?', 10_000);
    await app.press('y');
    expect(app.exit).toHaveBeenCalledTimes(1);
    expect(app.exit).toHaveBeenCalledWith(
      expect.stringMatching(/^The file was uploaded as file-held, but no batch was created/),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(createBatch).not.toHaveBeenCalled();
    session.dispose();
    app.unmount();
  });
});
