// A multipart/form-data body for one file and a few text fields, streamed: the file's bytes go
// out as they are read, and the body's length is known up front (Content-Length, not chunked:
// some gateways refuse chunked uploads, and a server can tell a cut-off body from a whole one).
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

export interface MultipartBody {
  body: Readable;
  headers: Record<string, string>;
}

/** A name inside a quoted header parameter, encoded as browsers do (RFC 7578 §4.2). */
function quoted(name: string): string {
  return name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * `fields` then the file part. `file` yields exactly `size` bytes (the caller checks that); the
 * closing boundary follows its last byte, so a body cut short never reads as a complete file.
 */
export function multipartBody(
  fields: Record<string, string>,
  file: { field: string; name: string; size: number; content: AsyncIterable<Buffer> },
): MultipartBody {
  const boundary = `----fizz-batch-${randomBytes(12).toString('hex')}`;
  const head = Buffer.from(
    Object.entries(fields)
      .map(
        ([name, value]) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`,
      )
      .join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(file.field)}"; filename="${quoted(file.name)}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  async function* parts(): AsyncGenerator<Buffer> {
    yield head;
    yield* file.content;
    yield tail;
  }
  return {
    body: Readable.from(parts(), { objectMode: false }),
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(head.length + file.size + tail.length),
    },
  };
}
