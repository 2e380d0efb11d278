import type { ReactElement } from 'react';
import { FilesScreen } from '../features/files/FilesScreen.js';
import { HelpScreen } from '../features/help/HelpScreen.js';
import { JobDetailScreen } from '../features/job-detail/JobDetailScreen.js';
import { JobListScreen } from '../features/jobs/JobListScreen.js';
import { ModelsScreen } from '../features/models/ModelsScreen.js';
import { NewBatchScreen } from '../features/new-batch/NewBatchScreen.js';
import { ProfilesScreen } from '../features/profiles/ProfilesScreen.js';
import { SetupScreen } from '../features/profiles/SetupScreen.js';
import { ResultsScreen } from '../features/results/ResultsScreen.js';
import type { Command, Scope } from '../keys/keymap.js';
import type { Route, RouteName } from '../state/navigation.js';

type RouteOf<N extends RouteName> = Extract<Route, { name: N }>;

/** Everything the shell knows about one kind of screen. */
export interface RouteSpec<N extends RouteName> {
  screen: (route: RouteOf<N>) => ReactElement;
  /** The keys the screen answers to: the footer's until the screen registers its own, and what help shows. */
  scope: Scope;
  /** The header's name for it, and the help's ("Keys on the Jobs screen"). */
  title: string;
  /** A global key that opens it from any screen (m, p, f). */
  openedBy?: { command: Command; route: RouteOf<N> };
  /** It talks to the server: its key does nothing while setup is needed. */
  needsConnection?: true;
  /** It polls at its own pace and says so in its body: the header does not give the job list's interval. */
  ownPace?: true;
}

/** The one table of screens: adding a screen is a route in navigation.ts, a row here, and its keys in the keymap. */
export const routes: { [N in RouteName]: RouteSpec<N> } = {
  list: { screen: () => <JobListScreen />, scope: 'list', title: 'Jobs' },
  detail: {
    screen: (route) => <JobDetailScreen id={route.id} {...(route.initial ? { initial: route.initial } : {})} />,
    scope: 'detail',
    title: 'Job',
    ownPace: true,
  },
  models: {
    screen: () => <ModelsScreen />,
    scope: 'models',
    title: 'Models',
    openedBy: { command: 'models', route: { name: 'models' } },
    needsConnection: true,
  },
  new: { screen: () => <NewBatchScreen />, scope: 'picker', title: 'New batch' },
  profiles: {
    screen: () => <ProfilesScreen />,
    scope: 'profiles',
    title: 'Profiles',
    openedBy: { command: 'profiles', route: { name: 'profiles' } },
  },
  setup: { screen: () => <SetupScreen />, scope: 'profiles', title: 'Setup' },
  help: {
    screen: (route) => <HelpScreen scope={route.scope} title={route.title} unavailable={route.unavailable ?? []} />,
    scope: 'help',
    title: 'Help',
  },
  files: {
    screen: () => <FilesScreen />,
    scope: 'files',
    title: 'Files',
    openedBy: { command: 'files', route: { name: 'files' } },
    needsConnection: true,
  },
  results: { screen: (route) => <ResultsScreen source={route.source} />, scope: 'results', title: 'Results' },
};

/** The row of a route, typed for any route (the table's rows are each typed by their own). */
export function specOf(route: Route): RouteSpec<RouteName> {
  return routes[route.name] as RouteSpec<RouteName>;
}

export function screenOf(route: Route): ReactElement {
  return (specOf(route).screen as (route: Route) => ReactElement)(route);
}

/** The route a global key opens (m, p, f), if any; with a connection or not. */
export function routeOpenedBy(command: Command, connected: boolean): Route | null {
  for (const spec of Object.values(routes) as Array<RouteSpec<RouteName>>) {
    if (spec.openedBy?.command === command && (connected || !spec.needsConnection)) return spec.openedBy.route;
  }
  return null;
}
