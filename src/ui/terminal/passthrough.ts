/**
 * An escape sequence for the terminal the user sits at. Inside tmux it is wrapped in tmux's DCS
 * passthrough (its ESCs doubled), or tmux would swallow it; elsewhere it goes as it is.
 */
export function toOuterTerminal(sequence: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.TMUX ? `\u001bPtmux;${sequence.replaceAll('\u001b', '\u001b\u001b')}\u001b\\` : sequence;
}
