import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { completionWindowsFrom } from '../batch-options.js';
import {
  describeFsError,
  isBatchFileName,
  listDirectory,
  resolveTypedPath,
  type BrowserEntry,
} from '../file-browser.js';
import { Observable } from '../observable.js';
import type { NewBatchOptions } from './options.js';
import type { NewBatchState } from './state.js';

/**
 * The picking step of the new-batch flow (service.ts): the directory shown, walking through it, a
 * typed path. A file picked goes to `validate`, which the flow implements.
 */
export abstract class NewBatchPicker extends Observable<NewBatchState> {
  protected readonly now: () => number;
  protected disposed = false;

  constructor(protected readonly options: NewBatchOptions) {
    const { windows, initial } = completionWindowsFrom(options.completionWindows);
    super({
      step: { name: 'picking' },
      dir: options.startDir ?? options.cwd,
      listing: null,
      dotFiles: false,
      chosen: null,
      completionWindows: windows,
      form: { completionWindow: initial, description: '' },
      notice: null,
      prepared: null,
      modelCheck: null,
    });
    this.now = options.now ?? Date.now;
  }

  /** Lists the starting directory: where the picker was last used, else (when that is gone, silently) cwd. */
  async start(): Promise<void> {
    const { startDir, cwd } = this.options;
    if (startDir && startDir !== cwd) {
      const listing = await listDirectory(startDir, { dotFiles: this.getState().dotFiles });
      if (this.disposed) return;
      if (!listing.error) {
        // Something else (a prepared file) may have shown its own directory meanwhile.
        if (!this.getState().listing) this.setState({ dir: listing.dir, listing });
        return;
      }
    }
    return this.show(cwd, false);
  }

  /**
   * Shows another directory. One that cannot be read is explained; the picker stays where it was
   * (or, the first time, shows the message with only `..` to leave by).
   */
  browse(dir: string): Promise<void> {
    return this.show(dir, true);
  }

  /** `.`: names starting with a dot are listed too, or hidden again. */
  toggleDotFiles(): Promise<void> {
    this.setState({ dotFiles: !this.getState().dotFiles });
    return this.show(this.getState().dir, false);
  }

  /** Lists `dir`; `remember`: the user went there, so the picker starts there next time. */
  protected async show(dir: string, remember: boolean): Promise<void> {
    const listing = await listDirectory(dir, { dotFiles: this.getState().dotFiles });
    if (this.disposed) return;
    const current = this.getState().listing;
    if (listing.error && current) {
      this.setState({ notice: { text: listing.error, tone: 'danger' } });
      return;
    }
    this.setState({
      dir: listing.dir,
      listing,
      notice: listing.error ? { text: listing.error, tone: 'danger' } : null,
    });
    if (remember && !listing.error) this.options.onDirectory?.(listing.dir);
  }

  up(): Promise<void> {
    return this.browse(dirname(this.getState().dir));
  }

  /** enter on a row of the picker. */
  async choose(entry: BrowserEntry): Promise<void> {
    if (entry.kind === 'jsonl') return this.validate(entry.path);
    return this.browse(entry.path);
  }

  /**
   * enter in the typed-path field: a directory is walked into, a `.jsonl` file is checked, anything
   * else is refused with the reason (the field stays open to fix it).
   */
  async openPath(text: string): Promise<'browsed' | 'checking' | 'refused'> {
    if (text.trim() === '') return 'refused';
    const path = resolveTypedPath(text, this.getState().dir);
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      this.setState({ notice: { text: describeFsError(error, path), tone: 'danger' } });
      return 'refused';
    }
    if (info.isDirectory()) {
      await this.browse(path);
      return this.getState().dir === path ? 'browsed' : 'refused';
    }
    if (!info.isFile()) {
      this.setState({ notice: { text: `${path} is not a regular file.`, tone: 'warning' } });
      return 'refused';
    }
    if (!isBatchFileName(path)) {
      this.setState({
        notice: {
          text: `${basename(path)} is not a .jsonl file: batch input files must end in .jsonl (providers refuse other names).`,
          tone: 'warning',
        },
      });
      return 'refused';
    }
    void this.validate(path);
    return 'checking';
  }

  /** Checks a picked file (the flow's next step). */
  abstract validate(path: string): Promise<void>;

  protected override setState(patch: Partial<NewBatchState>): void {
    if (!this.disposed) super.setState(patch);
  }
}
