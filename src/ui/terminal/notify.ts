import { sanitizeLine } from '../../api/index.js';
import { oscSequence } from './passthrough.js';

/**
 * Tells the user a watched job ended, even when the terminal is in another tmux window or the
 * user is in another application: the bell, and an OSC 9 desktop notification (iTerm2, WezTerm,
 * kitty, Windows Terminal; passed through tmux when inside it).
 */
export interface Notifier {
  notify(message: string): void;
}

export interface NotifySettings {
  bell: boolean;
  osc9: boolean;
}

export function terminalNotifier(
  write: (data: string) => void,
  settings: NotifySettings,
  env: NodeJS.ProcessEnv = process.env,
): Notifier {
  return {
    notify(message) {
      // The message quotes a job's description: sanitized (C0, C1, bidi…), cut, and the writer
      // sanitizes the payload again, since a cut may leave half a surrogate pair.
      const text = sanitizeLine(message).slice(0, 200);
      let out = '';
      if (settings.osc9) out += oscSequence('9', text, env);
      if (settings.bell) out += '\u0007';
      if (out) write(out);
    },
  };
}
