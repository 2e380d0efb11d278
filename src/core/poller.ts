/**
 * Polls one thing (a job list, one job) outside React. One request at a time, never two for the
 * same thing; slows down while nothing changes and after errors (honouring a server's retry-after);
 * keeps the last good data when a poll fails, so the screen can show it as stale. One timer, set
 * again after each answer: a long event-loop stall or a clock jump fires it once, never a burst.
 * Data that stopWhen calls final is never asked for again, and while what it polls is not on
 * screen (setHidden) it polls at the slower hidden interval: a console left open for days spends
 * its requests, renders and memory only on what someone can see.
 */
export interface PollerState<T> {
  data: T | undefined;
  /** The last poll's failure; cleared by the next success. */
  error: unknown;
  /** When data last arrived (ms since epoch). */
  updatedAt: number | null;
  /** When the next poll is due (ms since epoch), or null when none is scheduled. */
  nextAt: number | null;
  inFlight: boolean;
  paused: boolean;
  /** Polling ended because stopWhen said the data is final. */
  finished: boolean;
  consecutiveErrors: number;
  /**
   * Polling stopped on an error that trying again cannot fix (a refused key): no request is sent
   * until refresh() (the user asks, or fixed what was wrong).
   */
  halted: boolean;
}

export interface PollerOptions<T> {
  /** `failing`: the last poll failed, so this one is a retry (the load may then skip quick retries of its own). */
  load: (signal: AbortSignal, failing: boolean) => Promise<T>;
  intervalMs: number;
  /** Interval ceiling while data keeps coming back unchanged (default: 4 × intervalMs). */
  maxIdleIntervalMs?: number;
  /** Ceiling for the wait after errors (default 60 s; never shorter than the interval itself). */
  maxErrorIntervalMs?: number;
  /** An error that another try cannot fix (a refused key): polling halts after this one request. */
  haltOn?: (error: unknown) => boolean;
  equals?: (a: T, b: T) => boolean;
  /** Stop polling once this holds (a job in a terminal status). */
  stopWhen?: (data: T) => boolean;
  /** The wait between polls while hidden (default: 4 × the interval, at least 60 s). */
  hiddenIntervalMs?: (intervalMs: number) => number;
  now?: () => number;
}

type Listener = () => void;

export class Poller<T> {
  private state: PollerState<T> = {
    data: undefined,
    error: null,
    updatedAt: null,
    nextAt: null,
    inFlight: false,
    paused: false,
    finished: false,
    consecutiveErrors: 0,
    halted: false,
  };
  private readonly listeners = new Set<Listener>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private controller: AbortController | null = null;
  private unchangedStreak = 0;
  private refreshQueued = false;
  /** The queued refresh was a restart: it polls even if the answer in flight turns out final. */
  private restartQueued = false;
  private disposed = false;
  private intervalMs: number;
  private hidden = false;

  constructor(private readonly options: PollerOptions<T>) {
    this.intervalMs = options.intervalMs;
  }

  getState = (): PollerState<T> => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Starts polling with an immediate first load. */
  start(): void {
    this.refresh();
  }

  /**
   * Polls now, or right after the request in flight. Restarts a halted poller (the user fixed what
   * was wrong), never a finished one: final data is not asked for again (see restart).
   */
  refresh(): void {
    if (this.state.finished || this.disposed) return;
    if (this.state.inFlight) {
      this.refreshQueued = true;
      return;
    }
    this.restart();
  }

  /** Polls now even when the data looked final (a cancel made a finished job move again). */
  restart(): void {
    if (this.disposed) return;
    if (this.state.inFlight) {
      this.refreshQueued = true;
      this.restartQueued = true;
      return;
    }
    this.unchangedStreak = 0;
    this.clearTimer();
    if (this.state.finished) this.update({ finished: false });
    void this.poll();
  }

  /**
   * Takes data known from elsewhere (a job the list already holds) as the first answer. When
   * stopWhen calls it final, no request is sent at all; otherwise polling starts as start() does.
   */
  startWith(data: T): void {
    if (this.disposed) return;
    if (!(this.options.stopWhen?.(data) ?? false)) {
      this.start();
      return;
    }
    this.clearTimer();
    this.update({ data, error: null, updatedAt: this.now(), nextAt: null, finished: true });
  }

