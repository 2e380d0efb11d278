import type { Readable } from 'node:stream';

/**
 * A byte stream read as batches of its chunks, as they arrived: what came while the reader wrote
 * the last batch is the next one, handed over as it is (no copy; `writev` takes it whole).
 * Reading an object stream's async iterator would instead join every buffered chunk into one new
 * Buffer per read, a copy of every byte: about a sixth of a fast download's time went there.
 *
 * The stream keeps flowing while a batch is written; it is paused once `aheadBytes` wait, so
 * memory stays bounded by what the reader is slow to take. Stopping early destroys the stream.
 */
export async function* chunkBatches(stream: Readable, aheadBytes: number): AsyncGenerator<Buffer[]> {
  let queue: Buffer[] = [];
  let queued = 0;
  let ended = false;
  let failure: { error: unknown } | null = null;
  let wake: (() => void) | null = null;
  const signal = () => {
    const resume = wake;
    wake = null;
    resume?.();
  };
  const onData = (chunk: Buffer | string) => {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    queue.push(buffer);
    queued += buffer.length;
    if (queued >= aheadBytes) stream.pause();
    signal();
  };
  const onEnd = () => {
    ended = true;
    signal();
  };
  const onError = (error: unknown) => {
    failure ??= { error };
    signal();
  };
  // A stream destroyed without an error and without its end is cut short, not finished.
  const onClose = () => {
    if (!ended) failure ??= { error: stream.errored ?? new Error('The stream closed before its end.') };
    signal();
  };
  // An error stored before the reader came (the stream failed early) is thrown at the first read.
  if (stream.errored || stream.destroyed)
    throw stream.errored ?? new Error('The stream was closed before it was read.');
  stream.on('data', onData);
  stream.on('end', onEnd);
  stream.on('error', onError);
  stream.on('close', onClose);
  try {
    for (;;) {
      if (queue.length > 0) {
        const batch = queue;
        queue = [];
        queued = 0;
        if (stream.isPaused()) stream.resume();
        yield batch;
        continue;
      }
      if (failure) throw (failure as { error: unknown }).error;
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    stream.off('data', onData);
    stream.off('end', onEnd);
    stream.off('error', onError);
    stream.off('close', onClose);
    if (!ended) stream.destroy();
  }
}
