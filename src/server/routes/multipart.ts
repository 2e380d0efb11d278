import { createWriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Busboy, type BusboyHeaders, type BusboyInstance } from '@fastify/busboy';
import { invalidRequest } from '../errors.js';

/**
 * Receives a multipart upload, streaming the `file` part straight to `tempPath` (never holding it
 * in memory). Fields may come before or after the file (`curl -F file=@x -F purpose=batch` sends
 * the file first), so all decisions about the file wait until the whole form has arrived.
 */
export interface ReceivedFile {
  filename: string;
  /** True when the file was longer than `maxFileBytes` and was cut there. */
  truncated: boolean;
}

export interface ReceivedForm {
  fields: Record<string, string>;
  file: ReceivedFile | null;
}

export async function receiveMultipart(req: IncomingMessage, tempPath: string, maxFileBytes: number): Promise<ReceivedForm> {
  let busboy: BusboyInstance;
  try {
    busboy = Busboy({
      headers: req.headers as BusboyHeaders,
      limits: { fileSize: maxFileBytes, fields: 50, fieldSize: 1024 * 1024 },
    });
  } catch (error) {
    throw invalidRequest(400, `Could not read the multipart form: ${error instanceof Error ? error.message : String(error)}.`);
  }

  const fields: Record<string, string> = {};
  let file: ReceivedFile | null = null;
  let fileStream: Readable | null = null;
  let writing: Promise<void> = Promise.resolve();

  busboy.on('field', (name, value) => {
    fields[name] = value;
  });
  busboy.on('file', (name, stream, filename) => {
    // Only the first `file` part is kept; anything else is read and dropped.
    if (name !== 'file' || file) {
      stream.resume();
      return;
    }
    const received: ReceivedFile = { filename: basename(filename || 'upload'), truncated: false };
    file = received;
    fileStream = stream;
    stream.on('limit', () => {
      received.truncated = true;
    });
    writing = pipeline(stream, createWriteStream(tempPath, { mode: 0o600 }));
  });

  try {
    await pipeline(req, busboy);
  } catch (error) {
    (fileStream as Readable | null)?.destroy();
    await writing.catch(() => undefined);
    throw invalidRequest(400, `Could not read the multipart form: ${error instanceof Error ? error.message : String(error)}.`);
  }
  await writing;
  return { fields, file };
}
