import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Poller } from '../../src/core/poller.js';

/** A load that answers at once with whatever `next` holds, counting the requests. */
function answering<T>(first: T) {
  let next = first;
  let calls = 0;
  return {
    load: async () => {
      calls += 1;
      return next;
    },
    set: (value: T) => (next = value),
    calls: () => calls,
  };
}

const flush = () => vi.advanceTimersByTimeAsync(0);
const final = (s: string) => s === 'completed';

describe('Poller: no request that nobody needs', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('never asks for final data again: refresh is a no-op once finished, restart polls (a cancel)', async () => {
    const a = answering('completed');
    const poller = new Poller({ load: a.load, intervalMs: 1000, stopWhen: final });
    poller.start();
    await flush();
    expect(poller.getState().finished).toBe(true);
    poller.refresh();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(a.calls()).toBe(1);

    a.set('cancelling');
    poller.restart();
    await flush();
    expect(a.calls()).toBe(2);
    expect(poller.getState()).toMatchObject({ data: 'cancelling', finished: false });
    await vi.advanceTimersByTimeAsync(1000);
    expect(a.calls()).toBe(3);
    poller.dispose();
  });

  it('a restart asked for while a request is in flight still polls when that answer is final', async () => {
    let resolve: (value: string) => void = () => undefined;
    let calls = 0;
    const poller = new Poller({
      load: () =>
        new Promise<string>((r) => {
          calls += 1;
          resolve = r;
        }),
      intervalMs: 1000,
      stopWhen: final,
    });
    poller.start();
    poller.restart();
    resolve('completed');
    await flush();
    expect(calls).toBe(2);
    resolve('cancelling');
    await flush();
    expect(poller.getState().finished).toBe(false);
    poller.dispose();
  });

  it('startWith final data sends no request at all; other data starts polling', async () => {
    const a = answering('completed');
    const poller = new Poller({ load: a.load, intervalMs: 1000, stopWhen: final });
    poller.startWith('completed');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(a.calls()).toBe(0);
    expect(poller.getState()).toMatchObject({ data: 'completed', finished: true, nextAt: null });
    expect(poller.getState().updatedAt).not.toBeNull();

    const b = answering('in_progress');
    const running = new Poller({ load: b.load, intervalMs: 1000, stopWhen: final });
    running.startWith('in_progress');
    await flush();
    expect(b.calls()).toBe(1);
    poller.dispose();
    running.dispose();
  });

  it('while hidden waits the hidden interval; shown again it polls at once if its data is old', async () => {
    let n = 0;
    const poller = new Poller({ load: async () => ++n, intervalMs: 1000 });
    poller.start();
    await flush();
    expect(n).toBe(1);
    poller.setHidden(true);
    expect(poller.currentIntervalMs).toBe(60_000);
    expect(poller.getState().nextAt! - Date.now()).toBe(60_000);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(n).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(n).toBe(2);
    expect(poller.getState().nextAt! - Date.now()).toBe(60_000);

    // 5 s after the last answer: older than one interval, so shown again means a poll now.
    await vi.advanceTimersByTimeAsync(5000);
    poller.setHidden(false);
    await flush();
    expect(n).toBe(3);
    expect(poller.currentIntervalMs).toBe(1000);
    expect(poller.getState().nextAt! - Date.now()).toBe(1000);
    poller.dispose();
  });

  it('shown again with fresh data, the next poll comes one interval after the last answer', async () => {
    let n = 0;
    const poller = new Poller({ load: async () => ++n, intervalMs: 10_000, hiddenIntervalMs: (ms) => ms * 6 });
    poller.start();
    await flush();
    await vi.advanceTimersByTimeAsync(3000);
    poller.setHidden(true);
    expect(poller.getState().nextAt! - Date.now()).toBe(60_000);
    await vi.advanceTimersByTimeAsync(2000);
    poller.setHidden(false);
    expect(n).toBe(1);
    expect(poller.getState().nextAt! - Date.now()).toBe(5000);
    poller.dispose();
  });

  it('paused, it wakes no timer however long it waits, hidden or shown', async () => {
    let n = 0;
    const poller = new Poller({ load: async () => ++n, intervalMs: 1000 });
    poller.start();
    await flush();
    poller.pause();
    poller.setHidden(true);
    poller.setHidden(false);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(n).toBe(1);
    poller.dispose();
  });
});
