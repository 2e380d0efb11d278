import { createContext, useContext, useEffect, useRef } from 'react';

/**
 * ctrl-c quits from anywhere, but not silently while an upload runs. A screen with
 * work in flight installs a guard; the app calls it on ctrl-c. The guard returns true when it took
 * the key (it asks the user, who then quits or stays), false to let the app quit at once (a second
 * ctrl-c while the question is open).
 */
export type QuitGuard = () => boolean;

export interface QuitGuards {
  set: (guard: QuitGuard | null) => void;
}

export const QuitGuardContext = createContext<QuitGuards>({ set: () => {} });

/** Installs `guard` while it is not null (e.g. only while an upload runs). */
export function useQuitGuard(guard: QuitGuard | null): void {
  const guards = useContext(QuitGuardContext);
  const ref = useRef(guard);
  ref.current = guard;
  const active = guard !== null;
  useEffect(() => {
    if (!active) return undefined;
    guards.set(() => ref.current?.() ?? false);
    return () => guards.set(null);
  }, [guards, active]);
}
