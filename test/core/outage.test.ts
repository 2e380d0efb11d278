import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, createBatchClient, Pager, type Batch, type BatchClient, type Page } from '../../src/api/index.js';
import { emptyConfig } from '../../src/config/index.js';
import { JobDetailService } from '../../src/core/jobs/job-detail.js';
import { JobListService } from '../../src/core/jobs/job-list.js';
import { Poller } from '../../src/core/poller.js';
import { Session } from '../../src/core/session.js';
import { fakeClient, makeBatch } from '../support/ui.js';
import { untilState } from '../support/wait.js';

// A console left open for hours meets a server that goes away and a key that is revoked. Polling
// must stay calm (no storm, no burst), keep what it had, and come back as soon as it can.

const minute = 60_000;
const hour = 60 * minute;
const flush = () => vi.advanceTimersByTimeAsync(0);

const down = () =>
  new ApiError({
    kind: 'unreachable',
    message: 'Cannot reach http://127.0.0.1:9 (ECONNREFUSED).',
    code: 'ECONNREFUSED',
  });
const revoked = () =>
  new ApiError({
    kind: 'auth',
    status: 401,
    message: 'The server at 127.0.0.1:9 refused the API key (401). Check the key of profile "work".',
  });

/** A server the test switches between answering and failing; it records when each request came. */
function switchableServer() {
  const server = { failure: null as (() => ApiError) | null, requests: [] as number[] };
  const jobs: Batch[] = [makeBatch({ id: 'batch_kept' })];
  const answer = async (): Promise<Page<Batch>> => {
    server.requests.push(Date.now());
    if (server.failure) throw server.failure();
    return { items: jobs, hasMore: false, nextCursor: null };
  };
  const client = fakeClient({
    listBatches: answer,
    batchPager: () => new Pager<Batch>(answer),
    getBatch: async (id: string) => {
      server.requests.push(Date.now());
      if (server.failure) throw server.failure();
      return jobs.find((j) => j.id === id) ?? makeBatch({ id });
    },
  });
  return { server, client };
}

/** The most requests that fall in any window of `windowMs`. */
function busiest(times: number[], windowMs: number): number {
  return Math.max(0, ...times.map((t) => times.filter((u) => u >= t && u < t + windowMs).length));
}

describe('the server is unreachable for an hour, then returns', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('backs off from the refresh interval to one request a minute, keeps the data, and recovers at once', async () => {
    const { server, client } = switchableServer();
    const list = new JobListService({ client, intervalMs: 15_000 });
    list.start();
    await flush();
    const loadedAt = Date.now();
    expect(list.getState().jobs.map((j) => j.id)).toEqual(['batch_kept']);

    server.failure = down;
    server.requests = [];
    await vi.advanceTimersByTimeAsync(hour);
    // Exponential from the 15 s interval (15, 30, 60), then one request a minute for the rest of the hour.
    const gaps = server.requests.slice(1).map((t, i) => t - server.requests[i]!);
    expect(gaps.slice(0, 4)).toEqual([15_000, 30_000, 60_000, 60_000]);
    expect(new Set(gaps.slice(2))).toEqual(new Set([minute]));
    expect(
      busiest(
        server.requests.filter((t) => t >= server.requests[0]! + 2 * minute),
        minute,
      ),
    ).toBe(1);
    expect(server.requests.length).toBeLessThanOrEqual(62);
    // The last data is still there, with when it arrived and when the next try comes.
    const { poll, jobs } = list.getState();
    expect(jobs.map((j) => j.id)).toEqual(['batch_kept']);
    expect(poll.updatedAt).toBe(loadedAt);
    expect(poll.error).toBeInstanceOf(ApiError);
    expect(poll.nextAt! - Date.now()).toBeLessThanOrEqual(minute);

    // The server answers again: within a minute (the capped wait), then the normal interval at once.
    server.failure = null;
    await vi.advanceTimersByTimeAsync(poll.nextAt! - Date.now());
    expect(list.getState().poll).toMatchObject({ error: null, consecutiveErrors: 0, updatedAt: Date.now() });
    expect(list.getState().poll.nextAt! - Date.now()).toBe(15_000);
    list.dispose();
  });

  it('a refresh slower than a minute is not polled faster while the server is down', async () => {
    const { server, client } = switchableServer();
    const list = new JobListService({ client, intervalMs: 5 * minute });
    list.start();
    await flush();
    server.failure = down;
    server.requests = [];
    await vi.advanceTimersByTimeAsync(hour);
    const gaps = server.requests.slice(1).map((t, i) => t - server.requests[i]!);
    expect(Math.min(...gaps)).toBe(5 * minute);
    list.dispose();
  });

  it('sends one request, not a burst, after a long event-loop stall or a clock jump', async () => {
    const { server, client } = switchableServer();
    const list = new JobListService({ client, intervalMs: 1000 });
    list.start();
    await flush();
    server.requests = [];
    // The machine sleeps for three hours: the wall clock jumps, the timers did not run meanwhile.
    vi.setSystemTime(Date.now() + 3 * hour);
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.requests.length).toBe(1);
    list.dispose();
  });
});

