import { useState } from 'react';
import type { OpeningState } from '../../../core/results/session/open.js';
import type { ResultsSource } from '../../../core/results/session/state.js';
import { useServices } from '../../state/services-context.js';
import { useObservable } from '../../kit/useObservable.js';
import { keyLabel } from '../../keys/keymap.js';

/**
 * The session for a route's source: opened the first time, the same one after, while its route is
 * on the stack (the connection's OpenPagers keeps it; the App closes the pagers of routes that
 * left the stack). Null without a connection.
 */
export function useResultsSession(source: ResultsSource): OpeningState | null {
  const services = useServices();
  const [opening] = useState(() => services?.pagers.open(source) ?? null);
  return useObservable(opening ?? closed);
}

/** Closes the pager now: the user left it (q). */
export function useCloseResultsSession(): (source: ResultsSource) => void {
  const services = useServices();
  return (source) => services?.pagers.close(source);
}

const notConnected: OpeningState = {
  status: 'failed',
  error: new Error(`Not connected: add a profile first (${keyLabel('profiles', 'results')}).`),
};
const closed = { getState: () => notConnected, subscribe: () => () => {} };
