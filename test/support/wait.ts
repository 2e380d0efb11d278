/** Polls until `check` returns a value that passes `done`, or fails with the last value seen. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs = 20_000, intervalMs = 50 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await check();
    if (done(last)) return last;
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(last)?.slice(0, 500)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Anything with a state and change notices: the core services (Observable) and the pager's session. */
export interface Watchable<S> {
  getState(): S;
  subscribe(listener: () => void): () => void;
}

/**
 * Resolves with the state once `check` passes, checked now and at every change (no polling); fails
 * after `timeoutMs` with the last state seen, described by `describe` (default: its JSON, cut).
 */
export function untilState<S>(
  source: Watchable<S>,
  check: (state: S) => boolean,
  {
    timeoutMs = 15_000,
    describe = (state: S) => JSON.stringify(state)?.slice(0, 300),
  }: { timeoutMs?: number; describe?: (state: S) => string | undefined } = {},
): Promise<S> {
  return new Promise((resolve, reject) => {
    if (check(source.getState())) return resolve(source.getState());
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`timed out after ${timeoutMs} ms; last state: ${describe(source.getState())}`));
    }, timeoutMs);
    const stop = source.subscribe(() => {
      if (!check(source.getState())) return;
      clearTimeout(timer);
      stop();
      resolve(source.getState());
    });
  });
}
