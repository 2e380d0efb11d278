import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { isApiError, type Batch, type BatchClient, type FileObject } from '../api/index.js';
import { batchMetadata, batchOptionsProblem, completionWindowsFrom, metadataProblem } from './batch-options.js';
import { findCreatedBatch } from './created-batch.js';
import {
  describeFsError,
  isBatchFileName,
  listDirectory,
  resolveTypedPath,
  type BrowserEntry,
  type DirListing,
} from './file-browser.js';
import type { ModelsService } from './models.js';
import { Observable } from './observable.js';
import {
  MODEL_NOT_OFFERED,
  validateBatchFile,
  withOfferedModels,
  type ModelsPerFile,
  type ValidationReport,
} from './validate/index.js';

/**
 * The new-batch flow of the console as a service outside React: pick a file,
 * check it, fill the form, upload, create. The screen shows `state` and calls the methods; every
 * rule lives here — above all that nothing is uploaded while the report has errors, and that a
 * cancelled upload leaves nothing behind on the server.
 *
 *   picking → validating → report → form → uploading → creating → done
 *                 ↓ esc       ↓ esc   ↓ esc     ↓ esc (cancelling → form)   ↓ failure
 *              picking     picking  report     error(upload) ⟲ r     error(create) ⟲ r
 *
 * While the user is asked whether to quit (holdCreate), a finished upload waits in `uploaded`:
 * staying (releaseCreate) creates the batch, quitting (quit) leaves it uncreated.
 */

export interface UploadProgress {
  sent: number;
  total: number;
  /** Over the last few seconds; null until there is enough to measure. */
  bytesPerSecond: number | null;
  etaSeconds: number | null;
}

export type NewBatchStep =
  | { name: 'picking' }
  | { name: 'validating'; path: string; bytesRead: number; totalBytes: number }
  | { name: 'report'; path: string; report: ValidationReport }
  | { name: 'form'; path: string; report: ValidationReport }
  | { name: 'uploading'; path: string; report: ValidationReport; progress: UploadProgress }
  /** The upload was aborted; waiting for it to settle (and removing a file that got through). */
  | { name: 'cancelling'; path: string; report: ValidationReport }
  /** Uploaded while the user is asked whether to quit: the batch is created only when they stay. */
  | { name: 'uploaded'; path: string; report: ValidationReport; file: FileObject }
  /** `looking`: an earlier create got no answer, and the job list is read for the batch it may have made. */
  | { name: 'creating'; path: string; report: ValidationReport; file: FileObject; looking?: boolean }
  /**
   * `createMayExist`: the create got no answer (a lost connection, a timeout, a 5xx), so the batch
   * may exist; `r` looks for it before creating, and the file is not deleted unless none uses it.
   * Stage `lookup`: that look could not tell — whether the batch exists is unknown, and nothing is
   * created or deleted until the job list says.
   */
  | {
      name: 'error';
      stage: 'upload' | 'create' | 'lookup';
      path: string;
      report: ValidationReport;
      error: unknown;
      file: FileObject | null;
      createMayExist?: boolean;
    }
  | { name: 'done'; batch: Batch; file: FileObject };

export type StepName = NewBatchStep['name'];

/**
 * The file's models against the provider's list. The report shows at once and gains the check when
 * the list arrives; it never waits for it and never blocks on it.
 */
export type ModelCheck =
  | { status: 'checking' }
  /** `missing`: models of the file the provider does not list (each a warning in the report). */
  | { status: 'checked'; missing: number }
  /** The list could not be had (an error, a provider without /v1/models, an empty list). */
  | { status: 'unavailable'; reason: string };

export interface NewBatchForm {
  completionWindow: string;
  description: string;
}

export interface Notice {
  text: string;
  tone: 'info' | 'success' | 'warning' | 'danger';
}

