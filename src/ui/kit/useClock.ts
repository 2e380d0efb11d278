import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';

/**
 * One shared clock for every relative time on screen. It ticks once a minute: a timer per row, or
 * one per second, would re-lay out the whole frame and send bytes over SSH for nothing.
 */
export class Clock {
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private current = Date.now();

  constructor(private readonly tickMs = 60_000) {}

  now = (): number => this.current;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (!this.timer) {
      this.timer = setInterval(() => this.tick(), this.tickMs);
      this.timer.unref?.();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  };

  /** Brings the clock forward now (after fresh data arrives, so "updated just now" is true). */
  tick(): void {
    this.current = Date.now();
    for (const listener of this.listeners) listener();
  }
}

export const ClockContext = createContext<Clock>(new Clock());

export function useNow(): number {
  const clock = useContext(ClockContext);
  return useSyncExternalStore(clock.subscribe, clock.now, clock.now);
}

/**
 * The shared clock, and while `counting` a finer one for a countdown on screen ("retrying in 40s"):
 * only while a retry is pending, so a console that is fine (or paused) wakes once a minute at most.
 * A render caused by fresh state (a failed poll) reads the true time too, so "last update 20s ago"
 * is right when it is first shown, not up to a minute behind.
 */
export function useCountdownNow(counting: boolean, stepMs = 5000): number {
  const shared = useNow();
  const [own, setOwn] = useState(() => Date.now());
  useEffect(() => {
    if (!counting) return undefined;
    setOwn(Date.now());
    const timer = setInterval(() => setOwn(Date.now()), stepMs);
    timer.unref?.();
    return () => clearInterval(timer);
  }, [counting, stepMs]);
  return Math.max(shared, counting ? own : 0, Date.now());
}
