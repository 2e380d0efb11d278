import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { Header } from './Header.js';
import { ScreenFrame } from './ScreenFrame.js';
import { useObservable } from '../kit/useObservable.js';
import { useResultsSessionsOf } from '../features/results/useResultsSession.js';
import type { Command, Unavailable } from '../keys/keymap.js';
import { JobDetailScreen } from '../features/job-detail/JobDetailScreen.js';
import { FilesScreen } from '../features/files/FilesScreen.js';
import { JobListScreen } from '../features/jobs/JobListScreen.js';
import { HelpScreen } from '../features/help/HelpScreen.js';
import { ModelsScreen } from '../features/models/ModelsScreen.js';
import { NewBatchScreen } from '../features/new-batch/NewBatchScreen.js';
import { ProfilesScreen } from '../features/profiles/ProfilesScreen.js';
import { ResultsScreen } from '../features/results/ResultsScreen.js';
import { SetupScreen } from '../features/profiles/SetupScreen.js';
import { useApp } from '../state/services-context.js';
import { NavigationContext, type Navigation } from '../state/nav-context.js';
import { navigate, scopeOf, titleOf, type Route } from '../state/navigation.js';
import type { ResultsSource } from '../../core/results/session.js';
import { QuitGuardContext, type QuitGuard, type QuitGuards } from '../state/quit-guard.js';

/** Picks the screen. Everything a screen shows comes from its own hooks. */
export function App() {
  const { session, exit } = useApp();
  const { services } = useObservable(session);
  const [stack, dispatch] = useReducer(navigate, [services ? { name: 'list' } : { name: 'setup' }] as Route[]);
  const route = stack.at(-1)!;
  // A pager keeps its download and position while its route is on the stack, and no longer.
  const pagers = useMemo(() => stack.flatMap((r) => (r.name === 'results' ? [r.source] : [])), [stack]);
  useResultsSessionsOf(pagers);

  // Setup finished (or a profile was switched): start again from the job list of the new connection.
  const previousServices = useRef(services);
  useEffect(() => {
    if (previousServices.current !== services) {
      previousServices.current = services;
      dispatch({ type: 'reset', route: services ? { name: 'list' } : { name: 'setup' } });
    }
  }, [services]);

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

  const onCommand = useCallback(
    (command: Command, unavailable: Unavailable) => {
      switch (command) {
        case 'forceQuit':
          if (quitGuard.current?.()) break;
          exit();
          break;
        case 'quit':
          exit();
          break;
        case 'back':
          if (stack.length > 1) nav.back();
          break;
        case 'help':
          if (route.name !== 'help')
            nav.push({ name: 'help', scope: scopeOf(route), title: titleOf(route), unavailable: [...unavailable] });
          break;
        case 'models':
          if (services) nav.push({ name: 'models' });
          break;
        case 'profiles':
          nav.push({ name: 'profiles' });
          break;
        case 'files':
          if (services) nav.push({ name: 'files' });
          break;
        default:
          break;
      }
    },
    [exit, nav, route, services, stack.length],
  );

  return (
    <ScreenFrame
      onCommand={onCommand}
      fallbackScope={scopeOf(route)}
      header={(width) => (
        <Header services={services} title={titleOf(route)} width={width} listInterval={route.name !== 'detail'} />
      )}
    >
      <NavigationContext.Provider value={nav}>
        <QuitGuardContext.Provider value={quitGuards}>
          <Screen route={route} />
        </QuitGuardContext.Provider>
      </NavigationContext.Provider>
    </ScreenFrame>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'list':
      return <JobListScreen />;
    case 'detail':
      return <JobDetailScreen key={route.id} id={route.id} {...(route.initial ? { initial: route.initial } : {})} />;
    case 'models':
      return <ModelsScreen />;
    case 'new':
      return <NewBatchScreen />;
    case 'profiles':
      return <ProfilesScreen />;
    case 'setup':
      return <SetupScreen />;
    case 'help':
      return <HelpScreen scope={route.scope} title={route.title} unavailable={route.unavailable ?? []} />;
    case 'files':
      return <FilesScreen />;
    case 'results':
      // Keyed by the file: o / e in the pager replace one file's pager with the other's.
      return <ResultsScreen key={sourceKey(route.source)} source={route.source} />;
  }
}

function sourceKey(source: ResultsSource): string {
  return source.kind === 'job' ? `${source.job.id}:${source.file}` : `file:${source.file.id}`;
}
