import { createContext, useContext, useSyncExternalStore } from 'react';

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
