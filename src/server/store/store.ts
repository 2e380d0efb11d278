import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomHex } from '../hash.js';
import { TERMINAL_STATUSES, type BatchRecord, type FileRecord } from '../types.js';
import { writeFileAtomic } from './atomic-write.js';
import { DebouncedSaver } from './debounced-saver.js';

/**
 * Files and batches, in memory, persisted under `dataDir`: file contents at `files/<id>`, the
 * records in `state.json` (written atomically, debounced, flushed on close). Uploads stream into
 * `tmp/` first and are renamed into place only once accepted.
 *
 * Every method is synchronous apart from disk I/O, so parallel requests cannot interleave halfway
 * through an update.
 */

interface PersistedState {
  version: 1;
  seq: number;
  files: FileRecord[];
  batches: BatchRecord[];
}

export class Store {
  private readonly files = new Map<string, FileRecord>();
  private readonly batches = new Map<string, BatchRecord>();
  private seq = 0;
  private readonly saver: DebouncedSaver;

  private constructor(
    readonly dataDir: string,
    log: (line: string) => void,
  ) {
    this.saver = new DebouncedSaver(() => this.save(), 50, (error) => log(`could not save state: ${String(error)}`));
  }

  static async open(dataDir: string, log: (line: string) => void): Promise<Store> {
    const store = new Store(dataDir, log);
    await mkdir(join(dataDir, 'files'), { recursive: true });
    // Leftovers of uploads or result files cut short by a crash.
    await rm(join(dataDir, 'tmp'), { recursive: true, force: true });
    await mkdir(join(dataDir, 'tmp'), { recursive: true });
    await store.load();
    await store.collectGarbage();
    return store;
  }

  // ---- paths

  contentPath(fileId: string): string {
    return join(this.dataDir, 'files', fileId);
  }

  tempPath(): string {
    return join(this.dataDir, 'tmp', randomHex(12));
  }

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  // ---- files

  /** Registers a file whose content is already at `contentPath(record.id)`. */
  addFile(record: Omit<FileRecord, 'seq'>): FileRecord {
    const full: FileRecord = { ...record, seq: this.nextSeq() };
    this.files.set(full.id, full);
    this.changed();
    return full;
  }

  /** A file the API can see (deleted ones are not). */
  getFile(id: string): FileRecord | undefined {
    const file = this.files.get(id);
    return file && !file.deleted ? file : undefined;
  }

  listFiles(): FileRecord[] {
    return [...this.files.values()].filter((f) => !f.deleted);
  }

  /**
   * Deletes a file for the API at once. Its content stays on disk while a running batch still
   * reads it (its results are written from it), and goes with `collectGarbage`.
   */
  async deleteFile(id: string): Promise<boolean> {
    const file = this.getFile(id);
    if (!file) return false;
    if (this.inUse(id)) {
      file.deleted = true;
      this.changed();
      return true;
    }
    this.files.delete(id);
    this.changed();
    await rm(this.contentPath(id), { force: true });
    return true;
  }

  /** Removes deleted files no running batch needs any more. */
  async collectGarbage(): Promise<void> {
    const gone = [...this.files.values()].filter((f) => f.deleted && !this.inUse(f.id));
    for (const file of gone) this.files.delete(file.id);
    if (gone.length > 0) this.changed();
    await Promise.all(gone.map((f) => rm(this.contentPath(f.id), { force: true })));
  }

  private inUse(fileId: string): boolean {
    for (const batch of this.batches.values()) {
      if (batch.inputFileId === fileId && !TERMINAL_STATUSES.has(batch.status)) return true;
    }
    return false;
  }

  // ---- batches

  addBatch(record: Omit<BatchRecord, 'seq'>): BatchRecord {
    const full: BatchRecord = { ...record, seq: this.nextSeq() };
    this.batches.set(full.id, full);
    this.changed();
    return full;
  }

  getBatch(id: string): BatchRecord | undefined {
    return this.batches.get(id);
  }

  listBatches(): BatchRecord[] {
    return [...this.batches.values()];
  }

  // ---- persistence

  /** Call after changing a record so the change reaches disk. */
  changed(): void {
    this.saver.schedule();
  }

  flush(): Promise<void> {
    return this.saver.flush();
  }

  private get statePath(): string {
    return join(this.dataDir, 'state.json');
  }

  private async save(): Promise<void> {
    const state: PersistedState = { version: 1, seq: this.seq, files: [...this.files.values()], batches: [...this.batches.values()] };
    await writeFileAtomic(this.statePath, JSON.stringify(state));
  }

  private async load(): Promise<void> {
    if (!existsSync(this.statePath)) return;
    let state: PersistedState;
    try {
      state = JSON.parse(await readFile(this.statePath, 'utf8')) as PersistedState;
    } catch (error) {
      throw new Error(`cannot read ${this.statePath}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    if (state.version !== 1 || !Array.isArray(state.files) || !Array.isArray(state.batches)) {
      throw new Error(`${this.statePath} is not a fizz-batch server state (version 1)`);
    }
    this.seq = state.seq;
    const present = new Set(await readdir(join(this.dataDir, 'files')));
    for (const file of state.files) {
      // A record whose content vanished (deleted by hand) would only answer errors later.
      if (present.has(file.id)) this.files.set(file.id, file);
    }
    for (const batch of state.batches) this.batches.set(batch.id, batch);
  }
}
