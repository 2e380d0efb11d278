import { Box } from 'ink';
import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import {
  classifyStatus,
  Pager,
  type Batch,
  type BatchClient,
  type FileObject,
  type Page,
} from '../../src/api/index.js';
import { emptyConfig } from '../../src/config/index.js';
import { Session } from '../../src/core/session.js';
import { App } from '../../src/ui/app/App.js';
import { ActiveFooter } from '../../src/ui/app/ScreenFrame.js';
import { Clock, ClockContext } from '../../src/ui/kit/useClock.js';
import { KeyDispatcher } from '../../src/ui/keys/dispatcher.js';
import type { Command, Scope } from '../../src/ui/keys/keymap.js';
import { AppContext } from '../../src/ui/state/services-context.js';
import { BodySizeContext, type BodySize } from '../../src/ui/state/layout.js';
import { NavigationContext, type Navigation } from '../../src/ui/state/nav-context.js';
import { ScreenMemory, ScreenMemoryContext } from '../../src/ui/state/screen-memory.js';
import type { Clipboard } from '../../src/ui/terminal/clipboard.js';
import type { Notifier } from '../../src/ui/terminal/notify.js';
import { ThemeProvider } from '../../src/ui/theme/context.js';
import { monoTheme } from '../../src/ui/theme/theme.js';

/**
 * Renders a screen or component inside every provider the console gives it (session, notifier,
 * theme without colour, clock, key dispatcher, body size, navigation), with spies for what it
 * sends upward. Keys go through `press`, which waits for the frame they cause.
 */
export interface UiOptions {
  session: Session;
  body?: BodySize;
  /** The scope that answers keys when nothing registered one (the App's fallback). */
  scope?: Scope;
  /** What `y` copies with; none by default, as where there is no terminal. */
  clipboard?: Clipboard;
  /** Draw the app's footer under the element, as the console does. */
  footer?: boolean;
  /** The route entry's memory (the App gives each screen its own): the same one twice is coming back to a screen. */
  memory?: ScreenMemory;
}

export function renderUi(element: ReactElement, options: UiOptions) {
  const notifier = { notify: vi.fn<(message: string) => void>() } satisfies Notifier;
  const onCommand = vi.fn<(command: Command) => void>();
  const exit = vi.fn<() => void>();
  const nav = { push: vi.fn(), back: vi.fn(), reset: vi.fn() } satisfies Navigation;
  const clock = new Clock();
  const body = options.body ?? { width: 100, height: 21 };
  const instance = render(
    <AppContext.Provider
      value={{
        session: options.session,
        notifier,
        exit,
        ...(options.clipboard ? { clipboard: options.clipboard } : {}),
      }}
    >
      <ThemeProvider theme={monoTheme}>
        <ClockContext.Provider value={clock}>
          <KeyDispatcher onCommand={onCommand} fallbackScope={options.scope ?? 'list'}>
            <NavigationContext.Provider value={nav}>
              <ScreenMemoryContext.Provider value={options.memory ?? new ScreenMemory()}>
                <BodySizeContext.Provider value={body}>
                  {options.footer ? (
                    <Box flexDirection="column">
                      {element}
                      <ActiveFooter fallback={options.scope ?? 'list'} width={body.width} />
                    </Box>
                  ) : (
                    element
                  )}
                </BodySizeContext.Provider>
              </ScreenMemoryContext.Provider>
            </NavigationContext.Provider>
          </KeyDispatcher>
        </ClockContext.Provider>
      </ThemeProvider>
    </AppContext.Provider>,
  );
  return { ...drive(instance), notifier, onCommand, exit, nav, clock };
}

/** The whole app (its own dispatcher, navigation and quit guard) on a session, driven by keys. */
export function renderApp(session: Session) {
  const exit = vi.fn<() => void>();
  const instance = render(
    <AppContext.Provider value={{ session, notifier: { notify: vi.fn() }, exit }}>
      <ThemeProvider theme={monoTheme}>
        <ClockContext.Provider value={new Clock()}>
          <App />
        </ClockContext.Provider>
      </ThemeProvider>
    </AppContext.Provider>,
  );
  return { ...drive(instance), exit };
}

