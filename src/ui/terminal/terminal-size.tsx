import { useWindowSize } from 'ink';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { SettledTerminal, TerminalSize } from './settled-terminal.js';

const TerminalSizeContext = createContext<TerminalSize | null>(null);

/** Gives the UI the terminal's settled size (see settled-terminal.ts). */
export function TerminalSizeProvider({ terminal, children }: { terminal: SettledTerminal; children: ReactNode }) {
  const [size, setSize] = useState(terminal.size);
  useEffect(() => terminal.subscribe(setSize), [terminal]);
  return <TerminalSizeContext.Provider value={size}>{children}</TerminalSizeContext.Provider>;
}

/** The terminal's size, once resizes have settled; Ink's own where no provider is (a test renderer). */
export function useTerminalSize(): TerminalSize {
  const fromInk = useWindowSize();
  return useContext(TerminalSizeContext) ?? fromInk;
}
