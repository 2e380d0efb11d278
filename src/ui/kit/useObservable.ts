import { useSyncExternalStore } from 'react';

interface Readable<S> {
  getState: () => S;
  subscribe: (listener: () => void) => () => void;
}

/** Reads a service's state; the component re-renders when the service says it changed. */
export function useObservable<S>(source: Readable<S>): S {
  return useSyncExternalStore(source.subscribe, source.getState, source.getState);
}