describe('a server that keeps failing, over real HTTP', () => {
  it('gets one request per refresh once a refresh has failed: the quick retries are for a first failure only', async () => {
    let requests = 0;
    let failing = false;
    const server = createServer((req, res) => {
      requests += 1;
      if (failing) {
        res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":{"message":"down for maintenance"}}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"object":"list","data":[],"has_more":false}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    const list = new JobListService({
      client: createBatchClient({ baseURL }),
      pollClient: createBatchClient({ baseURL, maxRetries: 0 }),
      intervalMs: 20,
      maxDeepRefresh: 0,
    });
    try {
      list.start();
      await untilState(list, (s) => s.poll.updatedAt !== null);
      failing = true;
      const before = requests;
      // The first failed refresh is the client's 3 tries (a blip it hides); then 1 per refresh.
      await untilState(list, (s) => s.poll.consecutiveErrors === 1, { timeoutMs: 10_000 });
      expect(requests - before).toBe(3);
      await untilState(list, (s) => s.poll.consecutiveErrors === 4, { timeoutMs: 10_000 });
      expect(requests - before).toBe(6);
    } finally {
      list.dispose();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('the API key is revoked while the console is open', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('the job list stops polling after the one refused request, keeps its rows, and r asks again', async () => {
    const { server, client } = switchableServer();
    const list = new JobListService({ client, intervalMs: 1000 });
    list.start();
    // Hours of answers.
    await vi.advanceTimersByTimeAsync(2 * hour);
    server.failure = revoked;
    server.requests = [];
    await vi.advanceTimersByTimeAsync(5 * hour);
    expect(server.requests.length).toBe(1);
    expect(list.getState().poll).toMatchObject({ halted: true, nextAt: null });
    expect(list.getState().jobs.map((j) => j.id)).toEqual(['batch_kept']);

    // r: one more request, and with the key fixed on the server polling is back.
    server.failure = null;
    list.refreshNow();
    await flush();
    expect(list.getState().poll).toMatchObject({ halted: false, error: null });
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.requests.length).toBe(3);
    list.dispose();
  });

  it("a job's detail in the console stops too; `watch` (no halt asked) keeps retrying, slowly", async () => {
    const { server, client } = switchableServer();
    const detail = new JobDetailService({ client, id: 'batch_kept', intervalMs: 1000, haltOnRefusedKey: true });
    const watch = new JobDetailService({ client, id: 'batch_kept', intervalMs: 1000 });
    detail.start();
    await flush();
    server.failure = revoked;
    server.requests = [];
    detail.refreshNow();
    await vi.advanceTimersByTimeAsync(hour);
    expect(server.requests.length).toBe(1);
    expect(detail.getState().poll.halted).toBe(true);
    detail.dispose();

    server.requests = [];
    watch.start();
    await vi.advanceTimersByTimeAsync(hour);
    expect(server.requests.length).toBeGreaterThan(1);
    expect(
      busiest(
        server.requests.filter((t) => t >= server.requests[0]! + 2 * minute),
        minute,
      ),
    ).toBe(1);
    watch.dispose();
  });

  it('polling resumes when the profile gets a new key', async () => {
    const keys: string[] = [];
    const session = new Session({
      store: null,
      config: {
        ...emptyConfig(),
        profiles: [{ name: 'work', baseURL: 'http://127.0.0.1:9/v1', apiKey: 'sk-revoked-000000' }],
        activeProfile: 'work',
      },
      flags: { refreshSeconds: 1 },
      env: {},
      createClient: (connection): BatchClient => {
        const key = connection.apiKey ?? '';
        const answer = async (): Promise<Page<Batch>> => {
          keys.push(key);
          if (key === 'sk-revoked-000000') throw revoked();
          return { items: [makeBatch({ id: 'batch_kept' })], hasMore: false, nextCursor: null };
        };
        return fakeClient({ listBatches: answer, batchPager: () => new Pager<Batch>(answer) });
      },
    });
    session.connect();
    await vi.advanceTimersByTimeAsync(hour);
    expect(keys).toEqual(['sk-revoked-000000']);
    expect(session.getState().services!.jobs.getState().poll.halted).toBe(true);

    expect(
      session.saveProfile({ name: 'work', baseURL: 'http://127.0.0.1:9/v1', apiKey: 'sk-fixed-1111111' }, 'work'),
    ).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(keys.filter((k) => k === 'sk-fixed-1111111').length).toBeGreaterThanOrEqual(5);
    expect(session.getState().services!.jobs.getState().poll).toMatchObject({ halted: false, error: null });
    session.dispose();
  });
});

describe('Poller', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('after failures, the first answer brings back the normal interval even when nothing changed', async () => {
    let failing = false;
    const poller = new Poller({
      load: async () => {
        if (failing) throw new Error('down');
        return 7;
      },
      intervalMs: 1000,
      maxIdleIntervalMs: 8000,
    });
    poller.start();
    // Unchanged answers have slowed it down.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(poller.getState().nextAt! - poller.getState().updatedAt!).toBe(8000);
    failing = true;
    await vi.advanceTimersByTimeAsync(poller.getState().nextAt! - Date.now());
    failing = false;
    await vi.advanceTimersByTimeAsync(poller.getState().nextAt! - Date.now());
    expect(poller.getState()).toMatchObject({ data: 7, error: null });
    expect(poller.getState().nextAt! - Date.now()).toBe(1000);
    poller.dispose();
  });
});
