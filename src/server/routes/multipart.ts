import { createWriteStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Busboy, type BusboyHeaders, type BusboyInstance } from '@fastify/busboy';
import { ApiError, invalidRequest } from '../errors.js';
import { continueBody, declaredLength, refusingBody } from '../http/body.js';
import { storedFilename } from './upload-filename.js';
import { messageOf } from '../../api/message-of.js';

/**
 * Receives a multipart upload, streaming the `file` part straight to `tempPath` (never holding it
 * in memory). Fields may come before or after the file (`curl -F file=@x -F purpose=batch` sends
 * the file first), so all decisions about the file wait until the whole form has arrived; all but
 * one: a file over `maxFileBytes` is refused (413) as soon as that is known, from the declared
 * length or when the bytes pass the cap, and the rest is not read.
 */
export interface ReceivedFile {
  filename: string;
}

export interface ReceivedForm {
  fields: Record<string, string>;
  file: ReceivedFile | null;
}

/** Room for the form around the file: part headers, boundaries, `purpose` and `expires_after`. */
const FORM_ALLOWANCE_BYTES = 1024 * 1024;
const MAX_FIELDS = 20;
const MAX_FIELD_BYTES = 16 * 1024;

export async function receiveMultipart(
  req: IncomingMessage,
  res: ServerResponse,
  tempPath: string,
  maxFileBytes: number,
): Promise<ReceivedForm> {
  const declared = declaredLength(req);
  if (declared !== null && declared > maxFileBytes + FORM_ALLOWANCE_BYTES) throw fileTooLarge(maxFileBytes);
  let busboy: BusboyInstance;
  try {
    busboy = Busboy({
      headers: req.headers as BusboyHeaders,
      limits: { fileSize: maxFileBytes, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES },
    });
  } catch (error) {
    throw invalidRequest(400, `Could not read the multipart form: ${messageOf(error)}.`);
  }

  const fields: Record<string, string> = {};
  let file: ReceivedFile | null = null;
  let fileStream: Readable | null = null;
  let writing: Promise<void> = Promise.resolve();

  const received = new Promise<void>((resolve, reject) => {
    busboy.on('field', (name, value) => {
      fields[name] = value;
    });
    busboy.on('file', (name, stream, filename) => {
      // Only the first `file` part is kept; anything else is read and dropped.
      if (name !== 'file' || file) {
        stream.resume();
        return;
      }
      file = { filename: storedFilename(filename) };
      fileStream = stream;
      stream.on('limit', () => reject(fileTooLarge(maxFileBytes)));
      writing = pipeline(stream, createWriteStream(tempPath, { mode: 0o600 }));
      // Its failure is reported below, once the form is read.
      writing.catch(() => undefined);
    });
    busboy.on('finish', resolve);
    busboy.on('error', reject);
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('the connection closed before the form ended'));
    });
    continueBody(req, res);
    req.pipe(busboy);
  });

  try {
    await received;
  } catch (error) {
    // Stop reading (the socket stays, so the answer can still be sent).
    req.unpipe(busboy);
    req.pause();
    (fileStream as Readable | null)?.destroy();
    await writing.catch(() => undefined);
    if (error instanceof ApiError) throw error;
    throw invalidRequest(400, `Could not read the multipart form: ${messageOf(error)}.`);
  }
  await writing;
  return { fields, file };
}

function fileTooLarge(maxFileBytes: number): ApiError {
  return refusingBody(413, {
    message: `File is too large: the maximum size is ${formatBytes(maxFileBytes)}.`,
    type: 'invalid_request_error',
    param: 'file',
    code: 'file_too_large',
  });
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  return `${bytes} bytes`;
}
