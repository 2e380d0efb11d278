// `s` and `J` in the pager: one save (or joined export) at a time, its progress, and the questions
// before an existing file is replaced or a missing directory made. Nothing partial is ever saved:
// the document must be complete, and the writing itself is atomic (save.ts, joined.ts).
import { mkdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { describeFsError, resolveTypedPath } from '../../file-browser.js';
import type { SavePlaces } from '../../places.js';
import type { InputIndex } from '../input-index.js';
import { exportJoined } from '../joined.js';
import { checkSaveTarget, destinationExists, saveDocument } from '../save.js';
import { messageOf } from '../../../api/index.js';
import { share, throttle } from './format.js';
import type { LineDocument, ScanProgress } from '../types.js';

/** `s` saves the file as it is; `J` writes it joined with the input (custom_id, request, response, error). */
export type SaveWhat = 'file' | 'joined';

export type TaskState =
  | { what: SaveWhat; status: 'running'; path: string; bytes: number; totalBytes: number | null }
  /** The destination exists: the screen asks before overwriting it. */
  | { what: SaveWhat; status: 'exists'; path: string }
  /** The destination's directory does not exist: the screen asks before creating it. */
  | { what: SaveWhat; status: 'noDirectory'; path: string; dir: string }
  | { what: SaveWhat; status: 'done'; path: string; bytes: number; lines: number | null; withoutInput: number | null }
  | { what: SaveWhat; status: 'failed'; path: string; error: string }
  | { what: SaveWhat; status: 'cancelled'; path: string };

export interface SaveTasksOptions {
  document: LineDocument;
  input: { document: LineDocument; index: InputIndex } | null;
  /** Where a save is proposed (and relative paths are taken from), told where each save went. */
  places: SavePlaces;
  /** The task as the pager shows it now, and where a new state goes. */
  task: () => TaskState | null;
  report: (task: TaskState) => void;
}

type Written = { path: string; bytes: number; lines: number | null; withoutInput: number | null } | 'exists';

export class SaveTasks {
  private abort: AbortController | null = null;

  constructor(private readonly options: SaveTasksOptions) {}

  /** A save or export is being written (esc cancels it). */
  get running(): boolean {
    return this.abort !== null;
  }

  /** The file's name (or id) in the proposed directory (see Places.proposeSaveDir). */
  defaultPath(what: SaveWhat): string {
    const name = basename(this.options.document.name).replace(/\.jsonl$/i, '') || 'results';
    return join(this.options.places.proposeSaveDir(), `${what === 'joined' ? `${name}-joined` : name}.jsonl`);
  }

  /**
   * Saves to `path`: from the root, from home (`~`), or from the proposed directory. Without
   * `overwrite` an existing file is not touched (the task says 'exists'); without `createDir` a
   * missing directory is not made (the task says 'noDirectory'): the screen asks either time.
   */
  async save(what: SaveWhat, path: string, { overwrite = false, createDir = false } = {}): Promise<void> {
    const { document, places, report } = this.options;
    if (this.options.task()?.status === 'running') return;
    const dest = resolveTypedPath(path, places.proposeSaveDir());
    const state = document.getState();
    if (resolve(dest) === resolve(document.path)) {
      report({
        what,
        status: 'failed',
        path: dest,
        error: `Not saved: ${dest} is the file shown here; choose another path.`,
      });
      return;
    }
    if (!state.complete) {
      const why = state.error
        ? `the download stopped at ${share(state)} (r retries)`
        : `the download is at ${share(state)}`;
      report({
        what,
        status: 'failed',
        path: dest,
        error: `Not saved: ${why}. A partial file is never saved as the whole.`,
      });
      return;
    }
    const dir = dirname(dest);
    if (await isMissing(dir)) {
      if (!createDir) {
        report({ what, status: 'noDirectory', path: dest, dir });
        return;
      }
      try {
        await mkdir(dir, { recursive: true });
      } catch (error) {
        report({ what, status: 'failed', path: dest, error: `Not saved: ${describeFsError(error, dir, 'create')}` });
        return;
      }
    }
    // A directory, FIFO, socket or device is refused now: "overwrite it?" would be the wrong question.
    try {
      await checkSaveTarget(dest);
    } catch (error) {
      report({ what, status: 'failed', path: dest, error: messageOf(error) });
      return;
    }
    if (!overwrite && (await destinationExists(dest))) {
      report({ what, status: 'exists', path: dest });
      return;
    }
    const controller = new AbortController();
    this.abort = controller;
    const publish = throttle(100);
    report({ what, status: 'running', path: dest, bytes: 0, totalBytes: state.totalBytes ?? state.bytes });
    const onProgress = (progress: ScanProgress) => {
      const task = this.options.task();
      if (this.abort !== controller || !publish() || task?.status !== 'running') return;
      report({ ...task, bytes: progress.scannedBytes });
    };
    try {
      const result =
        what === 'file'
          ? await this.saveFile(dest, overwrite, controller.signal, onProgress)
          : await this.exportJoined(dest, overwrite, controller.signal, onProgress);
      if (this.abort !== controller) return;
      if (result !== 'exists') places.rememberSaveDir(dirname(result.path));
      report(result === 'exists' ? { what, status: 'exists', path: dest } : { what, status: 'done', ...result });
    } catch (error) {
      if (this.abort !== controller) return;
      report(
        controller.signal.aborted
          ? { what, status: 'cancelled', path: dest }
          : { what, status: 'failed', path: dest, error: messageOf(error) },
      );
    } finally {
      if (this.abort === controller) this.abort = null;
    }
  }

  /** "exists — overwrite?" answered no: the file stays as it is. */
  declineOverwrite(): void {
    const task = this.options.task();
    if (task?.status === 'exists') this.options.report({ what: task.what, status: 'cancelled', path: task.path });
  }

  /** Stops the save running, if one is; what was written so far is removed. */
  cancel(): boolean {
    if (!this.abort) return false;
    this.abort.abort();
    return true;
  }

  private async saveFile(
    dest: string,
    overwrite: boolean,
    signal: AbortSignal,
    onProgress: (progress: ScanProgress) => void,
  ): Promise<Written> {
    const outcome = await saveDocument(this.options.document, dest, { overwrite, signal, onProgress });
    if (outcome.status === 'exists') return 'exists';
    return {
      path: outcome.path,
      bytes: outcome.bytes,
      lines: this.options.document.getState().lines,
      withoutInput: null,
    };
  }

  private async exportJoined(
    dest: string,
    overwrite: boolean,
    signal: AbortSignal,
    onProgress: (progress: ScanProgress) => void,
  ): Promise<Written> {
    const { document, input } = this.options;
    const result = await exportJoined({
      sources: [document],
      input: input?.index ?? null,
      inputDoc: input?.document ?? null,
      dest,
      overwrite,
      signal,
      onProgress,
    });
    if (result.status === 'exists') return 'exists';
    return {
      path: result.path,
      bytes: result.bytes,
      lines: result.counts.lines,
      withoutInput: input ? result.counts.withoutInput : null,
    };
  }
}

/** Nothing at all is at `path` (a file there is not "missing": writing into it fails with its own reason). */
async function isMissing(path: string): Promise<boolean> {
  try {
    await stat(path);
    return false;
  } catch (error) {
    return (error as { code?: unknown } | null)?.code === 'ENOENT';
  }
}
