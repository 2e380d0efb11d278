import { Box, render, Text, useWindowSize } from 'ink';
import { useCallback } from 'react';
import { redact } from '../api/index.js';
import type { ResultsSession } from '../core/results/session.js';
import { Footer } from './components/Footer.js';
import { Header } from './components/Header.js';
import { ResultsPager } from './components/ResultsPager.js';
import { KeyDispatcher, useActiveScope } from './keys/dispatcher.js';
import type { Command, Scope } from './keys/keymap.js';
import { BodySizeContext, minColumns, minRows } from './state/layout.js';
import { installLifecycle } from './terminal/lifecycle.js';
import { ThemeProvider } from './theme/context.js';
import { colorTheme, monoTheme } from './theme/theme.js';

export interface ViewerOptions {
  session: ResultsSession;
  /** What the header names (the path as typed). */
  title: string;
  color: boolean;
  altScreen: boolean;
}

/**
 * `fizz-batch view FILE`: the results pager alone, without a profile or a server, in the same
 * frame as the console (header, footer, alternate screen, the terminal given back whatever
 * happens). Resolves with the exit code when it closes.
 */
export async function runViewer({ session, title, ...options }: ViewerOptions): Promise<number> {
  const stdout = process.stdout;
  const stdin = process.stdin;
  return await new Promise<number>((resolve) => {
    let removeLifecycle = () => {};
    const finish = (code: number, message?: string) => {
      removeLifecycle();
      void session.dispose();
      if (message) process.stderr.write(`fizz-batch stopped: ${redact(message)}\n`);
      resolve(code);
    };
    const exit = () => instance.unmount();
    // Raw mode before the first frame, so an early ctrl-c is a key and not SIGINT (see run.tsx).
    stdin.setRawMode(true);
    const instance = render(
      <ThemeProvider theme={options.color ? colorTheme : monoTheme}>
        <Viewer session={session} title={title} exit={exit} />
      </ThemeProvider>,
      { stdout, stdin, exitOnCtrlC: false, patchConsole: false, alternateScreen: options.altScreen, incrementalRendering: true, maxFps: 10 },
    );
    removeLifecycle = installLifecycle({
      unmount: () => instance.unmount(),
      usedAltScreen: options.altScreen,
      stdout,
      stdin,
      onExit: (code, message) => {
        finish(code, message);
        process.exit(code);
      },
    });
    instance.waitUntilExit().then(
      () => finish(0),
      (error: unknown) => finish(1, error instanceof Error ? error.message : String(error)),
    );
  });
}

/** The console's frame around the pager: header, body, footer; "too small" below 60×15. */
export function Viewer({ session, title, exit }: { session: ResultsSession; title: string; exit: () => void }) {
  const { columns, rows } = useWindowSize();
  // q and esc in the pager, and ctrl-c anywhere, end the program.
  const onCommand = useCallback(
    (command: Command) => {
      if (command === 'quit' || command === 'forceQuit') exit();
    },
    [exit],
  );
  const fallback: Scope = 'viewer';
  if (columns < minColumns || rows < minRows) {
    return (
      <KeyDispatcher onCommand={onCommand} fallbackScope={fallback}>
        <Text wrap="truncate-end">
          Terminal too small: {columns}×{rows}, fizz-batch needs {minColumns}×{minRows}. ctrl-c quits.
        </Text>
      </KeyDispatcher>
    );
  }
  // Never as tall as the terminal: Ink then clears the whole screen on every frame (ink#935).
  const height = rows - 1;
  const body = { width: columns, height: height - 2 };
  return (
    <KeyDispatcher onCommand={onCommand} fallbackScope={fallback}>
      <Box flexDirection="column" width={columns} height={height}>
        <Header services={null} title={title} width={columns} />
        <Box height={body.height} flexDirection="column" overflow="hidden">
          <BodySizeContext.Provider value={body}>
            <ResultsPager session={session} standalone onLeave={exit} />
          </BodySizeContext.Provider>
        </Box>
        <ViewerFooter width={columns} />
      </Box>
    </KeyDispatcher>
  );
}

function ViewerFooter({ width }: { width: number }) {
  const active = useActiveScope();
  return <Footer scope={active ?? 'viewer'} width={width} />;
}
