import { createReadStream } from 'node:fs';

/**
 * Reads a file line by line in constant memory (one line at a time is held, plus a chunk).
 * Lines are split on LF; a CR before it is dropped (CRLF files), and a UTF-8 BOM at the start of
 * the file is ignored. A last line without a newline is still a line.
 */
export interface Line {
  /** 1-based physical line number, as validation errors report it. */
  lineNo: number;
  text: string;
}

export async function* readLines(path: string): AsyncGenerator<Line> {
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
  let pending: Buffer[] = [];
  let lineNo = 0;
  for await (const chunk of stream) {
    const buf = chunk as Buffer;
    let start = 0;
    for (;;) {
      const newline = buf.indexOf(10, start);
      if (newline === -1) {
        if (start < buf.length) pending.push(buf.subarray(start));
        break;
      }
      const piece = buf.subarray(start, newline);
      const whole = pending.length > 0 ? Buffer.concat([...pending, piece]) : piece;
      pending = [];
      lineNo += 1;
      yield { lineNo, text: decode(whole, lineNo) };
      start = newline + 1;
    }
  }
  if (pending.length > 0) {
    lineNo += 1;
    yield { lineNo, text: decode(Buffer.concat(pending), lineNo) };
  }
}

function decode(bytes: Buffer, lineNo: number): string {
  const end = bytes.length > 0 && bytes[bytes.length - 1] === 13 ? bytes.length - 1 : bytes.length;
  const text = bytes.toString('utf8', 0, end);
  return lineNo === 1 && text.startsWith('\uFEFF') ? text.slice(1) : text;
}
