import { toOuterTerminal } from './passthrough.js';

/**
 * Puts text on the clipboard of the terminal the user sits at, even over SSH: an OSC 52 sequence
 * (xterm, iTerm2, kitty, WezTerm, Windows Terminal, tmux with set-clipboard on). Whether the
 * terminal honours it cannot be known, so callers also show the text whole.
 */
export interface Clipboard {
  copy(text: string): void;
}

/**
 * The OSC 52 sequence for `text`, wrapped for tmux when inside it. The text is base64-encoded, so
 * whatever a server put in an id cannot end the sequence or send one of its own.
 */
export function osc52(text: string, env: NodeJS.ProcessEnv = process.env): string {
  return toOuterTerminal(`\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`, env);
}

export function terminalClipboard(write: (data: string) => void, env: NodeJS.ProcessEnv = process.env): Clipboard {
  return { copy: (text) => write(osc52(text, env)) };
}
