import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Poller } from '../../src/core/poller.js';

/** A load function the test resolves by hand, recording how many requests are in flight. */
function controllable<T>() {
  const pending: Array<{ resolve: (v: T) => void; reject: (e: unknown) => void }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let calls = 0;
  const load = () =>
    new Promise<T>((resolve, reject) => {
      calls += 1;
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      pending.push({
        resolve: (v) => {
          inFlight -= 1;
          resolve(v);
        },
        reject: (e) => {
          inFlight -= 1;
          reject(e);
        },
      });
    });
  return { load, pending, calls: () => calls, maxInFlight: () => maxInFlight };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

describe('Poller', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('loads at once, then every interval', async () => {
    const c = controllable<number>();
    const poller = new Poller({ load: c.load, intervalMs: 1000 });
    poller.start();
    c.pending.shift()!.resolve(1);
    await flush();
    expect(poller.getState()).toMatchObject({ data: 1, error: null, nextAt: 1_001_000 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(c.calls()).toBe(2);
    poller.dispose();
  });

  it('never sends two requests for the same thing: a refresh during a request waits for it', async () => {
    const c = controllable<number>();
    const poller = new Poller({ load: c.load, intervalMs: 1000 });
    poller.start();
    poller.refresh();
    poller.refresh();
    expect(c.calls()).toBe(1);
    c.pending.shift()!.resolve(1);
    await flush();
    expect(c.calls()).toBe(2);
    expect(c.maxInFlight()).toBe(1);
    poller.dispose();
  });

  it('backs off while the answer does not change, and speeds up again when it does', async () => {
    const c = controllable<number>();
    const poller = new Poller({ load: c.load, intervalMs: 1000, maxIdleIntervalMs: 4000 });
    poller.start();
    const gaps: number[] = [];
    let last = Date.now();
    for (let i = 0; i < 8; i++) {
      c.pending.shift()!.resolve(7);
      await flush();
      const next = poller.getState().nextAt!;
      gaps.push(next - last);
      last = next;
      await vi.advanceTimersByTimeAsync(next - Date.now());
    }
    expect(gaps[0]).toBe(1000);
    expect(Math.max(...gaps)).toBe(4000);
    c.pending.shift()!.resolve(8);
    await flush();
    expect(poller.getState().nextAt! - Date.now()).toBe(1000);
    poller.dispose();
  });

  it('keeps the last good data on failure, waits as long as retry-after says, and recovers', async () => {
    const c = controllable<string>();
    const poller = new Poller({ load: c.load, intervalMs: 1000 });
    poller.start();
    c.pending.shift()!.resolve('good');
    await flush();
    await vi.advanceTimersByTimeAsync(1000);
    c.pending.shift()!.reject(Object.assign(new Error('rate limited'), { retryAfterMs: 12_000 }));
    await flush();
    expect(poller.getState()).toMatchObject({ data: 'good', consecutiveErrors: 1 });
    expect((poller.getState().error as Error).message).toBe('rate limited');
    expect(poller.getState().nextAt! - Date.now()).toBe(12_000);
    await vi.advanceTimersByTimeAsync(12_000);
    c.pending.shift()!.resolve('better');
    await flush();
    expect(poller.getState()).toMatchObject({ data: 'better', error: null, consecutiveErrors: 0 });
    poller.dispose();
  });

  it('backs off exponentially on plain errors, up to the ceiling', async () => {
    const c = controllable<number>();
    const poller = new Poller({ load: c.load, intervalMs: 1000, maxErrorIntervalMs: 5000 });
    poller.start();
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      c.pending.shift()!.reject(new Error('down'));
      await flush();
      waits.push(poller.getState().nextAt! - Date.now());
      await vi.advanceTimersByTimeAsync(waits.at(-1)!);
    }
    expect(waits).toEqual([1000, 2000, 4000, 5000, 5000]);
    poller.dispose();
  });

  it('stops when the data is final, and pause stops the timer until resume', async () => {
    const c = controllable<string>();
    const poller = new Poller({ load: c.load, intervalMs: 1000, stopWhen: (s) => s === 'completed' });
    poller.start();
    c.pending.shift()!.resolve('completed');
    await flush();
    expect(poller.getState()).toMatchObject({ finished: true, nextAt: null });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(c.calls()).toBe(1);

    const d = controllable<number>();
    const paused = new Poller({ load: d.load, intervalMs: 1000 });
    paused.start();
    d.pending.shift()!.resolve(1);
    await flush();
    paused.pause();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(d.calls()).toBe(1);
    paused.resume();
    expect(d.calls()).toBe(2);
    poller.dispose();
    paused.dispose();
  });
});
