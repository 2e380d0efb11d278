import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../../src/core/results/line-index.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Feeds `bytes` in chunks of the given sizes (cycled), then ends the input unless told not to. */
function indexOf(bytes: Buffer, chunkSizes: number[] = [bytes.length || 1], end = true): LineIndex {
  const index = new LineIndex();
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = chunkSizes[i % chunkSizes.length]!;
    index.push(bytes.subarray(at, at + size));
    at += size;
  }
  if (end) index.end();
  return index;
}

/** Each line's text, as the index bounds it. */
function textsOf(index: LineIndex, bytes: Buffer): string[] {
  return Array.from({ length: index.lines }, (_, i) => {
    const { start, end } = index.boundsOf(i);
    return bytes.subarray(start, end).toString('utf8');
  });
}

describe('LineIndex', () => {
  it('indexes LF lines; the bytes after the last LF are a line only once the input ended', () => {
    const bytes = Buffer.from('one\ntwo\nthree');
    const open = indexOf(bytes, [bytes.length], false);
    expect(open.lines).toBe(2);
    expect(open.offsetOf(2)).toBe(8);
    open.end();
    expect(open.lines).toBe(3);
    expect(textsOf(open, bytes)).toEqual(['one', 'two', 'three']);
    expect(open.offsetOf(3)).toBe(bytes.length);
  });

  it('a file ending in a newline has no extra empty line', () => {
    const bytes = Buffer.from('a\nb\n');
    const index = indexOf(bytes);
    expect(index.lines).toBe(2);
    expect(index.offsetOf(2)).toBe(4);
  });

  it('keeps blank lines as lines', () => {
    const bytes = Buffer.from('\n\nx\n\n');
    expect(textsOf(indexOf(bytes), bytes)).toEqual(['', '', 'x', '']);
  });

  it('leaves the CR of CRLF out of the text, also when CR and LF arrive in different chunks', () => {
    const bytes = Buffer.from('ab\r\ncd\r\n\r\nlast\r');
    for (const sizes of [[bytes.length], [3], [1], [2, 5]]) {
      const index = indexOf(bytes, sizes);
      // A lone CR without a LF is text.
      expect(textsOf(index, bytes)).toEqual(['ab', 'cd', '', 'last\r']);
      expect(index.offsetOf(1)).toBe(4);
    }
  });

  it('a CR inside a line is text', () => {
    const bytes = Buffer.from('a\rb\nc\n');
    expect(textsOf(indexOf(bytes), bytes)).toEqual(['a\rb', 'c']);
  });

  it('skips a UTF-8 BOM at the start, even one split over chunks', () => {
    const bytes = Buffer.concat([BOM, Buffer.from('{"a":1}\n{"b":2}\n')]);
    for (const sizes of [[bytes.length], [1], [2, 1, 50]]) {
      const index = indexOf(bytes, sizes);
      expect(index.offsetOf(0)).toBe(3);
      expect(textsOf(index, bytes)).toEqual(['{"a":1}', '{"b":2}']);
      expect(index.lineAt(0)).toBe(0);
    }
  });

  it('bytes that only begin like a BOM are text of line 1', () => {
    const bytes = Buffer.concat([BOM.subarray(0, 2), Buffer.from('x\ny\n')]);
    const index = indexOf(bytes, [1]);
    expect(index.offsetOf(0)).toBe(0);
    expect(index.boundsOf(0)).toEqual({ start: 0, end: 3 });
    expect(index.lines).toBe(2);
  });

  it('a BOM alone, or nothing at all, is no line', () => {
    expect(indexOf(BOM).lines).toBe(0);
    const empty = indexOf(Buffer.alloc(0));
    expect(empty.lines).toBe(0);
    expect(empty.offsetOf(0)).toBe(0);
    expect(empty.lineAt(0)).toBe(0);
    expect(() => empty.boundsOf(0)).toThrow(RangeError);
  });

  it('multi-byte characters split between chunks do not disturb the offsets', () => {
    const bytes = Buffer.from('héllo wörld 😀\n€€€\n日本語\n');
    const index = indexOf(bytes, [1, 2, 3]);
    expect(textsOf(index, bytes)).toEqual(['héllo wörld 😀', '€€€', '日本語']);
  });

  it('indexes 50,000 lines of varied length fed in odd chunks; offsets round-trip through lineAt', () => {
    const lines = Array.from(
      { length: 50_000 },
      (_, i) => `{"custom_id":"req-${i}","n":"${'x'.repeat((i * 7919) % 300)}"}`,
    );
    const bytes = Buffer.from(lines.join('\n') + '\n');
    const index = indexOf(bytes, [65_536, 7, 100_003]);
    expect(index.lines).toBe(50_000);
    expect(index.bytes).toBe(bytes.length);
    let expected = 0;
    for (let i = 0; i < lines.length; i++) {
      expect(index.offsetOf(i)).toBe(expected);
      expect(index.lineAt(expected)).toBe(i);
      const lineEnd = expected + Buffer.byteLength(lines[i]!);
      // The LF belongs to the line it ends.
      expect(index.lineAt(lineEnd)).toBe(i);
      expected = lineEnd + 1;
    }
    expect(textsOf(index, bytes).slice(49_998)).toEqual(lines.slice(49_998));
    expect(index.lineAt(bytes.length + 1000)).toBe(49_999);
  });

  it('refuses lines it does not know and input after the end', () => {
    const index = indexOf(Buffer.from('a\nb'), [3], false);
    expect(() => index.boundsOf(1)).toThrow(RangeError);
    expect(() => index.offsetOf(2)).toThrow(RangeError);
    expect(() => index.offsetOf(-1)).toThrow(RangeError);
    index.end();
    expect(index.boundsOf(1)).toEqual({ start: 2, end: 3 });
    expect(() => index.push(Buffer.from('c'))).toThrow();
  });
});
