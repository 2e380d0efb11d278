import { createContext, useContext } from 'react';
import type { Services, Session } from '../../core/session.js';
import { useObservable } from '../kit/useObservable.js';
import type { Clipboard } from '../terminal/clipboard.js';
import type { Notifier } from '../terminal/notify.js';

export interface AppContextValue {
  session: Session;
  notifier: Notifier;
  /** `y` copies an id with it; absent where there is no terminal (the id is shown whole anyway). */
  clipboard?: Clipboard;
  /** Ends the app (restoring the terminal); `note` is printed after the screen is gone. */
  exit: (note?: string) => void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside <AppContext.Provider>');
  return value;
}

/** The services of the current connection, or null while setup is needed. */
export function useServices(): Services | null {
  const { session } = useApp();
  return useObservable(session).services;
}
