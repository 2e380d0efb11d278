// A LineDocument held in memory, for tests of what reads documents (records, joins, search, views)
// without files or a server. `append` and `finish` play a download in progress.
import type { DocumentState, LineDocument, LineText, ReadOptions } from '../../src/core/results/types.js';
import { DEFAULT_MAX_LINE_BYTES } from '../../src/core/results/types.js';

export class MemoryDocument implements LineDocument {
  readonly path: string;
  private lines: string[] = [];
  private state: DocumentState;
  private readonly listeners = new Set<() => void>();
  private waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];

  constructor(lines: readonly string[] = [], options: { complete?: boolean; name?: string } = {}) {
    this.name = options.name ?? 'memory.jsonl';
    this.path = `/memory/${this.name}`;
    this.state = {
      lines: 0,
      bytes: 0,
      totalBytes: null,
      complete: false,
      origin: 'local',
      resumedFrom: null,
      error: null,
    };
    this.append(lines);
    if (options.complete ?? true) this.finish();
  }

  readonly name: string;

  getState = (): DocumentState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  append(lines: readonly string[]): void {
    this.lines.push(...lines);
    const bytes = this.lines.reduce((sum, l) => sum + Buffer.byteLength(l) + 1, 0);
    this.set({ lines: this.lines.length, bytes });
  }

  finish(): void {
    this.set({ complete: true, totalBytes: this.state.bytes });
    for (const w of this.waiters) w.resolve();
    this.waiters = [];
  }

  fail(error: unknown): void {
    this.set({ error });
    for (const w of this.waiters) w.reject(error);
    this.waiters = [];
  }

  async readLine(index: number, options: ReadOptions = {}): Promise<LineText> {
    const text = this.lines[index];
    if (text === undefined) throw new RangeError(`line ${index} is not indexed`);
    const max = options.maxBytes ?? DEFAULT_MAX_LINE_BYTES;
    const buf = Buffer.from(text);
    return buf.length > max
      ? { index, text: buf.subarray(0, max).toString('utf8'), bytes: buf.length, cut: true }
      : { index, text, bytes: buf.length, cut: false };
  }

  async readLines(from: number, count: number, options: ReadOptions = {}): Promise<LineText[]> {
    const out: LineText[] = [];
    for (let i = from; i < Math.min(this.lines.length, from + count); i++) out.push(await this.readLine(i, options));
    return out;
  }

  offsetOf(index: number): number {
    let offset = 0;
    for (let i = 0; i < index; i++) offset += Buffer.byteLength(this.lines[i] ?? '') + 1;
    return offset;
  }

  lineAt(offset: number): number {
    let at = 0;
    for (let i = 0; i < this.lines.length; i++) {
      at += Buffer.byteLength(this.lines[i]!) + 1;
      if (offset < at) return i;
    }
    return Math.max(0, this.lines.length - 1);
  }

  whenComplete(): Promise<void> {
    if (this.state.complete) return Promise.resolve();
    if (this.state.error) return Promise.reject(this.state.error);
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  async close(): Promise<void> {}

  private set(patch: Partial<DocumentState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }
}
