/**
 * The terminal's size as the UI sees it: it changes once a burst of resizes has settled, not on
 * each one. Dragging a window edge, or tmux re-laying out its panes, sends dozens of SIGWINCH a
 * second; Ink repaints (and on a narrower terminal erases) on every one of them, each frame drawn
 * for a size that is already gone. Here the whole burst becomes one full repaint at the size it
 * ends at.
 */

export interface TerminalSize {
  columns: number;
  rows: number;
}

export interface SettledTerminal {
  /**
   * What Ink renders to: the real stdout, except that its `columns` and `rows` are the settled
   * size and its 'resize' listeners are never called (Ink's own would repaint at once; the size
   * reaches the UI through `subscribe` instead).
   */
  stream: NodeJS.WriteStream;
  size: () => TerminalSize;
  /** Called with the new size after a burst has settled; returns the unsubscribe function. */
  subscribe: (listener: (size: TerminalSize) => void) => () => void;
  dispose: () => void;
}

export interface SettleOptions {
  /** How long the size must stay unchanged before the UI takes it. */
  quietMs?: number;
  /** Runs before the listeners learn the new size: clears what was drawn at the old one. */
  beforeChange?: () => void;
}

const listenerMethods = new Set<PropertyKey>([
  'on',
  'addListener',
  'once',
  'prependListener',
  'prependOnceListener',
  'off',
  'removeListener',
]);

function sizeOf(stdout: NodeJS.WriteStream): TerminalSize {
  return { columns: stdout.columns, rows: stdout.rows };
}

export function settledTerminal(
  stdout: NodeJS.WriteStream,
  { quietMs = 100, beforeChange }: SettleOptions = {},
): SettledTerminal {
  let size = sizeOf(stdout);
  const listeners = new Set<(size: TerminalSize) => void>();
  let timer: NodeJS.Timeout | undefined;

  const settle = () => {
    timer = undefined;
    // Even back at the size it started from: the terminal cut or re-flowed the frame meanwhile.
    size = sizeOf(stdout);
    beforeChange?.();
    for (const listener of listeners) listener(size);
  };
  const onResize = () => {
    clearTimeout(timer);
    timer = setTimeout(settle, quietMs);
  };
  stdout.on('resize', onResize);

  const stream = new Proxy(stdout, {
    get(target, property) {
      if (property === 'columns') return size.columns;
      if (property === 'rows') return size.rows;
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (listenerMethods.has(property)) {
        return (event: string | symbol, listener: (...args: unknown[]) => void) => {
          if (event !== 'resize')
            (value as (e: string | symbol, l: (...args: unknown[]) => void) => unknown).call(target, event, listener);
          return stream;
        };
      }
      // Called on the stream itself: a WriteStream's methods need its own internal state.
      return (value as (...args: unknown[]) => unknown).bind(target);
    },
  });

  return {
    stream,
    size: () => size,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    dispose() {
      clearTimeout(timer);
      stdout.off('resize', onResize);
      listeners.clear();
    },
  };
}
