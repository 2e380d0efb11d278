/** Anything with a state to read and a way to hear that it changed (the core's services). */
export interface Watchable<S> {
  getState(): S;
  subscribe(listener: () => void): () => void;
}

/**
 * The first state of `source` that passes `check`, now or later. The core's timers do not hold the
 * process open (a console must quit at once); while a command waits for a state, this does.
 */
export function whenState<S>(source: Watchable<S>, check: (state: S) => boolean): Promise<S> {
  const keepAlive = setInterval(() => undefined, 60_000);
  return new Promise((resolve) => {
    let unsubscribe: (() => void) | null = null;
    let settled = false;
    const test = () => {
      const state = source.getState();
      if (settled || !check(state)) return;
      settled = true;
      unsubscribe?.();
      clearInterval(keepAlive);
      resolve(state);
    };
    unsubscribe = source.subscribe(test);
    test();
  });
}
