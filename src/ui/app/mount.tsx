import { render } from 'ink';
import type { ReactElement } from 'react';
import { messageOf, redact } from '../../api/index.js';
import { ThemeProvider } from '../theme/context.js';
import { colorTheme, monoTheme } from '../theme/theme.js';
import { JobControl } from '../terminal/job-control.js';
import { installLifecycle } from '../terminal/lifecycle.js';
import { settledTerminal } from '../terminal/settled-terminal.js';
import { TerminalSizeProvider } from '../terminal/terminal-size.js';

const homeAndEraseScreen = '\u001b[H\u001b[2J';

export interface MountOptions {
  color: boolean;
  altScreen: boolean;
  /** Runs once when the program ends, however it ends (quit, signal, crash). */
  onFinish?: () => void;
}

/**
 * Runs a full-screen Ink program the way every one here runs: raw mode before the first frame,
 * incremental rendering at 10 frames a second, and the terminal given back on quit, signals and
 * crashes. `app` gets the function that ends it. Resolves with the exit code.
 */
export function mountFullScreen(
  app: (exit: (note?: string) => void) => ReactElement,
  { color, altScreen, onFinish }: MountOptions,
): Promise<number> {
  const stdout = process.stdout;
  const stdin = process.stdin;
  return new Promise<number>((resolve) => {
    let removeLifecycle = () => {};
    // What the user must know after quitting (e.g. a file left on the server): printed once the screen is gone.
    let note: string | undefined;
    const finish = (code: number, message?: string) => {
      removeLifecycle();
      terminal.dispose();
      onFinish?.();
      if (message) process.stderr.write(`fizz-batch stopped: ${redact(message)}\n`);
      else if (note) process.stderr.write(`${redact(note)}\n`);
      resolve(code);
    };
    const exit = (last?: string) => {
      note = last;
      instance.unmount();
    };
    // Raw mode before the first frame: Ink turns it on only after mounting, and a ctrl-c typed
    // in between would arrive as SIGINT instead of as a key.
    stdin.setRawMode(true);
    // Ink draws to the terminal's settled size: a burst of resizes is one repaint at its end,
    // drawn whole on a cleared screen (on the alternate screen nothing else is there to keep).
    const terminal = settledTerminal(stdout, {
      beforeChange: () => {
        instance.clear();
        if (altScreen) stdout.write(homeAndEraseScreen);
      },
    });
    const instance = render(
      <ThemeProvider theme={color ? colorTheme : monoTheme}>
        <TerminalSizeProvider terminal={terminal}>
          <JobControl>{app(exit)}</JobControl>
        </TerminalSizeProvider>
      </ThemeProvider>,
      {
        stdout: terminal.stream,
        stdin,
        exitOnCtrlC: false,
        patchConsole: false,
        alternateScreen: altScreen,
        incrementalRendering: true,
        maxFps: 10,
      },
    );
    removeLifecycle = installLifecycle({
      unmount: () => instance.unmount(),
      usedAltScreen: altScreen,
      stdout,
      stdin,
      onExit: (code, message) => {
        finish(code, message);
        // A signal or a crash ends the process; the normal path returns through main().
        process.exit(code);
      },
    });
    instance.waitUntilExit().then(
      () => finish(0),
      (error: unknown) => finish(1, messageOf(error)),
    );
  });
}
