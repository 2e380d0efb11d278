import { isUtf8 } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { isBlank, LineSplitter } from '../../src/core/validate/lines.js';
import { firstInvalidUtf8 } from '../../src/core/validate/utf8.js';

type Seen = Array<[number, string] | [number, 'long', number]>;

function split(chunks: Buffer[], maxLineBytes?: number): Seen {
  const seen: Seen = [];
  const splitter = new LineSplitter(
    {
      line: (bytes, lineNo) => seen.push([lineNo, bytes.toString('latin1')]),
      longLine: (lineNo, length) => seen.push([lineNo, 'long', length]),
    },
    maxLineBytes,
  );
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return seen;
}

/** Every way of cutting `data` into two chunks, and one byte at a time. */
function cuts(data: Buffer): Buffer[][] {
  const ways: Buffer[][] = [[data], [...data].map((b) => Buffer.from([b]))];
  for (let i = 1; i < data.length; i++) ways.push([data.subarray(0, i), data.subarray(i)]);
  return ways;
}

describe('LineSplitter', () => {
  it('gives the same lines however the bytes are chunked: CRLF, BOM, blank and unterminated lines', () => {
    const data = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}\r\n\r\n{"b":2}\n\n{"c":3}')]);
    const expected: Seen = [
      [1, '{"a":1}'],
      [2, ''],
      [3, '{"b":2}'],
      [4, ''],
      [5, '{"c":3}'],
    ];
    for (const chunks of cuts(data)) expect(split(chunks)).toEqual(expected);
  });

  it('a final newline does not make an extra line; an empty input has no lines', () => {
    expect(split([Buffer.from('a\nb\n')])).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    expect(split([])).toEqual([]);
    expect(split([Buffer.from('\n')])).toEqual([[1, '']]);
  });

  it('removes the BOM from the first line only, and only a UTF-8 one', () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    expect(split([Buffer.concat([bom, Buffer.from('x\n'), bom, Buffer.from('y')])])).toEqual([
      [1, 'x'],
      [2, '\u00ef\u00bb\u00bfy'],
    ]);
  });

  it('skips a line longer than the limit without holding it, and goes on after it', () => {
    const long = 'x'.repeat(100);
    const data = Buffer.from(`ok\n${long}\r\nafter\n${long}`);
    const expected: Seen = [
      [1, 'ok'],
      [2, 'long', 101],
      [3, 'after'],
      [4, 'long', 100],
    ];
    for (const chunks of cuts(data)) expect(split(chunks, 50)).toEqual(expected);
    // At the limit exactly, the line is kept.
    expect(split([Buffer.from(`${'y'.repeat(50)}\n`)], 50)).toEqual([[1, 'y'.repeat(50)]]);
  });

  it('isBlank: JSON whitespace only', () => {
    expect(isBlank(Buffer.from(''))).toBe(true);
    expect(isBlank(Buffer.from(' \t \r'))).toBe(true);
    expect(isBlank(Buffer.from(' {'))).toBe(false);
    expect(isBlank(Buffer.from('\u00a0'))).toBe(false);
  });
});

describe('firstInvalidUtf8', () => {
  it('finds the first byte that breaks UTF-8', () => {
    expect(firstInvalidUtf8(Buffer.from('plain ascii'))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from('café 日本 🎉'))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xe9, 0x62]))).toBe(1); // Latin-1 é
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0xaf]))).toBe(1); // overlong '/'
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0); // a UTF-16 surrogate
    expect(firstInvalidUtf8(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // past U+10FFFF
    expect(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xe6, 0x97]))).toBe(2); // cut short
    expect(firstInvalidUtf8(Buffer.from([0x80]))).toBe(0); // a lone continuation byte
  });

  it('agrees with node isUtf8 on random bytes', () => {
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    const pieces = [[0xc3, 0xa9], [0xe2, 0x82, 0xac], [0xf0, 0x9f, 0x8e, 0x89], [0x41]];
    for (let n = 0; n < 5000; n++) {
      const bytes: number[] = [];
      const length = random() % 12;
      for (let i = 0; i < length; i++) {
        // Mostly valid sequences, sometimes a random byte, so both outcomes are common.
        if (random() % 4 === 0) bytes.push(random() % 256);
        else bytes.push(...(pieces[random() % pieces.length] ?? []));
      }
      const buffer = Buffer.from(bytes);
      expect(firstInvalidUtf8(buffer) === -1, buffer.toString('hex')).toBe(isUtf8(buffer));
    }
  });
});
