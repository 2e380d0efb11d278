import { sanitizeLine } from '../../api/index.js';

/**
 * The one writer of the escape sequences the app itself sends (OSC 9 notifications, OSC 52
 * copies). Its payload is sanitized here, whatever the caller did: no ESC, BEL or C1 from a
 * server's or a file's text can end the sequence early or start one of its own.
 */
export function oscSequence(command: '9' | '52;c', payload: string, env: NodeJS.ProcessEnv = process.env): string {
  return toOuterTerminal(`\u001b]${command};${sanitizeLine(payload)}\u0007`, env);
}

/**
 * An escape sequence for the terminal the user sits at. Inside tmux it is wrapped in tmux's DCS
 * passthrough (its ESCs doubled), or tmux would swallow it; elsewhere it goes as it is.
 */
function toOuterTerminal(sequence: string, env: NodeJS.ProcessEnv): string {
  return env.TMUX ? `\u001bPtmux;${sequence.replaceAll('\u001b', '\u001b\u001b')}\u001b\\` : sequence;
}
