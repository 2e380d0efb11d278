import type { BatchClient, FileObject } from '../../api/index.js';

export interface EarlyUpload {
  path: string;
  /** Lets the last bytes go: the server gets the whole file. */
  release(): void;
  /** Stops it before the server has a whole file. */
  stop(): void;
  /** Where its progress goes (nowhere until the upload step takes it over). */
  listener: { progress: (sent: number, total: number) => void; last: [sent: number, total: number] | null };
  file: Promise<FileObject>;
}

/** The upload of a file being checked: its last bytes wait for release() (see uploadWhileChecking). */
export function startEarlyUpload(client: BatchClient, path: string, retries: number | undefined): EarlyUpload {
  let release: () => void = () => undefined;
  let refuse: (reason: Error) => void = () => undefined;
  const hold = new Promise<void>((resolve, reject) => {
    release = resolve;
    refuse = reject;
  });
  // Refused before the upload got to its end, the hold has no one waiting on it yet.
  hold.catch(() => undefined);
  const controller = new AbortController();
  const listener: EarlyUpload['listener'] = { progress: () => undefined, last: null };
  const file = client.uploadFile(path, {
    purpose: 'batch',
    signal: controller.signal,
    holdLastBytes: hold,
    ...(retries !== undefined ? { retries } : {}),
    onProgress: (bytes, size) => {
      listener.last = [bytes, size];
      listener.progress(bytes, size);
    },
  });
  // Dropped uploads end in a rejection nobody waits for.
  file.catch(() => undefined);
  const stop = () => {
    refuse(new Error('the upload was not to complete'));
    controller.abort();
  };
  return { path, release, stop, listener, file };
}
