import { render } from 'ink';
import { redact } from '../api/index.js';
import { ConfigError, ConfigStore, emptyConfig, type Config, type ConnectionEnv, type ConnectionFlags } from '../config/index.js';
import { Session } from '../core/session.js';
import { App } from './App.js';
import { Clock, ClockContext } from './hooks/useClock.js';
import { AppContext } from './services/context.js';
import { installLifecycle } from './terminal/lifecycle.js';
import { terminalNotifier } from './terminal/notify.js';
import { ThemeProvider } from './theme/context.js';
import { colorTheme, monoTheme } from './theme/theme.js';

export interface ConsoleOptions {
  flags: ConnectionFlags;
  env: ConnectionEnv & { NO_COLOR?: string; FIZZ_CONFIG_DIR?: string };
  color: boolean;
  altScreen: boolean;
  /** The demo: a server of our own, nothing read from or written to the user's config. */
  demo?: { baseURL: string };
}

/** Opens the full-screen console and resolves with the exit code when it closes. */
export async function runConsole(options: ConsoleOptions): Promise<number> {
  const stdout = process.stdout;
  const stdin = process.stdin;
  if (!stdout.isTTY || !stdin.isTTY) {
    process.stderr.write('fizz-batch: the console needs a terminal. For scripts, see fizz-batch --help.\n');
    return 2;
  }

  let store: ConfigStore | null = null;
  let config: Config = emptyConfig();
  if (!options.demo) {
    try {
      store = new ConfigStore(options.env.FIZZ_CONFIG_DIR ? { dir: options.env.FIZZ_CONFIG_DIR } : {});
      config = store.load();
    } catch (error) {
      process.stderr.write(`fizz-batch: ${error instanceof ConfigError ? error.message : String(error)}\n`);
      return 1;
    }
  }

  const session = new Session({
    store,
    config,
    flags: options.demo ? { ...options.flags, baseURL: options.demo.baseURL } : options.flags,
    env: options.demo ? {} : options.env,
    ...(options.demo ? { label: 'demo' } : {}),
  });
  session.connect();

  const notifier = terminalNotifier((data) => stdout.write(data), config.notifications);
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
