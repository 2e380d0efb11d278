import { useApp } from 'ink';
import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';

/**
 * ctrl-z and `fg`. In raw mode the terminal sends ctrl-z as a key, not as SIGTSTP, so the program
 * stops itself: it gives the terminal back (Ink's suspendTerminal: frame erased, alternate screen
 * left, cursor shown, raw mode and bracketed paste off), stops with SIGTSTP's default action, and
 * when the shell continues it, takes the terminal again and repaints the whole screen.
 */

const SuspendContext = createContext<() => void>(() => {});

/** Suspends the program to the shell (ctrl-z): what the key dispatcher calls. */
export function useSuspend(): () => void {
  return useContext(SuspendContext);
}

export function JobControl({ children }: { children: ReactNode }) {
  const { suspendTerminal } = useApp();
  const suspendRef = useRef<() => void>(() => {});

  useEffect(() => {
    let busy = false;
    // Set while a stop of our own is under way: the SIGCONT that ends it needs no second repaint.
    let ownStop = false;

    const stopUntilContinued = () => {
      // With our listener gone SIGTSTP has its default action again: the process stops right in
      // this call and returns from it when the shell sends SIGCONT (`fg`, `bg`). In a process
      // group no shell can continue (a program started directly by tmux), the kernel ignores
      // the signal and this returns at once, which simply repaints.
      process.off('SIGTSTP', onStopSignal);
      try {
        ownStop = true;
        process.kill(process.pid, 'SIGTSTP');
      } finally {
        process.on('SIGTSTP', onStopSignal);
      }
    };

    /** Gives the terminal back, runs `between`, then takes the terminal again and repaints it whole. */
    const handOver = async (between: () => void) => {
      if (busy) return;
      busy = true;
      try {
        const suspension = await suspendTerminal();
        try {
          between();
        } finally {
          await suspension.resume();
        }
      } finally {
        busy = false;
      }
    };

    const suspend = () => void handOver(stopUntilContinued);
    // SIGTSTP from outside (`kill -TSTP`, or a ctrl-z before raw mode was on): the same as the key.
    const onStopSignal = () => suspend();
    // Continued after a stop we did not see coming (SIGSTOP): the shell has had the terminal, so
    // take it again (raw mode, alternate screen) and repaint it whole.
    const onContinue = () => {
      if (ownStop) {
        ownStop = false;
        return;
      }
      void handOver(() => {});
    };

    suspendRef.current = suspend;
    process.on('SIGTSTP', onStopSignal);
    process.on('SIGCONT', onContinue);
    return () => {
      suspendRef.current = () => {};
      process.off('SIGTSTP', onStopSignal);
      process.off('SIGCONT', onContinue);
    };
  }, [suspendTerminal]);

  const suspend = useRef(() => suspendRef.current()).current;
  return <SuspendContext.Provider value={suspend}>{children}</SuspendContext.Provider>;
}
