// Small words and timing shared by the pager's services.
import type { DocumentState } from '../types.js';

/** "45%" of the expected size, or the bytes so far when the size is unknown. */
export function share(state: DocumentState): string {
  if (state.totalBytes && state.totalBytes > 0) return `${Math.floor((state.bytes / state.totalBytes) * 100)}%`;
  return `${Math.round(state.bytes / 1024).toLocaleString('en-US')} KB`;
}

/** True at most once per `ms`: progress repaints ten times a second, not on every chunk. */
export function throttle(ms: number): () => boolean {
  let last = 0;
  return () => {
    const now = Date.now();
    if (now - last < ms) return false;
    last = now;
    return true;
  };
}
