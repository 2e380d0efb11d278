import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { seedFrom, seededRandom } from '../hash.js';

/**
 * Writing JSONL result files in constant memory, with backpressure. The file is created on the
 * first line only, so a batch without errors gets no error file at all.
 */
export interface WrittenFile {
  path: string;
  bytes: number;
}

export class LineSink {
  private stream: WriteStream | null = null;
  private path: string | null = null;
  private bytes = 0;

  constructor(private readonly newPath: () => string) {}

  async write(line: string): Promise<void> {
    if (!this.stream) {
      this.path = this.newPath();
      this.stream = createWriteStream(this.path, { mode: 0o600 });
    }
    const text = `${line}\n`;
    this.bytes += Buffer.byteLength(text);
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  async close(): Promise<WrittenFile | null> {
    if (!this.stream || !this.path) return null;
    this.stream.end();
    await finished(this.stream);
    return { path: this.path, bytes: this.bytes };
  }

  /** Abandons the file (after an error). */
  async discard(): Promise<void> {
    this.stream?.destroy();
    if (this.path) await rm(this.path, { force: true });
  }
}

/**
 * Reorders lines within consecutive windows before writing them: OpenAI's result files are not
 * in input order, and clients must join on custom_id. Deterministic per seed; memory is one window.
 */
export class WindowShuffler {
  private window: string[] = [];
  private windows = 0;

  constructor(
    private readonly sink: LineSink,
    private readonly seed: string,
    private readonly size = 64,
  ) {}

  async push(line: string): Promise<void> {
    this.window.push(line);
    if (this.window.length >= this.size) await this.flush();
  }

  async flush(): Promise<void> {
    const lines = this.window;
    this.window = [];
    if (lines.length === 0) return;
    const random = seededRandom(seedFrom(`${this.seed}:${this.windows}`));
    this.windows += 1;
    for (let i = lines.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [lines[i], lines[j]] = [lines[j] as string, lines[i] as string];
    }
    for (const line of lines) await this.sink.write(line);
  }
}