export interface NewBatchState {
  step: NewBatchStep;
  /** The picker's directory and what is in it; kept through the later steps so back returns there. */
  dir: string;
  listing: DirListing | null;
  /** Names starting with a dot are listed (`.` in the picker toggles it). */
  dotFiles: boolean;
  /** The file picked last: the picker selects it again when the user comes back. */
  chosen: string | null;
  completionWindows: readonly string[];
  form: NewBatchForm;
  /** One line of news (a cancelled upload, an unreadable directory), cleared by the next step. */
  notice: Notice | null;
  /** A file prepared elsewhere (resubmit) and the metadata its batch carries; dropped when another file is picked. */
  prepared: PreparedFile | null;
  /** The models check of the report shown; null when there is none (no list to ask, no models named). */
  modelCheck: ModelCheck | null;
}

export interface PreparedFile {
  path: string;
  /** Stored on the created batch beside the description, e.g. { resubmit_of: 'batch_abc' }. */
  metadata: Readonly<Record<string, string>>;
  /** What the form was prefilled with. */
  description: string;
}

export interface PreparedOptions {
  /** Prefilled in the form (the user may change it). */
  description?: string;
  metadata?: Record<string, string>;
}

export interface NewBatchOptions {
  client: BatchClient;
  /** Where the picker starts when it has not been used before (or that directory is gone). */
  cwd: string;
  /** Where the picker was last used (remembered per profile); it starts there when it can. */
  startDir?: string | null;
  /** Told the directory the user walked into, or picked a file in, to remember it for next time. */
  onDirectory?: (dir: string) => void;
  /** The profile's windows; the first is the default. Default ['24h']. */
  completionWindows?: readonly string[];
  /** The profile's limits for the validator (its defaults otherwise: 50,000 and 200 MB). */
  maxRequests?: number;
  maxBytes?: number;
  /** How many models the provider takes in one file (default: unknown, so several is a warning). */
  modelsPerFile?: ModelsPerFile;
  /** The provider's models (GET /v1/models, shared with the models screen); without it models are not checked. */
  models?: ModelsService;
  /** Extra upload attempts after a lost connection or a 5xx (the client's default otherwise). */
  uploadRetries?: number;
  /** Keep what the server sent for the created batch under `raw` (for `--json --raw`); never for the console. */
  keepRaw?: boolean;
  /** Told once, when the batch exists (the console puts it into the job list). */
  onCreated?: (batch: Batch) => void;
  /** Progress is published at most this often (the last byte always is). Default 100 ms. */
  progressIntervalMs?: number;
  /**
   * Upload while the file is checked (`submit` for scripts, where no one reads the report before
   * going on): one pass instead of two, so a big file goes up as fast as it is read. The upload
   * keeps its last bytes back until `submit()`; a report with errors, a cancel or anything else
   * stops it, and the server, never having had a whole file, keeps nothing.
   */
  uploadWhileChecking?: boolean;
  now?: () => number;
}

/** The window over which the upload rate is measured. */
const RATE_WINDOW_MS = 3000;
/** Shorter than this, a rate is noise. */
const MIN_RATE_SPAN_MS = 250;

export class NewBatchService extends Observable<NewBatchState> {
  private readonly now: () => number;
  /** Bumped by every new operation and every cancel: a settled promise of an older run is ignored. */
  private run = 0;
  private abort: AbortController | null = null;
  private disposed = false;
  /** The user is being asked whether to quit: nothing is created until they answer. */
  private createHeld = false;
  /** When the first create of an uploaded file was sent: a lost answer is looked for from there on. */
  private firstCreate: { fileId: string; at: number } | null = null;
  /** The upload started with the check (uploadWhileChecking), waiting for submit() to complete it. */
  private early: EarlyUpload | null = null;