  /**
   * Hidden: nobody sees the data, so the healthy wait becomes the hidden interval. Shown again:
   * data older than one interval is polled at once, else the next poll comes one interval after
   * the last answer.
   */
  setHidden(hidden: boolean): void {
    if (this.hidden === hidden || this.disposed) return;
    this.hidden = hidden;
    const { inFlight, paused, finished, halted, consecutiveErrors, updatedAt } = this.state;
    if (inFlight || paused || finished || halted || consecutiveErrors > 0) return;
    if (hidden) {
      this.schedule(this.idleInterval());
      return;
    }
    const age = updatedAt === null ? Infinity : this.now() - updatedAt;
    if (age >= this.intervalMs) this.refresh();
    else this.schedule(this.intervalMs - age);
  }

  /** The wait between healthy polls now: the interval, or the hidden one while hidden. */
  get currentIntervalMs(): number {
    return this.hidden ? this.hiddenInterval() : this.intervalMs;
  }

  setInterval(ms: number): void {
    this.intervalMs = ms;
    if (!this.state.inFlight && !this.state.paused && !this.state.finished && this.state.consecutiveErrors === 0)
      this.schedule(this.currentIntervalMs);
  }

  pause(): void {
    this.clearTimer();
    this.update({ paused: true, nextAt: null });
  }

  resume(): void {
    if (!this.state.paused) return;
    this.update({ paused: false });
    this.refresh();
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    this.controller?.abort();
    this.listeners.clear();
  }

  private async poll(): Promise<void> {
    const controller = new AbortController();
    this.controller = controller;
    this.update({ inFlight: true, nextAt: null });
    try {
      const data = await this.options.load(controller.signal, this.state.consecutiveErrors > 0);
      if (this.disposed) return;
      const previous = this.state.data;
      const unchanged = previous !== undefined && (this.options.equals ?? Object.is)(previous, data);
      this.unchangedStreak = unchanged ? this.unchangedStreak + 1 : 0;
      // Back from failures: the next poll comes after one interval, whatever the idle streak was.
      if (this.state.consecutiveErrors > 0) this.unchangedStreak = 0;
      const finished = this.options.stopWhen?.(data) ?? false;
      // The answer and the next poll's time in one change: listeners (a screen) hear of it once.
      this.schedule(finished ? null : this.idleInterval(), {
        data: unchanged ? previous : data,
        error: null,
        updatedAt: this.now(),
        inFlight: false,
        consecutiveErrors: 0,
        finished,
        halted: false,
      });
    } catch (error) {
      if (this.disposed) return;
      const consecutiveErrors = this.state.consecutiveErrors + 1;
      const halted = this.options.haltOn?.(error) ?? false;
      this.schedule(halted ? null : this.errorInterval(error, consecutiveErrors), {
        error,
        inFlight: false,
        consecutiveErrors,
        halted,
      });
    } finally {
      if (this.controller === controller) this.controller = null;
    }
    if (this.refreshQueued && !this.disposed) {
      const restart = this.restartQueued;
      this.refreshQueued = false;
      this.restartQueued = false;
      if (restart) this.restart();
      else this.refresh();
    }
  }

  /** Doubles the wait for every few unchanged answers, up to the ceiling; while hidden, the hidden interval. */
  private idleInterval(): number {
    if (this.hidden) return this.hiddenInterval();
    const ceiling = this.options.maxIdleIntervalMs ?? this.intervalMs * 4;
    const factor = 2 ** Math.floor(this.unchangedStreak / 3);
    return Math.min(ceiling, this.intervalMs * factor);
  }

  private hiddenInterval(): number {
    return this.options.hiddenIntervalMs?.(this.intervalMs) ?? Math.max(this.intervalMs * 4, 60_000);
  }

  /** From the interval, doubled per failure up to the ceiling: one request a minute while a server is down. */
  private errorInterval(error: unknown, attempts: number): number {
    // A refresh slower than the ceiling stays as slow: failing must not poll more often.
    const ceiling = Math.max(this.options.maxErrorIntervalMs ?? 60_000, this.intervalMs);
    const retryAfter = (error as { retryAfterMs?: unknown } | null)?.retryAfterMs;
    if (typeof retryAfter === 'number' && retryAfter > 0)
      return Math.min(Math.max(retryAfter, this.intervalMs), ceiling * 5);
    return Math.min(ceiling, this.intervalMs * 2 ** (attempts - 1));
  }

  /** Sets the next poll `ms` from now (none when null, paused or disposed), with `patch` in the same change. */
  private schedule(ms: number | null, patch: Partial<PollerState<T>> = {}): void {
    this.clearTimer();
    if (ms === null || this.state.paused || this.disposed) {
      if (Object.keys(patch).length > 0) this.update(patch);
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.poll();
    }, ms);
    this.timer.unref?.();
    this.update({ ...patch, nextAt: this.now() + ms });
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private update(patch: Partial<PollerState<T>>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
