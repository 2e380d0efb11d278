import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { Services } from '../../core/session.js';
import { Header } from './Header.js';
import { routeOpenedBy, screenOf, specOf } from './routes.js';
import { ScreenFrame } from './ScreenFrame.js';
import { useObservable } from '../kit/useObservable.js';
import type { AppCommandHandler } from '../keys/dispatcher.js';
import { useApp } from '../state/services-context.js';
import { NavigationContext, type Navigation } from '../state/nav-context.js';
import { entryOf, navigate, type Route } from '../state/navigation.js';
import { ScreenMemoryContext } from '../state/screen-memory.js';
import { QuitGuardContext, type QuitGuard, type QuitGuards } from '../state/quit-guard.js';

/** Where a connection starts: its job list, or setup when there is nothing to connect to. */
function startOf(services: Services | null): Route {
  return services ? { name: 'list' } : { name: 'setup' };
}

/** The stack of screens and the keys no screen took; what each screen is comes from the route table (routes.tsx). */
export function App() {
  const { session, exit } = useApp();
  const { services } = useObservable(session);
  const [stack, dispatch] = useReducer(navigate, services, (first) => [entryOf(startOf(first))]);
  // Setup finished (or a profile was switched): start again from the job list of the new
  // connection, in this same render, so that no screen of the old stack meets the new connection.
  const [stackServices, setStackServices] = useState(services);
  if (stackServices !== services) {
    setStackServices(services);
    dispatch({ type: 'reset', route: startOf(services) });
  }
  const entry = stack.at(-1)!;
  const spec = specOf(entry.route);

  // A pager keeps its download and position while its route is on the stack, and no longer.
  const pagers = useMemo(() => stack.flatMap(({ route }) => (route.name === 'results' ? [route.source] : [])), [stack]);
  useEffect(() => services?.pagers.keepOnly(pagers), [services, pagers]);
  useEffect(() => () => services?.pagers.keepOnly([]), [services]);

  const nav = useMemo<Navigation>(
    () => ({
      push: (r) => dispatch({ type: 'push', route: r }),
      back: () => dispatch({ type: 'back' }),
      reset: (r) => dispatch({ type: 'reset', route: r }),
    }),
    [],
  );

  // A screen with an upload in flight asks before ctrl-c quits (see quit-guard.ts).
  const quitGuard = useRef<QuitGuard | null>(null);
  const quitGuards = useMemo<QuitGuards>(() => ({ set: (guard) => void (quitGuard.current = guard) }), []);

  const onCommand = useCallback<AppCommandHandler>(
    (command, from) => {
      switch (command) {
        case 'forceQuit':
          if (!quitGuard.current?.()) exit();
          return;
        case 'quit':
          exit();
          return;
        case 'back':
          if (stack.length > 1) nav.back();
          return;
        case 'help':
          // The keys of whatever has them now (a pager busy searching, the new batch's report), on this screen.
          if (entry.route.name !== 'help')
            nav.push({ name: 'help', scope: from.scope, title: spec.title, unavailable: [...from.unavailable] });
          return;
        default: {
          const opened = routeOpenedBy(command, services !== null);
          if (opened) nav.push(opened);
        }
      }
    },
    [exit, nav, entry, spec, services, stack.length],
  );

  return (
    <ScreenFrame
      onCommand={onCommand}
      fallbackScope={spec.scope}
      header={(width) => <Header services={services} title={spec.title} width={width} listInterval={!spec.ownPace} />}
    >
      <NavigationContext.Provider value={nav}>
        <QuitGuardContext.Provider value={quitGuards}>
          {/* Keyed by the entry: every screen on the stack is its own, with its own memory. */}
          <ScreenMemoryContext.Provider key={entry.id} value={entry.memory}>
            {screenOf(entry.route)}
          </ScreenMemoryContext.Provider>
        </QuitGuardContext.Provider>
      </NavigationContext.Provider>
    </ScreenFrame>
  );
}
