import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, Pager, type Batch, type BatchClient, type Page } from '../../src/api/index.js';
import { emptyConfig } from '../../src/config/index.js';
import type { PollerState } from '../../src/core/poller.js';
import { Session } from '../../src/core/session.js';
import { freshness } from '../../src/ui/format/freshness.js';
import { fakeClient, makeBatch, renderApp } from '../support/ui.js';

// The header says how old the data is, and says "stale" in a word (the tests draw without colour,
// as NO_COLOR does) once it is not current: after a failed refresh, or overdue.

const now = 1_800_000_000_000;
const minute = 60_000;

function poll(patch: Partial<PollerState<unknown>>): PollerState<unknown> {
  return {
    data: ['job'],
    error: null,
    updatedAt: now,
    nextAt: now + 15_000,
    inFlight: false,
    paused: false,
    finished: false,
    consecutiveErrors: 0,
    halted: false,
    ...patch,
  };
}

describe('freshness in the header', () => {
  it('says "updated" while current and "stale" with the age and the retry once a refresh failed', () => {
    expect(freshness(poll({}), now + 2000, 15_000)).toMatchObject({
      text: '● updated just now',
      tone: 'success',
      stale: false,
    });
    expect(freshness(poll({ nextAt: now + 3 * minute + 15_000 }), now + 3 * minute, 2 * minute)).toMatchObject({
      text: '● updated 3m ago',
      stale: false,
    });
    const down = freshness(
      poll({ error: new Error('down'), nextAt: now + 14 * minute + 40_000, consecutiveErrors: 9 }),
      now + 14 * minute,
      15_000,
    );
    expect(`${down.text}${down.tail}`).toBe('⚠ stale · last update 14m ago · retrying in 40s');
    expect(down).toMatchObject({ tone: 'warning', stale: true });
  });

  it('calls data stale past about two refresh intervals even before a refresh fails, but not while paused', () => {
    expect(freshness(poll({ nextAt: null, inFlight: true }), now + 3 * minute, 15_000)).toMatchObject({
      text: '⚠ stale · last update 3m ago',
      tone: 'warning',
      stale: true,
    });
    expect(freshness(poll({ nextAt: null, paused: true }), now + 3 * minute, 15_000)).toMatchObject({
      text: '● updated 3m ago',
      tone: 'warning',
      stale: false,
    });
  });

  it('says when there is nothing at all, and when polling stopped on a refused key', () => {
    expect(freshness(poll({ data: undefined, updatedAt: null, error: new Error('down') }), now, 15_000)).toMatchObject({
      text: '✗ offline',
      tail: ' · retrying in 15s',
      tone: 'danger',
    });
    const refused = freshness(
      poll({ error: new Error('401'), halted: true, nextAt: null }),
      now + 2 * 3600_000,
      15_000,
    );
    expect(`${refused.text}${refused.tail}`).toBe('✗ key refused · last update 2h 00m ago · polling stopped');
  });
});

describe('what the console shows', () => {
  let session: Session | undefined;
  afterEach(() => {
    session?.dispose();
    session = undefined;
  });

  /** The console on a profile "work", against a server the test breaks after its first answer. */
  function brokenAfterFirstAnswer(failure: () => ApiError): Session {
    let calls = 0;
    const answer = async (): Promise<Page<Batch>> => {
      calls += 1;
      if (calls > 1) throw failure();
      return { items: [makeBatch({ id: 'batch_kept_row' })], hasMore: false, nextCursor: null };
    };
    const made = new Session({
      store: null,
      config: {
        ...emptyConfig(),
        profiles: [{ name: 'work', baseURL: 'http://127.0.0.1:9/v1', apiKey: 'sk-work-00000000' }],
        activeProfile: 'work',
      },
      flags: { refreshSeconds: 1 },
      env: {},
      createClient: (): BatchClient => fakeClient({ listBatches: answer, batchPager: () => new Pager<Batch>(answer) }),
    });
    made.connect();
    return made;
  }

  it('keeps the rows when the server goes away: the header says stale and when it retries, the row below says why', async () => {
    session = brokenAfterFirstAnswer(
      () =>
        new ApiError({
          kind: 'unreachable',
          message: 'Cannot reach http://127.0.0.1:9 (ECONNREFUSED).',
          code: 'ECONNREFUSED',
        }),
    );
    const ui = renderApp(session);
    const frame = await ui.waitForFrame((f) => f.split('\n')[0]!.includes('stale'));
    expect(frame.split('\n')[0]).toMatch(/⚠ stale · last update just now · retrying in \ds$/);
    expect(frame).toContain('kept_row');
    expect(frame).toContain('⚠ Cannot reach http://127.0.0.1:9 (ECONNREFUSED). · r retries now');
    ui.unmount();
  });

  it('a revoked key: the header says so, one message names the profile and points to p', async () => {
    session = brokenAfterFirstAnswer(
      () =>
        new ApiError({ kind: 'auth', status: 401, message: 'The server at 127.0.0.1:9 refused the API key (401).' }),
    );
    const ui = renderApp(session);
    const frame = await ui.waitForFrame('key refused');
    expect(frame.split('\n')[0]).toMatch(/✗ key refused · last update just now · polling stopped$/);
    expect(frame).toContain('kept_row');
    expect(frame).toContain(
      '✗ The key of profile "work" was refused (401): polling stopped. p profiles to fix it · r tries again',
    );
    ui.unmount();
  });
});
