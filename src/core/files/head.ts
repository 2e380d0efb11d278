import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/**
 * The first lines of a file's content, read from a stream that is dropped as soon as enough has
 * arrived: a 500 MB output file costs the same as a 5 KB one. The batch form reads a file's first
 * request with it, to start on the endpoint the file names.
 */
export interface FileHead {
  /** Lines without their line ends; a line longer than `maxLineChars` is cut there and ends in …. */
  lines: string[];
  /** True when the whole file was read; false when reading stopped at a limit. */
  complete: boolean;
  /** Which limit stopped the reading, when one did. */
  stoppedBy: 'lines' | 'bytes' | null;
  /** Bytes read. */
  bytes: number;
}

export interface HeadLimits {
  maxLines?: number;
  maxBytes?: number;
  /** Longer lines are kept only up to here (a line of 1 MB would cost a re-layout per frame). */
  maxLineChars?: number;
}

export const DEFAULT_HEAD_LINES = 500;
export const DEFAULT_HEAD_BYTES = 1024 * 1024;
export const DEFAULT_HEAD_LINE_CHARS = 2000;

/** Reads lines from `stream` until a limit is hit or it ends, then destroys it (releasing the connection). */
export async function readHead(stream: Readable, limits: HeadLimits = {}): Promise<FileHead> {
  const maxLines = limits.maxLines ?? DEFAULT_HEAD_LINES;
  const maxBytes = limits.maxBytes ?? DEFAULT_HEAD_BYTES;
  const maxLineChars = limits.maxLineChars ?? DEFAULT_HEAD_LINE_CHARS;
  const decoder = new StringDecoder('utf8');
  const lines: string[] = [];
  let partial = '';
  let bytes = 0;
  let stoppedBy: FileHead['stoppedBy'] = null;

  const push = (line: string) => {
    const bare = line.endsWith('\r') ? line.slice(0, -1) : line;
    // A cut line ends in …, so it is not mistaken for the whole line.
    lines.push(bare.length > maxLineChars ? `${bare.slice(0, maxLineChars)}…` : bare);
  };

  try {
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      let buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (bytes + buffer.length > maxBytes) {
        buffer = buffer.subarray(0, maxBytes - bytes);
        stoppedBy = 'bytes';
      }
      bytes += buffer.length;
      const text = partial + decoder.write(buffer);
      const parts = text.split('\n');
      partial = parts.pop() ?? '';
      // A line that never ends must not grow without bound while the byte limit is far away.
      if (partial.length > maxLineChars * 2) partial = partial.slice(0, maxLineChars * 2);
      // One line past the limit tells "there is more" from "exactly that many lines".
      for (const part of parts) {
        push(part);
        if (lines.length > maxLines) {
          lines.pop();
          stoppedBy = 'lines';
          break;
        }
      }
      if (stoppedBy) break;
    }
  } finally {
    // Leaving the loop early has already destroyed the stream; this covers the error paths too.
    if (!stream.destroyed) stream.destroy();
  }

  if (stoppedBy === null) {
    const rest = partial + decoder.end();
    if (rest !== '' && lines.length < maxLines) push(rest);
    else if (rest !== '') return { lines, complete: false, stoppedBy: 'lines', bytes };
    return { lines, complete: true, stoppedBy: null, bytes };
  }
  // Cut at the byte limit: the beginning of a line is still worth showing when it is all there is.
  if (stoppedBy === 'bytes' && lines.length === 0 && partial !== '') push(partial);
  return { lines, complete: false, stoppedBy, bytes };
}
