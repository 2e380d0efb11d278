import { messageOf } from '../../api/message-of.js';

/**
 * Whatever happens — a signal, a crash, a dropped SSH link — the user's terminal is given back
 * as it was: main screen, cursor visible, no raw mode.
 */
const leaveAltScreen = '\u001b[?1049l';
const showCursor = '\u001b[?25h';
// Text fields turn on bracketed paste while a form is open; a shell prompt must not get the markers.
const endBracketedPaste = '\u001b[?2004l';

export interface LifecycleHooks {
  /** Unmounts the UI (Ink restores what it can). */
  unmount: () => void;
  usedAltScreen: boolean;
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  onExit: (code: number, message?: string) => void;
}

export function restoreTerminal(stdout: NodeJS.WriteStream, stdin: NodeJS.ReadStream, usedAltScreen: boolean): void {
  try {
    if (stdin.isTTY && stdin.isRaw) stdin.setRawMode(false);
  } catch {
    // The terminal may already be gone.
  }
  try {
    stdout.write((usedAltScreen ? leaveAltScreen : '') + showCursor + endBracketedPaste);
  } catch {
    // Same.
  }
}

/** Installs the handlers; returns a function that removes them. */
export function installLifecycle(hooks: LifecycleHooks): () => void {
  let ending = false;
  const end = (code: number, message?: string) => {
    if (ending) return;
    ending = true;
    try {
      hooks.unmount();
    } catch {
      // Unmounting a broken tree must not stop the terminal from being restored.
    }
    restoreTerminal(hooks.stdout, hooks.stdin, hooks.usedAltScreen);
    hooks.onExit(code, message);
  };
  const onSigterm = () => end(143);
  const onSighup = () => end(129);
  const onSigint = () => end(130);
  const onCrash = (error: unknown) => end(1, messageOf(error));
  // The terminal is gone (a dropped SSH link): a write to it fails with EIO or EPIPE, and reading
  // it ends (a terminal in raw mode never sends end-of-file: ctrl-d is a key). The read side
  // says so at once; a write may not come for a refresh interval. End quietly, nothing to restore.
  const onTerminalGone = () => {
    if (ending) return;
    ending = true;
    hooks.onExit(0);
  };
  const processHandlers: Array<
    [NodeJS.Signals | 'uncaughtException' | 'unhandledRejection', (error?: unknown) => void]
  > = [
    ['SIGTERM', onSigterm],
    ['SIGHUP', onSighup],
    ['SIGINT', onSigint],
    ['uncaughtException', onCrash],
    ['unhandledRejection', onCrash],
  ];
  // process.on's overloads take one kind of event name at a time, hence the cast.
  for (const [event, handler] of processHandlers) process.on(event as NodeJS.Signals, handler);
  for (const stream of [hooks.stdout, hooks.stdin]) stream.on('error', onTerminalGone);
  hooks.stdin.on('end', onTerminalGone);
  return () => {
    for (const [event, handler] of processHandlers) process.off(event as NodeJS.Signals, handler);
    for (const stream of [hooks.stdout, hooks.stdin]) stream.off('error', onTerminalGone);
    hooks.stdin.off('end', onTerminalGone);
  };
}
