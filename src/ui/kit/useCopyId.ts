import { useApp } from '../state/services-context.js';

/**
 * `y`: the id onto the clipboard (OSC 52), and the line that says so, showing the id whole, since
 * no terminal tells whether it honoured the sequence.
 */
export function useCopyId(): (id: string) => string {
  const { clipboard } = useApp();
  return (id) => {
    clipboard?.copy(id);
    // Ids come sanitized from the API client; the clipboard writer sanitizes again.
    const shown = id || '(empty id)';
    return clipboard ? `copied ${shown} (if your terminal allows OSC 52)` : `id: ${shown}`;
  };
}
