import { createContext, useContext } from 'react';
import type { Route } from './navigation.js';

export interface Navigation {
  push: (route: Route) => void;
  back: () => void;
  reset: (route: Route) => void;
}

export const NavigationContext = createContext<Navigation>({ push: () => {}, back: () => {}, reset: () => {} });

export function useNavigation(): Navigation {
  return useContext(NavigationContext);
}
