import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomHex } from '../hash.js';
import { TERMINAL_STATUSES, type BatchRecord, type FileRecord } from '../types.js';
import { TEMP_SUFFIX, syncPath, writeFileAtomic } from './atomic-write.js';
import { DebouncedSaver } from './debounced-saver.js';
import { messageOf } from '../../api/message-of.js';

/**
 * Files and batches, in memory, persisted under `dataDir`: file contents at `files/<id>`, the
 * records in `state.json` (written atomically; debounced for the simulation's own changes, at once
 * with `persist` for what a client is told about; flushed on close). Uploads stream into `tmp/`
 * first and are moved into place only once accepted. Opening sweeps what a crash can leave:
 * `tmp/`, half-written state files, and contents no record names.
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
    this.saver = new DebouncedSaver(
      () => this.save(),
      50,
      (error) => log(`could not save state: ${String(error)}`),
    );
  }

  static async open(dataDir: string, log: (line: string) => void): Promise<Store> {
    const store = new Store(dataDir, log);
    await mkdir(join(dataDir, 'files'), { recursive: true });
    // Leftovers of uploads or result files cut short by a crash.
    await rm(join(dataDir, 'tmp'), { recursive: true, force: true });
    await mkdir(join(dataDir, 'tmp'), { recursive: true });
    await store.load();
    await store.sweepOrphans(log);
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

  /**
   * Moves a finished temporary file to `contentPath(fileId)`, durably: its content and the rename
   * are on disk before a record (and so a client) can name it.
   */
  async acceptContent(tempPath: string, fileId: string): Promise<void> {
    await syncPath(tempPath);
    await rename(tempPath, this.contentPath(fileId));
    await syncPath(join(this.dataDir, 'files'));
  }

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
      await this.persist();
      return true;
    }
    this.files.delete(id);
    // The record goes first: a crash in between leaves an orphaned content, which the next start
    // removes, never a record whose content is gone.
    await this.persist();
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

  /** Writes the state now and resolves once it is on disk: call before acknowledging a change. */
  persist(): Promise<void> {
    return this.saver.saveNow();
  }

  flush(): Promise<void> {
    return this.saver.flush();
  }

  private get statePath(): string {
    return join(this.dataDir, 'state.json');
  }

  private async save(): Promise<void> {
    const state: PersistedState = {
      version: 1,
      seq: this.seq,
      files: [...this.files.values()],
      batches: [...this.batches.values()],
    };
    await writeFileAtomic(this.statePath, JSON.stringify(state));
  }

  private async load(): Promise<void> {
    if (!existsSync(this.statePath)) return;
    let state: PersistedState;
    try {
      state = JSON.parse(await readFile(this.statePath, 'utf8')) as PersistedState;
    } catch (error) {
      throw new Error(`cannot read ${this.statePath}: ${messageOf(error)}`, {
        cause: error,
      });
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

  /**
   * Removes what a crash leaves behind: contents no record names (an upload or result file moved
   * into place, then the process died before the state naming it was written) and temporary state
   * files of an interrupted save.
   */
  private async sweepOrphans(log: (line: string) => void): Promise<void> {
    const orphans = (await readdir(join(this.dataDir, 'files')))
      .filter((name) => !this.files.has(name))
      .map((name) => join(this.dataDir, 'files', name));
    const stateTemps = (await readdir(this.dataDir))
      .filter((name) => name.startsWith('state.json.') && name.endsWith(TEMP_SUFFIX))
      .map((name) => join(this.dataDir, name));
    const leftovers = [...orphans, ...stateTemps];
    await Promise.all(leftovers.map((path) => rm(path, { recursive: true, force: true })));
    if (leftovers.length > 0)
      log(`removed ${leftovers.length} leftover file(s) of an earlier crash from ${this.dataDir}`);
  }
}
