import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { chunkBatches } from '../../../src/core/results/stream-batches.js';

const chunk = (n: number, fill = 0x61) => Buffer.alloc(n, fill);

describe('chunkBatches', () => {
  it('hands over the chunks themselves, in order, batched by what arrived meanwhile', async () => {
    const parts = [chunk(3, 0x61), chunk(4, 0x62), chunk(5, 0x63)];
    const stream = new PassThrough();
    for (const part of parts) stream.write(part);
    stream.end();
    const seen: Buffer[] = [];
    for await (const batch of chunkBatches(stream, 1024)) seen.push(...batch);
    expect(Buffer.concat(seen).toString()).toBe('aaabbbbccccc');
    // Not copies: the very buffers the stream carried (a copy per byte is what this avoids).
    for (const buffer of seen) expect(parts.some((part) => part.buffer === buffer.buffer)).toBe(true);
  });

  it('pauses the stream once the read-ahead is full, and lets it flow again when a batch is taken', async () => {
    const stream = new PassThrough({ highWaterMark: 16 });
    const batches = chunkBatches(stream, 10);
    const first = batches.next();
    stream.write(chunk(6));
    stream.write(chunk(6));
    const batch = await first;
    // Taken: the stream flows again while the reader works on what it got.
    expect(stream.isPaused()).toBe(false);
    const taken = (batch.value as Buffer[]).reduce((sum, b) => sum + b.length, 0);
    stream.write(chunk(6));
    stream.write(chunk(6));
    await new Promise((resolve) => setImmediate(resolve));
    // 12 bytes waiting, over the 10 allowed: paused until the reader comes back.
    expect(stream.isPaused()).toBe(true);
    stream.end();
    let rest = 0;
    for await (const more of batches) rest += more.reduce((sum, b) => sum + b.length, 0);
    expect(taken + rest).toBe(24);
  });

  it("throws the stream's error after the bytes that came before it", async () => {
    const stream = new PassThrough();
    stream.write(chunk(4));
    setImmediate(() => stream.destroy(new Error('connection reset')));
    let bytes = 0;
    await expect(
      (async () => {
        for await (const batch of chunkBatches(stream, 1024)) bytes += batch.reduce((sum, b) => sum + b.length, 0);
      })(),
    ).rejects.toThrow('connection reset');
    expect(bytes).toBe(4);
  });

  it('calls a stream closed before its end cut short, not finished', async () => {
    const stream = new PassThrough();
    setImmediate(() => stream.destroy());
    await expect(
      (async () => {
        for await (const batch of chunkBatches(stream, 1024)) void batch;
      })(),
    ).rejects.toThrow(/closed before its end/);
  });

  it('throws an error the stream stored before the reader came', async () => {
    const stream = new PassThrough();
    stream.on('error', () => undefined);
    stream.destroy(new Error('too large'));
    await new Promise((resolve) => setImmediate(resolve));
    await expect(chunkBatches(stream, 1024).next()).rejects.toThrow('too large');
  });

  it('destroys the stream when the reader stops early, so its connection is released', async () => {
    const stream = Readable.from([chunk(2), chunk(2), chunk(2)], { objectMode: false });
    for await (const batch of chunkBatches(stream, 1024)) {
      void batch;
      break;
    }
    expect(stream.destroyed).toBe(true);
  });
});
