import { createContext, useContext, type ReactNode } from 'react';
import { colorTheme, type Theme } from './theme.js';

const ThemeContext = createContext<Theme>(colorTheme);

export function ThemeProvider({ theme, children }: { theme: Theme; children: ReactNode }) {
  return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
