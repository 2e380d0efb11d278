import { rmSync } from 'node:fs';

/**
 * Paths that must not outlive the process: the temporary file of a save in progress, the demo's
 * cache directory. A `finally` does not run when a signal ends the program, so they are removed
 * when the process exits (process.exit, as the full-screen UI does on SIGINT, SIGTERM and SIGHUP)
 * and, when nothing else handles one of those signals, on the signal itself, which is then raised
 * again so that the process still ends the way the signal says.
 */

const paths = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let watching = false;

/** Removes `path` (a file or a whole directory) if the process ends before the returned function is called. */
export function removeOnExit(path: string): () => void {
  paths.add(path);
  watch();
  return () => {
    paths.delete(path);
    if (paths.size === 0) unwatch();
  };
}

function removeAll(): void {
  for (const path of paths) {
    try {
      rmSync(path, { recursive: true, force: true });
    } catch {
      // Exiting: nothing better can be done than trying the next one.
    }
  }
  paths.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  // Another handler (the UI's) ends the process with process.exit: 'exit' removes the paths then.
  if (process.listenerCount(signal) > 1) return;
  removeAll();
  unwatch();
  process.kill(process.pid, signal);
}

// Installed only while there is something to remove: otherwise a signal keeps its default effect.
function watch(): void {
  if (watching) return;
  watching = true;
  process.on('exit', removeAll);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function unwatch(): void {
  if (!watching) return;
  watching = false;
  process.off('exit', removeAll);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}
