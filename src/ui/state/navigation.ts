import type { Batch } from '../../api/index.js';
import type { ResultsSource } from '../../core/results/session/state.js';
import type { Command, Scope } from '../keys/keymap.js';
import { ScreenMemory } from './screen-memory.js';

/** Where a screen is; what each route shows, its keys and its title are in the App's route table (app/routes.tsx). */
export type Route =
  | { name: 'list' }
  | { name: 'detail'; id: string; initial?: Batch }
  | { name: 'models' }
  | { name: 'new' }
  | { name: 'profiles' }
  | { name: 'setup' }
  /** `unavailable`: the scope's commands that did nothing on what it showed, left out of the help. */
  | { name: 'help'; scope: Scope; title: string; unavailable?: readonly Command[] }
  | { name: 'files' }
  /** The results pager on a job's output or error file, or on any uploaded file. */
  | { name: 'results'; source: ResultsSource };

export type RouteName = Route['name'];

/** A screen on the stack: its route, and what it keeps while covered (see ScreenMemory). */
export interface RouteEntry {
  route: Route;
  memory: ScreenMemory;
  /** Tells entries apart: each is its own screen, mounted afresh (a pager replaced by another on the same file too). */
  id: number;
}

let entries = 0;

export function entryOf(route: Route): RouteEntry {
  entries += 1;
  return { route, memory: new ScreenMemory(), id: entries };
}

export type NavAction = { type: 'push'; route: Route } | { type: 'back' } | { type: 'reset'; route: Route };

/** A stack of screens: enter pushes, q pops; the job list (or setup) is always at the bottom. */
export function navigate(stack: readonly RouteEntry[], action: NavAction): RouteEntry[] {
  switch (action.type) {
    case 'push': {
      const top = stack.at(-1);
      // Pressing m on the models screen, or ? on help, must not stack copies.
      if (top && top.route.name === action.route.name && action.route.name !== 'detail') return [...stack];
      return [...stack, entryOf(action.route)];
    }
    case 'back':
      return stack.length > 1 ? stack.slice(0, -1) : [...stack];
    case 'reset':
      return [entryOf(action.route)];
  }
}
