import type { InputIndex } from '../input-index.js';
import type { LineDocument } from '../types.js';

/**
 * `r` after a failed or stalled download, of the file or of the input file it is joined with:
 * each resumes where it stopped (a stalled one is asked again, not waited for). Returns what to
 * tell the user.
 */
export function retryDownloads(
  document: LineDocument,
  input: { document: LineDocument; index: InputIndex } | null,
): string {
  const file = retryable(document);
  const inputRetry = input ? retryable(input.document) : null;
  if (!file && !inputRetry) {
    return document.getState().complete
      ? 'Nothing to retry: the whole file is here.'
      : 'Nothing to retry: the file is still arriving.';
  }
  file?.();
  if (inputRetry) {
    inputRetry();
    // The index stopped with the download's error: it starts again on the retried download.
    input?.index.resume();
  }
  return retryNotice(file !== null, inputRetry !== null);
}

/** The document's retry, when it has one and its download failed or stalled; null otherwise. */
export function retryable(document: LineDocument): (() => void) | null {
  const retry = (document as { retry?: () => void }).retry;
  const state = document.getState();
  if (!retry || state.complete || (!state.error && !state.stalledMs)) return null;
  return () => retry.call(document);
}

/** What `r` retries: the file's download, the input's, or both. */
function retryNotice(file: boolean, input: boolean): string {
  if (file && input) return 'Retrying both downloads (the file and its input)…';
  return input ? "Retrying the input file's download…" : 'Retrying the download…';
}