  constructor(private readonly options: NewBatchOptions) {
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

  // --- picking -------------------------------------------------------------------------------

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
  private async show(dir: string, remember: boolean): Promise<void> {
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

  /**
   * Starts from a file prepared elsewhere (resubmit): it is checked like a picked one, the form
   * starts with the description, and the batch carries the metadata besides the description.
   * False (with a notice) when the metadata breaks OpenAI's limits.
   */
  async startWithFile(path: string, options: PreparedOptions = {}): Promise<boolean> {
    const metadata = { ...options.metadata };
    const description = options.description?.trim() ?? '';
    const problem = metadataProblem({ ...metadata, ...(description ? { description } : {}) });
    if (problem) {
      this.setState({ notice: { text: problem, tone: 'danger' } });
      return false;
    }
    this.setState({ prepared: { path, metadata, description }, form: { ...this.getState().form, description } });
    // Made elsewhere (the cache): not a directory the user chose, so not one to remember.
    await this.check(path, false);
    return true;
  }

  // --- validating and the report -------------------------------------------------------------

  /**
   * The user picked a file: checks the whole file, streamed; the report follows, or the picker with
   * the reason it could not be read. Its directory is where the picker starts next time.
   */
  validate(path: string): Promise<void> {
    return this.check(path, true);
  }

  private async check(path: string, remember: boolean): Promise<void> {
    const token = this.begin();
    const controller = new AbortController();
    this.abort = controller;
    const parent = dirname(path);
    this.forgetPreparedUnless(path);
    this.setState({
      step: { name: 'validating', path, bytesRead: 0, totalBytes: 0 },
      chosen: path,
      notice: null,
      modelCheck: null,
    });
    // The picker comes back to the file's own directory (a typed path may have been elsewhere).
    if (parent !== this.getState().dir) void this.show(parent, remember);
    else if (remember) this.options.onDirectory?.(parent);
    const publish = this.throttle();
    if (this.options.uploadWhileChecking) this.early = this.startEarlyUpload(path);
    try {
      const report = await validateBatchFile(path, {
        ...(this.options.maxRequests ? { maxRequests: this.options.maxRequests } : {}),
        ...(this.options.maxBytes ? { maxBytes: this.options.maxBytes } : {}),
        ...(this.options.modelsPerFile ? { modelsPerFile: this.options.modelsPerFile } : {}),
        signal: controller.signal,
        onProgress: (bytesRead, totalBytes) => {
          if (token !== this.run || !publish(bytesRead >= totalBytes)) return;
          this.setState({ step: { name: 'validating', path, bytesRead, totalBytes } });
        },
      });
      if (token !== this.run) return;
      this.setState({ step: { name: 'report', path, report } });
      void this.checkModels(token, path, report);
    } catch (error) {
      if (token !== this.run) return;
      this.setState({
        step: { name: 'picking' },
        notice: { text: error instanceof Error ? error.message : String(error), tone: 'danger' },
      });
    } finally {
      if (this.abort === controller) this.abort = null;
    }
  }

  /**
   * Adds the provider's verdict on the file's models to the report, when the list arrives (at once
   * when the models screen loaded it already). The user may go on meanwhile: the report, or the
   * form if they went on, gains the warnings; once the upload started it is too late to matter.
   */
  private async checkModels(token: number, path: string, report: ValidationReport): Promise<void> {
    const source = this.options.models;
    if (!source || report.models.length === 0) return;
    this.setState({ modelCheck: { status: 'checking' } });
    const listed = await source.settled();
    const { step } = this.getState();
    if (token !== this.run || (step.name !== 'report' && step.name !== 'form') || step.path !== path) return;
    if (!listed.models || listed.models.length === 0) {
      // No list is no evidence: saying every model is missing would be a false alarm.
      const reason = listed.models ? 'the provider lists no models' : errorText(listed.error);
      this.setState({ modelCheck: { status: 'unavailable', reason } });
      return;
    }
    const checked = withOfferedModels(
      step.report,
      listed.models.map((m) => m.id),
    );
    const missing = checked.counts[MODEL_NOT_OFFERED] ?? 0;
    // The user went on before the list came: the form says it, since the report is behind them.
    const late = step.name === 'form' && missing > 0;
    const models = missing === 1 ? '1 model of the file is' : `${missing} models of the file are`;
    this.setState({
      step: { ...step, report: checked },
      modelCheck: { status: 'checked', missing },
      ...(late
        ? {
            notice: {
              text: `${models} not offered by this provider: their requests would fail with model_not_found. esc shows the report.`,
              tone: 'warning' as const,
            },
          }
        : {}),
    });
  }

  /** enter on the report: on to the form, unless the file has errors. */
  proceed(): boolean {
    const { step } = this.getState();
    if (step.name !== 'report') return false;
    if (step.report.errorCount > 0) {
      this.setState({
        notice: {
          text: 'The file has errors: fix them and pick it again. Nothing is uploaded while the report has errors.',
          tone: 'danger',
        },
      });
      return false;
    }
    this.setState({ step: { name: 'form', path: step.path, report: step.report }, notice: null });
    return true;
  }

  // --- the form and the upload ---------------------------------------------------------------

  setForm(patch: Partial<NewBatchForm>): void {
    this.setState({ form: { ...this.getState().form, ...patch } });
  }

  /** Starts the upload with the form as it is. Refused (with a notice) when something is wrong. */
  submit(): boolean {
    const { step, form, completionWindows } = this.getState();
    if (step.name !== 'form') return false;
    if (step.report.errorCount > 0 || !step.report.endpoint) {
      this.setState({ notice: { text: 'The file has errors: nothing is uploaded.', tone: 'danger' } });
      return false;
    }
    const problem = batchOptionsProblem({
      completionWindow: form.completionWindow,
      windows: completionWindows,
      metadata: this.metadataFor(step.path, form.description),
    });
    if (problem) {
      this.setState({ notice: { text: problem, tone: 'warning' } });
      return false;
    }
    void this.upload(step.path, step.report);
    return true;
  }

  /** r after a failure: the upload again from the start, or the create again with the file already uploaded. */
  retry(): boolean {
    const { step } = this.getState();
    if (step.name !== 'error') return false;
    if (step.stage !== 'upload' && step.file)
      void this.create(step.path, step.report, step.file, this.begin(), step.createMayExist === true);
    else void this.upload(step.path, step.report);
    return true;
  }

  /**
   * esc/q during a check or an upload. An upload is aborted mid-body, so the server never gets a
   * whole file; should the last byte have gone out already, the file the server kept is deleted.
   */
  cancel(): boolean {
    const { step } = this.getState();
    if (step.name === 'validating') {
      this.begin();
      this.setState({ step: { name: 'picking' }, notice: { text: 'Check cancelled.', tone: 'info' } });
      return true;
    }
    if (step.name === 'uploading') {
      this.begin();
      this.setState({ step: { name: 'cancelling', path: step.path, report: step.report } });
      return true;
    }
    return false;
  }

  /**
   * ctrl-c asked "Quit?": until the answer, an upload that finishes does not go on to create the
   * batch — the user may be about to leave, and a batch costs money.
   */
  holdCreate(): void {
    this.createHeld = true;
  }

  /** The user stays: a file uploaded meanwhile becomes the batch now. */
  releaseCreate(): void {
    this.createHeld = false;
    const { step } = this.getState();
    if (step.name === 'uploaded') void this.create(step.path, step.report, step.file, this.run, false);
  }

  /**
   * The user quits: an upload is aborted (the server keeps nothing) and nothing is created from
   * here on. Returns what the user should know afterwards: a file uploaded with no batch made
   * of it (it stays on the server), or null.
   */
  quit(): string | null {
    this.createHeld = true;
    const { step } = this.getState();
    if (step.name === 'uploaded') {
      this.begin();
      const text = `The file was uploaded as ${step.file.id}, but no batch was created (you quit before it was). It stays on the server: the files screen (f) can delete it or make a batch of it.`;
      this.setState({
        step: { name: 'form', path: step.path, report: step.report },
        notice: { text, tone: 'warning' },
      });
      return text;
    }
    this.cancel();
    return null;
  }

  /** One step back; false on the picker (the screen is left then). */
  back(): boolean {
    const { step } = this.getState();
    switch (step.name) {
      case 'picking':
        return false;
      case 'validating':
      case 'uploading':
        return this.cancel();
      case 'report':
        this.dropEarly();
        this.setState({ step: { name: 'picking' }, notice: null });
        return true;
      case 'form':
        this.setState({ step: { name: 'report', path: step.path, report: step.report }, notice: null });
        return true;
      case 'error':
        if (step.stage !== 'upload' && step.file)
          void this.abandonUploaded(step.path, step.report, step.file, step.createMayExist === true);
        else this.setState({ step: { name: 'form', path: step.path, report: step.report }, notice: null });
        return true;
      default:
        // cancelling, creating: a moment; done: the screen moves on.
        return true;
    }
  }

  /** The news line has been read (the user moved on). */
  clearNotice(): void {
    if (this.getState().notice) this.setState({ notice: null });
  }

  /** Stops whatever runs (an upload is aborted, so the server keeps nothing) and ignores what settles later. */
  dispose(): void {
    this.disposed = true;
    this.begin();
    this.clearListeners();
  }

  protected override setState(patch: Partial<NewBatchState>): void {
    if (!this.disposed) super.setState(patch);
  }

  // --- internals -----------------------------------------------------------------------------

  /** The prepared metadata belongs to its file: picking another drops it (and the description it brought). */
  private forgetPreparedUnless(path: string): void {
    const { prepared, form } = this.getState();
    if (!prepared || prepared.path === path) return;
    this.setState({
      prepared: null,
      form: form.description === prepared.description ? { ...form, description: '' } : form,
    });
  }

  /** What the created batch carries: the prepared file's metadata, and the description when there is one. */
  private metadataFor(path: string, description: string): Record<string, string> {
    const { prepared } = this.getState();
    return batchMetadata(description, prepared?.path === path ? prepared.metadata : {});
  }

  /** A new run: aborts the previous one and returns the token of this one. */
  private begin(): number {
    this.dropEarly();
    this.abort?.abort();
    this.abort = null;
    this.run += 1;
    return this.run;
  }

  /** Lets progress through at most every progressIntervalMs, and always the last one. */
  private throttle(): (last: boolean) => boolean {
    const interval = this.options.progressIntervalMs ?? 100;
    let previous = -Infinity;
    return (last) => {
      const at = this.now();
      if (!last && at - previous < interval) return false;
      previous = at;
      return true;
    };
  }

  /** The upload of a file being checked: its last bytes wait for submit() (see uploadWhileChecking). */
  private startEarlyUpload(path: string): EarlyUpload {
    let release: () => void = () => undefined;
    let refuse: (reason: Error) => void = () => undefined;
    const hold = new Promise<void>((resolve, reject) => {
      release = resolve;
      refuse = reject;
    });
    // Refused before the upload got to its end, the hold has no one waiting on it yet.
    hold.catch(() => undefined);
    const controller = new AbortController();
    const listener: EarlyUpload['listener'] = { progress: () => undefined, last: null };
    const file = this.options.client.uploadFile(path, {
      purpose: 'batch',
      signal: controller.signal,
      holdLastBytes: hold,
      ...(this.options.uploadRetries !== undefined ? { retries: this.options.uploadRetries } : {}),
      onProgress: (bytes, size) => {
        listener.last = [bytes, size];
        listener.progress(bytes, size);
      },
    });
    // Dropped uploads end in a rejection nobody waits for.
    file.catch(() => undefined);
    const stop = () => {
      refuse(new Error('the upload was not to complete'));
      controller.abort();
    };
    return { path, release, stop, listener, file };
  }

  private dropEarly(): void {
    this.early?.stop();
    this.early = null;
  }

  private async upload(path: string, report: ValidationReport): Promise<void> {
    // The upload that began with the check goes on, now allowed to complete; any other is dropped.
    const early = this.early?.path === path ? this.early : null;
    if (early) this.early = null;
    const token = this.begin();
    const controller = new AbortController();
    this.abort = controller;
    const startedSec = Math.floor(this.now() / 1000);
    const rate = new RateMeter(this.now);
    const publish = this.throttle();
    let sent = 0;
    let total = report.bytes;
    this.setState({
      step: { name: 'uploading', path, report, progress: { sent: 0, total, bytesPerSecond: null, etaSeconds: null } },
      notice: null,
    });
    const onProgress = (bytes: number, size: number) => {
      sent = bytes;
      total = size;
      const perSecond = rate.add(bytes);
      if (token !== this.run || !publish(bytes >= size)) return;
      const eta = perSecond && perSecond > 0 ? (size - bytes) / perSecond : null;
      this.setState({
        step: {
          name: 'uploading',
          path,
          report,
          progress: { sent: bytes, total: size, bytesPerSecond: perSecond, etaSeconds: eta },
        },
      });
    };
    try {
      let file: FileObject;
      if (early) {
        early.listener.progress = onProgress;
        if (early.listener.last) onProgress(...early.listener.last);
        controller.signal.addEventListener('abort', early.stop, { once: true });
        early.release();
        file = await early.file;
      } else {
        file = await this.options.client.uploadFile(path, {
          purpose: 'batch',
          signal: controller.signal,
          ...(this.options.uploadRetries !== undefined ? { retries: this.options.uploadRetries } : {}),
          onProgress,
        });
      }
      if (token !== this.run) {
        // Cancelled (or left) after the server had stored it: it must not stay behind.
        await this.options.client.deleteFile(file.id).catch(() => undefined);
        this.cancelled(token, path, report);
        return;
      }
      if (this.createHeld) {
        this.setState({ step: { name: 'uploaded', path, report, file } });
        return;
      }
      await this.create(path, report, file, token, false);
    } catch (error) {
      if (token !== this.run) {
        // Every byte went out before the abort: the server may have kept the file after all.
        if (sent > 0 && sent >= total) await this.removeStray(basename(path), total, startedSec);
        this.cancelled(token, path, report);
        return;
      }
      this.setState({ step: { name: 'error', stage: 'upload', path, report, error, file: null } });
    } finally {
      if (this.abort === controller) this.abort = null;
    }
  }

  /** After a cancel settled: back to the form, saying so — unless something newer took over. */
  private cancelled(token: number, path: string, report: ValidationReport): void {
    const { step } = this.getState();
    if (this.disposed || step.name !== 'cancelling' || this.run !== token + 1) return;
    this.setState({
      step: { name: 'form', path, report },
      notice: { text: 'Upload cancelled — nothing was created.', tone: 'warning' },
    });
  }

  /** `mayExist`: an earlier create of this file got no answer; the batch it may have made is looked for first. */
  private async create(
    path: string,
    report: ValidationReport,
    file: FileObject,
    token: number,
    mayExist: boolean,
  ): Promise<void> {
    const { form } = this.getState();
    const metadata = this.metadataFor(path, form.description);
    if (mayExist) {
      this.setState({ step: { name: 'creating', path, report, file, looking: true }, notice: null });
      const lookup = await findCreatedBatch(this.options.client, file.id, {
        since: this.createSince(file),
        keepRaw: this.options.keepRaw,
      });
      if (token !== this.run) return;
      if (lookup.status === 'found') return this.created(lookup.batch, file);
      if (lookup.status === 'unknown') {
        // Creating again could start (and bill) the same batch twice: the user checks the job list.
        this.setState({
          step: {
            name: 'error',
            stage: 'lookup',
            path,
            report,
            error: new Error(unknownOutcome(lookup.reason)),
            file,
            createMayExist: true,
          },
        });
        return;
      }
    }
    this.setState({ step: { name: 'creating', path, report, file }, notice: null });
    if (this.firstCreate?.fileId !== file.id) this.firstCreate = { fileId: file.id, at: this.now() };
    try {
      const batch = await this.options.client.createBatch(
        {
          inputFileId: file.id,
          endpoint: report.endpoint!,
          completionWindow: form.completionWindow,
          ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
        },
        { keepRaw: this.options.keepRaw },
      );
      if (token !== this.run) return;
      this.created(batch, file);
    } catch (error) {
      if (token !== this.run) return;
      this.setState({
        step: {
          name: 'error',
          stage: 'create',
          path,
          report,
          error,
          file,
          createMayExist: createMayHaveHappened(error),
        },
      });
    }
  }

  private created(batch: Batch, file: FileObject): void {
    this.setState({ step: { name: 'done', batch, file }, notice: null });
    this.options.onCreated?.(batch);
  }

  /** Where the lookup for a lost create starts: the first attempt with this file (now, if none is known). */
  private createSince(file: FileObject): number {
    return this.firstCreate?.fileId === file.id ? this.firstCreate.at : this.now();
  }

  /**
   * Leaving after a failed create: the uploaded file goes too — but only when no batch can be using
   * it. After a refusal that is known; after a lost answer only a job list that shows no batch made
   * of it says so, and while that cannot be read the file is kept.
   */
  private async abandonUploaded(
    path: string,
    report: ValidationReport,
    file: FileObject,
    mayExist: boolean,
  ): Promise<void> {
    const token = this.begin();
    if (mayExist) {
      this.setState({
        step: { name: 'form', path, report },
        notice: { text: `Looking for a batch made of ${file.id} before removing it…`, tone: 'info' },
      });
      const lookup = await findCreatedBatch(this.options.client, file.id, {
        since: this.createSince(file),
        keepRaw: this.options.keepRaw,
      });
      if (token !== this.run) return;
      if (lookup.status === 'found') return this.created(lookup.batch, file);
      if (lookup.status === 'unknown') {
        // Said first, as the line may be cut: what is unknown, and that the file stays.
        this.setState({
          notice: {
            text: `Unknown whether the batch was created — check the job list; ${file.id} is kept (a batch may use it). ${lookup.reason}`,
            tone: 'warning',
          },
        });
        return;
      }
    }
    this.setState({
      step: { name: 'form', path, report },
      notice: { text: `Removing the uploaded file ${file.id}…`, tone: 'info' },
    });
    try {
      await this.options.client.deleteFile(file.id);
      if (token === this.run)
        this.setState({
          notice: { text: `The batch was not created; the uploaded file ${file.id} was removed.`, tone: 'info' },
        });
    } catch (error) {
      if (token === this.run) {
        const reason = error instanceof Error ? error.message : String(error);
        this.setState({
          notice: {
            text: `The batch was not created, and ${file.id} could not be removed: ${reason}`,
            tone: 'warning',
          },
        });
      }
    }
  }

  /** Deletes a just-uploaded file of this name and size, if the server kept one (best effort). */
  private async removeStray(name: string, bytes: number, sinceSec: number): Promise<void> {
    try {
      const page = await this.options.client.listFiles({ purpose: 'batch', limit: 20, order: 'desc' });
      const strays = page.items.filter(
        (f) => f.filename === name && f.bytes === bytes && (f.createdAt ?? 0) >= sinceSec - 5,
      );
      await Promise.all(strays.map((f) => this.options.client.deleteFile(f.id).catch(() => undefined)));
    } catch {
      // Nothing more can be done; the files screen shows what is there.
    }
  }
}

interface EarlyUpload {
  path: string;
  /** Lets the last bytes go: the server gets the whole file. */
  release(): void;
  /** Stops it before the server has a whole file. */
  stop(): void;
  /** Where its progress goes (nowhere until the upload step takes it over). */
  listener: { progress: (sent: number, total: number) => void; last: [sent: number, total: number] | null };
  file: Promise<FileObject>;
}

/** Bytes per second over the last few seconds; a retry that starts again from 0 starts a new measure. */
class RateMeter {
  private samples: Array<{ at: number; bytes: number }> = [];

  constructor(private readonly now: () => number) {}

  add(bytes: number): number | null {
    const at = this.now();
    const last = this.samples.at(-1);
    if (last && bytes < last.bytes) this.samples = [];
    this.samples.push({ at, bytes });
    while (this.samples.length > 2 && at - this.samples[1]!.at >= RATE_WINDOW_MS) this.samples.shift();
    const first = this.samples[0]!;
    const span = at - first.at;
    if (span < MIN_RATE_SPAN_MS) return null;
    return ((bytes - first.bytes) * 1000) / span;
  }
}

/**
 * Whether a failed create may have made the batch all the same. Only a server that answered with a
 * refusal (4xx) is known not to have made it; a lost connection, a timeout, a 5xx (a proxy may
 * have given up on a backend that went on) or an answer that could not be read may hide one.
 */
function createMayHaveHappened(error: unknown): boolean {
  if (!isApiError(error)) return true;
  return !(error.status !== undefined && error.status >= 400 && error.status < 500);
}

function unknownOutcome(reason: string): string {
  return `Unknown whether the batch was created — check the job list. ${reason}`;
}

/** An error as one line for a notice; "unknown error" when it says nothing. */
function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return text.trim() || 'unknown error';
}
