import { render } from 'ink';
import { redact } from '../api/index.js';
import type { Session } from '../core/session.js';
import { App } from './App.js';
import { Clock, ClockContext } from './hooks/useClock.js';
import { AppContext } from './services/context.js';
import { installLifecycle } from './terminal/lifecycle.js';
import { terminalNotifier, type NotifySettings } from './terminal/notify.js';
import { ThemeProvider } from './theme/context.js';
import { colorTheme, monoTheme } from './theme/theme.js';

export interface ConsoleOptions {
  session: Session;
  notifications: NotifySettings;
  color: boolean;
  altScreen: boolean;
}

/** Opens the full-screen console on a connected session and resolves with the exit code when it closes. */
export async function runConsole({ session, notifications, ...options }: ConsoleOptions): Promise<number> {
  const stdout = process.stdout;
  const stdin = process.stdin;
  const notifier = terminalNotifier((data) => stdout.write(data), notifications);
  const clock = new Clock();

  return await new Promise<number>((resolve) => {
    let removeLifecycle = () => {};
    const finish = (code: number, message?: string) => {
      removeLifecycle();
      session.dispose();
      if (message) process.stderr.write(`fizz-batch stopped: ${redact(message)}\n`);
      resolve(code);
    };
    const exit = () => {
      instance.unmount();
    };
    // Raw mode before the first frame: Ink turns it on only after mounting, and a ctrl-c typed
    // in between would arrive as SIGINT instead of as a key.
    stdin.setRawMode(true);
    const instance = render(
      <AppContext.Provider value={{ session, notifier, exit }}>
        <ThemeProvider theme={options.color ? colorTheme : monoTheme}>
          <ClockContext.Provider value={clock}>
            <App />
          </ClockContext.Provider>
        </ThemeProvider>
      </AppContext.Provider>,
      {
        stdout,
        stdin,
        exitOnCtrlC: false,
        patchConsole: false,
        alternateScreen: options.altScreen,
        incrementalRendering: true,
        maxFps: 10,
      },
    );
    removeLifecycle = installLifecycle({
      unmount: () => instance.unmount(),
      usedAltScreen: options.altScreen,
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
      (error: unknown) => finish(1, error instanceof Error ? error.message : String(error)),
    );
  });
}
