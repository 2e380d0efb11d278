import { sanitizeLine } from '../../api/index.js';
import { oscSequence } from './passthrough.js';

/**
 * Puts text on the clipboard of the terminal the user sits at, even over SSH: an OSC 52 sequence
 * (xterm, iTerm2, kitty, WezTerm, Windows Terminal, tmux with set-clipboard on). Whether the
 * terminal honours it cannot be known, so callers also show the text whole.
 */
export interface Clipboard {
  copy(text: string): void;
}

/**
 * The OSC 52 sequence for `text`, wrapped for tmux when inside it. The text is sanitized first: a
 * control character on the clipboard would act when pasted into a shell or an editor.
 */
export function osc52(text: string, env: NodeJS.ProcessEnv = process.env): string {
  return oscSequence('52;c', Buffer.from(sanitizeLine(text), 'utf8').toString('base64'), env);
}

export function terminalClipboard(write: (data: string) => void, env: NodeJS.ProcessEnv = process.env): Clipboard {
  return { copy: (text) => write(osc52(text, env)) };
}
