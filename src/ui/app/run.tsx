import type { Session } from '../../core/session.js';
import { App } from './App.js';
import { Clock, ClockContext } from '../kit/useClock.js';
import { AppContext } from '../state/services-context.js';
import { mountFullScreen } from './mount.js';
import { terminalClipboard } from '../terminal/clipboard.js';
import { terminalNotifier, type NotifySettings } from '../terminal/notify.js';

export interface ConsoleOptions {
  session: Session;
  notifications: NotifySettings;
  color: boolean;
  altScreen: boolean;
}

/** Opens the full-screen console on a connected session and resolves with the exit code when it closes. */
export function runConsole({ session, notifications, color, altScreen }: ConsoleOptions): Promise<number> {
  const notifier = terminalNotifier((data) => process.stdout.write(data), notifications);
  const clipboard = terminalClipboard((data) => process.stdout.write(data));
  const clock = new Clock();
  return mountFullScreen(
    (exit) => (
      <AppContext.Provider value={{ session, notifier, clipboard, exit }}>
        <ClockContext.Provider value={clock}>
          <App />
        </ClockContext.Provider>
      </AppContext.Provider>
    ),
    { color, altScreen, onFinish: () => session.dispose() },
  );
}
