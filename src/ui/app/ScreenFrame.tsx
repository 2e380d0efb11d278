import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { KeyDispatcher, useActiveKeys, type AppCommandHandler } from '../keys/dispatcher.js';
import { keyLabel, type Scope } from '../keys/keymap.js';
import { BodySizeContext, minColumns, minRows } from '../state/layout.js';
import { useTerminalSize } from '../terminal/terminal-size.js';
import { Footer } from './Footer.js';

export interface ScreenFrameProps {
  onCommand: AppCommandHandler;
  /** The scope whose keys the footer shows when no screen has registered one. */
  fallbackScope: Scope;
  /** The header line, drawn at the terminal's width. */
  header: (width: number) => ReactNode;
  children: ReactNode;
}

/**
 * The frame of every full-screen program here (the console, `view`): the header, the body with its
 * size in context, the footer of the keys that work now; one line when the terminal is too small.
 */
export function ScreenFrame({ onCommand, fallbackScope, header, children }: ScreenFrameProps) {
  const { columns, rows } = useTerminalSize();
  if (columns < minColumns || rows < minRows) {
    return (
      <KeyDispatcher onCommand={onCommand} fallbackScope={fallbackScope}>
        <Text wrap="truncate-end">
          Terminal too small: {columns}×{rows}, fizz-batch needs {minColumns}×{minRows}.{' '}
          {keyLabel('forceQuit', 'global')} quits.
        </Text>
      </KeyDispatcher>
    );
  }
  // Never as tall as the terminal: Ink then clears the whole screen on every frame (ink#935).
  const height = rows - 1;
  const body = { width: columns, height: height - 2 };
  return (
    <KeyDispatcher onCommand={onCommand} fallbackScope={fallbackScope}>
      <Box flexDirection="column" width={columns} height={height}>
        {header(columns)}
        <Box height={body.height} flexDirection="column" overflow="hidden">
          <BodySizeContext.Provider value={body}>{children}</BodySizeContext.Provider>
        </Box>
        <ActiveFooter fallback={fallbackScope} width={columns} />
      </Box>
    </KeyDispatcher>
  );
}

/** The footer of whichever screen or dialog answers keys now. */
export function ActiveFooter({ fallback, width }: { fallback: Scope; width: number }) {
  const active = useActiveKeys();
  return active ? (
    <Footer scope={active.scope} unavailable={active.unavailable} width={width} />
  ) : (
    <Footer scope={fallback} width={width} />
  );
}
