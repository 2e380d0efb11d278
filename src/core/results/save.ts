import { formatBytes } from '../validate/index.js';
import { SaveError, writeAtomically, type WriteOutcome } from './atomic-file.js';
import type { LineDocument, ScanProgress } from './types.js';
import { messageOf } from '../../api/message-of.js';

export { checkSaveTarget, destinationExists, expandHome, SaveError, type WriteOutcome } from './atomic-file.js';

export interface SaveOptions {
  /** Replace an existing file (the user said yes). Without it an existing dest gives { status: 'exists' }. */
  overwrite?: boolean;
  /** Wait for a download still running instead of refusing. */
  waitForDownload?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: ScanProgress) => void;
}

/**
 * `s` in the pager: the document's bytes, exactly as downloaded, to a path the user chose —
 * written atomically (see atomic-file.ts). Only a complete document is saved: a partial one would
 * look like a whole file, which is the one thing a save must never produce.
 */
export async function saveDocument(doc: LineDocument, dest: string, options: SaveOptions = {}): Promise<WriteOutcome> {
  await whenSavable(doc, dest, options);
  const total = doc.getState().bytes;
  return writeAtomically(
    dest,
    async (sink) => {
      // The kernel copies (or clones) the file: the bytes never pass through JavaScript.
      const copied = await sink.copyWhole(doc.path).catch((error: unknown) => {
        throw error instanceof SaveError
          ? error
          : new SaveError(
              `Cannot save ${doc.name}: its copy at ${doc.path} cannot be read (${errorText(error)}).`,
              dest,
              'ESOURCE',
            );
      });
      if (copied !== total)
        throw new SaveError(
          `Cannot save ${doc.name}: ${doc.path} has ${copied} bytes, not ${total}; it changed while being saved.`,
          dest,
          'ESOURCE',
        );
      options.onProgress?.({ scannedBytes: copied, totalBytes: total });
    },
    options,
  );
}

/** Resolves when the whole document is on disk; refuses (or waits, when asked) while it is not. */
export async function whenSavable(
  doc: LineDocument,
  dest: string,
  options: Pick<SaveOptions, 'waitForDownload' | 'signal'>,
): Promise<void> {
  const state = doc.getState();
  if (state.error) {
    throw new SaveError(
      `Cannot save ${doc.name}: its download stopped (${errorText(state.error)}); only part of the file is here.`,
      dest,
      'not_finished',
    );
  }
  if (state.complete) return;
  if (!options.waitForDownload) {
    const share = state.totalBytes
      ? ` (${Math.floor((state.bytes / state.totalBytes) * 100)}% of ${formatBytes(state.totalBytes)})`
      : '';
    throw new SaveError(`Cannot save ${doc.name} yet: the download is not finished${share}.`, dest, 'not_finished');
  }
  const { signal } = options;
  if (signal?.aborted) throw new SaveError(`Saving ${dest} was cancelled; nothing was written.`, dest, 'cancelled');
  let onAbort = (): void => undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new SaveError(`Saving ${dest} was cancelled; nothing was written.`, dest, 'cancelled'));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([doc.whenComplete(), aborted]);
  } catch (error) {
    if (error instanceof SaveError) throw error;
    throw new SaveError(
      `Cannot save ${doc.name}: its download stopped (${errorText(error)}); only part of the file is here.`,
      dest,
      'not_finished',
    );
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

function errorText(error: unknown): string {
  return messageOf(error).replace(/\.$/, '');
}
