import { toOuterTerminal } from './passthrough.js';

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

export function terminalNotifier(write: (data: string) => void, settings: NotifySettings, env: NodeJS.ProcessEnv = process.env): Notifier {
  return {
    notify(message) {
      // Control characters in a job description must not end the escape sequence early.
      const text = [...message].map((ch) => (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f ? ' ' : ch)).join('').slice(0, 200);
      let out = '';
      if (settings.osc9) {
        out += toOuterTerminal(`\u001b]9;${text}\u0007`, env);
      }
      if (settings.bell) out += '\u0007';
      if (out) write(out);
    },
  };
}
