import { render } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type FileObject, type UploadOptions } from '../../src/api/index.js';
import type { Session } from '../../src/core/session.js';
import { App } from '../../src/ui/App.js';
import { Clock, ClockContext } from '../../src/ui/hooks/useClock.js';
import { AppContext } from '../../src/ui/services/context.js';
import { ThemeProvider } from '../../src/ui/theme/context.js';
import { monoTheme } from '../../src/ui/theme/theme.js';
import { questions, tempDir, writeJsonl } from '../support/batch-files.js';
import { fakeSession, keys, settle } from '../support/ui.js';

const ctrlC = '\u0003';

/** The whole app (its own dispatcher, navigation and quit guard), on a fake connection. */
function renderApp(session: Session) {
  const exit = vi.fn();
  const instance = render(
    <AppContext.Provider value={{ session, notifier: { notify: vi.fn() }, exit }}>
      <ThemeProvider theme={monoTheme}>
        <ClockContext.Provider value={new Clock()}>
          <App />
        </ClockContext.Provider>
      </ThemeProvider>
    </AppContext.Provider>,
  );
  const frame = () => instance.lastFrame() ?? '';
  return {
    ...instance,
    exit,
    frame,
    async press(input: string) {
      instance.stdin.write(input);
      if (input === keys.escape) await new Promise((resolve) => setTimeout(resolve, 40));
      await settle();
    },
    async waitFor(text: string, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await settle();
        if (frame().includes(text)) return frame();
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${text}; last frame:\n${frame()}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}

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

describe('ctrl-c while an upload runs', () => {
  const home = process.cwd();
  beforeEach(() => {
    // The picker starts in the current directory, as `fizz-batch` run from a shell does.
    const dir = tempDir('fizz-quit-');
    writeJsonl(dir, 'good.jsonl', questions(2));
    process.chdir(dir);
  });
  afterEach(() => process.chdir(home));

  async function startUpload(app: ReturnType<typeof renderApp>) {
    await app.waitFor('No batch jobs yet');
    await app.press('n');
    await app.waitFor('good.jsonl');
    await app.press(keys.enter);
    await app.waitFor('No problems found');
    await app.press(keys.enter);
    await app.waitFor('Upload and create');
    await app.press(keys.enter);
    await app.press(keys.enter);
    await app.waitFor('25%');
  }

  it('asks first; n keeps the upload going; y cancels it and quits', async () => {
    const { session, state } = hangingSession();
    const app = renderApp(session);
    await startUpload(app);

    await app.press(ctrlC);
    const asked = await app.waitFor('An upload is running. Quit?');
    expect(asked).toMatch(/Quitting cancels the upload: the server keeps no file and no\W+batch is created\./);
    expect(app.exit).not.toHaveBeenCalled();
    await app.press('n');
    await app.waitFor('q/esc cancels');
    expect(app.frame()).not.toContain('Quit?');
    expect(state.aborted).toBe(false);

    await app.press(ctrlC);
    await app.waitFor('An upload is running. Quit?');
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
    await app.waitFor('An upload is running. Quit?');
    await app.press(ctrlC);
    expect(app.exit).toHaveBeenCalledTimes(1);
    session.dispose();
    app.unmount();
  });

  it('quits at once when nothing is being uploaded (the picker, the list)', async () => {
    const { session } = hangingSession();
    const app = renderApp(session);
    await app.waitFor('No batch jobs yet');
    await app.press('n');
    await app.waitFor('good.jsonl');
    await app.press(ctrlC);
    expect(app.exit).toHaveBeenCalledTimes(1);
    // q on the picker goes back to the list, where n is in the footer.
    await app.press('q');
    await app.waitFor('No batch jobs yet');
    expect(app.frame()).toMatch(/n new batch/);
    session.dispose();
    app.unmount();
  });
});
