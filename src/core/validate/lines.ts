/**
 * Splits a stream of bytes into lines without decoding it: the caller gets each line as a Buffer
 * (a view into the chunk when the line fits in one, a copy only when it spans chunks), with its
 * 1-based number. A trailing CR (CRLF line ends) and a UTF-8 byte-order mark on the first line are
 * removed. A line longer than `maxLineBytes` is not held in memory: its bytes are skipped and only
 * its length is reported.
 */

export interface LineHandler {
  line(bytes: Buffer, lineNo: number): void;
  /** A line longer than the limit: it was counted, not kept. */
  longLine(lineNo: number, byteLength: number): void;
}

const LF = 0x0a;
const CR = 0x0d;

export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** The current line passed the limit: its bytes are counted and dropped. */
  private skipping = false;
  private lineNo = 0;

  constructor(
    private readonly handler: LineHandler,
    private readonly maxLineBytes = 64 * 1024 * 1024,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    let newline = chunk.indexOf(LF, start);
    while (newline !== -1) {
      this.finish(chunk.subarray(start, newline));
      start = newline + 1;
      newline = chunk.indexOf(LF, start);
    }
    if (start < chunk.length) this.hold(chunk.subarray(start));
  }

  /** The end of the input: a last line without a newline is still a line. */
  end(): void {
    if (this.pendingBytes > 0) this.finish(Buffer.alloc(0));
  }

  /** Lines seen so far. */
  get lines(): number {
    return this.lineNo;
  }

  private hold(part: Buffer): void {
    this.pendingBytes += part.length;
    if (this.skipping) return;
    if (this.pendingBytes > this.maxLineBytes) {
      this.skipping = true;
      this.pending = [];
    } else {
      this.pending.push(part);
    }
  }

  private finish(tail: Buffer): void {
    this.lineNo += 1;
    const length = this.pendingBytes + tail.length;
    let bytes: Buffer | null = null;
    if (!this.skipping && length <= this.maxLineBytes) {
      bytes = this.pending.length === 0 ? tail : Buffer.concat([...this.pending, tail], length);
    }
    this.pending = [];
    this.pendingBytes = 0;
    this.skipping = false;
    if (bytes === null) {
      this.handler.longLine(this.lineNo, length);
      return;
    }
    if (bytes.length > 0 && bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, bytes.length - 1);
    if (this.lineNo === 1 && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
      bytes = bytes.subarray(3);
    this.handler.line(bytes, this.lineNo);
  }
}

/** A line of JSON whitespace only (space, tab, CR) or nothing. */
export function isBlank(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x09 && b !== CR) return false;
  }
  return true;
}