/** Keys in, frames out: what every rendered test UI is driven by. */
function drive(instance: ReturnType<typeof render>) {
  const frame = () => instance.lastFrame() ?? '';
  return {
    ...instance,
    frame,
    /** Sends keys (e.g. 'y', keys.enter) and lets React and Ink paint the result. */
    async press(input: string) {
      instance.stdin.write(input);
      // Ink holds a lone Esc for 20 ms, in case it starts an escape sequence.
      if (input === keys.escape) await new Promise((resolve) => setTimeout(resolve, 40));
      await settle();
    },
    /** Waits until the frame passes `check` (a substring or a predicate); fails with the last frame. */
    async waitForFrame(check: string | RegExp | ((frame: string) => boolean), timeoutMs = 15_000) {
      const test =
        typeof check === 'function'
          ? check
          : (f: string) => (typeof check === 'string' ? f.includes(check) : check.test(f));
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await settle();
        const current = frame();
        if (test(current)) return current;
        if (Date.now() > deadline)
          throw new Error(`timed out after ${timeoutMs} ms waiting for ${String(check)}; last frame:\n${current}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}

/** Lets pending effects, renders and Ink's writes run. */
export async function settle(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setTimeout(resolve, 0));
  await new Promise((resolve) => setImmediate(resolve));
}

export const keys = {
  enter: '\r',
  escape: '\u001b',
  up: '\u001b[A',
  down: '\u001b[B',
  pageUp: '\u001b[5~',
  pageDown: '\u001b[6~',
  tab: '\t',
  left: '\u001b[D',
  right: '\u001b[C',
} as const;

/** A session on a real server (the built-in one), connected as `fizz-batch --base-url URL` would be. */
export function serverSession(baseURL: string): Session {
  const session = new Session({ store: null, config: emptyConfig(), flags: { baseURL }, env: {}, label: 'test' });
  session.connect();
  return session;
}

/** A session whose client is a fake: pass only the methods the test needs; the rest fail loudly. */
export function fakeSession(methods: Partial<BatchClient>): Session {
  const session = new Session({
    store: null,
    config: emptyConfig(),
    flags: { baseURL: 'http://127.0.0.1:9/v1' },
    env: {},
    label: 'test',
    createClient: () => fakeClient(methods),
  });
  session.connect();
  return session;
}

export function fakeClient(methods: Partial<BatchClient>): BatchClient {
  const emptyPage = async (): Promise<Page<Batch>> => ({ items: [], hasMore: false, nextCursor: null });
  const base: Partial<BatchClient> = {
    baseURL: 'http://127.0.0.1:9/v1',
    listBatches: emptyPage,
    batchPager: () => new Pager<Batch>(emptyPage),
  };
  const all: Partial<BatchClient> = { ...base, ...methods };
  // Files page like batches: a filePager over whatever listFiles the test gave (the files screen).
  if (!methods.filePager && methods.listFiles) {
    const listFiles = methods.listFiles;
    all.filePager = ({ maxPages, after, ...params } = {}) =>
      new Pager<FileObject>((cursor) => listFiles({ ...params, ...(cursor ? { after: cursor } : {}) }), {
        ...(maxPages ? { maxPages } : {}),
        ...(after ? { after } : {}),
      });
  }
  return new Proxy(all, {
    get(target, name) {
      if (name in target) return target[name as keyof BatchClient];
      if (name === 'then') return undefined;
      return () => Promise.reject(new Error(`fake client: ${String(name)} not implemented`));
    },
  }) as BatchClient;
}

/** A normalized Batch with sensible defaults, for fake clients. */
export function makeBatch(patch: Partial<Batch> = {}): Batch {
  const created = Math.floor(Date.now() / 1000) - 600;
  return {
    id: 'batch_test',
    endpoint: '/v1/chat/completions',
    model: null,
    status: 'in_progress',
    inputFileId: 'file-input',
    outputFileId: null,
    errorFileId: null,
    completionWindow: '24h',
    createdAt: created,
    inProgressAt: created + 5,
    expiresAt: created + 86_400,
    finalizingAt: null,
    completedAt: null,
    failedAt: null,
    expiredAt: null,
    cancellingAt: null,
    cancelledAt: null,
    requestCounts: { total: 10, completed: 4, failed: 1 },
    errors: [],
    metadata: {},
    usage: null,
    ...patch,
    statusClass: patch.statusClass ?? classifyStatus(patch.status ?? 'in_progress'),
  };
}
