import { useEffect, useState } from 'react';
import { openSourceSession, type OpeningState, type ResultsOpening } from '../../../core/results/session-open.js';
import type { ResultsSource } from '../../../core/results/session.js';
import { useServices } from '../../state/services-context.js';
import { useObservable } from '../../kit/useObservable.js';

/**
 * A pager outlives its screen while its route is on the stack: help, models or files pushed over
 * it unmount the screen, and coming back must find the same position, search and download — not
 * start the download again. The App releases the sessions of routes that left the stack
 * (releaseResultsSessions), and all of them when it closes.
 */
const live = new Map<ResultsSource, ResultsOpening>();

/** The session for a route's source: opened the first time, the same one after. Null without a connection. */
export function useResultsSession(source: ResultsSource): OpeningState | null {
  const services = useServices();
  const [opening] = useState(() => {
    if (!services) return null;
    let found = live.get(source);
    if (!found) {
      found = openSourceSession(source, { client: services.client, places: services.places });
      live.set(source, found);
    }
    return found;
  });
  return useObservable(opening ?? closed);
}

/** Closes the sessions whose route is no longer on the stack (all of them, given nothing). */
export function releaseResultsSessions(keep: readonly ResultsSource[] = []): void {
  for (const [source, opening] of live) {
    if (keep.includes(source)) continue;
    live.delete(source);
    void opening.dispose();
  }
}

/** Closes one session now: the user left its pager (q). */
export function releaseResultsSession(source: ResultsSource): void {
  const opening = live.get(source);
  if (!opening) return;
  live.delete(source);
  void opening.dispose();
}

const notConnected: OpeningState = { status: 'failed', error: new Error('Not connected: add a profile first (p).') };
const closed = { getState: () => notConnected, subscribe: () => () => {} };

/** For the App: keeps exactly the sessions of the routes on its stack, and closes all on unmount. */
export function useResultsSessionsOf(sources: readonly ResultsSource[]): void {
  useEffect(() => releaseResultsSessions(sources), [sources]);
  useEffect(() => () => releaseResultsSessions(), []);
}
