import { useCallback, useRef, useState } from 'react';

/**
 * A one-line notice that belongs to the state it was written about: "No output file yet … it is
 * in progress" is true of an in-progress job and false once it completes. The notice remembers the
 * state key it was set under and is dropped as soon as the key differs, so it goes by itself when
 * the state changes (and does not come back with an earlier state). The setter is stable.
 */
export function useStateNotice(stateKey: string): [string | null, (text: string | null) => void] {
  const [notice, setNotice] = useState<{ text: string; key: string } | null>(null);
  const keyRef = useRef(stateKey);
  keyRef.current = stateKey;
  const set = useCallback((text: string | null) => setNotice(text === null ? null : { text, key: keyRef.current }), []);
  // Adjusting state while rendering (React's pattern for "reset when a prop changes").
  if (notice && notice.key !== stateKey) setNotice(null);
  return [notice && notice.key === stateKey ? notice.text : null, set];
}
