import type { Batch } from '../../api/index.js';
import type { ResultsSource } from '../../core/results/session.js';
import type { Command, Scope } from '../keys/keymap.js';

export type Route =
  | { name: 'list' }
  | { name: 'detail'; id: string; initial?: Batch }
  | { name: 'models' }
  | { name: 'new' }
  | { name: 'profiles' }
  | { name: 'setup' }
  /** `unavailable`: the screen's commands that did nothing on what it showed, left out of the help. */
  | { name: 'help'; scope: Scope; title: string; unavailable?: readonly Command[] }
  | { name: 'files' }
  /** The results pager on a job's output or error file, or on any uploaded file. */
  | { name: 'results'; source: ResultsSource };

export type NavAction = { type: 'push'; route: Route } | { type: 'back' } | { type: 'reset'; route: Route };

/** A stack of screens: enter pushes, q pops; the job list (or setup) is always at the bottom. */
export function navigate(stack: readonly Route[], action: NavAction): Route[] {
  switch (action.type) {
    case 'push': {
      const top = stack.at(-1);
      // Pressing m on the models screen, or ? on help, must not stack copies.
      if (top && top.name === action.route.name && action.route.name !== 'detail') return [...stack];
      return [...stack, action.route];
    }
    case 'back':
      return stack.length > 1 ? stack.slice(0, -1) : [...stack];
    case 'reset':
      return [action.route];
  }
}

export function scopeOf(route: Route): Scope {
  switch (route.name) {
    case 'list':
      return 'list';
    case 'detail':
      return 'detail';
    case 'models':
      return 'models';
    case 'new':
      return 'picker';
    case 'profiles':
    case 'setup':
      return 'profiles';
    case 'help':
      return 'help';
    case 'files':
      return 'files';
    case 'results':
      return 'results';
  }
}

export function titleOf(route: Route): string {
  switch (route.name) {
    case 'list':
      return 'Jobs';
    case 'detail':
      return 'Job';
    case 'models':
      return 'Models';
    case 'new':
      return 'New batch';
    case 'profiles':
      return 'Profiles';
    case 'setup':
      return 'Setup';
    case 'help':
      return 'Help';
    case 'files':
      return 'Files';
    case 'results':
      return 'Results';
  }
}
