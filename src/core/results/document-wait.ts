// Waiting on a document that is still arriving, for the scans that follow it to its end (search,
// the input index, resubmit): one rule for when there is more to read and for how a stop reads.
import type { LineDocument } from './types.js';

/** The error an aborted scan rejects with: the signal's reason when it is an Error. */
export function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('The operation was cancelled.');
}

/**
 * Waits until the document has lines past `seen`: true then, false once it is complete (or failed)
 * with none. Rejects on abort.
 */
export function moreLinesAfter(doc: LineDocument, seen: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise<boolean>((resolve, reject) => {
    const check = (): boolean => {
      const state = doc.getState();
      if (state.lines > seen) settle(() => resolve(true));
      else if (state.complete || state.error) settle(() => resolve(false));
      else return false;
      return true;
    };
    const onAbort = () => settle(() => reject(abortReason(signal!)));
    const settle = (outcome: () => void) => {
      unsubscribe();
      signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const unsubscribe = doc.subscribe(() => void check());
    if (check()) return;
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}
